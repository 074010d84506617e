// Types of `customerio-wasm/table`: the core's table of operations and parameters, exported at
// build time (src/export.rs). Forms, docs and agent tools read it instead of restating the rules.

/** What a parameter holds and the rule it must pass. */
export type ParamKind =
  | { type: "id" | "trigger_id" | "timestamp" | "cursor" | "bool" | "filter" | "url" | "true" }
  | { type: "limit"; min: number; max: number }
  | { type: "enum"; values: string[] }
  | { type: "string_list" | "per_user_data"; max: number }
  | { type: "object"; max_bytes: number }
  | { type: "text" | "message_id"; max_chars: number };

/** One parameter of an operation, by its snake_case wire name. */
export interface TableParam {
  name: string;
  kind: ParamKind;
  required: boolean;
  /** Where it goes: the path, the query, the JSON body, or nowhere (read by the client only). */
  location: "path" | "query" | "body" | "client";
  description: string;
}

/** One operation as the client exposes it. */
export interface TableOperation {
  /** The method name, e.g. "getMessages". */
  name: string;
  /** The seed's tool slug, when the seed has one. */
  tool: string | null;
  method: "GET" | "POST";
  /** The path template, e.g. "/v1/segments/{segment_id}". */
  path: string;
  summary: string;
  params: TableParam[];
  /** For paginated operations, the field of a page that holds its items. */
  items: string | null;
}

/** Every operation, in the seed's order. */
export const operations: TableOperation[];

/**
 * Every error message template of the core, by name: the text with `{name}` placeholders that
 * the client fills, in order, with the error's values (the same table the wasm words errors from).
 */
export const messages: Readonly<Record<string, string>>;

export type { TableRules } from "./rules.js";
export { rules } from "./rules.js";
