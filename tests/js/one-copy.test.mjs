// No surface (the MCP server, the Worker, the extension, the playground) restates what the
// package exports: each pattern below is a copy that was removed (issue 18); finding it again in a
// surface's source fails here with the file to fix.
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
