// Every error code reachable through the client's public surface, and bad input that never
// reaches the network (zero requests recorded).
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  API_KEY, CustomerIo, CustomerIoError, FAST_RETRY, ORIGIN, T0, T0_SECONDS, WRONG_KEY,
  assertNoSecret, collect, errorDump, rejects, setup, setupHttp, throwsSync,
} from "./helpers.mjs";

const TRIGGER_PATH = (id) => `/v1/campaigns/${id}/triggers`;

// =============================================================================================
// 4. Every error code reachable through the public surface.

describe("error codes", () => {
  describe("invalid_params", () => {
    test("an unknown parameter name is refused with a suggestion", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(cio.getMessages({ limt: 10 }), "invalid_params", "limt");
      assert.match(error.message, /"limit"/);
      assert.match(error.message, /did you mean/i);
      assert.equal(sandbox.requests.length, 0);
    });

    test("a limit out of range is refused (messages 1-1000, newsletters 1-100)", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(cio.getMessages({ limit: 5000 }), "invalid_params", "limit");
      assert.match(error.message, /1000/);
      await rejects(cio.getMessages({ limit: 0 }), "invalid_params", "limit");
      await rejects(cio.getMessages({ limit: 2.5 }), "invalid_params", "limit");
      await rejects(cio.listNewsletters({ limit: 101 }), "invalid_params", "limit");
      assert.equal(sandbox.requests.length, 0);
    });

    test("a value outside an enum is refused", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(cio.getMessages({ type: "sms" }), "invalid_params", "type");
      assert.match(error.message, /email/);
      await rejects(cio.getMessages({ metric: "read" }), "invalid_params", "metric");
      await rejects(cio.listNewsletters({ sort: "newest" }), "invalid_params", "sort");
      assert.equal(sandbox.requests.length, 0);
    });

    test("a bad id is refused, with the path of a nested one", async () => {
      const { cio, sandbox } = setup();
      await rejects(cio.getSegmentDetails({ segment_id: "abc" }), "invalid_params", "segment_id");
      await rejects(cio.getSegmentDetails({ segment_id: 0 }), "invalid_params", "segment_id");
      await rejects(cio.getSegmentDetails({ segment_id: -3 }), "invalid_params", "segment_id");
      await rejects(cio.getSegmentDetails({ segment_id: 1.5 }), "invalid_params", "segment_id");
      await rejects(cio.getTrigger({ broadcast_id: 12, trigger_id: "abc" }), "invalid_params", "trigger_id");
      await rejects(
        cio.triggerBroadcast({ broadcast_id: 11, recipients: { and: [{ segment: { id: 3 } }, { segment: { id: "x" } }] } }),
        "invalid_params",
        "recipients.and[1].segment.id",
      );
      assert.equal(sandbox.requests.length, 0);
    });

    test("a missing required parameter is refused", async () => {
      const { cio, sandbox } = setup();
      await rejects(() => cio.getSegmentDetails({}), "invalid_params", "segment_id");
      await rejects(() => cio.triggerBroadcast({ ids: ["a"] }), "invalid_params", "broadcast_id");
      assert.equal(sandbox.requests.length, 0);
    });

    test("bad call options are refused", async () => {
      const { cio, sandbox } = setup();
      await rejects(() => cio.getSegments({}, { sigal: new AbortController().signal }), "invalid_params", "sigal");
      await rejects(() => cio.getSegments({}, { timeoutMs: -1 }), "invalid_params", "timeoutMs");
      await rejects(() => cio.getSegments({}, { signal: "stop" }), "invalid_params", "signal");
      assert.equal(sandbox.requests.length, 0);
    });

    const BAD_CONSTRUCTOR_OPTIONS = [
      { name: "no options at all", options: undefined, field: "apiKey" },
      { name: "no apiKey", options: {}, field: "apiKey" },
      { name: "an empty apiKey", options: { apiKey: "" }, field: "apiKey" },
      { name: "an apiKey that is not a string", options: { apiKey: 12345 }, field: "apiKey" },
      { name: "an apiKey with a line break inside", options: { apiKey: `${API_KEY}\nx` }, field: "apiKey" },
      { name: "an unknown option (typo)", options: { apiKey: API_KEY, apikey: API_KEY }, field: "apikey" },
      { name: "an unknown region", options: { apiKey: API_KEY, region: "ap" }, field: "region" },
      { name: "a baseUrl that is not a URL", options: { apiKey: API_KEY, baseUrl: "not a url" }, field: "baseUrl" },
      { name: "a baseUrl that is not http(s)", options: { apiKey: API_KEY, baseUrl: "ftp://127.0.0.1" }, field: "baseUrl" },
      { name: "a baseUrl ending in /v1", options: { apiKey: API_KEY, baseUrl: "https://api.customer.io/v1" }, field: "baseUrl" },
      { name: "a fetch that is not a function", options: { apiKey: API_KEY, fetch: "fetch" }, field: "fetch" },
      { name: "a negative timeoutMs", options: { apiKey: API_KEY, timeoutMs: -1 }, field: "timeoutMs" },
      { name: "an unknown retry option", options: { apiKey: API_KEY, retry: { maxRetrys: 1 } }, field: "maxRetrys" },
      { name: "a retry bound that is not a number", options: { apiKey: API_KEY, retry: { maxRetries: "3" } }, field: "maxRetries" },
      { name: "an unknown spacing option", options: { apiKey: API_KEY, spacing: { interval: 5 } }, field: "interval" },
      { name: "an unknown spacing scope", options: { apiKey: API_KEY, spacing: { scope: "campaign" } }, field: "scope" },
      { name: "a spacing.acquire that is not a function", options: { apiKey: API_KEY, spacing: { acquire: "lock" } }, field: "acquire" },
      { name: "a negative spacing.maxWaitMs", options: { apiKey: API_KEY, spacing: { maxWaitMs: -1 } }, field: "maxWaitMs" },
    ];
    for (const { name, options, field } of BAD_CONSTRUCTOR_OPTIONS) {
      test(`new CustomerIo throws synchronously on ${name}`, () => {
        const error = throwsSync(() => new CustomerIo(options), "invalid_params", field);
        assertNoSecret(errorDump(error), "constructor error");
      });
    }
  });

  describe("audience_conflict and missing_audience", () => {
    test("two audiences: audience_conflict, field = the second audience", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(
        cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"], emails: ["a@example.com"] }),
        "audience_conflict",
        "emails",
      );
      assert.match(error.message, /ids/);
      assert.match(error.message, /emails/);
      await rejects(
        cio.triggerBroadcast({ broadcast_id: 11, recipients: { segment: { id: 3 } }, default_audience: true }),
        "audience_conflict",
        "default_audience",
      );
      await rejects(
        cio.triggerBroadcast({ broadcast_id: 11, per_user_data: [{ id: "a" }], data_file_url: "https://x.example/a.jsonl" }),
        "audience_conflict",
        "data_file_url",
      );
      assert.equal(sandbox.requests.length, 0);
    });

    test("no audience: missing_audience, pointing to default_audience: true", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11 }), "missing_audience");
      assert.match(error.message, /default_audience: true/);
      await rejects(cio.triggerBroadcast({ broadcast_id: 11, data: { a: 1 } }), "missing_audience");
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe("invalid_timestamp", () => {
    const CASES = [
      { name: "an ISO string", params: { start_ts: "2026-08-01T00:00:00Z" }, field: "start_ts", hint: /1785542400/ },
      { name: "milliseconds", params: { end_ts: T0 }, field: "end_ts", hint: new RegExp(String(T0_SECONDS)) },
      { name: "a float", params: { start_ts: T0_SECONDS - 0.5 }, field: "start_ts" },
      { name: "an invalid Date", params: { start_ts: new Date("not a date") }, field: "start_ts" },
      { name: "a negative number", params: { start_ts: -1 }, field: "start_ts" },
      { name: "start_ts after end_ts", params: { start_ts: T0_SECONDS, end_ts: T0_SECONDS - 60 } },
    ];
    for (const { name, params, field, hint } of CASES) {
      test(`${name} is refused before sending`, async () => {
        const { cio, sandbox } = setup();
        const error = await rejects(cio.getMessages(params), "invalid_timestamp", field);
        if (hint) assert.match(error.message, hint);
        assert.equal(sandbox.requests.length, 0);
      });
    }
  });

  test("unauthorized: a wrong key gets the sandbox's 401", async () => {
    const { sandbox, makeClient } = setup();
    const cio = makeClient({ apiKey: WRONG_KEY });
    const error = await rejects(cio.getSegments(), "unauthorized");
    assert.equal(error.status, 401);
    assert.equal(sandbox.requests.length, 1, "a 401 is not retried");
    assert.equal(sandbox.requests[0].authorized, false);
    assert.ok(Array.isArray(error.errors) && error.errors.length === 1);
    await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "unauthorized");
    assert.equal(sandbox.workspace.triggers.length, 8, "nothing was triggered");
  });

  test("not_found: an unknown segment, broadcast or trigger", async () => {
    const { cio, sandbox } = setup();
    const error = await rejects(cio.getSegmentDetails({ segment_id: 2 }), "not_found");
    assert.equal(error.status, 404);
    assert.match(error.errors[0].detail, /segment with id 2 does not exist/);
    assert.match(error.message, /segment with id 2/);
    await rejects(cio.getTriggers({ broadcast_id: 999 }), "not_found");
    await rejects(cio.getTrigger({ broadcast_id: 12, trigger_id: 99_999 }), "not_found");
    await rejects(cio.triggerBroadcast({ broadcast_id: 999, ids: ["a"] }), "not_found");
    assert.equal(sandbox.requests.length, 4, "a 404 is not retried");
  });

  describe("rate_limited", () => {
    test("a second trigger within the spacing, Retry-After above maxRetryAfterMs: rejects at once", async () => {
      const { makeClient, sandbox } = setup();
      // spacing: false so that the second trigger reaches the sandbox and meets its 429.
      const cio = makeClient({ retry: { ...FAST_RETRY, maxRetryAfterMs: 1000 }, spacing: false });
      await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
      const started = Date.now();
      const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] }), "rate_limited");
      assert.ok(Date.now() - started < 1000, "the 10 s Retry-After was not waited out");
      assert.equal(error.status, 429);
      assert.ok(error.retryAfterMs > 0);
      assert.equal(error.retryAfterMs, 10_000, "the sandbox asked for 10 s");
      assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 429]);
      assert.equal(sandbox.workspace.triggers.length, 9, "only the first trigger was created");
    });

    test("a read whose 429 carries a long Retry-After rejects with retryAfterMs", async () => {
      const { makeClient, sandbox } = setup();
      const cio = makeClient({ retry: { ...FAST_RETRY, maxRetryAfterMs: 1000 } });
      sandbox.inject({ kind: "status", status: 429, retryAfter: "60", path: "/v1/segments" });
      const error = await rejects(cio.getSegments(), "rate_limited");
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterMs, 60_000);
      assert.equal(sandbox.requests.length, 1);
    });

    test("a Retry-After given as an HTTP date is read relative to the answer", async () => {
      const { makeClient, sandbox } = setup();
      const cio = makeClient({ retry: { ...FAST_RETRY, maxRetryAfterMs: 1000 } });
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
      sandbox.inject({ kind: "status", status: 429, retryAfter: at, path: "/v1/segments" });
      const error = await rejects(cio.getSegments(), "rate_limited");
      assert.ok(error.retryAfterMs > 55_000 && error.retryAfterMs <= 61_000, `retryAfterMs ${error.retryAfterMs}`);
      assert.equal(sandbox.requests.length, 1);
    });

    test("429 on every attempt: rate_limited once the retries are spent", async () => {
      const { makeClient, sandbox } = setup();
      const cio = makeClient({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
      sandbox.inject({ kind: "status", status: 429, path: "/v1/segments", times: 10 });
      const error = await rejects(cio.getSegments(), "rate_limited");
      assert.equal(error.status, 429);
      assert.equal(sandbox.requests.length, 3);
    });

    test("retry: false does not retry a 429", async () => {
      const { makeClient, sandbox } = setup();
      const cio = makeClient({ retry: false });
      sandbox.inject({ kind: "status", status: 429, retryAfter: "0", path: "/v1/segments" });
      const error = await rejects(cio.getSegments(), "rate_limited");
      assert.equal(error.retryAfterMs, 0);
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("api_error", () => {
    test("an injected 422 in the JSON:API envelope: status and parsed errors", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({
        kind: "status",
        status: 422,
        path: TRIGGER_PATH(12),
        body: {
          errors: [
            { detail: "Errors were found while processing per user data", source: { pointer: "/data/attributes/per_user_data" }, status: "422" },
            { detail: "second problem", status: "422", code: "bad_thing" },
          ],
        },
      });
      const error = await rejects(
        cio.triggerBroadcast({ broadcast_id: 12, per_user_data: [{ id: "wiley_coyote" }] }),
        "api_error",
      );
      assert.equal(error.status, 422);
      assert.deepEqual(error.errors, [
        { detail: "Errors were found while processing per user data", status: "422", pointer: "/data/attributes/per_user_data" },
        { detail: "second problem", status: "422", code: "bad_thing" },
      ]);
      assert.match(error.message, /422/);
      assert.match(error.message, /per user data/);
      assert.equal(sandbox.requests.length, 1);
      assert.equal(sandbox.workspace.triggers.length, 8);
    });

    test("an injected 400 in the meta envelope", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "status", status: 400, path: "/v1/messages", body: { meta: { error: "bad filter" } } });
      const error = await rejects(cio.getMessages(), "api_error");
      assert.equal(error.status, 400);
      assert.deepEqual(error.errors, [{ detail: "bad filter" }]);
      assert.equal(sandbox.requests.length, 1, "a 400 is not retried");
    });

    test("the sandbox's own 422 for a segment that does not exist carries the pointer", async () => {
      const { cio, sandbox } = setup();
      const error = await rejects(
        cio.triggerBroadcast({ broadcast_id: 13, recipients: { segment: { id: 99_999 } } }),
        "api_error",
      );
      assert.equal(error.status, 422);
      assert.equal(error.errors.length, 1);
      assert.equal(error.errors[0].pointer, "/data/attributes/recipients/segment/id");
      assert.equal(error.errors[0].status, "422");
      assert.match(error.errors[0].detail, /segment with id 99999 does not exist/);
      assert.equal(sandbox.requests.length, 1);
    });

    test("a 5xx on a read, once retries are off or spent, is api_error with its status", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "status", status: 503, path: "/v1/segments" });
      const error = await rejects(makeClient({ retry: false }).getSegments(), "api_error");
      assert.equal(error.status, 503);
      assert.equal(error.errors[0].status, "503");
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("network_error", () => {
    test("a custom fetch that rejects with TypeError", async () => {
      let calls = 0;
      const cio = new CustomerIo({
        apiKey: API_KEY,
        baseUrl: ORIGIN,
        retry: false,
        fetch: async () => {
          calls += 1;
          throw new TypeError("fetch failed");
        },
      });
      const error = await rejects(cio.getSegments(), "network_error");
      assert.equal(error.status, undefined);
      assert.equal(error.errors, undefined);
      assert.match(error.message, /fetch failed/);
      assert.equal(calls, 1);
    });

    test("a dropped connection on a read with retry: false (in-process)", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "drop", path: "/v1/segments" });
      await rejects(makeClient({ retry: false }).getSegments(), "network_error");
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("timeout", () => {
    test("a hanging read with timeoutMs: 50 and retry: false (per call)", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
      const started = Date.now();
      const error = await rejects(makeClient({ retry: false }).getSegments({}, { timeoutMs: 50 }), "timeout");
      assert.ok(Date.now() - started < 2000);
      assert.match(error.message, /50/);
      assert.equal(sandbox.requests.length, 1);
    });

    test("the constructor's timeoutMs applies to every call", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "hang", path: "/v1/transactional", hangMs: 10_000 });
      await rejects(makeClient({ retry: false, timeoutMs: 50 }).listTransactionalMessages(), "timeout");
    });
  });

  describe("aborted", () => {
    test("a signal aborted before the call: rejects aborted with zero requests", async () => {
      const { cio, sandbox } = setup();
      const controller = new AbortController();
      controller.abort();
      await rejects(cio.getSegments({}, { signal: controller.signal }), "aborted");
      await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }, { signal: controller.signal }), "aborted");
      await rejects(collect(cio.messages({}, { signal: controller.signal })), "aborted");
      assert.equal(sandbox.requests.length, 0);
    });

    test("an abort during a hanging read rejects aborted", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
      const controller = new AbortController();
      const call = cio.getSegments({}, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error("user left")), 20);
      const started = Date.now();
      await rejects(call, "aborted");
      assert.ok(Date.now() - started < 2000);
      assert.equal(sandbox.requests.length, 1, "an abort is not retried");
    });

    test("an abort during the wait before a retry rejects aborted without another request", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "status", status: 503, retryAfter: "5", path: "/v1/segments" });
      const controller = new AbortController();
      const call = cio.getSegments({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      const started = Date.now();
      await rejects(call, "aborted");
      assert.ok(Date.now() - started < 2000, "the 5 s wait was cut short");
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("invalid_response", () => {
    for (const kind of ["non_json", "truncated"]) {
      test(`a 2xx with a ${kind} body`, async () => {
        const { makeClient, sandbox } = setup();
        sandbox.inject({ kind, path: "/v1/segments" });
        const error = await rejects(makeClient({ retry: false }).getSegments(), "invalid_response");
        assert.equal(error.status, 200);
        assert.equal(sandbox.requests.length, 1);
      });
    }

    const trigger106 = { broadcast_id: 12, trigger_id: 106 };
    const WRONG_SHAPE_CALLS = [
      ["getMessages", {}, "/v1/messages"],
      ["getSegments", {}, "/v1/segments"],
      ["getSegmentDetails", { segment_id: 3 }, "/v1/segments/3"],
      ["listNewsletters", {}, "/v1/newsletters"],
      ["listTransactionalMessages", {}, "/v1/transactional"],
      ["getTriggers", { broadcast_id: 12 }, "/v1/broadcasts/12/triggers"],
      ["getTrigger", trigger106, "/v1/campaigns/12/triggers/106"],
      ["getTriggerErrors", trigger106, "/v1/campaigns/12/triggers/106/errors"],
    ];
    for (const [method, params, path] of WRONG_SHAPE_CALLS) {
      test(`${method} answered 200 {"unexpected":true} (wrong_shape) rejects invalid_response`, async () => {
        const { makeClient, sandbox } = setup();
        sandbox.inject({ kind: "wrong_shape", path });
        const error = await rejects(makeClient({ retry: false })[method](params), "invalid_response");
        assert.equal(error.status, 200);
        assert.equal(sandbox.requests.length, 1);
      });
    }

    test("a list whose items are not objects is invalid_response", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "wrong_shape", path: "/v1/segments", body: { segments: [1, 2] } });
      await rejects(makeClient({ retry: false }).getSegments(), "invalid_response");
    });

    test("messages() over a 200 {\"unexpected\":true} rejects instead of yielding nothing", async () => {
      const { makeClient, sandbox } = setup();
      sandbox.inject({ kind: "wrong_shape", path: "/v1/messages" });
      await rejects(collect(makeClient({ retry: false }).messages({ limit: 10 })), "invalid_response");
    });

    test("a trigger answered 200 with a body that is not { id } is invalid_response, not re-sent", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "wrong_shape", path: TRIGGER_PATH(11), applied: true });
      await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "invalid_response");
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("unknown_outcome", () => {
    test("a trigger answered 500 is not re-sent, even with retries on, and says to check getTriggers", async () => {
      const { makeClient, sandbox } = setup();
      const cio = makeClient({ retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 2 } });
      sandbox.inject({ kind: "status", status: 500, path: TRIGGER_PATH(11), times: 5 });
      const error = await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "unknown_outcome");
      assert.match(error.message, /getTriggers/);
      assert.match(error.message, /broadcast_id: 11/);
      assert.equal(error.status, 500);
      assert.equal(sandbox.requests.length, 1, "sent exactly once");
    });

    test("a trigger applied and then answered 503 created exactly one trigger", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "status", status: 503, path: TRIGGER_PATH(11), applied: true, times: 3 });
      await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "unknown_outcome");
      assert.equal(sandbox.requests.length, 1);
      assert.equal(sandbox.workspace.triggers.length, 9);
    });

    test("a hanging trigger with timeoutMs rejects unknown_outcome", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "hang", path: TRIGGER_PATH(11), hangMs: 10_000, times: 3 });
      const error = await rejects(
        cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }, { timeoutMs: 50 }),
        "unknown_outcome",
      );
      assert.match(error.message, /getTriggers/);
      assert.equal(sandbox.requests.length, 1);
    });

    test("a trigger whose connection drops rejects unknown_outcome, sent once", async () => {
      const { cio, sandbox } = setup();
      sandbox.inject({ kind: "drop", path: TRIGGER_PATH(11), times: 3 });
      await rejects(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }), "unknown_outcome");
      assert.equal(sandbox.requests.length, 1);
    });
  });

  describe("over HTTP", () => {
    let env;
    before(async () => {
      env = await setupHttp();
    });
    after(() => env.close());
    beforeEach(() => {
      env.sandbox.reset();
      env.clock.ms = T0;
    });

    test("unauthorized with a wrong key", async () => {
      const error = await rejects(env.makeClient({ apiKey: WRONG_KEY }).getSegments(), "unauthorized");
      assert.equal(error.status, 401);
    });

    test("network_error when the socket is dropped (read, retry: false)", async () => {
      env.sandbox.inject({ kind: "drop", path: "/v1/segments" });
      await rejects(env.makeClient({ retry: false }).getSegments(), "network_error");
      assert.equal(env.sandbox.requests.length, 1);
    });

    test("network_error when nothing listens on the port", async () => {
      const closed = await setupHttp();
      const url = closed.url;
      await closed.close();
      const cio = new CustomerIo({ apiKey: API_KEY, baseUrl: url, retry: false });
      await rejects(cio.getSegments(), "network_error");
    });

    test("timeout on a hanging read", async () => {
      env.sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
      await rejects(env.makeClient({ retry: false, timeoutMs: 50 }).getSegments(), "timeout");
    });

    test("aborted during a hanging read", async () => {
      env.sandbox.inject({ kind: "hang", path: "/v1/segments", hangMs: 10_000 });
      const controller = new AbortController();
      // Abort once the server holds the request, not after a fixed 20 ms: a request still on its
      // way when the test ended reached the server after the next test's reset and was counted
      // there (the hanging trigger's "sent once" saw 2 requests on a loaded machine).
      const held = setInterval(() => {
        if (env.sandbox.requests.length > 0) {
          clearInterval(held);
          controller.abort();
        }
      }, 5);
      await rejects(env.cio.getSegments({}, { signal: controller.signal }), "aborted");
    });

    test("unknown_outcome on a hanging trigger", async () => {
      env.sandbox.inject({ kind: "hang", path: TRIGGER_PATH(11), hangMs: 10_000, times: 3 });
      // A timeout long enough for the request to reach the server on a loaded machine (at 50 ms it
      // was sometimes aborted before it arrived, and the server saw none): what is checked is that
      // the one trigger that arrived is not sent again. Only triggers are counted: the previous
      // test's aborted read can reach the server late, after the reset.
      await rejects(env.cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }, { timeoutMs: 1_000 }), "unknown_outcome");
      assert.equal(env.sandbox.requests.filter((r) => r.path === TRIGGER_PATH(11)).length, 1);
    });

    test("invalid_response on a non-JSON 200", async () => {
      env.sandbox.inject({ kind: "non_json", path: "/v1/transactional" });
      await rejects(env.makeClient({ retry: false }).listTransactionalMessages(), "invalid_response");
    });
  });
});

