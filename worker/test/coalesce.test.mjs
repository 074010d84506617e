// Coalescing in the broadcast's Durable Object: the deliveries waiting when a window opens go as
// one trigger, each person with their own delivery's data, and every delivery keeps its own
// record (the trigger's id, attempts, resolution): a redelivery triggers nothing, a lost answer
// is settled for all of them, a missing person fails only their own delivery. Bundled by
// wrangler, run in workerd with Durable Objects; the sandbox over HTTP is the API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { admin, ADMIN_TOKEN, BULK, bundleOnce, carried, deliver, settled, startSandbox, startWorker, tempDir, waitFor } from "./harness.mjs";

const SPACING_MS = 1500;
const worker = bundleOnce();

async function setup({ spacingMs = SPACING_MS, missingPeople, extraBindings = {} } = {}) {
  const sandbox = await startSandbox({ triggerSpacingMs: spacingMs, missingPeople });
  const state = tempDir("cio-worker-coalesce-");
  const mf = await startWorker({ outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs, timeoutMs: 2000, extraBindings });
  worker.cleanups.push(async () => {
    await mf.dispose();
    await sandbox.close();
    state.remove();
  });
  return { sandbox, mf };
}

/** Posts one delivery of rule `name` (ids: person, data: n = the delivery id). */
async function post(mf, name, n, extra = {}) {
  const answer = await deliver(mf, "bulk", "standard", { type: `bulk.${name}`, person: `person-${n}`, email: `person-${n}@example.com`, n, campaign: "spring", ...extra }, { id: n });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  return answer.body;
}

/** A first delivery, sent at once: the ones posted right after it wait for the next window together. */
async function lead(env, name) {
  await post(env.mf, name, `lead-${name}`);
  await waitFor(async () => (await admin(env.mf, `/deliveries/bulk/lead-${name}`)).body.status !== "queued", { what: "the lead delivery to leave" });
}

const all = (mf, ids) => Promise.all(ids.map((id) => settled(mf, "bulk", id)));

test("deliveries waiting for one window go as one trigger; each records its id and its person gets their own data", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  const ids = ["c-1", "c-2", "c-3", "c-4"];
  for (const id of ids) await post(env.mf, "ids", id);
  const records = await all(env.mf, ids);
  const triggers = env.sandbox.triggers(BULK.ids);
  assert.equal(triggers.length, 2, "the lead's trigger, then one for the four");
  const [, shared] = triggers;
  assert.deepEqual(carried(shared), ids.map((id) => ({ person: `person-${id}`, delivery: id })));
  assert.equal("data" in shared.request, false, "different data lives in each person's data");
  for (const record of records) {
    assert.equal(record.status, "sent");
    assert.equal(record.trigger_id, shared.id);
    assert.equal(record.attempts, 1);
    assert.deepEqual(record.coalesced, { deliveries: 4, people: 4 });
  }
});

test("a redelivery of any delivery a coalesced trigger carried triggers nothing", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  for (const id of ["r-1", "r-2", "r-3"]) await post(env.mf, "ids", id);
  const records = await all(env.mf, ["r-1", "r-2", "r-3"]);
  const before = env.sandbox.triggers().length;
  for (const record of records) {
    const again = await deliver(env.mf, "bulk", "standard", { type: "bulk.ids", person: "x", n: record.delivery_id }, { id: record.delivery_id });
    assert.deepEqual([again.status, again.body.duplicate, again.body.trigger_id], [200, true, record.trigger_id]);
  }
  await new Promise((resolve) => setTimeout(resolve, SPACING_MS + 500));
  assert.equal(env.sandbox.triggers().length, before);
});

test("deliveries with the same data share it as the trigger's data, person data kept", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "shared");
  for (const id of ["s-1", "s-2"]) await post(env.mf, "shared", id);
  await all(env.mf, ["s-1", "s-2"]);
  const [, trigger] = env.sandbox.triggers(BULK.shared);
  assert.deepEqual(trigger.request.data, { campaign: "spring" });
  assert.deepEqual(trigger.request.per_user_data, [{ id: "person-s-1", data: { delivery: "s-1" } }, { id: "person-s-2", data: { delivery: "s-2" } }]);
  assert.deepEqual([trigger.request.id_ignore_missing, trigger.request.email_ignore_missing], [true, true]);
});

