// Headless Chromium (playwright-core + Debian's /usr/bin/chromium): a page served from 127.0.0.1
// imports `customerio-wasm` through an import map computed from the package's `browser`
// condition, and runs every method against the sandbox, which the same server answers under
// /v1/* (same origin: the real API's CORS would not let a page call it; see docs/runtimes.md).
// And a Manifest V3 extension whose module service worker imports the package's browser entry
// and runs the same calls against the sandbox (cross-origin, allowed by host_permissions), plus
// a check that the default MV3 CSP refuses WebAssembly (so the manifest must add
// 'wasm-unsafe-eval').
//
//   node --test tests/runtime/chromium.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  API_KEY, EXERCISE_PATH, PACKAGE_NAME, PKG_DIR, checkSummary, exportTarget, fixturesFor, importClosure, makeProject,
  newSandbox, reportFirstResult, resolveConditions, startSandbox,
} from "./shared.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../common/chromium.mjs";
import { serveStatic } from "../common/static-server.mjs";

/** Chromium's own leftovers (org.chromium.Chromium.*, dconf, config) go to the temp project. */
const chromiumEnv = (dir) => ({ ...process.env, TMPDIR: dir, XDG_CONFIG_HOME: join(dir, ".config"), XDG_CACHE_HOME: join(dir, ".cache") });
/** The MV3 CSP line docs/runtimes.md tells extension authors to add. */
const WASM_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade"]);

function page({ importMap, fixtures }) {
  return `<!doctype html>
<meta charset="utf-8">
<title>customerio-wasm in Chromium</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
  import { CustomerIo, CustomerIoError } from ${JSON.stringify(PACKAGE_NAME)};
  import { exercise } from "/exercise.mjs";
  const summary = await exercise(CustomerIo, CustomerIoError, {
    baseUrl: location.origin,
    apiKey: ${JSON.stringify(API_KEY)},
    fixtures: ${JSON.stringify(fixtures)},
  });
  summary.resolved = import.meta.resolve(${JSON.stringify(PACKAGE_NAME)});
  summary.userAgent = navigator.userAgent;
  window.__summary = summary;
</script>
`;
}

/**
 * One server on 127.0.0.1: "/" the test page, /pkg/* the built package, /exercise.mjs, and /v1/*
 * the sandbox (delegated to sandbox.fetch). Records every path it served.
 */
function startServer(sandbox, html) {
  const send = (res, status, type, body) => res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
  return serveStatic({ "/pkg/": PKG_DIR }, async (req, res, url) => {
    if (url.pathname.startsWith("/v1/")) return answerApi(sandbox, req, res, url);
    if (url.pathname === "/") return send(res, 200, "text/html", html);
    if (url.pathname === "/exercise.mjs") return send(res, 200, "text/javascript", readFileSync(EXERCISE_PATH));
    send(res, 404, "text/html", "not found");
  });
}

async function answerApi(sandbox, req, res, url) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const request = new Request(url, { method: req.method, headers, body: body.length > 0 ? body : undefined });
  const response = await sandbox.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Writes an unpacked MV3 extension with a module service worker `sw` into `dir`. With `withPackage`,
 * it also holds the browser condition's entry and its static imports under
 * node_modules/customerio-wasm/, and customerio-wasm.js re-exporting that entry (what a bundler
 * resolving the browser condition produces: a service worker has no import maps).
 */
function writeExtension(dir, { name, csp, sw, withPackage = false, extraFiles = {} }) {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name,
    version: "1.0",
    background: { service_worker: "sw.js", type: "module" },
    host_permissions: ["http://127.0.0.1/*"],
  };
  if (csp !== undefined) manifest.content_security_policy = { extension_pages: csp };
  const files = { "manifest.json": JSON.stringify(manifest, null, 2), "sw.js": sw, ...extraFiles };
  if (withPackage) {
    const target = exportTarget("browser");
    for (const file of importClosure(target).files) {
      mkdirSync(join(dir, "node_modules", PACKAGE_NAME, file, ".."), { recursive: true });
      cpSync(join(PKG_DIR, file), join(dir, "node_modules", PACKAGE_NAME, file));
    }
    files[`${PACKAGE_NAME}.js`] = `export * from "./node_modules/${PACKAGE_NAME}/${target.slice(2)}";\n`;
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
}

