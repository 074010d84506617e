// The sandbox's transactional sends: POST /v1/send/{email,push,sms,in_app,inbox_message}, answered like the
// App API (reference §2.6; https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/
// and sendPush/, sendSMS/, sendInApp/, sendinboxmessage/ beside it), independently of the Rust client it checks.
//
// What the reference states and the sandbox enforces:
// - errors use the transactional envelope {"meta":{"error":"…"}}: 400 for a malformed request or
//   an attachment that is not base64, 413 for attachments of 2 MB or more;
// - identifiers: one of, and only one of, id, email, cio_id;
// - email: `to` required; at most 15 recipients across to, cc and bcc; without a
//   transactional_message_id, body, subject and from are all required;
// - push, sms, in_app, inbox_message: identifiers and transactional_message_id required; sms: `to` required;
// - headers: a JSON string of [{ name, value }] with ASCII names without spaces;
// - send_at: Unix seconds at most 90 days ahead; a past one sends now (no send_at in the answer);
// - the answer is { delivery_id, queued_at } plus send_at for a future send.
// Choices where it is silent (each tested): a body key the channel does not document is a 400
// (a client bug, like a trigger's); a numeric transactional_message_id that is not a template of
// the workspace, or a Trigger Name that matches none without auto_create, is a 400; a name is
// matched case-insensitively; auto_create with a new name adds that template.

const DAY_SECONDS = 86_400;
const MAX_RECIPIENTS = 15;
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const COMMON = ["identifiers", "transactional_message_id", "message_data", "send_at", "language", "queue_draft", "auto_create"];
/** The documented body keys of each channel. */
const CHANNEL_KEYS = {
  email: [...COMMON, "to", "from", "subject", "body", "body_plain", "body_amp", "preheader", "reply_to", "cc", "bcc", "fake_bcc",
    "headers", "attachments", "send_to_unsubscribed", "tracked", "disable_message_retention", "disable_css_preprocessing"],
  push: [...COMMON, "to", "title", "message", "image_url", "link", "sound", "custom_data", "custom_payload", "custom_device",
    "send_to_unsubscribed", "disable_message_retention"],
  sms: [...COMMON, "to", "from", "send_to_unsubscribed", "tracked", "disable_message_retention"],
  in_app: COMMON,
  inbox_message: [...COMMON, "to"],
};

/** A transactional error: `{"meta":{"error": message}}` with `status`. */
export class SendError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Splits a comma-separated recipient list, keeping commas inside quotes and angle brackets. */
export function splitRecipients(list) {
  const parts = [];
  let quoted = false;
  let angled = false;
  let current = "";
  for (const char of list) {
    if (char === '"') quoted = !quoted;
    else if (char === "<" && !quoted) angled = true;
    else if (char === ">" && !quoted) angled = false;
    if (char === "," && !quoted && !angled) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonBlank(value) {
  return typeof value === "string" && value.trim() !== "";
}

function checkIdentifiers(body) {
  const identifiers = body.identifiers;
  if (!isObject(identifiers)) throw new SendError(400, "identifiers must be an object with one of id, email or cio_id");
  const keys = Object.keys(identifiers);
  const known = keys.filter((key) => ["id", "email", "cio_id"].includes(key));
  if (known.length !== 1 || keys.length !== 1) throw new SendError(400, "identifiers must have one of, and only one of, id, email or cio_id");
  const value = identifiers[known[0]];
  if (!(nonBlank(value) || (known[0] === "id" && Number.isInteger(value)))) throw new SendError(400, `identifiers.${known[0]} must be a non-empty string`);
}

function findTemplate(body, workspace) {
  const id = body.transactional_message_id;
  if (id === undefined) return undefined;
  if (Number.isInteger(id) && id > 0) {
    const template = workspace.transactional.find((candidate) => candidate.id === id);
    if (template === undefined) throw new SendError(400, `transactional message ${id} does not exist`);
    return template;
  }
  if (!nonBlank(id)) throw new SendError(400, "transactional_message_id must be an integer or a string");
  const template = workspace.transactional.find((candidate) => candidate.name.toLowerCase() === id.toLowerCase());
  if (template !== undefined) return template;
  if (body.auto_create !== true) throw new SendError(400, `no transactional message has the trigger name "${id}"`);
  const created = { id: Math.max(0, ...workspace.transactional.map((t) => t.id)) + 1, name: id, description: "", send_to_unsubscribed: true,
    link_tracking: false, open_tracking: false, hide_message_body: false, queue_drafts: false };
  workspace.transactional.push(created);
  return created;
}

function checkEmail(body) {
  if (!nonBlank(body.to)) throw new SendError(400, "to is required");
  let total = 0;
  for (const key of ["to", "cc", "bcc"]) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "string") throw new SendError(400, `${key} must be a string`);
    total += splitRecipients(body[key]).length;
  }
  if (total > MAX_RECIPIENTS) throw new SendError(400, `too many recipients: ${total}; the limit is ${MAX_RECIPIENTS} across to, cc and bcc`);
  if (body.transactional_message_id === undefined) {
    const missing = ["body", "subject", "from"].filter((key) => !nonBlank(body[key]));
    if (missing.length > 0) throw new SendError(400, `without a transactional_message_id, ${missing.join(", ")} must be given`);
  }
  if (body.headers !== undefined) checkHeaders(body.headers);
  if (body.attachments !== undefined) checkAttachments(body.attachments);
}

