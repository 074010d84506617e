// The webhook Worker's send rules, bundled by wrangler and run in workerd with real Durable
// Objects against the sandbox over HTTP: a Stripe delivery that arrives three times sends one
// receipt email; concurrent redeliveries too; a 5xx leaves the outcome unknown and nothing is
// resent; a refused rule sends nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { admin, bundle, deliver, startSandbox, startWorker, tempDir, testRules, uniqueIds, workerCopy } from "./harness.mjs";

let sandbox;
let copy;
let built;
let state;
let mf;
const unique = uniqueIds();

/** The shipped rules, plus a push rule and a send rule the package refuses (no template). */
function rules() {
  const shipped = testRules();
  const push = {
    source: "standard", scheme: "standard", event: { path: "$.type", equals: "order.shipped" }, send: "push",
    identifiers: { id: "$.data.customer" }, transactional_message_id: 5, message_data: { tracking: "$.data.tracking" },
    example: { type: "order.shipped", data: { customer: "cust_0001", tracking: "1Z999" } },
  };
  const refused = {
    source: "github", scheme: "github", event: { path: "$.action", equals: "deleted" }, send: "email",
    to: "$.sender.email", identifiers: { email: "$.sender.email" },
    example: { action: "deleted", sender: { email: "octo@acme.example" } },
  };
  return [...shipped, push, refused];
}

const receipt = () => rules().find((rule) => rule.send === "email" && rule.source === "stripe");
const stripeCharge = (id) => ({ ...receipt().example, id });
const emailsTo = (address) => sandbox.sandbox.workspace.sends.filter((s) => s.channel === "email" && s.request.to === address);

before(async () => {
  sandbox = await startSandbox({ triggerSpacingMs: 200 });
  copy = workerCopy(rules());
  built = await bundle(copy.dir);
  state = tempDir("cio-worker-sends-");
  mf = await startWorker({ outdir: built.outdir, persistDir: state.dir, sandboxUrl: sandbox.url, timeoutMs: 500 });
});

after(async () => {
  await mf?.dispose();
  await sandbox?.close();
  built?.remove();
  copy?.remove();
  state?.remove();
});

test("the same Stripe delivery arriving three times sends exactly one receipt email", async () => {
  const id = unique("evt");
  const address = `${id}@runner.net`;
  const payload = stripeCharge(id);
  payload.data = { object: { ...payload.data.object, billing_details: { email: address } } };
  const first = await deliver(mf, "stripe", "stripe", payload);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.status, "sent");
  assert.equal(first.body.method, "sendEmail");
  assert.equal(typeof first.body.message_delivery_id, "string");
  for (let again = 0; again < 2; again++) {
    const redelivery = await deliver(mf, "stripe", "stripe", payload);
    assert.equal(redelivery.status, 200);
    assert.equal(redelivery.body.duplicate, true);
    assert.equal(redelivery.body.message_delivery_id, first.body.message_delivery_id);
  }
  const sent = emailsTo(address);
  assert.equal(sent.length, 1, "one email request reached the API");
  assert.deepEqual(sent[0].request, {
    to: address, identifiers: { email: address }, transactional_message_id: 4,
    message_data: { charge: payload.data.object.id, amount: 2000, currency: "usd", receipt_url: payload.data.object.receipt_url },
  });
  const record = await admin(mf, `/deliveries/stripe/${id}`);
  assert.equal(record.status, 200);
  assert.equal(record.body.status, "sent");
});

test("three concurrent deliveries of one event send one email", async () => {
  const id = unique("evt");
  const address = `${id}@runner.net`;
  const payload = stripeCharge(id);
  payload.data = { object: { ...payload.data.object, billing_details: { email: address } } };
  const answers = await Promise.all([0, 1, 2].map(() => deliver(mf, "stripe", "stripe", payload)));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
  assert.equal(answers.filter((a) => a.body.duplicate).length, 2, JSON.stringify(answers.map((a) => a.body)));
  assert.equal(emailsTo(address).length, 1);
});

test("a push rule maps its fields and sends one push per delivery", async () => {
  const id = unique("msg");
  const tracking = unique("1Z");
  const payload = { type: "order.shipped", data: { customer: "cust_0007", tracking } };
  assert.equal((await deliver(mf, "standard", "standard", payload, { id })).status, 200);
  assert.equal((await deliver(mf, "standard", "standard", payload, { id })).body.duplicate, true);
  const pushes = sandbox.sandbox.workspace.sends.filter((s) => s.channel === "push" && s.request.message_data.tracking === tracking);
  assert.deepEqual(pushes.map((s) => s.request), [{ identifiers: { id: "cust_0007" }, transactional_message_id: 5, message_data: { tracking } }]);
});

test("a 5xx after the API acted: unknown_outcome, and a redelivery sends nothing more", async () => {
  const id = unique("evt");
  const address = `${id}@runner.net`;
  const payload = stripeCharge(id);
  payload.data = { object: { ...payload.data.object, billing_details: { email: address } } };
  sandbox.sandbox.inject({ kind: "status", status: 503, applied: true, path: "/v1/send/email" });
  const first = await deliver(mf, "stripe", "stripe", payload);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.status, "unknown_outcome");
  assert.equal(first.body.error.code, "unknown_outcome");
  const again = await deliver(mf, "stripe", "stripe", payload);
  assert.equal(again.body.duplicate, true);
  assert.equal(again.body.status, "unknown_outcome");
  const requests = sandbox.sandbox.requests.filter((r) => r.path === "/v1/send/email" && r.body?.to === address);
  assert.equal(requests.length, 1, "one request: not retried, not resent");
  assert.equal(emailsTo(address).length, 1);
});

test("a send the API refuses is failed (502, so the sender retries), and a redelivery tries again", async () => {
  const id = unique("evt");
  const address = `${id}@runner.net`;
  const payload = stripeCharge(id);
  payload.data = { object: { ...payload.data.object, billing_details: { email: address } } };
  sandbox.sandbox.inject({ kind: "status", status: 400, body: { meta: { error: "template is not active" } }, path: "/v1/send/email" });
  const first = await deliver(mf, "stripe", "stripe", payload);
  assert.equal(first.status, 502, JSON.stringify(first.body));
  assert.equal(first.body.status, "failed");
  assert.match(first.body.error.message, /template is not active/);
  const retried = await deliver(mf, "stripe", "stripe", payload);
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  assert.equal(retried.body.status, "sent");
  assert.equal(retried.body.attempts, 2);
  assert.equal(emailsTo(address).length, 1);
});

test("a send rule the package refuses answers 422 and sends nothing", async () => {
  const before = sandbox.sandbox.requests.length;
  const answer = await deliver(mf, "github", "github", { action: "deleted", sender: { email: "octo@acme.example" } }, { id: unique("gh") });
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  assert.equal(answer.body.code, "invalid_params");
  assert.equal(answer.body.field, "transactional_message_id");
  assert.equal(sandbox.sandbox.requests.length, before);
});
