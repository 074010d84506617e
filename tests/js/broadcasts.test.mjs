// listBroadcasts, getBroadcast and getBroadcastMetrics through the built package, against the
// sandbox (whose broadcast endpoints are tested here too). Run: node --test tests/js/broadcasts.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DAY_SECONDS, ORIGIN, T0_SECONDS, rejects, setup, throwsSync } from "./helpers.mjs";

const BROADCAST_KEYS = [
  "id", "deduplicate_id", "created", "updated", "type", "name", "active", "state", "actions", "tags",
  "first_started", "created_by",
];
const FUNNEL = ["attempted", "sent", "delivered", "opened", "clicked", "converted"];

/** The sandbox's messages of one broadcast. */
function messagesOf(sandbox, broadcastId) {
  return sandbox.workspace.messages.filter((message) => message.broadcast_id === broadcastId);
}

/** How many of `messages` reached `metric` at or after `since` (Unix seconds). */
function reached(messages, metric, since) {
  return messages.filter((message) => message.metrics[metric] >= since).length;
}

describe("listBroadcasts and getBroadcast", () => {
  test("listBroadcasts returns every seeded broadcast with the reference's fields", async () => {
    const { cio, sandbox } = setup();
    const { broadcasts } = await cio.listBroadcasts();
    assert.deepEqual(broadcasts.map((b) => [b.id, b.name]), sandbox.workspace.broadcasts.map((b) => [b.id, b.name]));
    for (const broadcast of broadcasts) {
      assert.deepEqual(Object.keys(broadcast), BROADCAST_KEYS);
      assert.equal(broadcast.type, "triggered_broadcast");
      assert.ok(broadcast.actions.every((action) => Object.keys(action).join() === "id,type"));
      const triggers = sandbox.workspace.triggers.filter((t) => t.broadcast_id === broadcast.id);
      assert.equal(broadcast.first_started, Math.min(...triggers.map((t) => t.created_at)));
    }
    assert.deepEqual(sandbox.requests.map((r) => [r.method, r.path]), [["GET", "/v1/broadcasts"]]);
  });

  test("getBroadcast returns the broadcast with that id, number or digit string", async () => {
    const { cio } = setup();
    const { broadcast } = await cio.getBroadcast({ broadcast_id: "12" });
    assert.equal(broadcast.id, 12);
    assert.equal(broadcast.name, "Roadrunner spotted");
    assert.equal(broadcast.state, "running");
    assert.equal(broadcast.active, true);
  });

  test("an unknown broadcast rejects not_found with the API's detail", async () => {
    const { cio } = setup();
    const error = await rejects(cio.getBroadcast({ broadcast_id: 99 }), "not_found");
    assert.equal(error.status, 404);
    assert.match(error.message, /broadcast with id 99 does not exist/);
  });

  test("listBroadcasts refuses parameters it does not take, sending nothing", async () => {
    const { cio, sandbox } = setup();
    await rejects(cio.listBroadcasts({ limit: 5 }), "invalid_params", "limit");
    assert.equal(sandbox.requests.length, 0);
  });
});

