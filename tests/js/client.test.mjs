// Package-level tests of customerio-wasm: the built pkg/ imported through its Node entry, driven
// against the offline sandbox in-process (fetch: sandbox.fetch) and over HTTP on 127.0.0.1.
// Run: node --test tests/js/
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.

import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  API_KEY, CustomerIo, CustomerIoError, DAY_SECONDS, FAST_RETRY, ORIGIN, T0, T0_SECONDS, WRONG_KEY,
  assertNoSecret, assertPlainJson, collect, errorDump, expectedMessages,
  expectedNewsletters, publicTrigger, rejects, setup, setupHttp, sleep, throwsSync, triggerWithErrors,
} from "./helpers.mjs";

const SPACING_MS = 10_000;
const TRIGGER_PATH = (id) => `/v1/campaigns/${id}/triggers`;

// =============================================================================================
// 1. Every method, in-process and over HTTP: the results are the sandbox's workspace data.

const TRANSPORTS = [
  { name: "in-process (fetch: sandbox.fetch)", start: async (options) => ({ ...setup(options), close: async () => {} }) },
  { name: "over HTTP (serveSandbox on 127.0.0.1, global fetch)", start: (options) => setupHttp(options) },
];

for (const transport of TRANSPORTS) {
  describe(`every method against the sandbox ${transport.name}`, () => {
    let env;
    before(async () => {
      env = await transport.start();
    });
    after(() => env.close());
    beforeEach(() => {
      env.sandbox.reset();
      env.clock.ms = T0;
    });

    test("getSegments returns every seeded segment, VIP customers among them", async () => {
      const { cio, sandbox } = env;
      const result = await cio.getSegments();
      assert.deepEqual(result, { segments: sandbox.workspace.segments });
      assert.equal(result.segments.length, 9);
      const vip = result.segments.find((s) => s.name === "VIP customers");
      assert.ok(vip, "VIP customers is listed");
      assert.equal(vip.id, 3);
      assert.deepEqual(await cio.getSegments({}), result, "{} and nothing are the same call");
      assert.deepEqual(sandbox.requests.map((r) => [r.method, r.path, r.query, r.authorized]), [
        ["GET", "/v1/segments", {}, true],
        ["GET", "/v1/segments", {}, true],
      ]);
    });

    test("getSegmentDetails returns the segment with that id (number or numeric string)", async () => {
      const { cio, sandbox } = env;
      const vip = sandbox.workspace.segments.find((s) => s.id === 3);
      assert.deepEqual(await cio.getSegmentDetails({ segment_id: 3 }), { segment: vip });
      const roadrunners = sandbox.workspace.segments.find((s) => s.id === 15);
      assert.deepEqual(await cio.getSegmentDetails({ segment_id: "15" }), { segment: roadrunners });
      assert.deepEqual(sandbox.requests.map((r) => r.path), ["/v1/segments/3", "/v1/segments/15"]);
    });

    test("getMessages returns the newest sent messages, and `next` leads to the following page", async () => {
      const { cio, sandbox } = env;
      const expected = expectedMessages(sandbox.workspace, T0_SECONDS);
      assert.equal(expected.length, 480, "the seeded workspace has 480 sent messages in the window");
      const first = await cio.getMessages({ limit: 20 });
      assert.deepEqual(first.messages, expected.slice(0, 20));
      assert.equal(typeof first.next, "string");
      assert.ok(first.next.length > 0);
      const second = await cio.getMessages({ limit: 20, start: first.next });
      assert.deepEqual(second.messages, expected.slice(20, 40));
      assert.notEqual(second.next, first.next);
    });

    test("getMessages filters by type, metric and campaign like the sandbox does", async () => {
      const { cio, sandbox } = env;
      const expected = expectedMessages(sandbox.workspace, T0_SECONDS,
        (m) => m.type === "email" && "opened" in m.metrics && m.campaign_id === 23);
      assert.ok(expected.length > 0, "the filter matches some seeded messages");
      const page = await cio.getMessages({ type: "email", metric: "opened", campaign_id: 23, limit: 1000 });
      assert.deepEqual(page.messages, expected);
      assert.equal(page.next, null);
    });

    test("getMessages with drafts: true returns the seeded drafts", async () => {
      const { cio, sandbox } = env;
      const drafts = sandbox.workspace.messages.filter((m) => "drafted" in m.metrics);
      assert.equal(drafts.length, 15);
      const page = await cio.getMessages({ drafts: true, limit: 100 });
      assert.deepEqual(new Set(page.messages.map((m) => m.id)), new Set(drafts.map((m) => m.id)));
      assert.equal(page.messages.length, 15);
    });

    test("listNewsletters returns one page in the requested order, with the server's default size", async () => {
      const { cio, sandbox } = env;
      const asc = await cio.listNewsletters({ limit: 7, sort: "asc" });
      assert.deepEqual(asc.newsletters, expectedNewsletters(sandbox.workspace, "asc").slice(0, 7));
      assert.equal(typeof asc.next, "string");
      const byDefault = await cio.listNewsletters();
      assert.deepEqual(byDefault.newsletters, expectedNewsletters(sandbox.workspace, "desc").slice(0, 10));
    });

    test("listTransactionalMessages returns every transactional template", async () => {
      const { cio, sandbox } = env;
      const result = await cio.listTransactionalMessages();
      assert.deepEqual(result, { messages: sandbox.workspace.transactional });
      assert.equal(result.messages.length, 6);
      assert.ok(result.messages.some((m) => m.name === "password reset"));
    });

    test("getTriggers returns the seeded trigger history of each broadcast", async () => {
      const { cio, sandbox } = env;
      for (const broadcast of sandbox.workspace.broadcasts) {
        const expected = sandbox.workspace.triggers
          .filter((t) => t.broadcast_id === broadcast.id)
          .sort((a, b) => a.id - b.id)
          .map(publicTrigger);
        assert.ok(expected.length >= 2);
        assert.deepEqual(await cio.getTriggers({ broadcast_id: broadcast.id }), { triggers: expected });
      }
    });

    test("getTrigger returns each seeded trigger of a broadcast", async () => {
      const { cio, sandbox } = env;
      const history = sandbox.workspace.triggers.filter((t) => t.broadcast_id === 12);
      assert.equal(history.length, 3);
      for (const trigger of history) {
        assert.deepEqual(
          await cio.getTrigger({ broadcast_id: 12, trigger_id: trigger.id }),
          publicTrigger(trigger),
        );
      }
      const [first] = history;
      assert.deepEqual(
        await cio.getTrigger({ broadcast_id: "12", trigger_id: String(first.id) }),
        publicTrigger(first),
        "numeric strings are accepted",
      );
    });

    test("getTriggerErrors pages through the 23 error lines of the seeded trigger", async () => {
      const { cio, sandbox } = env;
      const trigger = triggerWithErrors(sandbox.workspace, 23);
      const lines = [];
      const nexts = [];
      let start;
      do {
        const page = await cio.getTriggerErrors({
          broadcast_id: trigger.broadcast_id,
          trigger_id: trigger.id,
          limit: 10,
          ...(start === undefined ? {} : { start }),
        });
        lines.push(...page.errors);
        nexts.push(page.next);
        start = page.next;
      } while (start !== 0 && nexts.length < 10);
      assert.deepEqual(lines, trigger.errors);
      assert.equal(lines.length, 23);
      assert.deepEqual(nexts, [10, 20, 0]);
      assert.deepEqual(sandbox.requests.map((r) => r.query), [
        { limit: "10" },
        { limit: "10", start: "10" },
        { limit: "10", start: "20" },
      ]);
      assert.ok(sandbox.requests.every((r) => r.path === `/v1/campaigns/${trigger.broadcast_id}/triggers/${trigger.id}/errors`));
    });

    test("triggerBroadcast creates one trigger, then visible through getTriggers and getTrigger", async () => {
      const { cio, sandbox } = env;
      const before = sandbox.workspace.triggers.length;
      const result = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["cust_0001"], data: { discount: "10%" } });
      assert.equal(sandbox.workspace.triggers.length, before + 1);
      const stored = sandbox.workspace.triggers.at(-1);
      assert.deepEqual(result, { id: stored.id });
      assert.deepEqual(stored.request, { ids: ["cust_0001"], data: { discount: "10%" } });
      assert.equal(stored.created_at, T0_SECONDS);
      const { triggers } = await cio.getTriggers({ broadcast_id: 11 });
      assert.deepEqual(triggers.at(-1), publicTrigger(stored));
      assert.deepEqual(await cio.getTrigger({ broadcast_id: 11, trigger_id: result.id }), publicTrigger(stored));
    });

    test("messages() walks every page: as many messages as the sandbox holds, none twice", async () => {
      const { cio, sandbox } = env;
      const expected = expectedMessages(sandbox.workspace, T0_SECONDS);
      const all = await collect(cio.messages({ limit: 100 }));
      assert.equal(all.length, expected.length);
      assert.deepEqual(all, expected);
      assert.equal(new Set(all.map((m) => m.id)).size, all.length);
      assert.equal(sandbox.requests.length, 5, "480 messages in pages of 100");
    });

    test("newsletters() walks every page: all 28 seeded newsletters", async () => {
      const { cio, sandbox } = env;
      const all = await collect(cio.newsletters({ limit: 7 }));
      assert.equal(all.length, 28);
      assert.deepEqual(all, expectedNewsletters(sandbox.workspace, "desc"));
      assert.equal(sandbox.requests.length, 4);
    });
  });
}

