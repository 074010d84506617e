#!/usr/bin/env node
// Node adapter for the customerio-wasm sandbox: serves `sandbox.fetch` over node:http on
// 127.0.0.1. Run directly: `node server.js --port 4010 [--api-key K] [--seed N] [--cors]`
// (`--help` for the details).
//
// Over HTTP it defends itself as a local dev server should: a body larger than `maxBodyBytes`
// is a 413 (read no further), a `Host` that is not a loopback name is a 421 (a web page on a
// DNS-rebinding domain cannot reach it), and a method it does not serve is a 405 before any
// parsing. The request log of the sandbox itself is bounded (index.js).

import { createServer } from "node:http";
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createSandbox } from "./index.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};
/** The reference's limit on a whole trigger payload (25 MB): the default body cap. */
const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
const SERVED_METHODS = new Set(["GET", "POST"]);
const HOP_BY_HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"]);

/**
 * Serves a sandbox over HTTP on a loopback address. Port 0 picks a free port.
 * `log`, when given, receives one line per request. `cors: true` lets pages on any origin call
 * it (the real API does not: it answers CORS only to Customer.io's own app), e.g. the playground's
 * "Your endpoint" pointed at this server.
 * @param {{ fetch: (request: Request) => Promise<Response> }} sandbox
 * @param {{ port?: number, host?: string, log?: (line: string) => void, cors?: boolean, maxBodyBytes?: number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serveSandbox(sandbox, { port = 4010, host = "127.0.0.1", log, cors = false, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = {}) {
  if (!LOOPBACK_HOSTS.has(host)) {
    return Promise.reject(new Error(`the sandbox only listens on a loopback address, not "${host}"`));
  }
  let origin;
  const server = createServer((req, res) => {
    if (cors) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
      if (req.method === "OPTIONS") {
        res.writeHead(204).end();
        return;
      }
    }
    const refusal = refuse(req, maxBodyBytes);
    if (refusal !== null) {
      answerError(res, refusal, log, req);
      return;
    }
    handle(sandbox, req, res, origin, log, maxBodyBytes);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
      origin = `http://${hostInUrl}:${address.port}`;
      resolve({ url: origin, port: address.port, close: () => closeServer(server) });
    });
  });
}

/** An error answer in the API's JSON:API envelope, the connection closed after it. */
function answerError(res, { status, detail, headers = {} }, log, req) {
  res.writeHead(status, { "content-type": "application/json", connection: "close", ...headers });
  res.end(JSON.stringify({ errors: [{ detail, status: String(status) }] }));
  log?.(`${req.method} ${req.url} -> ${status} (${detail})`);
}

// What is refused before the body is read: a method not served, a Host that is not loopback
// (DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends Host: attacker.example),
// a declared Content-Length above the cap.
function refuse(req, maxBodyBytes) {
  if (!SERVED_METHODS.has(req.method)) {
    return { status: 405, detail: `method ${req.method} is not served: use GET or POST`, headers: { allow: "GET, POST" } };
  }
  const hostname = hostOf(req.headers.host);
  if (hostname === null || !LOOPBACK_HOSTS.has(hostname)) {
    return { status: 421, detail: "the Host header must name this loopback server (127.0.0.1, localhost or [::1]); other names are refused against DNS rebinding" };
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBodyBytes) return tooLarge(maxBodyBytes);
  return null;
}

function tooLarge(maxBodyBytes) {
  return { status: 413, detail: `request body is larger than ${maxBodyBytes} bytes` };
}

/** The host name of a Host header without its port ("[::1]:4010" → "::1"), or null. */
function hostOf(header) {
  if (typeof header !== "string" || header === "") return null;
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::\d+)?$/.exec(header);
  return match === null ? null : (match[1] ?? match[2]).toLowerCase();
}

function closeServer(server) {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

// One exchange: IncomingMessage → Request → sandbox.fetch → ServerResponse. A rejected fetch
// (the "drop" fault, or the client going away during a "hang") gets no answer: the socket is
// destroyed.
async function handle(sandbox, req, res, origin, log, maxBodyBytes) {
  const startedAt = Date.now();
  const clientGone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) clientGone.abort();
  });
  try {
    const request = await toRequest(req, origin, clientGone.signal, maxBodyBytes);
    if (request === null) {
      answerError(res, tooLarge(maxBodyBytes), log, req);
      return;
    }
    const response = await sandbox.fetch(request);
    const body = await response.text();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
    log?.(`${req.method} ${req.url} -> ${response.status} (${Date.now() - startedAt} ms)`);
  } catch (error) {
    req.socket.destroy();
    log?.(`${req.method} ${req.url} -> no answer: ${error?.message ?? error} (${Date.now() - startedAt} ms)`);
  }
}

// The Request for `req`, or null when its body turns out larger than `maxBodyBytes`.
async function toRequest(req, origin, signal, maxBodyBytes) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = req.method === "GET" ? "" : await readText(req, maxBodyBytes);
  if (body === null) return null;
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: body === "" ? undefined : body,
    signal,
  });
}

// The body as text, or null as soon as it exceeds `maxBytes` (the rest is not buffered).
async function readText(stream, maxBytes) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const HELP = `customerio-wasm sandbox: an offline Customer.io App API on 127.0.0.1.

Usage: node server.js [--port 4010] [--api-key KEY] [--seed N] [--cors]

  --port N         port on 127.0.0.1 (0 picks a free one; default 4010)
  --api-key KEY    the key it accepts as "Authorization: Bearer KEY" (default "sandbox-key")
  --seed N         seed of the generated workspace (default 42)
  --cors           answer CORS for every origin. Then ANY web page you open in a browser
                   can drive this sandbox: read its data and trigger its broadcasts with the
                   key above. Use it only for a page you trust, such as the playground.
  --help           this text
`;

function isRunDirectly() {
  if (process.argv[1] === undefined) return false;
  return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
}

async function main(args) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "4010" },
      "api-key": { type: "string" },
      seed: { type: "string" },
      cors: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const options = {};
  if (values["api-key"] !== undefined) options.apiKey = values["api-key"];
  if (values.seed !== undefined) {
    options.seed = Number(values.seed);
    if (!Number.isInteger(options.seed)) throw new Error(`--seed must be an integer, got "${values.seed}"`);
  }
  const sandbox = createSandbox(options);
  const { url } = await serveSandbox(sandbox, { port, cors: values.cors, log: (line) => console.log(line) });
  console.log(`customerio-wasm sandbox listening on ${url} (api key: ${sandbox.apiKey})`);
  if (values.cors) console.log("--cors: any web page open in your browser can call this sandbox");
}

if (isRunDirectly()) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`customerio-wasm sandbox: ${error.message}`);
    process.exit(1);
  });
}
