// The sandbox's reads around a broadcast agree with each other: a segment's count is its
// members, a broadcast's per-action metrics add up to its metrics, link clicks add up to the
// clicked metric. Straight against the sandbox's fetch (no client), like tests/js/sandbox.test.mjs.
// Run: node --test tests/js/sandbox-reads.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSandbox } from "../../pkg/sandbox/index.js";

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const sum = (counts) => counts.reduce((a, b) => a + b, 0);

function sandboxGet() {
  const sandbox = createSandbox({ now: () => T0 });
  const get = async (path) => {
    const response = await sandbox.fetch(`https://api.customer.io${path}`, { headers: { authorization: "Bearer sandbox-key" } });
    return { status: response.status, body: await response.json() };
  };
  return { sandbox, get };
}

describe("sandbox reads", () => {
  test("every segment's customer_count equals its membership, walked to the end", async () => {
    const { sandbox, get } = sandboxGet();
    for (const segment of sandbox.workspace.segments) {
      const { body: { count } } = await get(`/v1/segments/${segment.id}/customer_count`);
      const members = [];
      let start = "";
      do {
        const { body } = await get(`/v1/segments/${segment.id}/membership?limit=17&start=${start}`);
        assert.equal(body.identifiers.length, body.ids.length);
        members.push(...body.identifiers);
        start = body.next ?? "";
      } while (start !== "");
      assert.equal(members.length, count, `segment ${segment.id}`);
    }
    const { body: all } = await get("/v1/segments/1/customer_count");
    assert.equal(all.count, sandbox.workspace.customers.length, "segment 1 is everyone");
  });

  test("a broadcast's per-action metrics add up to its metrics, step by step", async () => {
    const { sandbox, get } = sandboxGet();
    for (const broadcast of sandbox.workspace.broadcasts) {
      for (const period of ["days", "weeks"]) {
        const { body: whole } = await get(`/v1/broadcasts/${broadcast.id}/metrics?period=${period}`);
        const parts = [];
        for (const action of broadcast.actions) {
          parts.push((await get(`/v1/broadcasts/${broadcast.id}/actions/${action.id}/metrics?period=${period}`)).body.metric.series);
        }
        for (const [metric, counts] of Object.entries(whole.metric.series)) {
          const added = counts.map((_, step) => parts.reduce((total, series) => total + series[metric][step], 0));
          assert.deepEqual(added, counts, `${broadcast.id} ${metric} by ${period}`);
        }
      }
    }
  });

  test("an action's link clicks add up to its clicked metric; every click counts at least once", async () => {
    const { sandbox, get } = sandboxGet();
    for (const broadcast of sandbox.workspace.broadcasts) {
      let clickedTotal = 0;
      for (const action of broadcast.actions) {
        const { body: metrics } = await get(`/v1/broadcasts/${broadcast.id}/actions/${action.id}/metrics`);
        const { body: links } = await get(`/v1/broadcasts/${broadcast.id}/actions/${action.id}/metrics/links`);
        assert.equal(sum(links.links.flatMap((entry) => entry.metric.series.clicked)), sum(metrics.metric.series.clicked));
        clickedTotal += sum(metrics.metric.series.clicked);
      }
      const { body: unique } = await get(`/v1/broadcasts/${broadcast.id}/metrics/links?unique=true`);
      const { body: every } = await get(`/v1/broadcasts/${broadcast.id}/metrics/links`);
      const uniqueClicks = sum(unique.links.flatMap((entry) => entry.metric.series.clicked));
      assert.equal(uniqueClicks, clickedTotal);
      assert.ok(sum(every.links.flatMap((entry) => entry.metric.series.clicked)) >= uniqueClicks);
    }
  });

  test("a newsletter's and a transactional message's metrics count their deliveries", async () => {
    const { get } = sandboxGet();
    const { body: deliveries } = await get("/v1/newsletters/128270/messages?limit=1000");
    const { body: metrics } = await get("/v1/newsletters/128270/metrics?period=weeks&steps=12");
    assert.equal(sum(metrics.metric.series.attempted), deliveries.messages.filter((m) => "attempted" in m.metrics).length);
    const { body: sent } = await get("/v1/transactional/2/messages?limit=1000");
    const { body: transactional } = await get("/v1/transactional/2/metrics?period=weeks&steps=12");
    assert.equal(sum(transactional.metric.series.attempted), sent.messages.length);
  });

  test("the reads answer 404 for what does not exist and 400 for a bad filter", async () => {
    const { get } = sandboxGet();
    assert.equal((await get("/v1/segments/999/customer_count")).status, 404);
    assert.equal((await get("/v1/broadcasts/11/actions/999")).status, 404);
    assert.equal((await get("/v1/newsletters/1")).status, 404);
    assert.equal((await get("/v1/transactional/99/metrics")).status, 404);
    assert.equal((await get("/v1/messages/nothing-here")).status, 404);
    assert.equal((await get("/v1/broadcasts/11/messages?metric=converted")).status, 400);
    assert.equal((await get("/v1/segments/3/membership?limit=30001")).status, 400);
    assert.equal((await get("/v1/newsletters/128270/metrics?type=slack")).status, 400);
  });

  test("a broadcast's deliveries default to the month after its first trigger", async () => {
    const { sandbox, get } = sandboxGet();
    const broadcast = sandbox.workspace.broadcasts.find((b) => b.id === 12);
    const { body } = await get("/v1/broadcasts/12/messages?limit=1000");
    const expected = sandbox.workspace.messages.filter((m) =>
      m.broadcast_id === 12 && m.created >= broadcast.first_started && m.created <= broadcast.first_started + 31 * 86_400);
    assert.deepEqual(new Set(body.messages.map((m) => m.id)), new Set(expected.map((m) => m.id)));
  });
});

describe("the reads' answers carry the live pages' example fields", () => {
  // https://docs.customer.io/integrations/api/app/tag/segments/getSegmentCount/ and
  // https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcastAction/ (2026-12-06).
  test("a segment count is { segment_id, count }", async () => {
    const { get } = sandboxGet();
    assert.deepEqual(Object.keys((await get("/v1/segments/7/customer_count")).body), ["segment_id", "count"]);
  });

  test("an action carries the example's leading fields in its order", async () => {
    const { get } = sandboxGet();
    const { body } = await get("/v1/broadcasts/11/actions/301");
    assert.deepEqual(Object.keys(body.action).slice(0, 11), [
      "id", "broadcast_id", "deduplicate_id", "name", "layout", "created", "updated", "body", "type", "sending_state", "language",
    ]);
  });

  test("a delivery list is { messages, next } with the fields of GET /v1/messages", async () => {
    const { sandbox, get } = sandboxGet();
    const { body } = await get("/v1/newsletters/128272/messages?limit=1");
    assert.deepEqual(Object.keys(body), ["messages", "next"]);
    assert.deepEqual(Object.keys(body.messages[0]), Object.keys(sandbox.workspace.messages[0]));
  });
});
