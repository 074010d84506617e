// The MCP server as users get it: dist/customerio-mcp-<v>.tgz and the customerio-wasm tarball it
// depends on (by version) published to a local registry, then `npm i -g customerio-mcp` into a
// temporary prefix and `npx --package=<the tgz> customerio-mcp`, each driven by the official MCP
// SDK client over stdio (initialize, tools/list, one call) against the embedded sandbox.
//
//   node --test tests/release/mcp.test.mjs      (after make release)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_DIR, VERSION, artifact, emptyFolder, ok, startRegistry } from "./registry.mjs";

const SDK = join(REPO_DIR, "mcp", "node_modules", "@modelcontextprotocol", "sdk", "dist", "esm", "client");
const { Client } = await import(pathToFileURL(join(SDK, "index.js")).href);
const { StdioClientTransport } = await import(pathToFileURL(join(SDK, "stdio.js")).href);

let registry;
let prefix;
let npxHome;

before(async () => {
  registry = await startRegistry([artifact("customerio-wasm", "tgz"), artifact("customerio-mcp", "tgz")]);
  prefix = emptyFolder("cio-mcp-global-");
  npxHome = emptyFolder("cio-mcp-npx-");
});

after(async () => {
  await registry?.stop();
  prefix?.remove();
  npxHome?.remove();
});

/** initialize, tools/list and one call over stdio; returns what the server said. */
async function drive(command, args, env) {
  const client = new Client({ name: "release-test", version: VERSION }, { capabilities: {} });
  const transport = new StdioClientTransport({ command, args, env, stderr: "pipe" });
  await client.connect(transport);
  try {
    const server = client.getServerVersion();
    const { tools } = await client.listTools();
    const call = await client.callTool({ name: "CUSTOMERIO_GET_SEGMENTS", arguments: {} });
    return { server, tools: tools.map((t) => t.name), call };
  } finally {
    await client.close();
  }
}

function expectServer({ server, tools, call }) {
  assert.equal(server.name, "customerio-mcp");
  assert.equal(server.version, VERSION);
  for (const name of ["CUSTOMERIO_TRIGGER_BROADCAST", "CUSTOMERIO_GET_SEGMENTS", "CUSTOMERIO_GET_MESSAGES"]) assert.ok(tools.includes(name), name);
  assert.equal(call.isError, false, JSON.stringify(call));
  assert.ok(call.structuredContent.segments.length > 0);
}

test("the MCP tarball depends on customerio-wasm by version, never by path", async () => {
  const { stdout } = await ok("tar", ["-xOzf", artifact("customerio-mcp", "tgz"), "package/package.json"]);
  const manifest = JSON.parse(stdout);
  assert.equal(manifest.version, VERSION);
  assert.equal(manifest.dependencies["customerio-wasm"], `^${VERSION}`);
  for (const [name, spec] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
    assert.doesNotMatch(spec, /^(file|link):/, name);
  }
});

test("npm i -g customerio-mcp: customerio-mcp --version, then --sandbox over stdio with the SDK client", async () => {
  await ok("npm", ["install", "--global", "--prefix", prefix.dir, "customerio-mcp"], { env: registry.env, cwd: prefix.dir });
  const bin = join(prefix.dir, "bin", "customerio-mcp");
  const manifest = JSON.parse(readFileSync(join(prefix.dir, "lib", "node_modules", "customerio-mcp", "package.json"), "utf8"));
  assert.equal(manifest.dependencies["customerio-wasm"], `^${VERSION}`);
  const version = await ok(bin, ["--version"], { env: { PATH: process.env.PATH } });
  assert.equal(version.stdout.trim(), VERSION);
  expectServer(await drive(bin, ["--sandbox"], { PATH: process.env.PATH }));
});

test("npx --package=<customerio-mcp tgz> customerio-mcp --sandbox, driven by the SDK client", async () => {
  const env = { ...registry.env, npm_config_cache: join(npxHome.dir, "cache"), npm_config_yes: "true" };
  const npx = ["--yes", `--package=${artifact("customerio-mcp", "tgz")}`, "customerio-mcp"];
  const version = await ok("npx", [...npx, "--version"], { env, cwd: npxHome.dir });
  assert.equal(version.stdout.trim(), VERSION);
  expectServer(await drive("npx", [...npx, "--sandbox"], { ...env, PATH: process.env.PATH }));
});
