// The trigger form's state → triggerBroadcast parameters, and the audience in words. Pure (no
// DOM, no chrome.*), tested in Node on the build (extension/test/modules.test.mjs).
//
// The form never decides whether an audience is valid: it passes what the user ticked and the
// package's prepare() answers (two audiences → audience_conflict at the second one's field).

import { describeAudience as wordsOf } from "../vendor/customerio-wasm/audience.js";
import { rules } from "../vendor/customerio-wasm/rules.js";

/** The audience kinds the form offers, in order, and the triggerBroadcast audience of each. */
export const AUDIENCE_KINDS = Object.freeze(["ids", "emails", "segment", "default_audience"]);
const AUDIENCE_OF_KIND = Object.freeze({ ids: "ids", emails: "emails", segment: "recipients", default_audience: "default_audience" });

/**
 * The flags and the form's audiences that take them, from the package's table (the core's
 * validation decides, src/params/audience.rs): never restated here.
 */
export const FLAGS = Object.freeze(Object.fromEntries(
  [...new Set(Object.values(rules.audiences).flatMap((audience) => audience.flags))].map((flag) => [
    flag,
    Object.freeze(AUDIENCE_KINDS.filter((kind) => rules.audiences[AUDIENCE_OF_KIND[kind]].flags.includes(flag))),
  ]),
));

/** An error the form finds itself before the package sees the parameters (bad JSON). */
export class FormError extends Error {
  constructor(field, message) {
    super(message);
    this.name = "FormError";
    this.code = "invalid_params";
    this.field = field;
  }
}

/** Splits a list field: one entry per line or comma, blanks dropped. */
export function splitList(text) {
  return String(text ?? "").split(/[\n,]/).map((entry) => entry.trim()).filter((entry) => entry !== "");
}

/**
 * @typedef {{ broadcastId: number | string, on: Record<string, boolean>, ids: string, emails: string,
 *   segmentId: string, data: string, flags: Record<string, boolean> }} FormState
 */

/**
 * The parameters of triggerBroadcast for the form's state. Throws FormError for data that is not
 * a JSON object.
 * @param {FormState} state
 */
export function triggerParams(state) {
  const params = { broadcast_id: state.broadcastId };
  if (state.on.ids) params.ids = splitList(state.ids);
  if (state.on.emails) params.emails = splitList(state.emails);
  if (state.on.segment) {
    params.recipients = { segment: { id: /^[0-9]+$/.test(state.segmentId ?? "") ? Number(state.segmentId) : state.segmentId } };
  }
  if (state.on.default_audience) params.default_audience = true;
  const text = String(state.data ?? "").trim();
  if (text !== "") {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new FormError("data", `data is not valid JSON (${error.message}); write an object such as {"headline": "Hi"}`);
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new FormError("data", "data must be a JSON object such as {\"headline\": \"Hi\"}");
    }
    params.data = data;
  }
  for (const [flag, kinds] of Object.entries(FLAGS)) {
    if (state.flags?.[flag] && kinds.some((kind) => state.on[kind])) params[flag] = true;
  }
  return params;
}

/**
 * The audience of valid triggerBroadcast parameters in words, the package's wording (the MCP
 * server's confirmation says the same), e.g. `segment "VIP customers" (id 3)`.
 * @param {Record<string, unknown>} params
 * @param {Array<{ id: number, name?: string | null }>} segments
 */
export function describeAudience(params, segments = []) {
  return wordsOf(params, { segments });
}

/**
 * The form element a package error points at: "emails[2]" → "emails", "recipients.segment.id" →
 * "segment", "broadcast_id" → "broadcast_id". Unknown fields go to the audience group.
 * @param {string | undefined} field
 */
export function formFieldOf(field) {
  const head = String(field ?? "").split(/[.[]/)[0];
  if (head === "recipients") return "segment";
  if (["ids", "emails", "default_audience", "data", "broadcast_id", ...Object.keys(FLAGS)].includes(head)) return head;
  return "audience";
}
