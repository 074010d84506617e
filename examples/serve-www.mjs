#!/usr/bin/env node
// A tiny static server for the www playground, on 127.0.0.1 only.
//
//   node examples/serve-www.mjs [--port 8080] [--sandbox-port 4010]   (0 picks a free port)
//
// Serves   /            → www/        (the playground page)
//          /pkg/        → pkg/        (the built npm package: run `make pkg` first)
//          /examples/   → examples/   (funnel.mjs, shared with the Node tour)
//
// `serveWww({ port })` does the same from code (tests) and resolves to { url, port, close }.

import { createServer } from "node:http";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import sirv from "sirv";

const HOST = "127.0.0.1";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** URL prefix → directory under the repository root; the longest prefix wins. */
const MOUNTS = [
  ["/pkg/", "pkg"],
  ["/examples/", "examples"],
  ["/", "www"],
];

/** One sirv handler per mount (sirv does types, HEAD, index.html and paths that climb out). */
const HANDLERS = MOUNTS.map(([prefix, dir]) => [prefix, sirv(path.join(ROOT, dir), {
  dev: true, // read the files on each request: `make pkg` may rebuild pkg/ while this runs
  dotfiles: false,
  setHeaders: (response) => {
    response.setHeader("cache-control", "no-store");
    response.setHeader("x-content-type-options", "nosniff");
  },
})]);

function handle(request, response) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    response.end("method not allowed\n");
    return;
  }
  const { pathname } = new URL(request.url, `http://${HOST}`);
  const mount = HANDLERS.find(([prefix]) => pathname.startsWith(prefix));
  if (mount === undefined) return notFound(response, pathname);
  const [prefix, serve] = mount;
  request.url = `/${request.url.slice(prefix.length)}`;
  serve(request, response, () => notFound(response, pathname));
}

function notFound(response, pathname) {
  const hint = pathname.startsWith("/pkg/") && !existsSync(path.join(ROOT, "pkg"))
    ? " (pkg/ is missing: run `make pkg`)"
    : "";
  response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  response.end(`not found: ${pathname}${hint}\n`);
}

/**
 * Starts the static server on 127.0.0.1.
 * @param {{ port?: number }} [options] port 0 picks a free port (default 8080)
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serveWww({ port = 8080 } = {}) {
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      const actual = server.address().port;
      resolve({
        url: `http://${HOST}:${actual}/`,
        port: actual,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

function parsePort(argv, flag, fallback) {
  const index = argv.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index === -1) return fallback;
  const raw = argv[index].includes("=") ? argv[index].split("=")[1] : argv[index + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${flag} must be a number from 0 to 65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** With --sandbox-port, the sandbox over HTTP beside the page (CORS open, so the page's "Your
 * endpoint" can use it as a stand-in for a proxy). */
async function serveHttpSandbox(argv) {
  const port = parsePort(argv, "--sandbox-port", undefined);
  if (port === undefined) return undefined;
  const { createSandbox } = await import("../pkg/sandbox/index.js");
  const { serveSandbox } = await import("../pkg/sandbox/server.js");
  const sandbox = createSandbox();
  const server = await serveSandbox(sandbox, { port, cors: true });
  console.log(`sandbox:    ${server.url} (api key: ${sandbox.apiKey}; use it under "Your endpoint")`);
  return server;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    const argv = process.argv.slice(2);
    const { url, close } = await serveWww({ port: parsePort(argv, "--port", 8080) });
    if (!existsSync(path.join(ROOT, "pkg", "entry-inline.js"))) {
      console.warn("warning: pkg/ is not built; run `make pkg` first");
    }
    console.log(`playground: ${url}`);
    const sandbox = await serveHttpSandbox(argv);
    const stop = () => Promise.all([close(), sandbox?.close()]).then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (error) {
    console.error(`serve-www: ${error.message}`);
    process.exit(1);
  }
}
