// The broadcast view: name and state, the funnel with its per-day chart, the triggers newest
// first with their errors on demand.

import { call } from "./worker-link.js";
import { funnelOf, formatRate, rate, topLinks } from "./funnel.js";

const $ = (selector) => document.querySelector(selector);

/** "2 Dec 2026, 09:14" in the user's locale. */
export function formatTime(seconds) {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function renderBroadcast(broadcast) {
  $("#title").textContent = broadcast.name ?? `Broadcast ${broadcast.id}`;
  const started = broadcast.first_started ? ` · first started ${formatTime(broadcast.first_started)}` : "";
  $("#broadcast-meta").textContent = `Broadcast ${broadcast.id} · ${broadcast.state ?? "unknown state"}${broadcast.active === false ? " (inactive)" : ""}${started}`;
}

/** Loads and shows the funnel over the last `days` days. */
export async function showFunnel(broadcastId, days) {
  for (const button of document.querySelectorAll(".range button")) {
    button.setAttribute("aria-pressed", String(Number(button.dataset.days) === days));
  }
  const { metric } = await call("getBroadcastMetrics", { broadcast_id: broadcastId, period: "days", steps: days });
  const { steps, perPeriod } = funnelOf(metric.series, "delivered");
  const body = $("#funnel tbody");
  body.replaceChildren(...steps.map((step) => {
    const row = document.createElement("tr");
    row.dataset.metric = step.metric;
    row.innerHTML = `<th scope="row"></th><td class="count"></td><td class="rate"></td>`;
    row.children[0].textContent = step.metric;
    row.children[1].textContent = String(step.count);
    row.children[2].textContent = step.rate_of_previous === null ? "" : formatRate(step.rate_of_previous);
    return row;
  }));
  const highest = Math.max(1, ...perPeriod);
  const today = new Date();
  $("#chart").replaceChildren(...perPeriod.map((count, index) => {
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.dataset.count = String(count);
    bar.style.height = `${(count / highest) * 100}%`;
    const day = new Date(today.getTime() - (perPeriod.length - 1 - index) * 86_400_000);
    bar.title = `${day.toLocaleDateString()}: ${count} delivered`;
    return bar;
  }));
  const total = perPeriod.reduce((sum, n) => sum + n, 0);
  $("#chart-caption").textContent = `Delivered per day over the last ${days} days (${total} in all; days start 00:00 EST).`;
  $("#chart").setAttribute("aria-label", `Delivered per day, last ${days} days: ${perPeriod.join(", ")}`);
}

/**
 * One funnel row per action (message) of the broadcast over the last `days` days: they add up
 * to the broadcast's funnel above. Then its most clicked links.
 */
export async function showActions(broadcast, days) {
  const actions = (broadcast.actions ?? []).filter((action) => Number.isInteger(action.id));
  const rows = await Promise.all(actions.map(async (action) => {
    const { metric } = await call("getBroadcastActionMetrics", { broadcast_id: broadcast.id, action_id: action.id, period: "days", steps: days });
    return { action, steps: funnelOf(metric.series ?? {}).steps };
  }));
  const columns = ["attempted", "delivered", "opened", "clicked"];
  $("#action-funnels tbody").replaceChildren(...rows.map(({ action, steps }) => {
    const row = document.createElement("tr");
    row.dataset.actionId = String(action.id);
    const name = Object.assign(document.createElement("th"), { scope: "row", textContent: `${action.type ?? "action"} ${action.id}` });
    const attempted = steps[0].count;
    const cells = columns.map((column) => {
      const { count } = steps.find((step) => step.metric === column);
      const cell = Object.assign(document.createElement("td"), { className: "count", textContent: String(count) });
      cell.dataset.metric = column;
      if (column !== "attempted" && attempted > 0) cell.textContent += ` (${formatRate(rate(count, attempted))})`;
      return cell;
    });
    row.append(name, ...cells);
    return row;
  }));
  const { links } = await call("getBroadcastLinkMetrics", { broadcast_id: broadcast.id, period: "days", steps: days, unique: true });
  const top = topLinks(links);
  $("#top-links").replaceChildren(...top.map(({ href, clicks }) => {
    const item = document.createElement("li");
    item.dataset.clicks = String(clicks);
    item.textContent = `${href}: ${clicks}`;
    return item;
  }));
  if (top.length === 0) $("#top-links").innerHTML = "<li>No tracked links.</li>";
}

/** Loads and lists the triggers, newest first, each with an Errors button. */
export async function showTriggers(broadcastId) {
  const { triggers } = await call("getTriggers", { broadcast_id: broadcastId });
  const sorted = [...(triggers ?? [])].sort((a, b) => (b.created_at ?? 0) - (a.created_at ?? 0) || b.id - a.id);
  const list = $("#triggers");
  list.replaceChildren(...sorted.map((trigger) => {
    const item = document.createElement("li");
    item.dataset.triggerId = String(trigger.id);
    const state = trigger.processed_at ? `processed ${formatTime(trigger.processed_at)}` : "processing";
    const text = document.createElement("span");
    text.textContent = `#${trigger.id} · ${trigger.created_at ? formatTime(trigger.created_at) : "time unknown"} · ${state} `;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "show-errors";
    button.textContent = "Errors";
    button.addEventListener("click", () => showErrors(broadcastId, trigger.id, item, button));
    item.append(text, button);
    return item;
  }));
  if (sorted.length === 0) list.innerHTML = "<li>No triggers yet.</li>";
  return sorted;
}

async function showErrors(broadcastId, triggerId, item, button) {
  button.disabled = true;
  const box = document.createElement("ul");
  box.className = "trigger-errors";
  try {
    const page = await call("getTriggerErrors", { broadcast_id: broadcastId, trigger_id: triggerId, limit: 50 });
    const lines = page.errors ?? [];
    box.replaceChildren(...lines.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
    if (lines.length === 0) box.innerHTML = "<li>No errors.</li>";
    else if (page.next) box.append(Object.assign(document.createElement("li"), { textContent: "(more lines: see Customer.io)" }));
  } catch (error) {
    box.replaceChildren(Object.assign(document.createElement("li"), { textContent: `${error.code}: ${error.message}` }));
  }
  item.append(box);
}