// =============================================================================================
// 5. Bad input never reaches the network.

describe("zero requests for every bad input", () => {
  const BAD_INPUTS = [
    ["triggerBroadcast", { broadcast_id: 11 }, "missing_audience"],
    ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], emails: ["a@example.com"] }, "audience_conflict"],
    ["triggerBroadcast", { broadcast_id: 11, ids: [] }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], email_ignore_missing: true }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, emails: ["a@example.com"], id_ignore_missing: true }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, default_audience: false }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 0, ids: ["a"] }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: "not an object" }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { big: "x".repeat(50_001) } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, ids: Array.from({ length: 10_001 }, (_, i) => `id${i}`) }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: {} }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: { and: [] } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: { segment: { id: 3 }, not: { segment: { id: 4 } } } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: { not: [{ segment: { id: 3 } }] } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: { attribute: { field: "state", operator: "eq" } } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, recipients: { attribute: { field: "state", operator: "neq", value: "NM" } } }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, per_user_data: [{ id: "a", email: "a@example.com" }] }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, per_user_data: [{ data: {} }] }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, data_file_url: "ftp://files.example.com/a.jsonl" }, "invalid_params"],
    ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], audience: "all" }, "invalid_params"],
    ["getMessages", { limit: 5000 }, "invalid_params"],
    ["getMessages", { limit: 10.5 }, "invalid_params"],
    ["getMessages", { type: "sms" }, "invalid_params"],
    ["getMessages", { metric: "read" }, "invalid_params"],
    ["getMessages", { campaign_id: "abc" }, "invalid_params"],
    ["getMessages", { drafts: "yes" }, "invalid_params"],
    ["getMessages", { start_ts: "2026-01-01" }, "invalid_timestamp"],
    ["getMessages", { end_ts: T0 }, "invalid_timestamp"],
    ["getMessages", { start_ts: T0_SECONDS + 10, end_ts: T0_SECONDS }, "invalid_timestamp"],
    ["getMessages", { campaignId: 23 }, "invalid_params"],
    ["getSegments", { limit: 10 }, "invalid_params"],
    ["getSegmentDetails", {}, "invalid_params"],
    ["getSegmentDetails", { segment_id: "3a" }, "invalid_params"],
    ["getSegmentDetails", { segment_id: 3, extra: true }, "invalid_params"],
    ["listNewsletters", { limit: 0 }, "invalid_params"],
    ["listNewsletters", { limit: 101 }, "invalid_params"],
    ["listNewsletters", { sort: "ASC" }, "invalid_params"],
    ["listTransactionalMessages", { type: "email" }, "invalid_params"],
    ["getTriggers", {}, "invalid_params"],
    ["getTriggers", { broadcast_id: -1 }, "invalid_params"],
    ["getTrigger", { broadcast_id: 12 }, "invalid_params"],
    ["getTrigger", { broadcast_id: 12, trigger_id: "12/../34" }, "invalid_params"],
    ["getTrigger", { broadcast_id: 12, trigger_id: 0 }, "invalid_params"],
    ["getTriggerErrors", { broadcast_id: 12, trigger_id: 106, limit: 0 }, "invalid_params"],
    ["getTriggerErrors", { broadcast_id: 12, trigger_id: 106, offset: 10 }, "invalid_params"],
  ];

  for (const [method, params, code] of BAD_INPUTS) {
    test(`${method}(${JSON.stringify(params).slice(0, 90)}) rejects ${code} and sends nothing`, async () => {
      const { cio, sandbox } = setup();
      await rejects(() => cio[method](params), code);
      assert.equal(sandbox.requests.length, 0);
    });
  }

  for (const [method, params] of [["messages", { limit: 0 }], ["messages", { start_ts: "yesterday" }], ["newsletters", { sort: "up" }]]) {
    test(`${method}(${JSON.stringify(params)}) fails before any request`, async () => {
      const { cio, sandbox } = setup();
      let error;
      try {
        await collect(cio[method](params));
      } catch (caught) {
        error = caught;
      }
      assert.ok(error instanceof CustomerIoError, "the walk fails with a CustomerIoError");
      assert.ok(["invalid_params", "invalid_timestamp"].includes(error.code));
      assert.equal(sandbox.requests.length, 0);
    });
  }
});
