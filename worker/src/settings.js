// The Worker's settings, read once from its vars (worker/wrangler.jsonc; README "Deploy the
// webhook Worker"), with the defaults the README states. A value that is not a number of the
// right kind falls back to its default rather than breaking every delivery.

import { rules } from "customerio-wasm/rules";
import { MAX_PEOPLE } from "./coalesce.js";

const DAY_MS = 86_400_000;

function number(value, fallback, { min = 0 } = {}) {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= min ? n : fallback;
}

/** Every setting, with its default. */
export function settings(env) {
  return {
    /**
     * At least this long between the end of one trigger attempt and the start of the next; by
     * default the client's own spacing (customerio-wasm/rules `spacing.intervalMs`, 10 s).
     */
    spacingMs: number(env.SPACING_MS, rules.spacing.intervalMs),
    /** How long a delivery id (and a signed body, for schemes without a timestamp) is remembered. */
    dedupeMs: number(env.DEDUPE_DAYS, 7) * DAY_MS,
    /** Per-attempt timeout of a trigger. */
    triggerTimeoutMs: number(env.TRIGGER_TIMEOUT_MS, 30_000, { min: 1 }),
    /** Deliveries waiting per broadcast; past it a delivery is answered 503 with Retry-After. */
    queueLimit: number(env.QUEUE_LIMIT, 10_000, { min: 1 }),
    /** After an unknown outcome: the first read of the trigger list this long after the attempt ended. */
    resolveFirstMs: number(env.RESOLVE_FIRST_MS, 2_000),
    /** "No trigger" counts as proof only when the list still shows none this long after the attempt ended. */
    resolveSettleMs: number(env.RESOLVE_SETTLE_MS, 60_000),
    /** How long to keep trying to read the list before leaving the delivery unknown_outcome. */
    resolveForMs: number(env.RESOLVE_FOR_MS, 300_000),
    /** Per-read timeout of the trigger list while settling an unknown outcome. */
    listTimeoutMs: number(env.LIST_TIMEOUT_MS, 10_000, { min: 1 }),
    /** People per coalesced trigger (the API's limit, 10 000, is the most). */
    coalesceMaxPeople: Math.min(number(env.COALESCE_MAX_PEOPLE, MAX_PEOPLE, { min: 1 }), MAX_PEOPLE),
    /** Payload bytes per coalesced trigger (the API's limit, 25 MB, is the most). */
    coalesceMaxBytes: Math.min(number(env.COALESCE_MAX_BYTES, 20 * 1024 * 1024, { min: 1024 }), 25 * 1024 * 1024),
    /** A coalesced trigger's errors (people skipped as missing) are read this long after it was sent. */
    errorsReadMs: number(env.ERRORS_READ_MS, 60_000),
    /** Whether proof of no trigger sends the delivery again ("false": a person decides). */
    resendAfterProof: String(env.RESEND_AFTER_PROOF ?? "true").toLowerCase() !== "false",
  };
}