describe("getBroadcastMetrics", () => {
  test("the last 7 days' funnel counts each day's events, days starting 00:00 EST", async () => {
    const { cio, sandbox } = setup();
    // T0 is 12:00 UTC, 07:00 EST: today began at 05:00 UTC.
    const today = T0_SECONDS - 7 * 3_600;
    for (const { id } of sandbox.workspace.broadcasts) {
      const { metric } = await cio.getBroadcastMetrics({ broadcast_id: id, period: "days", steps: 7 });
      const messages = messagesOf(sandbox, id);
      for (const name of FUNNEL) {
        const expected = Array.from({ length: 7 }, (_, i) => {
          const from = today - (6 - i) * DAY_SECONDS;
          return messages.filter((m) => m.metrics[name] >= from && m.metrics[name] < from + DAY_SECONDS).length;
        });
        assert.deepEqual(metric.series[name], expected, `${id} ${name}`);
      }
    }
  });

  test("the sum over every step matches the messages, and the funnel narrows", async () => {
    const { cio, sandbox } = setup();
    const { metric } = await cio.getBroadcastMetrics({ broadcast_id: 11, period: "months", steps: 4 });
    const messages = messagesOf(sandbox, 11);
    const totals = FUNNEL.map((name) => metric.series[name].reduce((sum, n) => sum + n, 0));
    assert.deepEqual(totals, FUNNEL.map((name) => reached(messages, name, 0)));
    assert.ok(totals[0] > 0);
    for (let i = 1; i < totals.length; i += 1) assert.ok(totals[i] <= totals[i - 1], FUNNEL[i]);
  });

  test("type keeps only that channel's messages", async () => {
    const { cio, sandbox } = setup();
    const push = await cio.getBroadcastMetrics({ broadcast_id: 12, period: "weeks", steps: 12, type: "push" });
    const messages = messagesOf(sandbox, 12).filter((message) => message.type === "push");
    assert.equal(push.metric.series.sent.reduce((sum, n) => sum + n, 0), reached(messages, "sent", 0));
    const none = await cio.getBroadcastMetrics({ broadcast_id: 12, type: "live_notification", steps: 2 });
    assert.deepEqual(none.metric.series.sent, [0, 0]);
  });

  test("steps 1 answers two periods and steps 0 the period's maximum", async () => {
    const { cio } = setup();
    assert.equal((await cio.getBroadcastMetrics({ broadcast_id: 11, period: "hours", steps: 1 })).metric.series.sent.length, 2);
    assert.equal((await cio.getBroadcastMetrics({ broadcast_id: 11, period: "hours", steps: 0 })).metric.series.sent.length, 24);
    assert.equal((await cio.getBroadcastMetrics({ broadcast_id: 11, period: "months" })).metric.series.sent.length, 12);
  });

  test("steps above the period's maximum are refused at steps before any request", async () => {
    const { cio, sandbox } = setup();
    const error = await rejects(cio.getBroadcastMetrics({ broadcast_id: 11, period: "weeks", steps: 13 }), "invalid_params", "steps");
    assert.match(error.message, /from 0 to 12 with period weeks/);
    await rejects(cio.getBroadcastMetrics({ broadcast_id: 11, steps: 46 }), "invalid_params", "steps");
    await rejects(cio.getBroadcastMetrics({ broadcast_id: 11, period: "years" }), "invalid_params", "period");
    await rejects(cio.getBroadcastMetrics({ broadcast_id: 11, type: "sms" }), "invalid_params", "type");
    assert.equal(sandbox.requests.length, 0);
  });

  test("prepare shows the metrics request with its query and throws the same errors", () => {
    const { cio } = setup();
    const prepared = cio.prepare("getBroadcastMetrics", { broadcast_id: 13, period: "days", steps: 7, type: "email" });
    assert.equal(prepared.method, "GET");
    assert.equal(prepared.url, `${ORIGIN}/v1/broadcasts/13/metrics?period=days&steps=7&type=email`);
    assert.equal(prepared.body, null);
    throwsSync(() => cio.prepare("getBroadcastMetrics", { broadcast_id: 13, period: "hours", steps: 25 }), "invalid_params", "steps");
  });
});

describe("the sandbox's broadcast endpoints", () => {
  async function get(sandbox, path) {
    const response = await sandbox.fetch(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
    return { status: response.status, body: await response.json() };
  }

  test("a non-integer id is a 400 and an unknown one a 404", async () => {
    const { sandbox } = setup();
    assert.equal((await get(sandbox, "/v1/broadcasts/abc")).status, 400);
    const missing = await get(sandbox, "/v1/broadcasts/99/metrics");
    assert.equal(missing.status, 404);
    assert.match(missing.body.errors[0].detail, /^broadcast with id 99 does not exist/);
  });

  test("metrics refuse steps over the maximum and unknown periods or types with a 400", async () => {
    const { sandbox } = setup();
    for (const query of ["period=days&steps=46", "period=hours&steps=25", "period=years", "type=sms", "steps=-1"]) {
      const answer = await get(sandbox, `/v1/broadcasts/11/metrics?${query}`);
      assert.equal(answer.status, 400, query);
    }
    assert.equal((await get(sandbox, "/v1/broadcasts/11/metrics?period=months&steps=121")).status, 200);
  });

  test("every metric of the message list has a series, one count per step", async () => {
    const { sandbox } = setup();
    const { body } = await get(sandbox, "/v1/broadcasts/13/metrics?period=weeks&steps=5");
    assert.deepEqual(Object.keys(body), ["metric"]);
    for (const name of [...FUNNEL, "bounced", "failed", "undeliverable"]) {
      assert.equal(body.metric.series[name].length, 5, name);
      assert.ok(body.metric.series[name].every(Number.isInteger), name);
    }
  });
});
