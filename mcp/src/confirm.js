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
import { describeAudience as wordsOf, segmentIds } from "customerio-wasm/audience";
import { askToConfirm } from "./ask.js";

const TOOL = "CUSTOMERIO_TRIGGER_BROADCAST";

/** How many people the trigger reaches, from the package; null (with why) when unknown. */
async function countOf(cio, args, options) {
  try {
    return await cio.countAudience(args, options);
  } catch (error) {
    return { count: null, reason: `the count could not be had (${error?.code ?? error})` };
  }
}

/**
 * The audience in words (the package's describeAudience), with the number of people when known
 * and the segments by name, read from the workspace.
 */
export async function describeAudience(cio, args, options) {
  const count = await countOf(cio, args, options);
  let segments = [];
  if (segmentIds(args.recipients).size > 0) {
    try {
      segments = (await cio.getSegments({}, options)).segments ?? [];
    } catch {
      // Without names the ids are shown.
    }
  }
  return wordsOf(args, { count, segments });
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
