// A broadcast's delivery funnel from getBroadcastMetrics' series: the package's funnel
// (customerio-wasm/funnel, copied into vendor/ by scripts/build-extension.mjs), whose rates are
// fractions rounded to 4 places, null without a denominator. Pure, tested in Node on the build.
import { FUNNEL_METRICS, funnelSteps, rate, seriesTotals } from "../vendor/customerio-wasm/funnel.js";

/** The funnel's steps, in order (the package's). */
export const FUNNEL = FUNNEL_METRICS;

export { rate };
export { formatPeople } from "../vendor/customerio-wasm/audience.js";

/**
 * The funnel's steps (`{ metric, count, rate_of_attempted, rate_of_previous }`) and the
 * per-period counts of `daily` for the chart.
 * @param {Record<string, number[]>} series one count per period, oldest first
 * @param {string} [daily] the metric charted per period
 */
export function funnelOf(series, daily = "delivered") {
  return { steps: funnelSteps(seriesTotals(series)), perPeriod: [...(series?.[daily] ?? [])] };
}

/**
 * The most clicked links of a link metrics answer: each link's clicks summed over the steps,
 * most first, at most `limit`.
 * @param {Array<{ link?: { id?: number, href?: string }, metric?: { series?: { clicked?: number[] } } }> | null} links
 */
export function topLinks(links, limit = 5) {
  return (links ?? [])
    .map((entry) => ({
      href: entry?.link?.href ?? `link ${entry?.link?.id ?? "?"}`,
      clicks: (entry?.metric?.series?.clicked ?? []).reduce((sum, n) => sum + n, 0),
    }))
    .sort((a, b) => b.clicks - a.clicks)
    .slice(0, limit);
}

/** "42.5%" (one decimal); "—" for a rate without a denominator (null). */
export function formatRate(rate) {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10}%`;
}
