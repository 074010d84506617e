// The behaviour every transport must show, through the official SDK Client, against the sandbox
// over HTTP (so the test counts the requests the server's client made): initialize, tools/list,
// every tool once, the seed's six workflows, a refusal with nothing sent, read-only, and the
// trigger's confirmation by elicitation (accepted → sent once, declined → not sent).
//
// `transport.connect({ sandboxUrl, readOnly, confirm, elicit })` → { client, close }.

import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { BROADCAST_ID, OUR_TOOLS, SEED_TOOLS, WORKFLOWS, WRITE_TOOLS, callVia, startSandbox, validCalls } from "./helpers.mjs";

export function defineSuite(label, transport) {
  describe(`customerio-mcp over ${label}`, () => {
    let sandbox;
    let open = [];
    before(async () => {
      sandbox = await startSandbox();
    });
    after(() => sandbox.close());
    beforeEach(() => sandbox.sandbox.reset());
    afterEach(async () => {
      await Promise.all(open.map((c) => c.close()));
      open = [];
    });
    const connect = async (options = {}) => {
      const connection = await transport.connect({ sandboxUrl: sandbox.url, ...options });
      open.push(connection);
      return connection.client;
    };

    test("initialize names the server and offers tools", async () => {
      const client = await connect();
      assert.equal(client.getServerVersion().name, "customerio-mcp");
      assert.ok(client.getServerCapabilities().tools, "the tools capability");
    });

    test("tools/list has the seed's eight slugs and ours, with schemas and annotations", async () => {
      const client = await connect();
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name), [...SEED_TOOLS, ...OUR_TOOLS]);
      const trigger = tools.find((t) => t.name === "CUSTOMERIO_TRIGGER_BROADCAST");
      assert.equal(trigger.annotations.destructiveHint, true);
      assert.equal(trigger.inputSchema.oneOf.length, 6);
      assert.ok(tools.filter((t) => !WRITE_TOOLS.includes(t.name)).every((t) => t.annotations.readOnlyHint === true));
      assert.ok(tools.filter((t) => WRITE_TOOLS.includes(t.name)).every((t) => t.annotations.destructiveHint === true));
    });

    test("every tool called once with valid arguments answers from the workspace", async () => {
      const client = await connect();
      await client.listTools(); // the client checks structuredContent against outputSchema from here on
      for (const [name, args, check] of validCalls(sandbox.sandbox.workspace)) {
        const result = await callVia(client, name, args);
        assert.equal(result.isError ?? false, false, `${name}: ${result.content[0].text}`);
        check(result.structuredContent);
      }
      assert.equal(sandbox.triggers().length, 1, "the trigger was sent once");
      assert.equal(sandbox.sends().length, 3, "each send tool sent once");
    });

    for (const [name, run] of Object.entries(WORKFLOWS)) {
      test(`seed workflow ${name}`, async () => {
        const client = await connect();
        await client.listTools();
        await run((tool, args) => callVia(client, tool, args));
      });
    }

    test("two audiences are an isError result with code and field, and no request is made", async () => {
      const client = await connect();
      await client.listTools();
      const before = sandbox.sandbox.requests.length;
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1"], emails: ["a@example.com"] });
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent.code, "audience_conflict");
      assert.equal(result.structuredContent.field, "emails");
      assert.match(result.content[0].text, /Nothing was sent/);
      assert.equal(sandbox.sandbox.requests.length, before, "zero requests");
    });

    test("an API error is an isError result that passes the client's output check", async () => {
      const client = await connect();
      await client.listTools();
      const result = await callVia(client, "CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: 99_999 });
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent.status, 404);
    });

    test("read-only has no trigger or send tool, and calling them sends nothing", async () => {
      const client = await connect({ readOnly: true });
      const { tools } = await client.listTools();
      assert.ok(!tools.some((t) => WRITE_TOOLS.includes(t.name)));
      assert.equal(tools.length, SEED_TOOLS.length + OUR_TOOLS.length - WRITE_TOOLS.length);
      const email = await callVia(client, "CUSTOMERIO_SEND_EMAIL", { to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4 });
      assert.equal(email.structuredContent.code, "unknown_tool");
      assert.match(email.content[0].text, /read-only/);
      assert.equal(sandbox.sends().length, 0);
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1"] });
      assert.equal(result.isError, true);
      assert.equal(result.structuredContent.code, "unknown_tool");
      assert.match(result.content[0].text, /read-only/);
      assert.equal(sandbox.triggers().length, 0);
    });

    test("elicitation accepted: the user sees the broadcast and the audience in words, and it is sent once", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      await client.listTools();
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: { or: [{ segment: { id: 3 } }, { attribute: { field: "plan", operator: "eq", value: "pro" } }] } });
      assert.equal(result.isError ?? false, false, result.content[0].text);
      assert.equal(client.elicitations.length, 1);
      const asked = client.elicitations[0].message;
      assert.match(asked, new RegExp(`broadcast "Flash sale announcement" \\(id ${BROADCAST_ID}\\)`));
      assert.match(asked, /segment "VIP customers" \(id 3\)/);
      assert.match(asked, /plan is "pro"/);
      assert.equal(sandbox.triggers().length, 1, "sent once");
    });

    test("recipients sent as JSON text (the Inspector CLI's --tool-arg) is parsed before the confirmation names its segment", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      await client.listTools();
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: '{"segment":{"id":3}}' });
      assert.equal(result.isError ?? false, false, result.content[0].text);
      assert.match(client.elicitations[0].message, /segment "VIP customers" \(id 3\)/);
      assert.deepEqual(sandbox.triggers().map((r) => r.body.recipients), [{ segment: { id: 3 } }]);
    });

    test("a JSON-text argument that is not valid JSON is refused as text, before anyone is asked", async () => {
      const client = await connect({ elicit: () => assert.fail("not asked") });
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: "{segment: 3}" });
      assert.equal(result.structuredContent.code, "invalid_params");
      assert.equal(result.structuredContent.field, "recipients");
      assert.equal(client.elicitations.length, 0);
      assert.equal(sandbox.sandbox.requests.length, 0);
    });

    test("a send is confirmed like a trigger: what, which template, to whom; declined sends nothing", async () => {
      const client = await connect({ elicit: () => ({ action: "decline" }) });
      const result = await callVia(client, "CUSTOMERIO_SEND_EMAIL", { to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4 });
      assert.equal(client.elicitations.length, 1);
      assert.match(client.elicitations[0].message, /email "order confirmation" \(template 4\) to road@runner\.net/);
      assert.deepEqual([result.isError ?? false, result.structuredContent.sent], [false, false]);
      assert.equal(sandbox.sends().length, 0);
    });

    test("a send confirmed by the user goes out once; bad send arguments are refused before asking", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      const sms = await callVia(client, "CUSTOMERIO_SEND_SMS", { identifiers: { id: "cust_0001" }, transactional_message_id: "Shipping Update", to: "+15551234567" });
      assert.equal(sms.isError ?? false, false, sms.content[0].text);
      assert.match(client.elicitations[0].message, /SMS "shipping update" \(template 5\) to \+15551234567/);
      const bad = await callVia(client, "CUSTOMERIO_SEND_EMAIL", { to: "road@runner.net", identifiers: { id: "c1", email: "road@runner.net" }, transactional_message_id: 4 });
      assert.equal(bad.structuredContent.code, "audience_conflict");
      assert.equal(client.elicitations.length, 1, "not asked about refused arguments");
      assert.equal(sandbox.sends().length, 1);
    });

    test("elicitation shows every key of data, a long value cut with a marker and its full length", async () => {
      const client = await connect({ elicit: () => ({ action: "decline" }) });
      const filler = "x".repeat(300);
      await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1"], data: { filler, promo_link: "https://evil.example/claim" } });
      const asked = client.elicitations[0].message;
      assert.match(asked, /"filler": "x{199}… \[cut: 302 characters in all\]/);
      assert.match(asked, /"promo_link": "https:\/\/evil\.example\/claim"/);
      assert.match(asked, /\(2 keys\)/);
      assert.equal(sandbox.triggers().length, 0);
    });

    test("elicitation with ids says how many people", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1", "u2", "u3", "u4"] });
      assert.match(client.elicitations[0].message, /4 people by customer id \(u1, u2, u3, …\)/);
    });

    test("elicitation to one segment says how many people it holds", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: { segment: { id: 1 } } });
      const people = sandbox.sandbox.workspace.customers.length;
      assert.match(client.elicitations[0].message, new RegExp(`segment "All customers" \\(id 1\\): ${people} people`));
    });

    test("a segment size that cannot be read is shown as unknown and the trigger still goes", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: true } }) });
      sandbox.sandbox.inject({ kind: "status", status: 503, path: "/v1/segments/3/customer_count", times: 10 });
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, recipients: { segment: { id: 3 } } });
      assert.equal(result.isError ?? false, false, result.content[0].text);
      assert.match(client.elicitations[0].message, /segment "VIP customers" \(id 3\) \(number of people unknown: the size of segment 3 could not be read \(api_error 503\)\)/);
      assert.equal(sandbox.triggers().length, 1, "sent once");
    });

    test("elicitation declined: nothing is sent and the result says so", async () => {
      const client = await connect({ elicit: () => ({ action: "decline" }) });
      await client.listTools();
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1"] });
      assert.equal(result.isError ?? false, false, "a declined confirmation is not an error");
      assert.deepEqual([result.structuredContent.sent, result.structuredContent.action], [false, "decline"]);
      assert.match(result.content[0].text, /declined.*Nothing was sent/s);
      assert.equal(sandbox.triggers().length, 0);
    });

    test("elicitation accepted without confirm: true is not a yes", async () => {
      const client = await connect({ elicit: () => ({ action: "accept", content: { confirm: false } }) });
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, ids: ["u1"] });
      assert.equal(result.structuredContent.sent, false);
      assert.equal(sandbox.triggers().length, 0);
    });

    test("bad trigger arguments are refused before anyone is asked", async () => {
      const client = await connect({ elicit: () => assert.fail("not asked") });
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID });
      assert.equal(result.structuredContent.code, "missing_audience");
      assert.equal(client.elicitations.length, 0);
      assert.equal(sandbox.sandbox.requests.length, 0);
    });

    test("with confirmation turned off, a trigger is sent without asking", async () => {
      const client = await connect({ confirm: false, elicit: () => assert.fail("not asked") });
      const result = await callVia(client, "CUSTOMERIO_TRIGGER_BROADCAST", { broadcast_id: BROADCAST_ID, default_audience: true });
      assert.equal(result.isError ?? false, false, result.content[0].text);
      assert.equal(client.elicitations.length, 0);
      assert.equal(sandbox.triggers().length, 1);
    });
  });
}