// =============================================================================================
// 2. The wire: what the sandbox recorded for each call.

describe("the request on the wire, as the sandbox recorded it", () => {
  test("getMessages with every filter sends exactly those query parameters", async () => {
    const { cio, sandbox } = setup();
    const startTs = new Date((T0_SECONDS - 30 * DAY_SECONDS) * 1000 + 999);
    const page = await cio.getMessages({
      type: "email",
      metric: "delivered",
      campaign_id: "23",
      newsletter_id: 128_260,
      action_id: 215,
      start_ts: startTs,
      end_ts: T0_SECONDS,
      limit: 25,
      drafts: false,
    });
    assert.deepEqual(page, { messages: [], next: null }, "a campaign and a newsletter at once match nothing");
    assert.equal(sandbox.requests.length, 1);
    const [request] = sandbox.requests;
    assert.equal(request.method, "GET");
    assert.equal(request.path, "/v1/messages");
    assert.deepEqual(request.query, {
      type: "email",
      metric: "delivered",
      campaign_id: "23",
      newsletter_id: "128260",
      action_id: "215",
      start_ts: String(T0_SECONDS - 30 * DAY_SECONDS),
      end_ts: String(T0_SECONDS),
      limit: "25",
      drafts: "false",
    });
    assert.equal(request.body, null);
    assert.equal(request.bodyText, null);
    assert.equal(request.headers.authorization, "Bearer ***");
    assert.equal(request.authorized, true);
  });

  test("getMessages passes the start cursor through exactly, percent-encoded", async () => {
    const { cio, sandbox } = setup({ client: { retry: false } });
    const first = await cio.getMessages({ limit: 5 });
    await cio.getMessages({ limit: 5, start: first.next });
    assert.deepEqual(sandbox.requests[1].query, { limit: "5", start: first.next });
    const awkward = "a b&c=d/é+%?#";
    await rejects(cio.getMessages({ start: awkward }), "api_error");
    assert.deepEqual(sandbox.requests[2].query, { start: awkward }, "the sandbox decodes the cursor as it was given");
  });

  test("a parameter left out is left off the wire (no default limit)", async () => {
    const { cio, sandbox } = setup();
    const trigger = triggerWithErrors(sandbox.workspace, 23);
    await cio.getMessages();
    await cio.getMessages({});
    await cio.getMessages({ limit: undefined, type: undefined });
    await cio.listNewsletters();
    await cio.listNewsletters({});
    await cio.getTriggerErrors({ broadcast_id: trigger.broadcast_id, trigger_id: trigger.id });
    assert.equal(sandbox.requests.length, 6);
    for (const request of sandbox.requests) {
      assert.deepEqual(request.query, {}, `${request.path} carries no query`);
    }
  });

  test("a JS Date for start_ts/end_ts arrives as whole Unix seconds", async () => {
    const { cio, sandbox } = setup();
    const start = new Date(T0 - 7 * DAY_SECONDS * 1000 + 999);
    const end = new Date(T0 - 1);
    await cio.getMessages({ start_ts: start, end_ts: end });
    assert.deepEqual(sandbox.requests[0].query, {
      start_ts: String(T0_SECONDS - 7 * DAY_SECONDS),
      end_ts: String(T0_SECONDS - 1),
    });
  });

  test("numeric-string ids are converted to numbers in paths, queries and bodies", async () => {
    const { cio, sandbox } = setup();
    await cio.getSegmentDetails({ segment_id: "3" });
    await cio.getTriggers({ broadcast_id: "12" });
    const trigger = sandbox.workspace.triggers.find((t) => t.broadcast_id === 12);
    await cio.getTrigger({ broadcast_id: "12", trigger_id: String(trigger.id) });
    await cio.getMessages({ campaign_id: "31", action_id: "240" });
    await cio.triggerBroadcast({ broadcast_id: "11", recipients: { segment: { id: "3" } } });
    assert.deepEqual(sandbox.requests.map((r) => [r.method, r.path, r.query]), [
      ["GET", "/v1/segments/3", {}],
      ["GET", "/v1/broadcasts/12/triggers", {}],
      ["GET", `/v1/campaigns/12/triggers/${trigger.id}`, {}],
      ["GET", "/v1/messages", { campaign_id: "31", action_id: "240" }],
      ["POST", "/v1/campaigns/11/triggers", {}],
    ]);
    assert.deepEqual(sandbox.requests[4].body, { recipients: { segment: { id: 3 } } });
    assert.ok(sandbox.requests.every((r) => r.status === 200));
  });

  test("a dashed trigger id goes into the path as given", async () => {
    const { cio, sandbox } = setup({ client: { retry: false } });
    // The sandbox only knows integer trigger ids and answers 400; the path is what matters here.
    const error = await rejects(cio.getTrigger({ broadcast_id: 12, trigger_id: "5-37" }), "api_error");
    assert.equal(error.status, 400);
    assert.equal(sandbox.requests[0].path, "/v1/campaigns/12/triggers/5-37");
  });

  describe("triggerBroadcast sends exactly the audience given (six shapes)", () => {
    const SHAPES = [
      {
        name: "ids (numbers become strings)",
        params: { broadcast_id: 11, ids: ["cust_0001", 42], id_ignore_missing: true, data: { discount: "30%" } },
        body: { ids: ["cust_0001", "42"], id_ignore_missing: true, data: { discount: "30%" } },
      },
      {
        name: "emails with both email flags",
        params: { broadcast_id: 11, emails: ["road@runner.net", "wile@acme.example"], email_ignore_missing: true, email_add_duplicates: false },
        body: { emails: ["road@runner.net", "wile@acme.example"], email_ignore_missing: true, email_add_duplicates: false },
      },
      {
        name: "recipients filter (nested, segment id as a numeric string)",
        params: {
          broadcast_id: 12,
          recipients: {
            and: [
              { segment: { id: "3" } },
              { or: [
                { attribute: { field: "interest", operator: "eq", value: "roadrunners" } },
                { not: { attribute: { field: "species", operator: "exists" } } },
              ] },
            ],
          },
          data: { headline: "Roadrunner spotted in Albuquerque!" },
        },
        body: {
          recipients: {
            and: [
              { segment: { id: 3 } },
              { or: [
                { attribute: { field: "interest", operator: "eq", value: "roadrunners" } },
                { not: { attribute: { field: "species", operator: "exists" } } },
              ] },
            ],
          },
          data: { headline: "Roadrunner spotted in Albuquerque!" },
        },
      },
      {
        name: "per_user_data",
        params: {
          broadcast_id: 12,
          per_user_data: [{ id: "wiley_coyote", data: { voucher_code: "FESwYm" } }, { email: "road@runner.net", data: { voucher_code: "cYm6XJ" } }],
          data: {},
        },
        body: {
          per_user_data: [{ id: "wiley_coyote", data: { voucher_code: "FESwYm" } }, { email: "road@runner.net", data: { voucher_code: "cYm6XJ" } }],
          data: {},
        },
      },
      {
        name: "data_file_url with a flag",
        params: { broadcast_id: 13, data_file_url: "https://files.example.com/audience.jsonl", id_ignore_missing: true },
        body: { data_file_url: "https://files.example.com/audience.jsonl", id_ignore_missing: true },
      },
      {
        name: "default_audience: true (never sent)",
        params: { broadcast_id: 13, default_audience: true, data: { window: "Saturday" } },
        body: { data: { window: "Saturday" } },
      },
      {
        name: "default_audience: true alone sends an empty object",
        params: { broadcast_id: 11, default_audience: true },
        body: {},
      },
    ];

    for (const shape of SHAPES) {
      test(shape.name, async () => {
        const { cio, sandbox } = setup({ client: { retry: false } });
        const before = sandbox.workspace.triggers.length;
        const result = await cio.triggerBroadcast(shape.params);
        assert.equal(sandbox.requests.length, 1);
        const [request] = sandbox.requests;
        assert.equal(request.method, "POST");
        assert.equal(request.path, TRIGGER_PATH(shape.params.broadcast_id));
        assert.deepEqual(request.query, {});
        assert.deepEqual(request.body, shape.body);
        assert.deepEqual(JSON.parse(request.bodyText), shape.body);
        assert.ok(!("default_audience" in request.body) && !("broadcast_id" in request.body));
        assert.match(request.headers["content-type"], /^application\/json/);
        assert.equal(request.status, 200);
        assert.equal(sandbox.workspace.triggers.length, before + 1);
        assert.deepEqual(result, { id: sandbox.workspace.triggers.at(-1).id });
        assert.deepEqual(sandbox.workspace.triggers.at(-1).request, shape.body);
      });
    }
  });

  test("two triggers of one broadcast 10 s apart (sandbox's fake clock) are both accepted", async () => {
    // The client's own spacing runs on real time: shrink it so the test does not wait 10 s.
    const { cio, sandbox, advance } = setup({ client: { retry: false, spacing: { intervalMs: 20 } } });
    const first = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] });
    advance(SPACING_MS);
    const second = await cio.triggerBroadcast({ broadcast_id: 11, ids: ["b"] });
    assert.equal(second.id, first.id + 1);
    assert.deepEqual(sandbox.requests.map((r) => r.status), [200, 200]);
  });
});

