// Transactional sends from webhooks: a rule with `"send": "email"` (push, sms) maps a verified
// delivery to one sendEmail/sendPush/sendSMS, sent at once (transactional messages have their own,
// far higher rate limit than broadcasts: no spacing queue) and at most once per delivery id. The
// API has no idempotency key ("a retried send delivers twice"), so a sender's redelivery (Stripe
// retries for days) must find the first one's record: one Durable Object per source keeps them.
//
// Storage of a SendLedger (one per source):
//   send:<delivery id>          the record (status sending | sent | unknown_outcome | failed)
//   exp:<ms, 15 digits>:<id>    when a finished record may be forgotten (DEDUPE_DAYS)
//
// A record `failed` (refused by the API, or never sent: a 429 beyond the retries, a connection
// refused) may be tried again by a redelivery; `sending`, `sent` and `unknown_outcome` never are.

import { DurableObject } from "cloudflare:workers";
import { CustomerIo } from "customerio-wasm";
import { json } from "./http.js";
import { methodFor, paramsFor } from "./rules.js";

/** A refusal's field and message are cut to this many characters in the record. */
const MAX_REFUSAL_CHARS = 500;

const DAY_MS = 86_400_000;
/**
 * Error codes that mean Customer.io did not act (refused, never reached, rate limited): such a
 * delivery is `failed` and a redelivery may try again. Any other code (unknown_outcome, a 2xx
 * answer we could not read, a bug) may hide a message that went out: never resent.
 */
const NOT_SENT = new Set(["api_error", "unauthorized", "not_found", "rate_limited", "network_error",
  "invalid_params", "invalid_timestamp", "audience_conflict", "missing_audience"]);
const SWEEP_BATCH = 64;
/** A send takes at most its timeout (30 s) plus a 429's waits (30 s): one still `sending` after this stopped in flight. */
const STALE_SENDING_MS = 10 * 60_000;
const pad = (n, width) => String(n).padStart(width, "0");
const iso = (ms) => new Date(ms).toISOString();

function ledger(env, source) {
  return env.SENDS.get(env.SENDS.idFromName(source));
}

/** What GET /deliveries and a redelivery show: the record without its internal fields. */
function publicRecord(record) {
  const { expires_at_ms, ...shown } = record;
  return shown;
}

/**
 * Sends what a send rule makes of a verified delivery, once per delivery id. Answers 200 once
 * settled (sent, unknown_outcome, or a duplicate), 422 when the package refuses the parameters,
 * 502 when the send failed without reaching Customer.io (the sender retries, and so may we).
 */
export async function receiveSend(env, { source, deliveryId, rule, payload, client }) {
  const method = methodFor(rule);
  const params = paramsFor(rule, payload);
  let refused;
  try {
    client.prepare(method, params);
  } catch (error) {
    refused = {
      code: String(error?.code ?? "invalid_params").slice(0, 40),
      ...(error?.field ? { field: String(error.field).slice(0, MAX_REFUSAL_CHARS) } : {}),
      message: String(error?.message ?? error).slice(0, MAX_REFUSAL_CHARS),
    };
  }
  // Refused parameters never cross to the Durable Object (a payload nested 100 000 deep could not):
  // only the refusal does.
  const { duplicate, record } = await ledger(env, source).send({ source, deliveryId, method, params: refused ? undefined : params, refused });
  if (duplicate) return json(200, { ...record, duplicate: true });
  if (refused) return json(422, { ...refused, delivery_id: deliveryId, status: record.status });
  return json(record.status === "failed" ? 502 : 200, record);
}

/** A send's record from `source`'s ledger, or null. */
export function lookupSend(env, source, deliveryId) {
  return ledger(env, source).lookup(deliveryId);
}

