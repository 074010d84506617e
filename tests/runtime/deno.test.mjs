// Deno: `import "customerio-wasm"` from a project with a local node_modules
// (`deno run --node-modules-dir=manual`), which Deno resolves through the package's `exports`,
// running every method against the sandbox over HTTP on 127.0.0.1.
//
// The `deno` condition's entry (entry-inline.js) inlines the wasm, so it needs no read permission;
// the tests check that Deno picks it, that the package works as Deno resolves it, and that the
// `deno` target works with --allow-net=127.0.0.1 only.
//
//   node --test tests/runtime/deno.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  API_KEY, BIN_DIR, EXERCISE_URL, PACKAGE_NAME, PKG_DIR, RESULT_MARKER, checkSummary, exportTarget, fixturesFor,
  makeProject, parseResult, reportFirstResult, resolveConditions, run, startSandbox,
} from "./shared.mjs";

const DENO = join(BIN_DIR, "deno");

const SCRIPT = `
import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
import { exercise } from ${JSON.stringify(EXERCISE_URL)};
const options = JSON.parse(Deno.args[0]);
const summary = await exercise(CustomerIo, CustomerIoError, options);
summary.resolved = import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});
summary.deno = Deno.version.deno;
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(summary));
`;

const RESOLVE_SCRIPT = `console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(import.meta.resolve(${JSON.stringify(PACKAGE_NAME)})));\n`;

describe("Deno (npm package from a local node_modules)", () => {
  let project;
  let env;
  const denoTarget = exportTarget("deno");
  const denoEntryUrl = pathToFileURL(join(PKG_DIR, denoTarget)).href;

  before(() => {
    project = makeProject();
    project.write("main.mjs", SCRIPT);
    project.write("resolve.mjs", RESOLVE_SCRIPT);
    // The import map that pins the bare name to the deno condition's target (read from exports).
    project.write("deno-condition.importmap.json", JSON.stringify({
      imports: { [PACKAGE_NAME]: `./node_modules/${PACKAGE_NAME}/${denoTarget.slice(2)}` },
    }));
    // No update check (it would reach dl.deno.land), no prompt, a cache of its own.
    env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1", DENO_DIR: join(project.dir, ".deno") };
  });
  after(() => project?.remove());

  const deno = (args) => run(DENO, ["run", "--node-modules-dir=manual", "--no-prompt", ...args], { cwd: project.dir, env, timeoutMs: 20_000 });

  async function exerciseWith(label, flags) {
    const server = await startSandbox();
    try {
      const fixtures = fixturesFor(server.sandbox);
      const options = { baseUrl: server.url, apiKey: API_KEY, fixtures };
      const startedAt = Date.now();
      const summary = parseResult(await deno([...flags, "main.mjs", JSON.stringify(options)]), label);
      checkSummary(summary, { sandbox: server.sandbox, baseUrl: server.url, fixtures });
      reportFirstResult(label, startedAt, summary);
      return summary;
    } finally {
      await server.close();
    }
  }

  test("import resolves through the deno condition (exports[.].deno)", { timeout: 25_000 }, async () => {
    const resolved = parseResult(await deno(["resolve.mjs"]), "deno resolve");
    // Deno matches the conditions deno, node, import and default, and picks the FIRST key of
    // exports["."] that matches: "deno" must come before "node" for Deno to get its entry.
    const picked = resolveConditions(["deno", "node", "import", "default"]);
    assert.equal(
      resolved,
      denoEntryUrl,
      `Deno resolved ${resolved}; exports["."] lists "${picked.condition}" before "deno", so Deno gets ${picked.target} ` +
        `(which reads the .wasm with node:fs and needs --allow-read) instead of ${denoTarget}`,
    );
  });

  test("every method works as Deno resolves the package (--allow-read of the package dir)", { timeout: 25_000 }, async () => {
    const summary = await exerciseWith("deno", ["--allow-net=127.0.0.1", `--allow-read=${PKG_DIR}`]);
    assert.match(summary.deno, /^2\./);
    assert.match(summary.resolved, new RegExp(`^${pathToFileURL(PKG_DIR).href}/entry-[a-z]+\\.js$`));
  });

  test("every method works through the deno condition's entry with --allow-net=127.0.0.1 only", { timeout: 25_000 }, async () => {
    const summary = await exerciseWith("deno-condition-entry", ["--allow-net=127.0.0.1", "--import-map=deno-condition.importmap.json"]);
    assert.equal(summary.resolved, denoEntryUrl);
  });
});
