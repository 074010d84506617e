// customerio-mcp/worker: the same MCP server as a Cloudflare Worker, Streamable HTTP at /mcp.
//
// Secrets (wrangler secret put): CUSTOMERIO_APP_API_KEY, MCP_AUTH_TOKEN (required: a Worker is
// public). Vars: CUSTOMERIO_REGION, CUSTOMERIO_BASE_URL, MCP_READ_ONLY ("true" leaves the trigger
// out), MCP_CONFIRM ("false" turns the confirmation off), MCP_ALLOWED_HOSTS and
// MCP_ALLOWED_ORIGINS (comma-separated; a request without Origin, i.e. not from a browser, passes;
// without MCP_ALLOWED_HOSTS any Host is accepted, the token being the guard), MCP_MAX_BODY_BYTES.
//
// Each MCP session lives in its own Durable Object (binding MCP_SESSION, class McpSession): the
// confirmation of a trigger is a server→client request answered by a second HTTP request, and a
// Worker may not touch one request's stream from another request's handler; a Durable Object
// serves every request of its session in one place. The Worker chooses the session id at
// initialize and routes by the mcp-session-id header after that.
//
// JSON Schema validation uses @cfworker/json-schema (Workers forbid the code generation Ajv
// uses): the SDK's CfWorkerJsonSchemaValidator.

import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { clientFromEnv, listFromEnv } from "./env.js";
import { createMcpHandler, DEFAULT_MAX_BODY_BYTES, guard, jsonRpcError, sessionLimits } from "./http.js";
import { createServer } from "./server.js";

/** The header by which the Worker tells a new session's Durable Object its id. */
const NEW_SESSION = "x-customerio-mcp-new-session";

function configError(env) {
  if (!env.MCP_AUTH_TOKEN) return jsonRpcError(500, "MCP_AUTH_TOKEN is not set: run `wrangler secret put MCP_AUTH_TOKEN` (a Worker is public)");
  if (!env.CUSTOMERIO_APP_API_KEY) return jsonRpcError(500, "CUSTOMERIO_APP_API_KEY is not set: run `wrangler secret put CUSTOMERIO_APP_API_KEY`");
  if (!env.MCP_SESSION) return jsonRpcError(500, "the MCP_SESSION Durable Object binding is missing: deploy with mcp/wrangler.jsonc");
  return null;
}

/** The guards' settings from the Worker's env. */
function guardsOf(env) {
  const hosts = listFromEnv(env.MCP_ALLOWED_HOSTS);
  return {
    token: env.MCP_AUTH_TOKEN,
    allowedHosts: () => (hosts.length > 0 ? hosts : null),
    allowedOrigins: () => listFromEnv(env.MCP_ALLOWED_ORIGINS),
  };
}

function makeHandler(env) {
  const options = {
    cio: clientFromEnv(env),
    readOnly: env.MCP_READ_ONLY === "true",
    confirm: env.MCP_CONFIRM !== "false",
    jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
  };
  return createMcpHandler({
    makeServer: () => createServer(options),
    ...guardsOf(env),
    maxBodyBytes: Number(env.MCP_MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES,
    ...sessionLimits(env),
    newSessionId: (request) => request.headers.get(NEW_SESSION) ?? crypto.randomUUID(),
  });
}

/** One MCP session: its SDK server and transport, every request of the session. */
export class McpSession {
  constructor(state, env) {
    this.env = env;
  }

  fetch(request) {
    this.handler ??= makeHandler(this.env);
    return this.handler.handle(request);
  }
}

export default {
  async fetch(request, env) {
    const problem = configError(env);
    if (problem) return problem;
    // Refused here too, so that no Durable Object is created for an unauthorized request.
    const refused = guard(request, guardsOf(env));
    if (refused) return refused;
    // The client never chooses a new session's id.
    const headers = new Headers(request.headers);
    headers.delete(NEW_SESSION);
    let session = request.headers.get("mcp-session-id");
    if (!session) {
      session = crypto.randomUUID();
      headers.set(NEW_SESSION, session);
    }
    const stub = env.MCP_SESSION.get(env.MCP_SESSION.idFromName(session));
    return stub.fetch(new Request(request, { headers }));
  },
};
