// Bun (the npm package `bun` ships its binary): `import "customerio-wasm"` from a throw-away
// project, resolved by Bun through the package's `exports`, running every method of
// tests/runtime/exercise.mjs against the sandbox over HTTP on 127.0.0.1.
//
//   node --test tests/runtime/bun.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  API_KEY, BIN_DIR, EXERCISE_URL, PACKAGE_NAME, PKG_DIR, RESULT_MARKER, checkSummary, fixturesFor,
  makeProject, parseResult, reportFirstResult, run, startSandbox,
} from "./shared.mjs";

const BUN = join(BIN_DIR, "bun");

const SCRIPT = `
import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { exercise } from ${JSON.stringify(EXERCISE_URL)};
const options = JSON.parse(process.argv[2]);
const summary = await exercise(CustomerIo, CustomerIoError, options);
summary.resolved = import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});
summary.bun = Bun.version;
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
`;

describe("Bun (npm package from a local node_modules)", () => {
  let project;
  before(() => {
    project = makeProject();
    project.write("main.mjs", SCRIPT);
  });
  after(() => project?.remove());

  test("every method works as Bun resolves the package", { timeout: 30_000 }, async () => {
    const server = await startSandbox();
    try {
      const fixtures = fixturesFor(server.sandbox);
      const options = { baseUrl: server.url, apiKey: API_KEY, fixtures };
      const startedAt = Date.now();
      const env = { ...process.env, BUN_INSTALL_CACHE_DIR: join(project.dir, ".bun-cache"), DO_NOT_TRACK: "1" };
      const output = await run(BUN, ["run", "main.mjs", JSON.stringify(options)], { cwd: project.dir, env, timeoutMs: 25_000 });
      const summary = parseResult(output, "bun");
      checkSummary(summary, { sandbox: server.sandbox, baseUrl: server.url, fixtures });
      reportFirstResult("bun", startedAt, summary);
      assert.match(summary.bun, /^1\./);
      assert.ok(summary.resolved.startsWith(pathToFileURL(PKG_DIR).href) || summary.resolved.startsWith(pathToFileURL(join(project.dir, "node_modules")).href),
        `resolved inside the package: ${summary.resolved}`);
    } finally {
      await server.close();
    }
  });
});
