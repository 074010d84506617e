// customerio-mcp's command line: stdio by default, Streamable HTTP at /mcp with --http.
//
//   customerio-mcp [--sandbox] [--read-only] [--no-confirm] [--http [--port 3333] [--host 127.0.0.1]]
//   customerio-mcp --version | --help
//
// Environment: CUSTOMERIO_APP_API_KEY, CUSTOMERIO_REGION (us|eu), CUSTOMERIO_BASE_URL; over HTTP
// also MCP_AUTH_TOKEN (required to listen beyond loopback), MCP_ALLOWED_HOSTS and
// MCP_ALLOWED_ORIGINS (comma-separated, added to the loopback ones), MCP_MAX_BODY_BYTES.

import { createServer as createHttpServer } from "node:http";
import { parseArgs } from "node:util";
import { getRequestListener } from "@hono/node-server";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { clientFromEnv, listFromEnv, sandboxClient } from "./client.js";
import { createMcpHandler, DEFAULT_MAX_BODY_BYTES, sessionLimits } from "./http.js";
import { createServer, SERVER_VERSION } from "./server.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

const USAGE = `usage: customerio-mcp [--sandbox] [--read-only] [--no-confirm] [--http [--port 3333] [--host 127.0.0.1]]
       customerio-mcp --version | --help
  --sandbox     serve against the embedded offline sandbox (no account needed)
  --read-only   leave CUSTOMERIO_TRIGGER_BROADCAST and the CUSTOMERIO_SEND_* tools out
  --no-confirm  do not ask the user before a trigger (unattended use)
  --http        Streamable HTTP at http://<host>:<port>/mcp instead of stdio
  --version     print the version (customerio-mcp's package.json) and exit
  --help        print this and exit
environment: CUSTOMERIO_APP_API_KEY, CUSTOMERIO_REGION, CUSTOMERIO_BASE_URL, MCP_AUTH_TOKEN,
  MCP_ALLOWED_HOSTS, MCP_ALLOWED_ORIGINS, MCP_MAX_BODY_BYTES`;

function log(line) {
  process.stderr.write(`customerio-mcp: ${line}\n`);
}

export async function main(argv, env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sandbox: { type: "boolean", default: false },
      "read-only": { type: "boolean", default: false },
      "no-confirm": { type: "boolean", default: false },
      http: { type: "boolean", default: false },
      port: { type: "string", default: "3333" },
      host: { type: "string", default: "127.0.0.1" },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const cio = values.sandbox ? sandboxClient().cio : clientFromEnv(env);
  const options = { cio, readOnly: values["read-only"], confirm: !values["no-confirm"] };
  const what = `${values.sandbox ? "the embedded sandbox" : "Customer.io"}${options.readOnly ? ", read-only" : ""}`;
  if (!values.http) {
    const server = createServer(options);
    await server.connect(new StdioServerTransport());
    log(`serving over stdio against ${what}`);
    return;
  }
  await serveHttp({ ...values, env, options, what });
}

async function serveHttp({ host, port, env, options, what }) {
  const token = env.MCP_AUTH_TOKEN || undefined;
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(`refusing to listen on ${host} without MCP_AUTH_TOKEN: anyone who can reach it could use your Customer.io key; set MCP_AUTH_TOKEN or keep --host 127.0.0.1`);
  }
  const portNumber = Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) throw new Error(`--port must be 0 to 65535, got ${port}`);
  let bound = portNumber;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;
  const allowedHosts = () => [
    ...[hostInUrl, "127.0.0.1", "localhost", "[::1]"].map((h) => `${h}:${bound}`),
    ...listFromEnv(env.MCP_ALLOWED_HOSTS),
  ];
  const allowedOrigins = () => [
    ...[hostInUrl, "127.0.0.1", "localhost", "[::1]"].map((h) => `http://${h}:${bound}`),
    ...listFromEnv(env.MCP_ALLOWED_ORIGINS),
  ];
  const handler = createMcpHandler({
    makeServer: () => createServer(options),
    token,
    allowedHosts,
    allowedOrigins,
    maxBodyBytes: Number(env.MCP_MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES,
    ...sessionLimits(env),
  });
  const server = createHttpServer(getRequestListener(handler.handle));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(portNumber, host, resolve);
  });
  bound = server.address().port;
  log(`listening on http://${hostInUrl}:${bound}/mcp against ${what}${token ? " (bearer token required)" : ""}`);
  const stop = async () => {
    await handler.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
