// The npm package as users get it: dist/customerio-wasm-<v>.tgz published to a local registry and
// installed with `npm install customerio-wasm` in an empty folder outside the repository. Then:
// import and require on Node 20 and on the oldest Node the package claims, TypeScript under
// `strict` in nodenext, node16 CommonJS and bundler projects, an esbuild browser bundle run in
// Chromium, publint and attw, and every JS/TS code block of both READMEs type-checked (and run
// against the sandbox where it can run).
//
//   node --test tests/release/npm.test.mjs      (after make release)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BIN, REPO_DIR, VERSION, artifact, emptyFolder, nodeBinary, ok, sh, startRegistry } from "./registry.mjs";
import { codeBlocks } from "./readme-blocks.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../common/chromium.mjs";
import { serveStatic } from "../common/static-server.mjs";

/** The oldest Node the package's `engines` claims, tested beside the machine's. */
const OLDEST_NODE = "20.0.0";
const TSC = join(REPO_DIR, "node_modules", "typescript", "bin", "tsc");

let registry;
let project;
let oldestNode;

before(async () => {
  const tarball = artifact("customerio-wasm", "tgz");
  registry = await startRegistry([tarball]);
  project = emptyFolder("cio-npm-user-");
  writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: "a-user-project", private: true, type: "module" }, null, 2));
  await ok("npm", ["install", "customerio-wasm", "@types/node@20"], { cwd: project.dir, env: registry.env });
  oldestNode = await nodeBinary(OLDEST_NODE);
});

after(async () => {
  await registry?.stop();
  project?.remove();
});

const installed = () => join(project.dir, "node_modules", "customerio-wasm");

test("npm install customerio-wasm installs the released version from the registry, with its LICENSE and CHANGELOG", () => {
  const manifest = JSON.parse(readFileSync(join(installed(), "package.json"), "utf8"));
  assert.equal(manifest.version, VERSION);
  for (const field of ["repository", "homepage", "bugs", "license"]) assert.ok(manifest[field], `package.json has ${field}`);
  assert.match(readFileSync(join(installed(), "LICENSE"), "utf8"), /^MIT License/);
  assert.match(readFileSync(join(installed(), "CHANGELOG.md"), "utf8"), new RegExp(`## ${VERSION.replace(/\./g, "\\.")}`));
  const lock = JSON.parse(readFileSync(join(project.dir, "package-lock.json"), "utf8"));
  assert.equal(lock.packages["node_modules/customerio-wasm"].version, VERSION);
});

// A user's script: every kind of call against the in-process sandbox, printed as one JSON line.
const EXERCISE = (load) => `
${load}
const sandbox = createSandbox();
const cio = new CustomerIo({ apiKey: sandbox.apiKey, baseUrl: "https://api.customer.io", fetch: sandbox.fetch });
const { segments } = await cio.getSegments();
const vip = segments.find((s) => s.name === "VIP customers");
const { id } = await cio.triggerBroadcast({ broadcast_id: 11, recipients: { segment: { id: vip.id } }, data: { promo: "VIP20" } });
let messages = 0;
for await (const m of cio.messages({ limit: 50 })) if (++messages >= 120) break;
let refused;
try { cio.prepare("getMessages", { limt: 5 }); } catch (e) { refused = [e instanceof CustomerIoError, e.code, e.field]; }
const tool = await callTool(cio, "CUSTOMERIO_GET_SEGMENTS", {});
console.log(JSON.stringify({ segments: segments.length, trigger: id !== undefined, messages, refused, tool: tool.isError, operations: operations.length, requests: sandbox.requests.length }));
`;

const ESM = EXERCISE(`
import { CustomerIo, CustomerIoError } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";
import { callTool } from "customerio-wasm/tools";
import { operations } from "customerio-wasm/table";
`);

const CJS = `"use strict";
(async () => {
${EXERCISE(`
const { CustomerIo, CustomerIoError } = require("customerio-wasm");
const { createSandbox } = require("customerio-wasm/sandbox");
const { callTool } = require("customerio-wasm/tools");
const { operations } = require("customerio-wasm/table");
if (!require.resolve("customerio-wasm").endsWith(".cjs")) throw new Error("require did not pick the CommonJS build: " + require.resolve("customerio-wasm"));
`)}
})().catch((e) => { console.error(e); process.exit(1); });
`;

