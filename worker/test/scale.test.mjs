// The Worker at scale (`make load`; minutes, so not in `make test`): 10 000 deliveries to one
// broadcast within a minute, plus 1 000 redeliveries, with SPACING_MS at the API's real 10 000 and
// the sandbox enforcing it, and the fault kinds of the exactly-once work on the trigger endpoint
// (429; 500 and a dropped connection before the API acted; 503 and a dropped connection after it
// acted; a hang past the trigger timeout). Coalescing carries every waiting delivery in the next
// window's trigger. Then, for comparison, 100 deliveries of a rule with coalescing off, at a short
// spacing, extrapolated to 10 000 at the real spacing. Figures go to test-results/worker-scale.json
// (times are reported, never asserted).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { admin, BULK, bundleOnce, carried, deliver, drained, REPO_DIR, startSandbox, startWorker, tempDir, withRedeliveries } from "./harness.mjs";
import { seededRandom } from "../../tests/common/random.mjs";

const SPACING_MS = 10_000;
const UNIQUE = 10_000;
const REDELIVERIES = 1_000;
const CONCURRENCY = 32;
const COMPARE = 100;
const COMPARE_SPACING_MS = 200;
const figures = {};

const worker = bundleOnce();

after(() => {
  mkdirSync(join(REPO_DIR, "test-results"), { recursive: true });
  writeFileSync(join(REPO_DIR, "test-results", "worker-scale.json"), `${JSON.stringify(figures, null, 2)}\n`);
});

async function setup(spacingMs, extraBindings = {}) {
  const sandbox = await startSandbox({ triggerSpacingMs: spacingMs });
  const state = tempDir("cio-worker-scale-");
  const mf = await startWorker({ outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs, timeoutMs: 5000, extraBindings: { QUEUE_LIMIT: "20000", ...extraBindings } });
  worker.cleanups.push(async () => {
    await mf.dispose();
    await sandbox.close();
    state.remove();
  });
  return { sandbox, mf };
}

/** Posts `deliveries` (`{ id, rule }`) with CONCURRENCY senders; the count of each answer. */
async function postAll(mf, deliveries) {
  const answers = {};
  let cursor = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (cursor < deliveries.length) {
      const d = deliveries[cursor++];
      const answer = await deliver(mf, "bulk", "standard", { type: `bulk.${d.rule}`, person: `person-${d.id}`, n: d.id }, { id: d.id });
      answers[answer.status] = (answers[answer.status] ?? 0) + 1;
      assert.ok(answer.status === 202 || answer.status === 200, JSON.stringify(answer));
    }
  }));
  return answers;
}

/** Every unique delivery's record, checked against the triggers: lost and duplicated ones. */
async function audit(env, broadcast, ids) {
  const carriers = new Map();
  for (const trigger of env.sandbox.triggers(broadcast)) {
    for (const { delivery } of carried(trigger)) carriers.set(delivery, (carriers.get(delivery) ?? []).concat(trigger.id));
  }
  let lost = 0;
  const outcomes = {};
  const settledBy = { first_attempt: 0, found_in_list: 0, resent_after_proof: 0 };
  for (const id of ids) {
    const { body } = await admin(env.mf, `/deliveries/bulk/${id}`);
    outcomes[body.status] = (outcomes[body.status] ?? 0) + 1;
    const made = carriers.get(id) ?? [];
    if (body.status !== "sent" || made.length !== 1 || made[0] !== body.trigger_id) lost++;
    if (body.resolution?.resolved === "found_in_list") settledBy.found_in_list++;
    else if (body.resent_after_proof > 0) settledBy.resent_after_proof++;
    else if (body.status === "sent") settledBy.first_attempt++;
  }
  const duplicates = [...carriers.values()].filter((triggers) => triggers.length > 1).length;
  return { lost, duplicates, outcomes, settledBy };
}

