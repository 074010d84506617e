// Builds of pkg/ side by side in one process, against raw fetch, on the in-memory fetch: a small
// GET and a trigger POST, in CPU time per call (process.cpuUsage, so that other work on a shared
// machine counts less than in wall time), the median of alternating batches. How the README's
// per-call figures of each change were taken: copy pkg/ aside before a change, rebuild, compare.
//
//   node bench/side-by-side.mjs <pkg dir> [<pkg dir>...]      (BATCHES=100 by default)

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { memoryFetch } from "./answers.mjs";

const BATCHES = Number(process.env.BATCHES ?? 100);
const BATCH = 250;
const ORIGIN = "http://127.0.0.1:9";
const AUTH = { Authorization: "Bearer bench-key" };
const TRIGGER = { broadcast_id: 11, ids: ["u1", "u2"], data: { promo: "VIP20" } };

/** Median CPU µs per call of each contender, in alternating batches after a warm-up. */
async function compare(contenders) {
  const names = Object.keys(contenders);
  const seen = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < 300; i++) await contenders[name]();
  for (let b = 0; b < BATCHES; b++) {
    for (const name of names) {
      const started = process.cpuUsage();
      for (let i = 0; i < BATCH; i++) await contenders[name]();
      const used = process.cpuUsage(started);
      seen[name].push((used.user + used.system) / BATCH);
    }
  }
  return Object.fromEntries(names.map((name) => [name, [...seen[name]].sort((x, y) => x - y)[Math.floor(BATCHES / 2)]]));
}

function show(title, result) {
  const line = Object.entries(result).map(([name, us]) => `${name} ${us.toFixed(1)} µs (${(us / result.raw).toFixed(2)}x)`);
  console.log(`${title}: ${line.join(" | ")}`);
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node bench/side-by-side.mjs <pkg dir> [<pkg dir>...]");
  process.exit(2);
}
const clients = {};
for (const dir of dirs) {
  const { CustomerIo } = await import(pathToFileURL(join(resolve(dir), "entry-node.js")).href);
  clients[dir] = new CustomerIo({ apiKey: "bench-key", baseUrl: ORIGIN, fetch: memoryFetch, retry: false, spacing: false });
}
const get = { raw: () => memoryFetch(`${ORIGIN}/v1/segments`, { headers: AUTH }).then((r) => r.json()) };
const post = {
  raw: () => memoryFetch(`${ORIGIN}/v1/campaigns/11/triggers`, {
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: JSON.stringify({ ids: TRIGGER.ids, data: TRIGGER.data }),
  }).then((r) => r.json()),
};
for (const [dir, client] of Object.entries(clients)) {
  get[dir] = () => client.getSegments();
  post[dir] = () => client.triggerBroadcast(TRIGGER);
}
show("small GET", await compare(get));
show("trigger POST", await compare(post));