describe("Chromium (headless, a page served from 127.0.0.1)", () => {
  let project;
  let server;
  let browser;
  const sandbox = newSandbox();
  const fixtures = fixturesFor(sandbox);
  const browserTarget = exportTarget("browser");

  before(() => {
    project = makeProject();
  });
  let extensionContext;
  let apiServer;
  after(async () => {
    await browser?.close();
    await extensionContext?.close();
    await server?.close();
    await apiServer?.close();
    project?.remove();
  });

  test("a browser resolves the package to the browser condition's entry", () => {
    // Bundlers targeting the browser (esbuild, Vite, webpack) match browser, import, default.
    assert.deepEqual(resolveConditions(["browser", "import", "default"]), { condition: "browser", target: browserTarget });
  });

  test("a page importing customerio-wasm runs every method against the sandbox", { timeout: 25_000 }, async () => {
    const importMap = { imports: { [PACKAGE_NAME]: `/pkg/${browserTarget.slice(2)}` } };
    server = await startServer(sandbox, page({ importMap, fixtures }));

    const startedAt = Date.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      env: chromiumEnv(project.dir),
    });
    const context = await browser.newContext();
    const blocked = [];
    await context.route("**/*", (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if (hostname === "127.0.0.1" || protocol === "data:" || protocol === "blob:") return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    const tab = await context.newPage();
    const problems = [];
    tab.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    const expected404 = `/v1/segments/${fixtures.missingSegmentId}`; // the notFound step
    tab.on("console", (message) => {
      if (message.type() !== "error") return;
      const where = message.location()?.url ?? "";
      if (new URL(where, server.url).pathname === expected404 && /status of 404/.test(message.text())) return;
      problems.push(`console.error: ${message.text()} (${where})`);
    });

    await tab.goto(`${server.url}/`);
    const handle = await tab.waitForFunction(() => window.__summary, null, { timeout: 15_000 }).catch((error) => {
      throw new Error(`the page produced no summary (${error.message})\n${problems.join("\n")}`);
    });
    const summary = await handle.jsonValue();

    checkSummary(summary, { sandbox, baseUrl: server.url, fixtures });
    reportFirstResult("chromium", startedAt, summary);
    assert.equal(summary.resolved, `${server.url}/pkg/${browserTarget.slice(2)}`, "the import map sent the bare name to the browser entry");
    assert.match(summary.userAgent, /HeadlessChrome|Chrome\//);
    assert.deepEqual(problems, [], "no page error and no console error");
    assert.deepEqual(blocked, [], "the page asked for nothing but 127.0.0.1");
    // The browser entry inlines the wasm: it never fetches the .wasm file.
    assert.ok(!server.served.some((path) => path.endsWith(".wasm")), `served: ${[...new Set(server.served)].filter((p) => !p.startsWith("/v1/")).join(", ")}`);
    assert.ok(server.served.includes(`/pkg/${browserTarget.slice(2)}`));
  });
  // Both extensions are loaded in one browser: "with-csp" runs the package, "default-csp" only
  // probes whether the default MV3 policy lets a service worker compile WebAssembly.
  const extensions = {};
  let extensionFixtures;
  let extensionStartedAt;

  test("an MV3 extension's module service worker runs every method (CSP with 'wasm-unsafe-eval')", { timeout: 25_000 }, async () => {
    apiServer = await startSandbox();
    extensionFixtures = fixturesFor(apiServer.sandbox);
    const withCsp = join(project.dir, "ext-with-csp");
    const defaultCsp = join(project.dir, "ext-default-csp");
    writeExtension(withCsp, {
      name: "with-csp",
      csp: WASM_CSP,
      withPackage: true,
      // No top-level await and no import() in a service worker: static imports only.
      sw: [
        `import { CustomerIo, CustomerIoError } from "./${PACKAGE_NAME}.js";`,
        `import { exercise } from "./exercise.js";`,
        `import options from "./config.js";`,
        `globalThis.__summary = exercise(CustomerIo, CustomerIoError, options).then((summary) => ({`,
        `  ...summary,`,
        `  serviceWorker: typeof ServiceWorkerGlobalScope === "function" && self instanceof ServiceWorkerGlobalScope,`,
        `  hasDocument: typeof document !== "undefined",`,
        `}));`,
      ].join("\n"),
      extraFiles: {
        "exercise.js": readFileSync(EXERCISE_PATH, "utf8"),
        "config.js": `export default ${JSON.stringify({ baseUrl: apiServer.url, apiKey: API_KEY, fixtures: extensionFixtures })};\n`,
      },
    });
    writeExtension(defaultCsp, {
      name: "default-csp",
      sw: [
        "let outcome;",
        "try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); outcome = 'compiled'; }",
        "catch (error) { outcome = `${error.name}: ${error.message}`; }",
        "globalThis.__summary = outcome;",
      ].join("\n"),
    });

    extensionStartedAt = Date.now();
    extensionContext = await chromium.launchPersistentContext(join(project.dir, "profile"), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${withCsp},${defaultCsp}`, `--load-extension=${withCsp},${defaultCsp}`],
      env: chromiumEnv(project.dir),
    });
    const deadline = Date.now() + 10_000;
    while (Object.keys(extensions).length < 2) {
      for (const worker of extensionContext.serviceWorkers()) {
        const name = await worker.evaluate(() => chrome.runtime.getManifest().name);
        extensions[name] = worker;
      }
      if (Object.keys(extensions).length < 2) {
        assert.ok(Date.now() < deadline, `both extension service workers started (got ${Object.keys(extensions).join(", ")})`);
        await extensionContext.waitForEvent("serviceworker", { timeout: deadline - Date.now() }).catch(() => {});
      }
    }

    const worker = extensions["with-csp"];
    assert.match(worker.url(), /^chrome-extension:\/\/[a-p]{32}\/sw\.js$/);
    const summary = await worker.evaluate(() => globalThis.__summary);
    assert.ok(summary, "the service worker module evaluated (no CSP or import error)");
    checkSummary(summary, { sandbox: apiServer.sandbox, baseUrl: apiServer.url, fixtures: extensionFixtures });
    reportFirstResult("chromium-mv3-service-worker", extensionStartedAt, summary);
    assert.equal(summary.serviceWorker, true, "ran in a ServiceWorkerGlobalScope");
    assert.equal(summary.hasDocument, false);
    // Cross-origin without CORS headers: allowed by host_permissions.
    const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    const origins = new Set(apiServer.sandbox.requests.map((request) => request.headers.origin ?? "(none)"));
    assert.ok(origins.has(extensionOrigin), `the trigger POST came from the extension: ${[...origins].join(", ")}`);
    assert.deepEqual([...origins].filter((origin) => origin !== extensionOrigin && origin !== "(none)"), []);
  });

  test("the default MV3 CSP refuses WebAssembly, so the manifest needs 'wasm-unsafe-eval'", { timeout: 15_000 }, async () => {
    const worker = extensions["default-csp"];
    assert.ok(worker, "the default-csp extension started (see the previous test)");
    const outcome = await worker.evaluate(() => globalThis.__summary);
    assert.match(outcome, /^CompileError: .*Content Security Policy.*script-src 'self'/);
  });
});
