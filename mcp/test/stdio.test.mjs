// customerio-mcp over stdio: the official SDK Client spawns the bin (node bin/customerio-mcp.js),
// against the sandbox served on 127.0.0.1 (CUSTOMERIO_BASE_URL), and with --sandbox.
//
//   node --test mcp/test/stdio.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { BIN, callVia, connectStdio, serverEnv } from "./helpers.mjs";
import { defineSuite } from "./suite.mjs";

defineSuite("stdio", {
  async connect({ sandboxUrl, readOnly, confirm = true, elicit }) {
    const args = [...(readOnly ? ["--read-only"] : []), ...(confirm ? [] : ["--no-confirm"])];
    const client = await connectStdio({ args, env: serverEnv(sandboxUrl), elicit });
    return { client, close: () => client.close() };
  },
});

describe("customerio-mcp on the command line", () => {
  test("--sandbox serves the embedded sandbox with no account", async () => {
    const client = await connectStdio({ args: ["--sandbox"], env: { PATH: process.env.PATH } });
    try {
      const result = await callVia(client, "CUSTOMERIO_FIND_SEGMENTS", { name: "vip" });
      assert.equal(result.structuredContent.matches[0].name, "VIP customers");
    } finally {
      await client.close();
    }
  });

  test("without a key or --sandbox it exits and says what to set", () => {
    const run = spawnSync(process.execPath, [BIN], { env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 15_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /CUSTOMERIO_APP_API_KEY is not set.*--sandbox/);
  });

  test("--version prints the version in customerio-mcp's package.json and exits 0", () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-v"]) {
      const run = spawnSync(process.execPath, [BIN, flag], { env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 15_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${version}\n`);
    }
  });

  test("initialize reports the same version as --version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    const client = await connectStdio({ args: ["--sandbox"], env: { PATH: process.env.PATH } });
    try {
      assert.equal(client.getServerVersion().version, version);
    } finally {
      await client.close();
    }
  });

  test("an unknown flag exits 1 and names it", () => {
    const run = spawnSync(process.execPath, [BIN, "--verison"], { env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 15_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /--verison/);
  });

  test("--help prints the usage", () => {
    const run = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8", timeout: 15_000 });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--read-only/);
    assert.match(run.stdout, /--version/);
  });
});
