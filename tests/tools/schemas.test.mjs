// The generated tool schemas under real JSON Schema validators: every inputSchema compiles under
// Ajv's 2020-12 build (strict), every outputSchema under the draft-07 Ajv MCP clients use; the
// seed's example calls validate; and on a sample of invalid arguments the schema refuses what
// the client refuses (cio.prepare: validation only, nothing sent), except the rules listed in
// NOT_IN_SCHEMA, which no JSON Schema keyword can state.
//
//   node --test tests/tools/schemas.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv from "ajv";
import { CustomerIo } from "../../pkg/entry-node.js";
import { toolTable } from "../../pkg/tools-table.js";
import { tools } from "../../pkg/tools.js";

const ajv2020 = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
const validators = new Map(tools.map((t) => [t.name, ajv2020.compile(t.inputSchema)]));
const methodOf = new Map(toolTable.map((row) => [row.definition.name, row.operation]));
const cio = new CustomerIo({ apiKey: "schema-test-key", fetch: () => assert.fail("nothing is sent") });

function schemaAccepts(tool, args) {
  return validators.get(tool)(args);
}

/** The client's verdict, without sending: null when accepted, else the error code. */
function clientRefuses(tool, args) {
  try {
    cio.prepare(methodOf.get(tool), args);
    return null;
  } catch (error) {
    return error.code;
  }
}

const SEED_EXAMPLES = [
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, recipients: { segment: { id: 456 } }, data: { promo: "VIP20" } }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, ids: ["u1", "u2"], id_ignore_missing: true }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, emails: ["ada@example.com"], email_add_duplicates: false, email_ignore_missing: true }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, per_user_data: [{ id: "u1", data: { n: 1 } }, { email: "b@example.com" }] }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, data_file_url: "https://example.com/people.jsonl" }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, recipients: { and: [{ segment: { id: 1 } }, { not: { attribute: { field: "plan", operator: "eq", value: "free" } } }, { or: [{ attribute: { field: "vip", operator: "exists" } }] }] } }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, default_audience: true }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, recipients: { segment: { id: 4 } }, email_ignore_missing: true }],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 123, ids: ["u1"], email_add_duplicates: false }],
  ["CUSTOMERIO_GET_MESSAGES", { type: "email", metric: "opened", campaign_id: 5, start_ts: 1_700_000_000, end_ts: 1_700_600_000, limit: 100 }],
  ["CUSTOMERIO_GET_MESSAGES", { newsletter_id: 7, action_id: 9, start: "MTcwMDAwMDAwMA==", drafts: true, limit: 1000 }],
  ["CUSTOMERIO_GET_MESSAGES", {}],
  ["CUSTOMERIO_GET_MESSAGES", { start: "" }],
  ["CUSTOMERIO_GET_SEGMENTS", {}],
  ["CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: 3 }],
  ["CUSTOMERIO_LIST_NEWSLETTERS", { limit: 100, sort: "desc", start: "abc" }],
  ["CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES", {}],
  ["CUSTOMERIO_GET_TRIGGERS", { broadcast_id: 123 }],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 123, trigger_id: "456" }],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 123, trigger_id: "5-37" }],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 123, trigger_id: 456 }],
  ["CUSTOMERIO_GET_TRIGGER_ERRORS", { broadcast_id: 123, trigger_id: 456, start: 2, limit: 10 }],
  ["CUSTOMERIO_LIST_BROADCASTS", {}],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 123 }],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 123, period: "weeks", steps: 12, type: "email" }],
  ["CUSTOMERIO_GET_SEGMENT_SIZE", { segment_id: 3 }],
  ["CUSTOMERIO_GET_SEGMENT_MEMBERS", { segment_id: 3, limit: 30_000, start: "" }],
  ["CUSTOMERIO_NEWSLETTER_FUNNEL", { newsletter_id: 5, period: "days", steps: 0, type: "inbox" }],
  ["CUSTOMERIO_BROADCAST_ACTION_FUNNEL", { broadcast_id: 1, action_id: 2, type: "push" }],
  ["CUSTOMERIO_TRANSACTIONAL_FUNNEL", { transactional_id: 3, period: "months", steps: 121 }],
  ["CUSTOMERIO_BROADCAST_LINKS", { broadcast_id: 1, unique: false }],
  ["CUSTOMERIO_GET_MESSAGE", { message_id: "ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=" }],
];