function expectExercise(stdout) {
  const summary = JSON.parse(stdout.trim().split("\n").at(-1));
  assert.ok(summary.segments > 0);
  assert.equal(summary.trigger, true);
  assert.equal(summary.messages, 120);
  assert.deepEqual(summary.refused, [true, "invalid_params", "limt"]);
  assert.equal(summary.tool, false);
  assert.ok(summary.operations >= 12);
}

describe("Node", () => {
  for (const [label, binary] of [["the machine's Node 20", () => process.execPath], [`Node ${OLDEST_NODE} (the oldest engines claims)`, () => oldestNode]]) {
    test(`import (ESM) on ${label}`, async () => {
      writeFileSync(join(project.dir, "esm.mjs"), ESM);
      expectExercise((await ok(binary(), ["esm.mjs"], { cwd: project.dir })).stdout);
    });
    test(`require (CommonJS, the .cjs build) on ${label}`, async () => {
      writeFileSync(join(project.dir, "cjs.cjs"), CJS);
      expectExercise((await ok(binary(), ["cjs.cjs"], { cwd: project.dir })).stdout);
    });
  }
});

/** A TypeScript project under the user's folder; returns tsc's result. */
async function typecheck(name, compilerOptions, files, packageType) {
  const dir = join(project.dir, name);
  mkdirSync(dir, { recursive: true });
  if (packageType) writeFileSync(join(dir, "package.json"), JSON.stringify({ type: packageType }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: ["node"], typeRoots: [join(project.dir, "node_modules", "@types")], ...compilerOptions },
    include: Object.keys(files),
  }));
  return sh(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], { cwd: dir });
}

const TYPED_USE = `
import { CustomerIo, CustomerIoError, verifyWebhook, type Segment, type MessagesPage } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";
import { tools, callTool } from "customerio-wasm/tools";
import { operations } from "customerio-wasm/table";
export async function use(): Promise<number> {
  const sandbox = createSandbox();
  const cio = new CustomerIo({ apiKey: sandbox.apiKey, fetch: sandbox.fetch });
  const segments: Segment[] = (await cio.getSegments()).segments;
  const first = segments.find((s) => s.name === "VIP customers");
  const page: MessagesPage = await cio.getMessages({ limit: 10, type: "email" });
  try {
    await cio.getMessages({ start_ts: new Date() });
  } catch (e) {
    if (e instanceof CustomerIoError) console.log(e.code);
  }
  void verifyWebhook; void callTool;
  return page.messages.length + (first?.id ?? 0) + tools.length + operations.length;
}
`;

