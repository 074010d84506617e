// The extension's pure modules in Node (URL patterns, the trigger form's parameters and words,
// the funnel, spacing) and what the shipped build contains.
// Run: node --test extension/test/modules.test.mjs

import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildExtension, listFiles, packageFiles } from "../../scripts/build-extension.mjs";

// The modules are loaded from a build, as the browser loads them: they import the package's own
// modules (the funnel, the table's rules) from vendor/, which only the build has.
const BUILT = await buildExtension(await mkdtemp(join(tmpdir(), "cio-extension-modules-")));
after(() => rm(BUILT, { recursive: true, force: true }));
const load = (name) => import(pathToFileURL(join(BUILT, "src", name)).href);
const { parseUiUrl, UI_ORIGINS } = await load("url-context.js");
const { FormError, describeAudience, formFieldOf, splitList, triggerParams } = await load("trigger-form.js");
const { FUNNEL, formatPeople, formatRate, funnelOf, topLinks } = await load("funnel.js");
const { spacingGate } = await load("spacing.js");

describe("Customer.io UI addresses", () => {
  const cases = [
    ["https://fly.customer.io/workspaces/90210/journeys/broadcasts/broadcast/12/overview", { workspaceId: "90210", kind: "broadcast", id: 12 }],
    ["https://fly.customer.io/workspaces/90210/journeys/broadcasts/api_triggered/7/triggers", { workspaceId: "90210", kind: "broadcast", id: 7 }],
    ["https://fly.customer.io/workspaces/90210/journeys/broadcasts/12", { workspaceId: "90210", kind: "broadcast", id: 12 }],
    ["https://fly.customer.io/workspaces/90210/journeys/broadcasts/newsletter/128250/overview", { workspaceId: "90210", kind: "newsletter", id: 128250 }],
    ["https://fly.customer.io/workspaces/90210/journeys/newsletters/128250", { workspaceId: "90210", kind: "newsletter", id: 128250 }],
    ["https://fly.customer.io/workspaces/90210/journeys/campaigns/23/overview", { workspaceId: "90210", kind: "campaign", id: 23 }],
    ["https://fly.customer.io/workspaces/90210/journeys/automations/23/setup/workflow/actions", { workspaceId: "90210", kind: "campaign", id: 23 }],
    ["https://fly.customer.io/env/40281/broadcasts/newsletter/9/overview/reports", { workspaceId: "40281", kind: "newsletter", id: 9 }],
    ["https://fly.customer.io/env/40281/campaigns/5", { workspaceId: "40281", kind: "campaign", id: 5 }],
    ["https://fly.customer.io/workspaces/90210/journeys/broadcasts/broadcast/12/overview?tab=metrics#top", { workspaceId: "90210", kind: "broadcast", id: 12 }],
  ];
  for (const [address, expected] of cases) {
    test(`reads ${new URL(address).pathname}`, () => {
      assert.deepEqual(parseUiUrl(address), expected);
    });
  }

  test("a UI page without a broadcast, campaign or newsletter gives the workspace and no object", () => {
    assert.deepEqual(parseUiUrl("https://fly.customer.io/workspaces/90210/journeys/broadcasts"), { workspaceId: "90210", kind: null, id: null });
    assert.deepEqual(parseUiUrl("https://fly.customer.io/workspaces/90210/journeys/segments/3"), { workspaceId: "90210", kind: null, id: null });
    assert.deepEqual(parseUiUrl("https://fly.customer.io/workspaces/90210/journeys/broadcasts/broadcast/abc"), { workspaceId: "90210", kind: null, id: null });
    assert.deepEqual(parseUiUrl("https://fly.customer.io/login"), { workspaceId: null, kind: null, id: null });
  });

  test("other hosts, look-alikes and non-URLs are not the Customer.io UI", () => {
    for (const address of [
      "https://api.customer.io/v1/broadcasts/12", "http://fly.customer.io/workspaces/1/journeys/broadcasts/broadcast/2",
      "https://fly.customer.io.evil.example/workspaces/1/journeys/broadcasts/broadcast/2", "chrome://extensions", "", undefined, "not a url",
    ]) {
      assert.equal(parseUiUrl(address), null, String(address));
    }
    assert.deepEqual(UI_ORIGINS, ["https://fly.customer.io"]);
  });

  test("the manifest reads tab addresses exactly on the UI origins and calls only the two API hosts", async () => {
    const manifest = JSON.parse(await readFile(new URL("../../extension/manifest.json", import.meta.url), "utf8"));
    assert.deepEqual(manifest.host_permissions, ["https://api.customer.io/*", "https://api-eu.customer.io/*", ...UI_ORIGINS.map((o) => `${o}/*`)]);
    assert.deepEqual(manifest.permissions, ["storage", "sidePanel"]);
    assert.equal(manifest.content_scripts, undefined, "no content script");
    assert.equal(manifest.externally_connectable, undefined, "no page can message the worker");
    assert.match(manifest.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  });
});

describe("the trigger form's parameters", () => {
  const base = { broadcastId: 12, on: {}, ids: "", emails: "", segmentId: "", data: "", flags: {} };

  test("a segment chosen by name is sent as recipients.segment.id, a number", () => {
    assert.deepEqual(triggerParams({ ...base, on: { segment: true }, segmentId: "3" }), { broadcast_id: 12, recipients: { segment: { id: 3 } } });
  });

  test("lists split on lines and commas; flags go only with the audience they apply to", () => {
    const params = triggerParams({
      ...base, on: { ids: true }, ids: "a, b\n\n c ", flags: { id_ignore_missing: true, email_ignore_missing: true },
    });
    assert.deepEqual(params, { broadcast_id: 12, ids: ["a", "b", "c"], id_ignore_missing: true });
    assert.deepEqual(splitList(" x ,\n,y"), ["x", "y"]);
  });

  test("every ticked audience is passed on, so the package can refuse two", () => {
    const params = triggerParams({ ...base, on: { ids: true, emails: true, default_audience: true }, ids: "a", emails: "b@c.co" });
    assert.deepEqual(Object.keys(params), ["broadcast_id", "ids", "emails", "default_audience"]);
  });

  test("data must be a JSON object, refused at data otherwise", () => {
    assert.deepEqual(triggerParams({ ...base, on: { default_audience: true }, data: '{"k": 1}' }).data, { k: 1 });
    for (const data of ["{oops", "[1]", "3"]) {
      assert.throws(() => triggerParams({ ...base, data }), (error) => error instanceof FormError && error.field === "data");
    }
  });

  test("the audience in words names the segment and its id", async () => {
    const segments = [{ id: 3, name: "VIP customers" }];
    assert.equal(describeAudience({ recipients: { segment: { id: 3 } } }, segments), 'segment "VIP customers" (id 3)');
    assert.equal(describeAudience({ recipients: { segment: { id: 9 } } }, segments), "segment 9 (not found among the workspace's segments)");
    assert.equal(describeAudience({ ids: ["a", "b", "c", "d"] }), "4 people by customer id (a, b, c, …)");
    assert.equal(describeAudience({ emails: ["x@y.co"] }), "1 person by email (x@y.co)");
    assert.match(describeAudience({ default_audience: true }), /audience configured on the broadcast/);
    const { describeAudience: packageWords } = await import("../../pkg/audience.js");
    assert.equal(describeAudience({ ids: ["a"] }), packageWords({ ids: ["a"] }), "the extension's words are the package's");
  });

  test("a package error's field points at the form control", () => {
    assert.equal(formFieldOf("emails[2]"), "emails");
    assert.equal(formFieldOf("recipients.segment.id"), "segment");
    assert.equal(formFieldOf("data"), "data");
    assert.equal(formFieldOf(undefined), "audience");
  });
});

describe("one rule for the audiences' flags", () => {
  // The form's audience kinds, each with a value the client accepts.
  const STATES = {
    ids: { ids: "u1" },
    emails: { emails: "ada@example.com" },
    segment: { segmentId: "3" },
    default_audience: {},
  };
  const FLAG_NAMES = ["id_ignore_missing", "email_ignore_missing", "email_add_duplicates"];

  test("every audience × flag gets the same verdict from the form, the tool schema and the client", async () => {
    const { CustomerIo } = await import("../../pkg/entry-node.js");
    const { toolTable } = await import("../../pkg/tools-table.js");
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const cio = new CustomerIo({ apiKey: "k" });
    const schema = toolTable.find((row) => row.definition.name === "CUSTOMERIO_TRIGGER_BROADCAST").definition.inputSchema;
    const validate = new Ajv2020({ strict: false, allowUnionTypes: true }).compile(schema);
    const verdicts = [];
    for (const [kind, fields] of Object.entries(STATES)) {
      for (const flag of FLAG_NAMES) {
        const params = triggerParams({ broadcastId: 7, on: { [kind]: true }, data: "", ...fields, flags: { [flag]: true } });
        const form = params[flag] === true;
        const withFlag = { ...params, [flag]: true };
        let client = true;
        try {
          cio.prepare("triggerBroadcast", withFlag);
        } catch (error) {
          assert.equal(error.field, flag, `${kind} × ${flag}: ${error.message}`);
          client = false;
        }
        const tool = validate(withFlag);
        verdicts.push({ kind, flag, form, client, tool });
      }
    }
    for (const v of verdicts) {
      assert.equal(v.form, v.client, `${v.kind} × ${v.flag}: the form ${v.form ? "sends" : "drops"} it, the client ${v.client ? "accepts" : "refuses"} it`);
      assert.equal(v.tool, v.client, `${v.kind} × ${v.flag}: the tool schema ${v.tool ? "accepts" : "refuses"} it, the client ${v.client ? "accepts" : "refuses"} it`);
    }
    // Not vacuous: each verdict occurs.
    assert.ok(verdicts.some((v) => v.client) && verdicts.some((v) => !v.client));
    assert.ok(verdicts.find((v) => v.kind === "segment" && v.flag === "email_ignore_missing").form, "a segment takes email_ignore_missing");
  });
});

describe("the funnel", () => {
  test("totals each step over the periods and rates it against the step before, as the package does", async () => {
    const series = { attempted: [2, 8], sent: [2, 6], delivered: [1, 5], opened: [0, 3], clicked: [0, 0], converted: [] };
    const { steps, perPeriod } = funnelOf(series);
    assert.deepEqual(steps.map((s) => s.metric), FUNNEL);
    assert.deepEqual(steps.map((s) => s.count), [10, 8, 6, 3, 0, 0]);
    assert.deepEqual(steps.map((s) => formatRate(s.rate_of_previous)), ["—", "80%", "75%", "50%", "0%", "—"]);
    assert.deepEqual(perPeriod, [1, 5]);
    const { funnelSteps, seriesTotals } = await import("../../pkg/funnel.js");
    assert.deepEqual(steps, funnelSteps(seriesTotals(series)), "the extension's funnel is the package's");
  });
});

describe("broadcast spacing in the worker", () => {
  test("the second trigger under a key waits for the interval (plus margin); other keys do not", async () => {
    let clock = 1_000;
    const slept = [];
    const gate = spacingGate({ intervalMs: 10_000, marginMs: 250, now: () => clock, sleep: async (ms) => { slept.push(ms); clock += ms; } });
    await gate.acquire("broadcast:1");
    assert.equal(gate.waitMs("broadcast:1"), 10_250);
    clock += 4_000;
    assert.equal(gate.waitMs("broadcast:1"), 6_250);
    assert.equal(gate.waitMs("broadcast:2"), 0);
    await gate.acquire("broadcast:1");
    assert.deepEqual(slept, [6_250]);
  });
});

describe("the shipped build", () => {
  test("holds the extension and the package's browser entry, without the sandbox or Node-only files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cio-extension-build-"));
    try {
      await buildExtension(dir);
      const files = await listFiles(dir);
      assert.ok(files.includes("manifest.json") && files.includes("src/service-worker.js") && files.includes("src/panel.html"));
      const loaded = await packageFiles(new URL("../../pkg/", import.meta.url).pathname);
      assert.ok(loaded.includes("entry-inline.js") && loaded.includes("customerio_wasm.js") && loaded.some((f) => f.startsWith("snippets/")));
      for (const name of loaded) assert.ok(files.includes(`vendor/customerio-wasm/${name}`), name);
      for (const file of files) {
        assert.doesNotMatch(file, /sandbox|entry-node|entry-workerd|\.wasm$|\.d\.ts$|package\.json$|tests?\//, file);
      }
      const worker = await readFile(join(dir, "src/service-worker.js"), "utf8");
      assert.match(worker, /from "\.\.\/vendor\/customerio-wasm\/entry-inline\.js"/);
      for (const file of files.filter((f) => f.startsWith("src/"))) {
        const text = await readFile(join(dir, file), "utf8");
        assert.doesNotMatch(text, /127\.0\.0\.1|localhost|baseUrl|sandbox/i, `${file} has no way to point elsewhere than the API`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("top links and people counts", () => {
  test("topLinks sums each link's clicks, most first, at most five", () => {
    const entry = (id, clicked) => ({ link: { id, href: `https://example.com/${id}` }, metric: { series: { clicked } } });
    const links = [entry(1, [1, 0]), entry(2, [3, 4]), entry(3, []), entry(4, [2, 2]), entry(5, [0, 1]), entry(6, [9]), { link: { id: 7 } }];
    assert.deepEqual(topLinks(links).map((l) => [l.href, l.clicks]), [
      ["https://example.com/6", 9], ["https://example.com/2", 7], ["https://example.com/4", 4], ["https://example.com/1", 1], ["https://example.com/5", 1],
    ]);
    assert.deepEqual(topLinks(null), []);
    assert.deepEqual(topLinks([{ link: { id: 7 } }]), [{ href: "link 7", clicks: 0 }]);
  });

  test("formatPeople keeps thousands apart", () => {
    assert.equal(formatPeople(1), "1 person");
    assert.equal(formatPeople(1204), "1 204 people");
    assert.equal(formatPeople(1234567), "1 234 567 people");
  });
});
