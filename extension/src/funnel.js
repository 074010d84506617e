// A broadcast's delivery funnel from getBroadcastMetrics' series. Pure, tested in Node.

/** The funnel's steps, in order. */
export const FUNNEL = Object.freeze(["attempted", "sent", "delivered", "opened", "clicked", "converted"]);

/**
 * Totals and rates per step (rate: of the step before; the first step's rate is 1), and the
 * per-step counts of `daily` for the chart.
 * @param {Record<string, number[]>} series one count per period, oldest first
 * @param {string} [daily] the metric charted per period
 */
export function funnelOf(series, daily = "delivered") {
  const total = (name) => (series[name] ?? []).reduce((sum, n) => sum + n, 0);
  const steps = FUNNEL.map((name) => ({ name, count: total(name) }));
  steps.forEach((step, index) => {
    const before = index === 0 ? step.count : steps[index - 1].count;
    step.rate = index === 0 ? (step.count > 0 ? 1 : 0) : before > 0 ? step.count / before : 0;
  });
  return { steps, perPeriod: [...(series[daily] ?? [])] };
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

/** "1 204 people": a count with thousands apart. */
export function formatPeople(count) {
  return `${String(count).replace(/\B(?=(\d{3})+(?!\d))/g, " ")} ${count === 1 ? "person" : "people"}`;
}

/** "42.5%" (one decimal), "0%" for nothing. */
export function formatRate(rate) {
  return `${Math.round(rate * 1000) / 10}%`;
}
