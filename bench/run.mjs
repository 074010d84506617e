// `make bench`: what the package costs its users, side by side in one run against raw fetch and
// customerio-node 5.2 (the JavaScript client they would otherwise pick), on a loopback server in
// its own process and on an in-memory fetch: a small GET, a trigger POST, 1 / 100 / 1000-message
// pages; then cold start (Node and workerd) and the gzip sizes. Prints one table of ratios.
// Timings are for reading, never for pass/fail: machines are noisy.
//
//   node bench/run.mjs [--quick]           (BENCH_PKG=<dir> measures another build of pkg/)

import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { memoryFetch } from "./answers.mjs";
import { importClosure } from "../scripts/import-closure.mjs";
import { bundledWorkerOptions } from "../worker/test/bundled-worker.mjs";
import { STEPS, firstRequest, workerdColdStart } from "./workerd-cold.mjs";

const require = createRequire(import.meta.url);
const { APIClient } = require("customerio-node");
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG_DIR = process.env.BENCH_PKG ? resolve(process.env.BENCH_PKG) : join(ROOT, "pkg");
const { CustomerIo } = await import(pathToFileURL(join(PKG_DIR, "entry-node.js")).href);
const QUICK = process.argv.includes("--quick");
const KEY = "bench-key";
const AUTH = { Authorization: `Bearer ${KEY}` };
const TRIGGER = { broadcast_id: 11, ids: ["u1", "u2"], data: { promo: "VIP20" } };

