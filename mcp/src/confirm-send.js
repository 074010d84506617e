// A transactional send must not go out on a model's whim either: before CUSTOMERIO_SEND_EMAIL,
// _PUSH or _SMS sends, the server asks the user (MCP elicitation, form mode) what goes to whom,
// in words: `email "order confirmation" (template 4) to road@runner.net`. Declined or cancelled:
// nothing is sent and the result says so, as for a trigger (confirm.js).
//
// Spec: https://modelcontextprotocol.io/specification/2025-06-18/client/elicitation

import { callTool } from "customerio-wasm/tools";
import { askToConfirm } from "./ask.js";

/** The tools this file confirms, with the client method each calls and its channel in words. */
export const SEND_TOOLS = {
  CUSTOMERIO_SEND_EMAIL: { method: "sendEmail", channel: "email" },
  CUSTOMERIO_SEND_PUSH: { method: "sendPush", channel: "push notification" },
  CUSTOMERIO_SEND_SMS: { method: "sendSMS", channel: "SMS" },
};

/** The template in words: its name when the workspace lists it, with its id. */
async function describeTemplate(cio, args, options) {
  const id = args.transactional_message_id;
  if (id === undefined) return args.subject ? `with subject ${JSON.stringify(String(args.subject).slice(0, 120))} (no template)` : "(no template)";
  try {
    const { messages } = await cio.listTransactionalMessages({}, options);
    const found = (messages ?? []).find((m) => (typeof id === "number" ? m.id === id : String(m.name).toLowerCase() === String(id).toLowerCase()));
    if (found) return `"${found.name}" (template ${found.id})`;
  } catch {
    // The id alone.
  }
  return typeof id === "number" ? `template ${id}` : `template "${id}"`;
}

/** Who receives it: the `to` of an email or SMS, else the person's identifier. */
function describeRecipient(args) {
  const [key, value] = Object.entries(args.identifiers ?? {})[0] ?? [];
  const person = key ? `${key} ${value}` : "the person";
  if (typeof args.to === "string" && args.to.trim()) {
    const extra = [args.cc && `cc ${args.cc}`, args.bcc && `bcc ${args.bcc}`].filter(Boolean).join(", ");
    return `${args.to}${extra ? ` (${extra})` : ""}`;
  }
  return person;
}

/**
 * Asks the user to confirm a send. Resolves to null when confirmed (send it), or to the tool
 * result to return instead: the client's refusal of bad arguments, or "not sent".
 */
export async function confirmSend(server, cio, name, args, options) {
  const given = args ?? {};
  const { method, channel } = SEND_TOOLS[name];
  try {
    cio.prepare(method, given);
  } catch {
    // Refused before anything is asked or sent: the tool result says why.
    return callTool(cio, name, given, options);
  }
  const template = await describeTemplate(cio, given, options);
  const when = given.send_at === undefined ? "now" : `at ${new Date(Number(given.send_at) * 1000).toISOString()}`;
  const what = `${channel} ${template} to ${describeRecipient(given)}`;
  const message = `Send the ${what} ${when}? It messages a person and cannot be undone.`;
  return askToConfirm(server, { message, title: `Send this ${channel} now`, declined: `sending the ${what}`, again: "send it" }, options);
}
