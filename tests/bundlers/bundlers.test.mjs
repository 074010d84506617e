// The package in users' toolchains: tests/bundlers/app built with esbuild, Vite, webpack and
// `bun build --minify`, each bundle run in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core) against the sandbox served over HTTP with CORS, and each output checked for
// the copies of the wasm module it carries. Sizes go to test-results/bundle-sizes.json.
//
//   node --test tests/bundlers/        (needs pkg/: `make pkg`)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createSandbox } from "../../pkg/sandbox/index.js";
import { serveSandbox } from "../../pkg/sandbox/server.js";
import { BUNDLER_NAMES, buildAll, moduleCopies } from "./build.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../common/chromium.mjs";
import { serveStatic } from "../common/static-server.mjs";

const RESULTS = fileURLToPath(new URL("../../test-results/", import.meta.url));

let builds;
let sandbox;
let sandboxServer;
let staticServer;
let staticUrl;
let browser;

/** Serves each bundler's output directory at /<bundler>/ on 127.0.0.1. */
function serveOutputs(outputs) {
  return serveStatic(Object.fromEntries(Object.entries(outputs).map(([name, { outDir }]) => [`/${name}/`, outDir])));
}

before(async () => {
  builds = await buildAll();
  sandbox = createSandbox({ triggerSpacingMs: 0 });
  sandboxServer = await serveSandbox(sandbox, { port: 0, cors: true });
  staticServer = await serveOutputs(builds);
  staticUrl = staticServer.url;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const sizes = Object.fromEntries(Object.entries(builds).map(([name, { files }]) => [name, {
    files: files.map(({ name: file, bytes, gzip }) => ({ file, bytes, gzip })),
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    totalGzip: files.reduce((sum, file) => sum + file.gzip, 0),
  }]));
  await mkdir(RESULTS, { recursive: true });
  await writeFile(join(RESULTS, "bundle-sizes.json"), `${JSON.stringify(sizes, null, 2)}\n`);
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`bundle ${name.padEnd(8)} ${String(size.totalBytes).padStart(8)} B raw ${String(size.totalGzip).padStart(8)} B gzip (${size.files.map((f) => f.file).join(", ")})`);
  }
});

after(async () => {
  await browser?.close();
  await sandboxServer?.close();
  await staticServer?.close();
});

for (const name of BUNDLER_NAMES) {
  describe(name, () => {
    test("the bundle runs in Chromium: reads, a trigger and a validation error against the sandbox", async () => {
      const page = await browser.newPage();
      const problems = [];
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (message) => { if (message.type() === "error") problems.push(`console: ${message.text()}`); });
      try {
        const before = sandbox.requests.length;
        await page.goto(`${staticUrl}/${name}/index.html?sandbox=${encodeURIComponent(sandboxServer.url)}`);
        await page.waitForSelector('html[data-done="true"]', { timeout: 20_000 });
        const result = await page.evaluate(() => window.__result);
        assert.equal(result.error, undefined, result.error);
        assert.equal(result.segments, sandbox.workspace.segments.length);
        assert.equal(result.messages, 3);
        assert.ok(Number.isInteger(result.trigger) && result.trigger > 0);
        assert.equal(result.refused, "invalid_params limit");
        assert.equal(sandbox.requests.length - before, 3, "three requests; the invalid call sent nothing");
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test("the output holds exactly one copy of the wasm module", async () => {
      const copies = await moduleCopies(builds[name].files);
      assert.equal(copies.total, 1, `${JSON.stringify(copies)} in ${builds[name].files.map((f) => f.name).join(", ")}`);
    });
  });
}

test("Vite copies no unused .wasm into dist/", async () => {
  // A .wasm in dist/ is unused when the bundle also carries the module inline.
  const copies = await moduleCopies(builds.vite.files);
  assert.ok(copies.files === 0 || copies.inlined === 0, `dist/ holds ${JSON.stringify(copies)}: ${builds.vite.files.map((f) => f.name).join(", ")}`);
});

test("bun build --minify does not double the module", async () => {
  const bundle = builds.bun.files.find((file) => file.name === "main.js");
  const esbuild = builds.esbuild.files.find((file) => file.name === "main.js");
  assert.equal((await moduleCopies(builds.bun.files)).inlined <= 1, true);
  assert.ok(bundle.bytes < esbuild.bytes * 1.5, `bun: ${bundle.bytes} B, esbuild: ${esbuild.bytes} B`);
});
