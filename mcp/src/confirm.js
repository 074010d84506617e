// A broadcast must not go out on a model's whim: before CUSTOMERIO_TRIGGER_BROADCAST sends, the
// server asks the user (MCP elicitation, form mode) with the broadcast and the audience in words:
// the kind, how many people (the package's countAudience: the entries each counted once, a
// segment's size; "unknown" with why when it cannot be known, or when the size cannot be read,
// which never blocks the trigger), the segments by name. Declined or
// cancelled: nothing is sent and the result says so (not an isError result: the tool did what
// the user chose; the text tells the model not to trigger again unless the user asks).
//
// Spec: https://modelcontextprotocol.io/specification/2025-06-18/client/elicitation

import { callTool } from "customerio-wasm/tools";
import { askToConfirm } from "./ask.js";

const TOOL = "CUSTOMERIO_TRIGGER_BROADCAST";

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function sample(list) {
  const shown = list.slice(0, 3).map(String).join(", ");
  return list.length > 3 ? `${shown}, …` : shown;
}

/** The filter in words, segments by name. */
function describeFilter(node, segmentNames) {
  const [key, value] = Object.entries(node ?? {})[0] ?? [];
  switch (key) {
    case "and":
      return `all of (${value.map((n) => describeFilter(n, segmentNames)).join("; ")})`;
    case "or":
      return `any of (${value.map((n) => describeFilter(n, segmentNames)).join("; ")})`;
    case "not":
      return `not (${describeFilter(value, segmentNames)})`;
    case "segment": {
      const name = segmentNames.get(Number(value.id));
      return name ? `segment "${name}" (id ${value.id})` : `segment ${value.id} (not found among the workspace's segments)`;
    }
    case "attribute":
      return value.operator === "exists" ? `people with attribute ${value.field}` : `people whose ${value.field} is ${JSON.stringify(value.value)}`;
    default:
      return JSON.stringify(node);
  }
}

function segmentIds(node, into = new Set()) {
  const [key, value] = Object.entries(node ?? {})[0] ?? [];
  if (key === "segment") into.add(Number(value.id));
  else if (key === "and" || key === "or") value.forEach((n) => segmentIds(n, into));
  else if (key === "not") segmentIds(value, into);
  return into;
}

/** "1 204 people": thousands apart, as the confirmation shows them. */
function people(n) {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ")} ${n === 1 ? "person" : "people"}`;
}

/** How many people the trigger reaches, from the package; null (with why) when unknown. */
async function countOf(cio, args, options) {
  try {
    return await cio.countAudience(args, options);
  } catch (error) {
    return { count: null, reason: `the count could not be had (${error?.code ?? error})` };
  }
}

/** ": 1 204 people", or " (number of people unknown: why)". */
function sized(counted) {
  return counted.count === null ? ` (number of people unknown: ${counted.reason})` : `: ${people(counted.count)}`;
}

/** The audience in words: its kind, the number of people when known, segment names. */
export async function describeAudience(cio, args, options) {
  const counted = await countOf(cio, args, options);
  const repeated = counted.duplicates > 0 ? `, ${count(counted.duplicates, "entry", "entries")} repeated` : "";
  if (args.ids) return `${people(counted.count ?? args.ids.length)} by customer id (${sample(args.ids)})${repeated}`;
  if (args.emails) return `${people(counted.count ?? args.emails.length)} by email (${sample(args.emails)})${repeated}`;
  if (args.per_user_data) return `${people(counted.count ?? args.per_user_data.length)}, each with their own data (${sample(args.per_user_data.map((e) => e.id ?? e.email))})${repeated}`;
  if (args.data_file_url) return `the people listed in the file ${args.data_file_url}${sized(counted)}`;
  if (args.default_audience) return `the audience configured on the broadcast in Customer.io${sized(counted)}`;
  const names = new Map();
  if (segmentIds(args.recipients).size > 0) {
    try {
      const { segments } = await cio.getSegments({}, options);
      for (const s of segments ?? []) names.set(s.id, s.name);
    } catch {
      // Without names the ids are shown.
    }
  }
  const [key] = Object.keys(args.recipients ?? {});
  const what = key === "segment" ? describeFilter(args.recipients, names) : `a filter: ${describeFilter(args.recipients, names)}`;
  return `${what}${sized(counted)}`;
}

async function describeBroadcast(cio, id, options) {
  if (typeof cio.getBroadcast === "function") {
    try {
      const { broadcast } = await cio.getBroadcast({ broadcast_id: id }, options);
      if (broadcast?.name) return `broadcast "${broadcast.name}" (id ${id})`;
    } catch {
      // The id alone.
    }
  }
  return `broadcast ${id}`;
}

/** A value of `data` longer than this (as JSON) is cut, with a marker and its full length. */
const SHOWN_VALUE_CHARS = 200;

/**
 * Every key of `data`, each with its value as JSON: nothing sent is hidden from the person who
 * confirms. A long value is cut with a visible marker that gives its full length, so a link
 * placed after a page of filler is still named by its key.
 */
export function describeData(data) {
  const entries = Object.entries(data).map(([key, value]) => {
    const text = JSON.stringify(value) ?? String(value);
    const shown = text.length > SHOWN_VALUE_CHARS
      ? `${text.slice(0, SHOWN_VALUE_CHARS)}… [cut: ${text.length} characters in all]`
      : text;
    return `${JSON.stringify(key)}: ${shown}`;
  });
  return `{ ${entries.join(", ")} } (${entries.length} ${entries.length === 1 ? "key" : "keys"})`;
}

/**
 * Asks the user to confirm a trigger. Resolves to null when confirmed (send it), or to the tool
 * result to return instead: the client's refusal of bad arguments, or "not sent".
 */
export async function confirmTrigger(server, cio, args, options) {
  const given = args ?? {};
  try {
    cio.prepare("triggerBroadcast", given);
  } catch {
    // Refused before anything is asked or sent: the tool result says why.
    return callTool(cio, TOOL, given, options);
  }
  const [broadcast, audience] = await Promise.all([
    describeBroadcast(cio, given.broadcast_id, options),
    describeAudience(cio, given, options),
  ]);
  const data = given.data ? ` with data ${describeData(given.data)}` : "";
  const message = `Send ${broadcast} now to ${audience}${data}? It messages people and cannot be undone.`;
  return askToConfirm(server, { message, title: "Send this broadcast now", declined: `sending ${broadcast} to ${audience}`, again: "trigger it" }, options);
}
