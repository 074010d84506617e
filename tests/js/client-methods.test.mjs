// Every method of the client against the offline sandbox, in-process and over HTTP on
// 127.0.0.1: the results are the sandbox's workspace data; and the messages() and newsletters()
// async iterables.
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  T0, T0_SECONDS, collect, expectedMessages, expectedNewsletters, publicTrigger, rejects, setup,
  setupHttp, sleep, triggerWithErrors,
} from "./helpers.mjs";

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
