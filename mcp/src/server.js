// The MCP server of the CUSTOMERIO_* tools: tools/list and tools/call over any SDK transport
// (stdio, Streamable HTTP, a Worker). The tools, their schemas and their execution are
// customerio-wasm/tools; this file adds what only a server knows: which tools this deployment
// offers (--read-only) and, before a broadcast goes out, the user's confirmation through
// elicitation when the client supports it.
//
// SDK: @modelcontextprotocol/sdk 1.32 low-level `Server` (the tools carry JSON Schemas, not zod):
// https://github.com/modelcontextprotocol/typescript-sdk (docs/server.md, "Low-level server";
// elicitation: `Server.elicitInput`).

import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { callTool, nearestTool, parseJsonArguments, tools } from "customerio-wasm/tools";
import packageJson from "../package.json" with { type: "json" };
import { confirmTrigger } from "./confirm.js";
import { confirmSend, SEND_TOOLS } from "./confirm-send.js";

export const SERVER_NAME = "customerio-mcp";
/** The version of this package (its package.json: the one place it is written). */
export const SERVER_VERSION = packageJson.version;

/** Whether a tool changes anything (the trigger, the sends). */
const writes = (tool) => tool.annotations.readOnlyHint === false;

/**
 * A new MCP server (one per session) over the client `cio`.
 * - `readOnly`: leave the trigger and send tools out (neither listed nor callable).
 * - `confirm` (default true): ask the user through elicitation before a trigger, when the client
 *   supports it. Turn off for unattended use.
 * - `jsonSchemaValidator`: passed to the SDK (Workers need one that does not compile with eval).
 */
export function createServer({ cio, readOnly = false, confirm = true, jsonSchemaValidator } = {}) {
  if (!cio) throw new TypeError("createServer needs { cio }: a CustomerIo client");
  const offered = tools.filter((tool) => !(readOnly && writes(tool)));
  const offeredNames = new Set(offered.map((tool) => tool.name));
  const server = new Server(
    { name: SERVER_NAME, version: SERVER_VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        "Customer.io App API tools. Every argument is checked before anything is sent; a refused call returns isError with code, field and a message that says what to send instead. Find segment ids with CUSTOMERIO_FIND_SEGMENTS before targeting a segment.",
      ...(jsonSchemaValidator ? { jsonSchemaValidator } : {}),
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: offered }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name } = request.params;
    // An object or array argument sent as JSON text (the MCP Inspector CLI's --tool-arg) is parsed
    // here, before the confirmation describes the audience; callTool would parse it too.
    const args = parseJsonArguments(name, request.params.arguments);
    const options = { signal: extra.signal };
    // A tool this deployment does not offer is an unknown name (the nearest offered one is named).
    if (!offeredNames.has(name)) return unknownTool(name, offered, readOnly);
    const tool = offered.find((t) => t.name === name);
    if (writes(tool) && confirm && server.getClientCapabilities()?.elicitation) {
      const declined = Object.hasOwn(SEND_TOOLS, name)
        ? await confirmSend(server, cio, name, args, options)
        : await confirmTrigger(server, cio, args, options);
      if (declined) return declined;
    }
    return callTool(cio, name, args, options);
  });

  return server;
}

/** The isError result of a name this server does not offer, with the nearest offered name. */
function unknownTool(name, offered, readOnly) {
  const nearest = nearestTool(name, offered.map((t) => t.name));
  const sends = name === "CUSTOMERIO_TRIGGER_BROADCAST" || Object.hasOwn(SEND_TOOLS, name);
  const why = readOnly && sends ? " (it runs read-only: nothing can be sent)" : "";
  const message = `There is no tool "${name}" on this server${why}; did you mean "${nearest}"?`;
  return {
    content: [{ type: "text", text: message }],
    structuredContent: { code: "unknown_tool", message, nearest },
    isError: true,
  };
}
