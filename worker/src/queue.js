// One Durable Object per broadcast: its queue of deliveries, their dedupe records and the time of
// its last trigger, all in the object's storage, so that every Worker isolate anywhere shares one
// queue per broadcast and nothing is lost when an isolate dies. An alarm sends the head of the
// queue: at most one trigger per SPACING_MS, in arrival order, through the package (with
// `spacing: false` and `retry: false`: this object is the spacing, and it waits out a 429 with
// an alarm rather than in memory).
//
// Storage keys:
//   rec:<source>:<delivery id>   the delivery's record (status queued | sending | sent |
//                                unknown_outcome | failed)
//   q:<seq, 12 digits>           the queue, in arrival order → the record's key
//   seq, qlen, last              the next sequence number, the queue's length, the last attempt (ms)
//   exp:<ms, 15 digits>:<key>    when a finished record may be forgotten (DEDUPE_DAYS)

import { DurableObject } from "cloudflare:workers";
import { CustomerIo } from "customerio-wasm";

const DAY_MS = 86_400_000;
/** A 429 is waited out this many times, then the delivery fails `rate_limited`. */
const MAX_RATE_LIMITED = 10;
/** Records forgotten per sweep (two keys each: storage.delete takes at most 128). */
const SWEEP_BATCH = 64;

const pad = (n, width) => String(n).padStart(width, "0");
const recKey = (source, id) => `rec:${source}:${id}`;
const iso = (ms) => new Date(ms).toISOString();

/** What GET /deliveries and a redelivery show: the record without the internal fields. */
function publicRecord(record) {
  const { params, seq, retry_at_ms, ...shown } = record;
  return shown;
}

