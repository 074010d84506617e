// The extension end to end: headless Debian Chromium with the built extension loaded, a stand-in
// Customer.io UI page at a real fly.customer.io address, the API answered by the sandbox (see
// harness.mjs). The panel is opened as its extension page in a tab.
// Run: node --test extension/test/ (after make pkg)

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { API_KEY, UI, WRONG_KEY, openPanel, saveKey, startBrowser, triggerPosts } from "./harness.mjs";

const FUNNEL = ["attempted", "sent", "delivered", "opened", "clicked", "converted"];
const SHOTS = "test-results";

let env;
let ui;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  env = await startBrowser();
  await saveKey(env, API_KEY);
  ui = await env.context.newPage();
  await ui.goto(`${UI}/broadcasts/broadcast/12/overview`);
});

after(() => env?.close());

/** The panel for the broadcast in the UI tab, loaded. */
async function panelOnBroadcast() {
  const panel = await openPanel(env);
  await panel.locator("#triggers li[data-trigger-id]").first().waitFor();
  await panel.locator("#funnel tbody tr").first().waitFor();
  await panel.locator("#aud-segment option", { hasText: "VIP customers" }).waitFor({ state: "attached" });
  return panel;
}

/** What the sandbox answers for a broadcast's metrics, summed per funnel step. */
async function sandboxFunnel(id, days) {
  const response = await env.sandbox.fetch(`https://api.customer.io/v1/broadcasts/${id}/metrics?period=days&steps=${days}`, {
    headers: { authorization: `Bearer ${API_KEY}` },
  });
  const { metric } = await response.json();
  return { counts: FUNNEL.map((name) => metric.series[name].reduce((sum, n) => sum + n, 0)), delivered: metric.series.delivered };
}

/** A sandbox answer, as the extension would get it. */
async function sandboxGet(path) {
  const response = await env.sandbox.fetch(`https://api.customer.io${path}`, { headers: { authorization: `Bearer ${API_KEY}` } });
  return response.json();
}

async function shownFunnel(panel) {
  return panel.$$eval("#funnel tbody tr", (rows) => rows.map((row) => Number(row.querySelector(".count").textContent)));
}