/** Starts bench/server.mjs in its own process; resolves to { url, stop }. */
function startServer() {
  const child = spawn(process.execPath, [join(ROOT, "bench/server.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.stdout.once("data", (chunk) => resolve({ url: String(chunk).trim(), stop: () => child.kill() }));
  });
}

/** Mean ms per call of `fn` over `rounds` sequential calls, after a warm-up. */
async function meanMs(fn, rounds) {
  for (let i = 0; i < Math.max(20, rounds / 10); i++) await fn();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await fn();
  return (performance.now() - started) / rounds;
}

/** The contenders of one scenario, timed in alternating passes; returns mean ms per contender. */
async function race(contenders, rounds) {
  const totals = Object.fromEntries(Object.keys(contenders).map((name) => [name, 0]));
  const passes = 3;
  for (let pass = 0; pass < passes; pass++) {
    for (const [name, { fn, around }] of Object.entries(contenders)) {
      totals[name] += await (around ?? ((f) => f()))(() => meanMs(fn, rounds));
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([name, total]) => [name, total / passes]));
}

/** Runs customerio-node with `fetch` as the global fetch (it has no fetch option). */
function withGlobalFetch(fetch) {
  return async (run) => {
    const saved = globalThis.fetch;
    globalThis.fetch = fetch;
    try {
      return await run();
    } finally {
      globalThis.fetch = saved;
    }
  };
}

function scenarios(origin, fetch) {
  const ours = new CustomerIo({ apiKey: KEY, baseUrl: origin, fetch, retry: false, spacing: false });
  // Its API root includes /v1, as its region URLs do.
  const theirs = new APIClient(KEY, { url: `${origin}/v1`, retry: false });
  const around = fetch === globalThis.fetch ? undefined : withGlobalFetch(fetch);
  const rawGet = (path) => () => fetch(`${origin}${path}`, { headers: AUTH }).then((r) => r.json());
  const list = [
    {
      name: "small GET (getSegments)",
      rounds: 1000,
      raw: rawGet("/v1/segments"),
      ours: () => ours.getSegments(),
      theirs: () => theirs.listSegments(),
    },
    {
      name: "trigger POST",
      rounds: 1000,
      raw: () => fetch(`${origin}/v1/campaigns/11/triggers`, {
        method: "POST", headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify({ ids: TRIGGER.ids, data: TRIGGER.data }),
      }).then((r) => r.json()),
      ours: () => ours.triggerBroadcast(TRIGGER),
      theirs: () => theirs.triggerBroadcast(11, TRIGGER.data, { ids: TRIGGER.ids }),
    },
    ...[1, 100, 1000].map((n) => ({
      name: `getMessages, ${n} message${n === 1 ? "" : "s"}/page`,
      rounds: n === 1000 ? 60 : n === 100 ? 300 : 1000,
      raw: rawGet(`/v1/messages?limit=${n}`),
      ours: () => ours.getMessages({ limit: n }),
      // customerio-node has no messages method: its own transport, as its users would call it.
      theirs: () => theirs.request.get(`${theirs.apiRoot}/messages?limit=${n}`),
    })),
  ];
  return list.map((s) => ({ ...s, around }));
}

async function callRows(label, origin, fetch) {
  const rows = [];
  for (const s of scenarios(origin, fetch)) {
    const rounds = QUICK ? Math.ceil(s.rounds / 10) : s.rounds;
    const ms = await race({ raw: { fn: s.raw }, ours: { fn: s.ours }, theirs: { fn: s.theirs, around: s.around } }, rounds);
    rows.push([`${label}: ${s.name}`, ms.raw, ms.ours, ms.theirs]);
  }
  return rows;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `node args` over `runs` spawns, in ms. */
function spawnMs(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    times.push(performance.now() - started);
  }
  return median(times);
}

function coldStartNode() {
  const runs = QUICK ? 5 : 15;
  const bare = spawnMs(["-e", ""], runs);
  const ours = spawnMs(["--input-type=module", "-e",
    `import { CustomerIo } from ${JSON.stringify(pathToFileURL(join(PKG_DIR, "entry-node.js")).href)}; new CustomerIo({ apiKey: "k" }).prepare("getSegments", {});`], runs);
  const theirs = spawnMs(["-e", `const { APIClient } = require("customerio-node"); new APIClient("k");`], runs);
  return { bare, ours: ours - bare, theirs: theirs - bare };
}

/**
 * Median of `bare()` and of `ours()` ({ wall, cpu } in ms: see bench/workerd-cold.mjs) over `runs`
 * fresh instances each, alternating so that both see the same machine, after one unmeasured
 * warm-up each. Returns `{ bare, ours }` (wall) and `{ bareCpu, oursCpu }`, `ours` over `bare`.
 */
async function overBare(bare, ours, runs) {
  await bare();
  await ours();
  const bareRuns = [];
  const oursRuns = [];
  for (let i = 0; i < runs; i++) {
    bareRuns.push(await bare());
    oursRuns.push(await ours());
  }
  const of = (list, key) => median(list.map((r) => r[key]));
  return {
    bare: of(bareRuns, "wall"),
    ours: of(oursRuns, "wall") - of(bareRuns, "wall"),
    bareCpu: of(bareRuns, "cpu"),
    oursCpu: of(oursRuns, "cpu") - of(bareRuns, "cpu"),
  };
}

/** A bare Worker, the baseline of the webhook Worker's cold start: it answers "ok". */
const BARE_WORKER = {
  modules: [{ type: "ESModule", path: "/bench/worker.mjs", contents: STEPS.bare }],
  modulesRoot: "/bench",
  compatibilityDate: "2025-09-01",
  cf: false,
};

/**
 * The webhook Worker as it deploys: worker/ (its shipped rules) with this pkg/ linked, bundled by
 * `wrangler deploy --dry-run --outdir` offline. Returns the gzip of every file it would upload,
 * and its cold start over the bare Worker: a fresh Miniflare with its Durable Objects answering
 * one GitHub delivery signed with another secret (the request is read, verifyWebhook computes the
 * HMAC and refuses it: 401; nothing reaches the API).
 */
async function webhookWorker(runs) {
  const dir = mkdtempSync(join(tmpdir(), "cio-bench-worker-"));
  try {
    for (const entry of ["src", "wrangler.jsonc", "package.json", "rules.json"]) {
      cpSync(join(ROOT, "worker", entry), join(dir, entry), { recursive: true });
    }
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(PKG_DIR, join(dir, "node_modules", "customerio-wasm"), "dir");
    const outdir = join(dir, "dist");
    execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
    });
    const files = readdirSync(outdir, { recursive: true }).map((f) => join(outdir, f)).filter((p) => statSync(p).isFile() && !p.endsWith(".map"));
    const gzip = files.reduce((sum, p) => sum + gzipSync(readFileSync(p), { level: 9 }).length, 0);
    const body = JSON.stringify({ action: "opened", number: 1 });
    const options = {
      ...bundledWorkerOptions(outdir),
      bindings: { CUSTOMERIO_APP_API_KEY: KEY, CUSTOMERIO_BASE_URL: "http://127.0.0.1:9", WEBHOOK_SECRETS: JSON.stringify({ github: "bench-secret" }), ADMIN_TOKEN: "bench-admin" },
    };
    // Miniflare's dispatchFetch takes (url, init), not the global Request.
    const delivery = () => ["http://localhost/hooks/github", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-delivery": "bench-1",
        "x-hub-signature-256": `sha256=${createHmac("sha256", "another-secret").update(body).digest("hex")}`,
      },
      body,
    }];
    const check = await (async () => {
      const { Miniflare } = await import("miniflare");
      const mf = new Miniflare(options);
      try {
        return (await mf.dispatchFetch(...delivery())).status;
      } finally {
        await mf.dispose();
      }
    })();
    if (check !== 401) throw new Error(`bench: the webhook Worker answered the mis-signed delivery ${check}, not 401`);
    return { gzip, ...(await overBare(() => firstRequest(BARE_WORKER), () => firstRequest(options, delivery, 401), runs)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gzipSizes() {
  const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
  const pkg = PKG_DIR;
  const closureGzip = (entry) => importClosure(pkg, entry).files.reduce((sum, f) => sum + gz(join(pkg, f)), 0);
  const wasm = gz(join(pkg, "customerio_wasm_bg.wasm"));
  // The Node entry reads the .wasm with readFileSync rather than importing it.
  const ours = closureGzip("entry-node.js") + wasm;
  const inline = closureGzip("entry-inline.js");
  const theirsDir = join(ROOT, "node_modules/customerio-node/dist");
  const walk = (dir) => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".js") ? [p] : [];
  });
  const theirs = walk(theirsDir).reduce((sum, p) => sum + gz(p), 0);
  return { ours, wasm, inline, theirs };
}

