// customerio-wasm/funnel: the delivery funnel, one computation for the agent tools, the
// extension, the playground and the examples. Pure and dependency-free: counts in, steps out.
//
// The one meaning of the rates: each is a fraction from 0 to 1 rounded to 4 decimal places, or
// null when it has no denominator. `rate_of_attempted` is the step's count over attempted's;
// `rate_of_previous` over the step before's (null for the first step, which has none). A rate
// is never invented: 0 of 0 is null ("no data"), not 0 or 1.
import { rules } from "./rules.js";

/** The funnel's metrics, in order (attempted, sent, delivered, opened, clicked, converted). */
export const FUNNEL_METRICS = Object.freeze([...rules.funnelMetrics]);

/** `part / whole` rounded to 4 decimal places, or null when `whole` is 0. */
export function rate(part, whole) {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** Each series of a metrics answer (`metric.series`) summed over its periods. */
export function seriesTotals(series) {
  return Object.fromEntries(Object.entries(series ?? {}).map(([name, counts]) => [name, (counts ?? []).reduce((a, b) => a + (Number(b) || 0), 0)]));
}

/**
 * The funnel of `totals` (`{ attempted: 120, sent: 118, … }`; a missing metric counts 0): one
 * step per funnel metric, `{ metric, count, rate_of_attempted, rate_of_previous }`.
 */
export function funnelSteps(totals) {
  const attempted = totals?.attempted ?? 0;
  let previous;
  return FUNNEL_METRICS.map((metric) => {
    const count = totals?.[metric] ?? 0;
    const step = { metric, count, rate_of_attempted: rate(count, attempted), rate_of_previous: previous === undefined ? null : rate(count, previous) };
    previous = count;
    return step;
  });
}
