// The API key never leaks (errors, prepared requests, printed clients), and prepare(), the dry
// run.
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  API_KEY, CustomerIo, CustomerIoError, DAY_SECONDS, ORIGIN, T0, WRONG_KEY, assertNoSecret,
  assertPlainJson, errorDump, rejects, setup, throwsSync, triggerWithErrors,
} from "./helpers.mjs";

const TRIGGER_PATH = (id) => `/v1/campaigns/${id}/triggers`;

// =============================================================================================
// 7. The key never leaks.

describe("the API key never leaks", () => {
  test("not in String(client) nor JSON.stringify(client)", () => {
    const { cio } = setup();
    assertNoSecret(String(cio), "String(client)");
    assertNoSecret(`${cio}`, "template literal");
    assertNoSecret(JSON.stringify(cio), "JSON.stringify(client)");
    assert.equal(String(cio), `CustomerIo(${ORIGIN})`);
    assert.deepEqual(JSON.parse(JSON.stringify(cio)), { baseUrl: ORIGIN });
    const eu = new CustomerIo({ apiKey: API_KEY, region: "eu" });
    assert.deepEqual(JSON.parse(JSON.stringify(eu)), { baseUrl: "https://api-eu.customer.io" });
    assertNoSecret(String(eu), "String(eu client)");
  });

  test("not in any error of any code", async () => {
    const { cio, sandbox, makeClient } = setup();
    const errors = [];
    const catchIt = async (promise) => {
      try {
        await promise;
      } catch (error) {
        errors.push(error);
      }
    };
    await catchIt(cio.getMessages({ limt: 1 }));
    await catchIt(cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"], emails: ["a@example.com"] }));
    await catchIt(cio.triggerBroadcast({ broadcast_id: 11 }));
    await catchIt(cio.getMessages({ start_ts: "2026-01-01" }));
    await catchIt(makeClient({ apiKey: WRONG_KEY }).getSegments());
    await catchIt(cio.getSegmentDetails({ segment_id: 2 }));
    sandbox.inject({ kind: "status", status: 429, retryAfter: "60", path: "/v1/segments" });
    await catchIt(makeClient({ retry: { maxRetryAfterMs: 10 } }).getSegments());
    sandbox.inject({ kind: "status", status: 422, path: "/v1/messages", body: { errors: [{ detail: "nope" }] } });
    await catchIt(cio.getMessages());
    sandbox.inject({ kind: "drop", path: "/v1/transactional" });
    await catchIt(makeClient({ retry: false }).listTransactionalMessages());
    sandbox.inject({ kind: "hang", path: "/v1/transactional", hangMs: 5000 });
    await catchIt(makeClient({ retry: false, timeoutMs: 20 }).listTransactionalMessages());
    const controller = new AbortController();
    controller.abort();
    await catchIt(cio.getSegments({}, { signal: controller.signal }));
    sandbox.inject({ kind: "non_json", path: "/v1/segments" });
    await catchIt(makeClient({ retry: false }).getSegments());
    sandbox.inject({ kind: "status", status: 500, path: TRIGGER_PATH(12) });
    await catchIt(cio.triggerBroadcast({ broadcast_id: 12, ids: ["a"] }));
    try {
      new CustomerIo({ apiKey: API_KEY, baseUrl: "https://api.customer.io/v1" });
    } catch (error) {
      errors.push(error);
    }
    try {
      new CustomerIo({ apiKey: `${API_KEY}\n${API_KEY}`, retry: false });
    } catch (error) {
      errors.push(error);
    }
    assert.equal(errors.length, 15);
    const codes = errors.map((e) => e.code);
    assert.deepEqual(codes.slice(0, 13), [
      "invalid_params", "audience_conflict", "missing_audience", "invalid_timestamp", "unauthorized",
      "not_found", "rate_limited", "api_error", "network_error", "timeout", "aborted", "invalid_response",
      "unknown_outcome",
    ]);
    for (const error of errors) {
      assertNoSecret(errorDump(error), `error ${error.code}`);
      assertNoSecret(String(error), `String(error ${error.code})`);
      assertNoSecret(JSON.stringify(error), `JSON.stringify(error ${error.code})`);
    }
  });

  test("not even when the key is passed by mistake as another option or parameter", async () => {
    // e.g. new CustomerIo({ apiKey: env.REGION, region: env.KEY }) or a key pasted into an id.
    const errors = [];
    for (const options of [{ apiKey: "x", region: API_KEY }, { apiKey: API_KEY, baseUrl: API_KEY }]) {
      try {
        new CustomerIo(options);
      } catch (error) {
        errors.push(error);
      }
    }
    const { cio, sandbox } = setup();
    try {
      await cio.getSegmentDetails({ segment_id: API_KEY });
    } catch (error) {
      errors.push(error);
    }
    assert.equal(sandbox.requests.length, 0);
    assert.ok(errors.length >= 3);
    for (const error of errors) {
      assert.ok(error instanceof CustomerIoError);
      assert.ok(!errorDump(error).includes(API_KEY), `error ${error.code} (${error.field}) echoes the key: ${error.message}`);
    }
  });

  test("not in prepared requests: Authorization is Bearer [REDACTED]", () => {
    const { cio } = setup();
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"] });
    assert.equal(prepared.headers.Authorization ?? prepared.headers.authorization, "Bearer [REDACTED]");
    assertNoSecret(JSON.stringify(prepared), "prepare()");
  });

  test("sent only in the Authorization header, as Bearer <key>", async () => {
    const seen = [];
    const { sandbox } = setup();
    const cio = new CustomerIo({
      apiKey: API_KEY,
      baseUrl: ORIGIN,
      fetch: (url, init) => {
        seen.push({ url: String(url), headers: new Headers(init.headers), body: init.body });
        return sandbox.fetch(url, init);
      },
    });
    await cio.getMessages({ limit: 1 });
    await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    for (const { url, headers, body } of seen) {
      assert.equal(headers.get("authorization"), `Bearer ${API_KEY}`);
      assertNoSecret(url, "the URL");
      assertNoSecret(body ?? "", "the body");
    }
  });
});

// =============================================================================================
// 8. prepare(): the dry run.

describe("prepare()", () => {
  const TRIGGER = triggerWithErrors(setup().sandbox.workspace, 23);
  const CALLS = [
    ["triggerBroadcast", { broadcast_id: 12, emails: ["road@runner.net"], email_ignore_missing: true, data: { a: 1 } }],
    ["triggerBroadcast", { broadcast_id: 13, default_audience: true }],
    ["getMessages", { type: "push", limit: 3, start_ts: new Date(T0 - 10 * DAY_SECONDS * 1000), drafts: false }],
    ["getMessages", {}],
    ["getSegments", {}],
    ["getSegmentDetails", { segment_id: "7" }],
    ["listNewsletters", { limit: 2, sort: "asc" }],
    ["listTransactionalMessages", {}],
    ["getTriggers", { broadcast_id: 13 }],
    ["getTrigger", { broadcast_id: TRIGGER.broadcast_id, trigger_id: TRIGGER.id }],
    ["getTriggerErrors", { broadcast_id: TRIGGER.broadcast_id, trigger_id: TRIGGER.id, start: 5, limit: 4 }],
  ];

  for (const [method, params] of CALLS) {
    test(`prepare("${method}", ${JSON.stringify(params)}) describes exactly the request the call sends`, async () => {
      const { cio, sandbox } = setup();
      const prepared = cio.prepare(method, params);
      assert.equal(sandbox.requests.length, 0, "prepare sends nothing");
      assert.deepEqual(Object.keys(prepared).sort(), ["body", "headers", "method", "url"]);
      assertPlainJson(prepared, "prepared");
      const authorization = Object.entries(prepared.headers).find(([name]) => name.toLowerCase() === "authorization");
      assert.deepEqual(authorization?.[1], "Bearer [REDACTED]");
      await cio[method](params);
      assert.equal(sandbox.requests.length, 1);
      const [sent] = sandbox.requests;
      assert.equal(prepared.method, sent.method);
      const url = new URL(prepared.url);
      assert.equal(url.origin, ORIGIN);
      assert.equal(url.pathname, sent.path);
      assert.deepEqual(Object.fromEntries(url.searchParams), sent.query);
      assert.equal(prepared.body, sent.bodyText, "the body string exactly as sent");
      if (sent.method === "POST") {
        const contentType = Object.entries(prepared.headers).find(([name]) => name.toLowerCase() === "content-type");
        assert.equal(contentType?.[1], sent.headers["content-type"]);
      }
    });
  }

  test("prepare() urls for the region hosts and a baseUrl", () => {
    const us = new CustomerIo({ apiKey: API_KEY });
    const eu = new CustomerIo({ apiKey: API_KEY, region: "eu" });
    const local = new CustomerIo({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:4010" });
    assert.equal(us.prepare("getSegments", {}).url, "https://api.customer.io/v1/segments");
    assert.equal(eu.prepare("getSegments", {}).url, "https://api-eu.customer.io/v1/segments");
    assert.equal(local.prepare("getSegmentDetails", { segment_id: 3 }).url, "http://127.0.0.1:4010/v1/segments/3");
    assert.equal(us.prepare("getTriggers", { broadcast_id: "13" }).url, "https://api.customer.io/v1/broadcasts/13/triggers");
    assert.equal(us.prepare("getTrigger", { broadcast_id: 12, trigger_id: "5-37" }).url, "https://api.customer.io/v1/campaigns/12/triggers/5-37");
    assert.equal(us.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"] }).method, "POST");
    assert.equal(us.prepare("getSegments", {}).body, null);
  });

  test("prepare() throws the same CustomerIoError synchronously on bad params, and sends nothing", async () => {
    const { cio, sandbox } = setup();
    const cases = [
      ["getMessages", { limit: 5000 }, "invalid_params", "limit"],
      ["getMessages", { limt: 5 }, "invalid_params", "limt"],
      ["triggerBroadcast", { broadcast_id: 11, ids: ["a"], emails: ["a@example.com"] }, "audience_conflict", "emails"],
      ["triggerBroadcast", { broadcast_id: 11 }, "missing_audience", undefined],
      ["getMessages", { start_ts: "2026-01-01T00:00:00Z" }, "invalid_timestamp", "start_ts"],
      ["getSegmentDetails", { segment_id: "x" }, "invalid_params", "segment_id"],
    ];
    for (const [method, params, code, field] of cases) {
      const thrown = throwsSync(() => cio.prepare(method, params), code, field);
      const rejected = await rejects(cio[method](params), code, field);
      assert.equal(thrown.message, rejected.message);
      assert.equal(thrown.field, rejected.field);
    }
    throwsSync(() => cio.prepare("sendFax", {}), "invalid_params", "method");
    assert.equal(sandbox.requests.length, 0);
  });
});
