// Shared by the tools tests and the MCP server tests (mcp/test/): one valid call of every tool
// against the sandbox's seeded workspace, each with the check of its answer, and the seed's six
// workflows as tool-call sequences.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/** The seed's eight slugs, in the seed's order (tests/common/seed-tools.json, which the Rust tests read too). */
export const SEED_TOOLS = JSON.parse(readFileSync(new URL("../common/seed-tools.json", import.meta.url), "utf8"));

/** Ours, each an addition. */
export const OUR_TOOLS = [
  "CUSTOMERIO_GET_TRIGGER_ERRORS", "CUSTOMERIO_FIND_SEGMENTS", "CUSTOMERIO_LIST_BROADCASTS", "CUSTOMERIO_BROADCAST_FUNNEL",
  "CUSTOMERIO_GET_SEGMENT_SIZE", "CUSTOMERIO_GET_SEGMENT_MEMBERS", "CUSTOMERIO_NEWSLETTER_FUNNEL", "CUSTOMERIO_BROADCAST_ACTION_FUNNEL",
  "CUSTOMERIO_TRANSACTIONAL_FUNNEL", "CUSTOMERIO_BROADCAST_LINKS", "CUSTOMERIO_GET_MESSAGE",
  "CUSTOMERIO_SEND_EMAIL", "CUSTOMERIO_SEND_PUSH", "CUSTOMERIO_SEND_SMS",
];
/** The tools that message people (destructive): the trigger and the sends. */
export const WRITE_TOOLS = ["CUSTOMERIO_TRIGGER_BROADCAST", "CUSTOMERIO_SEND_EMAIL", "CUSTOMERIO_SEND_PUSH", "CUSTOMERIO_SEND_SMS"];

const FUNNEL = ["attempted", "sent", "delivered", "opened", "clicked", "converted"];

/** The API-triggered broadcast the tests trigger (the sandbox's "Flash sale announcement"). */
export const BROADCAST_ID = 11;

/**
 * One valid call per tool: [name, args, check(structuredContent)]. `workspace` is the sandbox's
 * seeded workspace (the answers are compared with it).
 */
