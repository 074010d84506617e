// customerio-wasm/tools through callTool against the sandbox in-process: every tool once with
// valid arguments (answer checked, structuredContent valid under the tool's outputSchema), the
// seed's workflows, and every kind of failure as an isError result with nothing sent.
//
//   node --test tests/tools/call.test.mjs

import { beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import Ajv from "ajv";
import { callTool, nearestTool, parseJsonArguments, tools } from "../../pkg/tools.js";
import { API_KEY, setup } from "../js/helpers.mjs";
import { OUR_TOOLS, SEED_TOOLS, WORKFLOWS, validCalls } from "./calls.mjs";

const draft07 = new Ajv({ strict: false, allErrors: true });
const outputCheck = new Map(tools.filter((t) => t.outputSchema).map((t) => [t.name, draft07.compile(t.outputSchema)]));

function assertOutputValid(name, result) {
  const check = outputCheck.get(name);
  if (check) assert.ok(check(result.structuredContent), `${name} structuredContent vs outputSchema: ${draft07.errorsText(check.errors)}`);
}

let env;
beforeEach(() => {
  env = setup();
});

const call = async (name, args, options) => {
  const result = await callTool(env.cio, name, args, options);
  assert.equal(typeof result.content[0].text, "string");
  assert.equal(typeof result.structuredContent, "object", "every result carries structuredContent");
  assertOutputValid(name, result);
  return result;
};

describe("the tool list", () => {
  test("has the seed's eight slugs first, then ours, each with schemas and annotations", () => {
    assert.deepEqual(tools.map((t) => t.name), [...SEED_TOOLS, ...OUR_TOOLS]);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, "object");
      assert.ok(tool.title && tool.description.length > 20, tool.name);
      assert.equal(typeof tool.annotations.readOnlyHint, "boolean");
    }
    for (const name of OUR_TOOLS) assert.match(tools.find((t) => t.name === name).description, /addition/);
  });
});

describe("every tool called once with valid arguments", () => {
  for (const [name, args, check] of validCalls(setup().sandbox.workspace)) {
    test(`${name} answers from the workspace`, async () => {
      const result = await call(name, args);
      assert.equal(result.isError, false, result.content[0].text);
      check(result.structuredContent);
      assert.ok(result.content[0].text.length > 0);
    });
  }
});

describe("the seed's workflows as tool calls", () => {
  for (const [name, run] of Object.entries(WORKFLOWS)) {
    test(name, () => run(call));
  }
});

