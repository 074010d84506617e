// The fetch transport's cheap paths (issue 21, "Per-call cost"): the AbortController is made only
// when a timeout is in force, calls starting together share one deadline (one controller, one
// timer), and a 2xx answer's headers are not copied. These tests prove that nothing a caller relies
// on went with them: each call still times out and cancels its request, a caller's signal still
// cancels the request, no timer outlives the calls, and an error answer's headers are still read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CustomerIo, CustomerIoError } from "../../pkg/entry-node.js";
import { createSandbox } from "../../pkg/sandbox/index.js";

const API_KEY = "transport-test-key";

function setup(options = {}) {
  const sandbox = createSandbox({ apiKey: API_KEY });
  const seen = [];
  const fetch = (input, init) => {
    seen.push(init);
    return sandbox.fetch(input, init);
  };
  return { sandbox, seen, cio: new CustomerIo({ apiKey: API_KEY, baseUrl: "http://sandbox.test", fetch, ...options }) };
}

test("with timeoutMs: 0, the caller's signal reaches fetch and an abort rejects aborted", async () => {
  const { cio, sandbox, seen } = setup({ retry: false, timeoutMs: 0 });
  sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
  const controller = new AbortController();
  const call = cio.getSegments({}, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("user left")), 20);
  await assert.rejects(call, (e) => e instanceof CustomerIoError && e.code === "aborted" && /user left/.test(e.message));
  assert.equal(seen.length, 1);
  assert.equal(seen[0].signal, controller.signal, "the caller's own signal is what fetch was given");
});

test("with timeoutMs: 0 and no signal, a call still answers", async () => {
  const { cio, seen } = setup({ timeoutMs: 0 });
  const { segments } = await cio.getSegments();
  assert.ok(Array.isArray(segments) && segments.length > 0);
  assert.equal(seen[0].signal, undefined);
});

test("with a timeout and a signal, fetch gets a signal that follows the caller's abort", async () => {
  const { cio, sandbox, seen } = setup({ retry: false, timeoutMs: 5_000 });
  sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
  const controller = new AbortController();
  const call = cio.getSegments({}, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error("user left")), 20);
  await assert.rejects(call, (e) => e instanceof CustomerIoError && e.code === "aborted");
  assert.notEqual(seen[0].signal, controller.signal);
  assert.equal(seen[0].signal.aborted, true, "the request fetch was making is cancelled");
});

test("an error answer's Retry-After is still read (429 with retry: false)", async () => {
  const { cio, sandbox } = setup({ retry: false });
  sandbox.inject({ kind: "status", status: 429, path: "/v1/segments", retryAfter: 7 });
  await assert.rejects(cio.getSegments(), (e) => e instanceof CustomerIoError && e.code === "rate_limited" && e.retryAfterMs === 7000);
});

test("calls started together each time out on a hanging read while the answered one answers", async () => {
  const { cio, sandbox, seen } = setup({ retry: false, timeoutMs: 100 });
  sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000, times: 2 });
  const hanging = [cio.getSegments(), cio.getSegments()];
  const answered = cio.listBroadcasts();
  for (const call of hanging) {
    await assert.rejects(call, (e) => e instanceof CustomerIoError && e.code === "timeout");
  }
  assert.ok(Array.isArray((await answered).broadcasts));
  assert.ok(seen.slice(0, 2).every((init) => init.signal.aborted), "each timed-out request is cancelled");
});

test("a call right after a timeout is not cut short by it", async () => {
  const { cio, sandbox } = setup({ retry: false, timeoutMs: 100 });
  sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
  await assert.rejects(cio.getSegments(), (e) => e instanceof CustomerIoError && e.code === "timeout");
  const { segments } = await cio.getSegments();
  assert.ok(Array.isArray(segments));
});

test("no timer is left running once the calls under the default timeout have settled", async () => {
  const { cio } = setup();
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
  const before = timers();
  await Promise.all([cio.getSegments(), cio.getSegments(), cio.listBroadcasts()]);
  await cio.getSegments();
  assert.equal(timers(), before, "a timer left behind would keep Node alive for 30 s");
});
