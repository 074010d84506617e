// The side panel: finds the broadcast of the Customer.io tab (or offers a picker), shows it, and
// hosts the trigger form. Every API call goes through the service worker (worker-link.js).

import { ask, call } from "./worker-link.js";
import { UI_ORIGINS, parseUiUrl } from "./url-context.js";
import { renderBroadcast, showActions, showFunnel, showTriggers } from "./broadcast-view.js";
import { createTriggerView } from "./trigger-view.js";

const $ = (selector) => document.querySelector(selector);
let current = { broadcastId: null, broadcast: null, days: 7 };

function notice(text) {
  const box = $("#notice");
  box.textContent = text;
  box.hidden = !text;
}

function reportError(error) {
  if (error.code === "unauthorized") {
    notice("Customer.io refused the API key (401). Set an App API key and region on the options page (opened for you).");
  } else {
    notice(`${error.code}: ${error.message}`);
  }
}

/**
 * The Customer.io tab: the active tab of the last focused window when it is one, else the most
 * recently used tab on the Customer.io UI (the panel may itself be open in a tab).
 */
async function customerIoTab() {
  const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (parseUiUrl(active?.url)) return active;
  const tabs = await chrome.tabs.query({ url: UI_ORIGINS.map((origin) => `${origin}/*`) });
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

const view = createTriggerView({
  getBroadcastId: () => current.broadcastId,
  onSent: () => showTriggers(current.broadcastId).catch(reportError),
});

async function openBroadcast(broadcastId) {
  current = { ...current, broadcastId };
  notice("");
  $("#outcome").textContent = "";
  try {
    const { broadcast } = await call("getBroadcast", { broadcast_id: broadcastId });
    current.broadcast = broadcast;
    renderBroadcast(broadcast);
  } catch (error) {
    $("#broadcast-view").hidden = true;
    if (error.code !== "not_found") return reportError(error);
    notice(`Broadcast ${broadcastId} was not found with this key (is the region right?). Choose one below.`);
    return showPicker();
  }
  $("#broadcast-view").hidden = false;
  $("#broadcast-picker").value = String(broadcastId);
  await Promise.all([
    showTriggers(broadcastId),
    showFunnel(broadcastId, current.days),
    showActions(current.broadcast, current.days),
    view.loadSegments(),
  ]).catch(reportError);
  await view.refresh();
}

async function showPicker() {
  $("#picker").hidden = false;
  try {
    const { broadcasts } = await call("listBroadcasts", {});
    const select = $("#broadcast-picker");
    select.replaceChildren(
      Object.assign(document.createElement("option"), { value: "", textContent: `Choose one of ${broadcasts?.length ?? 0} broadcasts…` }),
      ...(broadcasts ?? []).map((b) => Object.assign(document.createElement("option"), { value: String(b.id), textContent: `${b.name ?? "(no name)"} (id ${b.id}, ${b.state ?? "?"})` })),
    );
    if (current.broadcastId !== null) select.value = String(current.broadcastId);
  } catch (error) {
    reportError(error);
  }
}

/** Reads the Customer.io tab's address and shows what it points at. */
async function readContext() {
  const tab = await customerIoTab();
  const context = parseUiUrl(tab?.url);
  const note = $("#context-note");
  if (context?.kind === "broadcast") {
    note.textContent = `From the Customer.io tab: workspace ${context.workspaceId ?? "?"}, broadcast ${context.id}.`;
    if (context.id !== current.broadcastId) await openBroadcast(context.id);
    return;
  }
  if (context?.kind) {
    note.textContent = `The Customer.io tab shows a ${context.kind} (id ${context.id}); this panel works with API-triggered broadcasts: choose one.`;
  } else {
    note.textContent = context ? "The Customer.io tab shows no broadcast: choose one." : "No Customer.io tab found: choose a broadcast.";
  }
  await showPicker();
}

async function start() {
  const status = await ask({ type: "status" });
  if (!status?.configured) {
    notice("No API key yet: set your App API key and region on the options page.");
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Open options" });
    button.addEventListener("click", () => chrome.runtime.openOptionsPage());
    $("#notice").append(" ", button);
  }
  $("#broadcast-picker").addEventListener("change", (event) => {
    if (event.target.value) openBroadcast(Number(event.target.value));
  });
  for (const button of document.querySelectorAll(".range button")) {
    button.addEventListener("click", () => {
      current.days = Number(button.dataset.days);
      showFunnel(current.broadcastId, current.days).catch(reportError);
      showActions(current.broadcast, current.days).catch(reportError);
    });
  }
  $("#refresh-triggers").addEventListener("click", () => showTriggers(current.broadcastId).catch(reportError));
  chrome.tabs.onActivated.addListener(() => readContext());
  chrome.tabs.onUpdated.addListener((_id, change) => {
    if (change.url) readContext();
  });
  if (status?.configured) await readContext();
}

start();
