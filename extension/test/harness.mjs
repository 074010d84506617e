// The extension test harness: Debian's headless Chromium with the built extension loaded
// (--load-extension), the API answered by the sandbox and a stand-in Customer.io UI page at a real
// https://fly.customer.io/... address, both through Playwright's context routing. Routing covers
// the extension's service worker fetches in this Playwright/Chromium. As a safety net the
// Customer.io hosts resolve to nothing (--host-resolver-rules): if routing ever missed a request,
// it would fail instead of reaching the real API. Nothing of this is in the shipped zip: the
// extension always talks to https://api.customer.io, and only this test answers for it.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { createSandbox } from "../../pkg/sandbox/index.js";
import { buildExtension } from "../../scripts/build-extension.mjs";
import { CHROMIUM_PATH, extensionArgs } from "../../tests/common/chromium.mjs";

/** A distinctive key, searched for where it must never appear. */
export const API_KEY = "cio_ext_SECRET_key_7c1e55aa90d3";
export const WRONG_KEY = "cio_ext_WRONG_key_0b5f11c2e4";
export const UI = "https://fly.customer.io/workspaces/90210/journeys";

/** The stand-in UI page: a script of its own that tries to find a key anywhere it can look. */
const STAND_IN = `<!doctype html><html><head><title>Customer.io (stand-in)</title></head>
<body><h1>Customer.io UI stand-in</h1><p id="where"></p>
<script>
  document.getElementById("where").textContent = location.href;
  window.pageLooks = () => JSON.stringify({
    html: document.documentElement.outerHTML,
    local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie,
    runtime: typeof chrome !== "undefined" && chrome.runtime ? Object.keys(chrome.runtime) : null,
    name: window.name,
  });
</script></body></html>`;

/**
 * Builds the extension into a temporary folder, starts Chromium with it, routes the API to a
 * fresh sandbox and the UI host to the stand-in page.
 */
export async function startBrowser() {
  const dir = await mkdtemp(join(tmpdir(), "cio-extension-"));
  await buildExtension(dir);
  const sandbox = createSandbox({ apiKey: API_KEY });
  /** Every API request the browser made: { method, url, at }. */
  const seen = [];
  const context = await chromium.launchPersistentContext("", {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 480, height: 1100 },
    args: [
      ...extensionArgs(dir),
      "--host-resolver-rules=MAP api.customer.io ~NOTFOUND, MAP api-eu.customer.io ~NOTFOUND, MAP fly.customer.io ~NOTFOUND",
    ],
  });
  await context.route(/^https:\/\/api(-eu)?\.customer\.io\//, async (route) => {
    const request = route.request();
    seen.push({ method: request.method(), url: request.url(), at: Date.now() });
    let answer;
    try {
      answer = await sandbox.fetch(request.url(), {
        method: request.method(),
        headers: await request.allHeaders(),
        body: request.postData() ?? undefined,
      });
    } catch {
      return route.abort("failed");
    }
    return route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: await answer.text() });
  });
  await context.route("https://fly.customer.io/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: STAND_IN }));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  const page = (path) => `chrome-extension://${extensionId}/src/${path}`;
  return {
    context, sandbox, seen, worker, extensionId, dir, page,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Saves `key` (and region) through the options page, as a user would. */
export async function saveKey(env, key, { region = "us", persistence = "local" } = {}) {
  const options = await env.context.newPage();
  await options.goto(env.page("options.html"));
  await options.fill("#api-key", key);
  await options.check(`input[name=region][value=${region}]`);
  await options.check(`input[name=persistence][value=${persistence}]`);
  await options.click("#save");
  await options.locator("#status", { hasText: "Saved." }).waitFor();
  await options.close();
}

/** Opens the side panel's page in a tab and waits for it to settle on a broadcast or the picker. */
export async function openPanel(env) {
  const panel = await env.context.newPage();
  await panel.goto(env.page("panel.html"));
  return panel;
}

/** The trigger POSTs for broadcast `id` that the sandbox accepted (a 429 sends nothing). */
export function triggerPosts(sandbox, id) {
  return sandbox.requests.filter((r) => r.method === "POST" && r.path === `/v1/campaigns/${id}/triggers` && r.status === 200);
}
