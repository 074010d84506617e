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
//   last_duration_ms             how long the last attempt took (the queue route's rate)
//   known                        the ids of the last triggers this queue made (left out of a search)
//   exp:<ms, 15 digits>:<key>    when a finished record (or a body key) may be forgotten
//   batch                        the deliveries at the queue's head that the next (or the in-flight)
//                                trigger carries: their count (a prefix of the queue, planned by
//                                coalesce.js), status, attempts and resolution
//   qpeople, qsolo, qmpeople     people named by waiting deliveries; deliveries that go alone;
//                                people of the deliveries that may share a trigger
//   errs:<ms, 15 digits>:<trigger>  when to read a coalesced trigger's errors back
//   tm:<trigger>:<n>             the record keys that trigger carried, 1 000 per key
//
// Coalescing (coalesce.js): when a window opens, the waiting deliveries that can share a trigger
// go as one (at most COALESCE_MAX_PEOPLE people, COALESCE_MAX_BYTES of payload); every one of
// them is a member of the batch, and every member records the batch's trigger id, attempts and
// resolution, exactly as a delivery sent alone.

import { DurableObject } from "cloudflare:workers";
import { CustomerIo } from "customerio-wasm";
import { settings } from "./settings.js";
import { attributeError, peopleCount, peopleOf, personKey, planBatch, soloReason } from "./coalesce.js";

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
/** Durable Object storage takes at most 128 keys per get, put or delete. */
const STORAGE_CHUNK = 128;
/** Record keys per `tm:` key of a coalesced trigger. */
const KEYS_PER_CHUNK = 1000;
/** Lines (errors, repeated people) listed on one record; the count says how many in all. */
const MAX_LISTED = 20;
/** A trigger's error lines read at most (pages of 1 000). */
const MAX_ERROR_LINES = 20_000;
/** Reads of a trigger's errors before it is recorded as unread. */
const MAX_ERROR_READS = 5;

const pad = (n, width) => String(n).padStart(width, "0");
const recKey = (source, id) => `rec:${source}:${id}`;
const bodyKey = (source, hash) => `body:${source}:${hash}`;
const expKey = (ms, key) => `exp:${pad(ms, 15)}:${key}`;
const iso = (ms) => new Date(ms).toISOString();
const seconds = (ms) => Math.floor(ms / 1000);

