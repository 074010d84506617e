#!/usr/bin/env node
// Node adapter for the customerio-wasm sandbox: serves `sandbox.fetch` over node:http on
// 127.0.0.1. Run directly: `node server.js --port 4010 [--api-key K] [--seed N] [--cors]`.

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
const HOP_BY_HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"]);

/**
 * Serves a sandbox over HTTP on a loopback address. Port 0 picks a free port.
 * `log`, when given, receives one line per request. `cors: true` lets pages on any origin call
 * it (the real API does not: it answers CORS only to Customer.io's own app), e.g. the playground's
 * "Your endpoint" pointed at this server.
 * @param {{ fetch: (request: Request) => Promise<Response> }} sandbox
 * @param {{ port?: number, host?: string, log?: (line: string) => void, cors?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serveSandbox(sandbox, { port = 4010, host = "127.0.0.1", log, cors = false } = {}) {
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
    handle(sandbox, req, res, origin, log);
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

function closeServer(server) {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

// One exchange: IncomingMessage → Request → sandbox.fetch → ServerResponse. A rejected fetch
// (the "drop" fault, or the client going away during a "hang") gets no answer: the socket is
// destroyed.
async function handle(sandbox, req, res, origin, log) {
  const startedAt = Date.now();
  const clientGone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) clientGone.abort();
  });
  try {
    const request = await toRequest(req, origin, clientGone.signal);
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

async function toRequest(req, origin, signal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = req.method === "GET" || req.method === "HEAD" ? "" : await readText(req);
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: body === "" ? undefined : body,
    signal,
  });
}

async function readText(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

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
    },
  });
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
}

if (isRunDirectly()) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`customerio-wasm sandbox: ${error.message}`);
    process.exit(1);
  });
}
