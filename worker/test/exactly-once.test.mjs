// Exactly once at the API: the spacing the API sees (from the end of the previous attempt), a
// not_before that tells the truth, unknown outcomes settled from the trigger list (found, resent
// after proof, left unknown when the list is unreachable or ambiguous), and the admin's resend.
// Bundled by wrangler, run in workerd with Durable Objects; the sandbox over HTTP is the API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { admin, ADMIN_TOKEN, API_KEY, bundleOnce, deliver, drained, settled, startSandbox, startWorker, tempDir, waitFor } from "./harness.mjs";

const worker = bundleOnce();

async function setup({ spacingMs = 200, timeoutMs = 1000, extraBindings = {}, apiSpacingMs = spacingMs } = {}) {
  const sandbox = await startSandbox({ triggerSpacingMs: apiSpacingMs });
  const state = tempDir("cio-worker-state-");
  const mf = await startWorker({ outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs, timeoutMs, extraBindings });
  worker.cleanups.push(async () => {
    await mf.dispose();
    await sandbox.close();
    state.remove();
  });
  return { sandbox, mf };
}

async function post(mf, broadcast, tag) {
  const answer = await deliver(mf, "load", "standard", { type: `load.${broadcast}`, person: `person-${tag}`, n: tag }, { id: tag });
  assert.equal(answer.status, 202, JSON.stringify(answer.body));
  return answer.body;
}

const triggerPath = (broadcast) => `/v1/campaigns/${broadcast}/triggers`;
const listPath = (broadcast) => `/v1/broadcasts/${broadcast}/triggers`;
const made = (env, broadcast, tag) => env.sandbox.triggers(broadcast).filter((t) => t.request.data?.delivery === tag);

test("the API sees SPACING_MS between two triggers even when the first is slowed on its way", { timeout: 60_000 }, async () => {
  const SPACING_MS = 1000;
  const env = await setup({ spacingMs: SPACING_MS, timeoutMs: 5000 });
  // The first trigger reaches the API 400 ms late (a slow hop): the API acts when it arrives.
  env.sandbox.sandbox.inject({ kind: "hang", hangMs: 400, path: triggerPath(1011) });
  await post(env.mf, 1011, "slow-0");
  await post(env.mf, 1011, "slow-1");
  await drained(env.mf, 1011);
  const atApi = env.sandbox.seen.filter((r) => r.method === "POST" && r.path === triggerPath(1011));
  assert.equal(atApi.length, 2, JSON.stringify(atApi));
  const gap = atApi[1].at - atApi[0].at;
  assert.ok(gap >= SPACING_MS, `the API saw the two triggers ${gap} ms apart`);
  assert.deepEqual(atApi.map((r) => r.status), [200, 200], "no 429");
});

test("not_before counts a trigger in flight once: the next delivery is not promised a spacing late", { timeout: 60_000 }, async () => {
  // The API does not enforce its spacing here, so a 429 cannot mask a wrong promise.
  const env = await setup({ spacingMs: 1000, timeoutMs: 5000, apiSpacingMs: 0 });
  env.sandbox.sandbox.inject({ kind: "hang", hangMs: 300, path: triggerPath(1012) });
  await post(env.mf, 1012, "nb-0");
  await waitFor(async () => (await admin(env.mf, "/deliveries/load/nb-0")).body.status === "sending", { what: "the first trigger in flight" });
  const second = await post(env.mf, 1012, "nb-1");
  const record = await settled(env.mf, "load", "nb-1");
  assert.equal(record.status, "sent");
  assert.ok(Date.parse(second.not_before) <= Date.parse(record.attempted_at), `promised ${second.not_before}, sent ${record.attempted_at}`);
});

test("a trigger created and then answered 503 is found in the trigger list: sent, with its id, never resent", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "status", status: 503, applied: true, path: triggerPath(1013) });
  await post(env.mf, 1013, "found-0");
  const record = await settled(env.mf, "load", "found-0");
  assert.equal(record.status, "sent", JSON.stringify(record));
  assert.equal(record.attempts, 1);
  assert.deepEqual([record.resolution.verdict, record.resolution.resolved], ["found", "found_in_list"]);
  const triggers = made(env, 1013, "found-0");
  assert.deepEqual(triggers.map((t) => t.id), [record.trigger_id]);
});

test("a connection dropped before the API acted: the list shows no trigger, so it is sent again, once", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "drop", path: triggerPath(1014) });
  await post(env.mf, 1014, "proof-0");
  const record = await settled(env.mf, "load", "proof-0");
  assert.equal(record.status, "sent", JSON.stringify(record));
  assert.equal(record.attempts, 2);
  assert.equal(record.resent_after_proof, 1);
  assert.equal(made(env, 1014, "proof-0").length, 1);
});

