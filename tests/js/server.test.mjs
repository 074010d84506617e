// customerio-wasm/server: the constant-time compare and the bearer token reader that the MCP
// server's transports and the webhook Worker share (tests/js/one-copy.test.mjs checks that no
// surface keeps its own).
import { test } from "node:test";
import assert from "node:assert/strict";
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
