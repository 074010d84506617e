// The webhook Worker when things go wrong: a Worker restarted on the same storage resumes its
// queues (nothing lost, nothing sent twice), a trigger in flight when the isolate died or whose
// answer was lost is settled from the API's trigger list (never resent blindly), and the real
// 10 s spacing holds.
// Bundled by wrangler, run in workerd with Durable Objects persisted to a temp dir.
import { test } from "node:test";
import assert from "node:assert/strict";
import { admin, bundleOnce, deliver, drained, settled, startSandbox, startWorker, tempDir, waitFor } from "./harness.mjs";

const SPACING_MS = 200;
const worker = bundleOnce();

/** A sandbox, a state dir and a Worker on them; `restart()` disposes the Worker and starts another on the same storage. */
async function setup({ spacingMs = SPACING_MS, timeoutMs = 1000 } = {}) {
  const sandbox = await startSandbox({ triggerSpacingMs: spacingMs });
  const state = tempDir("cio-worker-state-");
  const options = { outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs, timeoutMs };
  const env = { sandbox, mf: await startWorker(options) };
  env.restart = async () => {
    await env.mf.dispose();
    env.mf = await startWorker(options);
  };
  worker.cleanups.push(async () => {
    await env.mf.dispose();
    await sandbox.close();
    state.remove();
  });
  return env;
}

/** Posts delivery `n` to load broadcast `broadcast` (rule: ids [person], data { delivery: n }). */
async function post(mf, broadcast, n, tag) {
  const answer = await deliver(mf, "load", "standard", { type: `load.${broadcast}`, person: `person-${n}`, n: `${tag}-${n}` }, { id: `${tag}-${n}` });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  return answer.body;
}

const record = async (mf, id) => (await admin(mf, `/deliveries/load/${id}`)).body;
const byDelivery = (sandbox, broadcast, tag) => {
  const counts = new Map();
  for (const t of sandbox.triggers(broadcast)) {
    const key = t.request.data?.delivery;
    if (key?.startsWith(`${tag}-`)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

test("10 queued, the Worker disposed and a new one started on the same storage: all 10 sent once", { timeout: 120_000 }, async () => {
  const env = await setup({ spacingMs: 1000 });
  const ids = [];
  for (let n = 0; n < 10; n++) ids.push((await post(env.mf, 1001, n, "restart")).delivery_id);
  // Dispose between two sends (the first is sent at once, the next 1 s later), not mid-flight.
  await waitFor(async () => (await record(env.mf, ids[0])).status === "sent", { what: "the first send" });
  const beforeRestart = byDelivery(env.sandbox, 1001, "restart").size;
  assert.ok(beforeRestart < 10, "some were still queued at the restart");
  await env.restart();
  // Only the persisted alarm drives the queue now: nothing is sent to the Worker until it is done.
  await waitFor(() => byDelivery(env.sandbox, 1001, "restart").size === 10, { timeoutMs: 60_000, what: "all 10 triggers after the restart" });
  const counts = byDelivery(env.sandbox, 1001, "restart");
  assert.deepEqual([...counts.values()], Array(10).fill(1), "each delivery triggered exactly once");
  for (const id of ids) assert.equal((await record(env.mf, id)).status, "sent");
  assert.deepEqual([...counts.keys()], ids, "in arrival order");
});

test("a trigger in flight when the Worker dies is settled from the trigger list after the restart: not created, so sent once after proof", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "hang", path: "/v1/campaigns/1002/triggers", hangMs: 60_000 });
  const { delivery_id: id } = await post(env.mf, 1002, 0, "inflight");
  await waitFor(() => env.sandbox.sandbox.requests.some((r) => r.path === "/v1/campaigns/1002/triggers"), { what: "the trigger to be in flight" });
  assert.equal((await record(env.mf, id)).status, "sending");
  await env.restart();
  const final = await settled(env.mf, "load", id);
  assert.equal(final.status, "sent", JSON.stringify(final));
  assert.equal(final.resent_after_proof, 1);
  assert.equal(final.resolution.verdict, "none");
  assert.match(final.last_error.message, /in flight/);
  await drained(env.mf, 1002);
  assert.deepEqual([...byDelivery(env.sandbox, 1002, "inflight").values()], [1], "exactly one trigger");
});

test("a 429 with Retry-After is waited out and the delivery is then sent once", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "status", status: 429, retryAfter: "1", path: "/v1/campaigns/1004/triggers" });
  const { delivery_id: id } = await post(env.mf, 1004, 0, "ratelimited");
  const final = await waitFor(async () => {
    const r = await record(env.mf, id);
    return r.status === "sent" && r;
  }, { what: "the rate-limited delivery to be sent" });
  assert.equal(final.attempts, 2);
  assert.deepEqual([...byDelivery(env.sandbox, 1004, "ratelimited").values()], [1]);
});

