// The client's retry policy, and its own broadcast spacing (one trigger per broadcast per
// interval, on real time).
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  T0_SECONDS, rejects, setup,
} from "./helpers.mjs";

const TRIGGER_PATH = (id) => `/v1/campaigns/${id}/triggers`;

// =============================================================================================
// 6. Retries.

describe("retry policy", () => {
  test("a read answered 503 twice then 200 resolves after 3 requests", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 503, path: "/v1/segments", times: 2 });
    const result = await cio.getSegments();
    assert.deepEqual(result, { segments: sandbox.workspace.segments });
    assert.deepEqual(sandbox.requests.map((r) => r.status), [503, 503, 200]);
  });

  for (const status of [408, 429, 500, 502, 503, 504]) {
    test(`a read answered ${status} once is retried and resolves`, async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "status", status, path: "/v1/transactional" });
      const result = await cio.listTransactionalMessages();
      assert.deepEqual(result, { messages: sandbox.workspace.transactional });
      assert.deepEqual(sandbox.requests.map((r) => r.status), [status, 200]);
    });
  }

  test("the default policy allows 3 retries: 4 attempts, then the last answer's error", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ retry: { baseDelayMs: 1, maxDelayMs: 2 } });
    for (const status of [408, 500, 502, 504, 503]) sandbox.inject({ kind: "status", status, path: "/v1/transactional" });
    const error = await rejects(cio.listTransactionalMessages(), "api_error");
    assert.equal(error.status, 504);
    assert.deepEqual(sandbox.requests.map((r) => r.status), [408, 500, 502, 504]);
  });

  test("a read answered 400, 401, 404 or 422 is not retried", async () => {
    const { cio, sandbox } = setup();
    for (const [status, code] of [[400, "api_error"], [401, "unauthorized"], [404, "not_found"], [422, "api_error"]]) {
      sandbox.inject({ kind: "status", status, path: "/v1/segments" });
      const error = await rejects(cio.getSegments(), code);
      assert.equal(error.status, status);
    }
    assert.equal(sandbox.requests.length, 4);
  });

  test("a read is retried after a dropped connection and after a timeout", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "drop", path: "/v1/segments" });
    assert.equal((await cio.getSegments()).segments.length, 9);
    assert.equal(sandbox.requests.length, 2);
    sandbox.inject({ kind: "hang", path: "/v1/segments/3", hangMs: 10_000 });
    const detail = await cio.getSegmentDetails({ segment_id: 3 }, { timeoutMs: 50 });
    assert.equal(detail.segment.name, "VIP customers");
    assert.equal(sandbox.requests.length, 4);
  });

  test("maxRetries bounds the attempts", async () => {
    const { makeClient, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 502, path: "/v1/segments", times: 10 });
    const error = await rejects(makeClient({ retry: { maxRetries: 1, baseDelayMs: 1 } }).getSegments(), "api_error");
    assert.equal(error.status, 502);
    assert.equal(sandbox.requests.length, 2);
  });

  test("a 429 with Retry-After: 1 on a read is waited out (about 1 s), then succeeds", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 429, retryAfter: "1", path: "/v1/newsletters" });
    const started = Date.now();
    const page = await cio.listNewsletters({ limit: 3 });
    const elapsed = Date.now() - started;
    assert.equal(page.newsletters.length, 3);
    assert.ok(elapsed >= 900, `waited ${elapsed} ms for Retry-After: 1`);
    assert.ok(elapsed < 5000);
    assert.equal(sandbox.requests.length, 2);
  });

  test("a trigger answered 429 (not applied) is retried and creates exactly one trigger", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 429, retryAfter: "0", path: TRIGGER_PATH(11) });
    const result = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    assert.deepEqual(sandbox.requests.map((r) => r.status), [429, 200]);
    assert.equal(sandbox.workspace.triggers.length, 9);
    assert.deepEqual(result, { id: sandbox.workspace.triggers.at(-1).id });
    assert.deepEqual(sandbox.workspace.triggers.filter((t) => t.broadcast_id === 11 && t.created_at === T0_SECONDS).length, 1);
  });

  test("a trigger answered 429 without Retry-After is retried with backoff", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 429, path: TRIGGER_PATH(11), times: 2 });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    assert.deepEqual(sandbox.requests.map((r) => r.status), [429, 429, 200]);
    assert.equal(sandbox.workspace.triggers.length, 9);
  });

  test("a trigger within the spacing waits out the sandbox's Retry-After when it is within bounds", async () => {
    const { cio, sandbox, advance } = setup({ sandbox: { triggerSpacingMs: 1000 }, client: { spacing: false } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    advance(500);
    // The sandbox asks for 1 s; move its clock on while the client waits.
    const timer = setTimeout(() => advance(1000), 100);
    const second = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] });
    clearTimeout(timer);
    assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 429, 200]);
    assert.equal(second.id, sandbox.workspace.triggers.at(-1).id);
  });

  test("retry: false sends a read once", async () => {
    const { makeClient, sandbox } = setup();
    sandbox.inject({ kind: "status", status: 503, path: "/v1/segments", times: 3 });
    await rejects(makeClient({ retry: false }).getSegments(), "api_error");
    assert.equal(sandbox.requests.length, 1);
  });
});

// =============================================================================================
// 6b. The client's own broadcast spacing (one trigger per broadcast per 10 s, on real time).