function checkHeaders(headers) {
  let parsed;
  try {
    parsed = typeof headers === "string" ? JSON.parse(headers) : undefined;
  } catch {
    parsed = undefined;
  }
  const valid = Array.isArray(parsed) && parsed.every((entry) => isObject(entry) && typeof entry.name === "string"
    && /^[!-9;-~]+$/.test(entry.name) && typeof entry.value === "string" && /^[\x20-\x7e]*$/.test(entry.value));
  if (!valid) throw new SendError(400, "headers must be a JSON string of [{\"name\": …, \"value\": …}] with ASCII names without spaces");
}

function checkAttachments(attachments) {
  if (!isObject(attachments)) throw new SendError(400, "attachments must be an object of filename to base64 contents");
  let total = 0;
  for (const [name, content] of Object.entries(attachments)) {
    if (!/\.[^./\\]+$/.test(name)) throw new SendError(400, `attachment "${name}" must have a file extension`);
    if (typeof content !== "string" || content === "" || !BASE64.test(content)) throw new SendError(400, `attachment "${name}" is not base64-encoded`);
    total += (content.length / 4) * 3 - (content.endsWith("==") ? 2 : content.endsWith("=") ? 1 : 0);
  }
  if (total >= MAX_ATTACHMENT_BYTES) throw new SendError(413, `attachments are ${total} bytes; the total must be less than 2 MB`);
}

function checkSendAt(body, nowSeconds) {
  if (body.send_at === undefined) return undefined;
  if (!Number.isInteger(body.send_at) || body.send_at < 0) throw new SendError(400, "send_at must be a unix timestamp in seconds");
  if (body.send_at > nowSeconds + 90 * DAY_SECONDS) throw new SendError(400, "send_at can be at most 90 days in the future");
  return body.send_at > nowSeconds ? body.send_at : undefined;
}

/**
 * Answers `POST /v1/send/{channel}` for a parsed JSON body: validates it, records the send in
 * `workspace.sends` and returns `{ status, body }` (`body` is the API's JSON answer).
 */
export function send(channel, body, { workspace, nowSeconds, deliveryId }) {
  const allowed = CHANNEL_KEYS[channel];
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw new SendError(400, `unknown field "${unknown}" for a ${channel} send`);
  const { attachments, ...rest } = body;
  if (new TextEncoder().encode(JSON.stringify(rest)).length > MAX_PAYLOAD_BYTES) throw new SendError(413, "the request is larger than 1 MB");
  checkIdentifiers(body);
  if (channel !== "email" && body.transactional_message_id === undefined) throw new SendError(400, "transactional_message_id is required");
  if (channel === "sms" && !nonBlank(body.to)) throw new SendError(400, "to is required");
  if (channel === "email") checkEmail(body);
  if (body.message_data !== undefined && !isObject(body.message_data)) throw new SendError(400, "message_data must be an object");
  if (channel === "push" && body.custom_device !== undefined) {
    const device = body.custom_device;
    if (!isObject(device) || !nonBlank(device.token) || !["ios", "android"].includes(device.platform)) {
      throw new SendError(400, "custom_device needs token and platform (ios or android)");
    }
  }
  const sendAt = checkSendAt(body, nowSeconds);
  const template = findTemplate(body, workspace);
  const answer = { delivery_id: deliveryId, queued_at: nowSeconds, ...(sendAt === undefined ? {} : { send_at: sendAt }) };
  workspace.sends.push({ channel, delivery_id: deliveryId, queued_at: nowSeconds, template_id: template?.id ?? null, request: body });
  return answer;
}
