// Tests of the sandbox itself: node --test tests/js/sandbox.test.mjs
// In-process requests use made-up origins (nothing leaves the process); HTTP tests bind 127.0.0.1.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg-template/sandbox/index.js";
import { serveSandbox } from "../../pkg-template/sandbox/server.js";

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const T0_SECONDS = T0 / 1000;
const DAY = 86_400;
const SIX_MONTHS = 183 * DAY;
const ORIGIN = "http://sandbox.test";
const REFERENCE = /\(reference [0-9A-HJKMNP-TV-Z]{26}\)$/;

const MESSAGE_KEYS = [
  "id", "deduplicate_id", "msg_template_id", "action_id", "parent_action_id", "customer_id",
  "customer_identifiers", "recipient", "subject", "metrics", "created", "failure_message",
  "newsletter_id", "content_id", "campaign_id", "broadcast_id", "trigger_event_id", "type", "forgotten",
];
const SEGMENT_KEYS = ["id", "deduplicate_id", "name", "description", "state", "progress", "type", "tags", "created_at", "updated_at"];
const NEWSLETTER_KEYS = [
  "id", "deduplicate_id", "type", "content_ids", "name", "sent_at", "created", "updated",
  "recipient_segment_ids", "tags", "subscription_topic_id",
];
const TRANSACTIONAL_KEYS = [
  "id", "name", "description", "send_to_unsubscribed", "link_tracking", "open_tracking",
  "hide_message_body", "queue_drafts", "created_at", "updated_at",
];
const TRIGGER_KEYS = ["id", "broadcast_id", "created_at", "processed_at"];
const FUNNEL = ["attempted", "sent", "delivered", "opened", "clicked", "converted"];

