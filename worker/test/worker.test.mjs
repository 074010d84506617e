// The webhook Worker's request path, bundled by wrangler and run in workerd with real Durable
// Objects: per scheme a signed delivery becomes exactly one trigger with the mapped audience and
// data; redeliveries trigger nothing; 30 deliveries to one broadcast are sent in order, spaced.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  SECRETS, admin, bundle, deliver, drained, settled as settledIn, startSandbox, startWorker, tempDir, testRules, uniqueIds,
  workerCopy,
} from "./harness.mjs";

const SPACING_MS = 200;
let sandbox;
let copy;
let built;
let state;
let mf;
const unique = uniqueIds();

before(async () => {
  sandbox = await startSandbox({ triggerSpacingMs: SPACING_MS });
  copy = workerCopy(testRules());
  built = await bundle(copy.dir);
  state = tempDir("cio-worker-state-");
  mf = await startWorker({ outdir: built.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, spacingMs: SPACING_MS });
});

after(async () => {
  await mf?.dispose();
  await sandbox?.close();
  built?.remove();
  copy?.remove();
  state?.remove();
});

/** Waits for a delivery to leave the queue and returns its record. */
const settled = (source, deliveryId) => settledIn(mf, source, deliveryId);

const examples = Object.fromEntries(testRules().slice(0, 5).map((rule) => [rule.source, rule]));

describe("per scheme, a signed delivery becomes exactly one trigger with the mapped audience and data", () => {
  test("stripe: the event id is the delivery id", async () => {
    const id = unique("evt");
    const payload = { ...examples.stripe.example, id };
    const answer = await deliver(mf, "stripe", "stripe", payload);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body).sort(), ["broadcast_id", "delivery_id", "not_before", "status"]);
    assert.equal(answer.body.delivery_id, id);
    assert.equal(answer.body.status, "queued");
    assert.equal(answer.body.broadcast_id, 11);
    const record = await settled("stripe", id);
    assert.equal(record.status, "sent");
    const mine = sandbox.triggers(11).filter((t) => t.id === record.trigger_id);
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0].request, { emails: ["road@runner.net"], data: { order: "cs_test_a1", amount: 2000, channel: "stripe" } });
  });

  test("github: X-GitHub-Delivery is the delivery id", async () => {
    const id = unique("gh");
    const answer = await deliver(mf, "github", "github", examples.github.example, { id });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const record = await settled("github", id);
    assert.equal(record.status, "sent");
    const [trigger] = sandbox.triggers(12).filter((t) => t.id === record.trigger_id);
    assert.deepEqual(trigger.request, { recipients: { segment: { id: 3 } }, data: { release: "v1.2.0", repository: "acme/rockets" } });
  });

  test("shopify: X-Shopify-Event-Id is the delivery id, and the same event under another X-Shopify-Webhook-Id is a duplicate", async () => {
    const event = unique("shop-event");
    const payload = { ...examples.shopify.example, order_number: unique("order") };
    const first = await deliver(mf, "shopify", "shopify", payload, { id: unique("shop"), headers: { "X-Shopify-Event-Id": event } });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(first.body.delivery_id, event);
    const other = { ...payload, note: "a second subscription's copy" };
    const again = await deliver(mf, "shopify", "shopify", other, { id: unique("shop"), headers: { "X-Shopify-Event-Id": event } });
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    const record = await settled("shopify", event);
    assert.equal(sandbox.triggers(13).filter((t) => t.request.per_user_data[0].data.order_number === payload.order_number).length, 1, String(record.trigger_id));
  });

  test("shopify without X-Shopify-Event-Id: X-Shopify-Webhook-Id is the delivery id", async () => {
    const id = unique("shop");
    const answer = await deliver(mf, "shopify", "shopify", examples.shopify.example, { id });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const record = await settled("shopify", id);
    assert.equal(record.status, "sent");
    const [trigger] = sandbox.triggers(13).filter((t) => t.id === record.trigger_id);
    assert.deepEqual(trigger.request, { per_user_data: [{ email: "wile@acme.example", data: { order_number: 1001 } }], data: { total: "59.00" } });
  });

  test("standard: webhook-id is the delivery id", async () => {
    const id = unique("msg");
    const answer = await deliver(mf, "standard", "standard", examples.standard.example, { id });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const record = await settled("standard", id);
    assert.equal(record.status, "sent");
    const [trigger] = sandbox.triggers(12).filter((t) => t.id === record.trigger_id);
    assert.deepEqual(trigger.request, { emails: ["new@acme.example"], data: { plan: "pro", welcome: true } });
  });

  test("customerio: no delivery id in the scheme, so a hash of source and body stands in", async () => {
    const payload = { ...examples.customerio.example, event_id: unique("cio") };
    const answer = await deliver(mf, "customerio", "customerio", payload);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.match(answer.body.delivery_id, /^sha256:[0-9a-f]{64}$/);
    const record = await settled("customerio", answer.body.delivery_id);
    assert.equal(record.status, "sent");
    const [trigger] = sandbox.triggers(11).filter((t) => t.id === record.trigger_id);
    assert.deepEqual(trigger.request, { ids: ["cust_0001"], data: { converted_from: "RAECAAFwnUSneIa0ZXkmq8EdkAM==" } });
  });
});

