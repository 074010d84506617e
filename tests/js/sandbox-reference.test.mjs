// The sandbox follows Customer.io's App API reference where it used to invent (checked
// 2026-12-02 against https://docs.customer.io/integrations/api/app/tag/messages/listMessages/,
// .../newsletters/listNewsletters/ and .../send-messages/triggerBroadcast/).
// node --test tests/js/sandbox-reference.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg-template/sandbox/index.js";

const ORIGIN = "http://sandbox.test";
const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
/** The metric keys the reference lists for a message: timestamps, then counts. */
const REFERENCE_METRIC_KEYS = new Set([
  "attempted", "bounced", "clicked", "converted", "created", "delivered", "drafted", "dropped", "failed",
  "opened", "sent", "spammed", "undeliverable", "unsubscribed",
  "human_clicked", "human_opened", "prefetch_clicked", "prefetch_opened",
]);
const NEWSLETTER_TYPES = ["email", "webhook", "twilio", "push", "in_app", "inbox"];

function setup() {
  const sandbox = createSandbox({ now: () => T0 });
  const headers = { authorization: `Bearer ${sandbox.apiKey}` };
  const get = async (path) => {
    const response = await sandbox.fetch(`${ORIGIN}${path}`, { headers });
    return { status: response.status, body: await response.json() };
  };
  const post = async (path, body) => {
    const response = await sandbox.fetch(`${ORIGIN}${path}`, {
      method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return { sandbox, get, post };
}

describe("messages", () => {
  test("type=live_notification is a valid filter", async () => {
    const { get } = setup();
    const result = await get("/v1/messages?type=live_notification");
    assert.equal(result.status, 200);
    assert.ok(Array.isArray(result.body.messages));
  });

  test("get_tracked_responses=true adds tracked_responses objects; without it there are none", async () => {
    const { get } = setup();
    const tracked = await get("/v1/messages?limit=5&get_tracked_responses=true");
    assert.equal(tracked.status, 200);
    assert.ok(tracked.body.messages.every((message) => typeof message.tracked_responses === "object" && message.tracked_responses !== null));
    const plain = await get("/v1/messages?limit=5");
    assert.ok(plain.body.messages.every((message) => !("tracked_responses" in message)));
    assert.equal((await get("/v1/messages?get_tracked_responses=yes")).status, 400);
  });

  test("live_notification is listed once among the types of messages and broadcast metrics", async () => {
    const { get, sandbox } = setup();
    const broadcastId = sandbox.workspace.broadcasts[0].id;
    for (const path of ["/v1/messages?type=sms", `/v1/broadcasts/${broadcastId}/metrics?type=sms`]) {
      const refused = await get(path);
      assert.equal(refused.status, 400, path);
      assert.equal(refused.body.errors[0].detail.split("live_notification").length - 1, 1, refused.body.errors[0].detail);
    }
  });

  test("an empty start is the first page", async () => {
    const { get } = setup();
    const first = await get("/v1/messages?limit=3");
    const empty = await get("/v1/messages?limit=3&start=");
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, first.body);
  });

  test("metrics use only the keys the reference lists, created on every message, with counts", async () => {
    const { sandbox } = setup();
    const keys = new Set(sandbox.workspace.messages.flatMap((message) => Object.keys(message.metrics)));
    for (const key of keys) assert.ok(REFERENCE_METRIC_KEYS.has(key), key);
    assert.ok(sandbox.workspace.messages.every((message) => message.metrics.created === message.created));
    assert.ok(keys.has("human_opened") && keys.has("human_clicked"));
  });
});

describe("newsletters", () => {
  test("type comes from the reference's list and name, tags, segments and topic are never null", () => {
    const { sandbox } = setup();
    for (const newsletter of sandbox.workspace.newsletters) {
      assert.ok(NEWSLETTER_TYPES.includes(newsletter.type), String(newsletter.type));
      assert.equal(typeof newsletter.name, "string");
      assert.ok(Array.isArray(newsletter.tags));
      assert.ok(Array.isArray(newsletter.recipient_segment_ids));
      assert.ok(Number.isInteger(newsletter.subscription_topic_id));
    }
  });

  test("an empty start is the first page", async () => {
    const { get } = setup();
    assert.deepEqual((await get("/v1/newsletters?start=")).body, (await get("/v1/newsletters")).body);
  });
});

describe("triggers", () => {
  test("the reference's default-audience example, with its three false flags, is accepted", async () => {
    const { post, sandbox } = setup();
    const [broadcast] = sandbox.workspace.broadcasts;
    const result = await post(`/v1/campaigns/${broadcast.id}/triggers`, {
      data: { headline: "Roadrunner spotted in Albuquerque!", date: 1511315635, text: "…" },
      email_add_duplicates: false, email_ignore_missing: false, id_ignore_missing: false,
    });
    assert.equal(result.status, 200, JSON.stringify(result.body));
  });

  test("trigger errors take start as a string: empty is the first page, digits an offset, anything else 400", async () => {
    const { get, sandbox } = setup();
    const stored = sandbox.workspace.triggers.find((trigger) => trigger.errors.length > 10);
    const path = `/v1/campaigns/${stored.broadcast_id}/triggers/${stored.id}/errors?limit=10`;
    assert.deepEqual((await get(`${path}&start=`)).body, (await get(path)).body);
    assert.equal((await get(`${path}&start=10`)).body.errors[0], stored.errors[10]);
    const bad = await get(`${path}&start=ten`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.errors[0].detail, /offset `next` of the previous page/);
  });
});