/** A sandbox on a fake clock, with helpers that return { status, headers, body }. */
function setup(options = {}) {
  const clock = { ms: T0 };
  const sandbox = createSandbox({ now: () => clock.ms, ...options });
  const auth = { authorization: `Bearer ${sandbox.apiKey}` };
  const read = async (response) => {
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
  };
  const get = async (path, headers = auth) => read(await sandbox.fetch(`${ORIGIN}${path}`, { headers }));
  const post = async (path, body, headers = { ...auth, "content-type": "application/json" }) =>
    read(await sandbox.fetch(`${ORIGIN}${path}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    }));
  const trigger = (broadcastId, body) => post(`/v1/campaigns/${broadcastId}/triggers`, body);
  return { sandbox, clock, get, post, trigger };
}

function assertApiError(result, status, detailPattern) {
  assert.equal(result.status, status);
  assert.equal(result.headers.get("content-type"), "application/json");
  assert.equal(result.body.errors.length, 1);
  const [error] = result.body.errors;
  assert.equal(error.status, String(status));
  assert.match(error.detail, REFERENCE);
  if (detailPattern) assert.match(error.detail, detailPattern);
  return error;
}

/** Follows `next` cursors from `path` (which already has a query string) to the end. */
async function collectPages(get, path, listKey) {
  const items = [];
  let next = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const result = await get(next === null ? path : `${path}${separator}start=${encodeURIComponent(next)}`);
    assert.equal(result.status, 200, result.text);
    items.push(...result.body[listKey]);
    next = result.body.next;
    pages += 1;
  } while (next !== null);
  return { items, pages };
}

function sentMessages(sandbox) {
  return sandbox.workspace.messages.filter((message) => !("drafted" in message.metrics));
}

describe("auth and routing", () => {
  test("a missing or wrong key answers the reference's 401 envelope, saying which key the sandbox takes", async () => {
    const { get } = setup();
    for (const headers of [{}, { authorization: "Bearer nope" }, { authorization: "sandbox-key" }]) {
      const result = await get("/v1/segments", headers);
      assert.equal(result.status, 401);
      assert.equal(result.headers.get("content-type"), "application/json");
      const [error] = result.body.errors;
      assert.deepEqual(Object.keys(result.body), ["errors"]);
      assert.equal(error.status, "401");
      assert.match(error.detail, /^unauthorized: this is the customerio-wasm sandbox, which accepts only its own key, "sandbox-key"/);
    }
  });

  test("the api key option is the accepted key", async () => {
    const { get, sandbox } = setup({ apiKey: "k-123" });
    assert.equal(sandbox.apiKey, "k-123");
    assert.equal((await get("/v1/segments", { authorization: "Bearer k-123" })).status, 200);
    assert.equal((await get("/v1/segments", { authorization: "Bearer sandbox-key" })).status, 401);
  });

  test("unknown routes are 404 and wrong methods 405, in the JSON:API envelope", async () => {
    const { get, post } = setup();
    assertApiError(await get("/v1/nope"), 404, /^not found/);
    assertApiError(await get("/v1/segments/"), 404);
    assertApiError(await get("/"), 404);
    const notAllowed = await get("/v1/campaigns/11/triggers");
    assertApiError(notAllowed, 405, /^method not allowed/);
    assert.equal(notAllowed.headers.get("allow"), "POST");
    assertApiError(await post("/v1/segments", {}), 405);
    assertApiError(await post("/v1/api/campaigns/11/triggers", { ids: ["a"] }), 405);
  });

  test("non-integer ids in a path are 400", async () => {
    const { get } = setup();
    assertApiError(await get("/v1/segments/abc"), 400, /segment_id must be an integer/);
    assertApiError(await get("/v1/segments/-3"), 400);
    assertApiError(await get("/v1/broadcasts/1.5/triggers"), 400, /broadcast_id/);
    assertApiError(await get("/v1/campaigns/12/triggers/5-37"), 400, /trigger_id/);
  });

  test("routes on the pathname whatever the origin, and takes every fetch input form", async () => {
    const { sandbox } = setup();
    const headers = [["authorization", "Bearer sandbox-key"]];
    const inputs = [
      sandbox.fetch("https://api.customer.io/v1/segments", { headers }),
      sandbox.fetch(new URL("http://127.0.0.1:4010/v1/segments"), { headers: new Headers(headers) }),
      sandbox.fetch(new Request("https://api-eu.customer.io/v1/segments", { headers })),
    ];
    for (const response of await Promise.all(inputs)) {
      assert.equal(response.status, 200);
      assert.ok((await response.json()).segments.length >= 8);
    }
  });
});

describe("seeded workspace", () => {
  test("is deterministic for a seed and anchor time", () => {
    const a = setup().sandbox.workspace;
    const b = setup().sandbox.workspace;
    const c = setup({ seed: 7 }).sandbox.workspace;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.messages, c.messages);
  });

  test("has the promised counts", () => {
    const { sandbox } = setup();
    const { workspace } = sandbox;
    assert.ok(workspace.segments.length >= 8);
    assert.ok(workspace.segments.some((segment) => segment.name === "VIP customers"));
    assert.ok(workspace.newsletters.length >= 25);
    assert.ok(workspace.transactional.length >= 5);
    const sent = sentMessages(sandbox);
    assert.ok(sent.length >= 400);
    assert.ok(sent.every((message) => message.created >= T0_SECONDS - 60 * DAY && message.created <= T0_SECONDS));
    assert.ok(workspace.messages.length - sent.length >= 10, "drafts");
    assert.ok(workspace.broadcasts.length >= 3);
    for (const broadcast of workspace.broadcasts) {
      assert.ok(workspace.triggers.filter((trigger) => trigger.broadcast_id === broadcast.id).length >= 2);
    }
  });

  test("messages have realistic, ordered funnel metrics and one parent each", () => {
    const { sandbox } = setup();
    const sent = sentMessages(sandbox);
    const count = (metric) => sent.filter((message) => metric in message.metrics).length;
    assert.equal(count("attempted"), sent.length);
    assert.ok(count("sent") / sent.length > 0.9);
    assert.ok(count("delivered") / count("sent") > 0.85);
    assert.ok(count("opened") > 0 && count("clicked") > 0 && count("converted") > 0);
    for (const message of sent) {
      const times = FUNNEL.filter((metric) => metric in message.metrics).map((metric) => message.metrics[metric]);
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
      assert.ok(times[0] > message.created);
      const failed = ["failed", "bounced", "dropped", "undeliverable"].some((metric) => metric in message.metrics);
      assert.equal(message.failure_message !== null, failed);
      const parents = [message.campaign_id, message.newsletter_id, message.broadcast_id].filter((id) => id !== null);
      assert.equal(parents.length, 1);
    }
    const types = new Set(sent.map((message) => message.type));
    assert.ok(types.size >= 5);
    assert.ok(sent.filter((message) => message.type === "email").length > sent.length / 2);
    assert.ok(sent.some((message) => message.broadcast_id !== null));
  });
});

describe("segments, transactional", () => {
  test("GET /v1/segments lists segments shaped like the reference", async () => {
    const { get } = setup();
    const result = await get("/v1/segments");
    assert.equal(result.status, 200);
    assert.equal(result.headers.get("content-type"), "application/json");
    assert.deepEqual(Object.keys(result.body), ["segments"]);
    for (const segment of result.body.segments) assert.deepEqual(Object.keys(segment), SEGMENT_KEYS);
    assert.ok(result.body.segments.some((segment) => segment.tags === null));
    assert.ok(result.body.segments.some((segment) => segment.type === "manual"));
  });

  test("GET /v1/segments/{id} answers one segment or 404", async () => {
    const { get, sandbox } = setup();
    const vip = sandbox.workspace.segments.find((segment) => segment.name === "VIP customers");
    const result = await get(`/v1/segments/${vip.id}`);
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, { segment: vip });
    assertApiError(await get("/v1/segments/999"), 404);
  });

  test("GET /v1/transactional lists templates shaped like the reference", async () => {
    const { get } = setup();
    const result = await get("/v1/transactional");
    assert.equal(result.status, 200);
    assert.ok(result.body.messages.length >= 5);
    for (const message of result.body.messages) assert.deepEqual(Object.keys(message), TRANSACTIONAL_KEYS);
  });
});

describe("newsletters", () => {
  test("default page: 10 newest first, with a next cursor", async () => {
    const { get, sandbox } = setup();
    const result = await get("/v1/newsletters");
    assert.equal(result.status, 200);
    assert.equal(result.body.newsletters.length, 10);
    assert.equal(typeof result.body.next, "string");
    for (const newsletter of result.body.newsletters) assert.deepEqual(Object.keys(newsletter), NEWSLETTER_KEYS);
    const newest = Math.max(...sandbox.workspace.newsletters.map((newsletter) => newsletter.created));
    assert.equal(result.body.newsletters[0].created, newest);
    assert.ok(sandbox.workspace.newsletters.some((newsletter) => newsletter.sent_at === null), "unsent drafts");
  });

  for (const sort of ["asc", "desc"]) {
    test(`pagination with sort=${sort} visits every newsletter once, in order`, async () => {
      const { get, sandbox } = setup();
      const { items, pages } = await collectPages(get, `/v1/newsletters?limit=6&sort=${sort}`, "newsletters");
      assert.equal(pages, Math.ceil(sandbox.workspace.newsletters.length / 6));
      assert.equal(new Set(items.map((newsletter) => newsletter.id)).size, sandbox.workspace.newsletters.length);
      const created = items.map((newsletter) => newsletter.created);
      const expected = [...created].sort((a, b) => (sort === "asc" ? a - b : b - a));
      assert.deepEqual(created, expected);
    });
  }

  test("bad limit, sort or cursor is 400", async () => {
    const { get } = setup();
    for (const query of ["limit=0", "limit=101", "limit=abc", "limit=", "sort=up", "start=%%%", "start=bm9wZQ"]) {
      assertApiError(await get(`/v1/newsletters?${query}`), 400);
    }
    assert.equal((await get("/v1/newsletters?limit=100")).body.newsletters.length, 28);
    const { next } = (await get("/v1/newsletters?sort=asc")).body;
    assertApiError(await get(`/v1/newsletters?sort=desc&start=${next}`), 400, /other filters/);
  });
});

describe("messages", () => {
  test("default page: 50 newest sent messages shaped exactly like the reference", async () => {
    const { get, sandbox } = setup();
    const result = await get("/v1/messages");
    assert.equal(result.status, 200);
    assert.deepEqual(Object.keys(result.body), ["messages", "next"]);
    assert.equal(result.body.messages.length, 50);
    for (const message of result.body.messages) {
      assert.deepEqual(Object.keys(message), MESSAGE_KEYS);
      assert.deepEqual(Object.keys(message.customer_identifiers), ["id", "email", "cio_id"]);
      assert.ok(!("drafted" in message.metrics));
    }
    assert.deepEqual(result.body.messages, sentMessages(sandbox).slice(0, 50));
  });

  for (const limit of [100, 7]) {
    test(`pagination with limit=${limit} visits every message exactly once and ends with next null`, async () => {
      const { get, sandbox } = setup();
      const sent = sentMessages(sandbox);
      const { items, pages } = await collectPages(get, `/v1/messages?limit=${limit}`, "messages");
      assert.equal(pages, Math.ceil(sent.length / limit));
      assert.equal(items.length, sent.length);
      assert.equal(new Set(items.map((message) => message.id)).size, sent.length);
      const created = items.map((message) => message.created);
      assert.deepEqual(created, [...created].sort((a, b) => b - a));
    });
  }

  test("a cursor keeps its time window while the clock moves", async () => {
    const { get, clock } = setup();
    const first = await get("/v1/messages?limit=300");
    clock.ms += 170 * DAY * 1000;
    assert.ok((await get("/v1/messages?limit=1000")).body.messages.length < 480, "a fresh window has moved on");
    const second = await get(`/v1/messages?limit=300&start=${first.body.next}`);
    assert.equal(second.status, 200);
    assert.equal(first.body.messages.length + second.body.messages.length, 480);
  });

  test("filters: type, metric, campaign_id, newsletter_id, action_id, drafts", async () => {
    const { get, sandbox } = setup();
    const sent = sentMessages(sandbox);
    const campaignId = sent.find((message) => message.campaign_id !== null).campaign_id;
    const newsletterId = sent.find((message) => message.newsletter_id !== null).newsletter_id;
    const actionId = sent.find((message) => message.broadcast_id !== null).action_id;
    const cases = [
      ["type=push", (message) => message.type === "push"],
      ["type=email", (message) => message.type === "email"],
      ["metric=opened", (message) => "opened" in message.metrics],
      ["metric=bounced", (message) => "bounced" in message.metrics],
      ["metric=attempted", () => true],
      [`campaign_id=${campaignId}`, (message) => message.campaign_id === campaignId],
      [`newsletter_id=${newsletterId}`, (message) => message.newsletter_id === newsletterId],
      [`action_id=${actionId}`, (message) => message.action_id === actionId],
      ["type=email&metric=clicked", (message) => message.type === "email" && "clicked" in message.metrics],
      ["drafts=false", () => true],
    ];
    for (const [query, keep] of cases) {
      const expected = sent.filter(keep);
      assert.ok(expected.length > 0, query);
      const { items } = await collectPages(get, `/v1/messages?limit=1000&${query}`, "messages");
      assert.deepEqual(items.map((message) => message.id), expected.map((message) => message.id), query);
    }
    const drafts = (await get("/v1/messages?drafts=true&limit=1000")).body.messages;
    assert.ok(drafts.length >= 10);
    assert.ok(drafts.every((message) => Object.keys(message.metrics).join() === "created,drafted"));
  });

  test("time window: start_ts/end_ts, only end_ts, and ranges truncated to 6 months", async () => {
    const { get, sandbox } = setup();
    const sent = sentMessages(sandbox);
    const between = (from, to) => sent.filter((message) => message.created >= from && message.created <= to).map((message) => message.id);
    const ids = async (query) => (await get(`/v1/messages?limit=1000&${query}`)).body.messages.map((message) => message.id);

    const from = T0_SECONDS - 20 * DAY;
    const to = T0_SECONDS - 10 * DAY;
    assert.deepEqual(await ids(`start_ts=${from}&end_ts=${to}`), between(from, to));
    assert.ok(between(from, to).length > 0);
    assert.deepEqual(await ids(`start_ts=${from}`), between(from, T0_SECONDS));

    const onlyEnd = T0_SECONDS - 30 * DAY;
    assert.deepEqual(await ids(`end_ts=${onlyEnd}`), between(onlyEnd - SIX_MONTHS, onlyEnd));

    const farEnd = T0_SECONDS + SIX_MONTHS - 40 * DAY;
    const truncated = await ids(`start_ts=${T0_SECONDS - 365 * DAY}&end_ts=${farEnd}`);
    assert.deepEqual(truncated, between(farEnd - SIX_MONTHS, farEnd));
    assert.ok(truncated.length > 0 && truncated.length < sent.length);
  });

  test("the default window is the 6 months up to now", async () => {
    const { get, clock, sandbox } = setup();
    clock.ms += (SIX_MONTHS - 30 * DAY) * 1000;
    const nowSeconds = clock.ms / 1000;
    const expected = sentMessages(sandbox).filter((message) => message.created >= nowSeconds - SIX_MONTHS);
    const { items } = await collectPages(get, "/v1/messages?limit=1000", "messages");
    assert.equal(items.length, expected.length);
    assert.ok(expected.length > 0 && expected.length < 480);
  });

  test("bad parameters are 400", async () => {
    const { get } = setup();
    const bad = [
      "limit=0", "limit=1001", "limit=ten", "limit=5.5", "type=sms", "type=", "metric=read",
      "campaign_id=abc", "newsletter_id=-1", "action_id=1e3", "start_ts=2024-01-01", "end_ts=1.5",
      "start_ts=200&end_ts=100", "drafts=yes", "start=not-a-cursor",
    ];
    for (const query of bad) assertApiError(await get(`/v1/messages?${query}`), 400);
    assert.equal((await get("/v1/messages?limit=1000")).body.messages.length, 480);
    assert.equal((await get("/v1/messages?limit=1")).body.messages.length, 1);
  });

  test("a cursor made for other filters is 400", async () => {
    const { get } = setup();
    const { next } = (await get("/v1/messages?type=email")).body;
    assertApiError(await get(`/v1/messages?type=push&start=${next}`), 400, /other filters/);
    assert.equal((await get(`/v1/messages?type=email&limit=3&start=${next}`)).status, 200);
  });
});

describe("trigger history", () => {
  test("GET /v1/broadcasts/{id}/triggers lists the broadcast's triggers in creation order", async () => {
    const { get, sandbox } = setup();
    for (const broadcast of sandbox.workspace.broadcasts) {
      const result = await get(`/v1/broadcasts/${broadcast.id}/triggers`);
      assert.equal(result.status, 200);
      assert.deepEqual(Object.keys(result.body), ["triggers"]);
      assert.ok(result.body.triggers.length >= 2);
      for (const trigger of result.body.triggers) {
        assert.deepEqual(Object.keys(trigger), TRIGGER_KEYS);
        assert.equal(trigger.broadcast_id, broadcast.id);
        assert.ok(Number.isInteger(trigger.id) && trigger.processed_at >= trigger.created_at);
      }
      const ids = result.body.triggers.map((trigger) => trigger.id);
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    }
    assertApiError(await get("/v1/broadcasts/99/triggers"), 404, /^broadcast with id 99 does not exist/);
  });

  test("GET /v1/campaigns/{id}/triggers/{trigger_id} answers the trigger itself", async () => {
    const { get, sandbox } = setup();
    const [stored] = sandbox.workspace.triggers;
    const result = await get(`/v1/campaigns/${stored.broadcast_id}/triggers/${stored.id}`);
    assert.equal(result.status, 200);
    assert.deepEqual(result.body, {
      id: stored.id, broadcast_id: stored.broadcast_id, created_at: stored.created_at, processed_at: stored.processed_at,
    });
    const other = sandbox.workspace.broadcasts.find((broadcast) => broadcast.id !== stored.broadcast_id);
    assertApiError(await get(`/v1/campaigns/${other.id}/triggers/${stored.id}`), 404);
    assertApiError(await get(`/v1/campaigns/${stored.broadcast_id}/triggers/9999`), 404);
    assertApiError(await get(`/v1/campaigns/99/triggers/${stored.id}`), 404, /broadcast with id 99/);
  });

  test("trigger errors page by integer offset and end with next 0", async () => {
    const { get, sandbox } = setup();
    const stored = sandbox.workspace.triggers.find((trigger) => trigger.errors.length === 23);
    const path = `/v1/campaigns/${stored.broadcast_id}/triggers/${stored.id}/errors`;
    const lines = [];
    const nexts = [];
    let start = 0;
    do {
      const result = await get(`${path}?limit=10&start=${start}`);
      assert.equal(result.status, 200);
      assert.deepEqual(Object.keys(result.body), ["errors", "next"]);
      lines.push(...result.body.errors);
      start = result.body.next;
      nexts.push(start);
    } while (start !== 0);
    assert.deepEqual(nexts, [10, 20, 0]);
    assert.deepEqual(lines, stored.errors);
    assert.ok(lines.every((line) => /^line \d+: ./.test(line)));

    const firstPage = await get(path);
    assert.equal(firstPage.body.errors.length, 10);
    assert.equal(firstPage.body.next, 10);
    assert.deepEqual((await get(`${path}?start=100`)).body, { errors: [], next: 0 });
    assertApiError(await get(`${path}?start=abc`), 400);
    assertApiError(await get(`${path}?limit=0`), 400);

    const clean = sandbox.workspace.triggers.find((trigger) => trigger.errors.length === 0);
    const none = await get(`/v1/campaigns/${clean.broadcast_id}/triggers/${clean.id}/errors`);
    assert.deepEqual(none.body, { errors: [], next: 0 });
    assert.ok(sandbox.workspace.triggers.filter((trigger) => trigger.errors.length > 0).length >= 2);
  });
});

describe("POST /v1/campaigns/{id}/triggers", () => {
  const audiences = {
    default: { data: { headline: "Roadrunner spotted in Albuquerque!" }, email_add_duplicates: false },
    recipients: {
      recipients: { and: [{ segment: { id: 3 } }, { or: [
        { attribute: { field: "interest", operator: "eq", value: "roadrunners" } },
        { attribute: { field: "state", operator: "exists" } },
        { not: { attribute: { field: "species", operator: "eq", value: "roadrunners" } } },
      ] }] },
      data: { headline: "Roadrunner spotted in Albuquerque!" },
    },
    emails: { emails: ["recipient1@example.com", "anotherRecipient@example.com"], email_ignore_missing: true, data: {} },
    ids: { ids: ["id1", "id4"], id_ignore_missing: true, data: {} },
    per_user_data: {
      per_user_data: [{ id: "wiley_coyote", data: { voucher_code: "FESwYm" } }, { email: "road@runner.net", data: { voucher_code: "cYm6XJ" } }],
      data: {},
    },
    data_file_url: { data_file_url: "https://myFile.example.com", data: {} },
  };

  test("each of the six audience shapes is accepted and stored", async () => {
    const { trigger, get, clock, sandbox } = setup();
    const before = sandbox.workspace.triggers.length;
    for (const [name, body] of Object.entries(audiences)) {
      const result = await trigger(12, body);
      assert.equal(result.status, 200, `${name}: ${result.text}`);
      assert.deepEqual(Object.keys(result.body), ["id"]);
      assert.ok(Number.isInteger(result.body.id));
      const stored = sandbox.workspace.triggers.at(-1);
      assert.equal(stored.id, result.body.id);
      assert.deepEqual(stored.request, body);
      assert.equal(stored.created_at, clock.ms / 1000);
      assert.ok(stored.processed_at > stored.created_at);
      const fetched = await get(`/v1/campaigns/12/triggers/${result.body.id}`);
      assert.deepEqual(Object.keys(fetched.body), TRIGGER_KEYS);
      clock.ms += 10_000;
    }
    assert.equal(sandbox.workspace.triggers.length, before + 6);
    const ids = sandbox.workspace.triggers.map((stored) => stored.id);
    assert.equal(new Set(ids).size, ids.length);
    const listed = (await get("/v1/broadcasts/12/triggers")).body.triggers;
    assert.equal(listed.at(-1).id, ids.at(-1));
  });

  test("two audiences are a 422 naming them", async () => {
    const { trigger, sandbox } = setup();
    const before = sandbox.workspace.triggers.length;
    const error = assertApiError(await trigger(11, { ids: ["a"], emails: ["a@example.com"] }), 422);
    assert.match(error.detail, /emails/);
    assert.match(error.detail, /ids/);
    assertApiError(await trigger(11, { recipients: { segment: { id: 3 } }, data_file_url: "https://x.example" }), 422, /recipients and data_file_url/);
    assert.equal(sandbox.workspace.triggers.length, before);
  });

  test("an empty recipients filter is a 422", async () => {
    const { trigger } = setup();
    const error = assertApiError(await trigger(11, { recipients: {} }), 422, /^empty recipients filter is not valid/);
    assert.equal(error.source.pointer, "/data/attributes/recipients");
  });

  test("recipients grammar errors are 422 with a source pointer", async () => {
    const { trigger } = setup();
    const segment = { segment: { id: 3 } };
    const cases = [
      [{ and: [] }, "/recipients/and"],
      [{ or: {} }, "/recipients/or"],
      [{ not: [segment] }, "/recipients/not"],
      [{ and: [segment, { or: [{ attribute: { field: "x", operator: "eq" } }] }] }, "/recipients/and/1/or/0/attribute/value"],
      [{ segment: { id: "3" } }, "/recipients/segment/id"],
      [{ segment: { id: 999 } }, "/recipients/segment/id"],
      [{ segment: { id: 3, name: "VIP" } }, "/recipients/segment"],
      [{ ...segment, attribute: { field: "x", operator: "exists" } }, "/recipients"],
      [{ attribute: { field: "x", operator: "gt", value: "1" } }, "/recipients/attribute/operator"],
      [{ attribute: { operator: "exists" } }, "/recipients/attribute/field"],
      [{ and: [segment, {}] }, "/recipients/and/1"],
      [{ between: [1, 2] }, "/recipients/between"],
      [["segment"], "/recipients"],
    ];
    for (const [recipients, pointer] of cases) {
      const error = assertApiError(await trigger(11, { recipients }), 422);
      assert.equal(error.source.pointer, `/data/attributes${pointer}`, JSON.stringify(recipients));
    }
  });

  test("other body problems are 422 with a pointer", async () => {
    const { trigger } = setup();
    const tooMany = Array.from({ length: 10_001 }, (_, index) => `id${index}`);
    const cases = [
      [{ ids: tooMany }, "/ids", /10001 entries/],
      [{ emails: tooMany.map((id) => `${id}@example.com`) }, "/emails", /limit is 10000/],
      [{ per_user_data: tooMany.map((id) => ({ id })) }, "/per_user_data", /limit is 10000/],
      [{ ids: [] }, "/ids"],
      [{ ids: [42] }, "/ids/0"],
      [{ emails: ["not-an-email"] }, "/emails/0"],
      [{ per_user_data: [{ id: "a", email: "a@example.com" }] }, "/per_user_data/0", /exactly one of id and email/],
      [{ data: { blob: "x".repeat(50_001) } }, "/data", /limit is 50000 bytes/],
      [{ data: [] }, "/data"],
      [{ data_file_url: "ftp://files.example.com/a.jsonl" }, "/data_file_url"],
      [{ data_file_url: "not a url" }, "/data_file_url"],
      [{ ids: ["a"], id_ignore_missing: "yes" }, "/id_ignore_missing"],
      [{ ids: ["a"], default_audience: true }, "/default_audience", /unknown field/],
      [{ broadcast_id: 11 }, "/broadcast_id"],
    ];
    for (const [body, pointer, detail] of cases) {
      const error = assertApiError(await trigger(11, body), 422, detail);
      assert.equal(error.source.pointer, `/data/attributes${pointer}`, pointer);
    }
    assert.equal((await trigger(11, { data: { blob: "x".repeat(49_980) } })).status, 200);
  });

  test("an unknown broadcast is 404; a body that is not a JSON object is 400", async () => {
    const { trigger, post, sandbox } = setup();
    assertApiError(await trigger(99, { ids: ["a"] }), 404, /^broadcast with id 99 does not exist/);
    assertApiError(await trigger(11, "not json"), 400, /JSON object/);
    assertApiError(await trigger(11, "[]"), 400);
    assertApiError(await trigger(11, "null"), 400);
    assertApiError(await trigger(11, ""), 400);
    const noContentType = { authorization: `Bearer ${sandbox.apiKey}` };
    assertApiError(await post("/v1/campaigns/11/triggers", { ids: ["a"] }, noContentType), 400, /content-type/);
  });

  test("spacing: a second trigger within 10 s is 429 with Retry-After, accepted once the clock advances", async () => {
    const { trigger, clock } = setup();
    assert.equal((await trigger(11, { ids: ["a"] })).status, 200);

    const immediate = await trigger(11, { ids: ["b"] });
    assertApiError(immediate, 429, /^rate limited to 1 requests per 10s/);
    assert.equal(immediate.headers.get("retry-after"), "10");

    clock.ms += 4_500;
    assert.equal((await trigger(11, { ids: ["b"] })).headers.get("retry-after"), "6");
    clock.ms += 5_400;
    assert.equal((await trigger(11, { ids: ["b"] })).headers.get("retry-after"), "1");

    assert.equal((await trigger(12, { ids: ["b"] })).status, 200, "other broadcasts have their own clock");
    clock.ms += 100;
    assert.equal((await trigger(11, { ids: ["b"] })).status, 200);
  });

  test("spacing counts only accepted triggers and follows triggerSpacingMs", async () => {
    const { trigger, clock } = setup({ triggerSpacingMs: 2_000 });
    assert.equal((await trigger(13, { ids: [] })).status, 422);
    assert.equal((await trigger(13, { ids: ["a"] })).status, 200);
    const limited = await trigger(13, { ids: ["a"] });
    assertApiError(limited, 429, /per 2s/);
    assert.equal(limited.headers.get("retry-after"), "2");
    clock.ms += 1_999;
    assert.equal((await trigger(13, { ids: ["a"] })).headers.get("retry-after"), "1");
    clock.ms += 1;
    assert.equal((await trigger(13, { ids: ["a"] })).status, 200);
  });
});

describe("recording and reset", () => {
  test("every request is recorded with the key redacted", async () => {
    const { sandbox, get, trigger } = setup();
    await get("/v1/messages?type=email&limit=5");
    await trigger(11, { ids: ["a"] });
    await get("/v1/segments", { authorization: "Bearer wrong" });
    assert.equal(sandbox.requests.length, 3);
    const [list, post, denied] = sandbox.requests;
    assert.deepEqual(list, {
      method: "GET",
      path: "/v1/messages",
      query: { type: "email", limit: "5" },
      headers: { authorization: "Bearer ***" },
      authorized: true,
      body: null,
      bodyText: null,
      status: 200,
      fault: null,
    });
    assert.equal(post.method, "POST");
    assert.deepEqual(post.body, { ids: ["a"] });
    assert.equal(post.bodyText, '{"ids":["a"]}');
    assert.equal(post.headers["content-type"], "application/json");
    assert.equal(post.status, 200);
    assert.equal(denied.authorized, false);
    assert.equal(denied.headers.authorization, "Bearer ***");
    assert.equal(denied.status, 401);
    assert.ok(!JSON.stringify(sandbox.requests).includes(sandbox.apiKey));
  });

  test("reset() restores the workspace, clears requests, faults and the spacing clock", async () => {
    const { sandbox, trigger, get } = setup();
    const pristine = structuredClone(sandbox.workspace);
    const { workspace, requests } = sandbox;
    await trigger(11, { ids: ["a"] });
    sandbox.inject({ path: "/v1/segments", kind: "status", status: 500, times: 5 });
    assert.equal((await get("/v1/segments")).status, 500);
    sandbox.reset();
    assert.equal(sandbox.requests, requests);
    assert.equal(sandbox.requests.length, 0);
    assert.equal(sandbox.workspace, workspace);
    assert.deepEqual(sandbox.workspace, pristine);
    assert.equal((await get("/v1/segments")).status, 200);
    assert.equal((await trigger(11, { ids: ["a"] })).status, 200);
  });
});

describe("fault injection (in-process)", () => {
  test("status: answers the status with an envelope and Retry-After, then expires", async () => {
    const { sandbox, get } = setup();
    sandbox.inject({ path: "/v1/segments", kind: "status", status: 503, retryAfter: "2", times: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await get("/v1/segments");
      assertApiError(result, 503);
      assert.equal(result.headers.get("retry-after"), "2");
    }
    assert.equal((await get("/v1/segments")).status, 200);
    assert.deepEqual(sandbox.requests.map((request) => [request.fault, request.status]), [["status", 503], ["status", 503], [null, 200]]);
  });

  test("status on a trigger: not applied by default, applied on request", async () => {
    const { sandbox, trigger, clock } = setup();
    const before = sandbox.workspace.triggers.length;
    sandbox.inject({ method: "POST", path: /^\/v1\/campaigns\/\d+\/triggers$/, kind: "status", status: 502 });
    assertApiError(await trigger(11, { ids: ["a"] }), 502);
    assert.equal(sandbox.workspace.triggers.length, before);

    sandbox.inject({ method: "POST", path: "/v1/campaigns/11/triggers", kind: "status", status: 500, applied: true });
    assertApiError(await trigger(11, { ids: ["a"] }), 500);
    assert.equal(sandbox.workspace.triggers.length, before + 1);
    assert.deepEqual(sandbox.workspace.triggers.at(-1).request, { ids: ["a"] });
    assert.equal((await trigger(11, { ids: ["a"] })).status, 429, "the applied trigger started the spacing clock");
    clock.ms += 10_000;
    assert.equal((await trigger(11, { ids: ["a"] })).status, 200);
  });

  test("status: a custom body replaces the envelope", async () => {
    const { sandbox, get } = setup();
    sandbox.inject({ path: "/v1/messages", kind: "status", status: 403, body: { meta: { error: "forbidden" } } });
    const result = await get("/v1/messages");
    assert.equal(result.status, 403);
    assert.deepEqual(result.body, { meta: { error: "forbidden" } });
  });

  test("method and path decide which requests a fault hits", async () => {
    const { sandbox, get, trigger } = setup();
    sandbox.inject({ method: "POST", path: "/v1/segments", kind: "wrong_shape" });
    assert.equal((await get("/v1/segments")).body.segments.length >= 8, true);
    sandbox.clearFaults();
    sandbox.inject({ method: "GET", path: /triggers/, kind: "wrong_shape" });
    assert.equal((await trigger(11, { ids: ["a"] })).status, 200);
    assert.deepEqual((await get("/v1/broadcasts/11/triggers")).body, { unexpected: true });
    assert.throws(() => sandbox.inject({ path: "/v1/segments", kind: "explode" }), TypeError);
    assert.throws(() => sandbox.inject({ kind: "drop" }), TypeError);
    assert.throws(() => sandbox.inject({ path: "/v1/segments", kind: "status", status: 99 }), TypeError);
    assert.throws(() => sandbox.inject({ path: "/v1/segments", kind: "drop", times: 0 }), TypeError);
  });

  test("hang: waits hangMs then answers normally", async () => {
    const { sandbox, get } = setup();
    sandbox.inject({ path: "/v1/transactional", kind: "hang", hangMs: 30 });
    const startedAt = Date.now();
    const result = await get("/v1/transactional");
    assert.ok(Date.now() - startedAt >= 25);
    assert.equal(result.status, 200);
    assert.equal(sandbox.requests[0].fault, "hang");
  });

  test("hang: an abort rejects with the signal's reason, as fetch does", async () => {
    const { sandbox } = setup();
    sandbox.inject({ path: "/v1/segments", kind: "hang" });
    const controller = new AbortController();
    const pending = sandbox.fetch(`${ORIGIN}/v1/segments`, {
      headers: { authorization: "Bearer sandbox-key" },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(pending, (error) => error instanceof DOMException && error.name === "AbortError");
    assert.equal(sandbox.requests.length, 1);
    assert.equal(sandbox.requests[0].fault, "hang");
    assert.equal(sandbox.requests[0].status, null);
  });

  test("an already aborted signal rejects at once and nothing is received", async () => {
    const { sandbox } = setup();
    const reason = new DOMException("stop", "AbortError");
    await assert.rejects(sandbox.fetch(`${ORIGIN}/v1/segments`, { signal: AbortSignal.abort(reason) }), (error) => error === reason);
    assert.equal(sandbox.requests.length, 0);
  });

  test("truncated: the real body cut in half", async () => {
    const { sandbox, get } = setup();
    const full = (await get("/v1/segments")).text;
    sandbox.inject({ path: "/v1/segments", kind: "truncated" });
    const response = await sandbox.fetch(`${ORIGIN}/v1/segments`, { headers: { authorization: "Bearer sandbox-key" } });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.equal(text, full.slice(0, Math.floor(full.length / 2)));
    assert.throws(() => JSON.parse(text), SyntaxError);
  });

  test("non_json and wrong_shape: 200 with the wrong body", async () => {
    const { sandbox } = setup();
    const headers = { authorization: "Bearer sandbox-key" };
    sandbox.inject({ path: "/v1/newsletters", kind: "non_json" });
    sandbox.inject({ path: "/v1/newsletters", kind: "wrong_shape" });
    const html = await sandbox.fetch(`${ORIGIN}/v1/newsletters`, { headers });
    assert.equal(html.status, 200);
    assert.equal(html.headers.get("content-type"), "text/html");
    assert.equal(await html.text(), "<html>oops</html>");
    const shape = await sandbox.fetch(`${ORIGIN}/v1/newsletters`, { headers });
    assert.equal(shape.status, 200);
    assert.equal(shape.headers.get("content-type"), "application/json");
    assert.deepEqual(await shape.json(), { unexpected: true });
  });

  test("drop: in-process fetch rejects with TypeError('fetch failed')", async () => {
    const { sandbox, trigger } = setup();
    sandbox.inject({ method: "POST", path: "/v1/campaigns/11/triggers", kind: "drop", applied: true });
    const before = sandbox.workspace.triggers.length;
    await assert.rejects(trigger(11, { ids: ["a"] }), (error) => error instanceof TypeError && error.message === "fetch failed");
    assert.equal(sandbox.workspace.triggers.length, before + 1, "applied: the server acted before the connection dropped");
    assert.equal(sandbox.requests[0].fault, "drop");
    assert.equal(sandbox.requests[0].status, null);
  });
});

describe("over HTTP (serveSandbox on 127.0.0.1)", () => {
  test("cors: true answers preflights and allows any origin; the default sends no CORS headers", async () => {
    const { sandbox } = setup();
    const open = await serveSandbox(sandbox, { port: 0, cors: true });
    const closed = await serveSandbox(createSandbox(), { port: 0 });
    try {
      const preflight = await fetch(`${open.url}/v1/segments`, {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1:8080", "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
      assert.match(preflight.headers.get("access-control-allow-headers"), /authorization/);
      assert.equal(sandbox.requests.length, 0, "a preflight is not an API request");
      const answer = await fetch(`${open.url}/v1/segments`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get("access-control-allow-origin"), "*");
      const plain = await fetch(`${closed.url}/v1/segments`, { headers: { authorization: "Bearer sandbox-key" } });
      assert.equal(plain.headers.get("access-control-allow-origin"), null);
    } finally {
      await open.close();
      await closed.close();
    }
  });

  test("GET and POST round trips, and a dropped connection", async () => {
    const { sandbox } = setup();
    const server = await serveSandbox(sandbox, { port: 0 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(server.port > 0);
      const auth = { authorization: `Bearer ${sandbox.apiKey}` };

      const segments = await fetch(`${server.url}/v1/segments/3`, { headers: auth });
      assert.equal(segments.status, 200);
      assert.equal(segments.headers.get("content-type"), "application/json");
      assert.equal((await segments.json()).segment.name, "VIP customers");

      const created = await fetch(`${server.url}/v1/campaigns/11/triggers`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ emails: ["a@example.com"] }),
      });
      assert.equal(created.status, 200);
      const { id } = await created.json();
      assert.deepEqual(sandbox.workspace.triggers.at(-1).request, { emails: ["a@example.com"] });
      assert.equal(sandbox.workspace.triggers.at(-1).id, id);

      const limited = await fetch(`${server.url}/v1/campaigns/11/triggers`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: "{}",
      });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get("retry-after"), "10");
      await limited.body.cancel();

      assert.equal((await fetch(`${server.url}/v1/segments`)).status, 401);

      sandbox.inject({ path: "/v1/messages", kind: "drop", times: 5 });
      await assert.rejects(fetch(`${server.url}/v1/messages`, { headers: auth }), TypeError);
      sandbox.clearFaults();

      assert.deepEqual(sandbox.requests.slice(0, 4).map((request) => [request.method, request.path, request.status]), [
        ["GET", "/v1/segments/3", 200],
        ["POST", "/v1/campaigns/11/triggers", 200],
        ["POST", "/v1/campaigns/11/triggers", 429],
        ["GET", "/v1/segments", 401],
      ]);
      assert.equal(sandbox.requests[1].headers.authorization, "Bearer ***");
    } finally {
      await server.close();
    }
  });

  test("a client abort during a hang ends the hang; each request is logged", async () => {
    const { sandbox } = setup();
    const lines = [];
    const server = await serveSandbox(sandbox, { port: 0, log: (line) => lines.push(line) });
    try {
      sandbox.inject({ path: "/v1/segments", kind: "hang" });
      const pending = fetch(`${server.url}/v1/segments`, {
        headers: { authorization: "Bearer sandbox-key" },
        signal: AbortSignal.timeout(50),
      });
      await assert.rejects(pending, (error) => error.name === "TimeoutError");
      for (let waited = 0; lines.length === 0 && waited < 2_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.match(lines[0], /^GET \/v1\/segments -> no answer/);
      assert.equal(sandbox.requests[0].status, null);
      await fetch(`${server.url}/v1/transactional`, { headers: { authorization: "Bearer sandbox-key" } }).then((response) => response.text());
      assert.match(lines[1], /^GET \/v1\/transactional -> 200 \(\d+ ms\)$/);
    } finally {
      await server.close();
    }
  });

  test("refuses to listen on a non-loopback address", async () => {
    await assert.rejects(serveSandbox(setup().sandbox, { port: 0, host: "0.0.0.0" }), /loopback/);
  });
});
