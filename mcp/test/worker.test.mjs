// customerio-mcp/worker in workerd (Miniflare): the Worker entry bundled with esbuild the way
// Wrangler bundles it (conditions workerd/worker/browser; the package's .wasm kept as a module,
// loaded as CompiledWasm), served by Miniflare on 127.0.0.1, driven by the official SDK Client
// over Streamable HTTP, against the sandbox on 127.0.0.1.
//
//   node --test mcp/test/worker.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { API_KEY, MCP_HEADERS, callVia, connectHttp, initializeBody, startSandbox } from "./helpers.mjs";
import { defineSuite } from "./suite.mjs";

const ENTRY = fileURLToPath(new URL("../src/worker.js", import.meta.url));
const TOKEN = "mcp-worker-token-51e0";
const AUTH = { authorization: `Bearer ${TOKEN}` };

let outdir;
let modules;

before(async () => {
  outdir = mkdtempSync(join(tmpdir(), "customerio-mcp-worker-"));
  await build({
    entryPoints: { worker: ENTRY },
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    assetNames: "[name]",
    outdir,
    logLevel: "error",
  });
  // The Worker's module first: Miniflare takes the first module as the main one.
  const files = readdirSync(outdir).sort((a, b) => Number(a !== "worker.js") - Number(b !== "worker.js"));
  modules = files.map((file) => ({
    type: file.endsWith(".wasm") ? "CompiledWasm" : "ESModule",
    path: join(outdir, file),
  }));
});
after(() => rmSync(outdir, { recursive: true, force: true }));

/** A Miniflare instance serving the bundled Worker on 127.0.0.1; resolves to { mf, url }. */
async function startWorker(bindings) {
  const mf = new Miniflare({
    modules,
    modulesRoot: outdir,
    compatibilityDate: "2025-09-01",
    bindings,
    durableObjects: { MCP_SESSION: "McpSession" },
    host: "127.0.0.1",
    port: 0,
    cf: false,
  });
  const base = await mf.ready;
  return { mf, url: new URL("/mcp", base).href };
}

const bindingsFor = (sandboxUrl, extra = {}) => ({
  CUSTOMERIO_APP_API_KEY: API_KEY,
  CUSTOMERIO_BASE_URL: sandboxUrl,
  MCP_AUTH_TOKEN: TOKEN,
  ...extra,
});

defineSuite("the Worker entry in workerd (Miniflare)", {
  async connect({ sandboxUrl, readOnly, confirm = true, elicit }) {
    const worker = await startWorker(bindingsFor(sandboxUrl, { MCP_READ_ONLY: String(Boolean(readOnly)), MCP_CONFIRM: String(confirm) }));
    try {
      const client = await connectHttp(worker.url, { headers: AUTH, elicit });
      return { client, close: async () => { await client.close(); await worker.mf.dispose(); } };
    } catch (error) {
      await worker.mf.dispose();
      throw error;
    }
  },
});

describe("the Worker's guards", () => {
  let sandbox;
  let worker;
  before(async () => {
    sandbox = await startSandbox();
    worker = await startWorker(bindingsFor(sandbox.url, { MCP_ALLOWED_ORIGINS: "https://app.example" }));
  });
  after(async () => {
    await worker?.mf.dispose();
    await sandbox?.close();
  });
  const post = (headers) => fetch(worker.url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body: initializeBody() });

  test("a missing or wrong bearer token is 401", async () => {
    assert.equal((await post({})).status, 401);
    assert.equal((await post({ authorization: "Bearer wrong" })).status, 401);
  });

  test("a foreign Origin is 403; an allowed one passes", async () => {
    assert.equal((await post({ ...AUTH, origin: "https://evil.example" })).status, 403);
    const allowed = await post({ ...AUTH, origin: "https://app.example" });
    assert.equal(allowed.status, 200);
    await allowed.body?.cancel();
  });

  test("the client runs inside workerd", async () => {
    const client = await connectHttp(worker.url, { headers: AUTH });
    try {
      const result = await callVia(client, "CUSTOMERIO_GET_SEGMENTS", {});
      assert.equal(result.structuredContent.segments.length, sandbox.sandbox.workspace.segments.length);
      const seen = sandbox.sandbox.requests.at(-1);
      assert.equal(seen.authorized, true, "the key came from the Worker's secret");
    } finally {
      await client.close();
    }
  });

  test("without the MCP_AUTH_TOKEN secret it refuses to serve and says what to set", async () => {
    const bare = await startWorker({ CUSTOMERIO_APP_API_KEY: API_KEY, CUSTOMERIO_BASE_URL: sandbox.url });
    try {
      const response = await fetch(bare.url, { method: "POST", headers: MCP_HEADERS, body: initializeBody() });
      assert.equal(response.status, 500);
      assert.match(await response.text(), /wrangler secret put MCP_AUTH_TOKEN/);
    } finally {
      await bare.mf.dispose();
    }
  });
});
