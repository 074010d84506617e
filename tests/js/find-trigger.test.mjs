// findTrigger through the built package, against the sandbox: after an unknown_outcome it says
// which trigger the attempt made, that none was made, or that it cannot tell.
// Run: node --test tests/js/find-trigger.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { API_KEY, T0_SECONDS, rejects, setup, setupHttp } from "./helpers.mjs";

const TRIGGERS = (id) => `/v1/campaigns/${id}/triggers`;
const LIST = (id) => `/v1/broadcasts/${id}/triggers`;

test("a trigger created and then answered 503 is found in the attempt's window", async () => {
  const { cio, sandbox } = setup({ client: { spacing: false } });
  sandbox.inject({ kind: "status", status: 503, applied: true, path: TRIGGERS(11) });
  await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["u1"] }), "unknown_outcome");
  const created = sandbox.workspace.triggers.at(-1);
  const result = await cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS });
  assert.deepEqual(result, { outcome: "found", trigger: { id: created.id, broadcast_id: 11, created_at: T0_SECONDS, processed_at: created.processed_at } });
});

test("a trigger refused before the API acted leaves the window empty: none", async () => {
  const { cio, sandbox } = setup({ client: { spacing: false } });
  sandbox.inject({ kind: "status", status: 500, path: TRIGGERS(11) });
  await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["u1"] }), "unknown_outcome");
  assert.deepEqual(await cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS + 60 }), { outcome: "none" });
});

test("Dates are read as whole Unix seconds, like every timestamp of the package", async () => {
  const { cio, advance } = setup({ client: { spacing: false } });
  advance(1500);
  const { id } = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["u1"] });
  const result = await cio.findTrigger({ broadcast_id: 11, after: new Date((T0_SECONDS + 1) * 1000 + 999), before: new Date((T0_SECONDS + 1) * 1000) });
  assert.equal(result.outcome, "found");
  assert.equal(result.trigger.id, id);
});

test("two triggers in the window cannot be told apart, unless the caller excludes the one it knows", async () => {
  const { cio, advance } = setup({ client: { spacing: false } });
  const first = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["u1"] });
  advance(10_000);
  const second = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["u2"] });
  const window = { broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS + 10 };
  const ambiguous = await cio.findTrigger(window);
  assert.equal(ambiguous.outcome, "ambiguous");
  assert.deepEqual(ambiguous.candidates.map((t) => t.id), [first.id, second.id]);
  const found = await cio.findTrigger({ ...window, exclude: [first.id] });
  assert.deepEqual([found.outcome, found.trigger.id], ["found", second.id]);
});

test("an unreachable list is an answer, not a rejection: outcome unreachable with the error's code", async () => {
  const { cio, sandbox } = setup({ client: { retry: false } });
  sandbox.inject({ kind: "status", status: 503, path: LIST(11) });
  const result = await cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS });
  assert.equal(result.outcome, "unreachable");
  assert.equal(result.error.code, "api_error");
  assert.equal(result.error.status, 503);
  assert.ok(!JSON.stringify(result).includes(API_KEY));
});

test("over HTTP, a dropped connection after the API acted is found; reads retry under the client's policy", async () => {
  const { cio, sandbox, close } = await setupHttp({ client: { spacing: false } });
  try {
    sandbox.inject({ kind: "drop", applied: true, path: TRIGGERS(12) });
    await rejects(cio.triggerBroadcast({ broadcast_id: 12, ids: ["u1"] }), "unknown_outcome");
    sandbox.inject({ kind: "status", status: 503, path: LIST(12) });
    const result = await cio.findTrigger({ broadcast_id: 12, after: T0_SECONDS, before: T0_SECONDS });
    assert.equal(result.outcome, "found");
    assert.equal(sandbox.requests.filter((r) => r.path === LIST(12)).length, 2, "the 503 was retried");
  } finally {
    await close();
  }
});

test("bad parameters reject before anything is sent, with code and field", async () => {
  const { cio, sandbox } = setup();
  await rejects(cio.findTrigger({ broadcast_id: 11, after: "2026-09-01T12:00:00Z", before: T0_SECONDS }), "invalid_timestamp", "after");
  await rejects(cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS + 5, before: T0_SECONDS }), "invalid_timestamp", "after");
  await rejects(cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS * 1000, before: T0_SECONDS * 1000 }), "invalid_timestamp", "after");
  await rejects(cio.findTrigger({ broadcast_id: "eleven", after: T0_SECONDS, before: T0_SECONDS }), "invalid_params", "broadcast_id");
  await rejects(cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS, since: 1 }), "invalid_params", "since");
  await rejects(cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS, exclude: ["x"] }), "invalid_params", "exclude[0]");
  await rejects(cio.findTrigger(), "invalid_params");
  assert.equal(sandbox.requests.length, 0);
});

test("an abort rejects aborted rather than answering unreachable", async () => {
  const { cio } = setup();
  await rejects(cio.findTrigger({ broadcast_id: 11, after: T0_SECONDS, before: T0_SECONDS }, { signal: AbortSignal.abort() }), "aborted");
});
