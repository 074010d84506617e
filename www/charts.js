// Inline SVG charts: the delivery funnel (horizontal bars) and the messages per day (columns).

const SVG = "http://www.w3.org/2000/svg";
const STEP_COLOURS = ["#3b5bdb", "#4263eb", "#1c7ed6", "#1098ad", "#0ca678", "#37b24d"];

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export const formatCount = (n) => n.toLocaleString("en-US");
export const formatRate = (rate) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/**
 * The funnel as horizontal bars scaled to "attempted".
 * @param {{ metric: string, count: number, rate_of_attempted: number|null, rate_of_previous: number|null }[]} rows
 */
export function funnelChart(rows) {
  const width = 600;
  const header = 22;
  const rowHeight = 36;
  const labelWidth = 86;
  const barWidth = 236;
  const countX = labelWidth + barWidth + 66; // right edges of the three number columns
  const rateX = countX + 104;
  const previousX = width - 4;
  const height = header + rows.length * rowHeight + 4;
  const top = rows[0]?.count ?? 0;
  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart funnel-svg",
    "aria-label": `Delivery funnel: ${rows.map((row) => `${row.metric} ${row.count}`).join(", ")}`,
  });
  for (const [x, text] of [[countX, "messages"], [rateX, "of attempted"], [previousX, "of previous"]]) {
    root.append(svg("text", { x, y: 12, "text-anchor": "end", class: "chart-tick" }, text));
  }
  rows.forEach((row, index) => {
    const y = header + index * rowHeight;
    const middle = y + rowHeight / 2;
    const share = top === 0 ? 0 : row.count / top;
    const group = svg("g", { class: "funnel-step", "data-metric": row.metric, "data-count": row.count });
    group.append(svg("title", {}, `${row.metric}: ${formatCount(row.count)} messages, ${formatRate(row.rate_of_attempted)} of attempted, ${formatRate(row.rate_of_previous)} of the previous step`));
    group.append(svg("text", { x: labelWidth - 10, y: middle, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-label" }, row.metric));
    group.append(svg("rect", { x: labelWidth, y: y + 5, width: barWidth, height: rowHeight - 10, rx: 5, class: "chart-track" }));
    const w = row.count === 0 ? 0 : Math.max(2, share * barWidth);
    group.append(svg("rect", { x: labelWidth, y: y + 5, width: w.toFixed(1), height: rowHeight - 10, rx: 5, fill: STEP_COLOURS[index % STEP_COLOURS.length] }));
    group.append(svg("text", { x: countX, y: middle, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-value" }, formatCount(row.count)));
    group.append(svg("text", { x: rateX, y: middle, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-muted" }, formatRate(row.rate_of_attempted)));
    group.append(svg("text", { x: previousX, y: middle, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-muted" }, formatRate(row.rate_of_previous)));
    root.append(group);
  });
  return root;
}

/**
 * Columns of messages per local day between `from` and `to` (Dates), with the opened ones
 * drawn over them.
 * @param {{ created: number, metrics?: Record<string, number> | null }[]} messages
 */
export function volumeChart(messages, from, to) {
  const days = dayBuckets(messages, from, to);
  const width = 600;
  const height = 250;
  const margin = { left: 40, right: 8, top: 12, bottom: 28 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(1, ...days.map((day) => day.total));
  const niceMax = niceCeiling(max);
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(1, slot * 0.72);
  const total = days.reduce((sum, day) => sum + day.total, 0);
  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", class: "chart volume-svg",
    "aria-label": `Messages per day: ${total} messages over ${days.length} days, at most ${max} in a day`,
  });
  for (const tick of [0, niceMax / 2, niceMax]) {
    const y = margin.top + plotHeight - (tick / niceMax) * plotHeight;
    root.append(svg("line", { x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: tick === 0 ? "chart-axis" : "chart-grid" }));
    root.append(svg("text", { x: margin.left - 6, y, "text-anchor": "end", "dominant-baseline": "middle", class: "chart-tick" }, formatCount(tick)));
  }
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    const group = svg("g", { class: "volume-day", "data-day": day.key, "data-total": day.total });
    group.append(svg("title", {}, `${day.label}: ${formatCount(day.total)} messages, ${formatCount(day.opened)} opened`));
    const h = (day.total / niceMax) * plotHeight;
    const ho = (day.opened / niceMax) * plotHeight;
    // A transparent hit area the height of the plot, so thin days still show their tooltip.
    group.append(svg("rect", { x: margin.left + index * slot, y: margin.top, width: slot, height: plotHeight, fill: "transparent" }));
    group.append(svg("rect", { x, y: margin.top + plotHeight - h, width: barWidth, height: h, class: "bar-total", rx: Math.min(2, barWidth / 3) }));
    if (day.opened > 0) group.append(svg("rect", { x, y: margin.top + plotHeight - ho, width: barWidth, height: ho, class: "bar-opened", rx: Math.min(2, barWidth / 3) }));
    if (index % labelEvery === 0) {
      group.append(svg("text", { x: x + barWidth / 2, y: height - 8, "text-anchor": "middle", class: "chart-tick" }, day.short));
    }
    root.append(group);
  });
  return { element: root, days, total };
}

function dayBuckets(messages, from, to) {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const days = [];
  const index = new Map();
  for (let day = start; day <= to; day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) {
    const key = dayKey(day);
    index.set(key, days.length);
    days.push({
      key, total: 0, opened: 0,
      label: day.toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric" }),
      short: day.toLocaleDateString("en-US", { month: "short", day: "numeric" }),
    });
    if (days.length > 400) break;
  }
  for (const message of messages) {
    const slot = index.get(dayKey(new Date(message.created * 1000)));
    if (slot === undefined) continue;
    days[slot].total += 1;
    if (message.metrics?.opened != null) days[slot].opened += 1;
  }
  return days;
}

function dayKey(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

function niceCeiling(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= value && (candidate / 2) % 1 === 0) return candidate;
  }
  return 10 * magnitude;
}
