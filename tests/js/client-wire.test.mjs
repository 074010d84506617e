// The request on the wire for each call, as the sandbox recorded it: paths, query
// parameters, bodies and headers.
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DAY_SECONDS, T0, T0_SECONDS, rejects, setup, triggerWithErrors,
} from "./helpers.mjs";

const SPACING_MS = 10_000;
const TRIGGER_PATH = (id) => `/v1/campaigns/${id}/triggers`;

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
