// The www playground driven in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// inline validation errors from cio.prepare(), the live request preview, Send against the
// in-page sandbox, and the delivery funnel checked against the sandbox's own messages.
//
//   node --test www/test/        (needs pkg/: `make pkg`)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, stat } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveWww } from "../../examples/serve-www.mjs";
import { createSandbox } from "../../pkg/sandbox/index.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/common/chromium.mjs";

const RESULTS = fileURLToPath(new URL("../../test-results/", import.meta.url));
const SCREENSHOT = `${RESULTS}playground.png`;
/** The user's own endpoint in the Connection test (answered by page.route, never resolved). */
const PROXY = "http://cio-proxy.test";
const FUNNEL_METRICS = ["attempted", "sent", "delivered", "opened", "clicked", "converted"];

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  server = await serveWww({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The browser logs every non-2xx fetch; the 401 of the Connection test is expected.
    const expected = message.text().startsWith("Failed to load resource") && message.location().url.startsWith(PROXY);
    if (message.type() === "error" && !expected) pageErrors.push(`console: ${message.text()}`);
  });
  page.on("requestfailed", (req) => pageErrors.push(`request failed: ${req.url()}`));
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** GET over a raw socket, so paths such as /%2e%2e/ reach the server unnormalized. */
function rawGet(path) {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

const text = (selector) => page.locator(selector).textContent();
const sandboxRequests = () => page.evaluate(() => window.__sandbox.requests.map(({ method, path, query, headers, body, status }) => ({ method, path, query, headers, body, status })));

test("serve-www: 127.0.0.1 only, content types, 404s, nothing outside its roots", async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const cases = [
    ["/", "text/html"],
    ["/app.js", "text/javascript"],
    ["/style.css", "text/css"],
    ["/pkg/entry-inline.js", "text/javascript"],
    ["/pkg/sandbox/index.js", "text/javascript"],
    ["/pkg/customerio_wasm_bg.wasm", "application/wasm"],
    ["/pkg/package.json", "application/json"],
    ["/examples/funnel.mjs", "text/javascript"],
  ];
  for (const [path, type] of cases) {
    const response = await fetch(new URL(path, server.url));
    assert.equal(response.status, 200, path);
    assert.ok(response.headers.get("content-type").startsWith(type), `${path}: ${response.headers.get("content-type")}`);
    await response.arrayBuffer();
  }
  assert.equal((await rawGet("/nope.js")).status, 404);
  assert.equal((await rawGet("/%2e%2e/Cargo.toml")).status, 404);
  assert.equal((await rawGet("/pkg/%2e%2e/%2e%2e/etc/passwd")).status, 404);
  assert.equal((await rawGet("/../Makefile")).status, 404);
});

test("the forms' choices are the core's exported enums, not a copy", async () => {
  const { operations } = await import("../../pkg/table.js");
  const enumOf = (method, param) => operations.find((op) => op.name === method).params.find((p) => p.name === param).kind.values;
  const optionsOf = (id) =>
    page.$$eval(`#${id} option`, (options) => options.map((o) => o.value).filter((v) => v !== ""));
  assert.deepEqual(await optionsOf("getMessages-type"), enumOf("getMessages", "type"));
  assert.deepEqual(await optionsOf("getMessages-metric"), enumOf("getMessages", "metric"));
  assert.deepEqual(await optionsOf("listNewsletters-sort"), enumOf("listNewsletters", "sort"));
  assert.deepEqual(await optionsOf("getBroadcastMetrics-period"), enumOf("getBroadcastMetrics", "period"));
});

test("the forms' endpoints, required fields and ranges are the table's", async () => {
  const { operations } = await import("../../pkg/table.js");
  const op = (name) => operations.find((row) => row.name === name);
  const range = (name) => { const { min, max } = op(name).params.find((p) => p.name === "limit").kind; return `${min}–${max}`; };
  assert.equal(await page.getAttribute("#getMessages-limit", "placeholder"), range("getMessages"));
  assert.equal(await page.getAttribute("#listNewsletters-limit", "placeholder"), range("listNewsletters"));
  assert.equal(await page.getAttribute("#getSegmentMembership-limit", "placeholder"), range("getSegmentMembership"));
  const endpoints = await page.$$eval("p.endpoint code.muted", (codes) => codes.map((c) => c.textContent));
  for (const name of ["triggerBroadcast", "getMessages", "getSegmentDetails", "sendEmail"]) {
    assert.ok(endpoints.includes(`${op(name).method} ${op(name).path}`), name);
  }
  assert.equal(await page.getAttribute("#getSegmentDetails-segment_id", "aria-required"), "true");
});

