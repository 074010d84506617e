// What crosses the JS⇄wasm boundary: parameters are read as the JS values they are (nothing
// JSON would lose or change gets through: each such value is refused at its field, in a call and
// in prepare(), with nothing sent), and answers are read once, including trigger ids of digits
// and dashes.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setup, rejects, throwsSync, T0_SECONDS } from "./helpers.mjs";

class Money {
  constructor(cents) {
    this.cents = cents;
  }
}

function cyclic() {
  const data = { name: "loop" };
  data.self = data;
  return data;
}

/** [what, method, params, field, code]: each value JSON.stringify would have lost or altered. */
const LOST_IN_JSON = [
  ["NaN as a timestamp", "getMessages", { start_ts: NaN }, "start_ts", "invalid_timestamp"],
  ["Infinity as a timestamp", "getMessages", { end_ts: Infinity }, "end_ts", "invalid_timestamp"],
  ["-Infinity as a timestamp", "getMessages", { start_ts: -Infinity }, "start_ts", "invalid_timestamp"],
  ["NaN as a limit", "getMessages", { limit: NaN }, "limit", "invalid_params"],
  ["Infinity as an id", "getSegmentDetails", { segment_id: Infinity }, "segment_id", "invalid_params"],
  ["NaN inside data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { score: NaN } }, "data.score", "invalid_params"],
  ["Infinity in a filter", "triggerBroadcast", { broadcast_id: 11, recipients: { segment: { id: Infinity } } }, "recipients.segment.id", "invalid_params"],
  ["a BigInt id", "getSegmentDetails", { segment_id: 7n }, "segment_id", "invalid_params"],
  ["a BigInt inside data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { n: 1n } }, "data.n", "invalid_params"],
  ["a function inside data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { f() {} } }, "data.f", "invalid_params"],
  ["a symbol in ids", "triggerBroadcast", { broadcast_id: 11, ids: ["a", Symbol("b")] }, "ids[1]", "invalid_params"],
  ["a Map as data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: new Map([["a", 1]]) }, "data", "invalid_params"],
  ["a Set as ids", "triggerBroadcast", { broadcast_id: 11, ids: new Set(["a"]) }, "ids", "invalid_params"],
  ["a class instance inside data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { price: new Money(5) } }, "data.price", "invalid_params"],
  ["a cyclic object inside data", "triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: cyclic() }, "data.self", "invalid_params"],
  ["a Map as the parameters", "getMessages", new Map([["limit", 5]]), "params", "invalid_params"],
];

describe("values JSON cannot carry are refused at their field", () => {
  for (const [what, method, params, field, code] of LOST_IN_JSON) {
    test(`${what} rejects ${code} at ${field} and sends nothing`, async () => {
      const { cio, sandbox } = setup();
      await rejects(cio[method](params), code, field);
      assert.equal(sandbox.requests.length, 0);
    });

    test(`${what} throws ${code} at ${field} in prepare()`, () => {
      const { cio, sandbox } = setup();
      throwsSync(() => cio.prepare(method, params), code, field);
      assert.equal(sandbox.requests.length, 0);
    });
  }

  test("a NaN timestamp says to pass Unix seconds or a Date, not that it was left out", async () => {
    const { cio } = setup();
    const error = await rejects(cio.getMessages({ start_ts: NaN }), "invalid_timestamp", "start_ts");
    assert.match(error.message, /NaN/);
  });

  test("a class instance is named in the message", () => {
    const { cio } = setup();
    const error = throwsSync(
      () => cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { price: new Money(5) } }),
      "invalid_params",
      "data.price",
    );
    assert.match(error.message, /Money/);
  });

  test("the async iterables refuse NaN at once too", () => {
    const { cio, sandbox } = setup();
    throwsSync(() => cio.messages({ start_ts: NaN }), "invalid_timestamp", "start_ts");
    assert.equal(sandbox.requests.length, 0);
  });
});

describe("values JSON would carry are read as before", () => {
  test("undefined is left out, in the parameters and inside data", () => {
    const { cio } = setup();
    const prepared = cio.prepare("getMessages", { limit: undefined, type: "email" });
    assert.equal(prepared.url, "https://api.customer.io/v1/messages?type=email");
    const trigger = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { a: 1, b: undefined } });
    assert.deepEqual(JSON.parse(trigger.body).data, { a: 1 });
  });

  test("a Date anywhere becomes whole Unix seconds", () => {
    const { cio } = setup();
    const at = new Date(T0_SECONDS * 1000 + 999);
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { at, list: [at] } });
    assert.deepEqual(JSON.parse(prepared.body).data, { at: T0_SECONDS, list: [T0_SECONDS] });
  });

  test("an object without a prototype is a plain object", () => {
    const { cio } = setup();
    const data = Object.assign(Object.create(null), { promo: "VIP20" });
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data });
    assert.deepEqual(JSON.parse(prepared.body).data, { promo: "VIP20" });
  });

  test("the same object twice (not a cycle) is read twice", () => {
    const { cio } = setup();
    const shared = { tier: "gold" };
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { a: shared, b: shared } });
    assert.deepEqual(JSON.parse(prepared.body).data, { a: shared, b: shared });
  });

  test("fractions and large numbers in data keep their value", () => {
    const { cio } = setup();
    const prepared = cio.prepare("triggerBroadcast", { broadcast_id: 11, ids: ["a"], data: { price: 9.99, big: 1e21, neg: -3 } });
    assert.deepEqual(JSON.parse(prepared.body).data, { price: 9.99, big: 1e21, neg: -3 });
  });
});

/** A fetch that answers every request with `body` (status 200) and counts requests. */
function answering(body) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, calls };
}

describe("trigger ids of digits and dashes are read in every trigger answer", () => {
  test('triggerBroadcast resolves with id "5-37"', async () => {
    const { makeClient } = setup();
    const { fetch, calls } = answering({ id: "5-37" });
    const result = await makeClient({ fetch }).triggerBroadcast({ broadcast_id: 5, ids: ["a"] });
    assert.deepEqual(result, { id: "5-37" });
    assert.equal(calls.length, 1);
  });

  test('getTrigger and getTriggers read id "5-37" and integer ids alike', async () => {
    const { makeClient } = setup();
    const one = answering({ id: "5-37", broadcast_id: 5, created_at: T0_SECONDS });
    assert.equal((await makeClient({ fetch: one.fetch }).getTrigger({ broadcast_id: 5, trigger_id: "5-37" })).id, "5-37");
    const list = answering({ triggers: [{ id: "5-37" }, { id: 38 }] });
    const { triggers } = await makeClient({ fetch: list.fetch }).getTriggers({ broadcast_id: 5 });
    assert.deepEqual(triggers.map((t) => t.id), ["5-37", 38]);
  });

  test("a trigger id of another type is still invalid_response", async () => {
    const { makeClient } = setup();
    const { fetch } = answering({ id: true });
    const error = await rejects(makeClient({ fetch, retry: false }).triggerBroadcast({ broadcast_id: 5, ids: ["a"] }), "invalid_response");
    assert.match(error.message, /id has the wrong type/);
  });
});
