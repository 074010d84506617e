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
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HOST = "127.0.0.1";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** URL prefix → directory under the repository root; the longest prefix wins. */
const MOUNTS = [
  ["/pkg/", "pkg"],
  ["/examples/", "examples"],
  ["/", "www"],
];

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Maps a request path to a file inside one of the mounts, or null (outside, malformed). */
export function resolvePath(urlPath, root = ROOT) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  for (const [prefix, dir] of MOUNTS) {
    if (!decoded.startsWith(prefix) && decoded !== prefix.slice(0, -1)) continue;
    const base = path.join(root, dir);
    const rest = decoded.slice(prefix.length);
    const file = path.resolve(base, `.${path.posix.sep}${rest}`);
    if (file !== base && !file.startsWith(base + path.sep)) return null;
    return file;
  }
  return null;
}

async function handle(request, response) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    response.end("method not allowed\n");
    return;
  }
  const { pathname } = new URL(request.url, `http://${HOST}`);
  let file = resolvePath(pathname);
  if (file === null) return notFound(response, pathname);
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) {
        response.writeHead(301, { location: `${pathname}/` });
        response.end();
        return;
      }
      file = path.join(file, "index.html");
      info = await stat(file);
    }
    if (!info.isFile()) return notFound(response, pathname);
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    response.end(request.method === "HEAD" ? undefined : body);
  } catch (error) {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return notFound(response, pathname);
    response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    response.end(`error: ${error.message}\n`);
  }
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
  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.destroy(error);
    });
  });
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
