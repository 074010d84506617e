// The client setup blocks of the READMEs (the repository's "Agent tools and the MCP server" and
// mcp/README.md), as a user copies them: each parses, has its client's documented shape, and
// starts the server as written, through the official SDK client over stdio. `npx -y customerio-mcp`
// (the published package) is run from this checkout (node bin/customerio-mcp.js), and the key the
// user would paste, export or type into VS Code's prompt is the sandbox's.
//
//   node --test mcp/test/clients.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { API_KEY, BIN, makeClient, startSandbox } from "./helpers.mjs";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const READMES = {
  "README.md": sectionOf(readFileSync(new URL("../../README.md", import.meta.url), "utf8"), "## Agent tools and the MCP server"),
  "mcp/README.md": readFileSync(new URL("../README.md", import.meta.url), "utf8"),
};

/** The text from `heading` to the next heading of its level. */
function sectionOf(text, heading) {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has "${heading}"`);
  const end = text.indexOf("\n## ", start + heading.length + 2);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of `lang` that follow the paragraph starting with `**label**`. */
function blockAfter(text, label, lang) {
  const at = text.indexOf(`**${label}**`);
  assert.ok(at >= 0, `a "${label}" paragraph`);
  const open = text.indexOf(`\`\`\`${lang}\n`, at);
  assert.ok(open >= 0, `a ${lang} block after "${label}"`);
  const close = text.indexOf("\n```", open + lang.length + 4);
  return text.slice(open + lang.length + 4, close);
}

/** How a client would start the server: `npx -y customerio-mcp …` becomes this checkout's bin. */
function launch({ command, args, env }) {
  assert.equal(command, "npx");
  assert.deepEqual(args.slice(0, 2), ["-y", "customerio-mcp"]);
  return { command: process.execPath, args: [BIN, ...args.slice(2)], env };
}

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.close());

/** Starts the server as `config` says (key and base URL of the sandbox) and makes one call. */
async function startsAndAnswers({ command, args, env }) {
  const client = makeClient();
  const transport = new StdioClientTransport({
    command, args, stderr: "pipe",
    env: { PATH: process.env.PATH, ...env, CUSTOMERIO_BASE_URL: sandbox.url },
  });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === "CUSTOMERIO_TRIGGER_BROADCAST"));
    const result = await client.callTool({ name: "CUSTOMERIO_FIND_SEGMENTS", arguments: { name: "vip" } });
    assert.equal(result.isError ?? false, false, result.content[0].text);
    assert.equal(result.structuredContent.matches[0].name, "VIP customers");
  } finally {
    await client.close();
  }
}

for (const [file, text] of Object.entries(READMES)) {
  describe(`${file}: the client setup blocks`, () => {
    test("Claude Desktop: mcpServers with command, args and env, and its config file on macOS, Windows and Linux", async () => {
      assert.match(text, /~\/Library\/Application Support\/Claude\/claude_desktop_config\.json/);
      assert.match(text, /%APPDATA%\\Claude\\claude_desktop_config\.json/);
      assert.match(text, /~\/\.config\/Claude\/claude_desktop_config\.json/);
      const server = JSON.parse(blockAfter(text, "Claude Desktop", "json")).mcpServers.customerio;
      assert.equal(server.env.CUSTOMERIO_REGION, "us");
      await startsAndAnswers(launch({ ...server, env: { ...server.env, CUSTOMERIO_APP_API_KEY: API_KEY } }));
    });

    test("Claude Code: claude mcp add with the name before --env, then -- and the command", async () => {
      const line = blockAfter(text, "Claude Code", "sh").trim();
      const words = line.split(/\s+/);
      assert.deepEqual(words.slice(0, 4), ["claude", "mcp", "add", "customerio"]);
      const dashes = words.indexOf("--");
      const env = {};
      for (let i = 4; i < dashes; i += 2) {
        assert.equal(words[i], "--env", `option ${words[i]}`);
        const [key, ...value] = words[i + 1].split("=");
        env[key] = value.join("=");
      }
      assert.deepEqual(Object.keys(env).sort(), ["CUSTOMERIO_APP_API_KEY", "CUSTOMERIO_REGION"]);
      const [command, ...args] = words.slice(dashes + 1);
      await startsAndAnswers(launch({ command, args, env: { ...env, CUSTOMERIO_APP_API_KEY: API_KEY } }));
    });

    test("Cursor: mcpServers in ~/.cursor/mcp.json or .cursor/mcp.json, the key from the environment", async () => {
      assert.match(text, /`~\/\.cursor\/mcp\.json`/);
      assert.match(text, /`\.cursor\/mcp\.json`/);
      const server = JSON.parse(blockAfter(text, "Cursor", "json")).mcpServers.customerio;
      assert.equal(server.env.CUSTOMERIO_APP_API_KEY, "${env:CUSTOMERIO_APP_API_KEY}");
      // Cursor fills ${env:NAME} from the user's environment.
      await startsAndAnswers(launch({ ...server, env: { ...server.env, CUSTOMERIO_APP_API_KEY: API_KEY } }));
    });

    test("VS Code: servers with type stdio, and the key a password input it references", async () => {
      assert.match(text, /`\.vscode\/mcp\.json`/);
      const config = JSON.parse(blockAfter(text, "VS Code", "json"));
      assert.equal(config.mcpServers, undefined, "VS Code reads servers, not mcpServers");
      const server = config.servers.customerio;
      assert.equal(server.type, "stdio");
      const [input] = config.inputs;
      assert.deepEqual([input.type, input.password], ["promptString", true]);
      assert.equal(server.env.CUSTOMERIO_APP_API_KEY, `\${input:${input.id}}`);
      // VS Code asks for the input and puts the answer in its place.
      await startsAndAnswers(launch({ ...server, env: { ...server.env, CUSTOMERIO_APP_API_KEY: API_KEY } }));
    });
  });
}