// [tool, arguments, what is wrong]: refused by the client and by the schema.
const INVALID = [
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: ["a"], emails: ["a@example.com"] }, "two audiences"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { segment: { id: 1 } }, data_file_url: "https://x.io/f" }, "two audiences"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1 }, "no audience"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { ids: ["a"] }, "no broadcast_id"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 0, ids: ["a"] }, "broadcast_id 0"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1.5, ids: ["a"] }, "fractional id"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: [] }, "empty ids"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: Array.from({ length: 10_001 }, (_, i) => `u${i}`) }, "10 001 ids"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, emails: ["not-an-email"] }, "bad email"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, default_audience: false }, "default_audience false"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, data_file_url: "ftp://x.io/f" }, "ftp url"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: ["a"], email_ignore_missing: true }, "email flag with ids"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, emails: ["a@example.com"], id_ignore_missing: true }, "id flag with emails"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: {} }, "empty filter"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { and: [] } }, "empty and"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { segment: { id: 1 }, not: { segment: { id: 2 } } } }, "two keys in a node"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { segment: { id: "VIP" } } }, "segment by name"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { attribute: { field: "plan", operator: "eq" } } }, "eq without value"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { attribute: { field: "plan", operator: "exists", value: "x" } } }, "exists with value"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: { attribute: { field: "plan", operator: "gt", value: 3 } } }, "unknown operator"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, per_user_data: [{ id: "a", email: "a@example.com" }] }, "id and email in one entry"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, per_user_data: [{ data: {} }] }, "entry without id or email"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: ["a"], data: "promo" }, "data not an object"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: ["a"], broadcastId: 1 }, "unknown argument"],
  ["CUSTOMERIO_GET_MESSAGES", { start_ts: "2024-01-01T00:00:00Z" }, "ISO timestamp"],
  ["CUSTOMERIO_GET_MESSAGES", { start_ts: 1_700_000_000_000 }, "milliseconds"],
  ["CUSTOMERIO_GET_MESSAGES", { end_ts: -5 }, "negative timestamp"],
  ["CUSTOMERIO_GET_MESSAGES", { start_ts: 1_700_000_000.5 }, "fractional timestamp"],
  ["CUSTOMERIO_GET_MESSAGES", { limit: 0 }, "limit 0"],
  ["CUSTOMERIO_GET_MESSAGES", { limit: 5000 }, "limit 5000"],
  ["CUSTOMERIO_GET_MESSAGES", { type: "sms" }, "unknown type"],
  ["CUSTOMERIO_GET_MESSAGES", { metric: "read" }, "unknown metric"],
  ["CUSTOMERIO_GET_MESSAGES", { start: -1 }, "negative cursor"],
  ["CUSTOMERIO_GET_MESSAGES", { drafts: "yes" }, "drafts not boolean"],
  ["CUSTOMERIO_GET_MESSAGES", { campaign: 5 }, "unknown argument"],
  ["CUSTOMERIO_GET_SEGMENTS", { limit: 5 }, "no arguments taken"],
  ["CUSTOMERIO_GET_SEGMENT_DETAILS", {}, "no segment_id"],
  ["CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: "VIP customers" }, "segment name for id"],
  ["CUSTOMERIO_LIST_NEWSLETTERS", { limit: 101 }, "limit 101"],
  ["CUSTOMERIO_LIST_NEWSLETTERS", { sort: "newest" }, "unknown sort"],
  ["CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES", { page: 2 }, "no arguments taken"],
  ["CUSTOMERIO_GET_TRIGGERS", {}, "no broadcast_id"],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 1 }, "no trigger_id"],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 1, trigger_id: "abc" }, "letters in trigger_id"],
  ["CUSTOMERIO_GET_TRIGGER", { broadcast_id: 1, trigger_id: "0" }, "trigger_id 0"],
  ["CUSTOMERIO_GET_TRIGGER_ERRORS", { broadcast_id: 1, trigger_id: 2, limit: 0 }, "limit 0"],
  ["CUSTOMERIO_LIST_BROADCASTS", { limit: 5 }, "no arguments taken"],
  ["CUSTOMERIO_BROADCAST_FUNNEL", {}, "no broadcast_id"],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 1, period: "years" }, "unknown period"],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 1, steps: 200 }, "steps over 121"],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 1, type: "fax" }, "unknown channel"],
  ["CUSTOMERIO_GET_SEGMENT_SIZE", { segment_id: "vip" }, "a name for segment_id"],
  ["CUSTOMERIO_GET_SEGMENT_MEMBERS", { segment_id: 3, limit: 30_001 }, "limit over 30 000"],
  ["CUSTOMERIO_NEWSLETTER_FUNNEL", { newsletter_id: 5, type: "slack" }, "a channel newsletters do not have"],
  ["CUSTOMERIO_BROADCAST_ACTION_FUNNEL", { broadcast_id: 1 }, "no action_id"],
  ["CUSTOMERIO_TRANSACTIONAL_FUNNEL", { transactional_id: 3, type: "email" }, "no type on transactional metrics"],
  ["CUSTOMERIO_BROADCAST_LINKS", { broadcast_id: 1, type: "email" }, "no type on broadcast links"],
  ["CUSTOMERIO_GET_MESSAGE", { message_id: 43 }, "a number for message_id"],
  ["CUSTOMERIO_GET_MESSAGE", { message_id: "two words" }, "a space in message_id"],
];

