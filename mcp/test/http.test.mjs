// customerio-mcp --http (Node): the official SDK Client over Streamable HTTP at /mcp, against the
// sandbox on 127.0.0.1; then the endpoint's guards with raw requests: bearer token (401), Origin
// and Host (403, DNS rebinding protection), body size (413), sessions, and no listening beyond
// loopback without a token.
//
//   node --test mcp/test/http.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { spawnSync } from "node:child_process";
import { BIN, MCP_HEADERS, callVia, connectHttp, initializeBody, serverEnv, startSandbox } from "./helpers.mjs";
import { startHttpServer } from "./http-server.mjs";
import { defineSuite } from "./suite.mjs";

const TOKEN = "mcp-test-token-0d9c2b";
const AUTH = { authorization: `Bearer ${TOKEN}` };

defineSuite("Streamable HTTP (Node server)", {
  async connect({ sandboxUrl, readOnly, confirm = true, elicit }) {
    const args = [...(readOnly ? ["--read-only"] : []), ...(confirm ? [] : ["--no-confirm"])];
    const server = await startHttpServer({ args, env: serverEnv(sandboxUrl, { MCP_AUTH_TOKEN: TOKEN }) });
    try {
      const client = await connectHttp(server.url, { headers: AUTH, elicit });
      return { client, close: async () => { await client.close(); await server.close(); } };
    } catch (error) {
      await server.close();
      throw error;
    }
  },
});

const post = (url, headers = {}, body = initializeBody()) => fetch(url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body });

/** A POST with a Host header of our choosing (fetch does not let one set Host). */
function postWithHost(url, host, headers) {
  const target = new URL(url);
  const body = initializeBody();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { ...MCP_HEADERS, ...headers, host, "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the HTTP endpoint's guards", () => {
  let sandbox;
  let server;
  before(async () => {
    sandbox = await startSandbox();
    server = await startHttpServer({ env: serverEnv(sandbox.url, { MCP_AUTH_TOKEN: TOKEN, MCP_MAX_BODY_BYTES: "4096" }) });
  });
  after(async () => {
    await server?.close();
    await sandbox?.close();
  });

  test("a missing bearer token is 401 with WWW-Authenticate", async () => {
    const response = await post(server.url);
    assert.equal(response.status, 401);
    assert.match(response.headers.get("www-authenticate"), /^Bearer/);
  });

  test("a wrong bearer token is 401, and the SDK client cannot connect with it", async () => {
    assert.equal((await post(server.url, { authorization: "Bearer nope" })).status, 401);
    assert.equal((await post(server.url, { authorization: TOKEN })).status, 401, "the Bearer scheme is required");
    await assert.rejects(connectHttp(server.url, { headers: { authorization: "Bearer nope" } }));
  });

  test("the right token initializes a session", async () => {
    const response = await post(server.url, AUTH);
    assert.equal(response.status, 200);
    assert.ok(response.headers.get("mcp-session-id"));
    await response.body?.cancel();
  });

  test("a foreign Origin is refused, the server's own is accepted", async () => {
    const foreign = await post(server.url, { ...AUTH, origin: "https://evil.example" });
    assert.equal(foreign.status, 403);
    const own = await post(server.url, { ...AUTH, origin: new URL(server.url).origin });
    assert.equal(own.status, 200);
    await own.body?.cancel();
  });

  test("a foreign Host is refused (DNS rebinding)", async () => {
    assert.equal(await postWithHost(server.url, "attacker.example:80", AUTH), 403);
    assert.equal(await postWithHost(server.url, new URL(server.url).host, AUTH), 200);
  });

  test("a body over the limit is 413 and not parsed", async () => {
    const response = await post(server.url, AUTH, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { pad: "x".repeat(10_000) } }));
    assert.equal(response.status, 413);
  });

  test("an unknown session is 404; other paths are 404", async () => {
    assert.equal((await post(server.url, { ...AUTH, "mcp-session-id": "no-such-session" })).status, 404);
    assert.equal((await post(server.url.replace(/\/mcp$/, "/other"), AUTH)).status, 404);
  });

  test("the Customer.io key appears in no answer", async () => {
    const client = await connectHttp(server.url, { headers: AUTH });
    try {
      const result = await callVia(client, "CUSTOMERIO_GET_SEGMENT_DETAILS", { segment_id: 99_999 });
      assert.ok(!JSON.stringify(result).includes(serverEnv("").CUSTOMERIO_APP_API_KEY));
    } finally {
      await client.close();
    }
  });
});

describe("sessions expire and are capped per token", () => {
  let sandbox;
  let server;
  before(async () => {
    sandbox = await startSandbox();
    server = await startHttpServer({ env: serverEnv(sandbox.url, { MCP_AUTH_TOKEN: TOKEN, MCP_SESSION_IDLE_MS: "800", MCP_MAX_SESSIONS_PER_TOKEN: "3" }) });
  });
  after(async () => {
    await server?.close();
    await sandbox?.close();
  });

  const open = async () => {
    const response = await post(server.url, AUTH);
    assert.equal(response.status, 200);
    await response.body?.cancel();
    return response.headers.get("mcp-session-id");
  };
  const ping = async (session) => {
    const response = await post(server.url, { ...AUTH, "mcp-session-id": session }, JSON.stringify({ jsonrpc: "2.0", id: 2, method: "ping" }));
    await response.body?.cancel();
    return response.status;
  };

  test("a session idle for longer than MCP_SESSION_IDLE_MS is closed: 404, and the client initializes again", async () => {
    const session = await open();
    assert.equal(await ping(session), 200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.equal(await ping(session), 404);
    assert.ok(await open(), "a new session opens");
  });

  test("initializing far past the cap never locks a new client out; the least recently used sessions go", async () => {
    const sessions = [];
    for (let i = 0; i < 20; i++) sessions.push(await open());
    const [oldest, ...rest] = sessions.slice(-4);
    assert.equal(await ping(oldest), 404, "beyond 3 per token, the least recently used is closed");
    for (const session of rest) assert.equal(await ping(session), 200);
  });
});

describe("listening", () => {
  test("beyond loopback without MCP_AUTH_TOKEN is refused", () => {
    const run = spawnSync(process.execPath, [BIN, "--sandbox", "--http", "--host", "0.0.0.0", "--port", "0"], { env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 15_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /refusing to listen on 0\.0\.0\.0 without MCP_AUTH_TOKEN/);
  });

  test("on loopback without a token, with --sandbox, anyone local can try it", async () => {
    const server = await startHttpServer({ args: ["--sandbox"], env: { PATH: process.env.PATH } });
    try {
      const client = await connectHttp(server.url);
      const { tools } = await client.listTools();
      assert.ok(tools.length >= 10);
      await client.close();
    } finally {
      await server.close();
    }
  });
});