export class BroadcastQueue extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.spacingMs = Number(env.SPACING_MS ?? 10_000);
    this.dedupeMs = Number(env.DEDUPE_DAYS ?? 7) * DAY_MS;
    // A queue left with no alarm (e.g. an alarm lost with a deleted deployment) is re-armed as
    // soon as anything wakes the object.
    ctx.blockConcurrencyWhile(async () => {
      if ((await ctx.storage.get("qlen")) > 0 && (await ctx.storage.getAlarm()) === null) {
        await ctx.storage.setAlarm(Date.now());
      }
    });
  }

  client() {
    const env = this.env;
    return new CustomerIo({
      apiKey: env.CUSTOMERIO_APP_API_KEY,
      region: env.CUSTOMERIO_REGION || "us",
      ...(env.CUSTOMERIO_BASE_URL ? { baseUrl: env.CUSTOMERIO_BASE_URL } : {}),
      timeoutMs: Number(env.TRIGGER_TIMEOUT_MS ?? 30_000),
      retry: false,
      spacing: false,
    });
  }

  /** The record of a delivery, unless forgotten. */
  async record(key, now) {
    const record = await this.ctx.storage.get(key);
    if (record && record.status !== "queued" && record.status !== "sending" && record.expires_at_ms <= now) {
      await this.ctx.storage.delete([key, `exp:${pad(record.expires_at_ms, 15)}:${key}`]);
      return undefined;
    }
    return record;
  }

  /**
   * Queues a delivery once: a delivery id seen before returns its record (`duplicate: true`) and
   * queues nothing. `refused` (the parameters failed the package's checks) is recorded as
   * `failed` without queueing.
   */
  async enqueue({ source, deliveryId, broadcastId, params, refused }) {
    const storage = this.ctx.storage;
    const now = Date.now();
    const key = recKey(source, deliveryId);
    const existing = await this.record(key, now);
    if (existing) return { duplicate: true, record: publicRecord(existing) };
    const record = {
      delivery_id: deliveryId, source, broadcast_id: broadcastId, status: "queued",
      received_at: iso(now), attempts: 0, expires_at_ms: now + this.dedupeMs, params,
    };
    if (refused) {
      Object.assign(record, { status: "failed", error: refused, finished_at: iso(now) });
      storage.put({ [key]: record, [`exp:${pad(record.expires_at_ms, 15)}:${key}`]: 1 });
      return { duplicate: false, record: publicRecord(record) };
    }
    const seq = (await storage.get("seq")) ?? 0;
    const qlen = ((await storage.get("qlen")) ?? 0) + 1;
    const last = (await storage.get("last")) ?? 0;
    // An estimate: the queue ahead of it, one spacing each (a 429 can push it later).
    const notBefore = Math.max(now, last + this.spacingMs) + (qlen - 1) * this.spacingMs;
    Object.assign(record, { seq, not_before: iso(notBefore) });
    storage.put({ [key]: record, [`q:${pad(seq, 12)}`]: key, seq: seq + 1, qlen });
    // The alarm may be unset, or set far ahead for a sweep of old records.
    const due = Math.max(now, last + this.spacingMs);
    const alarm = await storage.getAlarm();
    if (alarm === null || alarm > due) await storage.setAlarm(due);
    return { duplicate: false, record: publicRecord(record) };
  }

  /** A delivery's record, or null. */
  async lookup(source, deliveryId) {
    const record = await this.record(recKey(source, deliveryId), Date.now());
    return record ? publicRecord(record) : null;
  }

  /** The queue's length and when the next trigger may go. */
  async queueInfo() {
    const storage = this.ctx.storage;
    const [qlen, alarm, last] = [(await storage.get("qlen")) ?? 0, await storage.getAlarm(), await storage.get("last")];
    const head = [...(await storage.list({ prefix: "q:", limit: 1 })).values()][0];
    return {
      length: qlen,
      head: head ? head.slice(4) : null,
      next_send_at: qlen > 0 && alarm !== null ? iso(alarm) : null,
      last_sent_at: last ? iso(last) : null,
      spacing_ms: this.spacingMs,
    };
  }

  /** Sends the head of the queue (one trigger per alarm), then schedules the next. */
  async alarm() {
    const storage = this.ctx.storage;
    const now = Date.now();
    const last = (await storage.get("last")) ?? 0;
    if (now < last + this.spacingMs) return storage.setAlarm(last + this.spacingMs);
    const [head] = (await storage.list({ prefix: "q:", limit: 1 })).entries();
    if (head === undefined) return this.sweep(now);
    const [queueKey, key] = head;
    const record = await storage.get(key);
    if (record === undefined) {
      // Cannot happen (the record is written with its queue entry); drop the dangling entry.
      await this.dequeue(queueKey);
      return storage.setAlarm(now);
    }
    if (record.retry_at_ms > now) return storage.setAlarm(record.retry_at_ms);
    if (record.status === "sending") {
      // The isolate died while this trigger was in flight: it may have been sent. Never resend.
      return this.finish(queueKey, key, record, "unknown_outcome", {
        error: { code: "unknown_outcome", message: "the Worker stopped while this trigger was in flight; it may have been sent: check getTriggers({ broadcast_id }) before sending it again" },
      });
    }
    record.status = "sending";
    record.attempts += 1;
    record.attempted_at = iso(now);
    // Persisted before the trigger leaves (the output gate holds the fetch until it is).
    storage.put({ [key]: record, last: now });
    let outcome;
    try {
      const result = await this.client().triggerBroadcast(record.params);
      outcome = ["sent", { trigger_id: result.id }];
    } catch (error) {
      if (error?.code === "rate_limited" && record.attempts < MAX_RATE_LIMITED) {
        const wait = Math.max(error.retryAfterMs ?? this.spacingMs, this.spacingMs);
        record.status = "queued";
        record.retry_at_ms = Date.now() + wait;
        record.last_error = { code: error.code, message: error.message };
        storage.put(key, record);
        return storage.setAlarm(record.retry_at_ms);
      }
      const status = error?.code === "unknown_outcome" ? "unknown_outcome" : "failed";
      outcome = [status, { error: { code: error?.code ?? "internal", message: error?.message ?? String(error), ...(error?.field ? { field: error.field } : {}) } }];
    }
    return this.finish(queueKey, key, record, ...outcome);
  }

  async finish(queueKey, key, record, status, extra) {
    const storage = this.ctx.storage;
    const now = Date.now();
    delete record.retry_at_ms;
    Object.assign(record, { status, finished_at: iso(now) }, extra);
    storage.put({ [key]: record, [`exp:${pad(record.expires_at_ms, 15)}:${key}`]: 1 });
    const remaining = await this.dequeue(queueKey);
    const last = (await storage.get("last")) ?? 0;
    if (remaining > 0) return storage.setAlarm(Math.max(now, last + this.spacingMs));
    return this.sweep(now);
  }

  async dequeue(queueKey) {
    const qlen = Math.max(0, ((await this.ctx.storage.get("qlen")) ?? 1) - 1);
    this.ctx.storage.delete(queueKey);
    this.ctx.storage.put("qlen", qlen);
    return qlen;
  }

  /** Forgets finished records past DEDUPE_DAYS, and wakes for the next one to forget. */
  async sweep(now) {
    const storage = this.ctx.storage;
    const due = await storage.list({ prefix: "exp:", limit: SWEEP_BATCH });
    const forget = [];
    let next;
    for (const name of due.keys()) {
      const at = Number(name.slice(4, 19));
      if (at > now) {
        next = at;
        break;
      }
      forget.push(name, name.slice(20));
    }
    if (forget.length > 0) await storage.delete(forget);
    if (next !== undefined) await storage.setAlarm(next);
    else if (forget.length === SWEEP_BATCH * 2) await storage.setAlarm(now);
  }
}