describe("answers to what is not a queued delivery", () => {
  test("an unknown source is 404", async () => {
    const answer = await deliver(mf, "paypal", "github", { action: "published" });
    assert.equal(answer.status, 404);
  });

  test("a bad signature is 401 with the code and the header", async () => {
    const answer = await deliver(mf, "github", "github", examples.github.example, { id: unique("gh"), secret: "not the secret" });
    assert.equal(answer.status, 401);
    assert.deepEqual([answer.body.code, answer.body.field], ["invalid_signature", "X-Hub-Signature-256"]);
    for (const secret of Object.values(SECRETS)) assert.ok(!JSON.stringify(answer.body).includes(secret));
  });

  test("an expired signature is 401 expired_signature", async () => {
    const body = JSON.stringify({ ...examples.stripe.example, id: unique("evt") });
    const { sign } = await import("../../tests/webhook/cases.mjs");
    const headers = { "content-type": "application/json", ...sign("stripe", { body, ts: Math.floor(Date.now() / 1000) - 3600 }) };
    const response = await mf.dispatchFetch("http://worker.test/hooks/stripe", { method: "POST", headers, body });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).code, "expired_signature");
  });

  test("a body over 1 MiB is 413", async () => {
    const rawBody = JSON.stringify({ ...examples.github.example, padding: "x".repeat(1024 * 1024) });
    const answer = await deliver(mf, "github", "github", null, { id: unique("gh"), rawBody });
    assert.equal(answer.status, 413);
  });

  test("an event no rule matches is acknowledged 200 ignored and triggers nothing", async () => {
    const before = sandbox.triggers().length;
    const answer = await deliver(mf, "github", "github", { action: "deleted" }, { id: unique("gh") });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: "ignored" });
    assert.equal(sandbox.triggers().length, before);
  });

  test("a rule whose parameters the package refuses is 422 with code and field, recorded as failed", async () => {
    const id = unique("evt");
    const payload = { id, type: "customer.deleted", data: { object: { email: "not-an-email" } } };
    const answer = await deliver(mf, "stripe", "stripe", payload);
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal(answer.body.code, "invalid_params");
    assert.match(answer.body.field, /^emails/);
    const again = await deliver(mf, "stripe", "stripe", payload);
    assert.equal(again.status, 200);
    assert.equal(again.body.status, "failed");
    assert.equal(again.body.error.field, answer.body.field);
  });

  test("the admin endpoints need the bearer token", async () => {
    assert.equal((await admin(mf, "/broadcasts/11/queue", null)).status, 401);
    assert.equal((await admin(mf, "/broadcasts/11/queue", "wrong")).status, 401);
    assert.equal((await admin(mf, "/deliveries/stripe/evt_1", null)).status, 401);
    const queue = await admin(mf, "/broadcasts/11/queue");
    assert.equal(queue.status, 200);
    assert.equal(typeof queue.body.length, "number");
    assert.equal((await admin(mf, "/deliveries/stripe/evt_never_seen")).status, 404);
  });
});

describe("idempotency", () => {
  test("the same delivery 5 times concurrently triggers once, and every answer shows the same record", async () => {
    const id = unique("evt");
    const payload = { ...examples.stripe.example, id };
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(mf, "stripe", "stripe", payload)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 202]);
    assert.ok(answers.every((a) => a.body.delivery_id === id));
    const record = await settled("stripe", id);
    const later = await Promise.all(Array.from({ length: 5 }, () => deliver(mf, "stripe", "stripe", payload)));
    for (const answer of later) {
      assert.equal(answer.status, 200);
      assert.deepEqual({ ...answer.body, duplicate: undefined }, { ...record, duplicate: undefined });
    }
    const triggers = sandbox.triggers(11).filter((t) => t.request.data?.order === "cs_test_a1" && t.id === record.trigger_id);
    assert.equal(triggers.length, 1);
    assert.equal(sandbox.triggers().filter((t) => t.id === record.trigger_id).length, 1);
  });

  test("the same delivery 5 times in sequence triggers once", async () => {
    const id = unique("gh");
    const payload = { ...examples.github.example, release: { tag_name: id } };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await deliver(mf, "github", "github", payload, { id })).status);
    assert.deepEqual(statuses, [202, 200, 200, 200, 200]);
    await settled("github", id);
    assert.equal(sandbox.triggers(12).filter((t) => t.request.data.release === id).length, 1);
  });
});

test("30 deliveries to one broadcast within a second: 30 triggers in arrival order, each SPACING_MS after the last", async () => {
  const run = unique("burst");
  const ids = [];
  for (let i = 0; i < 30; i++) {
    const id = `${run}_${i}`;
    const answer = await deliver(mf, "standard", "standard", { ...examples.standard.example, data: { email: "new@acme.example", plan: id } }, { id });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    ids.push(id);
  }
  await drained(mf, 12);
  const records = await Promise.all(ids.map((id) => settled("standard", id)));
  assert.ok(records.every((r) => r.status === "sent"), JSON.stringify(records.filter((r) => r.status !== "sent")));
  const plans = sandbox.triggers(12).map((t) => t.request.data?.plan).filter((plan) => plan?.startsWith(run));
  assert.deepEqual(plans, ids, "one trigger each, in arrival order");
  const sent = records.map((r) => Date.parse(r.attempted_at));
  for (let i = 1; i < sent.length; i++) {
    assert.ok(sent[i] - sent[i - 1] >= SPACING_MS, `send ${i} came ${sent[i] - sent[i - 1]} ms after the previous one`);
  }
});