export class SendLedger extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.dedupeMs = Number(env.DEDUPE_DAYS ?? 7) * DAY_MS;
    /** Delivery ids being sent by this instance: a concurrent redelivery is a duplicate. */
    this.inflight = new Set();
  }

  client() {
    const env = this.env;
    return CustomerIo.fromEnv(env, {
      timeoutMs: Number(env.TRIGGER_TIMEOUT_MS ?? 30_000),
      // The package's default for a send: only a 429 (the API did not act) is retried.
    });
  }

  /**
   * The record of a delivery, unless forgotten. A record left `sending` for longer than any send
   * can take (the instance stopped in flight) becomes `unknown_outcome`: it may have gone out.
   */
  async record(key, now) {
    const record = await this.ctx.storage.get(key);
    if (record?.status === "sending" && !this.inflight.has(key) && now - Date.parse(record.received_at) > STALE_SENDING_MS) {
      return this.finish(key, record, "unknown_outcome", {
        error: { code: "unknown_outcome", message: "the Worker stopped while this send was in flight; it may have been sent: look for the delivery before sending it again" },
      });
    }
    if (record && record.status !== "sending" && record.expires_at_ms <= now) {
      await this.ctx.storage.delete([key, `exp:${pad(record.expires_at_ms, 15)}:${key.slice(5)}`]);
      return undefined;
    }
    return record;
  }

  /**
   * Sends once: a delivery id seen before returns its record (`duplicate: true`) and sends
   * nothing, unless that record is `failed` (nothing reached Customer.io), which is tried again.
   * `refused` (the package refused the parameters) is recorded `failed` without sending.
   */
  async send({ source, deliveryId, method, params, refused }) {
    const storage = this.ctx.storage;
    const key = `send:${deliveryId}`;
    if (this.inflight.has(key)) return { duplicate: true, record: { delivery_id: deliveryId, source, method, status: "sending" } };
    const now = Date.now();
    const existing = await this.record(key, now);
    if (existing && existing.status !== "failed") return { duplicate: true, record: publicRecord(existing) };
    if (this.inflight.has(key)) return { duplicate: true, record: { delivery_id: deliveryId, source, method, status: "sending" } };
    this.inflight.add(key);
    try {
      const record = {
        delivery_id: deliveryId, source, method, status: "sending", received_at: iso(now),
        attempts: (existing?.attempts ?? 0) + 1, expires_at_ms: now + this.dedupeMs,
      };
      if (refused) return { duplicate: false, record: publicRecord(await this.finish(key, record, "failed", { error: refused })) };
      if (existing) storage.delete(`exp:${pad(existing.expires_at_ms, 15)}:${deliveryId}`);
      // Written before the request leaves: should this instance die in flight, a redelivery finds
      // `sending` and sends nothing (it may have been sent).
      await storage.put(key, record);
      try {
        const answer = await this.client()[method](params);
        return { duplicate: false, record: publicRecord(await this.finish(key, record, "sent", { message_delivery_id: answer.delivery_id, queued_at: answer.queued_at })) };
      } catch (error) {
        const status = NOT_SENT.has(error?.code) ? "failed" : "unknown_outcome";
        const shown = { code: error?.code ?? "internal", message: error?.message ?? String(error), ...(error?.status ? { status: error.status } : {}) };
        return { duplicate: false, record: publicRecord(await this.finish(key, record, status, { error: shown })) };
      }
    } finally {
      this.inflight.delete(key);
    }
  }

  async finish(key, record, status, extra) {
    const storage = this.ctx.storage;
    Object.assign(record, { status, finished_at: iso(Date.now()) }, extra);
    await storage.put({ [key]: record, [`exp:${pad(record.expires_at_ms, 15)}:${key.slice(5)}`]: 1 });
    const alarm = await storage.getAlarm();
    if (alarm === null || alarm > record.expires_at_ms) await storage.setAlarm(record.expires_at_ms);
    return record;
  }

  /** A delivery's record, or null. */
  async lookup(deliveryId) {
    const record = await this.record(`send:${deliveryId}`, Date.now());
    return record ? publicRecord(record) : null;
  }

  /** Forgets finished records past DEDUPE_DAYS, and wakes for the next one to forget. */
  async alarm() {
    const storage = this.ctx.storage;
    const now = Date.now();
    const due = await storage.list({ prefix: "exp:", limit: SWEEP_BATCH });
    const forget = [];
    let next;
    for (const name of due.keys()) {
      const at = Number(name.slice(4, 19));
      if (at > now) {
        next = at;
        break;
      }
      forget.push(name, `send:${name.slice(20)}`);
    }
    if (forget.length > 0) await storage.delete(forget);
    if (next !== undefined) await storage.setAlarm(next);
    else if (forget.length === SWEEP_BATCH * 2) await storage.setAlarm(now);
  }
}