test("while the trigger list is unreachable the outcome stays unknown_outcome and nothing is resent", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "status", status: 500, path: triggerPath(1015) });
  env.sandbox.sandbox.inject({ kind: "status", status: 503, path: listPath(1015), times: 1000 });
  await post(env.mf, 1015, "unreachable-0");
  const record = await settled(env.mf, "load", "unreachable-0");
  assert.equal(record.status, "unknown_outcome", JSON.stringify(record));
  assert.equal(record.attempts, 1);
  assert.equal(record.resolution.verdict, "unreachable");
  assert.equal(record.resolution.error.code, "api_error");
  assert.ok(record.resolution.checks >= 2, "the list was read more than once (a backoff)");
  assert.equal(made(env, 1015, "unreachable-0").length, 0);
  env.sandbox.sandbox.clearFaults();
});

test("another sender's trigger in the window makes it ambiguous: unknown_outcome naming both candidates", { timeout: 60_000 }, async () => {
  const env = await setup();
  env.sandbox.sandbox.inject({ kind: "drop", applied: true, path: triggerPath(1016) });
  // The first reads of the list fail, so that the other sender's trigger is there when it is read.
  env.sandbox.sandbox.inject({ kind: "status", status: 503, path: listPath(1016), times: 2 });
  await post(env.mf, 1016, "ambiguous-0");
  await waitFor(() => made(env, 1016, "ambiguous-0").length === 1, { what: "the trigger to be created" });
  // Someone else triggers the same broadcast in the UI meanwhile.
  const { triggers } = env.sandbox.sandbox.workspace;
  const now = Math.floor(Date.now() / 1000);
  triggers.push({ id: Math.max(...triggers.map((t) => t.id)) + 1, broadcast_id: 1016, created_at: now, processed_at: now + 2, request: {}, errors: [] });
  const record = await settled(env.mf, "load", "ambiguous-0");
  assert.equal(record.status, "unknown_outcome", JSON.stringify(record));
  assert.equal(record.resolution.verdict, "ambiguous");
  assert.equal(record.resolution.candidates.length, 2);
  assert.match(record.error.message, /something else triggers broadcast 1016/);
});

test("with RESEND_AFTER_PROOF false, proof of no trigger records it failed not_sent, for a person to resend", { timeout: 60_000 }, async () => {
  const env = await setup({ extraBindings: { RESEND_AFTER_PROOF: "false" } });
  env.sandbox.sandbox.inject({ kind: "status", status: 502, path: triggerPath(1017) });
  await post(env.mf, 1017, "hold-0");
  const record = await settled(env.mf, "load", "hold-0");
  assert.deepEqual([record.status, record.error.code], ["failed", "not_sent"], JSON.stringify(record));
  assert.deepEqual([record.resolution.verdict, record.resolution.resolved], ["none", "none_in_list"]);
  assert.match(record.error.message, /resend/);
  assert.equal(made(env, 1017, "hold-0").length, 0);
});

test("the admin's resend answers what will be sent, and sends only with the matching confirm token", { timeout: 60_000 }, async () => {
  const env = await setup();
  // The list stays unreachable: the outcome stays unknown, for a person.
  env.sandbox.sandbox.inject({ kind: "status", status: 500, path: triggerPath(1018) });
  env.sandbox.sandbox.inject({ kind: "status", status: 503, path: listPath(1018), times: 1000 });
  await post(env.mf, 1018, "admin-0");
  assert.equal((await settled(env.mf, "load", "admin-0")).status, "unknown_outcome");
  env.sandbox.sandbox.clearFaults();
  const route = "http://worker.test/deliveries/load/admin-0/resend";
  const ask = (init = {}, token = ADMIN_TOKEN) => env.mf.dispatchFetch(route, { method: "POST", ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  assert.equal((await ask({}, "wrong")).status, 401);
  const preview = await ask();
  assert.equal(preview.status, 200);
  const shown = await preview.json();
  assert.equal(shown.will_send.method, "POST");
  assert.match(shown.will_send.url, /\/v1\/campaigns\/1018\/triggers$/);
  assert.deepEqual(JSON.parse(shown.will_send.body), { ids: ["person-admin-0"], data: { delivery: "admin-0" } });
  assert.ok(!JSON.stringify(shown).includes(API_KEY), "the key is redacted");
  assert.equal(made(env, 1018, "admin-0").length, 0, "asking sends nothing");
  assert.equal((await ask({ body: JSON.stringify({ confirm: "0000" }) })).status, 409);
  const queued = await ask({ body: JSON.stringify({ confirm: shown.confirm }) });
  assert.equal(queued.status, 202, await queued.clone().text());
  assert.equal((await queued.json()).status, "queued");
  const record = await settled(env.mf, "load", "admin-0");
  assert.equal(record.status, "sent");
  assert.ok(record.resent_by_admin_at);
  assert.equal(made(env, 1018, "admin-0").length, 1);
  const again = await ask({ body: JSON.stringify({ confirm: shown.confirm }) });
  assert.equal(again.status, 409, "a sent delivery is not resent");
});