// =============================================================================================
// 3. The async iterables.

describe("messages() and newsletters() async iterables", () => {
  test("messages() returns the iterable itself and sends nothing until the loop starts", async () => {
    const { cio, sandbox } = setup();
    const iterable = cio.messages({ limit: 100 });
    assert.equal(typeof iterable[Symbol.asyncIterator], "function");
    assert.equal(typeof iterable.then, "undefined", "not a Promise");
    await sleep(5);
    assert.equal(sandbox.requests.length, 0);
  });

  test("messages({ limit: 100 }) yields exactly what a manual getMessages paging loop yields", async () => {
    const { cio, sandbox } = setup();
    const manual = [];
    let pages = 0;
    let next;
    do {
      const page = await cio.getMessages({ limit: 100, ...(next ? { start: next } : {}) });
      manual.push(...page.messages);
      next = page.next;
      pages += 1;
    } while (next && pages < 50);
    const manualRequests = sandbox.requests.length;
    const walked = await collect(cio.messages({ limit: 100 }));
    assert.equal(walked.length, manual.length);
    assert.equal(walked.length, expectedMessages(sandbox.workspace, T0_SECONDS).length);
    assert.deepEqual(walked.map((m) => m.id), manual.map((m) => m.id));
    assert.equal(new Set(walked.map((m) => m.id)).size, walked.length, "no message twice");
    const walkRequests = sandbox.requests.slice(manualRequests);
    assert.equal(walkRequests.length, pages);
    assert.deepEqual(walkRequests[0].query, { limit: "100" });
    for (const [index, request] of walkRequests.slice(1).entries()) {
      assert.equal(request.query.limit, "100");
      assert.equal(request.query.start, sandbox.requests[index + 1].query.start, "same cursors as the manual loop");
    }
  });

  test("messages() keeps the filters on every page", async () => {
    const { cio, sandbox } = setup();
    const expected = expectedMessages(sandbox.workspace, T0_SECONDS, (m) => m.type === "push");
    assert.ok(expected.length > 10);
    const walked = await collect(cio.messages({ type: "push", limit: 10 }));
    assert.deepEqual(walked, expected);
    assert.ok(sandbox.requests.every((r) => r.query.type === "push" && r.query.limit === "10"));
    assert.equal(sandbox.requests.length, Math.ceil(expected.length / 10));
  });

  test("newsletters({ limit: 7 }) yields the 28 seeded newsletters in 4 pages", async () => {
    const { cio, sandbox } = setup();
    const walked = await collect(cio.newsletters({ limit: 7 }));
    assert.equal(walked.length, 28);
    assert.deepEqual(walked.map((n) => n.id), expectedNewsletters(sandbox.workspace, "desc").map((n) => n.id));
    assert.equal(new Set(walked.map((n) => n.id)).size, 28);
    assert.equal(sandbox.requests.length, 4);
    const asc = await collect(cio.newsletters({ limit: 7, sort: "asc" }));
    assert.deepEqual(asc, expectedNewsletters(sandbox.workspace, "asc"));
  });

  test("pages are fetched lazily: breaking out after 3 items made exactly one request", async () => {
    const { cio, sandbox } = setup();
    const seen = [];
    for await (const message of cio.messages({ limit: 100 })) {
      seen.push(message.id);
      if (seen.length === 3) break;
    }
    assert.equal(seen.length, 3);
    assert.equal(sandbox.requests.length, 1);
    await sleep(5);
    assert.equal(sandbox.requests.length, 1, "no page is prefetched after the break");

    const newsletters = [];
    for await (const newsletter of cio.newsletters({ limit: 7 })) {
      newsletters.push(newsletter);
      if (newsletters.length === 8) break;
    }
    assert.equal(sandbox.requests.length, 3, "8 newsletters of pages of 7 take two more requests");
  });

  test("an error on a later page rejects the loop after the earlier items were yielded", async () => {
    const { cio, sandbox } = setup({ client: { retry: false } });
    const seen = [];
    await rejects(async () => {
      for await (const message of cio.messages({ limit: 100 })) {
        seen.push(message);
        if (seen.length === 100) sandbox.inject({ kind: "status", status: 503, path: "/v1/messages" });
      }
    }, "api_error");
    assert.equal(seen.length, 100);
    assert.equal(sandbox.requests.length, 2);
  });

  test("a server that hands back the same cursor makes the loop reject invalid_response, not spin", async () => {
    const { cio, sandbox } = setup({ client: { retry: false } });
    sandbox.inject({ kind: "wrong_shape", path: "/v1/newsletters", times: 5, body: { newsletters: [], next: "same" } });
    await rejects(collect(cio.newsletters({ limit: 7 })), "invalid_response");
    assert.equal(sandbox.requests.length, 2);
  });
});

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
      setTimeout(() => controller.abort(), 20);
      await rejects(env.cio.getSegments({}, { signal: controller.signal }), "aborted");
    });

    test("unknown_outcome on a hanging trigger", async () => {
      env.sandbox.inject({ kind: "hang", path: TRIGGER_PATH(11), hangMs: 10_000, times: 3 });
      await rejects(env.cio.triggerBroadcast({ broadcast_id: 11, ids: ["a"] }, { timeoutMs: 50 }), "unknown_outcome");
      assert.equal(env.sandbox.requests.length, 1);
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

// =============================================================================================
// 9. instanceof across copies of the module.

describe("instanceof CustomerIoError across module copies", () => {
  test("the same package imported under another URL", async () => {
    const copy = await import("../../pkg/entry-node.js?copy=2");
    let error;
    try {
      new copy.CustomerIo({ apiKey: API_KEY, nonsense: true });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof CustomerIoError);
    assert.ok(error instanceof copy.CustomerIoError);
    assert.equal(error.code, "invalid_params");
  });

  test("a second installed copy of the package (its own wasm instance and class)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "customerio-wasm-copy-"));
    try {
      const pkgDir = fileURLToPath(new URL("../../pkg/", import.meta.url));
      await cp(pkgDir, join(dir, "pkg"), { recursive: true });
      const copy = await import(pathToFileURL(join(dir, "pkg", "entry-node.js")).href);
      assert.notEqual(copy.CustomerIoError, CustomerIoError, "a distinct class, so the check is meaningful");
      assert.notEqual(copy.CustomerIo, CustomerIo);

      const { sandbox } = setup();
      const cio2 = new copy.CustomerIo({ apiKey: API_KEY, baseUrl: ORIGIN, fetch: sandbox.fetch, retry: false });
      const validation = await rejects(cio2.getMessages({ limit: 0 }), "invalid_params", "limit");
      assert.ok(validation instanceof copy.CustomerIoError);
      const notFound = await rejects(cio2.getSegmentDetails({ segment_id: 2 }), "not_found");
      assert.ok(notFound instanceof CustomerIoError);

      let fromOne;
      try {
        new CustomerIo({ apiKey: API_KEY, region: "mars" });
      } catch (caught) {
        fromOne = caught;
      }
      assert.ok(fromOne instanceof copy.CustomerIoError, "copy 1's errors are copy 2's too");
      assert.ok(fromOne instanceof CustomerIoError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("other values are not CustomerIoErrors", () => {
    assert.equal(new Error("x") instanceof CustomerIoError, false);
    assert.equal(new TypeError("x") instanceof CustomerIoError, false);
    assert.equal({ code: "invalid_params", name: "CustomerIoError" } instanceof CustomerIoError, false);
    assert.equal(null instanceof CustomerIoError, false);
    assert.equal(undefined instanceof CustomerIoError, false);
    assert.equal("CustomerIoError" instanceof CustomerIoError, false);
  });
});

// =============================================================================================
// 10. Results are plain JSON objects, every field kept.

describe("results are plain objects with nulls kept", () => {
  test("getSegments: plain objects all the way down, null progress and tags kept", async () => {
    const { cio } = setup();
    const result = await cio.getSegments();
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assertPlainJson(result);
    const all = result.segments.find((s) => s.id === 1);
    assert.equal(all.progress, null);
    assert.equal(all.tags, null);
    assert.ok("progress" in all && "tags" in all);
    assert.equal(result.segments.find((s) => s.id === 5).progress > 0, true);
  });

  test("getMessages: nulls kept and nested objects plain; next null on the last page", async () => {
    const { cio } = setup();
    const page = await cio.getMessages({ limit: 1000 });
    assertPlainJson(page);
    assert.equal(page.next, null);
    const message = page.messages.find((m) => m.customer_id === null);
    assert.ok(message, "some seeded messages have no customer id");
    assert.equal(message.customer_identifiers.id, null);
    assert.equal(message.parent_action_id, null);
    assert.equal(message.trigger_event_id, null);
    assert.equal(Object.getPrototypeOf(message.metrics), Object.prototype);
  });

  test("every method's result is a plain object", async () => {
    const { cio, advance } = setup();
    const trigger = await cio.triggerBroadcast({ broadcast_id: 11, default_audience: true });
    advance(SPACING_MS);
    const results = [
      trigger,
      await cio.getMessages({ limit: 2 }),
      await cio.getSegments(),
      await cio.getSegmentDetails({ segment_id: 1 }),
      await cio.listNewsletters({ limit: 5 }),
      await cio.listTransactionalMessages(),
      await cio.getTriggers({ broadcast_id: 11 }),
      await cio.getTrigger({ broadcast_id: 11, trigger_id: trigger.id }),
      await cio.getTriggerErrors({ broadcast_id: 11, trigger_id: trigger.id }),
    ];
    for (const result of results) {
      assert.equal(Object.getPrototypeOf(result), Object.prototype);
      assertPlainJson(result);
    }
    assert.deepEqual(results.at(-1), { errors: [], next: 0 });
    const newsletters = results[4].newsletters;
    assert.ok(newsletters.some((n) => n.name === null || n.tags === null || n.sent_at === null));
  });

  test("fields the client does not know are kept (the API adds fields over time)", async () => {
    const { cio, sandbox } = setup();
    const segments = sandbox.workspace.segments.map((s) => ({ ...s, added_later: { nested: null } }));
    sandbox.inject({ kind: "wrong_shape", path: "/v1/segments", body: { segments, total: 9, extra: null } });
    const result = await cio.getSegments();
    assert.deepEqual(result, { segments, total: 9, extra: null });
  });

  test("a list answer whose list is null arrives as an empty list (the types promise a list)", async () => {
    const { cio, sandbox } = setup();
    for (const [path, call, list] of [
      ["/v1/segments", () => cio.getSegments(), "segments"],
      ["/v1/messages", () => cio.getMessages({}), "messages"],
      ["/v1/broadcasts/11/triggers", () => cio.getTriggers({ broadcast_id: 11 }), "triggers"],
      ["/v1/broadcasts", () => cio.listBroadcasts(), "broadcasts"],
    ]) {
      sandbox.inject({ kind: "wrong_shape", path, body: { [list]: null, next: null, kept: { x: null } } });
      const result = await call();
      assert.deepEqual(result[list], [], `${path}: ${list}`);
      assert.deepEqual(result.kept, { x: null }, `${path}: other nulls are kept as sent`);
    }
  });
});