test("API faults (5xx or drop before acting, after acting, hang): each settled from the trigger list, one trigger per delivery", { timeout: 60_000 }, async () => {
  const env = await setup({ timeoutMs: 500 });
  const path = "/v1/campaigns/1003/triggers";
  const faults = [
    { kind: "status", status: 500, path },
    { kind: "status", status: 503, applied: true, path },
    { kind: "drop", path },
    { kind: "drop", applied: true, path },
    { kind: "hang", hangMs: 5_000, path },
  ];
  for (const fault of faults) env.sandbox.sandbox.inject(fault);
  const ids = [];
  for (let n = 0; n < 6; n++) ids.push((await post(env.mf, 1003, n, "faults")).delivery_id);
  await drained(env.mf, 1003);
  const records = await Promise.all(ids.map((id) => record(env.mf, id)));
  assert.deepEqual(records.map((r) => r.status), Array(6).fill("sent"), JSON.stringify(records));
  // The faults are consumed by the attempts in order, resends included: delivery 0 meets the 500
  // (nothing created: resent after proof) and then the 503 after acting (found in the list);
  // delivery 1 the drop, then the drop after acting (found); delivery 2 the hang (the Worker gave
  // up first, nothing created: resent after proof); the others none.
  assert.deepEqual(records.map((r) => r.resolution?.resolved ?? null), ["found_in_list", "found_in_list", "none_in_list_resent", null, null, null]);
  assert.deepEqual(records.map((r) => r.attempts), [2, 2, 2, 1, 1, 1]);
  assert.deepEqual(records.map((r) => r.resent_after_proof ?? 0), [1, 1, 1, 0, 0, 0]);
  const counts = byDelivery(env.sandbox, 1003, "faults");
  assert.deepEqual([...counts.keys()], ids, "one trigger each, in arrival order");
  assert.ok([...counts.values()].every((c) => c === 1), "no duplicate trigger");
  for (const r of records) assert.equal(env.sandbox.triggers(1003).find((t) => t.request.data.delivery === r.delivery_id).id, r.trigger_id);
});

test("the real spacing: 3 deliveries with SPACING_MS 10000 are sent at least 10 s apart", { timeout: 90_000 }, async () => {
  const env = await setup({ spacingMs: 10_000 });
  const ids = [];
  for (let n = 0; n < 3; n++) ids.push((await post(env.mf, 1005, n, "real")).delivery_id);
  await drained(env.mf, 1005, 80_000);
  const records = await Promise.all(ids.map((id) => record(env.mf, id)));
  assert.deepEqual(records.map((r) => r.status), ["sent", "sent", "sent"]);
  const at = records.map((r) => Date.parse(r.attempted_at));
  assert.ok(at[1] - at[0] >= 10_000 && at[2] - at[1] >= 10_000, `gaps ${at[1] - at[0]} and ${at[2] - at[1]} ms`);
  assert.deepEqual([...byDelivery(env.sandbox, 1005, "real").keys()], ids.map((id) => id));
});

test("a delivery record is forgotten after DEDUPE_DAYS, and the same id is then a new delivery", { timeout: 60_000 }, async () => {
  // 0.00002 days = 1.728 s: long enough to see the record, short enough to see it go.
  const sandbox = await startSandbox({ triggerSpacingMs: SPACING_MS });
  const state = tempDir("cio-worker-state-");
  const mf = await startWorker({ outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, extraBindings: { DEDUPE_DAYS: "0.00002" } });
  worker.cleanups.push(async () => {
    await mf.dispose();
    await sandbox.close();
    state.remove();
  });
  const { delivery_id: id } = await post(mf, 1006, 0, "expiry");
  await waitFor(async () => (await record(mf, id)).status === "sent", { what: "the send" });
  assert.equal((await deliver(mf, "load", "standard", { type: "load.1006", person: "person-0", n: "expiry-0" }, { id })).status, 200, "a redelivery inside the window");
  // Past the window the record is gone (forgotten by the alarm's sweep, or by the lookup itself).
  await waitFor(async () => (await admin(mf, `/deliveries/load/${id}`)).status === 404, { what: "the record to be forgotten" });
  const again = await deliver(mf, "load", "standard", { type: "load.1006", person: "person-0", n: "expiry-0" }, { id });
  assert.equal(again.status, 202, "after the window the same id is a new delivery");
});
