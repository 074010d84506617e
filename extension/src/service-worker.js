// The extension's service worker: the only place that reads the API key and the only owner of the
// CustomerIo client. Extension pages (the side panel, the options page) talk to it by messages and
// get results and errors back, never the key. There is no content script, and no web page can
// message the worker (no externally_connectable), so nothing on fly.customer.io can reach the key.

import { CustomerIo } from "../vendor/customerio-wasm/entry-inline.js";
import { spacingGate } from "./spacing.js";

const SETTINGS = "cioSettings";
/** The methods the panel may call through the worker. */
const METHODS = new Set([
  "listBroadcasts", "getBroadcast", "getBroadcastMetrics", "getTriggers", "getTriggerErrors", "getSegments", "triggerBroadcast",
  "countAudience", "getBroadcastActionMetrics", "getBroadcastLinkMetrics",
  "findTrigger",
]);

const gate = spacingGate();
let cached = { stamp: null, client: null };

chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});

/** The saved settings: storage.session (until the browser closes) first, then storage.local. */
async function readSettings() {
  const session = (await chrome.storage.session.get(SETTINGS))[SETTINGS];
  if (session?.apiKey) return { ...session, persistence: "session" };
  const local = (await chrome.storage.local.get(SETTINGS))[SETTINGS];
  if (local?.apiKey) return { ...local, persistence: "local" };
  return null;
}

function makeClient(settings) {
  return new CustomerIo({ apiKey: settings.apiKey, region: settings.region, spacing: { acquire: gate.acquire } });
}

/** The client for the saved settings, made again when they change; null when no key is saved. */
async function client() {
  const settings = await readSettings();
  if (settings === null) return null;
  const stamp = `${settings.region}\u0000${settings.apiKey}`;
  if (cached.stamp !== stamp) cached = { stamp, client: makeClient(settings) };
  return cached.client;
}

/** A CustomerIoError (or anything thrown) as plain data for a message. */
function errorData(error) {
  return {
    code: error?.code ?? "internal",
    field: error?.field,
    message: String(error?.message ?? error),
    status: error?.status,
    retryAfterMs: error?.retryAfterMs,
    errors: error?.errors,
  };
}

const NOT_CONFIGURED = {
  code: "unauthorized",
  message: "No API key is saved yet: set your App API key and region on the options page.",
};

async function handle(message) {
  switch (message?.type) {
    case "status": {
      const settings = await readSettings();
      return { ok: true, configured: settings !== null, region: settings?.region ?? null, persistence: settings?.persistence ?? null };
    }
    case "saveSettings": {
      const region = message.region === "eu" ? "eu" : "us";
      const apiKey = String(message.apiKey ?? "").trim();
      const persistence = message.persistence === "session" ? "session" : "local";
      try {
        makeClient({ apiKey, region });
      } catch (error) {
        return { ok: false, error: errorData(error) };
      }
      const other = persistence === "session" ? chrome.storage.local : chrome.storage.session;
      await other.remove(SETTINGS);
      await chrome.storage[persistence].set({ [SETTINGS]: { apiKey, region } });
      cached = { stamp: null, client: null };
      return { ok: true };
    }
    case "clearSettings":
      await chrome.storage.local.remove(SETTINGS);
      await chrome.storage.session.remove(SETTINGS);
      cached = { stamp: null, client: null };
      return { ok: true };
    case "prepare": {
      // A dry run needs no key: without one, a stand-in key (redacted in the answer anyway).
      const settings = await readSettings();
      const cio = (await client()) ?? new CustomerIo({ apiKey: "not-configured", region: settings?.region ?? "us" });
      try {
        return { ok: true, request: cio.prepare(message.method, message.params) };
      } catch (error) {
        return { ok: false, error: errorData(error) };
      }
    }
    case "spacing":
      return { ok: true, waitMs: gate.waitMs(`broadcast:${message.broadcastId}`), intervalMs: gate.intervalMs };
    case "call": {
      if (!METHODS.has(message.method)) return { ok: false, error: { code: "invalid_params", field: "method", message: `unknown method ${message.method}` } };
      const cio = await client();
      if (cio === null) return { ok: false, error: NOT_CONFIGURED };
      try {
        return { ok: true, result: await cio[message.method](message.params ?? {}) };
      } catch (error) {
        return { ok: false, error: errorData(error) };
      }
    }
    default:
      return { ok: false, error: { code: "invalid_params", message: `unknown message type ${message?.type}` } };
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own pages (no content script exists; web pages cannot message us).
  if (sender.id !== chrome.runtime.id || !String(sender.url ?? "").startsWith(chrome.runtime.getURL(""))) return false;
  handle(message).then(sendResponse, (error) => sendResponse({ ok: false, error: errorData(error) }));
  return true;
});