export function validCalls(workspace) {
  const withErrors = workspace.triggers.find((t) => t.errors.length > 0);
  const trigger = workspace.triggers.find((t) => t.broadcast_id === BROADCAST_ID) ?? workspace.triggers[0];
  return [
    ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: { segment: { id: 3 } }, data: { promo: "VIP20" } },
      (sc) => assert.ok(Number.isInteger(sc.id) || typeof sc.id === "string", `a trigger id: ${JSON.stringify(sc)}`)],
    ["CUSTOMERIO_GET_MESSAGES", { type: "email", limit: 5 }, (sc) => {
      assert.equal(sc.messages.length, 5);
      assert.ok(sc.messages.every((m) => m.type === "email"));
    }],
    ["CUSTOMERIO_GET_SEGMENTS", {}, (sc) => assert.deepEqual(sc.segments, workspace.segments)],
    ["CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: 3 }, (sc) => assert.equal(sc.segment.name, "VIP customers")],
    ["CUSTOMERIO_LIST_NEWSLETTERS", { limit: 2, sort: "desc" }, (sc) => {
      assert.equal(sc.newsletters.length, 2);
      assert.ok(sc.next, "a next cursor: there are more newsletters");
    }],
    ["CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES", {}, (sc) => assert.equal(sc.messages.length, workspace.transactional.length)],
    ["CUSTOMERIO_GET_TRIGGERS", { broadcast_id: trigger.broadcast_id }, (sc) => {
      assert.ok(sc.triggers.length > 0);
      assert.ok(sc.triggers.every((t) => t.broadcast_id === trigger.broadcast_id));
    }],
    ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: trigger.broadcast_id, trigger_id: trigger.id }, (sc) => assert.equal(sc.id, trigger.id)],
    ["CUSTOMERIO_GET_TRIGGER_ERRORS", { broadcast_id: withErrors.broadcast_id, trigger_id: withErrors.id }, (sc) => assert.ok(sc.errors.length > 0)],
    ["CUSTOMERIO_FIND_SEGMENTS", { name: "vip" }, (sc) => {
      assert.deepEqual(sc.matches.map((s) => [s.id, s.name]), [[3, "VIP customers"]]);
      assert.deepEqual(sc.nearest, []);
    }],
    ["CUSTOMERIO_LIST_BROADCASTS", {}, (sc) => {
      assert.deepEqual(sc.broadcasts.map((b) => b.id), workspace.broadcasts.map((b) => b.id));
      assert.ok(sc.broadcasts.some((b) => b.id === BROADCAST_ID));
    }],
    ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: BROADCAST_ID, period: "months", steps: 12 }, (sc) => {
      assert.deepEqual(sc.funnel.map((s) => s.metric), ["attempted", "sent", "delivered", "opened", "clicked", "converted"]);
      assert.equal(sc.broadcast_id, BROADCAST_ID);
      assert.equal(sc.period, "months");
      assert.ok(sc.funnel[0].count > 0, "the broadcast was attempted");
      assert.equal(sc.funnel[0].rate_of_attempted, 1);
      for (const step of sc.funnel) assert.ok(step.count <= sc.funnel[0].count, `${step.metric} <= attempted`);
    }],
    ["CUSTOMERIO_GET_SEGMENT_SIZE", { segment_id: 1 }, (sc) => assert.deepEqual(sc, { segment_id: 1, count: workspace.customers.length })],
    ["CUSTOMERIO_GET_SEGMENT_MEMBERS", { segment_id: 1, limit: 10 }, (sc) => {
      assert.equal(sc.identifiers.length, 10);
      assert.ok(sc.next, "more members on the next page");
    }],
    ["CUSTOMERIO_NEWSLETTER_FUNNEL", { newsletter_id: 128_272, period: "weeks", steps: 12 }, (sc) => {
      assert.deepEqual(sc.funnel.map((s) => s.metric), FUNNEL);
      assert.equal(sc.newsletter_id, 128_272);
      assert.ok(sc.funnel[0].count > 0, "the newsletter was attempted");
    }],
    ["CUSTOMERIO_BROADCAST_ACTION_FUNNEL", { broadcast_id: 12, action_id: 302, period: "weeks", steps: 12 }, (sc) => {
      assert.deepEqual([sc.broadcast_id, sc.action_id], [12, 302]);
      assert.ok(sc.funnel[0].count > 0);
    }],
    ["CUSTOMERIO_TRANSACTIONAL_FUNNEL", { transactional_id: 2, period: "weeks", steps: 12 }, (sc) => {
      assert.equal(sc.transactional_id, 2);
      assert.ok(sc.funnel[0].count > 0);
    }],
    ["CUSTOMERIO_BROADCAST_LINKS", { broadcast_id: 12, period: "weeks", steps: 12, unique: true }, (sc) => {
      assert.equal(sc.unique, true);
      assert.ok(sc.links.length >= 4);
      for (let i = 1; i < sc.links.length; i += 1) assert.ok(sc.links[i - 1].clicks >= sc.links[i].clicks, "most clicked first");
    }],
    ["CUSTOMERIO_GET_MESSAGE", { message_id: workspace.messages[0].id }, (sc) => assert.deepEqual(sc.message, workspace.messages[0])],
    ["CUSTOMERIO_SEND_EMAIL", { to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4, message_data: { order: "A-1" } },
      (sc) => assert.equal(typeof sc.delivery_id, "string")],
    ["CUSTOMERIO_SEND_PUSH", { identifiers: { id: "cust_0001" }, transactional_message_id: 5, title: "Shipped" },
      (sc) => assert.equal(typeof sc.delivery_id, "string")],
    ["CUSTOMERIO_SEND_SMS", { identifiers: { id: "cust_0001" }, transactional_message_id: "shipping update", to: "+15551234567" },
      (sc) => assert.equal(typeof sc.delivery_id, "string")],
  ];
}

