// Streamable HTTP at /mcp as a web-standard handler (Request → Response), shared by the Node
// server and the Worker: the checks an MCP endpoint needs before the SDK transport sees a
// request, then one SDK server and transport per session (sessions let the server ask the
// client for a confirmation in the middle of a tool call).
//
// Checks, in order: the path; Host against the allowed hosts and Origin against the allowed
// origins (DNS rebinding protection: a page on another site must not reach a local server); the
// bearer token when one is set; the body size (the SDK transport's maxRequestBodySize, 413).
// SDK: WebStandardStreamableHTTPServerTransport (@modelcontextprotocol/sdk 1.32, which asks for
// host/origin checks as middleware: its own options for them are deprecated).

import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { sameSecret } from "customerio-wasm/server";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Every session of the server, whatever its token: a backstop (the per-token cap comes first). */
const MAX_SESSIONS = 1000;
/** A session not used for this long is closed; its client gets 404 and initializes again. */
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
/** Sessions one bearer token may hold; a new one closes that token's least recently used. */
export const DEFAULT_MAX_SESSIONS_PER_TOKEN = 100;

/** MCP_SESSION_IDLE_MS and MCP_MAX_SESSIONS_PER_TOKEN from an env, where set to positive numbers. */
export function sessionLimits(env) {
  const idle = Number(env.MCP_SESSION_IDLE_MS);
  const perToken = Number(env.MCP_MAX_SESSIONS_PER_TOKEN);
  return {
    ...(idle > 0 ? { sessionIdleMs: idle } : {}),
    ...(Number.isInteger(perToken) && perToken > 0 ? { maxSessionsPerToken: perToken } : {}),
  };
}

/** A JSON-RPC error answer with no id (the request never reached a session), for both transports. */
export function jsonRpcError(status, message, headers = {}) {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/**
 * The checks before a request reaches a session: the path, Host, Origin, bearer token. Returns
 * the refusal, or null when the request may go on.
 */
export function guard(request, { token, allowedHosts = () => null, allowedOrigins = () => [], path = "/mcp" }) {
  const url = new URL(request.url);
  if (url.pathname !== path) return jsonRpcError(404, `Not found: the MCP endpoint is ${path}`);
  const hosts = allowedHosts();
  const host = request.headers.get("host") ?? url.host;
  if (hosts && !hosts.includes(host)) return jsonRpcError(403, `Host "${host}" is not allowed`);
  const origin = request.headers.get("origin");
  if (origin && !allowedOrigins().includes(origin)) return jsonRpcError(403, `Origin "${origin}" is not allowed`);
  if (token && !sameSecret(request.headers.get("authorization") ?? "", `Bearer ${token}`)) {
    return jsonRpcError(401, "Unauthorized: send Authorization: Bearer <MCP_AUTH_TOKEN>", { "www-authenticate": 'Bearer realm="customerio-mcp"' });
  }
  return null;
}

/**
 * The /mcp handler.
 * - `makeServer()`: a new SDK Server for a new session.
 * - `token`: when set, `Authorization: Bearer <token>` is required (401 otherwise).
 * - `allowedHosts()`: the Host values accepted (e.g. "127.0.0.1:3333"), or null for any.
 * - `allowedOrigins()`: the Origin values accepted; a request without Origin (not a browser) passes.
 * - `newSessionId(request)`: the id of a session being initialized (the Worker chooses it before
 *   routing the request to the session's Durable Object).
 * - `sessionIdleMs`: a session unused this long is closed (its client gets 404 and initializes
 *   again, as the MCP spec asks of a client whose session is gone).
 * - `maxSessionsPerToken`: sessions per bearer token (per Authorization value; one bucket when no
 *   token is set); a new session beyond it closes that token's least recently used one, so that a
 *   client opening sessions without closing them cannot lock others out.
 * - `now()`: the clock, in milliseconds.
 */
export function createMcpHandler({
  makeServer, token, allowedHosts = () => null, allowedOrigins = () => [], maxBodyBytes = DEFAULT_MAX_BODY_BYTES, path = "/mcp",
  newSessionId = () => crypto.randomUUID(), sessionIdleMs = DEFAULT_SESSION_IDLE_MS, maxSessionsPerToken = DEFAULT_MAX_SESSIONS_PER_TOKEN,
  now = () => Date.now(),
}) {
  /** id → { transport, owner, usedAt }, in order of last use (a Map keeps insertion order). */
  const sessions = new Map();

  function touch(id, entry) {
    entry.usedAt = now();
    sessions.delete(id);
    sessions.set(id, entry);
  }

  async function drop(id) {
    const entry = sessions.get(id);
    sessions.delete(id);
    await entry?.transport.close().catch(() => {});
  }

  /** Closes the sessions idle for longer than sessionIdleMs (the oldest come first). */
  async function expire() {
    const cutoff = now() - sessionIdleMs;
    for (const [id, entry] of sessions) {
      if (entry.usedAt > cutoff) break;
      await drop(id);
    }
  }

  /** Makes room for one more session of `owner`: closes its least recently used ones past the cap. */
  async function makeRoom(owner) {
    const mine = [...sessions].filter(([, entry]) => entry.owner === owner);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - maxSessionsPerToken + 1))) await drop(id);
  }

  async function newSession(request, owner) {
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => newSessionId(request),
      onsessioninitialized: (id) => sessions.set(id, { transport, owner, usedAt: now() }),
      onsessionclosed: (id) => sessions.delete(id),
      maxRequestBodySize: maxBodyBytes,
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await makeServer().connect(transport);
    return transport;
  }

  async function handle(request) {
    const refused = guard(request, { token, allowedHosts, allowedOrigins, path });
    if (refused) return refused;
    await expire();
    const sessionId = request.headers.get("mcp-session-id");
    if (sessionId) {
      const entry = sessions.get(sessionId);
      if (!entry) return jsonRpcError(404, "Session not found (closed, or expired after being idle): initialize a new one");
      touch(sessionId, entry);
      return entry.transport.handleRequest(request);
    }
    if (request.method !== "POST") return jsonRpcError(400, "No mcp-session-id: initialize with a POST first");
    const owner = request.headers.get("authorization") ?? "";
    await makeRoom(owner);
    if (sessions.size >= MAX_SESSIONS) return jsonRpcError(503, "Too many open sessions; close one (DELETE /mcp) and retry", { "retry-after": "60" });
    const transport = await newSession(request, owner);
    const response = await transport.handleRequest(request);
    // A POST that did not initialize a session leaves nothing behind.
    if (!transport.sessionId) await transport.close();
    return response;
  }

  async function close() {
    await Promise.all([...sessions.values()].map((entry) => entry.transport.close()));
    sessions.clear();
  }

  return { handle, close, sessions };
}
