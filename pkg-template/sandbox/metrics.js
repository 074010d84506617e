// Broadcast metrics for the sandbox: counts per period, from the workspace's messages.
//
// Reference §2.7 and https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/:
// metrics in `steps` of a `period`, oldest first; maximums 24 hours, 45 days, 12 weeks, 121
// months; `steps=0` (or none) is the maximum, except months default to 12; `steps=1` is two
// periods. "Days start at 00:00 EST" is taken as a fixed UTC-5 [I].
// Web-standard JavaScript only.

import { MESSAGE_METRICS, MESSAGE_TYPES } from "./workspace.js";

/** Channels accepted by `?type=`: the message types (which include live_notification). */
export const METRICS_TYPES = MESSAGE_TYPES;

/** The most steps of each period. */
export const METRICS_MAX_STEPS = Object.freeze({ hours: 24, days: 45, weeks: 12, months: 121 });

const EST_OFFSET_SECONDS = -5 * 3_600;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * How many periods an answer holds for `steps` as sent (undefined when left out).
 * @param {"hours"|"days"|"weeks"|"months"} period
 * @param {number|undefined} steps
 */
export function stepCount(period, steps) {
  if (steps === undefined) return period === "months" ? 12 : METRICS_MAX_STEPS[period];
  if (steps === 0) return METRICS_MAX_STEPS[period];
  return Math.max(2, steps);
}

// The start (Unix seconds) of the period holding `seconds`, `back` periods earlier.
function periodStart(period, seconds, back) {
  const local = seconds + EST_OFFSET_SECONDS;
  if (period === "hours") return (Math.floor(local / HOUR) - back) * HOUR - EST_OFFSET_SECONDS;
  const day = Math.floor(local / DAY);
  if (period === "days") return (day - back) * DAY - EST_OFFSET_SECONDS;
  if (period === "weeks") {
    const sunday = day - ((day + 4) % 7); // 1970-01-01 was a Thursday
    return (sunday - 7 * back) * DAY - EST_OFFSET_SECONDS;
  }
  const date = new Date(day * DAY * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1) / 1000 - EST_OFFSET_SECONDS;
}

/**
 * `{ metric: { series } }` for the messages of one broadcast.
 * @param {Array<{ type: string, metrics: Record<string, number> }>} messages
 * @param {{ period: string, count: number, type?: string, nowSeconds: number }} options
 */
export function metricSeries(messages, { period, count, type, nowSeconds }) {
  const starts = Array.from({ length: count }, (_, index) => periodStart(period, nowSeconds, count - 1 - index));
  const end = periodStart(period, nowSeconds, -1);
  const series = Object.fromEntries(MESSAGE_METRICS.map((metric) => [metric, new Array(count).fill(0)]));
  for (const message of messages) {
    if (type !== undefined && message.type !== type) continue;
    for (const [metric, at] of Object.entries(message.metrics)) {
      if (!(metric in series) || at < starts[0] || at >= end) continue;
      let step = count - 1;
      while (at < starts[step]) step -= 1;
      series[metric][step] += 1;
    }
  }
  return { metric: { series } };
}
