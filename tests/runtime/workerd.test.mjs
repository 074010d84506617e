// Cloudflare workerd (through Miniflare): a module Worker that imports `customerio-wasm` and runs
// every method against the sandbox over HTTP on 127.0.0.1, its outbound fetches going through
// workerd's network stack.
//
// workerd does no package resolution, so the test does what Wrangler's bundler does: it reads
// exports["."].workerd from pkg/package.json, walks that entry's static imports, and gives
// Miniflare exactly those files (.js as ESModule, the .wasm as CompiledWasm, i.e. the
// WebAssembly.Module the entry passes to initSync) under node_modules/customerio-wasm/, plus a
// module named "customerio-wasm" that re-exports the workerd entry.
//
//   node --test tests/runtime/workerd.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import {
  API_KEY, EXERCISE_PATH, PACKAGE_NAME, PKG_DIR, checkSummary, exportTarget, fixturesFor, importClosure, makeProject,
  reportFirstResult, startSandbox,
} from "./shared.mjs";

const WORKER = `
import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { exercise } from "./exercise.mjs";

export default {
  async fetch(request, env) {
    const summary = await exercise(CustomerIo, CustomerIoError, {
      baseUrl: env.SANDBOX_URL,
      apiKey: env.API_KEY,
      fixtures: env.FIXTURES,
    });
    summary.userAgent = navigator.userAgent;
    return Response.json(summary);
  },
};
`;

describe("Cloudflare workerd (Miniflare, module Worker)", () => {
  let project;
  let server;
  let mf;
  let summary;
  let startedAt;
  const workerdTarget = exportTarget("workerd");
  const closure = importClosure(workerdTarget);

  before(async () => {
    project = makeProject();
    server = await startSandbox();
  });
  after(async () => {
    await mf?.dispose();
    await server?.close();
    project?.remove();
  });

  test("the workerd condition's entry imports the .wasm as a module and nothing Node- or inline-specific", () => {
    assert.equal(workerdTarget, "./entry-workerd.js");
    assert.deepEqual(closure.external, [], "no bare or node: imports (workerd has no node:fs without nodejs_compat)");
    const wasm = closure.files.filter((file) => file.endsWith(".wasm"));
    assert.deepEqual(wasm, ["customerio_wasm_bg.wasm"], "the entry imports the .wasm file itself");
    assert.ok(!closure.files.includes("wasm-inline.js"), "the 260 KB base64 copy is not loaded in Workers");
    assert.ok(closure.files.some((file) => /^snippets\/.+\/runtime\.js$/.test(file)), "the snippet is in the closure");
  });

  test("a Worker importing customerio-wasm runs every method against the sandbox", { timeout: 25_000 }, async () => {
    const root = project.dir;
    const packageDir = join(root, "node_modules", PACKAGE_NAME);
    const modules = [
      { type: "ESModule", path: join(root, "worker.mjs"), contents: WORKER },
      { type: "ESModule", path: join(root, "exercise.mjs"), contents: readFileSync(EXERCISE_PATH, "utf8") },
      // The bare name → the workerd condition's target (what Wrangler's resolver does).
      { type: "ESModule", path: join(root, PACKAGE_NAME), contents: `export * from "./node_modules/${PACKAGE_NAME}/${workerdTarget.slice(2)}";\n` },
      ...closure.files.map((file) => ({
        type: file.endsWith(".wasm") ? "CompiledWasm" : "ESModule",
        path: join(packageDir, file),
        contents: readFileSync(join(PKG_DIR, file)),
      })),
    ];
    const fixtures = fixturesFor(server.sandbox);
    startedAt = Date.now();
    mf = new Miniflare({
      modules,
      modulesRoot: root,
      compatibilityDate: "2025-09-01",
      bindings: { SANDBOX_URL: server.url, API_KEY, FIXTURES: fixtures },
      cf: false, // don't fetch cf.json from workers.cloudflare.com
    });
    await mf.ready;
    const response = await mf.dispatchFetch("http://localhost/");
    const text = await response.text();
    assert.equal(response.status, 200, text.slice(0, 2000));
    summary = JSON.parse(text);
    checkSummary(summary, { sandbox: server.sandbox, baseUrl: server.url, fixtures });
    reportFirstResult("workerd", startedAt, summary);
    assert.equal(summary.userAgent, "Cloudflare-Workers", "the exercise ran inside workerd");
  });
});
