// The webhook Worker: verifies a sender's delivery, maps it to a broadcast trigger by the rules,
// and hands it to that broadcast's Durable Object, which sends at most one trigger per
// SPACING_MS (from the end of the previous attempt), in arrival order, once per delivery, and
// settles a lost answer from the API's trigger list. A send rule ("send": "email") sends one
// transactional message instead, once per delivery (sends.js). See README "Deploy the webhook
// Worker".
//
//   POST /hooks/{source}                             a sender's delivery
//   GET  /deliveries/{source}/{delivery_id}          a delivery's record          (Bearer ADMIN_TOKEN)
//   POST /deliveries/{source}/{delivery_id}/resend   resend one unknown_outcome   (Bearer ADMIN_TOKEN)
//   GET  /broadcasts/{id}/queue                      a queue: deliveries, people, time needed (Bearer ADMIN_TOKEN)

import { CustomerIo, verifyWebhook } from "customerio-wasm";
import rules from "../rules.json";
import { json, isAdmin, readLimited, sha256Hex } from "./http.js";
import { matchRule, paramsFor, rulesFor } from "./rules.js";
import { lookupSend, receiveSend } from "./sends.js";

export { BroadcastQueue } from "./queue.js";
export { SendLedger } from "./sends.js";

const MAX_BODY_BYTES = 1024 * 1024;
/** A refusal's message and field are cut to this many characters (a path can be very deep). */
const MAX_REFUSAL_CHARS = 500;
const ROUTES = "POST /hooks/{source}, GET /deliveries/{source}/{id}, POST /deliveries/{source}/{id}/resend, GET /broadcasts/{id}/queue";