test("the page imports customerio-wasm by bare name and talks to the in-page sandbox", async () => {
  const importMap = JSON.parse(await page.locator('script[type="importmap"]').textContent());
  assert.deepEqual(importMap.imports, {
    "customerio-wasm": "/pkg/entry-inline.js",
    "customerio-wasm/sandbox": "/pkg/sandbox/index.js",
    "customerio-wasm/table": "/pkg/table.js",
  });
  assert.equal((await text("#connection-badge")).trim(), "Sandbox");
  const info = await page.evaluate(() => ({
    client: JSON.stringify(window.__cio),
    apiKey: window.__sandbox.apiKey,
    messages: window.__sandbox.workspace.messages.length,
    requests: window.__sandbox.requests.length,
  }));
  assert.deepEqual(JSON.parse(info.client), { baseUrl: "https://api.customer.io" });
  assert.ok(info.messages > 100, `sandbox messages: ${info.messages}`);
  assert.equal(info.requests, 0, "nothing is sent while the page loads");
  // The default trigger form is valid: its preview is already there.
  assert.equal(await text("#preview-method"), "POST");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/campaigns/11/triggers");
});

test("two audiences: audience_conflict inline at the emails field, and nothing is sent", async () => {
  await page.click("#tab-triggerBroadcast");
  await page.fill("#triggerBroadcast-broadcast_id", "11");
  await page.fill("#triggerBroadcast-ids", "cust_0001\ncust_0002");
  await page.check("#triggerBroadcast-emails-on");
  await page.fill("#triggerBroadcast-emails", "road@runner.net\nwile@acme.example");
  assert.ok(await page.isChecked("#triggerBroadcast-ids-on"));

  const error = page.locator("#triggerBroadcast-emails-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^audience_conflict .*ids and emails/);
  assert.equal(await page.getAttribute("#triggerBroadcast-emails", "aria-invalid"), "true");
  assert.ok((await page.getAttribute("#triggerBroadcast-emails", "aria-describedby")).includes("triggerBroadcast-emails-error"));
  assert.equal(await page.isVisible("#preview-request"), false, "no preview for a refused request");
  assert.match(await text("#preview-state"), /Refused before sending: audience_conflict/);

  // Send anyway: the client refuses it before any fetch.
  await page.click("#send");
  await page.locator("#response-status.failed", { hasText: "triggerBroadcast" }).waitFor();
  assert.match(await text("#response-status"), /refused by the client: no request was made/);
  assert.match(await text("#response-error"), /audience_conflict/);
  assert.equal((await sandboxRequests()).length, 0);
});

test("a nested field path points at its input: recipients.and[1].segment.id → the recipients box", async () => {
  await page.uncheck("#triggerBroadcast-ids-on");
  await page.uncheck("#triggerBroadcast-emails-on");
  await page.check("#triggerBroadcast-recipients-on");
  await page.fill("#triggerBroadcast-recipients", '{ "and": [ { "segment": { "id": 1 } }, { "segment": { "id": "x" } } ] }');
  const error = page.locator("#triggerBroadcast-recipients-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^invalid_params .*\(at recipients\.and\[1\]\.segment\.id\)$/);
  assert.equal(await page.getAttribute("#triggerBroadcast-recipients", "aria-invalid"), "true");

  // A JSON syntax error is the page's own, shown at the same box.
  await page.fill("#triggerBroadcast-recipients", '{ "and": [ ');
  assert.match(await error.textContent(), /^invalid_json recipients is not valid JSON/);

  // No audience at all: missing_audience, at the audience group.
  await page.uncheck("#triggerBroadcast-recipients-on");
  const group = page.locator("#triggerBroadcast-audience-error");
  await group.waitFor({ state: "visible" });
  assert.match(await group.textContent(), /^missing_audience .*default_audience: true/);
});

test("fixed (one audience): the live preview shows the POST and its body, key redacted", async () => {
  await page.check("#triggerBroadcast-emails-on");
  await page.locator("#triggerBroadcast-emails-error").waitFor({ state: "hidden" });
  await page.locator("#preview-request").waitFor({ state: "visible" });
  assert.equal(await text("#preview-method"), "POST");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/campaigns/11/triggers");
  assert.deepEqual(JSON.parse(await text("#preview-body")), {
    emails: ["road@runner.net", "wile@acme.example"],
    data: { discount: "30%" },
  });
  const headers = await text("#preview-headers");
  assert.match(headers, /Authorization: Bearer \[REDACTED\]/);
  const apiKey = await page.evaluate(() => window.__sandbox.apiKey);
  assert.ok(!(await page.content()).includes(`Bearer ${apiKey}`), "the key is nowhere in the page");

  // The preview follows every keystroke: a flag that does not fit, then one that does.
  await page.check("#triggerBroadcast-id_ignore_missing");
  await page.locator("#triggerBroadcast-id_ignore_missing-error").waitFor({ state: "visible" });
  assert.match(await text("#triggerBroadcast-id_ignore_missing-error"), /^invalid_params id_ignore_missing: true does not apply/);
  await page.uncheck("#triggerBroadcast-id_ignore_missing");
  await page.check("#triggerBroadcast-email_ignore_missing");
  await page.locator("#preview-request").waitFor({ state: "visible" });
  assert.equal(JSON.parse(await text("#preview-body")).email_ignore_missing, true);
  await page.uncheck("#triggerBroadcast-email_ignore_missing");
  assert.equal((await sandboxRequests()).length, 0, "previews send nothing");
});

test("Send shows API errors with their code: a segment that does not exist is not_found (404)", async () => {
  await page.click("#tab-getSegmentDetails");
  await page.fill("#getSegmentDetails-segment_id", "999");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/segments/999");
  await page.click("#send");
  await page.locator("#response-status.failed", { hasText: "getSegmentDetails" }).waitFor();
  assert.match(await text("#response-status"), /getSegmentDetails failed with HTTP 404 · 1 request/);
  assert.match(await text("#response-error"), /code\s*not_found/);
  assert.match(await text("#response-body"), /segment with id 999 does not exist/);
  await page.fill("#getSegmentDetails-segment_id", "3");
  await page.click("#tab-triggerBroadcast");
});

test("Broadcast metrics: steps over the period's maximum is refused inline at steps, then a valid query is sent", async () => {
  await page.click("#tab-getBroadcastMetrics");
  await page.fill("#getBroadcastMetrics-broadcast_id", "12");
  await page.selectOption("#getBroadcastMetrics-period", "hours");
  await page.fill("#getBroadcastMetrics-steps", "30");
  const error = page.locator("#getBroadcastMetrics-steps-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^invalid_params steps must be a whole number from 0 to 24 with period hours/);
  const before = (await sandboxRequests()).length;
  await page.fill("#getBroadcastMetrics-steps", "6");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/broadcasts/12/metrics?period=hours&steps=6");
  await page.click("#send");
  await page.locator("#response-status.ok", { hasText: "getBroadcastMetrics" }).waitFor();
  assert.equal(JSON.parse(await text("#response-body")).metric.series.sent.length, 6);
  assert.equal((await sandboxRequests()).length, before + 1);
  await page.click("#tab-triggerBroadcast");
});

test("The reads around a broadcast: segment size and a message's link clicks are sent from their forms", async () => {
  await page.click("#tab-getSegmentCount");
  await page.fill("#getSegmentCount-segment_id", "3");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/segments/3/customer_count");
  await page.click("#send");
  await page.locator("#response-status.ok", { hasText: "getSegmentCount" }).waitFor();
  const { count } = JSON.parse(await text("#response-body"));
  const members = await page.evaluate(async () => {
    const headers = { authorization: `Bearer ${window.__sandbox.apiKey}` };
    const answer = await window.__sandbox.fetch("https://api.customer.io/v1/segments/3/membership?limit=1000", { headers });
    return (await answer.json()).identifiers.length;
  });
  assert.ok(count > 0);
  assert.equal(count, members, "the size is the number of members");

  await page.click("#tab-getBroadcastActionLinkMetrics");
  await page.fill("#getBroadcastActionLinkMetrics-broadcast_id", "12");
  await page.fill("#getBroadcastActionLinkMetrics-action_id", "302");
  await page.selectOption("#getBroadcastActionLinkMetrics-period", "weeks");
  await page.fill("#getBroadcastActionLinkMetrics-steps", "13");
  const error = page.locator("#getBroadcastActionLinkMetrics-steps-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^invalid_params steps must be a whole number from 0 to 12 with period weeks/);
  await page.fill("#getBroadcastActionLinkMetrics-steps", "12");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/broadcasts/12/actions/302/metrics/links?period=weeks&steps=12");
  await page.click("#send");
  await page.locator("#response-status.ok", { hasText: "getBroadcastActionLinkMetrics" }).waitFor();
  assert.ok(JSON.parse(await text("#response-body")).links.every((entry) => entry.metric.series.clicked.length === 12));
  await page.click("#tab-triggerBroadcast");
});

test("Connection panel: a base URL and key the user types (a CORS proxy, here answered by a Node sandbox)", async () => {
  const remote = createSandbox({ apiKey: "proxy-key-7f3a" });
  const cors = {
    "access-control-allow-origin": new URL(server.url).origin,
    "access-control-allow-headers": "authorization, content-type",
    "access-control-allow-methods": "GET, POST",
  };
  await page.route(`${PROXY}/**`, async (route) => {
    const req = route.request();
    if (req.method() === "OPTIONS") return route.fulfill({ status: 204, headers: cors });
    const answer = await remote.fetch(req.url(), { method: req.method(), headers: await req.allHeaders(), body: req.postData() ?? undefined });
    return route.fulfill({ status: answer.status, headers: { ...Object.fromEntries(answer.headers), ...cors }, body: await answer.text() });
  });
  try {
    await page.check("#conn-mode-remote");
    // No key yet: no client, the error at the key field, Send disabled.
    await page.locator("#conn-api-key-error").waitFor({ state: "visible" });
    assert.match(await text("#conn-api-key-error"), /^invalid_params apiKey is empty/);
    assert.equal(await page.isDisabled("#send"), true);
    await page.fill("#conn-base-url", "ftp://nope");
    await page.fill("#conn-api-key", "not-the-key");
    assert.match(await text("#conn-base-url-error"), /^invalid_params baseUrl must be an http\(s\) origin/);
    await page.fill("#conn-base-url", PROXY);
    assert.equal(await text("#connection-badge"), `Endpoint: ${PROXY}`);
    assert.equal(await page.isDisabled("#send"), false);
    await page.click("#tab-getSegments");
    assert.equal(await text("#preview-url"), `${PROXY}/v1/segments`);
    assert.match(await text("#preview-headers"), /Bearer \[REDACTED\]/);

    await page.click("#send");
    await page.locator("#response-status.failed", { hasText: "getSegments" }).waitFor();
    assert.match(await text("#response-error"), /code\s*unauthorized/);
    assert.match(await text("#response-status"), /HTTP 401/);

    await page.fill("#conn-api-key", "proxy-key-7f3a");
    await page.click("#send");
    await page.locator("#response-status.ok", { hasText: "getSegments" }).waitFor();
    const body = JSON.parse(await text("#response-body"));
    assert.equal(body.segments.length, remote.workspace.segments.length);
    assert.deepEqual(remote.requests.map((r) => [r.method, r.path, r.authorized]), [["GET", "/v1/segments", false], ["GET", "/v1/segments", true]]);
    assert.ok(!(await page.content()).includes("proxy-key-7f3a"), "the typed key is not in the DOM");
  } finally {
    await page.check("#conn-mode-sandbox");
    await page.unroute(`${PROXY}/**`);
  }
  assert.equal(await text("#connection-badge"), "Sandbox");
  await page.click("#tab-triggerBroadcast");
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/campaigns/11/triggers");
});

test("Send triggers the broadcast in the sandbox and shows the trigger id", async () => {
  const before = (await sandboxRequests()).length;
  await page.click("#send");
  await page.locator("#response-status.ok", { hasText: "triggerBroadcast" }).waitFor();
  const result = JSON.parse(await text("#response-body"));
  assert.ok(Number.isInteger(result.id), `trigger id: ${JSON.stringify(result)}`);
  assert.match(await text("#response-status"), /200 triggerBroadcast · 1 request/);

  const requests = (await sandboxRequests()).slice(before);
  assert.equal(requests.length, 1);
  const [sent] = requests;
  assert.equal(sent.method, "POST");
  assert.equal(sent.path, "/v1/campaigns/11/triggers");
  assert.deepEqual(sent.body, { emails: ["road@runner.net", "wile@acme.example"], data: { discount: "30%" } });
  assert.equal(sent.headers.authorization, "Bearer ***");
  assert.equal(sent.status, 200);
  const stored = await page.evaluate(() => window.__sandbox.workspace.triggers.at(-1));
  assert.equal(stored.id, result.id);
  assert.equal(stored.broadcast_id, 11);
});

/** Sets the funnel form and draws it; returns the counts shown and the expected ones from the sandbox. */
async function drawFunnel({ kind, id, days, limit }) {
  const range = await page.evaluate((days) => {
    const pad = (n) => String(n).padStart(2, "0");
    const local = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    const now = new Date();
    const end = new Date(now.getFullYear(), now.getMonth(), now.getDate(), now.getHours(), now.getMinutes() + 1);
    return { start: local(new Date(end.getTime() - days * 86_400_000)), end: local(end) };
  }, days);
  await page.selectOption("#funnel-kind", kind);
  await page.fill("#funnel-id", String(id));
  await page.fill("#funnel-start", range.start);
  await page.fill("#funnel-end", range.end);
  await page.fill("#funnel-limit", String(limit));
  const before = (await sandboxRequests()).length;
  await page.click("#funnel-run");
  await page.locator("#funnel-progress.done").waitFor();
  await page.locator(`#funnel-output[data-kind="${kind}"][data-id="${id}"]`).waitFor({ state: "attached" });

  const shown = {};
  for (const metric of FUNNEL_METRICS) {
    shown[metric] = Number(await page.getAttribute(`[data-testid="funnel-count-${metric}"]`, "data-count"));
  }
  const expected = await page.evaluate(({ kind, id, range, metrics }) => {
    const from = Math.floor(new Date(range.start).getTime() / 1000);
    const to = Math.floor(new Date(range.end).getTime() / 1000);
    const key = { campaign: "campaign_id", broadcast: "broadcast_id", newsletter: "newsletter_id" }[kind];
    const messages = window.__sandbox.workspace.messages.filter((m) =>
      m[key] === id && m.created >= from && m.created <= to && !("drafted" in m.metrics));
    const counts = { attempted: messages.length };
    for (const metric of metrics.slice(1)) counts[metric] = messages.filter((m) => m.metrics[metric] != null).length;
    return { counts, from, to };
  }, { kind, id, range, metrics: FUNNEL_METRICS });
  const requests = (await sandboxRequests()).slice(before);
  return { shown, expected, requests, progress: await text("#funnel-progress") };
}

test("funnel for a campaign and a date range: every page read, counts match the sandbox's messages", async () => {
  const { shown, expected, requests, progress } = await drawFunnel({ kind: "campaign", id: 23, days: 30, limit: 10 });
  assert.ok(expected.counts.attempted > 10 && expected.counts.opened > 0, `a meaningful sample: ${JSON.stringify(expected.counts)}`);
  assert.deepEqual(shown, expected.counts);

  assert.ok(requests.length >= Math.ceil(expected.counts.attempted / 10), `pages: ${requests.length}`);
  for (const [index, req] of requests.entries()) {
    assert.equal(req.path, "/v1/messages");
    assert.equal(req.query.campaign_id, "23");
    assert.equal(req.query.limit, "10");
    assert.equal(req.query.start_ts, String(expected.from));
    assert.equal(req.query.end_ts, String(expected.to));
    assert.equal("start" in req.query, index > 0, "later pages carry the cursor");
  }
  assert.match(progress, new RegExp(`Done: ${requests.length} pages · ${expected.counts.attempted} messages`));

  // The SVG charts carry the same numbers.
  const stepCounts = await page.$$eval("#funnel-chart .funnel-step", (steps) => steps.map((g) => [g.dataset.metric, Number(g.dataset.count)]));
  assert.deepEqual(Object.fromEntries(stepCounts), expected.counts);
  const perDay = await page.$$eval("#volume-chart .volume-day", (days) => days.map((g) => Number(g.dataset.total)));
  assert.ok(perDay.length >= 30 && perDay.length <= 32, `days: ${perDay.length}`);
  assert.equal(perDay.reduce((a, b) => a + b, 0), expected.counts.attempted);
  // Rates: of attempted and of the previous step.
  const sentRow = await page.locator('#funnel-table tr[data-metric="sent"]').textContent();
  assert.ok(sentRow.includes(`${((expected.counts.sent / expected.counts.attempted) * 100).toFixed(1)}%`), sentRow);
});

test("funnel for a broadcast: no API filter, so the page filters the date range by broadcast_id", async () => {
  const { shown, expected, requests } = await drawFunnel({ kind: "broadcast", id: 12, days: 60, limit: 200 });
  assert.ok(expected.counts.attempted > 0, JSON.stringify(expected.counts));
  assert.deepEqual(shown, expected.counts);
  assert.ok(requests.length >= 1);
  for (const req of requests) {
    assert.equal(req.path, "/v1/messages");
    assert.ok(!("campaign_id" in req.query) && !("broadcast_id" in req.query), JSON.stringify(req.query));
  }
  assert.match(await text("#funnel-note"), /no broadcast filter/);
  assert.match(await text("#funnel-caption"), /broadcast 12 .* of \d+ messages read/);

  // Invalid input stays inline at the funnel's fields.
  await page.fill("#funnel-limit", "5000");
  await page.click("#funnel-run");
  await page.locator("#funnel-limit-error").waitFor({ state: "visible" });
  assert.match(await text("#funnel-limit-error"), /^invalid_params limit must be/);
  await page.fill("#funnel-limit", "50");
});

test("a campaign funnel to finish, then a screenshot of the page", async () => {
  await drawFunnel({ kind: "campaign", id: 23, days: 30, limit: 50 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.ok((await stat(SCREENSHOT)).size > 10_000);
  assert.deepEqual(pageErrors, [], "no page errors, console errors or failed requests");
});

test("Send email: two identifiers are refused inline, and the template preset sends one email to the sandbox", async () => {
  await page.click("#tab-sendEmail");
  await page.click("#sendEmail-preset-2");
  const error = page.locator("#sendEmail-identifiers-error");
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /^audience_conflict identifiers takes exactly one of id, email or cio_id/);
  assert.equal(await page.isVisible("#preview-request"), false, "no preview for a refused send");

  await page.click("#sendEmail-preset-0");
  await page.locator("#preview-request").waitFor({ state: "visible" });
  assert.equal(await text("#preview-url"), "https://api.customer.io/v1/send/email");
  assert.deepEqual(JSON.parse(await text("#preview-body")), {
    to: "road@runner.net", identifiers: { email: "road@runner.net" }, transactional_message_id: 4,
    message_data: { order: "cs_test_a1", total: "20.00" },
  });
  const before = (await sandboxRequests()).length;
  await page.click("#send");
  await page.locator("#response-status.ok", { hasText: "sendEmail" }).waitFor();
  assert.equal(typeof JSON.parse(await text("#response-body")).delivery_id, "string");
  const requests = (await sandboxRequests()).slice(before);
  assert.deepEqual(requests.map((r) => r.path), ["/v1/send/email"]);
  assert.equal(await page.evaluate(() => window.__sandbox.workspace.sends.length), 1);
  assert.deepEqual(pageErrors, []);
});