test("deliveries by email merge into per_user_data entries by email", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "emails");
  for (const id of ["e-1", "e-2"]) await post(env.mf, "emails", id);
  await all(env.mf, ["e-1", "e-2"]);
  const [, trigger] = env.sandbox.triggers(BULK.emails);
  assert.deepEqual(trigger.request.per_user_data, [{ email: "person-e-1@example.com", data: { delivery: "e-1" } }, { email: "person-e-2@example.com", data: { delivery: "e-2" } }]);
});

test("a recipients filter keeps its own trigger, and the deliveries after it wait: arrival order is kept", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  await post(env.mf, "ids", "o-1");
  await post(env.mf, "ids", "o-2");
  await post(env.mf, "segment", "o-3");
  await post(env.mf, "ids", "o-4");
  await all(env.mf, ["o-1", "o-2", "o-3", "o-4"]);
  const [, first, second, third] = env.sandbox.triggers(BULK.ids);
  assert.deepEqual(carried(first).map((c) => c.delivery), ["o-1", "o-2"]);
  assert.deepEqual(second.request.recipients, { segment: { id: 3 } });
  assert.deepEqual(second.request.data, { delivery: "o-3" }, "sent exactly as its rule mapped it");
  assert.deepEqual(carried(third).map((c) => c.delivery), ["o-4"]);
});

test("a rule with coalesce false gives every delivery its own trigger", { timeout: 60_000 }, async () => {
  const env = await setup({ spacingMs: 500 });
  await lead(env, "off");
  for (const id of ["f-1", "f-2"]) await post(env.mf, "off", id);
  const records = await all(env.mf, ["f-1", "f-2"]);
  const triggers = env.sandbox.triggers(BULK.off);
  assert.equal(triggers.length, 3);
  assert.deepEqual(triggers.slice(1).map((t) => t.request), [{ ids: ["person-f-1"], data: { delivery: "f-1" } }, { ids: ["person-f-2"], data: { delivery: "f-2" } }]);
  assert.equal(records.some((r) => r.coalesced), false);
});

test("a person in two waiting deliveries gets one message per delivery by default: the later waits a window", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  await post(env.mf, "ids", "p-1", { person: "same" });
  await post(env.mf, "ids", "p-2", { person: "other" });
  await post(env.mf, "ids", "p-3", { person: "same" });
  const [a, b, c] = await all(env.mf, ["p-1", "p-2", "p-3"]);
  assert.equal(a.trigger_id, b.trigger_id);
  assert.notEqual(c.trigger_id, a.trigger_id);
  const sent = env.sandbox.triggers(BULK.ids).flatMap(carried).filter((x) => x.person === "same");
  assert.deepEqual(sent.map((x) => x.delivery), ["p-1", "p-3"]);
});

test("with repeat_person once, a person in two waiting deliveries is sent once, and the later delivery says so", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "once");
  await post(env.mf, "once", "q-1", { person: "same" });
  await post(env.mf, "once", "q-2", { person: "same" });
  const [a, b] = await all(env.mf, ["q-1", "q-2"]);
  assert.equal(b.trigger_id, a.trigger_id);
  assert.deepEqual(b.repeat_people, ["id:same"]);
  assert.deepEqual(env.sandbox.triggers(BULK.once).flatMap(carried).filter((x) => x.person === "same").map((x) => x.delivery), ["q-1"]);
});

