// The sandbox's transactional sends, driven with raw fetch (no client): it answers like the App
// API's /v1/send/* (reference §2.6 and the live sendEmail/sendPush/sendSMS/sendInApp pages),
// with the transactional error envelope {"meta":{"error":…}}, and records each accepted send.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg/sandbox/index.js";

const KEY = "sandbox-key";
const NOW = Date.UTC(2026, 8, 1, 12, 0, 0);
const NOW_SECONDS = NOW / 1000;

function post(sandbox, path, body, headers = {}) {
  return sandbox.fetch(`https://api.customer.io${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const fresh = () => createSandbox({ now: () => NOW });
const EMAIL = { to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4 };

async function refused(response, status, pattern) {
  assert.equal(response.status, status);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), ["meta"]);
  assert.match(body.meta.error, pattern);
}

test("an accepted email answers { delivery_id, queued_at } and is recorded", async () => {
  const sandbox = fresh();
  const response = await post(sandbox, "/v1/send/email", EMAIL);
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ["delivery_id", "queued_at"]);
  assert.equal(body.queued_at, NOW_SECONDS);
  assert.match(body.delivery_id, /^[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(sandbox.workspace.sends.map((s) => [s.channel, s.template_id, s.delivery_id]), [["email", 4, body.delivery_id]]);
});

test("two sends get two delivery ids; reset forgets them", async () => {
  const sandbox = fresh();
  const a = await (await post(sandbox, "/v1/send/email", EMAIL)).json();
  const b = await (await post(sandbox, "/v1/send/email", EMAIL)).json();
  assert.notEqual(a.delivery_id, b.delivery_id);
  sandbox.reset();
  assert.equal(sandbox.workspace.sends.length, 0);
});

test("identifiers must hold one of, and only one of, id, email, cio_id", async () => {
  const sandbox = fresh();
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, identifiers: { id: "1", email: "a@b.co" } }), 400, /only one of/);
  await refused(await post(sandbox, "/v1/send/push", { transactional_message_id: 2 }), 400, /identifiers/);
  assert.equal(sandbox.workspace.sends.length, 0);
});

test("more than 15 recipients across to, cc and bcc is a 400; quoted commas are one recipient", async () => {
  const sandbox = fresh();
  const to = Array.from({ length: 15 }, (_, i) => `"Doe, J${i}" <j${i}@acme.example>`).join(", ");
  assert.equal((await post(sandbox, "/v1/send/email", { ...EMAIL, to })).status, 200);
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, to, bcc: "x@acme.example" }), 400, /too many recipients: 16/);
});

test("an email without a template needs body, subject and from", async () => {
  const sandbox = fresh();
  const { transactional_message_id: _, ...own } = EMAIL;
  await refused(await post(sandbox, "/v1/send/email", { ...own, body: "<p>hi</p>" }), 400, /subject, from must be given/);
  assert.equal((await post(sandbox, "/v1/send/email", { ...own, body: "<p>hi</p>", subject: "Hi", from: "a@acme.example" })).status, 200);
});

test("attachments: not base64 is a 400, 2 MB or more is a 413", async () => {
  const sandbox = fresh();
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, attachments: { "a.pdf": "%%%" } }), 400, /not base64/);
  const big = "AAAA".repeat((2 * 1024 * 1024) / 3 + 1);
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, attachments: { "a.bin": big } }), 413, /less than 2 MB/);
});

test("headers must be the JSON string of [{ name, value }]", async () => {
  const sandbox = fresh();
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, headers: { "X-A": "b" } }), 400, /JSON string/);
  assert.equal((await post(sandbox, "/v1/send/email", { ...EMAIL, headers: '[{"name":"X-A","value":"b"}]' })).status, 200);
});

test("send_at: a future time is echoed, more than 90 days ahead is a 400, a past one sends now", async () => {
  const sandbox = fresh();
  const later = await (await post(sandbox, "/v1/send/email", { ...EMAIL, send_at: NOW_SECONDS + 3600 })).json();
  assert.equal(later.send_at, NOW_SECONDS + 3600);
  await refused(await post(sandbox, "/v1/send/email", { ...EMAIL, send_at: NOW_SECONDS + 91 * 86_400 }), 400, /90 days/);
  const past = await (await post(sandbox, "/v1/send/email", { ...EMAIL, send_at: NOW_SECONDS - 3600 })).json();
  assert.equal(past.send_at, undefined);
});

test("push, sms, in_app and inbox_message need a template; sms needs to; unknown templates and keys are a 400", async () => {
  const sandbox = fresh();
  const person = { identifiers: { id: "cust_0001" } };
  await refused(await post(sandbox, "/v1/send/in_app", person), 400, /transactional_message_id is required/);
  await refused(await post(sandbox, "/v1/send/inbox_message", person), 400, /transactional_message_id is required/);
  assert.equal((await post(sandbox, "/v1/send/inbox_message", { ...person, transactional_message_id: 2, to: "cust_0001" })).status, 200);
  await refused(await post(sandbox, "/v1/send/sms", { ...person, transactional_message_id: 2 }), 400, /to is required/);
  await refused(await post(sandbox, "/v1/send/push", { ...person, transactional_message_id: 999 }), 400, /does not exist/);
  await refused(await post(sandbox, "/v1/send/push", { ...person, transactional_message_id: "nope" }), 400, /trigger name/);
  await refused(await post(sandbox, "/v1/send/in_app", { ...person, transactional_message_id: 2, title: "x" }), 400, /unknown field "title"/);
  const created = await post(sandbox, "/v1/send/push", { ...person, transactional_message_id: "New Receipt", auto_create: true });
  assert.equal(created.status, 200);
  assert.ok(sandbox.workspace.transactional.some((t) => t.name === "New Receipt"), "auto_create adds the template");
});

test("a send without the key is a 401, a GET is a 405, a non-JSON body is a 400", async () => {
  const sandbox = fresh();
  const unauthorized = await sandbox.fetch("https://api.customer.io/v1/send/email", { method: "POST", body: "{}" });
  assert.equal(unauthorized.status, 401);
  const get = await sandbox.fetch("https://api.customer.io/v1/send/email", { headers: { authorization: `Bearer ${KEY}` } });
  assert.equal(get.status, 405);
  await refused(await post(sandbox, "/v1/send/email", "not json"), 400, /JSON object/);
  assert.equal(sandbox.requests.length, 3, "every request is recorded");
});
