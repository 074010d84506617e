// verifyWebhook in Node, through the package's node entry: every case of cases.mjs, signed with
// Node's crypto.
import { test } from "node:test";
import assert from "node:assert/strict";
import { verifyWebhook, CustomerIoError } from "../../pkg/entry-node.js";
import { assertCaseResult, cases } from "./cases.mjs";
import { runCase } from "./run-case.mjs";

for (const item of cases()) {
  test(item.name, async () => {
    const result = await runCase(verifyWebhook, CustomerIoError, item);
    assertCaseResult(item, result);
  });
}

test("bad options reject (never throw synchronously)", async () => {
  const pending = verifyWebhook({ headers: {}, body: "" }, undefined);
  assert.ok(pending instanceof Promise);
  await assert.rejects(pending, (e) => e instanceof CustomerIoError && e.code === "invalid_params" && e.field === "options");
});