describe("TypeScript (strict, skipLibCheck: false)", () => {
  test("nodenext (ESM)", async () => {
    const result = await typecheck("ts-nodenext", { module: "nodenext", moduleResolution: "nodenext" }, { "use.mts": TYPED_USE });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
  test("node16 CommonJS (the .d.cts types: no TS1479)", async () => {
    const result = await typecheck("ts-node16-cjs", { module: "node16", moduleResolution: "node16" }, { "use.ts": TYPED_USE }, "commonjs");
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
  test("bundler", async () => {
    const result = await typecheck("ts-bundler", { module: "esnext", moduleResolution: "bundler" }, { "use.ts": TYPED_USE });
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
  test("a mistake still fails to compile (two audiences)", async () => {
    const result = await typecheck("ts-mistake", { module: "nodenext", moduleResolution: "nodenext" }, {
      "bad.mts": `import { CustomerIo } from "customerio-wasm";\nexport const go = (cio: CustomerIo) => cio.triggerBroadcast({ broadcast_id: 1, ids: ["a"], emails: ["b@c.co"] });\n`,
    });
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /bad\.mts/);
  });
});

test("an esbuild browser bundle of the installed package runs in Chromium", async () => {
  const dir = join(project.dir, "browser");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "app.js"), `
import { CustomerIo } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";
const sandbox = createSandbox();
const cio = new CustomerIo({ apiKey: sandbox.apiKey, fetch: sandbox.fetch });
window.result = (async () => {
  const { segments } = await cio.getSegments();
  const { id } = await cio.triggerBroadcast({ broadcast_id: 11, emails: ["road@runner.net"] });
  return { segments: segments.length, trigger: id !== undefined };
})();
`);
  await ok(join(BIN, "esbuild"), ["app.js", "--bundle", "--format=esm", "--platform=browser", "--outfile=bundle.js"], { cwd: dir });
  writeFileSync(join(dir, "index.html"), '<!doctype html><script type="module" src="bundle.js"></script>');
  const server = await serveStatic({ "/": dir });
  const { chromium } = await import(pathToFileURL(join(REPO_DIR, "node_modules", "playwright-core", "index.mjs")).href);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.result !== undefined);
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(errors, []);
    assert.ok(result.segments > 0);
    assert.equal(result.trigger, true);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("publint and attw --pack are clean (every entry resolves for import and require)", async () => {
  const publint = await sh(join(BIN, "publint"), [realpathSync(installed()), "--strict"]);
  const attw = await sh(join(BIN, "attw"), [artifact("customerio-wasm", "tgz"), "--format", "table-flipped"], { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  mkdirSync(join(REPO_DIR, "test-results"), { recursive: true });
  writeFileSync(join(REPO_DIR, "test-results", "release-publint.txt"), publint.stdout + publint.stderr);
  writeFileSync(join(REPO_DIR, "test-results", "release-attw.txt"), attw.stdout + attw.stderr);
  assert.equal(publint.code, 0, publint.stdout + publint.stderr);
  assert.doesNotMatch(publint.stdout, /Suggestion|Warning|Error/, publint.stdout);
  assert.equal(attw.code, 0, attw.stdout + attw.stderr);
  assert.match(attw.stdout, /No problems found/, attw.stdout);
});

describe("README code blocks", () => {
  const sources = () => [
    ["README.md", join(REPO_DIR, "README.md")],
    ["pkg/README.md (as installed)", join(installed(), "README.md")],
  ];

  test("every JavaScript and TypeScript block type-checks under strict", async () => {
    const files = {};
    let count = 0;
    for (const [label, path] of sources()) {
      for (const block of codeBlocks(readFileSync(path, "utf8"))) {
        files[`block-${count}.mts`] = `// ${label}, line ${block.line}\n${block.code}\nexport {};\n`;
        count += 1;
      }
    }
    assert.ok(count >= 6, `found ${count} blocks`);
    files["readme-env.d.ts"] = READMECONTEXT;
    const result = await typecheck("readme", { module: "nodenext", moduleResolution: "nodenext", noUnusedLocals: false }, files);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  test("every block that runs on its own runs against the sandbox", async () => {
    const dir = join(project.dir, "readme-run");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "run.mjs"), RUNNER);
    let ran = 0;
    for (const [label, path] of sources()) {
      for (const block of codeBlocks(readFileSync(path, "utf8"))) {
        if (!block.runnable) continue;
        const file = join(dir, `block-${ran}.ts`);
        writeFileSync(file, block.code);
        // Types are checked above; here the block's JavaScript runs (type syntax stripped by esbuild).
        await ok(join(BIN, "esbuild"), [file, "--format=esm", "--platform=node", `--outfile=${file.replace(/\.ts$/, ".mjs")}`]);
        const result = await sh(process.execPath, ["run.mjs", file.replace(/\.ts$/, ".mjs")], { cwd: dir });
        assert.equal(result.code, 0, `${label} line ${block.line}:\n${block.code}\n${result.stdout}${result.stderr}`);
        // A block that builds its own sandbox is answered by it; any other reaches the global fetch.
        if (!block.code.includes("createSandbox")) assert.match(result.stdout, /sandbox requests: [1-9]/, `${label} line ${block.line} made no request`);
        ran += 1;
      }
    }
    assert.ok(ran >= 2, `ran ${ran} blocks`);
  });
});

/** What a README snippet from inside a Worker's fetch handler may assume. */
const READMECONTEXT = `
declare global {
  /** The incoming request of a Worker's fetch handler. */
  const request: Request;
  /** A Worker's bindings. */
  const env: Record<string, string>;
}
export {};
`;

/** Runs a README block with the global fetch answered by the sandbox and its key in the environment. */
const RUNNER = `
import { createSandbox } from "customerio-wasm/sandbox";
const sandbox = createSandbox();
globalThis.fetch = (input, init) => sandbox.fetch(input, init);
process.env.CUSTOMERIO_APP_API_KEY = sandbox.apiKey;
await import(new URL(process.argv[2], import.meta.url).href);
console.log("sandbox requests: " + sandbox.requests.length);
`;
