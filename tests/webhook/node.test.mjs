// verifyWebhook in Node, through the package's node entry: every case of cases.mjs, signed with
// Node's crypto.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyWebhook, CustomerIoError } from "../../pkg/entry-node.js";
import { ALL_SECRETS, cases } from "./cases.mjs";
import { runCase } from "./run-case.mjs";

for (const item of cases()) {
  test(item.name, async () => {
    const result = await runCase(verifyWebhook, CustomerIoError, item);
    if (item.expect.ok) {
      assert.deepEqual(result, { ok: item.expect.ok });
    } else {
      assert.equal(result.isError, true, `a CustomerIoError: ${JSON.stringify(result)}`);
      assert.deepEqual({ code: result.code, field: result.field }, item.expect, result.message);
      for (const secret of ALL_SECRETS) assert.ok(!result.message.includes(secret), "no secret in the message");
    }
  });
}

test("bad options reject (never throw synchronously)", async () => {
  const pending = verifyWebhook({ headers: {}, body: "" }, undefined);
  assert.ok(pending instanceof Promise);
  await assert.rejects(pending, (e) => e instanceof CustomerIoError && e.code === "invalid_params" && e.field === "options");
});
