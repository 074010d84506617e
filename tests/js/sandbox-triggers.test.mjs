// The sandbox's broadcast triggers at the Worker's scale: a per_user_data trigger of 10 000 people
// is accepted and recorded, and a person the sandbox treats as missing (createSandbox({
// missingPeople })) fails the trigger (422) unless the matching *_ignore_missing flag skips them,
// either way listed in the trigger's errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg-template/sandbox/index.js";

const ORIGIN = "http://sandbox.test";

async function trigger(sandbox, body) {
  const response = await sandbox.fetch(`${ORIGIN}/v1/campaigns/11/triggers`, {
    method: "POST", headers: { authorization: `Bearer ${sandbox.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function errors(sandbox, triggerId) {
  const response = await sandbox.fetch(`${ORIGIN}/v1/campaigns/11/triggers/${triggerId}/errors?limit=100`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
  return (await response.json()).errors;
}

test("a per_user_data trigger of 10 000 people is accepted and recorded whole", async () => {
  const sandbox = createSandbox({ triggerSpacingMs: 0 });
  const people = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, data: { delivery: `d${i}` } }));
  const answer = await trigger(sandbox, { per_user_data: people, id_ignore_missing: true });
  assert.equal(answer.status, 200);
  const recorded = sandbox.workspace.triggers.find((t) => t.id === answer.body.id);
  assert.equal(recorded.request.per_user_data.length, 10_000);
  assert.deepEqual(recorded.request.per_user_data[9_999], { id: "p9999", data: { delivery: "d9999" } });
  assert.equal((await trigger(sandbox, { per_user_data: [...people, { id: "one-more" }] })).status, 422);
});

test("a missing person fails the trigger with 422 naming its errors, unless the ignore flag skips them", async () => {
  const sandbox = createSandbox({ triggerSpacingMs: 0, missingPeople: ["ghost", "Ghost@Example.com"] });
  const refused = await trigger(sandbox, { ids: ["a", "ghost"] });
  assert.equal(refused.status, 422);
  const id = Number(/trigger (\d+)/.exec(refused.body.errors[0].detail)[1]);
  assert.deepEqual(await errors(sandbox, id), ['line 2: customer with id "ghost" does not exist']);
  const skipped = await trigger(sandbox, { per_user_data: [{ email: "ghost@example.com" }, { id: "b" }], email_ignore_missing: true });
  assert.equal(skipped.status, 200);
  assert.deepEqual(await errors(sandbox, skipped.body.id), ['line 1: customer with email "ghost@example.com" does not exist']);
  assert.equal((await trigger(sandbox, { ids: ["a", "b"] })).status, 200, "everyone else exists");
});
