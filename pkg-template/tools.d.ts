// Types for customerio-wasm/tools: the CUSTOMERIO_* agent tools, generated from the core's table.
import type { CustomerIo } from "./index.js";

/** A JSON Schema object (2020-12 for inputSchema). */
export type JsonSchema = { [key: string]: unknown };

/** One tool as MCP lists it. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema & { type: "object" };
  outputSchema?: JsonSchema & { type: "object" };
  annotations: {
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
}

/** A tool's failure: the client's CustomerIoError (or an unknown tool name), nothing thrown. */
export interface ToolError {
  code: string;
  message: string;
  field?: string;
  status?: number;
  retryAfterMs?: number;
  /** For `unknown_tool`: the nearest tool name. */
  nearest?: string;
  /**
   * For `unknown_outcome` from the trigger tool: what the trigger list (`findTrigger` over the
   * call's window) showed; a trigger found there makes the result a success instead.
   */
  settled?: "none" | "ambiguous" | "unreachable";
  /** For `settled: "ambiguous"`: the triggers created in the call's window. */
  candidates?: (number | string)[];
}

/** An MCP-style tool result; `structuredContent` is the answer, or a ToolError when `isError`. */
export interface ToolResult {
  content: [{ type: "text"; text: string }];
  structuredContent: { [key: string]: unknown };
  isError: boolean;
}

/** Every tool: the seed's eight slugs first, then ours. */
export declare const tools: ToolDefinition[];

/**
 * Calls a tool through `cio`'s public methods: the client validates the arguments before
 * anything is sent. Never rejects: refusals, API errors and unknown names are `isError` results.
 */
export declare function callTool(
  cio: CustomerIo,
  name: string,
  args?: { [key: string]: unknown } | null,
  options?: { signal?: AbortSignal },
): Promise<ToolResult>;

/**
 * `args` with each string parsed as JSON where the tool's input schema expects an object or an
 * array at that argument (clients such as the MCP Inspector CLI send `--tool-arg` values as text).
 * Only text that parses to the expected kind is replaced; other strings stay strings and are refused
 * by validation as usual. `callTool` applies it; call it yourself to read the arguments first.
 */
export declare function parseJsonArguments(name: string, args: { [key: string]: unknown }): { [key: string]: unknown };
export declare function parseJsonArguments<T extends null | undefined>(name: string, args: T): T;

/**
 * The name among `names` (by default every tool's) nearest to `name`, case-insensitively: what an
 * "unknown tool" answer suggests. A server that offers fewer tools passes its own list.
 */
export declare function nearestTool(name: string, names?: string[]): string | undefined;
