// customerio-wasm/server: the constant-time compare and the bearer token reader that the MCP
// server's transports and the webhook Worker share, and a check that no surface keeps its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { bearerToken, sameSecret } from "../../pkg/server.js";

test("sameSecret matches equal strings only", () => {
  assert.equal(sameSecret("Bearer tok-1", "Bearer tok-1"), true);
  assert.equal(sameSecret("Bearer tok-2", "Bearer tok-1"), false);
  assert.equal(sameSecret("Bearer tok-1x", "Bearer tok-1"), false);
  assert.equal(sameSecret("Bearer tok-", "Bearer tok-1"), false);
  assert.equal(sameSecret("", "Bearer tok-1"), false);
  assert.equal(sameSecret("é", "é"), true);
  assert.equal(sameSecret("e\u0301", "é"), false);
});

test("sameSecret refuses an empty or missing expected secret and anything but strings", () => {
  assert.equal(sameSecret("", ""), false);
  assert.equal(sameSecret(undefined, undefined), false);
  assert.equal(sameSecret("x", undefined), false);
  assert.equal(sameSecret(["x"], "x"), false);
});

test("bearerToken reads the token of an Authorization header, or none", () => {
  assert.equal(bearerToken(new Headers({ authorization: "Bearer abc.def" })), "abc.def");
  assert.equal(bearerToken(new Headers({ authorization: "Basic abc" })), "");
  assert.equal(bearerToken(new Headers()), "");
});

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