describe("failures are isError results, never exceptions", () => {
  test("two audiences are refused with code and field, and nothing is sent", async () => {
    const result = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, ids: ["u1"], emails: ["a@example.com"] });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.code, "audience_conflict");
    assert.equal(result.structuredContent.field, "emails");
    assert.match(result.content[0].text, /exactly one audience.*Nothing was sent/s);
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("an ISO timestamp is refused with a hint in seconds", async () => {
    const result = await call("CUSTOMERIO_GET_MESSAGES", { start_ts: "2026-01-01T00:00:00Z" });
    assert.equal(result.structuredContent.code, "invalid_timestamp");
    assert.equal(result.structuredContent.field, "start_ts");
    assert.match(result.structuredContent.message, /1767225600/);
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("an API error carries its status", async () => {
    const result = await call("CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: 99_999 });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.code, "not_found");
    assert.equal(result.structuredContent.status, 404);
  });

  test("a 429 carries retryAfterMs", async () => {
    env = setup({ client: { retry: false } });
    env.sandbox.inject({ kind: "status", path: "/v1/segments", status: 429, retryAfter: "7" });
    const result = await call("CUSTOMERIO_GET_SEGMENTS", {});
    assert.equal(result.structuredContent.code, "rate_limited");
    assert.equal(result.structuredContent.retryAfterMs, 7000);
    assert.match(result.content[0].text, /Retry in 7 s/);
  });

  test("a wrong key is unauthorized and the key appears nowhere in the result", async () => {
    const cio = env.makeClient({ apiKey: "cio_WRONG_secret_key_123" });
    const result = await callTool(cio, "CUSTOMERIO_GET_SEGMENTS", {});
    assert.equal(result.structuredContent.code, "unauthorized");
    assert.ok(!JSON.stringify(result).includes("cio_WRONG_secret_key_123"));
    assert.ok(!JSON.stringify(result).includes(API_KEY));
  });

  test("an unknown tool name names the nearest tool", async () => {
    const result = await callTool(env.cio, "CUSTOMERIO_GET_SEGMENT", {});
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.code, "unknown_tool");
    assert.equal(result.structuredContent.nearest, "CUSTOMERIO_GET_SEGMENTS");
    assert.match(result.content[0].text, /did you mean "CUSTOMERIO_GET_SEGMENTS"/);
  });

  test("nearestTool suggests among every tool, or among the names a server offers", () => {
    assert.equal(nearestTool("customerio_get_segment"), "CUSTOMERIO_GET_SEGMENTS");
    assert.equal(nearestTool("CUSTOMERIO_TRIGGER_BROADCAST", ["CUSTOMERIO_GET_TRIGGERS", "CUSTOMERIO_GET_SEGMENTS"]), "CUSTOMERIO_GET_TRIGGERS");
  });

  test("arguments that are not an object are refused", async () => {
    const result = await call("CUSTOMERIO_GET_SEGMENTS", ["x"]);
    assert.equal(result.structuredContent.code, "invalid_params");
    assert.equal(result.structuredContent.field, "arguments");
  });

  test("an unknown argument is refused with the nearest name", async () => {
    const result = await call("CUSTOMERIO_GET_MESSAGES", { limt: 5 });
    assert.equal(result.structuredContent.code, "invalid_params");
    assert.equal(result.structuredContent.field, "limt");
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("an aborted call is an aborted result", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await call("CUSTOMERIO_GET_SEGMENTS", {}, { signal: controller.signal });
    assert.equal(result.structuredContent.code, "aborted");
  });
});

describe("CUSTOMERIO_BROADCAST_FUNNEL", () => {
  test("sums the broadcast's metric series over the steps, with rates of attempted and of the step before", async () => {
    const { metric } = await env.cio.getBroadcastMetrics({ broadcast_id: 11, period: "months", steps: 12 });
    env.sandbox.reset();
    const result = await call("CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 11, period: "months", steps: 12 });
    const total = (name) => (metric.series[name] ?? []).reduce((a, b) => a + b, 0);
    for (const step of result.structuredContent.funnel) assert.equal(step.count, total(step.metric), step.metric);
    const [attempted, sent] = result.structuredContent.funnel;
    assert.equal(sent.rate_of_previous, Math.round((sent.count / attempted.count) * 10_000) / 10_000);
    assert.equal(attempted.rate_of_previous, null);
    assert.match(result.content[0].text, /attempted: \d+ \(100\.0% of attempted\)/);
    assert.equal(env.sandbox.requests.length, 1, "one call of the metrics");
  });

  test("a period the API does not know is refused without a request", async () => {
    const result = await call("CUSTOMERIO_BROADCAST_FUNNEL", { broadcast_id: 11, period: "years" });
    assert.equal(result.structuredContent.code, "invalid_params");
    assert.equal(result.structuredContent.field, "period");
    assert.equal(env.sandbox.requests.length, 0);
  });
});

describe("CUSTOMERIO_FIND_SEGMENTS", () => {
  test("without a match it offers the nearest names with their ids", async () => {
    const result = await call("CUSTOMERIO_FIND_SEGMENTS", { name: "VIP customer list" });
    assert.equal(result.isError, false);
    assert.deepEqual(result.structuredContent.matches, []);
    assert.equal(result.structuredContent.nearest[0].name, "VIP customers");
    assert.match(result.content[0].text, /Nearest: VIP customers \(id 3\)/);
  });

  test("a missing or empty name is refused without a request", async () => {
    for (const args of [{}, { name: " " }, { name: 5 }]) {
      const result = await call("CUSTOMERIO_FIND_SEGMENTS", args);
      assert.equal(result.structuredContent.code, "invalid_params", JSON.stringify(args));
      assert.equal(result.structuredContent.field, "name");
    }
    const typo = await call("CUSTOMERIO_FIND_SEGMENTS", { nme: "vip" });
    assert.equal(typo.structuredContent.field, "nme");
    assert.match(typo.structuredContent.message, /did you mean "name"/);
    assert.equal(env.sandbox.requests.length, 0);
  });
});

describe("an object or array argument given as JSON text (what the MCP Inspector CLI's --tool-arg sends)", () => {
  const triggerBodies = () => env.sandbox.requests.filter((r) => r.method === "POST" && /\/triggers$/.test(r.path)).map((r) => r.body);

  test("recipients as JSON text is parsed and sent as the filter object", async () => {
    const result = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: '{"segment":{"id":3}}' });
    assert.equal(result.isError, false, result.content[0].text);
    assert.deepEqual(triggerBodies(), [{ recipients: { segment: { id: 3 } } }]);
  });

  test("ids as JSON text is parsed and sent as the list", async () => {
    const result = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, ids: ' ["u1", "u2"] ' });
    assert.equal(result.isError, false, result.content[0].text);
    assert.deepEqual(triggerBodies()[0].ids, ["u1", "u2"]);
  });

  test("the parsed value is validated like any other: a bad filter in JSON text is refused, nothing sent", async () => {
    const asText = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: '{"segment":{"id":"three"}}' });
    const asObject = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: { segment: { id: "three" } } });
    assert.equal(asText.isError, true);
    assert.deepEqual(asText.structuredContent, asObject.structuredContent);
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("text that is not JSON stays text and is refused with the client's usual message", async () => {
    const result = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: "segment 3" });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.code, "invalid_params");
    assert.equal(result.structuredContent.field, "recipients");
    let refused;
    try {
      env.cio.prepare("triggerBroadcast", { broadcast_id: 11, recipients: "segment 3" });
    } catch (error) {
      refused = error;
    }
    assert.equal(result.structuredContent.message, refused?.message);
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("JSON text of the wrong kind stays text: an array where an object is expected is refused", async () => {
    const result = await call("CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, recipients: '[{"segment":{"id":3}}]' });
    assert.equal(result.structuredContent.code, "invalid_params");
    assert.equal(result.structuredContent.field, "recipients");
    assert.equal(env.sandbox.requests.length, 0);
  });

  test("an argument whose schema wants a string is never parsed", async () => {
    const result = await call("CUSTOMERIO_FIND_SEGMENTS", { name: '{"id":3}' });
    assert.equal(result.isError, false);
    assert.equal(result.structuredContent.query, '{"id":3}');
  });

  test("parseJsonArguments returns a new object and leaves the caller's as it was", () => {
    const args = { broadcast_id: 11, data: '{"sale":true}', recipients: '{"segment":{"id":3}}' };
    const parsed = parseJsonArguments("CUSTOMERIO_TRIGGER_BROADCAST", args);
    assert.deepEqual(parsed, { broadcast_id: 11, data: { sale: true }, recipients: { segment: { id: 3 } } });
    assert.equal(args.data, '{"sale":true}');
    const untouched = { broadcast_id: 11, ids: ["u1"] };
    assert.equal(parseJsonArguments("CUSTOMERIO_TRIGGER_BROADCAST", untouched), untouched);
    assert.equal(parseJsonArguments("NO_SUCH_TOOL", args), args);
  });
});

