// One Durable Object per broadcast: its queue of deliveries, their dedupe records and the end of
// its last trigger attempt, all in the object's storage, so that every Worker isolate anywhere
// shares one queue per broadcast and nothing is lost when an isolate dies. An alarm sends the
// head of the queue through the package (with `spacing: false` and `retry: false`: this object
// is the spacing, and it waits out a 429 with an alarm rather than in memory).
//
// Exactly once at the API. The next trigger waits SPACING_MS from the END of the previous attempt
// (when its answer arrived, or its failure), so the gap the API sees is at least SPACING_MS
// whatever the time a trigger spends on its way. A trigger whose answer is lost (a 5xx, a
// dropped connection, a timeout, the isolate dying mid-flight) is not guessed at: the head stays
// in the queue, `resolving`, and the package's findTrigger reads the broadcast's trigger list,
// with a backoff, for at most RESOLVE_FOR_MS. A trigger created in the attempt's window is the
// attempt's (`sent`, with its id); a list that still shows none RESOLVE_SETTLE_MS after the
// attempt ended is proof that nothing was created, and the delivery is sent again
// (RESEND_AFTER_PROOF, default true; "false" keeps it `unknown_outcome` for a person). The one
// assumption: nothing else triggers this broadcast while its queue runs (README, "Exactly once").
//
// Storage keys:
//   rec:<source>:<delivery id>   the delivery's record (status queued | sending | resolving |
//                                sent | unknown_outcome | failed)
//   body:<source>:<sha256>       → the record's key, for schemes that sign no timestamp: a
//                                replayed body is the same delivery whatever its id header says
//   q:<seq, 12 digits>           the queue, in arrival order → the record's key
//   seq, qlen                    the next sequence number, the queue's length
//   last                         when the last trigger attempt ended (ms); its start while in flight
//   known                        the ids of the last triggers this queue made (left out of a search)
//   exp:<ms, 15 digits>:<key>    when a finished record (or a body key) may be forgotten

import { DurableObject } from "cloudflare:workers";
import { CustomerIo } from "customerio-wasm";
import { settings } from "./settings.js";

/** A 429 is waited out this many times, then the delivery fails `rate_limited`. */
const MAX_RATE_LIMITED = 10;
/**
 * A delivery is sent again after proof of no trigger at most this many times; past it (the API
 * keeps failing before acting) it is `failed` with `not_sent`, which an admin can resend.
 */
const MAX_RESENDS = 5;
/** Records forgotten per sweep (two keys each: storage.delete takes at most 128). */
const SWEEP_BATCH = 64;
/** How many of its own trigger ids a queue remembers, to leave them out of a search. */
const KNOWN_TRIGGERS = 20;
/** The longest wait between two reads of the trigger list. */
const MAX_CHECK_GAP_MS = 30_000;
const ACTIVE = new Set(["queued", "sending", "resolving"]);

const pad = (n, width) => String(n).padStart(width, "0");
const recKey = (source, id) => `rec:${source}:${id}`;
const bodyKey = (source, hash) => `body:${source}:${hash}`;
const expKey = (ms, key) => `exp:${pad(ms, 15)}:${key}`;
const iso = (ms) => new Date(ms).toISOString();
const seconds = (ms) => Math.floor(ms / 1000);

/** What GET /deliveries and a redelivery show: the record without the internal fields. */
export function publicRecord(record) {
  const { params, seq, retry_at_ms, started_ms, check_at_ms, settle_at_ms, until_ms, body_key, ...shown } = record;
  return shown;
}

/** A CustomerIoError (or anything thrown) as a record's `error`. */
function errorOf(error) {
  return { code: error?.code ?? "internal", message: String(error?.message ?? error), ...(error?.field ? { field: error.field } : {}) };
}

