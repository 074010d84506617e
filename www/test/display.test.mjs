// What the playground shows of text it does not control (workspace names, API error details):
// control and bidirectional-override characters appear escaped, and long texts are cut with a
// button that shows them whole. Headless Chromium (Debian's /usr/bin/chromium via playwright-core).
//
//   node --test www/test/display.test.mjs        (needs pkg/: `make pkg`)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { serveWww } from "../../examples/serve-www.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../tests/common/chromium.mjs";

const RLO = "\u202E";

let server;
let browser;
let page;

before(async () => {
  server = await serveWww({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(10_000);
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (selector) => page.locator(selector).textContent();

/** Sends getSegments and waits for this answer (the previous status is cleared first). */
async function sendGetSegments() {
  await page.click("#tab-getSegments");
  await page.evaluate(() => { document.querySelector("#response-status").textContent = ""; });
  await page.click("#send");
  await page.locator("#response-status.ok, #response-status.failed", { hasText: "getSegments" }).waitFor();
}

test("a bidi override in a segment name is shown escaped in the JSON view", async () => {
  await page.evaluate((rlo) => {
    window.__sandbox.reset();
    window.__sandbox.workspace.segments[0].name = `invoice_${rlo}fdp.exe`;
  }, RLO);
  await sendGetSegments();
  const shown = await text("#response-body");
  assert.ok(shown.includes("invoice_\\u202efdp.exe"), shown.slice(0, 300));
  assert.ok(!shown.includes(RLO), "the override character itself is not in the page");
});

test("control characters and line separators in an error detail are shown escaped", async () => {
  await page.evaluate(() => {
    window.__sandbox.reset();
    window.__sandbox.inject({ kind: "status", status: 422, path: "/v1/segments", body: { errors: [{ detail: "bad\u0007 \u2028value\u2066x", status: "422" }] } });
  });
  await sendGetSegments();
  const body = await text("#response-body");
  assert.ok(body.includes("bad\\u0007 \\u2028value\\u2066x"), body);
  const message = await text("#response-error");
  assert.ok(message.includes("\\u2028") && !message.includes("\u2028") && !message.includes("\u0007"), message);
});

test("a 300 KB error detail is cut, with a button that shows all of it", async () => {
  const detail = `start-${"x".repeat(300_000)}-end`;
  await page.evaluate((long) => {
    window.__sandbox.reset();
    window.__sandbox.inject({ kind: "status", status: 422, path: "/v1/segments", body: { errors: [{ detail: long, status: "422" }] } });
  }, detail);
  await sendGetSegments();
  const body = await text("#response-body");
  assert.ok(body.length < 10_000, `the JSON view shows ${body.length} characters`);
  assert.ok(body.includes("start-") && !body.includes("-end"), `cut after its start: ${body.slice(0, 120)} … ${body.slice(-200)}`);
  assert.ok((await text("#response-error")).length < 10_000, "the message row is cut too");
  const button = page.locator("#response-body button.show-all");
  assert.match(await button.textContent(), /show all 300,012 characters/);
  await button.click();
  assert.ok((await text("#response-body")).includes(`${"x".repeat(1000)}-end`), "the whole detail after a click");
});