describe("the side panel beside a broadcast", () => {
  test("the stand-in page is at a real fly.customer.io address", async () => {
    assert.equal(new URL(ui.url()).origin, "https://fly.customer.io");
    assert.match(await ui.textContent("#where"), /^https:\/\/fly\.customer\.io\/workspaces\/90210\//);
  });

  test("the toolbar button opens the side panel, whose page is the panel", async () => {
    const behavior = await env.worker.evaluate(() => chrome.sidePanel.getPanelBehavior());
    assert.equal(behavior.openPanelOnActionClick, true);
    const options = await env.worker.evaluate(() => chrome.sidePanel.getOptions({}));
    assert.equal(options.path, "src/panel.html");
  });

  test("shows the triggers of the broadcast in the tab's URL, newest first", async () => {
    const panel = await panelOnBroadcast();
    assert.equal(await panel.textContent("#title"), "Roadrunner spotted");
    assert.match(await panel.textContent("#context-note"), /workspace 90210, broadcast 12/);
    const shown = await panel.$$eval("#triggers li[data-trigger-id]", (items) => items.map((item) => Number(item.dataset.triggerId)));
    const expected = env.sandbox.workspace.triggers.filter((t) => t.broadcast_id === 12)
      .sort((a, b) => b.created_at - a.created_at).map((t) => t.id);
    assert.deepEqual(shown, expected);
    await panel.close();
  });

  test("a trigger's per-line errors show on demand", async () => {
    const panel = await panelOnBroadcast();
    const withErrors = env.sandbox.workspace.triggers.find((t) => t.broadcast_id === 12 && t.errors.length > 0);
    const item = panel.locator(`#triggers li[data-trigger-id="${withErrors.id}"]`);
    await item.locator("button.show-errors").click();
    await item.locator(".trigger-errors li").first().waitFor();
    const lines = await item.locator(".trigger-errors li").allTextContents();
    assert.deepEqual(lines.slice(0, withErrors.errors.length), withErrors.errors.slice(0, 50));
    await panel.close();
  });

  test("the funnel over 7 and 30 days matches the sandbox's metrics, with a bar per day", async () => {
    const panel = await panelOnBroadcast();
    for (const days of [7, 30]) {
      await panel.click(`#range-${days}`);
      await panel.locator(`#chart .bar >> nth=${days - 1}`).waitFor({ state: "attached" });
      const expected = await sandboxFunnel(12, days);
      assert.deepEqual(await shownFunnel(panel), expected.counts, `${days} days`);
      const bars = await panel.$$eval("#chart .bar", (nodes) => nodes.map((node) => Number(node.dataset.count)));
      assert.deepEqual(bars, expected.delivered, `${days} days`);
    }
    assert.ok((await sandboxFunnel(12, 30)).counts[0] > 0, "the 30-day window has deliveries");
    await panel.click("#range-7");
    await panel.locator("#chart .bar >> nth=6").waitFor({ state: "attached" });
    await panel.screenshot({ path: `${SHOTS}/extension-broadcast-view.png`, fullPage: true });
    await panel.close();
  });

  test("each message of the broadcast has its funnel row, adding up to the broadcast's, and the top links are listed", async () => {
    const panel = await panelOnBroadcast();
    const broadcast = env.sandbox.workspace.broadcasts.find((b) => b.id === 12);
    await panel.locator("#action-funnels tbody tr").nth(broadcast.actions.length - 1).waitFor();
    const shown = await panel.$$eval("#action-funnels tbody tr", (rows) => rows.map((row) => ({
      id: Number(row.dataset.actionId),
      counts: [...row.querySelectorAll("td")].map((cell) => Number(cell.textContent.split(" ")[0])),
    })));
    assert.deepEqual(shown.map((row) => row.id), broadcast.actions.map((a) => a.id));
    const whole = await sandboxFunnel(12, 7);
    const picked = [0, 2, 3, 4]; // attempted, delivered, opened, clicked of FUNNEL
    const added = picked.map((_, column) => shown.reduce((sum, row) => sum + row.counts[column], 0));
    assert.deepEqual(added, picked.map((index) => whole.counts[index]), "the actions add up to the broadcast");
    const { links } = await sandboxGet("/v1/broadcasts/12/metrics/links?period=days&steps=7&unique=true");
    const expected = links
      .map((entry) => ({ href: entry.link.href, clicks: entry.metric.series.clicked.reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.clicks - a.clicks).slice(0, 5);
    const items = await panel.$$eval("#top-links li", (nodes) => nodes.map((node) => node.textContent));
    assert.deepEqual(items, expected.map(({ href, clicks }) => `${href}: ${clicks}`));
    await panel.close();
  });

  test("the picker lists the sandbox's broadcasts when the tab shows none, and opens the one chosen", async () => {
    await ui.goto(`${UI}/campaigns/23/overview`);
    const panel = await openPanel(env);
    await panel.locator("#broadcast-picker option[value='13']").waitFor({ state: "attached" });
    assert.match(await panel.textContent("#context-note"), /shows a campaign \(id 23\)/);
    const listed = await panel.$$eval("#broadcast-picker option", (options) => options.filter((o) => o.value).map((o) => Number(o.value)));
    assert.deepEqual(listed, env.sandbox.workspace.broadcasts.map((b) => b.id));
    await panel.selectOption("#broadcast-picker", "13");
    await panel.locator("#title", { hasText: "Service status notice" }).waitFor();
    await panel.close();
    await ui.goto(`${UI}/broadcasts/broadcast/12/overview`);
  });
});

describe("the trigger form", () => {
  test("two audiences are refused inline at the second one, and nothing is requested", async () => {
    const panel = await panelOnBroadcast();
    const before = env.seen.length;
    await panel.check("#aud-ids-on");
    await panel.fill("#aud-ids", "cust_0001\ncust_0002");
    await panel.check("#aud-emails-on");
    await panel.fill("#aud-emails", "road@runner.net");
    const error = panel.locator("#err-emails");
    await error.waitFor({ state: "visible" });
    assert.match(await error.textContent(), /^audience_conflict/);
    assert.equal(await panel.getAttribute("#aud-emails", "aria-invalid"), "true");
    assert.equal(await panel.isDisabled("#review"), true);
    assert.match(await panel.textContent("#preview"), /Refused before sending: audience_conflict/);
    assert.equal(env.seen.length, before, "no request reached the API");
    await panel.close();
  });

  test("a segment chosen by name sends recipients.segment.id with its id, once, after a confirm step", async () => {
    const panel = await panelOnBroadcast();
    const vip = env.sandbox.workspace.segments.find((s) => s.name === "VIP customers");
    const postsBefore = triggerPosts(env.sandbox, 12).length;
    await panel.check("#aud-segment-on");
    await panel.selectOption("#aud-segment", { label: "VIP customers" });
    await panel.fill("#data", '{"headline": "Roadrunner spotted"}');
    await panel.locator("#preview", { hasText: `"segment":{"id":${vip.id}}` }).waitFor();
    await panel.screenshot({ path: `${SHOTS}/extension-trigger-form.png`, fullPage: true });
    assert.equal(triggerPosts(env.sandbox, 12).length, postsBefore, "the preview sends nothing");

    await panel.click("#review");
    await panel.locator("#confirm").waitFor({ state: "visible" });
    assert.equal(await panel.textContent("#confirm-audience"), `segment "VIP customers" (id ${vip.id})`);
    const people = (await sandboxGet(`/v1/segments/${vip.id}/customer_count`)).count;
    await panel.locator("#confirm-count", { hasText: `: ${people} people` }).waitFor();
    const request = await panel.textContent("#confirm-request");
    assert.match(request, /^POST https:\/\/api\.customer\.io\/v1\/campaigns\/12\/triggers\n/);
    assert.match(request, /authorization: Bearer \[REDACTED\]/i);
    const shownBody = request.slice(request.indexOf("\n\n") + 2);
    assert.deepEqual(JSON.parse(shownBody), { recipients: { segment: { id: vip.id } }, data: { headline: "Roadrunner spotted" } });
    assert.equal(triggerPosts(env.sandbox, 12).length, postsBefore, "reviewing sends nothing");
    await panel.screenshot({ path: `${SHOTS}/extension-confirm.png`, fullPage: true });

    await panel.click("#send");
    await panel.locator("#outcome", { hasText: "sent" }).waitFor();
    const posts = triggerPosts(env.sandbox, 12);
    assert.equal(posts.length, postsBefore + 1, "sent exactly once");
    assert.deepEqual(posts.at(-1).body, JSON.parse(shownBody), "the body sent is the one confirmed");
    const created = env.sandbox.workspace.triggers.at(-1);
    assert.equal(await panel.textContent("#outcome"), `Trigger ${created.id} sent to segment "VIP customers" (id ${vip.id}).`);
    await panel.locator(`#triggers li[data-trigger-id="${created.id}"]`).waitFor();
    assert.equal(await panel.$eval("#triggers li", (li) => li.dataset.triggerId), String(created.id), "the new trigger is listed first");

    await panel.close();
  });

  test("a second trigger of the same broadcast within 10 s shows its wait, then goes out once after it", async () => {
    await ui.goto(`${UI}/broadcasts/broadcast/13/overview`);
    const panel = await panelOnBroadcast();
    const postsBefore = triggerPosts(env.sandbox, 13).length;
    await panel.check("#aud-ids-on");
    await panel.fill("#aud-ids", "cust_0001");
    for (const round of [1, 2]) {
      await panel.locator("#review:not([disabled])").waitFor();
      await panel.click("#review");
      await panel.locator("#confirm").waitFor({ state: "visible" });
      const note = await panel.textContent("#confirm-wait");
      if (round === 1) {
        assert.match(note, /goes out as soon as you confirm/);
      } else {
        const wait = Number(/will go out in about (\d+) s/.exec(note)?.[1]);
        assert.ok(wait >= 8 && wait <= 10, `shown wait: ${note}`);
      }
      await panel.click("#send");
      if (round === 2) await panel.locator("#outcome", { hasText: /^Waiting \d+ s/ }).waitFor();
      await panel.locator("#outcome", { hasText: /^Trigger \d+ sent/ }).waitFor({ timeout: 15_000 });
      assert.equal(triggerPosts(env.sandbox, 13).length, postsBefore + round, `round ${round}: one trigger accepted`);
    }
    const [first, second] = env.seen.filter((r) => r.method === "POST" && r.url.endsWith("/v1/campaigns/13/triggers")).slice(-2);
    assert.ok(second.at - first.at >= 10_000, `the second went out ${second.at - first.at} ms after the first`);
    await panel.close();
    await ui.goto(`${UI}/broadcasts/broadcast/12/overview`);
  });

  test("a segment size that cannot be read shows as unknown and the trigger still goes", async () => {
    const panel = await panelOnBroadcast();
    const vip = env.sandbox.workspace.segments.find((s) => s.name === "VIP customers");
    env.sandbox.inject({ path: `/v1/segments/${vip.id}/customer_count`, kind: "status", status: 503, times: 10 });
    await panel.check("#aud-segment-on");
    await panel.selectOption("#aud-segment", { label: "VIP customers" });
    await panel.locator("#preview", { hasText: `"segment":{"id":${vip.id}}` }).waitFor();
    const postsBefore = triggerPosts(env.sandbox, 12).length;
    await panel.click("#review");
    await panel.locator("#confirm-count", { hasText: "number of people unknown" }).waitFor();
    assert.match(await panel.textContent("#confirm-count"), /could not be read \(api_error 503\)/);
    assert.equal(await panel.isEnabled("#send"), true, "the unknown count does not block the send");
    await panel.click("#send");
    await panel.locator("#outcome", { hasText: "sent" }).waitFor();
    assert.equal(triggerPosts(env.sandbox, 12).length, postsBefore + 1);
    env.sandbox.clearFaults();
    await panel.close();
  });

  test("a lost answer before the API acted: the trigger list shows none, and says to look again before resending", async () => {
    await ui.goto(`${UI}/broadcasts/broadcast/11/overview`);
    const panel = await panelOnBroadcast();
    env.sandbox.inject({ method: "POST", path: "/v1/campaigns/11/triggers", kind: "drop" });
    const listsAtSend = env.seen.filter((r) => r.url.endsWith("/v1/broadcasts/11/triggers")).length;
    await panel.check("#aud-default-on");
    await panel.click("#review");
    await panel.locator("#confirm").waitFor({ state: "visible" });
    assert.match(await panel.textContent("#confirm-audience"), /audience configured on the broadcast/);
    await panel.click("#send");
    await panel.locator("#outcome", { hasText: "may or may not" }).waitFor();
    assert.match(await panel.textContent("#outcome"), /shows no trigger created since you pressed Send.*check the list again in a minute before sending it again/s);
    const listsBefore = env.seen.filter((r) => r.url.endsWith("/v1/broadcasts/11/triggers")).length;
    assert.ok(listsBefore > listsAtSend, "findTrigger read the trigger list");
    await panel.click("#check-triggers");
    await panel.waitForFunction(() => document.activeElement?.id === "triggers-heading");
    assert.equal(env.seen.filter((r) => r.url.endsWith("/v1/broadcasts/11/triggers")).length, listsBefore + 1);
    const posts = env.sandbox.requests.filter((r) => r.method === "POST" && r.path === "/v1/campaigns/11/triggers");
    assert.equal(posts.length, 1, "the client did not send it twice");
    await panel.close();
    await ui.goto(`${UI}/broadcasts/broadcast/12/overview`);
  });
});

describe("a lost answer after the API acted", () => {
  test("the trigger list shows the trigger: the panel says it was sent, with its id, and offers no resend", async () => {
    await ui.goto(`${UI}/broadcasts/broadcast/11/overview`);
    const panel = await panelOnBroadcast();
    env.sandbox.inject({ method: "POST", path: "/v1/campaigns/11/triggers", kind: "drop", applied: true });
    const postsOf11 = () => env.sandbox.requests.filter((r) => r.method === "POST" && r.path === "/v1/campaigns/11/triggers").length;
    const postsBefore = postsOf11();
    await panel.check("#aud-default-on");
    await panel.click("#review");
    await panel.locator("#confirm").waitFor({ state: "visible" });
    await panel.click("#send");
    await panel.locator("#outcome", { hasText: "the trigger list shows trigger" }).waitFor({ timeout: 20_000 });
    const created = env.sandbox.workspace.triggers.at(-1);
    assert.equal(await panel.getAttribute("#outcome", "data-trigger-id"), String(created.id));
    assert.match(await panel.textContent("#outcome"), /it was sent .*Do not send it again/s);
    assert.equal(await panel.locator("#check-triggers").count(), 0);
    assert.equal(postsOf11(), postsBefore + 1, "sent once");
    await panel.close();
    await ui.goto(`${UI}/broadcasts/broadcast/12/overview`);
  });
});

describe("the API key", () => {
  test("after it is saved, neither the Customer.io page's scripts nor the panel's DOM contain it", async () => {
    const panel = await panelOnBroadcast();
    const looks = await ui.evaluate(() => window.pageLooks());
    assert.ok(!looks.includes(API_KEY), "the page's scripts cannot see the key");
    assert.equal(JSON.parse(looks).runtime, null, "the page has no channel to the extension");
    assert.ok(!(await panel.content()).includes(API_KEY), "the panel's DOM");
    const status = await panel.evaluate(() => chrome.runtime.sendMessage({ type: "status" }));
    assert.ok(!JSON.stringify(status).includes(API_KEY), "the worker's status answer");
    assert.equal(status.configured, true);
    assert.ok(env.sandbox.requests.length > 0, "the extension made requests (so the check below checks something)");
    for (const request of env.sandbox.requests) assert.ok(!JSON.stringify(request).includes(API_KEY));
    await panel.close();
  });

  test("a 401 leads to the options page", async () => {
    await saveKey(env, WRONG_KEY);
    try {
      const opened = env.context.waitForEvent("page", { predicate: (page) => page.url().endsWith("/src/options.html") });
      const panel = await openPanel(env);
      const options = await opened;
      await panel.locator("#notice", { hasText: "401" }).waitFor();
      await options.locator("#status", { hasText: "A key is saved" }).waitFor();
      await options.close();
      await panel.close();
    } finally {
      await saveKey(env, API_KEY);
    }
  });
});