export class BroadcastQueue extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.settings = settings(env);
    /** The record key whose request is in flight in this isolate (lost with the isolate). */
    this.inFlight = undefined;
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
    return CustomerIo.fromEnv(env, {
      timeoutMs: this.settings.triggerTimeoutMs,
      retry: false,
      spacing: false,
    });
  }

  /** The record at `key`, unless forgotten. */
  async record(key, now) {
    const record = await this.ctx.storage.get(key);
    if (record && !ACTIVE.has(record.status) && record.expires_at_ms <= now) {
      await this.ctx.storage.delete([key, expKey(record.expires_at_ms, key)]);
      return undefined;
    }
    return record;
  }

  /** The record a replayed body points to, when the scheme signs no timestamp. */
  async replayed(source, hash, now) {
    if (!hash) return undefined;
    const key = await this.ctx.storage.get(bodyKey(source, hash));
    return key ? this.record(key, now) : undefined;
  }

  /**
   * Queues a delivery once. A delivery id seen before, or (`bodyHash`, for schemes that sign no
   * timestamp) a signed body seen before, returns the first record (`duplicate: true`) and
   * queues nothing. `refused` (the parameters failed the package's checks; no params cross) is
   * recorded as `failed`. A full queue (QUEUE_LIMIT) records nothing and says when to come back.
   */
  async enqueue({ source, deliveryId, broadcastId, params, refused, bodyHash }) {
    const storage = this.ctx.storage;
    const now = Date.now();
    const key = recKey(source, deliveryId);
    const existing = (await this.record(key, now)) ?? (await this.replayed(source, bodyHash, now));
    if (existing) return { duplicate: true, record: publicRecord(existing) };
    const record = {
      delivery_id: deliveryId, source, broadcast_id: broadcastId, status: "queued",
      received_at: iso(now), attempts: 0, expires_at_ms: now + this.settings.dedupeMs,
    };
    const writes = {};
    if (bodyHash) {
      record.body_key = bodyKey(source, bodyHash);
      Object.assign(writes, { [record.body_key]: key, [expKey(record.expires_at_ms, record.body_key)]: 1 });
    }
    if (refused) {
      Object.assign(record, { status: "failed", error: refused, finished_at: iso(now) });
      storage.put({ ...writes, [key]: record, [expKey(record.expires_at_ms, key)]: 1 });
      return { duplicate: false, record: publicRecord(record) };
    }
    const qlen = (await storage.get("qlen")) ?? 0;
    if (qlen >= this.settings.queueLimit) {
      return { full: true, length: qlen, retryAfterMs: Math.max(1000, this.settings.spacingMs) };
    }
    const seq = (await storage.get("seq")) ?? 0;
    const notBefore = await this.estimate(now, qlen);
    Object.assign(record, { seq, params, not_before: iso(notBefore) });
    storage.put({ ...writes, [key]: record, [`q:${pad(seq, 12)}`]: key, seq: seq + 1, qlen: qlen + 1 });
    await this.arm(now);
    return { duplicate: false, record: publicRecord(record) };
  }

  /**
   * When a delivery queued now behind `ahead` others may go: one spacing after the last attempt
   * ended, then one spacing per delivery ahead. A head in flight ends at the earliest now, and
   * counts once (not again as queued). An estimate: a 429 or a resolution can push it later.
   */
  async estimate(now, ahead) {
    const storage = this.ctx.storage;
    const spacing = this.settings.spacingMs;
    const last = (await storage.get("last")) ?? 0;
    const headKey = ahead > 0 ? [...(await storage.list({ prefix: "q:", limit: 1 })).values()][0] : undefined;
    const head = headKey ? await storage.get(headKey) : undefined;
    if (head?.status === "sending" || head?.status === "resolving") {
      return Math.max(now, last) + spacing + (ahead - 1) * spacing;
    }
    return Math.max(now, last + spacing) + ahead * spacing;
  }

  /** Sets the alarm for the next send, unless one is already due sooner. */
  async arm(now) {
    const storage = this.ctx.storage;
    const due = Math.max(now, ((await storage.get("last")) ?? 0) + this.settings.spacingMs);
    const alarm = await storage.getAlarm();
    if (alarm === null || alarm > due) await storage.setAlarm(due);
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
      limit: this.settings.queueLimit,
      head: head ? head.slice(4) : null,
      next_send_at: qlen > 0 && alarm !== null ? iso(alarm) : null,
      last_attempt_ended_at: last ? iso(last) : null,
      spacing_ms: this.settings.spacingMs,
    };
  }

  /** Sends the head of the queue, or reads the trigger list for it, then schedules the next. */
  async alarm() {
    const storage = this.ctx.storage;
    const now = Date.now();
    const [head] = (await storage.list({ prefix: "q:", limit: 1 })).entries();
    if (head === undefined) return this.sweep(now);
    const [queueKey, key] = head;
    const record = await storage.get(key);
    if (record === undefined) {
      // Cannot happen (the record is written with its queue entry); drop the dangling entry.
      await this.dequeue(queueKey);
      return storage.setAlarm(now);
    }
    if (this.inFlight === key) {
      // This isolate is still waiting for the answer: look again when it may have come.
      return storage.setAlarm(now + this.settings.spacingMs);
    }
    if (record.status === "resolving") {
      if (record.check_at_ms > now) return storage.setAlarm(record.check_at_ms);
      return this.check(queueKey, key, record);
    }
    if (record.status === "sending") {
      // The isolate died while this trigger was in flight: it may have been sent. Never resent
      // blindly: the trigger list settles it.
      const error = { code: "unknown_outcome", message: "the Worker stopped while this trigger was in flight; it may have been sent" };
      return this.startResolving(key, record, now, error);
    }
    const due = Math.max(((await storage.get("last")) ?? 0) + this.settings.spacingMs, record.retry_at_ms ?? 0);
    if (now < due) return storage.setAlarm(due);
    return this.send(queueKey, key, record, now);
  }

  async send(queueKey, key, record, now) {
    const storage = this.ctx.storage;
    record.status = "sending";
    record.attempts += 1;
    record.attempted_at = iso(now);
    record.started_ms = now;
    // Persisted before the trigger leaves (the output gate holds the fetch until it is). `last`
    // is the start while in flight, so a queue restarted mid-flight still spaces from it.
    storage.put({ [key]: record, last: now });
    this.inFlight = key;
    let result;
    let failure;
    try {
      result = await this.client().triggerBroadcast(record.params);
    } catch (error) {
      failure = error;
    } finally {
      this.inFlight = undefined;
    }
    const ended = Date.now();
    // The spacing runs from here: the API saw this attempt no later than now.
    storage.put("last", ended);
    if (result) return this.finish(queueKey, key, record, "sent", { trigger_id: result.id });
    if (failure?.code === "rate_limited" && record.attempts < MAX_RATE_LIMITED) {
      record.status = "queued";
      record.retry_at_ms = ended + Math.max(failure.retryAfterMs ?? this.settings.spacingMs, this.settings.spacingMs);
      record.last_error = errorOf(failure);
      storage.put(key, record);
      return storage.setAlarm(record.retry_at_ms);
    }
    if (failure?.code === "unknown_outcome") return this.startResolving(key, record, ended, errorOf(failure));
    return this.finish(queueKey, key, record, "failed", { error: errorOf(failure) });
  }

  /** The head's answer was lost at `ended`: read the trigger list until it says what happened. */
  async startResolving(key, record, ended, error) {
    const s = this.settings;
    // A record from before started_ms was kept (an older deployment) has its attempted_at.
    record.started_ms ??= Date.parse(record.attempted_at) || ended;
    record.status = "resolving";
    record.last_error = error;
    record.check_at_ms = ended + s.resolveFirstMs;
    record.settle_at_ms = ended + s.resolveSettleMs;
    record.until_ms = ended + s.resolveForMs;
    record.resolution = { via: "trigger_list", window_from: iso(record.started_ms), checks: 0, verdict: null };
    this.ctx.storage.put(key, record);
    return this.ctx.storage.setAlarm(record.check_at_ms);
  }

  /** One read of the trigger list for the head (findTrigger), and what follows from it. */
  async check(queueKey, key, record) {
    const storage = this.ctx.storage;
    const now = Date.now();
    const known = (await storage.get("known")) ?? [];
    let verdict;
    this.inFlight = key;
    try {
      verdict = await this.client().findTrigger({
        broadcast_id: record.broadcast_id,
        after: seconds(record.started_ms),
        before: seconds(now),
        exclude: known,
      }, { timeoutMs: this.settings.listTimeoutMs });
    } catch (error) {
      verdict = { outcome: "unreachable", error: errorOf(error) };
    } finally {
      this.inFlight = undefined;
    }
    const checked = Date.now();
    const resolution = { ...record.resolution, checks: record.resolution.checks + 1, checked_at: iso(checked), verdict: verdict.outcome };
    if (verdict.outcome === "found") {
      return this.finish(queueKey, key, record, "sent", { trigger_id: verdict.trigger.id, resolution: { ...resolution, resolved: "found_in_list" } });
    }
    if (verdict.outcome === "ambiguous") {
      const candidates = verdict.candidates.map((t) => t.id);
      return this.unknown(queueKey, key, record, { ...resolution, candidates }, `more than one trigger (${candidates.join(", ")}) was created in the attempt's window: something else triggers broadcast ${record.broadcast_id}; check them before sending it again`);
    }
    if (verdict.outcome === "none" && now >= record.settle_at_ms) {
      // Proof: no trigger created from the attempt's start until RESOLVE_SETTLE_MS after its end.
      if (this.settings.resendAfterProof && (record.resent_after_proof ?? 0) < MAX_RESENDS) {
        record.status = "queued";
        record.resent_after_proof = (record.resent_after_proof ?? 0) + 1;
        record.resolution = { ...resolution, resolved: "none_in_list_resent" };
        for (const name of ["check_at_ms", "settle_at_ms", "until_ms"]) delete record[name];
        storage.put(key, record);
        return this.arm(checked);
      }
      // Known not sent: not an unknown outcome any more, but a person decides whether to resend.
      const why = this.settings.resendAfterProof ? `its answer was lost ${MAX_RESENDS + 1} times` : "RESEND_AFTER_PROOF is false";
      return this.finish(queueKey, key, record, "failed", {
        resolution: { ...resolution, resolved: "none_in_list" },
        error: { code: "not_sent", message: `the trigger list shows that no trigger was created, and it was not sent again (${why}): resend it with POST /deliveries/${record.source}/${record.delivery_id}/resend` },
      });
    }
    if (verdict.outcome === "unreachable") {
      resolution.error = verdict.error;
      if (checked >= record.until_ms) {
        return this.unknown(queueKey, key, record, resolution, `the trigger list could not be read for ${this.settings.resolveForMs} ms (${verdict.error.code}): check getTriggers({ broadcast_id: ${record.broadcast_id} }) before sending it again`);
      }
    }
    // Look again: sooner while waiting for the settle time, with a doubling gap otherwise.
    const gap = Math.min(this.settings.resolveFirstMs * 2 ** resolution.checks, MAX_CHECK_GAP_MS);
    let next = checked + gap;
    if (verdict.outcome === "none") next = Math.min(next, Math.max(record.settle_at_ms, checked));
    record.resolution = resolution;
    record.check_at_ms = next;
    storage.put(key, record);
    return storage.setAlarm(next);
  }

  unknown(queueKey, key, record, resolution, message) {
    return this.finish(queueKey, key, record, "unknown_outcome", {
      resolution,
      error: { code: "unknown_outcome", message: `${record.last_error?.message ?? "no clear answer"}; ${message}` },
    });
  }

  async finish(queueKey, key, record, status, extra) {
    const storage = this.ctx.storage;
    const now = Date.now();
    for (const name of ["retry_at_ms", "check_at_ms", "settle_at_ms", "until_ms"]) delete record[name];
    Object.assign(record, { status, finished_at: iso(now) }, extra);
    storage.put({ [key]: record, [expKey(record.expires_at_ms, key)]: 1 });
    if (status === "sent") {
      const known = (await storage.get("known")) ?? [];
      storage.put("known", [...known, record.trigger_id].slice(-KNOWN_TRIGGERS));
    }
    const remaining = await this.dequeue(queueKey);
    if (remaining > 0) return this.arm(now);
    return this.sweep(now);
  }

  async dequeue(queueKey) {
    const qlen = Math.max(0, ((await this.ctx.storage.get("qlen")) ?? 1) - 1);
    this.ctx.storage.delete(queueKey);
    this.ctx.storage.put("qlen", qlen);
    return qlen;
  }

  /**
   * The admin's resend of a delivery left `unknown_outcome`: without `confirm`, what would be
   * sent (the request, key redacted) and the token that confirms it; with the token, the
   * delivery is queued again (at the tail) and sent like any other.
   */
  async resend(source, deliveryId, confirm) {
    const storage = this.ctx.storage;
    const key = recKey(source, deliveryId);
    const record = await this.record(key, Date.now());
    if (!record) return { status: 404, body: { code: "not_found", message: `no record of delivery "${deliveryId}" from "${source}"` } };
    if (record.status !== "unknown_outcome" && record.error?.code !== "not_sent") {
      return { status: 409, body: { code: "not_resendable", message: `delivery "${deliveryId}" is ${record.status}${record.error ? ` (${record.error.code})` : ""}: only a delivery whose outcome stayed unknown, or that is known not sent, can be resent`, record: publicRecord(record) } };
    }
    const token = await confirmToken(record);
    if (confirm === undefined) {
      return {
        status: 200,
        body: {
          delivery_id: deliveryId, status: record.status, will_send: this.client().prepare("triggerBroadcast", record.params),
          resolution: record.resolution ?? null, confirm: token,
          how: `check getTriggers({ broadcast_id: ${record.broadcast_id} }) first; then POST this route again with {"confirm":"${token}"} to queue it`,
        },
      };
    }
    if (confirm !== token) {
      return { status: 409, body: { code: "confirm_mismatch", message: "confirm does not match what this delivery would send now: ask again (POST without confirm) and check it" } };
    }
    const now = Date.now();
    const seq = (await storage.get("seq")) ?? 0;
    const qlen = (await storage.get("qlen")) ?? 0;
    const notBefore = await this.estimate(now, qlen);
    Object.assign(record, { status: "queued", seq, not_before: iso(notBefore), resent_by_admin_at: iso(now), expires_at_ms: now + this.settings.dedupeMs });
    for (const name of ["finished_at", "error", "resolution"]) delete record[name];
    storage.put({ [key]: record, [`q:${pad(seq, 12)}`]: key, seq: seq + 1, qlen: qlen + 1 });
    await this.arm(now);
    return { status: 202, body: publicRecord(record) };
  }

  /** Forgets finished records (and body keys) past DEDUPE_DAYS, and wakes for the next one. */
  async sweep(now) {
    const storage = this.ctx.storage;
    const due = await storage.list({ prefix: "exp:", limit: SWEEP_BATCH });
    const forget = [];
    let next;
    let seen = 0;
    for (const name of due.keys()) {
      seen += 1;
      const at = Number(name.slice(4, 19));
      if (at > now) {
        next = at;
        break;
      }
      const key = name.slice(20);
      const record = key.startsWith("rec:") ? await storage.get(key) : undefined;
      // A record resent by an admin has a later expiry (and its own exp key): keep it.
      if (record && (ACTIVE.has(record.status) || record.expires_at_ms > at)) forget.push(name);
      else forget.push(name, key);
    }
    if (forget.length > 0) await storage.delete(forget);
    if (next !== undefined) await storage.setAlarm(next);
    else if (seen === SWEEP_BATCH) await storage.setAlarm(now);
  }
}

/** A short token for "exactly this request, in this state": the person confirms what they saw. */
async function confirmToken(record) {
  const text = JSON.stringify([record.delivery_id, record.attempts, record.finished_at, record.params]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
