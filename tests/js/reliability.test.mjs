// Reliability through the built package against the faulting sandbox: no broadcast is ever sent
// twice under random faults, reads recover within the retry policy, Retry-After is waited out,
// aborts stop everything, and the wasm instance's memory stays flat over 100 000 calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CustomerIo, CustomerIoError } from "../../pkg/entry-node.js";
import { initSync } from "../../pkg/customerio_wasm.js";
import { createSandbox } from "../../pkg/sandbox/index.js";
import { seededRandom } from "../common/random.mjs";

const BROADCASTS = [11, 12, 13];

function client(sandbox, extra = {}) {
  return new CustomerIo({ apiKey: sandbox.apiKey, baseUrl: "https://api.customer.io", fetch: sandbox.fetch, ...extra });
}

/** One random fault for the next trigger request, or none. */
function randomTriggerFault(next, path) {
  const roll = next();
  if (roll < 0.4) return undefined;
  const applied = next() < 0.5;
  if (roll < 0.55) return { kind: "status", status: 429, retryAfter: "0", path };
  if (roll < 0.7) return { kind: "status", status: [500, 502, 503, 504][Math.floor(next() * 4)], applied, path };
  if (roll < 0.8) return { kind: "hang", hangMs: 80, path };
  if (roll < 0.9) return { kind: "drop", applied, path };
  return { kind: "status", status: 408, applied, path };
}

test("1000 triggers under random 429/5xx/timeout/drop faults: no duplicate, every outcome accounted for", async () => {
  const sandbox = createSandbox({ triggerSpacingMs: 0 });
  const cio = client(sandbox, { spacing: false, timeoutMs: 30, retry: { baseDelayMs: 1, maxRetries: 3 } });
  const next = seededRandom(20261129);
  const before = sandbox.workspace.triggers.length;
  const outcomes = { succeeded: 0, unknown_outcome: 0, refused: 0 };
  const faultsInjected = {};
  const results = [];
  for (let call = 0; call < 1000; call++) {
    const broadcast = BROADCASTS[call % BROADCASTS.length];
    // Up to two faults in a row, so that some 429s are retried into another fault.
    for (let k = 0; k < 2; k++) {
      const fault = randomTriggerFault(next, `/v1/campaigns/${broadcast}/triggers`);
      if (!fault) break;
      sandbox.inject(fault);
      const name = fault.kind === "status" ? `status ${fault.status}` : fault.kind;
      faultsInjected[name] = (faultsInjected[name] ?? 0) + 1;
    }
    try {
      const { id } = await cio.triggerBroadcast({ broadcast_id: broadcast, ids: [`person-${call}`], data: { call } });
      outcomes.succeeded++;
      results.push({ call, outcome: "ok", id });
    } catch (error) {
      assert.ok(error instanceof CustomerIoError, String(error));
      if (error.code === "unknown_outcome") {
        assert.match(error.message, /getTriggers\(\{ broadcast_id: \d+ \}\)/);
        outcomes.unknown_outcome++;
      } else {
        // Anything else must be a failure the server did not act on.
        assert.ok(["rate_limited", "api_error", "network_error"].includes(error.code), `${error.code}: ${error.message}`);
        outcomes.refused++;
      }
      results.push({ call, outcome: error.code });
    }
    sandbox.clearFaults();
  }
  const created = sandbox.workspace.triggers.slice(before);
  const perCall = new Map();
  for (const trigger of created) {
    const call = trigger.request?.data?.call;
    perCall.set(call, (perCall.get(call) ?? []).concat(trigger.id));
  }
  const duplicates = [...perCall.values()].filter((ids) => ids.length > 1).length;
  assert.equal(duplicates, 0, "no call created two triggers");
  for (const result of results) {
    const ids = perCall.get(result.call) ?? [];
    if (result.outcome === "ok") assert.deepEqual(ids, [result.id], `call ${result.call} succeeded with exactly its trigger`);
    else if (result.outcome !== "unknown_outcome") assert.deepEqual(ids, [], `call ${result.call} failed (${result.outcome}) without a trigger`);
  }
  const total = Object.values(faultsInjected).reduce((a, b) => a + b, 0);
  console.log(`fault run: calls=1000 faults=${total} ${JSON.stringify(faultsInjected)} outcomes=${JSON.stringify(outcomes)} triggers_created=${created.length} duplicates=${duplicates}`);
  assert.ok(outcomes.succeeded > 300 && outcomes.unknown_outcome > 50, `both outcomes exercised: ${JSON.stringify(outcomes)}`);
});

