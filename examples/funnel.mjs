// Delivery funnel over Customer.io messages (the items of `cio.messages()` or `getMessages()`).
// Pure functions, no I/O: they run the same in Node, a Worker or a browser page. The steps and
// their rates are the package's (customerio-wasm/funnel), the same as the agent tools' funnels.

import { FUNNEL_METRICS, funnelSteps } from "../pkg/funnel.js";

export { FUNNEL_METRICS };

/**
 * How many messages reached each step, with the package's two rates (customerio-wasm/funnel:
 * fractions from 0 to 1 rounded to 4 places, null when the denominator is 0): of all attempted
 * messages, and of the previous step.
 *
 * A message reaches a metric when `message.metrics[metric]` is present. "attempted" is every
 * message that is not a draft, since the API may leave the attempted metric out.
 *
 * @param {Iterable<{ metrics?: Record<string, number> | null }>} messages
 * @returns {import("../pkg/funnel.js").FunnelStep[]}
 */
export function funnel(messages) {
  const counts = Object.fromEntries(FUNNEL_METRICS.map((metric) => [metric, 0]));
  for (const message of messages) {
    for (const metric of FUNNEL_METRICS) {
      if (reached(message, metric)) counts[metric] += 1;
    }
  }
  return funnelSteps(counts);
}

/** A draft has only the `drafted` metric: it was never sent, so it is not in the funnel. */
export function isDraft(message) {
  const metrics = message.metrics ?? {};
  return metrics.drafted != null && !FUNNEL_METRICS.some((metric) => metrics[metric] != null);
}

function reached(message, metric) {
  if (metric === "attempted") return !isDraft(message);
  return message.metrics?.[metric] != null;
}

/**
 * The funnel as text: one line per step with its count, both rates and a bar scaled to
 * "attempted".
 * @param {ReturnType<typeof funnel>} rows
 * @param {{ barWidth?: number }} [options]
 * @returns {string}
 */
export function renderFunnel(rows, { barWidth = 30 } = {}) {
  const countWidth = Math.max(5, ...rows.map((row) => String(row.count).length));
  const header = `${"step".padEnd(10)}  ${"count".padStart(countWidth)}  ${"of attempted".padStart(12)}  ${"of previous".padStart(11)}`;
  const lines = rows.map((row) =>
    [
      row.metric.padEnd(10),
      String(row.count).padStart(countWidth),
      percent(row.rate_of_attempted).padStart(12),
      percent(row.rate_of_previous).padStart(11),
      bar(row.rate_of_attempted ?? 0, barWidth),
    ].join("  ").trimEnd(),
  );
  return [header, ...lines].join("\n");
}

function percent(rate) {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

// A bar of `width` cells, in eighths of a cell so small differences still show.
function bar(rate, width) {
  const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
  const eighths = Math.round(Math.min(Math.max(rate, 0), 1) * width * 8);
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}
