// A page cursor reaches the caller as the string the next request's `start` takes, whatever
// JSON type the API used for it (the answer shape's `cursor` kind, src/wire/shape.rs), so the
// generated types can promise `next: string`. Run: node --test tests/js/cursor.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup } from "./helpers.mjs";

/** A fetch that answers every request with `body` (status 200). */
const answering = (body) => async () =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

test("a messages page whose next the API sent as a number gives next as its string", async () => {
  const { makeClient } = setup();
  const page = await makeClient({ fetch: answering({ messages: [], next: 12 }) }).getMessages({});
  assert.equal(page.next, "12");
});

test("a string cursor and a null cursor are passed on as sent", async () => {
  const { makeClient } = setup();
  assert.equal((await makeClient({ fetch: answering({ newsletters: [], next: "MTI=" }) }).listNewsletters()).next, "MTI=");
  assert.equal((await makeClient({ fetch: answering({ identifiers: [], next: null }) }).getSegmentMembership({ segment_id: 3 })).next, null);
});

test("a trigger's errors keep their integer offset as a number", async () => {
  const { makeClient } = setup();
  const page = await makeClient({ fetch: answering({ errors: ["line 3: bad"], next: 40 }) }).getTriggerErrors({ broadcast_id: 5, trigger_id: 1 });
  assert.equal(page.next, 40);
});
