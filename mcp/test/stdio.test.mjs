// customerio-mcp over stdio: the official SDK Client spawns the bin (node bin/customerio-mcp.js),
// against the sandbox served on 127.0.0.1 (CUSTOMERIO_BASE_URL), and with --sandbox.
//
//   node --test mcp/test/stdio.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

  test("--help prints the usage", () => {
    const run = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8", timeout: 15_000 });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--read-only/);
  });
});
