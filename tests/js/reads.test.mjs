// The reads around a broadcast through the built package, against the sandbox: for each
// operation the request on the wire, the answer, and one refusal that sends nothing; the walks
// over deliveries and members with their loop guard. Run: node --test tests/js/reads.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ORIGIN, T0_SECONDS, assertPlainJson, collect, rejects, setup, throwsSync } from "./helpers.mjs";

/** The one request the sandbox received, as [path, query]. */
function onlyRequest(sandbox) {
  assert.equal(sandbox.requests.length, 1, JSON.stringify(sandbox.requests.map((r) => r.path)));
  const [{ method, path, query }] = sandbox.requests;
  assert.equal(method, "GET");
  return [path, query];
}

const sum = (counts) => counts.reduce((a, b) => a + b, 0);

// Each row: method, valid params, the path and query on the wire, a check of the answer, and a
// refused params object with the code and field it is refused at.
const CASES = [
  {
    method: "getSegmentCount", params: { segment_id: 3 }, path: "/v1/segments/3/customer_count", query: {},
    check: (body, { sandbox }) => {
      assert.equal(body.segment_id, 3);
      assert.ok(Number.isInteger(body.count) && body.count > 0);
      assert.equal(sandbox.workspace.segments.some((s) => s.id === 3), true);
    },
    refused: [{ segment_id: "three" }, "invalid_params", "segment_id"],
  },
  {
    method: "getSegmentMembership", params: { segment_id: 3, limit: 5 }, path: "/v1/segments/3/membership", query: { limit: "5" },
    check: (body) => {
      assert.equal(body.identifiers.length, 5);
      assert.equal(body.ids.length, 5);
      assert.ok(body.identifiers.every((member) => typeof member.email === "string" && typeof member.cio_id === "string"));
      assert.equal(typeof body.next, "string");
    },
    refused: [{ segment_id: 3, limit: 30_001 }, "invalid_params", "limit"],
  },
  {
    method: "getSegmentDependencies", params: { segment_id: 8 }, path: "/v1/segments/8/used_by", query: {},
    check: (body, { sandbox }) => {
      const using = sandbox.workspace.newsletters.filter((n) => n.recipient_segment_ids.includes(8) && n.sent_at !== null);
      assert.deepEqual(body.used_by.sent_newsletters, using.map((n) => n.id));
      assert.deepEqual(body.used_by.campaigns, []);
    },
    refused: [{ segment_id: 8, include: "all" }, "invalid_params", "include"],
  },
  {
    method: "listBroadcastActions", params: { broadcast_id: 12 }, path: "/v1/broadcasts/12/actions", query: {},
    check: (body) => {
      assert.deepEqual(body.actions.map((a) => [a.id, a.type, a.broadcast_id]), [[302, "email", 12], [303, "push", 12]]);
      assert.equal(body.actions[0].body, "<p>Roadrunner spotted in Albuquerque!</p>", "content fields reach the caller as sent");
    },
    refused: [{}, "invalid_params", "broadcast_id"],
  },
  {
    method: "getBroadcastAction", params: { broadcast_id: 12, action_id: "302" }, path: "/v1/broadcasts/12/actions/302", query: {},
    check: (body) => {
      assert.equal(body.action.id, 302);
      assert.equal(body.action.sending_state, "automatic");
    },
    refused: [{ broadcast_id: 12, action_id: 0 }, "invalid_params", "action_id"],
  },
  {
    method: "getBroadcastActionMetrics", params: { broadcast_id: 12, action_id: 302, period: "days", steps: 45, type: "email" },
    path: "/v1/broadcasts/12/actions/302/metrics", query: { period: "days", steps: "45", type: "email" },
    check: (body) => {
      assert.equal(body.metric.series.sent.length, 45);
      assert.ok(sum(body.metric.series.attempted) > 0);
    },
    refused: [{ broadcast_id: 12, action_id: 302, period: "weeks", steps: 13 }, "invalid_params", "steps"],
  },
  {
    method: "getBroadcastActionLinkMetrics", params: { broadcast_id: 12, action_id: 302, period: "weeks", steps: 12 },
    path: "/v1/broadcasts/12/actions/302/metrics/links", query: { period: "weeks", steps: "12" },
    check: (body) => {
      assert.ok(body.links.length >= 2);
      for (const entry of body.links) {
        assert.match(entry.link.href, /^https:\/\//);
        assert.equal(entry.metric.series.clicked.length, 12);
      }
    },
    refused: [{ broadcast_id: 12, action_id: 302, unique: true }, "invalid_params", "unique"],
  },
  {
    method: "getBroadcastLinkMetrics", params: { broadcast_id: 12, unique: true }, path: "/v1/broadcasts/12/metrics/links", query: { unique: "true" },
    check: (body) => assert.ok(body.links.length >= 4, "the links of both actions"),
    refused: [{ broadcast_id: 12, unique: "yes" }, "invalid_params", "unique"],
  },
  {
    method: "getBroadcastMessages", params: { broadcast_id: 12, limit: 3, metric: "delivered", start_ts: T0_SECONDS - 90 * 86_400, end_ts: new Date(T0_SECONDS * 1000) },
    path: "/v1/broadcasts/12/messages", query: { limit: "3", metric: "delivered", start_ts: String(T0_SECONDS - 90 * 86_400), end_ts: String(T0_SECONDS) },
    check: (body) => {
      assert.equal(body.messages.length, 3);
      assert.ok(body.messages.every((m) => m.broadcast_id === 12 && "delivered" in m.metrics));
      assert.equal(typeof body.next, "string");
    },
    refused: [{ broadcast_id: 12, start_ts: "2026-08-01" }, "invalid_timestamp", "start_ts"],
  },
  {
    method: "getNewsletter", params: { newsletter_id: 128_260 }, path: "/v1/newsletters/128260", query: {},
    check: (body, { sandbox }) => assert.deepEqual(body.newsletter, sandbox.workspace.newsletters.find((n) => n.id === 128_260)),
    refused: [{ newsletter_id: -1 }, "invalid_params", "newsletter_id"],
  },
  {
    method: "getNewsletterMetrics", params: { newsletter_id: 128_270, period: "weeks", steps: 12, type: "email" },
    path: "/v1/newsletters/128270/metrics", query: { period: "weeks", steps: "12", type: "email" },
    check: (body) => assert.equal(body.metric.series.delivered.length, 12),
    refused: [{ newsletter_id: 128_270, type: "slack" }, "invalid_params", "type"],
  },
  {
    method: "getNewsletterLinkMetrics", params: { newsletter_id: 128_270 }, path: "/v1/newsletters/128270/metrics/links", query: {},
    check: (body) => assert.ok(body.links.every((entry) => entry.link.href.includes("/newsletter/128270/"))),
    refused: [{ newsletter_id: 128_270, steps: 46 }, "invalid_params", "steps"],
  },
  {
    method: "getNewsletterMessages", params: { newsletter_id: 128_270, limit: 2 }, path: "/v1/newsletters/128270/messages", query: { limit: "2" },
    check: (body) => assert.ok(body.messages.every((m) => m.newsletter_id === 128_270)),
    refused: [{ newsletter_id: 128_270, start_ts: 1_700_000_000_000 }, "invalid_timestamp", "start_ts"],
  },
  {
    method: "getTransactionalMessage", params: { transactional_id: 3 }, path: "/v1/transactional/3", query: {},
    check: (body) => assert.equal(body.message.name, "welcome"),
    refused: [{ transactional_id: 3.5 }, "invalid_params", "transactional_id"],
  },
  {
    method: "getTransactionalMetrics", params: { transactional_id: 3, period: "hours", steps: 24 },
    path: "/v1/transactional/3/metrics", query: { period: "hours", steps: "24" },
    check: (body) => assert.equal(body.metric.series.sent.length, 24),
    refused: [{ transactional_id: 3, type: "email" }, "invalid_params", "type"],
  },
  {
    method: "getTransactionalDeliveries", params: { transactional_id: 3, state: "sent", limit: 4 },
    path: "/v1/transactional/3/messages", query: { state: "sent", limit: "4" },
    check: (body) => assert.ok(body.messages.length > 0 && body.messages.every((m) => "sent" in m.metrics)),
    refused: [{ transactional_id: 3, state: "bounced" }, "invalid_params", "state"],
  },
];

describe("each read: request, answer, refusal", () => {
  for (const { method, params, path, query, check, refused } of CASES) {
    test(`${method} sends GET ${path} and answers the API's JSON`, async () => {
      const context = setup();
      const body = await context.cio[method](params);
      assertPlainJson(body);
      assert.deepEqual(onlyRequest(context.sandbox), [path, query]);
      check(body, context);
      const prepared = context.cio.prepare(method, params);
      assert.equal(new URL(prepared.url).pathname, path);
    });

    test(`${method} refuses bad parameters before sending`, async () => {
      const { cio, sandbox } = setup();
      const [bad, code, field] = refused;
      await rejects(cio[method](bad), code, field);
      throwsSync(() => cio.prepare(method, bad), code, field);
      assert.equal(sandbox.requests.length, 0);
    });
  }
});

describe("getMessage", () => {
  test("reads one delivery by its string id, percent-encoded on the wire", async () => {
    const { cio, sandbox } = setup();
    const { messages } = await cio.getMessages({ limit: 1 });
    sandbox.requests.length = 0;
    const { message } = await cio.getMessage({ message_id: messages[0].id });
    assert.deepEqual(message, messages[0]);
    assert.equal(sandbox.requests[0].path, `/v1/messages/${encodeURIComponent(messages[0].id)}`);
  });

  test("finds a transactional delivery too, and answers not_found for an unknown id", async () => {
    const { cio } = setup();
    const { messages } = await cio.getTransactionalDeliveries({ transactional_id: 2, limit: 1 });
    assert.equal((await cio.getMessage({ message_id: messages[0].id })).message.id, messages[0].id);
    await rejects(cio.getMessage({ message_id: "ag1qnothere=" }), "not_found");
  });

  test("refuses a number, which would be a template or action id", async () => {
    const { cio, sandbox } = setup();
    const error = await rejects(cio.getMessage({ message_id: 43 }), "invalid_params", "message_id");
    assert.match(error.message, /template or action id/);
    assert.equal(sandbox.requests.length, 0);
  });
});

describe("walks", () => {
  test("segmentMembers walks every member page by page, and the count agrees", async () => {
    const { cio, sandbox } = setup();
    const members = await collect(cio.segmentMembers({ segment_id: 8, limit: 25 }));
    const { count } = await cio.getSegmentCount({ segment_id: 8 });
    assert.equal(members.length, count);
    assert.equal(new Set(members.map((m) => m.email)).size, count);
    const pages = sandbox.requests.filter((r) => r.path.endsWith("/membership"));
    assert.equal(pages.length, Math.ceil(count / 25));
    assert.deepEqual(pages[0].query, { limit: "25" });
    assert.ok(pages.slice(1).every((r) => typeof r.query.start === "string"));
  });

  test("broadcastMessages, newsletterMessages and transactionalDeliveries walk to the end", async () => {
    const { cio } = setup();
    const window = { start_ts: T0_SECONDS - 120 * 86_400, end_ts: T0_SECONDS };
    const broadcast = await collect(cio.broadcastMessages({ broadcast_id: 11, limit: 7, ...window }));
    const all = await cio.getBroadcastMessages({ broadcast_id: 11, limit: 1000, ...window });
    assert.deepEqual(broadcast.map((m) => m.id), all.messages.map((m) => m.id));
    const newsletter = await collect(cio.newsletterMessages({ newsletter_id: 128_270, limit: 3 }));
    assert.ok(newsletter.length > 3 && newsletter.every((m) => m.newsletter_id === 128_270));
    const transactional = await collect(cio.transactionalDeliveries({ transactional_id: 2, limit: 5 }));
    assert.ok(transactional.length > 5);
  });

  test("a server that hands the same cursor back stops the walk with invalid_response", async () => {
    const { sandbox, makeClient } = setup();
    const looping = async (input, init) => {
      const url = new URL(input);
      url.searchParams.delete("start"); // every page is the first; its `next` never changes
      const response = await sandbox.fetch(url.href, init);
      const body = await response.json();
      return new Response(JSON.stringify({ ...body, next: "same" }), { status: response.status, headers: response.headers });
    };
    const cio = makeClient({ fetch: looping });
    const seen = [];
    await rejects(async () => {
      for await (const member of cio.segmentMembers({ segment_id: 1, limit: 10 })) seen.push(member);
    }, "invalid_response");
    assert.equal(seen.length, 10, "the first page; the page that repeats its cursor is refused");
  });

  test("a walk with bad parameters throws at once and sends nothing", () => {
    const { cio, sandbox } = setup();
    throwsSync(() => cio.broadcastMessages({ broadcast_id: 11, metric: "converted" }), "invalid_params", "metric");
    throwsSync(() => cio.segmentMembers({}), "invalid_params", "segment_id");
    assert.equal(sandbox.requests.length, 0);
  });
});

describe("pass-through", () => {
  test("answer fields the client does not model reach the caller untouched", async () => {
    const { makeClient, sandbox } = setup();
    const extra = async (input, init) => {
      const response = await sandbox.fetch(input, init);
      const body = await response.json();
      const added = { ...body, as_of: 1_765_000_000 };
      if (added.metric) added.metric = { ...added.metric, totals: { sent: 3 } };
      if (added.links) added.links = added.links.map((entry) => ({ ...entry, link: { ...entry.link, tracked: true } }));
      return new Response(JSON.stringify(added), { status: response.status, headers: response.headers });
    };
    const cio = makeClient({ fetch: extra });
    const count = await cio.getSegmentCount({ segment_id: 3 });
    assert.equal(count.as_of, 1_765_000_000);
    const metrics = await cio.getBroadcastActionMetrics({ broadcast_id: 11, action_id: 301 });
    assert.deepEqual(metrics.metric.totals, { sent: 3 });
    const links = await cio.getBroadcastLinkMetrics({ broadcast_id: 11 });
    assert.ok(links.links.every((entry) => entry.link.tracked === true));
  });

  test("an answer of the wrong shape is invalid_response", async () => {
    const { cio, sandbox } = setup();
    sandbox.inject({ kind: "wrong_shape", path: "/v1/segments/3/customer_count", body: { segment_id: 3, count: "many" } });
    await rejects(cio.getSegmentCount({ segment_id: 3 }), "invalid_response");
  });
});

test("the package's origin is the one every request goes to", async () => {
  const { cio } = setup();
  assert.equal(cio.prepare("getSegmentCount", { segment_id: 1 }).url, `${ORIGIN}/v1/segments/1/customer_count`);
});
