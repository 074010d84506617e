// Node: `import "customerio-wasm"` (ESM, the `import` branch's `node` entry) and
// `require("customerio-wasm")` (the CommonJS build, the `require` branch's `node` entry), each in a
// child process of a throw-away project where the package resolves by name, running every method
// against the sandbox over HTTP on 127.0.0.1. Also: one CustomerIoError brand across import,
// require and a second copy of the package.
//
//   node --test tests/runtime/node.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  EXERCISE_PATH, EXERCISE_URL, PACKAGE_NAME, PKG_DIR, RESULT_MARKER, exportTarget, makeProject, requireTarget, runNodeExercise,
} from "./shared.mjs";

const COPY_NAME = "customerio-wasm-copy";

const ESM_SCRIPT = `
import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { exercise } from ${JSON.stringify(EXERCISE_URL)};
const options = JSON.parse(process.argv[2]);
const summary = await exercise(CustomerIo, CustomerIoError, options);
summary.resolved = import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
`;

const CJS_SCRIPT = `
"use strict";
const { CustomerIo, CustomerIoError } = require(${JSON.stringify(PACKAGE_NAME)});
const { exercise } = require(${JSON.stringify(EXERCISE_PATH)});
const options = JSON.parse(process.argv[2]);

// A validation error from a module copy, without any request: prepare() throws synchronously.
function errorFrom(module) {
  const cio = new module.CustomerIo({ apiKey: options.apiKey, baseUrl: options.baseUrl });
  try {
    cio.prepare("triggerBroadcast", { broadcast_id: 1 });
  } catch (error) {
    return error;
  }
  throw new Error("prepare() without an audience did not throw");
}

(async () => {
  const summary = await exercise(CustomerIo, CustomerIoError, options);
  summary.resolved = require.resolve(${JSON.stringify(PACKAGE_NAME)});

  const copies = {
    require: require(${JSON.stringify(PACKAGE_NAME)}),
    import: await import(${JSON.stringify(PACKAGE_NAME)}),
    copyRequire: require(${JSON.stringify(COPY_NAME)}),
    copyImport: await import(${JSON.stringify(COPY_NAME)}),
  };
  const brand = { instanceOf: {}, codes: {} };
  for (const [from, module] of Object.entries(copies)) {
    const error = errorFrom(module);
    brand.codes[from] = error.code;
    for (const [to, other] of Object.entries(copies)) brand.instanceOf[from + "->" + to] = error instanceof other.CustomerIoError;
  }
  brand.sameClassRequireImport = copies.require.CustomerIoError === copies.import.CustomerIoError;
  brand.sameClassAcrossCopies = copies.require.CustomerIoError === copies.copyRequire.CustomerIoError;
  brand.plainErrorIsNot = new Error("x") instanceof CustomerIoError;
  brand.copyResolved = require.resolve(${JSON.stringify(COPY_NAME)});
  summary.brand = brand;
  console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

describe("Node (ESM import and CommonJS require through the node condition)", () => {
  let project;
  const nodeTarget = exportTarget("node");
  const cjsTarget = requireTarget("node");

  before(() => {
    project = makeProject({ copyAs: COPY_NAME });
    project.write("esm.mjs", ESM_SCRIPT);
    project.write("cjs.cjs", CJS_SCRIPT);
  });
  after(() => project?.remove());

  const runScript = (script, label) => runNodeExercise(process.execPath, project.dir, script, label);

  test("ESM: import resolves to the node condition's entry and every method works", { timeout: 25_000 }, async () => {
    const { summary } = await runScript("esm.mjs", "node-esm");
    assert.equal(summary.resolved, pathToFileURL(join(PKG_DIR, nodeTarget)).href, "resolved through exports[.].node");
  });

  test("CJS: require resolves to the CommonJS build's node entry, every method works, one error brand", { timeout: 25_000 }, async () => {
    const { summary, stderr } = await runScript("cjs.cjs", "node-cjs");
    assert.equal(summary.resolved, join(PKG_DIR, cjsTarget.slice(2)), "resolved through exports[.].require.node");

    const { brand } = summary;
    assert.ok(brand.copyResolved.startsWith(join(project.dir, "node_modules", COPY_NAME)), "the copy is a separate file tree");
    assert.equal(brand.sameClassRequireImport, false, "require loads the CommonJS build: its own instance (the dual-package case the brand covers)");
    assert.equal(brand.sameClassAcrossCopies, false, "a second copy has its own class");
    for (const [from, code] of Object.entries(brand.codes)) assert.equal(code, "missing_audience", from);
    const mismatches = Object.entries(brand.instanceOf).filter(([, ok]) => ok !== true).map(([pair]) => pair);
    assert.deepEqual(mismatches, [], "every error is instanceof every copy's CustomerIoError");
    assert.equal(Object.keys(brand.instanceOf).length, 16);
    assert.equal(brand.plainErrorIsNot, false, "a plain Error is not a CustomerIoError");
    if (stderr.trim() !== "") console.log(`node-cjs stderr: ${stderr.trim().split("\n")[0]}`);
  });
});
