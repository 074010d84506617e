// Broadcast spacing for the client (its `spacing.acquire` hook): one trigger per broadcast every
// 10 s, as the API allows (reference §2.1). The worker keeps the table so that the panel can ask
// how long a trigger would wait before it is confirmed. A margin is added to the interval: the API
// counts from when it received the previous trigger, a little after this table reserved its slot
// (a trigger that still comes too early gets a 429, which the client retries).

import { rules } from "../vendor/customerio-wasm/rules.js";

/**
 * The interval defaults to the package's spacing (customerio-wasm/rules).
 * @param {{ intervalMs?: number, now?: () => number, sleep?: (ms: number) => Promise<void> }} [options]
 */
export function spacingGate({ intervalMs = rules.spacing.intervalMs, marginMs = 250, now = () => Date.now(), sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
  /** key → the earliest time the next trigger under it may go. */
  const nextAt = new Map();
  return {
    intervalMs,
    /** How long a trigger under `key` asked now would wait, in ms (0: at once). */
    waitMs(key) {
      return Math.max(0, (nextAt.get(key) ?? 0) - now());
    },
    /** Reserves the next slot under `key` and resolves when it comes. */
    async acquire(key, interval = intervalMs) {
      const at = Math.max(now(), nextAt.get(key) ?? 0);
      nextAt.set(key, at + interval + marginMs);
      const wait = at - now();
      if (wait > 0) await sleep(wait);
    },
  };
}
