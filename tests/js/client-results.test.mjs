// What a result and an error are to a caller: CustomerIoError is recognised across copies of
// the module, and results are plain JSON objects with every field (nulls included) kept.
//
// Nothing here leaves the machine: in-process clients use ORIGIN only as a URL prefix that the
// sandbox's fetch routes on; HTTP clients talk to a server bound to 127.0.0.1 on a free port.
// Time: the sandbox runs on a fake clock (`advance`), and clients retry with millisecond waits.
// Shared setup: ./helpers.mjs. The other client files: tests/js/client-*.test.mjs.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  API_KEY, CustomerIo, CustomerIoError, ORIGIN, assertPlainJson, rejects, setup,
} from "./helpers.mjs";

const SPACING_MS = 10_000;

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
