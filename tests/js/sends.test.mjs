// Transactional sends through the built package against the sandbox: each send's request and
// answer, every bad input refused with zero requests, and the fault cases that prove a send is
// never repeated after a 5xx, a timeout or a dropped connection (only a 429 is retried).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  API_KEY, CustomerIo, FAST_RETRY, ORIGIN, assertNoSecret, createSandbox, rejects, serveSandbox, throwsSync,
} from "./helpers.mjs";

const DAY = 86_400;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A sandbox on the real clock (send_at is checked against the client's clock) and a client. */
function setup(client = {}) {
  const sandbox = createSandbox({ apiKey: API_KEY });
  const cio = new CustomerIo({ apiKey: API_KEY, baseUrl: ORIGIN, fetch: sandbox.fetch, retry: FAST_RETRY, ...client });
  const sends = () => sandbox.requests.filter((r) => r.path.startsWith("/v1/send/"));
  return { sandbox, cio, sends };
}

const RECEIPT = Object.freeze({
  to: "road@runner.net",
  identifiers: { email: "road@runner.net" },
  transactional_message_id: 4,
  message_data: { order: "cs_test_a1", total: "20.00" },
});

describe("each send posts its body and reads the delivery", () => {
  test("sendEmail with a template: POST /v1/send/email, answered { delivery_id, queued_at }", async () => {
    const { sandbox, cio, sends } = setup();
    const answer = await cio.sendEmail(RECEIPT);
    assert.equal(typeof answer.delivery_id, "string");
    assert.ok(answer.delivery_id.length > 10);
    assert.equal(typeof answer.queued_at, "number");
    assert.equal(answer.send_at, undefined, "no send_at for a send now");
    const [request] = sends();
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1/send/email");
    assert.deepEqual(request.body, RECEIPT);
    assert.equal(sandbox.workspace.sends.length, 1);
    assert.equal(sandbox.workspace.sends[0].template_id, 4);
    assert.equal(sandbox.workspace.sends[0].delivery_id, answer.delivery_id);
  });

  test("sendEmail with its own body, subject and from, headers as an object and an attachment", async () => {
    const { sandbox, cio } = setup();
    await cio.sendEmail({
      to: '"Runner, Road" <road@runner.net>', identifiers: { id: 42 },
      from: "shop@acme.example", subject: "Your receipt", body: "<p>Thanks</p>",
      headers: { "X-Order": "1001" }, attachments: { "receipt.txt": btoa("total 20.00") },
    });
    const { request } = sandbox.workspace.sends[0];
    assert.equal(request.headers, '[{"name":"X-Order","value":"1001"}]', "the JSON string the API wants");
    assert.deepEqual(request.identifiers, { id: "42" }, "a numeric id is sent as a string");
    assert.equal(sandbox.workspace.sends[0].template_id, null);
  });

  test("a Trigger Name, any case, names the template", async () => {
    const { sandbox, cio } = setup();
    await cio.sendEmail({ ...RECEIPT, transactional_message_id: "Order Confirmation" });
    assert.equal(sandbox.workspace.sends[0].template_id, 4);
  });

  test("send_at as a Date goes out as Unix seconds and comes back in the answer", async () => {
    const { sandbox, cio } = setup();
    const at = new Date((nowSeconds() + 2 * DAY) * 1000);
    const answer = await cio.sendEmail({ ...RECEIPT, send_at: at });
    assert.equal(sandbox.workspace.sends[0].request.send_at, at.getTime() / 1000);
    assert.equal(answer.send_at, at.getTime() / 1000);
  });

  test("sendPush, sendSMS, sendInApp and sendInboxMessage post to their paths", async () => {
    const { sandbox, cio, sends } = setup();
    const person = { identifiers: { id: "cust_0001" }, transactional_message_id: 5 };
    await cio.sendPush({ ...person, to: "last_used", title: "Shipped", custom_device: { token: "tok_1", platform: "ios" } });
    await cio.sendSMS({ ...person, to: "+15551234567" });
    await cio.sendInApp({ ...person, message_data: { eta: "tomorrow" } });
    await cio.sendInboxMessage({ ...person, message_data: { order_id: "ORD-5678" } });
    assert.deepEqual(sends().map((r) => r.path), ["/v1/send/push", "/v1/send/sms", "/v1/send/in_app", "/v1/send/inbox_message"]);
    assert.deepEqual(sandbox.workspace.sends.map((s) => s.channel), ["push", "sms", "in_app", "inbox_message"]);
  });

  test("over HTTP on 127.0.0.1 with the global fetch", async () => {
    const sandbox = createSandbox({ apiKey: API_KEY });
    const server = await serveSandbox(sandbox, { port: 0, host: "127.0.0.1" });
    try {
      const cio = new CustomerIo({ apiKey: API_KEY, baseUrl: server.url });
      const answer = await cio.sendSMS({ identifiers: { cio_id: "a3000001" }, transactional_message_id: 2, to: "+15551234567" });
      assert.equal(typeof answer.delivery_id, "string");
      assert.equal(sandbox.workspace.sends.length, 1);
    } finally {
      await server.close();
    }
  });

  test("prepare shows the exact request, key redacted, and sends nothing", () => {
    const { cio, sends } = setup();
    const prepared = cio.prepare("sendEmail", { ...RECEIPT, headers: { "X-A": "b" } });
    assert.equal(prepared.method, "POST");
    assert.equal(prepared.url, `${ORIGIN}/v1/send/email`);
    assert.equal(JSON.parse(prepared.body).headers, '[{"name":"X-A","value":"b"}]');
    assertNoSecret(JSON.stringify(prepared), "prepared send");
    assert.equal(sends().length, 0);
  });
});

describe("bad input is refused before anything is sent", () => {
  const list = (n, host) => Array.from({ length: n }, (_, i) => `p${i}@${host}`).join(", ");
  const cases = [
    ["two identifiers", "sendEmail", { ...RECEIPT, identifiers: { id: "c1", email: "road@runner.net" } }, "audience_conflict", "identifiers"],
    ["no identifier", "sendPush", { identifiers: {}, transactional_message_id: 5 }, "missing_audience", "identifiers"],
    ["16 recipients", "sendEmail", { ...RECEIPT, to: list(10, "a.example"), cc: list(6, "b.example") }, "invalid_params", "cc"],
    ["neither template nor body", "sendEmail", { to: "road@runner.net", identifiers: { id: "c1" } }, "invalid_params", "transactional_message_id"],
    ["a body without subject and from", "sendEmail", { to: "road@runner.net", identifiers: { id: "c1" }, body: "<p>Hi</p>" }, "invalid_params", "subject"],
    ["send_at in milliseconds", "sendEmail", { ...RECEIPT, send_at: Date.now() + 3_600_000 }, "invalid_timestamp", "send_at"],
    ["send_at as an ISO string", "sendSMS", { identifiers: { id: "c1" }, transactional_message_id: 5, to: "+1555", send_at: "2030-01-01T00:00:00Z" }, "invalid_timestamp", "send_at"],
    ["send_at 91 days ahead", "sendEmail", { ...RECEIPT, send_at: nowSeconds() + 91 * DAY }, "invalid_timestamp", "send_at"],
    ["send_at an hour ago", "sendInApp", { identifiers: { id: "c1" }, transactional_message_id: 5, send_at: nowSeconds() - 3600 }, "invalid_timestamp", "send_at"],
    ["bad base64", "sendEmail", { ...RECEIPT, attachments: { "receipt.pdf": "not base64!" } }, "invalid_params", "attachments.receipt.pdf"],
    ["2 MB + 1 of attachments", "sendEmail", { ...RECEIPT, attachments: { "a.bin": "AAAA".repeat((2 * 1024 * 1024 - 2) / 3), "b.bin": "AAAA" } }, "invalid_params", "attachments"],
    ["headers already a JSON string", "sendEmail", { ...RECEIPT, headers: '[{"name":"X-A","value":"b"}]' }, "invalid_params", "headers"],
    ["an unknown key", "sendEmail", { ...RECEIPT, messageData: {} }, "invalid_params", "messageData"],
    ["a push without a template", "sendPush", { identifiers: { id: "c1" } }, "invalid_params", "transactional_message_id"],
    ["an inbox message with a push field", "sendInboxMessage", { identifiers: { id: "c1" }, transactional_message_id: 5, title: "x" }, "invalid_params", "title"],
  ];
  for (const [what, method, params, code, field] of cases) {
    test(`${what}: ${code} at ${field}, zero requests`, async () => {
      const { cio, sandbox } = setup();
      await rejects(cio[method](params), code, field);
      throwsSync(() => cio.prepare(method, params), code, field);
      assert.equal(sandbox.requests.length, 0);
    });
  }

  test("the messages say what to send instead", async () => {
    const { cio } = setup();
    const neither = await rejects(cio.sendEmail({ to: "road@runner.net", identifiers: { id: "c1" } }), "invalid_params");
    assert.match(neither.message, /add transactional_message_id .* or all of body, subject and from/);
    const ms = await rejects(cio.sendEmail({ ...RECEIPT, send_at: 1_900_000_000_000 }), "invalid_timestamp");
    assert.match(ms.message, /pass 1900000000/);
    const ahead = await rejects(cio.sendEmail({ ...RECEIPT, send_at: nowSeconds() + 91 * DAY }), "invalid_timestamp");
    assert.match(ahead.message, /90 days/);
  });
});

describe("a send is never repeated after the request may have reached the API", () => {
  test("a 5xx after the API acted: unknown_outcome, one request, one delivery", async () => {
    const { cio, sandbox, sends } = setup();
    sandbox.inject({ kind: "status", status: 503, applied: true, path: "/v1/send/email" });
    const error = await rejects(cio.sendEmail(RECEIPT), "unknown_outcome");
    assert.equal(error.status, 503);
    assert.match(error.message, /not sent again/);
    assert.match(error.message, /delivery log/);
    assert.equal(sends().length, 1, "not retried");
    assert.equal(sandbox.workspace.sends.length, 1, "delivered once");
  });

  test("a timeout: unknown_outcome, one request", async () => {
    const { cio, sandbox, sends } = setup({ timeoutMs: 30 });
    sandbox.inject({ kind: "hang", hangMs: 200, path: "/v1/send/sms" });
    await rejects(cio.sendSMS({ identifiers: { id: "c1" }, transactional_message_id: 5, to: "+15551234567" }), "unknown_outcome");
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(sends().length, 1, "not retried");
    assert.ok(sandbox.workspace.sends.length <= 1);
  });

  test("a dropped connection after the API acted: unknown_outcome, one request", async () => {
    const { cio, sandbox, sends } = setup();
    sandbox.inject({ kind: "drop", applied: true, path: "/v1/send/push" });
    await rejects(cio.sendPush({ identifiers: { id: "c1" }, transactional_message_id: 5 }), "unknown_outcome");
    assert.equal(sends().length, 1);
    assert.equal(sandbox.workspace.sends.length, 1);
  });

  test("a 2xx that is not the delivery's JSON: invalid_response that says it was accepted, not retried", async () => {
    const { cio, sandbox, sends } = setup();
    sandbox.inject({ kind: "wrong_shape", applied: true, path: "/v1/send/email" });
    const error = await rejects(cio.sendEmail(RECEIPT), "invalid_response");
    assert.match(error.message, /accepted the send .*do not send it again/);
    assert.equal(sends().length, 1);
  });

  test("a 429 (the API did not act) is retried, and the send goes out once", async () => {
    const { cio, sandbox, sends } = setup();
    sandbox.inject({ kind: "status", status: 429, retryAfter: "0", path: "/v1/send/email" });
    const answer = await cio.sendEmail(RECEIPT);
    assert.equal(typeof answer.delivery_id, "string");
    assert.equal(sends().length, 2);
    assert.equal(sandbox.workspace.sends.length, 1);
  });

  test("the API's own refusal ({ meta: { error } }) is an api_error with its text, not retried", async () => {
    const { cio, sends } = setup();
    const error = await rejects(cio.sendEmail({ ...RECEIPT, transactional_message_id: 999 }), "api_error");
    assert.equal(error.status, 400);
    assert.match(error.message, /transactional message 999 does not exist/);
    assert.equal(sends().length, 1);
  });
});
