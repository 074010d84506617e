// The webhook Worker under test, as it deploys: `wrangler deploy --dry-run --outdir` bundles it
// (with the rules under test), and Miniflare runs that bundle in workerd with real Durable
// Objects (storage, alarms) persisted to a temp dir. The sandbox, over HTTP on 127.0.0.1, is the
// Customer.io API (CUSTOMERIO_BASE_URL).
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Miniflare } from "miniflare";
import { SECRETS, sign } from "../../tests/webhook/cases.mjs";
import { bundledWorkerOptions } from "./bundled-worker.mjs";

export const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const WORKER_DIR = join(REPO_DIR, "worker");
const PKG_DIR = join(REPO_DIR, "pkg");
const WRANGLER = join(REPO_DIR, "node_modules", ".bin", "wrangler");
const { createSandbox } = await import(pathToFileURL(join(PKG_DIR, "sandbox", "index.js")).href);
const { serveSandbox } = await import(pathToFileURL(join(PKG_DIR, "sandbox", "server.js")).href);

export const API_KEY = "cio_worker_SECRET_app_key_51f0";
export const ADMIN_TOKEN = "admin_SECRET_token_9d2e";
export { SECRETS };
/** The load test's broadcasts (added to the sandbox's workspace): 1001..1020. */
export const LOAD_BROADCASTS = Array.from({ length: 20 }, (_, i) => 1001 + i);
/**
 * The coalescing tests' broadcasts (source "bulk", event type `bulk.<name>`), each with its rule:
 * ids with per-delivery data, per_user_data with shared data, emails, repeat_person "once",
 * coalesce false, a recipients filter (on the ids rule's broadcast: one queue, two audiences),
 * and the load test at scale's.
 */
export const BULK = { ids: 1021, shared: 1022, emails: 1023, once: 1024, off: 1025, segment: 1021, scale: 1030 };
const BULK_RULES = {
  ids: { audience: { ids: ["$.person"] }, data: { delivery: "$.n" } },
  shared: { audience: { per_user_data: [{ id: "$.person", data: { delivery: "$.n" } }] }, data: { campaign: "$.campaign" } },
  emails: { audience: { emails: ["$.email"] }, data: { delivery: "$.n" } },
  once: { audience: { ids: ["$.person"] }, data: { delivery: "$.n" }, repeat_person: "once" },
  off: { audience: { ids: ["$.person"] }, data: { delivery: "$.n" }, coalesce: false },
  segment: { audience: { recipients: { segment: { id: 3 } } }, data: { delivery: "$.n" } },
  scale: { audience: { ids: ["$.person"] }, data: { delivery: "$.n" } },
};

/**
 * Which deliveries (the `delivery` value each rule maps) a trigger carried, with their person:
 * from its per_user_data entries (coalesced), or its own data (a trigger of one delivery).
 */
export function carried(trigger) {
  const request = trigger.request ?? {};
  if (Array.isArray(request.per_user_data)) {
    return request.per_user_data.map((entry) => ({ person: entry.id ?? entry.email, delivery: entry.data?.delivery ?? request.data?.delivery }));
  }
  const people = request.ids ?? request.emails ?? [null];
  return people.map((person) => ({ person, delivery: request.data?.delivery }));
}

/** The rules under test: worker/rules.json, plus a refused rule and the load test's rules. */
export function testRules() {
  const shipped = JSON.parse(readText(join(WORKER_DIR, "rules.json")));
  const refused = {
    source: "stripe", scheme: "stripe", event: { path: "$.type", equals: "customer.deleted" }, broadcast_id: 13,
    audience: { emails: ["$.data.object.email"] }, data: {},
    example: { id: "evt_x", type: "customer.deleted", data: { object: { email: "a@b.co" } } },
  };
  // The exactly-once tests' rules: one trigger per delivery, as before coalescing.
  const load = LOAD_BROADCASTS.map((id) => ({
    source: "load", scheme: "standard", event: { path: "$.type", equals: `load.${id}` }, broadcast_id: id,
    audience: { ids: ["$.person"] }, data: { delivery: "$.n" }, coalesce: false, example: { type: `load.${id}`, person: "p1", n: 1 },
  }));
  const bulk = Object.entries(BULK_RULES).map(([name, rule]) => ({
    source: "bulk", scheme: "standard", event: { path: "$.type", equals: `bulk.${name}` }, broadcast_id: BULK[name], ...rule,
    example: { type: `bulk.${name}`, person: "p1", email: "p1@example.com", n: "1", campaign: "c" },
  }));
  return [...shipped, refused, ...load, ...bulk];
}

