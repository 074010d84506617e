// Shared by the MCP server tests: a sandbox served on 127.0.0.1 (so the test sees every request
// the server's client makes), and official SDK Clients connected over stdio (spawning the bin),
// Streamable HTTP, or any transport the test builds.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { createSandbox } from "customerio-wasm/sandbox";
import { serveSandbox } from "customerio-wasm/sandbox/server";

export { BROADCAST_ID, OUR_TOOLS, SEED_TOOLS, WORKFLOWS, WRITE_TOOLS, validCalls } from "../../tests/tools/calls.mjs";

export const BIN = fileURLToPath(new URL("../bin/customerio-mcp.js", import.meta.url));
export const API_KEY = "cio_mcp_test_SECRET_key_7f3a";

/** A sandbox over HTTP on 127.0.0.1; `triggers()` counts the trigger POSTs it received. */
export async function startSandbox() {
  const sandbox = createSandbox({ apiKey: API_KEY });
  const server = await serveSandbox(sandbox, { port: 0, host: "127.0.0.1" });
  const triggers = () => sandbox.requests.filter((r) => r.method === "POST" && /\/triggers$/.test(r.path));
  const sends = () => sandbox.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/send/"));
  return { sandbox, url: server.url, triggers, sends, close: () => server.close() };
}

/** The environment a server process gets: the sandbox as its Customer.io. */
export function serverEnv(sandboxUrl, extra = {}) {
  return { PATH: process.env.PATH, CUSTOMERIO_APP_API_KEY: API_KEY, CUSTOMERIO_BASE_URL: sandboxUrl, ...extra };
}

/**
 * A Client; with `elicit` it declares the elicitation capability and answers with
 * `elicit(params)`, recording every request in `client.elicitations`.
 */
export function makeClient({ elicit } = {}) {
  const client = new Client({ name: "customerio-mcp-test", version: "1.0.0" }, { capabilities: elicit ? { elicitation: {} } : {} });
  client.elicitations = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      client.elicitations.push(request.params);
      return elicit(request.params);
    });
  }
  return client;
}

/** A Client connected over stdio to a spawned `customerio-mcp` with `args`. */
export async function connectStdio({ args = [], env, elicit } = {}) {
  const client = makeClient({ elicit });
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, ...args], env, stderr: "pipe" });
  await client.connect(transport);
  return client;
}

/** A Client connected over Streamable HTTP to `url`, with `headers` on every request. */
export async function connectHttp(url, { headers = {}, elicit, fetch } = {}) {
  const client = makeClient({ elicit });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers }, ...(fetch ? { fetch } : {}) });
  await client.connect(transport);
  return client;
}

/** tools/call through the client (which checks structuredContent against the outputSchema after tools/list). */
export async function callVia(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.equal(result.content[0].type, "text");
  assert.equal(typeof result.structuredContent, "object", `${name}: every result carries structuredContent`);
  return result;
}

/** A bare JSON-RPC initialize POST, for the status checks (auth, Origin, Host). */
export function initializeBody() {
  return JSON.stringify({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  });
}

export const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };
