// The webhook Worker: verifies a sender's delivery, maps it to a broadcast trigger by the rules,
// and hands it to that broadcast's Durable Object, which sends at most one trigger per
// SPACING_MS, in arrival order, once per delivery id. A send rule ("send": "email") sends one
// transactional message instead, once per delivery id (sends.js). See README "Deploy the webhook
// Worker".
//
//   POST /hooks/{source}                      a sender's delivery
//   GET  /deliveries/{source}/{delivery_id}   a delivery's record        (Bearer ADMIN_TOKEN)
//   GET  /broadcasts/{id}/queue               a queue's length and next send (Bearer ADMIN_TOKEN)

import { CustomerIo, verifyWebhook } from "customerio-wasm";
import rules from "../rules.json";
import { json, isAdmin, readLimited, sha256Hex } from "./http.js";
import { matchRule, paramsFor, rulesFor } from "./rules.js";
import { lookupSend, receiveSend } from "./sends.js";

export { BroadcastQueue } from "./queue.js";
export { SendLedger } from "./sends.js";

const MAX_BODY_BYTES = 1024 * 1024;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    try {
      if (parts[0] === "hooks" && parts.length === 2) {
        if (request.method !== "POST") return json(405, { code: "method_not_allowed", message: "POST a delivery here" }, { allow: "POST" });
        return await receive(request, env, parts[1]);
      }
      if (request.method === "GET" && ((parts[0] === "deliveries" && parts.length === 3) || (parts[0] === "broadcasts" && parts[2] === "queue" && parts.length === 3))) {
        if (!(await isAdmin(request, env.ADMIN_TOKEN))) {
          return json(401, { code: "unauthorized", message: "send Authorization: Bearer <ADMIN_TOKEN>" }, { "www-authenticate": "Bearer" });
        }
        return parts[0] === "deliveries" ? await delivery(env, parts[1], parts[2]) : await queue(env, parts[1]);
      }
      return json(404, { code: "not_found", message: "POST /hooks/{source}, GET /deliveries/{source}/{id}, GET /broadcasts/{id}/queue" });
    } catch (error) {
      // Never echo configuration (secrets) in an answer; the log line says what failed.
      console.error(`webhook worker: ${error?.stack ?? error}`);
      return json(500, { code: "internal", message: "the Worker failed; see its logs" });
    }
  },
};

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
  if (rule.send !== undefined) return receiveSend(env, { source, deliveryId, rule, payload, client: client(env) });
  const params = paramsFor(rule, payload);
  let refused;
  try {
    client(env).prepare("triggerBroadcast", params);
  } catch (error) {
    refused = { code: error?.code ?? "invalid_params", field: error?.field, message: error?.message ?? String(error) };
  }
  const { duplicate, record } = await stub(env, rule.broadcast_id).enqueue({ source, deliveryId, broadcastId: rule.broadcast_id, params, refused });
  if (duplicate) return json(200, { ...record, duplicate: true });
  if (refused) return json(422, { ...refused, delivery_id: deliveryId, status: record.status });
  return json(202, { delivery_id: deliveryId, status: record.status, broadcast_id: rule.broadcast_id, not_before: record.not_before });
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

async function queue(env, broadcastId) {
  if (!/^\d+$/.test(broadcastId)) return json(404, { code: "not_found", message: "a broadcast id is digits" });
  return json(200, await stub(env, Number(broadcastId)).queueInfo());
}
