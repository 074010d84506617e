// The trigger form's state → triggerBroadcast parameters, and the audience in words. Pure (no
// DOM, no chrome.*), tested in Node (tests/extension/trigger-form.test.mjs).
//
// The form never decides whether an audience is valid: it passes what the user ticked and the
// package's prepare() answers (two audiences → audience_conflict at the second one's field).

/** The audience kinds the form offers, in order. */
export const AUDIENCE_KINDS = Object.freeze(["ids", "emails", "segment", "default_audience"]);

/** The flags and the audiences they apply to (reference §2.1). */
export const FLAGS = Object.freeze({
  id_ignore_missing: ["ids"],
  email_ignore_missing: ["emails"],
  email_add_duplicates: ["emails"],
});

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

/** Up to `max` entries, then "and N more". */
function sample(list, max = 3) {
  const shown = list.slice(0, max).join(", ");
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/**
 * The audience of valid triggerBroadcast parameters in words, e.g. "segment VIP customers (id 3)".
 * @param {Record<string, unknown>} params
 * @param {Array<{ id: number, name?: string | null }>} segments
 */
export function describeAudience(params, segments = []) {
  if (Array.isArray(params.ids)) return `${plural(params.ids.length, "customer id", "customer ids")}: ${sample(params.ids)}`;
  if (Array.isArray(params.emails)) return `${plural(params.emails.length, "email address", "email addresses")}: ${sample(params.emails)}`;
  const segmentId = params.recipients?.segment?.id;
  if (segmentId !== undefined) {
    const segment = segments.find((candidate) => String(candidate.id) === String(segmentId));
    return segment?.name ? `segment ${segment.name} (id ${segmentId})` : `segment id ${segmentId}`;
  }
  if (params.default_audience === true) return "the audience set on the broadcast in Customer.io (default audience)";
  return "no audience";
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