const nested = (depth) => (depth === 0 ? { segment: { id: 1 } } : { not: nested(depth - 1) });

// What the client refuses and no JSON Schema keyword can state (kept in the descriptions).
const NOT_IN_SCHEMA = [
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, ids: ["a"], data: { blob: "x".repeat(50_001) } }, "data over 50 000 bytes of JSON"],
  ["CUSTOMERIO_GET_MESSAGES", { start_ts: 1_700_000_100, end_ts: 1_700_000_000 }, "start_ts after end_ts"],
  ["CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 1, recipients: nested(20) }, "a filter deeper than 16 levels"],
  ["CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 1, period: "hours", steps: 30 }, "steps over the period's own maximum (24 hours)"],
];

describe("the generated schemas", () => {
  test("every inputSchema compiles under JSON Schema 2020-12 (Ajv, strict)", () => {
    assert.equal(validators.size, tools.length);
    for (const tool of tools) assert.equal(typeof validators.get(tool.name), "function", tool.name);
  });

  test("every outputSchema compiles under the draft-07 validator MCP clients use", () => {
    const draft07 = new Ajv({ strict: false, allErrors: true });
    const withOutput = tools.filter((t) => t.outputSchema);
    assert.ok(withOutput.length >= 9, "the operation tools declare their answer");
    for (const tool of withOutput) {
      assert.equal(tool.outputSchema.type, "object", tool.name);
      draft07.compile(tool.outputSchema);
    }
  });

  test("every example call of the seed validates, under the schema and the client", () => {
    for (const [tool, args] of SEED_EXAMPLES) {
      assert.ok(schemaAccepts(tool, args), `${tool} ${JSON.stringify(args)}: ${ajv2020.errorsText(validators.get(tool).errors)}`);
      assert.equal(clientRefuses(tool, args), null, `${tool} ${JSON.stringify(args)}`);
    }
  });

  test("the schema refuses what the client refuses, on a sample of invalid arguments", () => {
    for (const [tool, args, what] of INVALID) {
      assert.notEqual(clientRefuses(tool, args), null, `the client refuses ${tool}: ${what}`);
      assert.equal(schemaAccepts(tool, args), false, `the schema refuses ${tool}: ${what}`);
    }
  });

  test("the rules a schema cannot express are refused by the client and listed", () => {
    for (const [tool, args, what] of NOT_IN_SCHEMA) {
      assert.notEqual(clientRefuses(tool, args), null, `the client refuses ${tool}: ${what}`);
      assert.equal(schemaAccepts(tool, args), true, `no schema keyword states: ${what}`);
    }
  });

  test("the trigger's audience is a oneOf of exactly one audience, default_audience among them", () => {
    const trigger = tools.find((t) => t.name === "CUSTOMERIO_TRIGGER_BROADCAST");
    assert.deepEqual(
      trigger.inputSchema.oneOf.map((branch) => branch.required),
      [["ids"], ["emails"], ["recipients"], ["per_user_data"], ["data_file_url"], ["default_audience"]],
    );
  });
});