describe("CUSTOMERIO_TRIGGER_BROADCAST after a lost answer (unknown_outcome): the trigger list settles it", () => {
  // The sandbox on the real clock: the tool's window is the call's own time.
  const realClock = () => setup({ sandbox: { now: () => Date.now() }, client: { spacing: false } });
  const trigger = (e) => callTool(e.cio, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: 11, ids: ["u1"] });

  test("created and then answered 503: a success with the trigger found in the list", async () => {
    const e = realClock();
    e.sandbox.inject({ kind: "status", status: 503, applied: true, path: "/v1/campaigns/11/triggers" });
    const result = await trigger(e);
    assert.equal(result.isError, false, result.content[0].text);
    const created = e.sandbox.workspace.triggers.at(-1);
    assert.deepEqual(result.structuredContent, { id: created.id });
    assert.match(result.content[0].text, /answer was lost.*trigger list shows trigger \d+.*Do not trigger it again/s);
    assertOutputValid("CUSTOMERIO_TRIGGER_BROADCAST", result);
  });

  test("refused with a 500 before acting: isError, settled none, and told to look again before any resend", async () => {
    const e = realClock();
    e.sandbox.inject({ kind: "status", status: 500, path: "/v1/campaigns/11/triggers" });
    const result = await trigger(e);
    assert.equal(result.isError, true);
    assert.deepEqual([result.structuredContent.code, result.structuredContent.settled], ["unknown_outcome", "none"]);
    assert.match(result.content[0].text, /no trigger created since the call started.*again in a minute/s);
  });

  test("the list unreachable: isError, it cannot tell, check before triggering again", async () => {
    const e = realClock();
    e.sandbox.inject({ kind: "status", status: 500, path: "/v1/campaigns/11/triggers" });
    e.sandbox.inject({ kind: "status", status: 404, path: "/v1/broadcasts/11/triggers" });
    const result = await trigger(e);
    assert.deepEqual([result.structuredContent.code, result.structuredContent.settled], ["unknown_outcome", "unreachable"]);
    assert.match(result.content[0].text, /could not be read \(not_found\).*check CUSTOMERIO_GET_TRIGGERS/s);
  });
});
