// customerio-wasm/tools: the seed's agent tools (CUSTOMERIO_*) and ours, for any agent framework
// or MCP server. The definitions (names, descriptions with the seed's pitfalls, JSON Schema 2020-12
// of the arguments, output schemas, annotations) are generated from the Rust core's table by
// src/bin/export-table.rs into tools-table.js; this module only carries out a call through a
// CustomerIo instance's public methods, so every argument is validated by the client before
// anything is sent, and turns the answer or the CustomerIoError into an MCP-style tool result.

import { toolTable } from "./tools-table.js";
import { FUNNEL_METRICS, funnelSteps, seriesTotals } from "./funnel.js";
import { rules } from "./rules.js";

/** The tool definitions, as MCP lists them. */
export const tools = toolTable.map((row) => row.definition);

const rows = new Map(toolTable.map((row) => [row.definition.name, row]));

/** The operation's path ids among `args` (broadcast_id, newsletter_id, …), as numbers. */
function pathIds(row, args) {
  return Object.fromEntries(row.params.filter((p) => p.location === "path").map((p) => [p.name, Number(args[p.name])]));
}

/** "broadcast 11, action 301" from a summary's ids. */
function describeIds(body, row) {
  return row.params.filter((p) => p.location === "path").map((p) => `${p.name.replace(/_id$/, "")} ${body[p.name]}`).join(", ");
}

/** Codes of an argument refused before sending: nothing went out. */
const REFUSED = new Set(rules.refusedBeforeSending);

function result(structuredContent, text, isError) {
  return { content: [{ type: "text", text }], structuredContent, isError };
}

function success(body, text) {
  return result(body, text ?? JSON.stringify(body), false);
}

/** A tool error as a result: the code, field and message, and what to do next. */
function failure(error, row) {
  const structured = { code: String(error.code ?? "internal"), message: String(error.message ?? error) };
  for (const key of ["field", "nearest"]) if (typeof error[key] === "string") structured[key] = error[key];
  for (const key of ["status", "retryAfterMs"]) if (Number.isInteger(error[key])) structured[key] = error[key];
  let text = `${structured.code}${structured.field ? ` (${structured.field})` : ""}: ${structured.message.replace(/\.?$/, ".")}`;
  if (REFUSED.has(structured.code) || structured.code === "unknown_tool") text += " Nothing was sent; correct the arguments and call again.";
  else if (structured.code === "rate_limited" && structured.retryAfterMs !== undefined) text += ` Retry in ${Math.ceil(structured.retryAfterMs / 1000)} s.`;
  else if (structured.code === "unknown_outcome" && row?.operation.startsWith("send")) text += " It may have been sent: look for the delivery (CUSTOMERIO_GET_MESSAGES) before sending again.";
  else if (structured.code === "unknown_outcome") text += settledText(error.settled, structured);
  return result(structured, text, true);
}

/**
 * What the trigger list said after an unknown_outcome (`findTrigger` over the call's window), in
 * the result: "none" right after the call is not proof (a server may still act on a request
 * that timed out), so the text says to look again before triggering again.
 */
function settledText(settled, structured) {
  if (settled === undefined) return " It may have been sent: check CUSTOMERIO_GET_TRIGGERS before triggering again.";
  structured.settled = settled.outcome;
  if (settled.outcome === "none") {
    return " The trigger list shows no trigger created since the call started (checked just now), so it most likely was not sent; a request that timed out can still be processed, so check CUSTOMERIO_GET_TRIGGERS again in a minute before triggering again, and only if the user asks.";
  }
  if (settled.outcome === "ambiguous") {
    structured.candidates = settled.candidates.map((t) => t.id);
    return ` More than one trigger (${structured.candidates.join(", ")}) was created since the call started: something else triggers this broadcast, so it cannot tell. Do not trigger again; ask the user to check CUSTOMERIO_GET_TRIGGERS.`;
  }
  return ` The trigger list could not be read (${settled.error?.code}), so it cannot tell: check CUSTOMERIO_GET_TRIGGERS before triggering again.`;
}

/**
 * Triggers a broadcast; when the answer is lost (unknown_outcome), asks the trigger list what
 * happened (findTrigger over the call's window): a trigger found there is the call's, and the
 * result is a success with its id; otherwise the error carries the verdict.
 */