/** The path's segments, decoded; undefined when one is not valid percent-encoding. */
function segments(pathname) {
  try {
    return pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

export default {
  async fetch(request, env) {
    try {
      const parts = segments(new URL(request.url).pathname);
      if (parts === undefined) return json(400, { code: "malformed_path", message: `the path is not valid percent-encoding; the routes are ${ROUTES}` });
      if (parts[0] === "hooks" && parts.length === 2) {
        if (request.method !== "POST") return json(405, { code: "method_not_allowed", message: "POST a delivery here" }, { allow: "POST" });
        return await receive(request, env, parts[1]);
      }
      const route = adminRoute(request.method, parts);
      if (route) {
        if (!(await isAdmin(request, env.ADMIN_TOKEN))) {
          return json(401, { code: "unauthorized", message: "send Authorization: Bearer <ADMIN_TOKEN>" }, { "www-authenticate": "Bearer" });
        }
        if (route === "delivery") return await delivery(env, parts[1], parts[2]);
        if (route === "resend") return await resend(request, env, parts[1], parts[2]);
        return await queue(env, parts[1]);
      }
      return json(404, { code: "not_found", message: ROUTES });
    } catch (error) {
      // Never echo configuration (secrets) in an answer; the log line says what failed.
      console.error(`webhook worker: ${error?.stack ?? error}`);
      return json(500, { code: "internal", message: "the Worker failed; see its logs" });
    }
  },
};

/** Which admin route a request is, or undefined. */
function adminRoute(method, parts) {
  if (parts[0] === "deliveries" && parts.length === 3 && method === "GET") return "delivery";
  if (parts[0] === "deliveries" && parts.length === 4 && parts[3] === "resend" && method === "POST") return "resend";
  if (parts[0] === "broadcasts" && parts.length === 3 && parts[2] === "queue" && method === "GET") return "queue";
  return undefined;
}

/** The secrets of `source` from WEBHOOK_SECRETS, or undefined for a source not configured. */
function secretsOf(env, source) {
  let all;
  try {
    all = JSON.parse(env.WEBHOOK_SECRETS ?? "{}");
  } catch {
    throw new Error('WEBHOOK_SECRETS is not JSON: set it to { "<source>": "<secret>" | ["<secret>", ...] }');
  }
  return Object.hasOwn(all, source) ? all[source] : undefined;
}

function stub(env, broadcastId) {
  return env.BROADCASTS.get(env.BROADCASTS.idFromName(String(broadcastId)));
}

async function receive(request, env, source) {
  const sourceRules = rulesFor(rules, source);
  const secret = secretsOf(env, source);
  if (sourceRules.length === 0 || secret === undefined) {
    return json(404, { code: "unknown_source", message: `no rules or no secret for source "${source}"` });
  }
  const body = await readLimited(request, MAX_BODY_BYTES);
  if (body === undefined) return json(413, { code: "payload_too_large", message: `the body is over ${MAX_BODY_BYTES} bytes` });
  let verified;
  try {
    verified = await verifyWebhook({ headers: request.headers, body }, { scheme: sourceRules[0].scheme, secret });
  } catch (error) {
    const status = error?.code === "invalid_signature" || error?.code === "expired_signature" ? 401 : 500;
    if (status === 500) throw error;
    return json(401, { code: error.code, field: error.field, message: error.message });
  }
  let payload;
  try {
    payload = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return json(400, { code: "invalid_body", message: "the signed body is not JSON" });
  }
  const rule = matchRule(rules, source, payload);
  if (rule === undefined) return json(200, { status: "ignored" });
  const deliveryId = verified.id ?? `sha256:${await sha256Hex(source, "\n", body)}`;
  // A scheme that signs no timestamp (GitHub, Shopify) can be replayed with a fresh, unsigned
  // delivery-id header: the signed body itself is then the dedupe key as well.
  const bodyHash = verified.timestamp == null ? await sha256Hex(source, "\n", body) : undefined;
  // A send is deduplicated by one key: for a scheme that signs no timestamp, the signed body's
  // hash (a replay with a fresh delivery-id header is the same send), else the delivery id.
  if (rule.send !== undefined) return receiveSend(env, { source, deliveryId: bodyHash ? `sha256:${bodyHash}` : deliveryId, rule, payload, client: client(env) });
  const params = paramsFor(rule, payload);
  let refused;
  try {
    client(env).prepare("triggerBroadcast", params);
  } catch (error) {
    refused = {
      code: String(error?.code ?? "invalid_params").slice(0, 40),
      ...(error?.field ? { field: String(error.field).slice(0, MAX_REFUSAL_CHARS) } : {}),
      message: String(error?.message ?? error).slice(0, MAX_REFUSAL_CHARS),
    };
  }
  // Refused parameters never cross to the Durable Object: only the refusal does.
  const answer = await stub(env, rule.broadcast_id).enqueue({
    source, deliveryId, broadcastId: rule.broadcast_id, bodyHash, ...(refused ? { refused } : { params, merge: mergeOf(rule) }),
  });
  if (answer.full) {
    const retryAfter = Math.ceil(answer.retryAfterMs / 1000);
    return json(503, { code: "queue_full", message: `broadcast ${rule.broadcast_id} already has ${answer.length} deliveries waiting; retry in ${retryAfter} s`, delivery_id: deliveryId }, { "retry-after": String(retryAfter) });
  }
  const { duplicate, record } = answer;
  if (duplicate) return json(200, { ...record, duplicate: true });
  if (refused) return json(422, { ...refused, delivery_id: deliveryId, status: record.status });
  return json(202, { delivery_id: deliveryId, status: record.status, broadcast_id: rule.broadcast_id, not_before: record.not_before });
}

/** A rule's coalescing (coalesce.js): `"coalesce": false`, `"repeat_person": "once"`. */
function mergeOf(rule) {
  return { ...(rule.coalesce === false ? { coalesce: false } : {}), ...(rule.repeat_person === "once" ? { repeat: "once" } : {}) };
}

/** A client for `prepare` (the dry run: nothing is sent). */
function client(env) {
  return new CustomerIo({ apiKey: env.CUSTOMERIO_APP_API_KEY || "unset", region: env.CUSTOMERIO_REGION || "us", ...(env.CUSTOMERIO_BASE_URL ? { baseUrl: env.CUSTOMERIO_BASE_URL } : {}) });
}

async function delivery(env, source, deliveryId) {
  // A delivery's record lives in its broadcast's object: ask each broadcast the source's rules name.
  const broadcasts = [...new Set(rulesFor(rules, source).filter((rule) => rule.send === undefined).map((rule) => rule.broadcast_id))];
  if (rulesFor(rules, source).some((rule) => rule.send !== undefined)) {
    const sent = await lookupSend(env, source, deliveryId);
    if (sent) return json(200, sent);
  }
  for (const broadcastId of broadcasts) {
    const record = await stub(env, broadcastId).lookup(source, deliveryId);
    if (record) return json(200, record);
  }
  return json(404, { code: "not_found", message: `no record of delivery "${deliveryId}" from "${source}"` });
}

/** The broadcast whose object holds a delivery's record, or undefined. */
async function holder(env, source, deliveryId) {
  // A delivery's record lives in its broadcast's object: ask each broadcast the source's rules name.
  const broadcasts = [...new Set(rulesFor(rules, source).map((rule) => rule.broadcast_id))];
  for (const broadcastId of broadcasts) {
    if (await stub(env, broadcastId).lookup(source, deliveryId)) return broadcastId;
  }
  return undefined;
}

/**
 * A person's resend of one delivery left unknown_outcome: POST without a body answers what would
 * be sent and a confirm token; POST { "confirm": token } queues it.
 */
async function resend(request, env, source, deliveryId) {
  let confirm;
  const bytes = await readLimited(request, 4096);
  const text = bytes === undefined ? "-" : new TextDecoder().decode(bytes);
  if (text.trim() !== "") {
    try {
      confirm = JSON.parse(text)?.confirm;
    } catch {
      confirm = null;
    }
    if (typeof confirm !== "string") return json(400, { code: "invalid_body", message: 'send no body to see what would be sent, or {"confirm":"<token>"} to send it' });
  }
  const broadcastId = await holder(env, source, deliveryId);
  if (broadcastId === undefined) return json(404, { code: "not_found", message: `no record of delivery "${deliveryId}" from "${source}"` });
  const { status, body } = await stub(env, broadcastId).resend(source, deliveryId, confirm);
  return json(status, body);
}

async function queue(env, broadcastId) {
  if (!/^\d+$/.test(broadcastId)) return json(404, { code: "not_found", message: "a broadcast id is digits" });
  return json(200, await stub(env, Number(broadcastId)).queueInfo());
}