function readText(path) {
  return readFileSync(path, "utf8");
}

const run = promisify(execFile);

/**
 * Bundles `workerDir` with `wrangler deploy --dry-run --outdir` (offline) into a temp dir and
 * returns `{ outdir, output, remove }`.
 */
export async function bundle(workerDir = WORKER_DIR, configName = "wrangler.jsonc") {
  const outdir = mkdtempSync(join(tmpdir(), "cio-worker-bundle-"));
  const { stdout, stderr } = await run(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir, "--config", join(workerDir, configName)], {
    cwd: workerDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
  });
  return { outdir, output: stdout + stderr, remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** A copy of worker/ with `rules` as its rules.json, resolving customerio-wasm to pkg/. */
export function workerCopy(rules) {
  const dir = mkdtempSync(join(tmpdir(), "cio-worker-src-"));
  cpSync(join(WORKER_DIR, "src"), join(dir, "src"), { recursive: true });
  cpSync(join(WORKER_DIR, "wrangler.jsonc"), join(dir, "wrangler.jsonc"));
  cpSync(join(WORKER_DIR, "package.json"), join(dir, "package.json"));
  writeFileSync(join(dir, "rules.json"), JSON.stringify(rules, null, 2));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(PKG_DIR, join(dir, "node_modules", "customerio-wasm"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The worker/ folder's own node_modules link to the built package (what `npm install` makes). */
export function ensureWorkerLink() {
  const link = join(WORKER_DIR, "node_modules", "customerio-wasm");
  try {
    statSync(link);
  } catch {
    mkdirSync(join(WORKER_DIR, "node_modules"), { recursive: true });
    rmSync(link, { force: true });
    symlinkSync(PKG_DIR, link, "dir");
  }
}

/**
 * A sandbox served on 127.0.0.1 with the load broadcasts added, spacing triggers like the real
 * API (`triggerSpacingMs`), recording the arrival time of each request.
 */
export async function startSandbox({ triggerSpacingMs, missingPeople = [] }) {
  const sandbox = createSandbox({ apiKey: API_KEY, triggerSpacingMs, missingPeople });
  for (const id of new Set([...LOAD_BROADCASTS, ...Object.values(BULK)])) {
    sandbox.workspace.broadcasts.push({ id, name: `Load ${id}`, actions: [{ id: 9000 + id, type: "email", template: 9000 + id, subject: "Load" }] });
  }
  // What the API side sees: each request with the time the sandbox finished acting on it (after
  // a "hang", i.e. a request slowed on its way), and its status (null: no answer).
  const seen = [];
  const stamped = {
    fetch: async (request) => {
      const entry = { method: request.method, path: new URL(request.url).pathname, at: null, status: null };
      try {
        const response = await sandbox.fetch(request);
        entry.status = response.status;
        return response;
      } finally {
        entry.at = Date.now();
        seen.push(entry);
      }
    },
  };
  const server = await serveSandbox(stamped, { port: 0, host: "127.0.0.1" });
  const seeded = sandbox.workspace.triggers.length;
  return {
    sandbox,
    seen,
    url: server.url,
    close: () => server.close(),
    /** The triggers created since the start (the seeded history left out), in creation order. */
    triggers: (broadcastId) => sandbox.workspace.triggers.slice(seeded).filter((t) => broadcastId === undefined || t.broadcast_id === broadcastId),
  };
}

/**
 * For the calling test file: a copy of worker/ with the test rules, bundled once before its tests;
 * after them, every function pushed on `cleanups` runs (newest first) and the bundle and copy go.
 */
export function bundleOnce(rules = testRules()) {
  let copy;
  let built;
  const cleanups = [];
  before(async () => {
    copy = workerCopy(rules);
    built = await bundle(copy.dir);
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    built?.remove();
    copy?.remove();
  });
  return { cleanups, get outdir() { return built.outdir; } };
}

/** Starts the bundled Worker in Miniflare. */
export async function startWorker({ outdir, persistDir, sandboxUrl, spacingMs = 200, timeoutMs = 1000, extraBindings = {} }) {
  const mf = new Miniflare({
    ...bundledWorkerOptions(outdir),
    durableObjectsPersist: persistDir,
    bindings: {
      CUSTOMERIO_APP_API_KEY: API_KEY,
      CUSTOMERIO_BASE_URL: sandboxUrl,
      CUSTOMERIO_REGION: "us",
      WEBHOOK_SECRETS: JSON.stringify({ ...SECRETS, load: SECRETS.standard, bulk: SECRETS.standard }),
      ADMIN_TOKEN,
      SPACING_MS: String(spacingMs),
      DEDUPE_DAYS: "7",
      TRIGGER_TIMEOUT_MS: String(timeoutMs),
      // An unknown outcome is settled from the trigger list within seconds here (minutes deployed).
      RESOLVE_FIRST_MS: "100",
      RESOLVE_SETTLE_MS: "400",
      RESOLVE_FOR_MS: "3000",
      ERRORS_READ_MS: "100",
      ...extraBindings,
    },
  });
  await mf.ready;
  return mf;
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** POSTs `payload` to /hooks/{source}, signed for `scheme` now; resolves to { status, body }. */
export async function deliver(mf, source, scheme, payload, { id, secret, rawBody, headers: extra } = {}) {
  const body = rawBody ?? JSON.stringify(payload);
  const signed = sign(scheme, { body, ts: Math.floor(Date.now() / 1000), ...(id ? { id, delivery: id } : {}), ...(secret ? { secret } : {}) });
  const headers = { "content-type": "application/json", ...signed, ...extra };
  const response = await mf.dispatchFetch(`http://worker.test/hooks/${source}`, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** GET with the admin token (or `token`); resolves to { status, body }. */
export async function admin(mf, path, token = ADMIN_TOKEN) {
  const response = await mf.dispatchFetch(`http://worker.test${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

/** Polls `check` (async, returns a truthy value when done) every 50 ms, up to `timeoutMs`. */
export async function waitFor(check, { timeoutMs = 30_000, what = "the condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for a delivery to leave the queue (queued, sending, resolving) and returns its record. */
export function settled(mf, source, deliveryId, timeoutMs = 30_000) {
  return waitFor(async () => {
    const { status, body } = await admin(mf, `/deliveries/${source}/${encodeURIComponent(deliveryId)}`);
    return status === 200 && !["queued", "sending", "resolving"].includes(body.status) && body;
  }, { timeoutMs, what: `delivery ${deliveryId} to settle` });
}

/** Waits until broadcast `id`'s queue is empty. */
export function drained(mf, id, timeoutMs = 60_000) {
  return waitFor(async () => (await admin(mf, `/broadcasts/${id}/queue`)).body.length === 0, { timeoutMs, what: `broadcast ${id}'s queue to drain` });
}

/**
 * `unique` deliveries with `count` redeliveries drawn by `next` (a seeded random): each copy lands
 * somewhere after its original, as a sender retrying a timeout or a non-2xx does.
 */
export function withRedeliveries(unique, count, next) {
  const deliveries = [...unique];
  for (let r = 0; r < count; r++) {
    const original = Math.floor(next() * unique.length);
    const at = original + 1 + Math.floor(next() * (deliveries.length - original));
    deliveries.splice(at, 0, unique[original]);
  }
  return deliveries;
}

/** A function returning ids unique to this run: `${prefix}_${pid}_${n}`. */
export function uniqueIds() {
  let counter = 0;
  return (prefix) => `${prefix}_${process.pid}_${++counter}`;
}