/**
 * The seed's six workflows as tool calls through `call(name, args)` (which returns the tool
 * result); each asserts what the user would look at.
 */
export const WORKFLOWS = {
  async "1. trigger a broadcast to a segment found by name, with data"(call) {
    const found = await call("CUSTOMERIO_FIND_SEGMENTS", { name: "VIP" });
    const segment = found.structuredContent.matches[0];
    const sent = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: { segment: { id: segment.id } }, data: { promo: "VIP20" } });
    assert.equal(sent.isError, false, sent.content[0].text);
    const status = await call("CUSTOMERIO_GET_TRIGGER", { broadcast_id: BROADCAST_ID, trigger_id: sent.structuredContent.id });
    assert.equal(status.structuredContent.id, sent.structuredContent.id);
  },
  async "2. delivery metrics of emails in a window, page after page"(call) {
    // The window ends at the newest delivery (the sandbox's clock is not the machine's).
    const newest = await call("CUSTOMERIO_GET_MESSAGES", { limit: 1 });
    const end = newest.structuredContent.messages[0].created;
    const first = await call("CUSTOMERIO_GET_MESSAGES", { type: "email", start_ts: end - 90 * 86_400, end_ts: end, limit: 3 });
    assert.equal(first.isError, false, first.content[0].text);
    assert.ok(first.structuredContent.next, "a second page");
    const second = await call("CUSTOMERIO_GET_MESSAGES", { type: "email", start_ts: end - 90 * 86_400, end_ts: end, limit: 3, start: first.structuredContent.next });
    assert.equal(second.isError, false, second.content[0].text);
    const ids = new Set([...first.structuredContent.messages, ...second.structuredContent.messages].map((m) => m.id));
    assert.equal(ids.size, first.structuredContent.messages.length + second.structuredContent.messages.length, "no message twice");
  },
  async "3. list segments, then one segment's details"(call) {
    const list = await call("CUSTOMERIO_GET_SEGMENTS", {});
    const id = list.structuredContent.segments[0].id;
    const one = await call("CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: id });
    assert.equal(one.structuredContent.segment.id, id);
  },
  async "4. every newsletter, following next"(call) {
    const seen = [];
    let start;
    for (let page = 0; page < 50; page++) {
      const result = await call("CUSTOMERIO_LIST_NEWSLETTERS", { limit: 5, ...(start ? { start } : {}) });
      assert.equal(result.isError, false, result.content[0].text);
      seen.push(...result.structuredContent.newsletters);
      start = result.structuredContent.next;
      if (!start) break;
    }
    assert.ok(seen.length > 5, "more than one page");
    assert.equal(new Set(seen.map((n) => n.id)).size, seen.length);
  },
  async "5. transactional templates with ids and trigger names"(call) {
    const result = await call("CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES", {});
    assert.ok(result.structuredContent.messages.every((m) => Number.isInteger(m.id)));
  },
  async "6. a broadcast's trigger history, then one trigger (the broadcast found by name)"(call) {
    const broadcasts = await call("CUSTOMERIO_LIST_BROADCASTS", {});
    const flash = broadcasts.structuredContent.broadcasts.find((b) => /flash sale/i.test(b.name));
    assert.equal(flash.id, BROADCAST_ID);
    const list = await call("CUSTOMERIO_GET_TRIGGERS", { broadcast_id: flash.id });
    assert.ok(list.structuredContent.triggers.length > 0);
    const first = list.structuredContent.triggers[0];
    const one = await call("CUSTOMERIO_GET_TRIGGER", { broadcast_id: BROADCAST_ID, trigger_id: first.id });
    assert.deepEqual(one.structuredContent, first);
  },
};