describe("local broadcast spacing", () => {
  test("a second trigger of a broadcast within 10 s, beyond maxWaitMs, is refused rate_limited and not sent", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: { maxWaitMs: 1000 } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    const started = Date.now();
    const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] }), "rate_limited");
    assert.ok(Date.now() - started < 1000, "refused at once");
    assert.ok(error.retryAfterMs > 8000 && error.retryAfterMs <= 10_000, `retryAfterMs ${error.retryAfterMs}`);
    assert.equal(error.status, undefined, "no answer was involved");
    assert.match(error.message, /10 s/);
    assert.equal(sandbox.requests.length, 1, "the second trigger never left");
    assert.equal(sandbox.workspace.triggers.length, 9);
  });

  test("a trigger within the interval waits for its slot, then is sent", async () => {
    const { makeClient, sandbox } = setup({ sandbox: { triggerSpacingMs: 0 } });
    const cio = makeClient({ spacing: { intervalMs: 150 } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    const started = Date.now();
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] });
    const waited = Date.now() - started;
    assert.ok(waited >= 100, `waited ${waited} ms for a 150 ms interval`);
    assert.deepEqual(sandbox.requests.map((r) => [r.body.ids[0], r.status]), [["a", 200], ["b", 200]]);
  });

  test("concurrent triggers of one broadcast go out one interval apart, in call order", async () => {
    const { makeClient, sandbox } = setup({ sandbox: { triggerSpacingMs: 0 } });
    const arrivals = [];
    const cio = makeClient({
      spacing: { intervalMs: 40 },
      fetch: (url, init) => {
        arrivals.push(Date.now());
        return sandbox.fetch(url, init);
      },
    });
    const firstId = sandbox.workspace.triggers.length + 101;
    const results = await Promise.all(["a", "b", "c"].map((id) => cio.triggerBroadcast({ broadcast_id: 11, ids: [id] })));
    assert.deepEqual(sandbox.requests.map((r) => r.body.ids[0]), ["a", "b", "c"]);
    assert.deepEqual(results.map((r) => r.id), [firstId, firstId + 1, firstId + 2]);
    const gaps = [arrivals[1] - arrivals[0], arrivals[2] - arrivals[0]];
    assert.ok(gaps[0] >= 35 && gaps[1] >= 75, `b and c left ${gaps.join(" and ")} ms after a (slots at 40 and 80)`);
  });

  test("triggers of different broadcasts are not spaced (scope: broadcast, the default)", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: { maxWaitMs: 0 } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    await cio.triggerBroadcast({ broadcast_id: 12, ids: ["a"] });
    await cio.triggerBroadcast({ broadcast_id: 13, ids: ["a"] });
    assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 200, 200]);
  });

  test("scope: workspace spaces triggers across broadcasts", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: { scope: "workspace", maxWaitMs: 0 } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    await rejects(cio.triggerBroadcast({ broadcast_id: 12, ids: ["a"] }), "rate_limited");
    assert.equal(sandbox.requests.length, 1);
  });

  test("a trigger refused by validation does not take a slot", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: { maxWaitMs: 0 } });
    await rejects(cio.triggerBroadcast({ broadcast_id: 11 }), "missing_audience");
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    assert.equal(sandbox.requests.length, 1);
  });

  test("reads are never spaced", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: { maxWaitMs: 0 } });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    await cio.getTriggers({ broadcast_id: 11 });
    await cio.getTriggers({ broadcast_id: 11 });
    assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 200, 200]);
  });

  test("an abort during the spacing wait rejects aborted and sends nothing more", async () => {
    const { cio, sandbox } = setup();
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] }, { signal: controller.signal }), "aborted");
    assert.ok(Date.now() - started < 2000);
    assert.equal(sandbox.requests.length, 1);
  });

  test("spacing: false sends at once and the server's 429 surfaces", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({ spacing: false, retry: false });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] }), "rate_limited");
    assert.equal(error.status, 429);
    assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 429]);
  });

  test("an acquire hook is asked for every trigger with its key and interval", async () => {
    const { makeClient, sandbox } = setup({ sandbox: { triggerSpacingMs: 0 } });
    const calls = [];
    const cio = makeClient({
      spacing: {
        acquire: async (key, intervalMs) => {
          calls.push([key, intervalMs, sandbox.requests.length]);
        },
      },
    });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] });
    await cio.triggerBroadcast({ broadcast_id: 12, ids: ["c"] });
    await cio.getSegments();
    assert.deepEqual(calls, [["broadcast:11", 10_000, 0], ["broadcast:11", 10_000, 1], ["broadcast:12", 10_000, 2]]);
    assert.equal(sandbox.requests.length, 4);
    const workspace = makeClient({ spacing: { scope: "workspace", intervalMs: 5000, acquire: (key, ms) => { calls.push([key, ms]); } } });
    await workspace.triggerBroadcast({ broadcast_id: 13, ids: ["d"] });
    assert.deepEqual(calls.at(-1), ["workspace", 5000]);
  });

  test("an acquire hook that rejects refuses the trigger: rate_limited with its retryAfterMs, nothing sent", async () => {
    const { makeClient, sandbox } = setup();
    const cio = makeClient({
      spacing: {
        acquire: async () => {
          throw Object.assign(new Error("slot taken by another isolate"), { retryAfterMs: 4200 });
        },
      },
    });
    const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "rate_limited");
    assert.equal(error.retryAfterMs, 4200);
    assert.match(error.message, /slot taken by another isolate/);
    assert.equal(sandbox.requests.length, 0);
  });
});