/** What GET /deliveries and a redelivery show: the record without the internal fields. */
export function publicRecord(record) {
  const { params, merge, seq, retry_at_ms, started_ms, check_at_ms, settle_at_ms, until_ms, body_key, ...shown } = record;
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
    /** The batch whose request is in flight in this isolate (lost with the isolate). */
    this.inFlight = undefined;
    // A queue left with no alarm (e.g. an alarm lost with a deleted deployment) is re-armed as
    // soon as anything wakes the object.
    ctx.blockConcurrencyWhile(async () => {
      const pending = (await ctx.storage.get("qlen")) > 0 || (await ctx.storage.list({ prefix: "errs:", limit: 1 })).size > 0;
      if (pending && (await ctx.storage.getAlarm()) === null) await ctx.storage.setAlarm(Date.now());
    });
  }

  client() {
    const env = this.env;
    return new CustomerIo({
      apiKey: env.CUSTOMERIO_APP_API_KEY,
      region: env.CUSTOMERIO_REGION || "us",
      ...(env.CUSTOMERIO_BASE_URL ? { baseUrl: env.CUSTOMERIO_BASE_URL } : {}),
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

  /** Storage writes of many keys, in the API's chunks of 128. */
  putMany(entries) {
    for (let i = 0; i < entries.length; i += STORAGE_CHUNK) this.ctx.storage.put(Object.fromEntries(entries.slice(i, i + STORAGE_CHUNK)));
  }

  /** The values of many keys, in order. */
  async getMany(keys) {
    const values = [];
    for (let i = 0; i < keys.length; i += STORAGE_CHUNK) {
      const chunk = keys.slice(i, i + STORAGE_CHUNK);
      const found = await this.ctx.storage.get(chunk);
      for (const key of chunk) values.push(found.get(key));
    }
    return values;
  }

  /** Adds (or, with sign -1, takes away) records' weights to the queue's counters. */
  async count(records, sign) {
    const storage = this.ctx.storage;
    const totals = { qpeople: 0, qsolo: 0, qmpeople: 0 };
    for (const record of records) {
      const w = weightOf(record);
      totals.qpeople += w.people;
      totals.qsolo += w.solo;
      totals.qmpeople += w.mergeable;
    }
    const current = await storage.get(Object.keys(totals));
    storage.put(Object.fromEntries(Object.entries(totals).map(([name, n]) => [name, Math.max(0, (current.get(name) ?? 0) + sign * n)])));
  }

  /**
   * Queues a delivery once. A delivery id seen before, or (`bodyHash`, for schemes that sign no
   * timestamp) a signed body seen before, returns the first record (`duplicate: true`) and
   * queues nothing. `refused` (the parameters failed the package's checks; no params cross) is
   * recorded as `failed`. A full queue (QUEUE_LIMIT) records nothing and says when to come back.
   * `merge` is the rule's coalescing: `{ coalesce: false }` or `{ repeat: "once" }` (coalesce.js).
   */
  async enqueue({ source, deliveryId, broadcastId, params, refused, bodyHash, merge }) {
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
    const notBefore = await this.estimate(now);
    Object.assign(record, { seq, params, ...(merge ? { merge } : {}), not_before: iso(notBefore) });
    storage.put({ ...writes, [key]: record, [`q:${pad(seq, 12)}`]: key, seq: seq + 1, qlen: qlen + 1 });
    await this.count([record], 1);
    await this.arm(now);
    return { duplicate: false, record: publicRecord(record) };
  }

  /** How many triggers the waiting deliveries need at least: each solo one, and full triggers of people. */
  async triggersNeeded() {
    const got = await this.ctx.storage.get(["qsolo", "qmpeople"]);
    const solo = got.get("qsolo") ?? 0;
    const people = got.get("qmpeople") ?? 0;
    return { solo, people, triggers: solo + Math.ceil(people / this.settings.coalesceMaxPeople) };
  }

  /**
   * The earliest a delivery queued now may go (a lower bound, hence `not_before`): the next
   * window (one spacing after the last attempt ended; after the one in flight, counted once),
   * then one window per solo delivery waiting and per full trigger of people waiting. A 429, a
   * resolution, or deliveries that cannot share a trigger push it later.
   */
  async estimate(now) {
    const storage = this.ctx.storage;
    const spacing = this.settings.spacingMs;
    const last = (await storage.get("last")) ?? 0;
    const batch = await storage.get("batch");
    const { solo, people } = await this.triggersNeeded();
    const ahead = solo + Math.floor(people / this.settings.coalesceMaxPeople);
    const inFlight = batch?.status === "sending" || batch?.status === "resolving";
    const next = inFlight ? Math.max(now, last) + spacing : Math.max(now, last + spacing);
    return next + Math.max(0, ahead - (inFlight && batch.solo ? 1 : 0)) * spacing;
  }

  /** Sets the alarm to `ms`, or sooner when a trigger's errors are due to be read. */
  async wake(ms) {
    const [name] = (await this.ctx.storage.list({ prefix: "errs:", limit: 1 })).keys();
    return this.ctx.storage.setAlarm(name === undefined ? ms : Math.min(ms, Number(name.slice(5, 20))));
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

  /**
   * The queue: waiting deliveries and the people they name, how many triggers they need at least
   * (coalesced: up to COALESCE_MAX_PEOPLE people per trigger), and the time that takes at the
   * current rate (one trigger per SPACING_MS plus the last attempt's duration).
   */
  async queueInfo() {
    const storage = this.ctx.storage;
    const now = Date.now();
    const got = await storage.get(["qlen", "last", "qpeople", "last_duration_ms"]);
    const [qlen, last] = [got.get("qlen") ?? 0, got.get("last")];
    const alarm = await storage.getAlarm();
    const head = [...(await storage.list({ prefix: "q:", limit: 1 })).values()][0];
    const { solo, triggers } = await this.triggersNeeded();
    const rateMs = this.settings.spacingMs + (got.get("last_duration_ms") ?? 0);
    const nextSend = qlen > 0 && alarm !== null ? alarm : null;
    const timeNeeded = triggers === 0 ? 0 : Math.max(0, (nextSend ?? now) - now) + (triggers - 1) * rateMs;
    return {
      length: qlen,
      limit: this.settings.queueLimit,
      people: got.get("qpeople") ?? 0,
      solo_deliveries: solo,
      triggers_needed: triggers,
      max_people_per_trigger: this.settings.coalesceMaxPeople,
      rate_ms_per_trigger: rateMs,
      time_needed_ms: timeNeeded,
      drained_by: iso(now + timeNeeded),
      head: head ? head.slice(4) : null,
      next_send_at: nextSend === null ? null : iso(nextSend),
      last_attempt_ended_at: last ? iso(last) : null,
      spacing_ms: this.settings.spacingMs,
    };
  }

  /** The first `limit` waiting deliveries: `{ queueKey, key, record }`, in queue order. */
  async waiting(limit) {
    const entries = [...(await this.ctx.storage.list({ prefix: "q:", limit })).entries()];
    const records = await this.getMany(entries.map(([, key]) => key));
    return entries.map(([queueKey, key], i) => ({ queueKey, key, record: records[i] }));
  }

  /** The batch's members and the trigger they make (planned again, the same, for a resend). */
  async members(count) {
    const waiting = await this.waiting(count);
    const dangling = waiting.filter((w) => w.record === undefined);
    if (dangling.length > 0) {
      // Cannot happen (a record is written with its queue entry); drop the dangling entries.
      await this.dequeue(dangling, []);
      return this.members(count);
    }
    const limits = { maxPeople: this.settings.coalesceMaxPeople, maxBytes: this.settings.coalesceMaxBytes };
    const plan = planBatch(waiting.map((w) => ({ params: w.record.params, merge: w.record.merge })), limits);
    return { plan, members: waiting.slice(0, plan.count) };
  }

  /** Sends the next batch, or reads the trigger list for it, or a trigger's errors, then schedules the next. */
  async alarm() {
    const storage = this.ctx.storage;
    await this.readDueErrors(Date.now());
    const now = Date.now();
    let batch = await storage.get("batch");
    if (batch === undefined) {
      const [head] = (await storage.list({ prefix: "q:", limit: 1 })).entries();
      if (head === undefined) return this.sweep(now);
      const record = await storage.get(head[1]);
      if (record === undefined) {
        await this.dequeue([{ queueKey: head[0] }], []);
        return this.wake(now);
      }
      // A record left in flight by an older deployment (one delivery per trigger) is a batch of one.
      if (record.status === "sending" || record.status === "resolving") {
        batch = { id: `b${record.seq}`, broadcast_id: record.broadcast_id, count: 1, solo: true, status: record.status, attempts: record.attempts, started_ms: record.started_ms ?? (Date.parse(record.attempted_at) || now), ...pick(record, BATCH_STATE) };
      } else {
        // (retry_at_ms: a 429 an older deployment was waiting out on the record itself.)
        const due = Math.max(((await storage.get("last")) ?? 0) + this.settings.spacingMs, record.retry_at_ms ?? 0);
        if (now < due) return this.wake(due);
        // A head that goes alone needs no look at the rest of the queue.
        return this.send(now, soloReason(record.params, record.merge) === undefined ? undefined : { id: `b${record.seq}`, attempts: 0, count: 1 });
      }
    }
    if (this.inFlight === batch.id) {
      // This isolate is still waiting for the answer: look again when it may have come.
      return this.wake(now + this.settings.spacingMs);
    }
    if (batch.status === "resolving") {
      if (batch.check_at_ms > now) return this.wake(batch.check_at_ms);
      return this.check(batch);
    }
    if (batch.status === "sending") {
      // The isolate died while this trigger was in flight: it may have been sent. Never resent
      // blindly: the trigger list settles it.
      const error = { code: "unknown_outcome", message: "the Worker stopped while this trigger was in flight; it may have been sent" };
      return this.startResolving(batch, now, error);
    }
    const due = Math.max(((await storage.get("last")) ?? 0) + this.settings.spacingMs, batch.retry_at_ms ?? 0);
    if (now < due) return this.wake(due);
    return this.send(now, batch);
  }

  /** Writes the batch's members with `change` applied to each record. */
  async touch(members, change) {
    this.putMany(members.map((m) => {
      change(m.record);
      return [m.key, m.record];
    }));
  }

  /** Sends the next trigger: a new batch planned from the queue's head, or `batch` again. */
  async send(now, batch) {
    const storage = this.ctx.storage;
    const { plan, members } = await this.members(batch ? batch.count : this.settings.coalesceMaxPeople);
    batch = {
      ...(batch ?? { id: `b${members[0].record.seq}`, attempts: 0 }),
      broadcast_id: members[0].record.broadcast_id, count: plan.count, solo: plan.count === 1, people: peopleCount(plan.params),
      status: "sending", started_ms: now, attempted_at: iso(now),
    };
    batch.attempts += 1;
    delete batch.retry_at_ms;
    const coalesced = plan.count > 1 ? { deliveries: plan.count, people: batch.people } : undefined;
    // Persisted before the trigger leaves (the output gate holds the fetch until it is). `last`
    // is the start while in flight, so a queue restarted mid-flight still spaces from it.
    await this.touch(members, (record) => {
      Object.assign(record, { status: "sending", attempts: record.attempts + 1, attempted_at: iso(now), started_ms: now });
      if (coalesced) record.coalesced = coalesced;
      else delete record.coalesced;
    });
    storage.put({ batch, last: now });
    this.inFlight = batch.id;
    let result;
    let failure;
    try {
      result = await this.client().triggerBroadcast(plan.params);
    } catch (error) {
      failure = error;
    } finally {
      this.inFlight = undefined;
    }
    const ended = Date.now();
    // The spacing runs from here: the API saw this attempt no later than now.
    storage.put({ last: ended, last_duration_ms: ended - now });
    if (result) return this.finish(batch, members, "sent", { trigger_id: result.id }, plan);
    if (failure?.code === "rate_limited" && batch.attempts < MAX_RATE_LIMITED) {
      const retryAt = ended + Math.max(failure.retryAfterMs ?? this.settings.spacingMs, this.settings.spacingMs);
      Object.assign(batch, { status: "queued", retry_at_ms: retryAt, last_error: errorOf(failure) });
      await this.touch(members, (record) => Object.assign(record, { status: "queued", last_error: errorOf(failure) }));
      storage.put("batch", batch);
      return this.wake(retryAt);
    }
    if (failure?.code === "unknown_outcome") return this.startResolving(batch, ended, errorOf(failure), members);
    if (!batch.solo && failure?.status >= 400 && failure?.status < 500) {
      // A coalesced trigger refused as a whole: its members go one by one, so that one
      // delivery's refusal fails no other (nothing was created: the API refused it).
      await this.count(members.map((m) => m.record), -1);
      await this.touch(members, (record) => {
        Object.assign(record, { status: "queued", merge: { ...record.merge, coalesce: false }, split_after: errorOf(failure) });
        delete record.coalesced;
      });
      await this.count(members.map((m) => m.record), 1);
      storage.delete("batch");
      return this.arm(ended);
    }
    return this.finish(batch, members, "failed", { error: errorOf(failure) });
  }

  /** The batch's answer was lost at `ended`: read the trigger list until it says what happened. */
  async startResolving(batch, ended, error, members) {
    const s = this.settings;
    Object.assign(batch, {
      status: "resolving", last_error: error,
      check_at_ms: ended + s.resolveFirstMs, settle_at_ms: ended + s.resolveSettleMs, until_ms: ended + s.resolveForMs,
      resolution: { via: "trigger_list", window_from: iso(batch.started_ms), checks: 0, verdict: null },
    });
    members ??= (await this.members(batch.count)).members;
    await this.touch(members, (record) => Object.assign(record, { status: "resolving", last_error: error }));
    this.ctx.storage.put("batch", batch);
    return this.wake(batch.check_at_ms);
  }

  /** One read of the trigger list for the batch (findTrigger), and what follows from it. */
  async check(batch) {
    const storage = this.ctx.storage;
    const now = Date.now();
    const known = (await storage.get("known")) ?? [];
    let verdict;
    this.inFlight = batch.id;
    try {
      verdict = await this.client().findTrigger({
        broadcast_id: batch.broadcast_id,
        after: seconds(batch.started_ms),
        before: seconds(now),
        exclude: known,
      }, { timeoutMs: this.settings.listTimeoutMs });
    } catch (error) {
      verdict = { outcome: "unreachable", error: errorOf(error) };
    } finally {
      this.inFlight = undefined;
    }
    const checked = Date.now();
    const resolution = { ...batch.resolution, checks: batch.resolution.checks + 1, checked_at: iso(checked), verdict: verdict.outcome };
    if (verdict.outcome === "found") {
      const { plan, members } = await this.members(batch.count);
      return this.finish(batch, members, "sent", { trigger_id: verdict.trigger.id, resolution: { ...resolution, resolved: "found_in_list" } }, plan);
    }
    if (verdict.outcome === "ambiguous") {
      const candidates = verdict.candidates.map((t) => t.id);
      return this.unknown(batch, { ...resolution, candidates }, `more than one trigger (${candidates.join(", ")}) was created in the attempt's window: something else triggers broadcast ${batch.broadcast_id}; check them before sending it again`);
    }
    if (verdict.outcome === "none" && now >= batch.settle_at_ms) {
      const { members } = await this.members(batch.count);
      // Proof: no trigger created from the attempt's start until RESOLVE_SETTLE_MS after its end.
      if (this.settings.resendAfterProof && (batch.resent_after_proof ?? 0) < MAX_RESENDS) {
        batch.resent_after_proof = (batch.resent_after_proof ?? 0) + 1;
        batch.status = "queued";
        batch.resolution = { ...resolution, resolved: "none_in_list_resent" };
        for (const name of ["check_at_ms", "settle_at_ms", "until_ms"]) delete batch[name];
        await this.touch(members, (record) => Object.assign(record, { status: "queued", resent_after_proof: batch.resent_after_proof, resolution: batch.resolution }));
        storage.put("batch", batch);
        return this.arm(checked);
      }
      // Known not sent: not an unknown outcome any more, but a person decides whether to resend.
      const why = this.settings.resendAfterProof ? `its answer was lost ${MAX_RESENDS + 1} times` : "RESEND_AFTER_PROOF is false";
      return this.finish(batch, members, "failed", {
        resolution: { ...resolution, resolved: "none_in_list" },
        error: (record) => ({ code: "not_sent", message: `the trigger list shows that no trigger was created, and it was not sent again (${why}): resend it with POST /deliveries/${record.source}/${record.delivery_id}/resend` }),
      });
    }
    if (verdict.outcome === "unreachable") {
      resolution.error = verdict.error;
      if (checked >= batch.until_ms) {
        return this.unknown(batch, resolution, `the trigger list could not be read for ${this.settings.resolveForMs} ms (${verdict.error.code}): check getTriggers({ broadcast_id: ${batch.broadcast_id} }) before sending it again`);
      }
    }
    // Look again: sooner while waiting for the settle time, with a doubling gap otherwise.
    const gap = Math.min(this.settings.resolveFirstMs * 2 ** resolution.checks, MAX_CHECK_GAP_MS);
    let next = checked + gap;
    if (verdict.outcome === "none") next = Math.min(next, Math.max(batch.settle_at_ms, checked));
    batch.resolution = resolution;
    batch.check_at_ms = next;
    storage.put("batch", batch);
    return this.wake(next);
  }

  async unknown(batch, resolution, message) {
    const { members } = await this.members(batch.count);
    return this.finish(batch, members, "unknown_outcome", {
      resolution,
      error: { code: "unknown_outcome", message: `${batch.last_error?.message ?? "no clear answer"}; ${message}` },
    });
  }

  /**
   * Every member of the batch ends `status` (with `extra`; a function of the record for a
   * per-delivery value), leaves the queue, and the batch is done. A coalesced trigger that was
   * sent has its errors read ERRORS_READ_MS later (readDueErrors).
   */
  async finish(batch, members, status, extra, plan) {
    const storage = this.ctx.storage;
    const now = Date.now();
    if (status === "sent" && plan && plan.count > 1) {
      plan.members.forEach((m, i) => {
        if (m.repeats.length > 0) members[i].record.repeat_people = m.repeats.map(personKey);
      });
    }
    await this.touch(members, (record) => {
      for (const name of ["retry_at_ms", "check_at_ms", "settle_at_ms", "until_ms", "started_ms"]) delete record[name];
      const own = Object.fromEntries(Object.entries(extra).map(([name, value]) => [name, typeof value === "function" ? value(record) : value]));
      Object.assign(record, { status, finished_at: iso(now) }, own);
      if (batch.resent_after_proof) record.resent_after_proof = batch.resent_after_proof;
    });
    this.putMany(members.map((m) => [expKey(m.record.expires_at_ms, m.key), 1]));
    if (status === "sent") {
      const known = (await storage.get("known")) ?? [];
      storage.put("known", [...known, extra.trigger_id].slice(-KNOWN_TRIGGERS));
      if (plan && plan.count > 1) this.scheduleErrors(members, extra.trigger_id, now);
    }
    storage.delete("batch");
    const remaining = await this.dequeue(members, members.map((m) => m.record));
    if (remaining > 0) return this.arm(now);
    return this.sweep(now);
  }

  /** Takes members out of the queue (and their weights off its counters); the queue's new length. */
  async dequeue(members, records) {
    const storage = this.ctx.storage;
    const qlen = Math.max(0, ((await storage.get("qlen")) ?? members.length) - members.length);
    for (let i = 0; i < members.length; i += STORAGE_CHUNK) storage.delete(members.slice(i, i + STORAGE_CHUNK).map((m) => m.queueKey));
    storage.put("qlen", qlen);
    await this.count(records, -1);
    return qlen;
  }

  /** Remembers to read a coalesced trigger's errors (people skipped as missing, ...) later. */
  scheduleErrors(members, triggerId, now) {
    const keys = members.map((m) => m.key);
    const chunks = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_CHUNK) chunks.push([`tm:${triggerId}:${chunks.length}`, keys.slice(i, i + KEYS_PER_CHUNK)]);
    this.putMany(chunks);
    const job = { trigger_id: triggerId, broadcast_id: members[0].record.broadcast_id, chunks: chunks.length, tries: 0 };
    this.ctx.storage.put(`errs:${pad(now + this.settings.errorsReadMs, 15)}:${triggerId}`, job);
  }

  /**
   * Reads the due trigger's errors (getTriggerErrors, every page) and records each line on the
   * delivery it came from (coalesce.js attributeError): `person_errors`, and `failed`
   * `people_missing` for a delivery none of whose people was sent. An unreadable list is tried
   * again (with a doubling wait) 5 times, then recorded as `errors_unread` on every member.
   */
  async readDueErrors(now) {
    const storage = this.ctx.storage;
    const [due] = (await storage.list({ prefix: "errs:", limit: 1 })).entries();
    if (due === undefined || Number(due[0].slice(5, 20)) > now) return;
    const [name, job] = due;
    const lines = [];
    let failure;
    try {
      let start;
      do {
        const page = await this.client().getTriggerErrors({ broadcast_id: job.broadcast_id, trigger_id: job.trigger_id, limit: 1000, ...(start ? { start: String(start) } : {}) }, { timeoutMs: this.settings.listTimeoutMs });
        lines.push(...page.errors);
        start = page.next;
      } while (start && lines.length < MAX_ERROR_LINES);
    } catch (error) {
      failure = errorOf(error);
    }
    const chunkKeys = Array.from({ length: job.chunks }, (_, i) => `tm:${job.trigger_id}:${i}`);
    if (failure && job.tries + 1 < MAX_ERROR_READS) {
      storage.delete(name);
      storage.put(`errs:${pad(Date.now() + this.settings.errorsReadMs * 2 ** (job.tries + 1), 15)}:${job.trigger_id}`, { ...job, tries: job.tries + 1 });
      return;
    }
    const keys = (await this.getMany(chunkKeys)).flat();
    const records = await this.getMany(keys);
    const members = records.map((record) => {
      const repeats = new Set(record?.repeat_people ?? []);
      return { carried: (peopleOf(record?.params) ?? []).filter((entry) => !repeats.has(personKey(entry))) };
    });
    const changed = new Map();
    // Only a line attributed to a delivery counts towards its people; others are listed on all.
    const note = (index, line, attributed) => {
      const record = records[index];
      if (record === undefined || record.trigger_id !== job.trigger_id) return;
      record.person_errors ??= [];
      if (attributed) record.person_error_count = (record.person_error_count ?? 0) + 1;
      if (record.person_errors.length < MAX_LISTED) record.person_errors.push(line);
      changed.set(index, record);
    };
    if (failure) {
      records.forEach((record, i) => {
        if (record?.trigger_id !== job.trigger_id) return;
        record.errors_unread = failure;
        changed.set(i, record);
      });
    }
    for (const line of lines) {
      const index = attributeError(line, members);
      if (index === undefined) records.forEach((_, i) => note(i, `unattributed: ${line}`, false));
      else note(index, line, true);
    }
    for (const [index, record] of changed) {
      const carried = members[index].carried.length;
      if (record.status === "sent" && carried > 0 && (record.person_error_count ?? 0) >= carried) {
        record.status = "failed";
        record.error = { code: "people_missing", message: `trigger ${job.trigger_id} carried this delivery, but the API reported an error for each of its ${carried} people (person_errors): none was sent` };
      }
    }
    this.putMany([...changed].map(([index, record]) => [keys[index], record]));
    storage.delete([name, ...chunkKeys]);
  }

  /**
   * The admin's resend of a delivery left `unknown_outcome`: without `confirm`, what would be
   * sent (the request, key redacted) and the token that confirms it; with the token, the
   * delivery is queued again (at the tail) and sent like any other (coalesced with the others).
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
    const notBefore = await this.estimate(now);
    Object.assign(record, { status: "queued", seq, not_before: iso(notBefore), resent_by_admin_at: iso(now), expires_at_ms: now + this.settings.dedupeMs });
    for (const name of ["finished_at", "error", "resolution", "coalesced", "trigger_id"]) delete record[name];
    storage.put({ [key]: record, [`q:${pad(seq, 12)}`]: key, seq: seq + 1, qlen: qlen + 1 });
    await this.count([record], 1);
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
    if (next !== undefined) await this.wake(next);
    else if (seen === SWEEP_BATCH) await this.wake(now);
    else {
      const [errs] = (await storage.list({ prefix: "errs:", limit: 1 })).keys();
      if (errs !== undefined) await storage.setAlarm(Number(errs.slice(5, 20)));
    }
  }
}

/** The waiting counters a record adds to the queue: people named, and whether it goes alone. */
function weightOf(record) {
  const solo = soloReason(record.params, record.merge) !== undefined;
  return { people: peopleCount(record.params), solo: solo ? 1 : 0, mergeable: solo ? 0 : peopleCount(record.params) };
}

/** The fields of a record in flight that an older deployment kept on the record itself. */
const BATCH_STATE = ["retry_at_ms", "check_at_ms", "settle_at_ms", "until_ms", "resolution", "last_error", "resent_after_proof"];

function pick(object, names) {
  return Object.fromEntries(names.filter((name) => name in object).map((name) => [name, object[name]]));
}

/** A short token for "exactly this request, in this state": the person confirms what they saw. */
async function confirmToken(record) {
  const text = JSON.stringify([record.delivery_id, record.attempts, record.finished_at, record.params]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
