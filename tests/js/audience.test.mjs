// cio.countAudience(params): how many people a trigger reaches, known without sending, through
// the built package against the sandbox. Run: node --test tests/js/audience.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { rejects, setup } from "./helpers.mjs";

describe("countAudience", () => {
  test("a segment is its customer_count, read once", async () => {
    const { cio, sandbox } = setup();
    const counted = await cio.countAudience({ broadcast_id: 11, recipients: { segment: { id: 3 } } });
    const { count } = await cio.getSegmentCount({ segment_id: 3 });
    assert.deepEqual(counted, { audience: "recipients", count, segment_id: 3 });
    assert.deepEqual(sandbox.requests.map((r) => r.path), ["/v1/segments/3/customer_count", "/v1/segments/3/customer_count"]);
    assert.ok(sandbox.requests.every((r) => r.method === "GET"), "nothing is triggered");
  });

  test("ids, emails and per_user_data count each person once, without a request", async () => {
    const { cio, sandbox } = setup();
    assert.deepEqual(await cio.countAudience({ broadcast_id: 11, ids: ["a", "b", "a", "c"] }), { audience: "ids", count: 3, duplicates: 1 });
    assert.deepEqual(
      await cio.countAudience({ broadcast_id: 11, emails: ["Ada@Example.com", "ada@example.com", "bo@example.com"] }),
      { audience: "emails", count: 2, duplicates: 1 },
    );
    assert.deepEqual(
      await cio.countAudience({ broadcast_id: 11, per_user_data: [{ id: "u1" }, { email: "x@example.com" }, { id: "u1", data: { n: 2 } }] }),
      { audience: "per_user_data", count: 2, duplicates: 1 },
    );
    assert.equal(sandbox.requests.length, 0);
  });

  test("an attribute filter, a combination, a data file and the default audience are unknown, saying why", async () => {
    const { cio, sandbox } = setup();
    const cases = [
      [{ recipients: { attribute: { field: "plan", operator: "eq", value: "pro" } } }, "recipients", /attribute filter/],
      [{ recipients: { or: [{ segment: { id: 3 } }, { segment: { id: 4 } }] } }, "recipients", /combination/],
      [{ data_file_url: "https://example.com/people.jsonl" }, "data_file_url", /data file/],
      [{ default_audience: true }, "default_audience", /configured in Customer.io/],
    ];
    for (const [audience, kind, why] of cases) {
      const counted = await cio.countAudience({ broadcast_id: 11, ...audience });
      assert.equal(counted.audience, kind);
      assert.equal(counted.count, null);
      assert.match(counted.reason, why);
    }
    assert.equal(sandbox.requests.length, 0);
  });

  test("a count that cannot be had (429, 5xx) is unknown with the error, never a rejection", async () => {
    const { cio, sandbox } = setup({ client: { retry: false } });
    sandbox.inject({ kind: "status", status: 429, path: "/v1/segments/3/customer_count", retryAfter: 1 });
    const limited = await cio.countAudience({ broadcast_id: 11, recipients: { segment: { id: 3 } } });
    assert.equal(limited.count, null);
    assert.equal(limited.segment_id, 3);
    assert.deepEqual([limited.error.code, limited.error.status], ["rate_limited", 429]);
    sandbox.inject({ kind: "status", status: 503, path: "/v1/segments/3/customer_count" });
    const down = await cio.countAudience({ broadcast_id: 11, recipients: { segment: { id: 3 } } });
    assert.deepEqual([down.count, down.error.code, down.error.status], [null, "api_error", 503]);
    assert.match(down.reason, /could not be read/);
  });

  test("trigger parameters the trigger would refuse are refused the same way", async () => {
    const { cio, sandbox } = setup();
    await rejects(cio.countAudience({ broadcast_id: 11, ids: ["a"], emails: ["b@example.com"] }), "audience_conflict");
    await rejects(cio.countAudience({ broadcast_id: 11 }), "missing_audience");
    await rejects(cio.countAudience({ broadcast_id: 11, recipients: { segment: { id: "x" } } }), "invalid_params", "recipients.segment.id");
    assert.equal(sandbox.requests.length, 0);
  });
});