test("reads under transient faults succeed within the retry policy", async () => {
  const sandbox = createSandbox();
  const cio = client(sandbox, { timeoutMs: 30, retry: { baseDelayMs: 1, maxRetries: 3 } });
  const next = seededRandom(7);
  const expected = sandbox.workspace.segments.length;
  for (let call = 0; call < 200; call++) {
    const faults = Math.floor(next() * 4); // 0 to 3 faults: always within maxRetries
    for (let k = 0; k < faults; k++) {
      const roll = next();
      const fault = roll < 0.3 ? { kind: "status", status: 503 } : roll < 0.55 ? { kind: "status", status: 429, retryAfter: "0" } : roll < 0.8 ? { kind: "hang", hangMs: 80 } : { kind: "status", status: 408 };
      sandbox.inject({ ...fault, path: "/v1/segments" });
    }
    const { segments } = await cio.getSegments();
    assert.equal(segments.length, expected);
  }
});

test("a Retry-After is waited out (measured) for reads and for triggers", async () => {
  const sandbox = createSandbox({ triggerSpacingMs: 0 });
  const cio = client(sandbox, { spacing: false });
  sandbox.inject({ kind: "status", status: 429, retryAfter: "1", path: "/v1/segments" });
  let started = performance.now();
  await cio.getSegments();
  const readWait = performance.now() - started;
  assert.ok(readWait >= 990, `read retried after ${readWait} ms`);

  sandbox.inject({ kind: "status", status: 429, retryAfter: "1", path: "/v1/campaigns/11/triggers" });
  const before = sandbox.workspace.triggers.length;
  started = performance.now();
  await cio.triggerBroadcast({ broadcast_id: 11, default_audience: true });
  const triggerWait = performance.now() - started;
  assert.ok(triggerWait >= 990, `trigger retried after ${triggerWait} ms`);
  assert.equal(sandbox.workspace.triggers.length, before + 1);
  console.log(`retry-after 1 s: read waited ${Math.round(readWait)} ms, trigger waited ${Math.round(triggerWait)} ms`);
});

test("an abort stops a call in its backoff: it rejects aborted and sends nothing more", async () => {
  const sandbox = createSandbox();
  const cio = client(sandbox, { retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 } });
  sandbox.inject({ kind: "status", status: 503, path: "/v1/segments", times: 5 });
  const controller = new AbortController();
  const pending = cio.getSegments({}, { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const sent = sandbox.requests.length;
  const started = performance.now();
  controller.abort();
  await assert.rejects(pending, (e) => e instanceof CustomerIoError && e.code === "aborted");
  assert.ok(performance.now() - started < 1_000, "the abort ended the wait at once");
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(sandbox.requests.length, sent, "no request after the abort");
});

test("an abort during a hanging request rejects aborted", async () => {
  const sandbox = createSandbox();
  const cio = client(sandbox, { retry: false });
  sandbox.inject({ kind: "hang", hangMs: 10_000, path: "/v1/segments" });
  const controller = new AbortController();
  const pending = cio.getSegments({}, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, (e) => e instanceof CustomerIoError && e.code === "aborted");
});

test("the wasm instance's memory stays flat over 100 000 calls", async () => {
  const exports = initSync({ module: readFileSync(new URL("../../pkg/customerio_wasm_bg.wasm", import.meta.url)) });
  const body = JSON.stringify({ segments: [{ id: 1, name: "VIP customers", tags: null }] });
  const cio = new CustomerIo({ apiKey: "k", baseUrl: "http://127.0.0.1:9", fetch: async () => new Response(body), spacing: false });
  const round = async (i) => {
    if (i % 4 === 0) cio.prepare("getMessages", { limit: 10, start_ts: 1_700_000_000, type: "email" });
    else if (i % 4 === 1) assert.throws(() => cio.prepare("triggerBroadcast", { broadcast_id: 1, ids: ["a"], emails: ["b@c.co"] }));
    else if (i % 4 === 2) await cio.getSegments();
    else await assert.rejects(cio.getMessages({ limit: 5000 }));
  };
  for (let i = 0; i < 10_000; i++) await round(i);
  const warm = exports.memory.buffer.byteLength;
  for (let i = 0; i < 100_000; i++) await round(i);
  const after = exports.memory.buffer.byteLength;
  console.log(`wasm memory: ${warm} B after 10 000 warm-up calls, ${after} B after 100 000 more`);
  assert.ok(after <= warm + 64 * 1024, `memory grew from ${warm} to ${after}`);
});
