// No surface (the MCP server, the Worker, the extension, the playground) restates what the
// package exports, and no test restates a helper of tests/common or of its folder's harness: each
// pattern below is a copy that was removed (issue 18); finding it again fails here with the file
// to fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";

/** Every .js file under the surfaces' source folders. */
async function surfaceSources() {
  const root = join(import.meta.dirname, "..", "..");
  const files = [];
  for (const dir of ["mcp/src", "worker/src", "extension/src", "www"]) {
    for (const name of await readdir(join(root, dir))) {
      if (name.endsWith(".js")) files.push({ path: `${dir}/${name}`, text: await readFile(join(root, dir, name), "utf8") });
    }
  }
  return files;
}

test("no surface compares secrets, builds a JSON-RPC error or a client from CUSTOMERIO_* variables itself", async () => {
  const sources = await surfaceSources();
  const offenders = (pattern) => sources.filter((file) => pattern.test(file.text)).map((file) => file.path);
  // A byte-by-byte XOR loop is a hand-written compare: customerio-wasm/server's sameSecret is the one.
  assert.deepEqual(offenders(/\|=\s*[^;]*\^/), []);
  // The JSON-RPC error answer is built once, by mcp/src/http.js's jsonRpcError.
  assert.deepEqual(offenders(/jsonrpc:\s*"2\.0"/), ["mcp/src/http.js"]);
  // The region and base URL variables are read by CustomerIo.fromEnv only.
  assert.deepEqual(offenders(/\.CUSTOMERIO_(REGION|BASE_URL)\b|apiKey:\s*env\./), []);
});

test("no surface restates the schemes, the refused codes, the funnel's metrics or the audiences' flags", async () => {
  const sources = await surfaceSources();
  const offenders = (pattern) => sources.filter((file) => pattern.test(file.text)).map((file) => file.path);
  assert.deepEqual(offenders(/"customerio",\s*"standard"/), [], "webhook schemes: customerio-wasm/rules webhookSchemes");
  assert.deepEqual(offenders(/"invalid_params",\s*"audience_conflict"/), [], "codes refused before sending: rules.refusedBeforeSending");
  assert.deepEqual(offenders(/"attempted",\s*"sent",\s*"delivered"/), [], "funnel metrics: customerio-wasm/funnel FUNNEL_METRICS");
  assert.deepEqual(offenders(/(id|email)_ignore_missing:\s*\[/), [], "flags per audience: rules.audiences");
  assert.deepEqual(offenders(/rate\s*=\s*[^;]*count\s*\/\s*before/), [], "funnel rates: customerio-wasm/funnel");
});

test("the playground's forms take each field's control, options and label from the table", async () => {
  const source = await readFile(join(import.meta.dirname, "..", "..", "www", "operations.js"), "utf8");
  const declared = source.slice(source.indexOf("const DECLARED"), source.indexOf("function fromTable"));
  const reads = source.slice(source.indexOf("function readOperations"));
  for (const part of [declared, reads]) {
    // A kind, an enum's options or a label that only repeats the parameter's name: the table's.
    assert.doesNotMatch(part, /\bkind:\s*"/, "a field kind: controlOf derives it from the table");
    assert.doesNotMatch(part, /\boptions:\s*/, "enum options: the table's values");
    assert.doesNotMatch(part, /param: "([a-z_]+)", label: "\1"/, "a label equal to the parameter's name is the default");
  }
});

/** The surfaces' sources and the scripts and examples beside them (.js and .mjs). */
async function sourcesWithScripts() {
  const root = join(import.meta.dirname, "..", "..");
  const files = [];
  for (const dir of ["mcp/src", "mcp/bin", "worker/src", "worker/scripts", "extension/src", "www", "examples"]) {
    for (const name of await readdir(join(root, dir)).catch(() => [])) {
      if (/\.m?js$/.test(name)) files.push({ path: `${dir}/${name}`, text: await readFile(join(root, dir, name), "utf8") });
    }
  }
  return files;
}

test("no surface, script or example names a webhook header or the spacing default by hand", async () => {
  const { rules } = await import("../../pkg/rules.js");
  const names = new Set(Object.values(rules.webhookHeaders).flatMap((h) => [h.signature, h.timestamp, ...h.id]).filter(Boolean));
  assert.ok(names.size >= 9, `the export names every scheme's headers: ${[...names]}`);
  const sources = await sourcesWithScripts();
  assert.ok(sources.some((file) => file.path === "worker/scripts/sign-delivery.mjs"), "the signing script is among the files read");
  for (const name of names) {
    const quoted = new RegExp(`["'\`]${name.replace(/[-]/g, "\\-")}["'\`]`, "i");
    assert.deepEqual(sources.filter((file) => quoted.test(file.text)).map((file) => file.path), [],
      `${name}: customerio-wasm/rules webhookHeaders`);
  }
  const ms = rules.spacing.intervalMs;
  const spacing = new RegExp(`spacing[^\\n]*\\b(${ms}|${ms.toLocaleString("en").replaceAll(",", "_")})\\b`, "i");
  assert.deepEqual(sources.filter((file) => spacing.test(file.text)).map((file) => file.path), [],
    "the spacing default: customerio-wasm/rules spacing.intervalMs");
});

/** Every test and test helper file (JS and Rust), this file left out: it names the patterns. */
async function testSources() {
  const root = join(import.meta.dirname, "..", "..");
  const files = [];
  const walk = async (dir) => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true }).catch(() => [])) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!["node_modules", "fixtures", "app"].includes(entry.name)) await walk(path);
      } else if (/\.(m?js|rs)$/.test(entry.name) && path !== "tests/js/one-copy.test.mjs") {
        files.push({ path, text: await readFile(join(root, path), "utf8") });
      }
    }
  };
  for (const dir of ["tests", "mcp/test", "worker/test", "extension/test", "www/test", "scripts"]) await walk(dir);
  return files;
}

