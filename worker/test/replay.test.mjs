// The webhook Worker against replays and abuse: a signed body seen before is a duplicate
// whatever its delivery-id header says (schemes that sign no timestamp), each broadcast's queue
// has a bound (503 with Retry-After), a malformed path is a 400, and a payload whose mapped data
// is nested ~100 000 deep is the 422 the README promises, not a 500 the sender retries forever.
import { test } from "node:test";
import assert from "node:assert/strict";
import { admin, bundleOnce, deliver, drained, settled, startSandbox, startWorker, tempDir } from "./harness.mjs";

const SPACING_MS = 200;
const worker = bundleOnce();

async function setup({ spacingMs = SPACING_MS, extraBindings = {} } = {}) {
  const sandbox = await startSandbox({ triggerSpacingMs: Math.min(spacingMs, 1000) });
  const state = tempDir("cio-worker-state-");
  const mf = await startWorker({ outdir: worker.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs, extraBindings });
  worker.cleanups.push(async () => {
    await mf.dispose();
    await sandbox.close();
    state.remove();
  });
  return { sandbox, mf };
}

const github = (tag) => ({ action: "published", release: { tag_name: tag }, repository: { full_name: "acme/rockets" } });
const shopify = (tag) => ({ id: 820982911946154500, email: "wile@acme.example", order_number: tag, financial_status: "paid", total_price: "59.00" });

test("50 captured GitHub and Shopify deliveries replayed with fresh ids trigger nothing, and a genuine delivery is not delayed by them", { timeout: 120_000 }, async () => {
  const env = await setup();
  const captured = [];
  for (let n = 0; n < 25; n++) {
    captured.push({ source: "github", payload: github(`v1.${n}.0`), id: `gh-${n}` });
    captured.push({ source: "shopify", payload: shopify(5000 + n), id: `shop-${n}` });
  }
  for (const c of captured) {
    const answer = await deliver(env.mf, c.source, c.source, c.payload, { id: c.id });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
  }
  await drained(env.mf, 12);
  await drained(env.mf, 13);
  const triggersBefore = env.sandbox.triggers().length;
  assert.equal(triggersBefore, 50);
  for (const [i, c] of captured.entries()) {
    // The same signed body and signature, under a delivery id never seen.
    const replay = await deliver(env.mf, c.source, c.source, c.payload, { id: `fresh-${i}` });
    assert.equal(replay.status, 200, JSON.stringify(replay.body));
    assert.equal(replay.body.duplicate, true);
    assert.equal(replay.body.delivery_id, c.id, "the answer is the first delivery's record");
  }
  assert.equal((await admin(env.mf, "/broadcasts/12/queue")).body.length, 0, "no replay was queued");
  const genuine = await deliver(env.mf, "github", "github", github("v2.0.0"), { id: "gh-genuine" });
  assert.equal(genuine.status, 202);
  const record = await settled(env.mf, "github", "gh-genuine");
  assert.equal(record.status, "sent");
  assert.ok(Date.parse(genuine.body.not_before) - Date.parse(record.received_at) <= SPACING_MS, `promised ${genuine.body.not_before} for a delivery received ${record.received_at}`);
  assert.equal(env.sandbox.triggers().length, triggersBefore + 1, "0 extra triggers: only the genuine one");
});

test("a full queue answers 503 with Retry-After and records nothing; a redelivery of a queued one is still its record", { timeout: 60_000 }, async () => {
  const env = await setup({ spacingMs: 60_000, extraBindings: { QUEUE_LIMIT: "3" } });
  const post = (n) => deliver(env.mf, "load", "standard", { type: "load.1001", person: `p${n}`, n: `full-${n}` }, { id: `full-${n}` });
  const statuses = [];
  // The first is sent at once; the next three wait a minute each: the queue is full.
  for (let n = 0; n < 4; n++) statuses.push((await post(n)).status);
  assert.deepEqual(statuses, [202, 202, 202, 202]);
  await settled(env.mf, "load", "full-0");
  const refused = await post(4);
  assert.equal(refused.status, 503, JSON.stringify(refused.body));
  assert.equal(refused.body.code, "queue_full");
  assert.equal(refused.headers.get("retry-after"), "60", "one spacing, in seconds");
  const queue = (await admin(env.mf, "/broadcasts/1001/queue")).body;
  assert.deepEqual([queue.length, queue.limit], [3, 3]);
  assert.equal((await admin(env.mf, "/deliveries/load/full-4")).status, 404, "nothing recorded: the sender's retry is a new delivery");
  const again = await post(2);
  assert.equal(again.status, 200, "a redelivery of a queued delivery is answered with its record");
});

test("a malformed path is a 400, not a 500", async () => {
  const env = await setup();
  for (const [method, path] of [["POST", "/hooks/%E0"], ["GET", "/deliveries/%E0/x"], ["GET", "/broadcasts/%/queue"]]) {
    const response = await env.mf.dispatchFetch(`http://worker.test${path}`, { method });
    assert.equal(response.status, 400, `${method} ${path}`);
    assert.equal((await response.json()).code, "malformed_path");
  }
});

test("a signed payload whose mapped data nests 100 000 deep is a 422 with code and field, recorded as failed", { timeout: 60_000 }, async () => {
  const env = await setup();
  const depth = 100_000;
  const deep = `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const rawBody = `{"action":"published","release":{"tag_name":${deep}},"repository":{"full_name":"acme/rockets"}}`;
  const answer = await deliver(env.mf, "github", "github", null, { id: "gh-deep", rawBody });
  assert.equal(answer.status, 422, JSON.stringify(answer.body).slice(0, 300));
  assert.equal(answer.body.code, "invalid_params");
  assert.match(answer.body.field, /^data\.release/);
  assert.ok(answer.body.field.length <= 500 && answer.body.message.length <= 500);
  const again = await deliver(env.mf, "github", "github", null, { id: "gh-deep", rawBody });
  assert.equal(again.status, 200);
  assert.equal(again.body.status, "failed");
  assert.equal(env.sandbox.triggers().length, 0);
});
