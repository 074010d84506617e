// What the built package ships after finish-pkg shortens the .wasm's names and minifies the JS
// modules the entries load (scripts/wasm-names.mjs, scripts/minify-pkg.mjs): the names a user or a
// stack trace reads are kept, and the .wasm's own declarations still describe the module.
//
//   node --test tests/js/shipped.test.mjs (after make pkg)

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CustomerIo, CustomerIoError } from "../../pkg/entry-node.js";

const pkgFile = (name) => new URL(`../../pkg/${name}`, import.meta.url);

test("the public classes keep their names", () => {
  assert.equal(CustomerIo.name, "CustomerIo");
  assert.equal(CustomerIoError.name, "CustomerIoError");
});

test("a refused call's error keeps its class name, name and message", () => {
  const cio = new CustomerIo({ apiKey: "k" });
  const error = (() => {
    try {
      cio.prepare("triggerBroadcast", {});
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof CustomerIoError);
  assert.equal(error.name, "CustomerIoError");
  assert.equal(error.constructor.name, "CustomerIoError");
  assert.equal(error.message, "triggerBroadcast needs broadcast_id");
});

test("a refused call's stack trace names the function that made the error and the method called", () => {
  const cio = new CustomerIo({ apiKey: "k" });
  let stack = "";
  try {
    cio.prepare("triggerBroadcast", {});
  } catch (e) {
    stack = e.stack;
  }
  assert.match(stack, /^CustomerIoError: triggerBroadcast needs broadcast_id\n/);
  assert.match(stack, /\bat makeError \(.*\/runtime\.js:\d+:\d+\)/);
  assert.match(stack, /\bat CustomerIo\.prepare \(.*\/customerio_wasm\.js:\d+:\d+\)/);
});

test("the .wasm's declarations name each function, table and memory it exports, and nothing else", () => {
  const module = new WebAssembly.Module(readFileSync(pkgFile("customerio_wasm_bg.wasm")));
  const exported = WebAssembly.Module.exports(module)
    .filter((e) => e.kind !== "global")
    .map((e) => e.name)
    .sort();
  const declared = [...readFileSync(pkgFile("customerio_wasm_bg.wasm.d.ts"), "utf8").matchAll(/^export const ([\w$]+):/gm)]
    .map((m) => m[1])
    .sort();
  assert.ok(exported.length > 30, `${exported.length} exports`);
  assert.deepEqual(declared, exported);
});

test("the glue's InitOutput declares the module's exports under their shipped names", () => {
  const module = new WebAssembly.Module(readFileSync(pkgFile("customerio_wasm_bg.wasm")));
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const text = readFileSync(pkgFile("customerio_wasm.d.ts"), "utf8");
  const initOutput = text.slice(text.indexOf("export interface InitOutput {"), text.indexOf("\n}", text.indexOf("export interface InitOutput {")));
  const declared = [...initOutput.matchAll(/^ {4}readonly ([\w$]+):/gm)].map((m) => m[1]);
  assert.ok(declared.length > 30, `${declared.length} declared`);
  assert.deepEqual(declared.filter((name) => !exported.has(name)), []);
});