const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;

const KB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The ratios of one scenario (loopback and in-memory) as "ours (customerio-node)". */
function ratiosOf(rows, scenario) {
  return rows
    .filter(([name]) => name.endsWith(`: ${scenario}`))
    .map(([name, raw, ours, theirs]) => `${name.split(":")[0]} ${ratio(ours, raw)} (${ratio(theirs, raw)})`)
    .join(", ");
}

const server = await startServer();
try {
  const rows = [
    ...(await callRows("loopback", server.url, globalThis.fetch)),
    ...(await callRows("in-memory", "http://127.0.0.1:9", memoryFetch)),
  ];
  const coldRuns = QUICK ? 3 : 7;
  const node = coldStartNode();
  const workerd = await workerdColdStart(PKG_DIR, coldRuns);
  const worker = await webhookWorker(coldRuns);
  const size = gzipSizes();

  console.log(`\ncustomerio-wasm vs raw fetch and customerio-node 5.2 (Node ${process.version}; ratios over raw fetch + res.json(), lower is better)\n`);
  console.log(`| scenario | raw fetch | customerio-wasm | ratio | customerio-node | ratio |`);
  console.log(`|---|---:|---:|---:|---:|---:|`);
  for (const [name, raw, ours, theirs] of rows) {
    console.log(`| ${name} | ${fmt(raw)} | ${fmt(ours)} | ${ratio(ours, raw)} | ${fmt(theirs)} | ${ratio(theirs, raw)} |`);
  }
  console.log(`| cold start, Node: import + instantiate + first prepare, over a bare \`node -e ''\` (${fmt(node.bare)}) | | ${fmt(node.ours)} | | ${fmt(node.theirs)} (import + construct) | |`);
  const cpu = (ms) => (Number.isNaN(ms) ? "n/a" : fmt(ms));
  const steps = ["compile", "import", "construct", "prepare"];
  console.log(`| cold start, workerd (Miniflare): per Worker over a bare Worker, workerd's CPU (wall) at each step: the .wasm compiled; + the package imported (instantiated); + a client constructed; + its first prepare() (bench/workerd-cold.mjs, median of ${coldRuns} instances of 10 Workers) | | ${steps.map((s) => `${s} ${cpu(workerd[s].cpu)} (${fmt(workerd[s].wall)})`).join("; ")} | | | |`);
  console.log(`| cold start, webhook Worker (worker/ as wrangler bundles it, with its Durable Objects): start + first delivery verified, over a bare Worker (${fmt(worker.bare)}), median of ${coldRuns}: workerd CPU (wall) | | ${cpu(worker.oursCpu)} (${fmt(worker.ours)}) | | | |`);
  console.log(`| shipped size, gzip (Node/Workers: wasm + glue) | | ${KB(size.ours)} | | ${KB(size.theirs)} of JS | |`);
  console.log(`| webhook Worker bundle, gzip (\`wrangler deploy --dry-run\` of worker/, every uploaded file) | | ${KB(worker.gzip)} | | | |`);
  console.log(`| browser/Deno entry (module inlined), gzip | | ${KB(size.inline)} = ${ratio(size.inline, size.wasm)} the .wasm's ${KB(size.wasm)} | | | |`);

  // Issue 21's targets, every row, measured above (ratios: customerio-node's in parentheses).
  console.log(`\n| target (issue 21) | measured | target |`);
  console.log(`|---|---:|---:|`);
  console.log(`| \`.wasm\` gzip | ${KB(size.wasm)} | ≤ 40 KB |`);
  console.log(`| what the Node/Workers entry loads, gzip | ${KB(size.ours)} | ≤ 50 KB |`);
  console.log(`| browser entry / \`.wasm\` gzip | ${ratio(size.inline, size.wasm)} | ≤ 1.15x |`);
  console.log(`| small GET vs raw fetch (customerio-node) | ${ratiosOf(rows, "small GET (getSegments)")} | ≤ 1.10x, not above customerio-node |`);
  console.log(`| trigger POST vs raw fetch (customerio-node) | ${ratiosOf(rows, "trigger POST")} | ≤ 1.10x, not above customerio-node |`);
  console.log(`| 1000-message page vs raw fetch (customerio-node) | ${ratiosOf(rows, "getMessages, 1000 messages/page")} | ≤ 1.10x |`);
  console.log(`| Worker cold start over a bare Worker (workerd, CPU (wall)): a Worker with only the package, to its first prepare(); the webhook Worker | ${cpu(workerd.prepare.cpu)} (${fmt(workerd.prepare.wall)}); ${cpu(worker.oursCpu)} (${fmt(worker.ours)}) | ≤ 6 ms |`);
  console.log(`| webhook Worker bundle, gzip (wrangler deploy --dry-run) | ${KB(worker.gzip)} | |`);
} finally {
  server.stop();
}