async function triggerAndSettle(cio, args, options) {
  const startedAt = Date.now();
  try {
    return success(await cio.triggerBroadcast(args, options));
  } catch (error) {
    if (error?.code !== "unknown_outcome" || typeof cio.findTrigger !== "function") throw error;
    const window = { broadcast_id: args.broadcast_id, after: Math.floor(startedAt / 1000), before: new Date() };
    const settled = await cio.findTrigger(window, options).catch(() => undefined);
    if (settled?.outcome === "found") {
      const body = { id: settled.trigger.id };
      return success(body, `Sent: the answer was lost, but the trigger list shows trigger ${body.id} created by this call. Do not trigger it again.\n${JSON.stringify(body)}`);
    }
    throw Object.assign(error, { settled });
  }
}

/** A refusal raised by this module (the client's own refusals are CustomerIoErrors). */
function refuse(code, field, message, extra = {}) {
  return Object.assign(new Error(message), { code, field, ...extra });
}

/** Edit distance, for "did you mean". */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function nearest(word, candidates) {
  let best;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** The tool's own arguments (those of a tool that is more than one operation call). */
function checkOwnArguments(row, args) {
  const names = row.params.map((p) => p.name);
  for (const key of Object.keys(args)) {
    if (!names.includes(key)) {
      throw refuse("invalid_params", key, `${row.definition.name} takes ${names.join(", ")}; "${key}" is not one of them (did you mean "${nearest(key, names)}"?)`);
    }
  }
  for (const param of row.params) {
    const value = args[param.name];
    if (value === undefined) {
      if (param.required) throw refuse("invalid_params", param.name, `${row.definition.name} needs ${param.name}: ${param.description}`);
    } else if (param.kind.type === "text" && (typeof value !== "string" || !value.trim() || value.length > param.kind.max_chars)) {
      throw refuse("invalid_params", param.name, `${param.name} must be a non-empty string of at most ${param.kind.max_chars} characters: ${param.description}`);
    }
  }
}

const runners = {
  async operation(cio, row, args, options) {
    if (row.operation === "triggerBroadcast") return triggerAndSettle(cio, args, options);
    return success(await cio[row.operation](args, options));
  },

  /** CUSTOMERIO_FIND_SEGMENTS: the seed's "segment ID resolution" pitfall, in one call. */
  async find_segments(cio, row, args, options) {
    checkOwnArguments(row, args);
    const { segments } = await cio.getSegments({}, options);
    const all = (segments ?? []).filter((s) => typeof s.name === "string");
    const query = args.name.trim().toLowerCase();
    const matches = all.filter((s) => s.name.toLowerCase().includes(query));
    const closest = matches.length > 0 ? [] : all
      .map((s) => ({ id: s.id, name: s.name, d: distance(query, s.name.toLowerCase()) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 3)
      .map(({ id, name }) => ({ id, name }));
    const body = { query: args.name, matches, nearest: closest };
    const text = matches.length > 0
      ? `${matches.length} segment(s) match "${args.name}": ${matches.map((s) => `${s.name} (id ${s.id})`).join("; ")}. Use the id in recipients: {segment: {id}}.\n${JSON.stringify(body)}`
      : `No segment name contains "${args.name}". Nearest: ${closest.map((s) => `${s.name} (id ${s.id})`).join("; ") || "none (the workspace has no segments)"}.\n${JSON.stringify(body)}`;
    return success(body, text);
  },

  /**
   * The funnels (CUSTOMERIO_BROADCAST_FUNNEL, _NEWSLETTER_FUNNEL, _BROADCAST_ACTION_FUNNEL,
   * _TRANSACTIONAL_FUNNEL): one metrics read summed over its steps, the same way for every kind
   * of send.
   */
  async funnel(cio, row, args, options) {
    const { metric } = await cio[row.operation](args, options);
    const totals = seriesTotals(metric?.series);
    const funnel = funnelSteps(totals);
    const other = Object.fromEntries(Object.entries(totals).filter(([name]) => !FUNNEL_METRICS.includes(name)));
    const steps = Math.max(0, ...Object.values(metric?.series ?? {}).map((counts) => counts.length));
    const body = { ...pathIds(row, args), period: args.period ?? "days", steps, funnel, other };
    const percent = (r) => (r === null ? "n/a" : `${(r * 100).toFixed(1)}%`);
    const lines = funnel.map((s) => `${s.metric}: ${s.count} (${percent(s.rate_of_attempted)} of attempted)`);
    return success(body, `${describeIds(body, row)} over ${steps} ${body.period}: ${lines.join(", ")}.\n${JSON.stringify(body)}`);
  },

  /** CUSTOMERIO_BROADCAST_LINKS: each link's clicks summed over the steps, most clicked first. */
  async top_links(cio, row, args, options) {
    const answer = await cio[row.operation](args, options);
    const links = (answer.links ?? []).map((entry) => ({
      id: entry?.link?.id ?? null,
      href: entry?.link?.href ?? null,
      clicks: (entry?.metric?.series?.clicked ?? []).reduce((a, b) => a + b, 0),
    })).sort((a, b) => b.clicks - a.clicks);
    const steps = Math.max(0, ...(answer.links ?? []).map((entry) => entry?.metric?.series?.clicked?.length ?? 0));
    const body = { ...pathIds(row, args), period: args.period ?? "days", steps, unique: args.unique === true, links };
    const top = links.slice(0, 5).map((l) => `${l.href} (${l.clicks})`).join(", ") || "no tracked links";
    return success(body, `${describeIds(body, row)} over ${steps} ${body.period}, ${body.unique ? "people" : "clicks"} per link: ${top}.\n${JSON.stringify(body)}`);
  },
};

/** "object" or "array" when `schema` (resolving `#/$defs/…` in `root`) accepts only that JSON kind. */
function structureOf(schema, root) {
  if (!schema || typeof schema !== "object") return null;
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#/$defs/")) return structureOf(root.$defs?.[schema.$ref.slice(8)], root);
  if (schema.type === "object" || schema.type === "array") return schema.type;
  const branches = schema.oneOf ?? schema.anyOf;
  if (schema.type === undefined && Array.isArray(branches) && branches.length > 0) {
    const kinds = new Set(branches.map((branch) => structureOf(branch, root)));
    if (kinds.size === 1) return [...kinds][0];
  }
  return null;
}

/**
 * `args` with each string parsed as JSON where the tool's input schema expects an object or an
 * array at that (top-level) argument: some clients send every argument as text (the MCP Inspector
 * CLI's `--tool-arg recipients={"segment":{"id":3}}`). Only text that parses to the kind the
 * schema expects is replaced; any other string stays a string, and the client's validation then
 * refuses it with its usual message. `callTool` does this itself; a server that looks at the
 * arguments before calling (to confirm a trigger) calls it first. Unknown tools: `args` as given.
 */
export function parseJsonArguments(name, args) {
  const schema = rows.get(name)?.definition.inputSchema;
  if (!schema || !args || typeof args !== "object" || Array.isArray(args)) return args;
  let parsed = args;
  for (const [key, value] of Object.entries(args)) {
    const own = typeof value === "string" && Object.hasOwn(schema.properties ?? {}, key);
    const expected = own ? structureOf(schema.properties[key], schema) : null;
    if (!expected) continue;
    let json;
    try {
      json = JSON.parse(value);
    } catch {
      continue;
    }
    if (json !== null && typeof json === "object" && Array.isArray(json) === (expected === "array")) {
      if (parsed === args) parsed = { ...args };
      parsed[key] = json;
    }
  }
  return parsed;
}

/**
 * Calls the tool `name` with `args` through `cio` (a CustomerIo). Never throws: a refused
 * argument, an API error or an unknown tool name comes back as `isError: true` with
 * `{ code, field?, message, status?, retryAfterMs? }` in `structuredContent`.
 */
/**
 * The name among `names` (by default every tool's) nearest to `name`, for "did you mean":
 * case-insensitive edit distance. A server that offers fewer tools passes its own list.
 */
export function nearestTool(name, names = [...rows.keys()]) {
  return nearest(String(name), names);
}

export async function callTool(cio, name, args, { signal } = {}) {
  const row = rows.get(name);
  if (!row) {
    const guess = nearest(String(name), [...rows.keys()]);
    return failure(refuse("unknown_tool", undefined, `There is no tool "${name}"; did you mean "${guess}"?`, { nearest: guess }));
  }
  const given = args ?? {};
  if (typeof given !== "object" || Array.isArray(given)) {
    return failure(refuse("invalid_params", "arguments", `${name} takes an object of named arguments, got ${Array.isArray(given) ? "an array" : typeof given}`));
  }
  try {
    return await runners[row.runner](cio, row, parseJsonArguments(name, given), signal ? { signal } : undefined);
  } catch (error) {
    return failure(error, row);
  }
}
