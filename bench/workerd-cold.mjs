// Cold start in workerd, per Worker, step by step. A fresh workerd takes 200-400 ms to start, and
// that varies by ±60 ms from one instance to the next on a shared machine; a package adding a few
// ms disappears in it (two medians of 7 instances differed by 1.7 ms in one run and 40.5 ms in
// the next). So each instance here holds K copies of one Worker behind an entry Worker that calls
// each once through a service binding, and the figure is (instance − the same with K bare
// Workers) / K, in workerd's own CPU time (all its threads, from /proc: not the Node side's
// module upload, not the time spent waiting for a core) and in wall time (which includes both).
// Each copy's .wasm carries its own custom section, so V8's per-process cache of compiled
// modules cannot serve one compile to all K.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { importClosure } from "../scripts/import-closure.mjs";

const COPIES = 10;
const IMPORT = `import { CustomerIo } from "./node_modules/customerio-wasm/entry-workerd.js";`;

/** The steps, each a Worker doing one more thing than the one before; `bare` is the baseline. */
export const STEPS = {
  bare: `export default { fetch() { return new Response("ok"); } };`,
  compile: `import m from "./node_modules/customerio-wasm/customerio_wasm_bg.wasm"; export default { fetch() { return new Response(String(m)); } };`,
  import: `${IMPORT} export default { fetch() { return new Response(typeof CustomerIo); } };`,
  construct: `${IMPORT} export default { fetch() { new CustomerIo({ apiKey: "k" }); return new Response("ok"); } };`,
  prepare: `${IMPORT} export default { fetch() { return Response.json(new CustomerIo({ apiKey: "k" }).prepare("getSegments", {})); } };`,
};

/** A custom section naming copy `i`: the same module to run, other bytes to cache. */
function customSection(i) {
  const name = Buffer.from(`bench-copy-${i}`);
  const payload = Buffer.concat([Buffer.from([name.length]), name]);
  return Buffer.concat([Buffer.from([0, payload.length]), payload]);
}

/** CPU ms of the workerd processes this Node process started (Linux /proc), or NaN elsewhere. */
export function workerdCpuMs() {
  let ns = 0;
  let found = false;
  let pids;
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return NaN;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").match(/^\d+ \((.*?)\) \S (\d+)/);
      if (!stat || !stat[1].startsWith("workerd") || Number(stat[2]) !== process.pid) continue;
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      }
      found = true;
    } catch {
      // The process or thread ended while being read.
    }
  }
  return found ? ns / 1e6 : NaN;
}

/**
 * Start + first answered request of a fresh Miniflare with `options`: { wall, cpu } in ms; throws
 * unless the answer's status is `status`, so that a failing Worker is never timed.
 */
export async function firstRequest(options, request = () => ["http://localhost/"], status = 200) {
  const { Miniflare } = await import("miniflare");
  const started = performance.now();
  const mf = new Miniflare(options);
  try {
    await mf.ready;
    const response = await mf.dispatchFetch(...request());
    const text = await response.text();
    if (response.status !== status) throw new Error(`bench: the Worker answered ${response.status}, not ${status}: ${text.slice(0, 300)}`);
    return { wall: performance.now() - started, cpu: workerdCpuMs() };
  } finally {
    await mf.dispose();
  }
}

function instanceOptions(pkgDir, step) {
  const files = importClosure(pkgDir, "./entry-workerd.js").files;
  const copy = (i) => ({
    name: `copy${i}`,
    modules: [
      { type: "ESModule", path: "/bench/worker.mjs", contents: `${STEPS[step]}\n// copy ${i}` },
      ...(step === "bare" ? [] : files.map((file) => ({
        type: file.endsWith(".wasm") ? "CompiledWasm" : "ESModule",
        path: join("/bench/node_modules/customerio-wasm", file),
        contents: file.endsWith(".wasm")
          ? Buffer.concat([readFileSync(join(pkgDir, file)), customSection(i)])
          : readFileSync(join(pkgDir, file)),
      }))),
    ],
    modulesRoot: "/bench",
    compatibilityDate: "2025-09-01",
  });
  const entry = {
    name: "entry",
    modules: [{
      type: "ESModule",
      path: "/entry/entry.mjs",
      contents: `export default { async fetch(request, env) {
  for (let i = 0; i < ${COPIES}; i++) {
    const response = await env["COPY" + i].fetch("http://copy/");
    if (!response.ok) return new Response(await response.text(), { status: 500 });
  }
  return new Response("ok");
} };`,
    }],
    modulesRoot: "/entry",
    compatibilityDate: "2025-09-01",
    serviceBindings: Object.fromEntries(Array.from({ length: COPIES }, (_, i) => [`COPY${i}`, `copy${i}`])),
  };
  return { cf: false, workers: [entry, ...Array.from({ length: COPIES }, (_, i) => copy(i))] };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Per Worker over a bare Worker, for each step of STEPS: { step: { cpu, wall } } in ms, the median
 * of `runs` fresh instances per step, the steps alternating so that each sees the same machine.
 */
export async function workerdColdStart(pkgDir, runs) {
  const steps = Object.keys(STEPS);
  const seen = Object.fromEntries(steps.map((step) => [step, []]));
  await firstRequest(instanceOptions(pkgDir, steps.at(-1)));
  for (let run = 0; run < runs; run++) {
    for (const step of steps) seen[step].push(await firstRequest(instanceOptions(pkgDir, step)));
  }
  const of = (step, key) => median(seen[step].map((r) => r[key]));
  return Object.fromEntries(steps.filter((s) => s !== "bare").map((step) => [step, {
    cpu: (of(step, "cpu") - of("bare", "cpu")) / COPIES,
    wall: (of(step, "wall") - of("bare", "wall")) / COPIES,
  }]));
}
