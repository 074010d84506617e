// esbuild bundles the package without a warning, for each way a user's build resolves it: the
// browser entry, the workerd entry as Wrangler resolves it (conditions workerd, worker, browser;
// the .wasm left to Wrangler as a module), and Node. wasm-bindgen's glue used to list each snippet
// module several times in the object the wasm is instantiated with, and every `wrangler dev` or
// `deploy` printed esbuild's "Duplicate key" warning for each (scripts/finish-pkg.mjs keeps one).
//
//   node --test tests/bundlers/warnings.test.mjs (after make pkg)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const PKG = fileURLToPath(new URL("../../pkg/", import.meta.url));

// Every public entry a bundle may pull in (the sandbox included: a Worker's tests bundle it).
const APP = `import { CustomerIo, CustomerIoError } from "customerio-wasm";
import { callTool, tools } from "customerio-wasm/tools";
import { operations } from "customerio-wasm/table";
import { createSandbox } from "customerio-wasm/sandbox";
export default { CustomerIo, CustomerIoError, callTool, tools, operations, createSandbox };
`;

const BUILDS = {
  "the browser entry": { platform: "browser" },
  "the workerd entry, resolved as Wrangler does": { platform: "browser", conditions: ["workerd", "worker", "browser"], external: ["*.wasm"] },
  "the Node entry": { platform: "node" },
};

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "cio-esbuild-warnings-"));
  await mkdir(join(dir, "node_modules"));
  await symlink(PKG, join(dir, "node_modules", "customerio-wasm"), "dir");
  await writeFile(join(dir, "app.js"), APP);
});
after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("esbuild bundles the package without a warning", () => {
  for (const [name, options] of Object.entries(BUILDS)) {
    test(name, async () => {
      const result = await esbuild.build({
        absWorkingDir: dir, entryPoints: ["app.js"], bundle: true, format: "esm", write: false, logLevel: "silent",
        outdir: "out", ...options,
      });
      const messages = await esbuild.formatMessages(result.warnings, { kind: "warning" });
      assert.deepEqual(messages, [], messages.join("\n"));
      assert.ok(result.outputFiles[0].text.includes("CUSTOMERIO_TRIGGER_BROADCAST"), "the bundle holds the package");
    });
  }
});

test("the glue's imports object names each module once", async () => {
  // The shipped glue is minified (one key per module, short names): esbuild's own duplicate-key
  // check reads it as Wrangler's bundling would.
  const glue = await readFile(join(PKG, "customerio_wasm.js"), "utf8");
  const { warnings } = await esbuild.transform(glue, { format: "esm", logLevel: "silent" });
  assert.ok(glue.includes("/snippets/"), "the snippets are imported");
  assert.deepEqual(await esbuild.formatMessages(warnings, { kind: "warning" }), []);
});