test("a person missing from the workspace fails only their own delivery, recorded from the trigger's errors", { timeout: 60_000 }, async () => {
  const env = await setup({ missingPeople: ["person-m-2"] });
  await lead(env, "ids");
  for (const id of ["m-1", "m-2", "m-3"]) await post(env.mf, "ids", id);
  const [one, , three] = await all(env.mf, ["m-1", "m-2", "m-3"]);
  const missing = await waitFor(async () => {
    const { body } = await admin(env.mf, "/deliveries/bulk/m-2");
    return body.status === "failed" && body;
  }, { what: "the missing person's delivery to be recorded failed" });
  assert.equal(missing.error.code, "people_missing");
  assert.equal(missing.trigger_id, one.trigger_id, "it was carried by the same trigger");
  assert.match(missing.person_errors[0], /person-m-2/);
  for (const id of ["m-1", "m-3"]) {
    const { body } = await admin(env.mf, `/deliveries/bulk/${id}`);
    assert.deepEqual([body.status, body.person_errors], ["sent", undefined]);
  }
  assert.equal(three.trigger_id, one.trigger_id);
});

test("a lost answer of a coalesced trigger is settled for every delivery it carried: found in the list", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  env.sandbox.sandbox.inject({ kind: "drop", applied: true, path: `/v1/campaigns/${BULK.ids}/triggers` });
  for (const id of ["l-1", "l-2", "l-3"]) await post(env.mf, "ids", id);
  const records = await all(env.mf, ["l-1", "l-2", "l-3"]);
  const triggers = env.sandbox.triggers(BULK.ids);
  assert.equal(triggers.length, 2, "never resent");
  for (const record of records) {
    assert.deepEqual([record.status, record.trigger_id, record.attempts, record.resolution.resolved], ["sent", triggers[1].id, 1, "found_in_list"]);
  }
});

test("a coalesced trigger dropped before the API acted is sent again once, for all its deliveries", { timeout: 60_000 }, async () => {
  const env = await setup();
  await lead(env, "ids");
  env.sandbox.sandbox.inject({ kind: "drop", path: `/v1/campaigns/${BULK.ids}/triggers` });
  for (const id of ["d-1", "d-2"]) await post(env.mf, "ids", id);
  const records = await all(env.mf, ["d-1", "d-2"]);
  const triggers = env.sandbox.triggers(BULK.ids);
  assert.equal(triggers.length, 2);
  assert.deepEqual(carried(triggers[1]).map((c) => c.delivery), ["d-1", "d-2"]);
  for (const record of records) assert.deepEqual([record.status, record.attempts, record.resent_after_proof, record.trigger_id], ["sent", 2, 1, triggers[1].id]);
});

test("a coalesced trigger the API refuses is split: each delivery is then sent alone", { timeout: 60_000 }, async () => {
  const env = await setup({ spacingMs: 500 });
  await lead(env, "ids");
  env.sandbox.sandbox.inject({ kind: "status", status: 400, path: `/v1/campaigns/${BULK.ids}/triggers` });
  for (const id of ["x-1", "x-2"]) await post(env.mf, "ids", id);
  const records = await all(env.mf, ["x-1", "x-2"]);
  assert.deepEqual(records.map((r) => r.status), ["sent", "sent"]);
  assert.notEqual(records[0].trigger_id, records[1].trigger_id);
  assert.equal(records[0].split_after.code, "api_error");
});

test("the queue route reports waiting deliveries, people, triggers needed and the time they take", { timeout: 60_000 }, async () => {
  const env = await setup({ spacingMs: 60_000 });
  await lead(env, "ids");
  for (const id of ["w-1", "w-2", "w-3"]) await post(env.mf, "ids", id);
  await post(env.mf, "segment", "w-4");
  const queue = (await admin(env.mf, `/broadcasts/${BULK.ids}/queue`)).body;
  assert.deepEqual([queue.length, queue.people, queue.solo_deliveries, queue.triggers_needed], [4, 3, 1, 2]);
  assert.ok(queue.time_needed_ms > 60_000 && queue.time_needed_ms <= 120_000 + queue.rate_ms_per_trigger, JSON.stringify(queue));
  assert.equal(Date.parse(queue.drained_by) - Date.parse(queue.next_send_at) <= queue.rate_ms_per_trigger + 1000, true);
  assert.equal((await admin(env.mf, `/broadcasts/${BULK.ids}/queue`, "wrong")).status, 401);
  assert.ok(ADMIN_TOKEN);
});