test("each test helper has one copy, in tests/common or its folder's harness", async () => {
  const sources = await testSources();
  assert.ok(sources.length > 50, `the test files are read (${sources.length})`);
  const holders = (pattern) => sources.filter((file) => pattern.test(file.text)).map((file) => file.path);
  assert.deepEqual(holders(/Math\.imul\(seed/), ["tests/common/random.mjs"], "the seeded PRNG: seededRandom");
  assert.deepEqual(holders(/"--no-sandbox"/), ["tests/common/chromium.mjs"], "Chromium's launch flags: CHROMIUM_ARGS");
  assert.deepEqual(holders(/"CUSTOMERIO_GET_SEGMENT_DETAILS",\s*"CUSTOMERIO_LIST_NEWSLETTERS"/), [], "the seed's tools: tests/common/seed-tools.json");
  assert.deepEqual(holders(/no secret in the message/), ["tests/webhook/cases.mjs"], "the webhook case check: assertCaseResult");
  assert.deepEqual(holders(/\bfn trigger\(/), ["tests/common/mod.rs"], "a trigger's parameters: common::trigger");
  assert.deepEqual(holders(/\bfn assert_refused\(/), ["tests/common/mod.rs"], "a refusal's code, field and hints: common::assert_refused");
  assert.deepEqual(holders(/deliveries\.splice\(/), ["worker/test/harness.mjs"], "redeliveries: withRedeliveries");
  assert.deepEqual(holders(/process\.pid\}_\$\{\+\+/), ["worker/test/harness.mjs"], "run-unique ids: uniqueIds");
  // A server that reads a file and answers 200 with it is a static file server: static-server.mjs's.
  assert.deepEqual(holders(/createServer[\s\S]*(readFile(Sync)?\([\s\S]{0,300}writeHead\(200|\b200\b[^\n]*readFile)/), [], "static files: serveStatic");
});

test("the option docs say the core's defaults, never a number typed by hand", async () => {
  const root = join(import.meta.dirname, "..", "..");
  for (const file of ["src/js/types.rs", "src/js/webhook.rs", "src/js/types_reads.rs", "pkg-template/index.d.ts"]) {
    const text = await readFile(join(root, file), "utf8");
    assert.doesNotMatch(text, /default:? [0-9]/, `${file}: write @default(path), filled from rules.defaults`);
  }
  const { rules } = await import("../../pkg/table.js");
  const types = await readFile(join(root, "pkg", "types.d.ts"), "utf8");
  assert.doesNotMatch(types, /@default\(/);
  assert.match(types, new RegExp(`timeout in milliseconds \\(default ${rules.defaults.timeoutMs};`));
  assert.match(types, new RegExp(`under one key \\(default ${rules.defaults.spacing.intervalMs}\\)`));
  assert.match(types, new RegExp(`Retries after the first attempt \\(default ${rules.defaults.retry.maxRetries}\\)`));
  assert.match(types, new RegExp(`either way \\(default ${rules.defaults.webhook.toleranceSeconds}\\)`));
  assert.match(types, new RegExp(`WebhookScheme = ${rules.webhookSchemes.map((s) => `"${s}"`).join(" \\| ")};`));
});