test("10 000 deliveries to one broadcast in a minute, 1 000 redeliveries, faults: coalesced, none lost, none twice", { timeout: 900_000 }, async () => {
  const env = await setup(SPACING_MS);
  const path = `/v1/campaigns/${BULK.scale}/triggers`;
  const faults = [
    ["429", { kind: "status", status: 429, retryAfter: "1" }],
    ["500 before acting", { kind: "status", status: 500 }],
    ["503 after acting", { kind: "status", status: 503, applied: true }],
    ["drop before acting", { kind: "drop" }],
    ["drop after acting", { kind: "drop", applied: true }],
    ["hang past the timeout", { kind: "hang", hangMs: 6_000 }],
  ];
  const next = seededRandom(20261206);
  const unique = Array.from({ length: UNIQUE }, (_, n) => ({ id: `s-${n}`, rule: "scale" }));
  const deliveries = withRedeliveries(unique, REDELIVERIES, next);
  const startedAt = Date.now();
  // The faults are armed once the first delivery is in: they meet coalesced triggers.
  const posting = postAll(env.mf, deliveries);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const [, fault] of faults) env.sandbox.sandbox.inject({ ...fault, path });
  const answers = await posting;
  const acceptedIn = Date.now() - startedAt;
  const queueAtEnd = (await admin(env.mf, `/broadcasts/${BULK.scale}/queue`)).body;
  await drained(env.mf, BULK.scale, 800_000);
  const triggers = env.sandbox.triggers(BULK.scale);
  const lastTriggered = Math.max(...env.sandbox.seen.filter((r) => r.method === "POST" && r.path === path && r.status === 200).map((r) => r.at));
  const result = await audit(env, BULK.scale, unique.map((d) => d.id));
  Object.assign(figures, {
    coalesced: {
      deliveries: deliveries.length, unique: UNIQUE, redeliveries: REDELIVERIES, spacing_ms: SPACING_MS, answers,
      accepted_in_ms: acceptedIn,
      queue_when_all_accepted: { length: queueAtEnd.length, people: queueAtEnd.people, triggers_needed: queueAtEnd.triggers_needed, time_needed_ms: queueAtEnd.time_needed_ms },
      faults_injected: faults.map(([name]) => name),
      trigger_requests: env.sandbox.seen.filter((r) => r.method === "POST" && r.path === path).length,
      triggers_sent: triggers.length,
      people_per_trigger: triggers.map((t) => carried(t).length),
      first_delivery_to_last_person_triggered_ms: lastTriggered - startedAt,
      ...result,
    },
  });
  console.log(`# worker scale figures (coalesced): ${JSON.stringify(figures.coalesced)}`);
  assert.equal(result.lost, 0, "no delivery lost");
  assert.equal(result.duplicates, 0, "no delivery triggered twice");
  assert.deepEqual(result.outcomes, { sent: UNIQUE });
  assert.equal(answers[202], UNIQUE);
  assert.equal(answers[200], REDELIVERIES);
  assert.ok(triggers.length < 100, `coalesced into ${triggers.length} triggers`);
});

test(`without coalescing: ${COMPARE} deliveries measured, 10 000 extrapolated at SPACING_MS ${SPACING_MS}`, { timeout: 300_000 }, async () => {
  const env = await setup(COMPARE_SPACING_MS);
  const ids = Array.from({ length: COMPARE }, (_, n) => ({ id: `o-${n}`, rule: "off" }));
  const startedAt = Date.now();
  await postAll(env.mf, ids);
  await drained(env.mf, BULK.off, 280_000);
  const path = `/v1/campaigns/${BULK.off}/triggers`;
  const lastTriggered = Math.max(...env.sandbox.seen.filter((r) => r.method === "POST" && r.path === path && r.status === 200).map((r) => r.at));
  const tookMs = lastTriggered - startedAt;
  const triggers = env.sandbox.triggers(BULK.off);
  const result = await audit(env, BULK.off, ids.map((d) => d.id));
  // Each trigger costs the spacing plus its own time on the way; the latter is what was measured.
  const perTriggerOverheadMs = Math.max(0, tookMs / COMPARE - COMPARE_SPACING_MS);
  const extrapolatedMs = Math.round(UNIQUE * (SPACING_MS + perTriggerOverheadMs));
  figures.without_coalescing = {
    measured: { deliveries: COMPARE, spacing_ms: COMPARE_SPACING_MS, triggers_sent: triggers.length, first_delivery_to_last_person_triggered_ms: tookMs, ...result },
    per_trigger_overhead_ms: Math.round(perTriggerOverheadMs),
    extrapolated_10000_at_spacing_ms: SPACING_MS,
    extrapolated_ms: extrapolatedMs,
    extrapolated_hours: Number((extrapolatedMs / 3_600_000).toFixed(1)),
  };
  console.log(`# worker scale figures (without coalescing): ${JSON.stringify(figures.without_coalescing)}`);
  assert.equal(triggers.length, COMPARE, "one trigger per delivery");
  assert.equal(result.lost, 0);
  assert.equal(result.duplicates, 0);
});
