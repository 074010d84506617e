// The Worker as it deploys: wrangler bundles worker/ (dry run, no account, no upload), and the
// rules check refuses a rule whose parameters the package would refuse, naming rule and field.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { API_KEY, WORKER_DIR, bundle, ensureWorkerLink, startSandbox, tempDir } from "./harness.mjs";

const run = promisify(execFile);
let built;
let scratch;

before(async () => {
  ensureWorkerLink();
  built = await bundle(WORKER_DIR);
  scratch = tempDir("cio-worker-rules-");
});

after(() => {
  built?.remove();
  scratch?.remove();
});

test("wrangler deploy --dry-run bundles worker/ with the package's wasm and the Durable Object binding", () => {
  const files = readdirSync(built.outdir);
  assert.ok(files.includes("index.js"), files.join(", "));
  const wasm = files.filter((f) => f.endsWith("customerio_wasm_bg.wasm"));
  assert.equal(wasm.length, 1, "the package's .wasm is uploaded as a module");
  const code = readFileSync(join(built.outdir, "index.js"), "utf8");
  assert.match(code, new RegExp(`import \\w+ from "\\./${wasm[0].replace(/[.]/g, "\\.")}"`), "imported as a WebAssembly.Module (the workerd entry)");
  assert.match(code, /BroadcastQueue = class extends DurableObject/);
  assert.match(code, /SendLedger = class extends DurableObject/);
  assert.match(code, /export \{[^}]*BroadcastQueue/);
  assert.ok(!code.includes("wasm-inline"), "not the 300 KB base64 entry");
  assert.match(built.output, /env\.BROADCASTS \(BroadcastQueue\)\s+Durable Object/);
  assert.match(built.output, /env\.SENDS \(SendLedger\)\s+Durable Object/);
  assert.match(built.output, /--dry-run: exiting now/);
});

test("wrangler bundles worker/ without an esbuild warning (the glue once repeated its snippet keys)", () => {
  assert.doesNotMatch(built.output, /\[WARNING\]|Duplicate key/);
});

async function checkRules(rules, flags = ["--sandbox"], env = process.env) {
  const path = join(scratch.dir, `rules-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(rules));
  try {
    const { stdout } = await run(process.execPath, [join(WORKER_DIR, "scripts", "check-rules.mjs"), path, ...flags], { cwd: WORKER_DIR, env });
    return { code: 0, output: stdout };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

const shipped = () => JSON.parse(readFileSync(join(WORKER_DIR, "rules.json"), "utf8"));

test("npm run check-rules -- --sandbox accepts the shipped rules (example broadcasts, for local runs)", async () => {
  const { stdout } = await run("npm", ["run", "--silent", "check-rules", "--", "--sandbox"], { cwd: WORKER_DIR });
  assert.match(stdout, /rules\.json: 6 rules OK \(against the sandbox's example broadcasts\)/);
});

test("npm run check-rules (and so npm run deploy) refuses the shipped rules' example broadcast ids, saying what to set", async () => {
  const { code, output } = await checkRules(shipped(), []);
  assert.equal(code, 1);
  for (const [rule, id] of [[0, 11], [1, 12], [2, 13]]) {
    assert.match(output, new RegExp(`rule ${rule} \\(source "\\w+"\\): broadcast_id: ${id} is an example id \\(the sandbox's broadcast "[^"]+"\\): set your broadcast's id`));
  }
  const own = shipped().map((rule) => (rule.broadcast_id === undefined ? rule : { ...rule, broadcast_id: 731 }));
  assert.equal((await checkRules(own, [])).code, 0, "ids that are not the examples' pass");
});

test("check-rules --live reads each broadcast: it must exist and be API-triggered", async () => {
  const server = await startSandbox({ triggerSpacingMs: 10_000 });
  try {
    const env = { ...process.env, CUSTOMERIO_APP_API_KEY: API_KEY, CUSTOMERIO_BASE_URL: server.url };
    const live = await checkRules(shipped(), ["--live"], env);
    assert.equal(live.code, 0, live.output);
    assert.match(live.output, /6 rules OK \(broadcasts checked in your workspace\)/);
    const missing = shipped();
    missing[0] = { ...missing[0], broadcast_id: 999 };
    const refused = await checkRules(missing, ["--live"], env);
    assert.equal(refused.code, 1);
    assert.match(refused.output, /rule 0 \(source "stripe"\): broadcast_id: no broadcast 999 in this workspace/);
    const { CUSTOMERIO_APP_API_KEY, ...withoutKey } = env;
    const keyless = await checkRules(shipped(), ["--live"], withoutKey);
    assert.equal(keyless.code, 2);
    assert.match(keyless.output, /--live needs CUSTOMERIO_APP_API_KEY/);
  } finally {
    await server.close();
  }
});

test("a rule whose example maps to refused parameters fails the check with the rule and the field", async () => {
  const rules = shipped();
  rules[1] = { ...rules[1], audience: { emails: ["$.sender.login"] }, example: { ...rules[1].example, sender: { login: "octocat" } } };
  const { code, output } = await checkRules(rules);
  assert.equal(code, 1);
  assert.match(output, /rule 1 \(source "github"\): emails\[0\]: invalid_params: /);
});

test("two audiences in one rule fail the check with audience_conflict", async () => {
  const rules = shipped();
  rules[0] = { ...rules[0], audience: { emails: ["$.data.object.customer_details.email"], ids: ["c1"] } };
  const { code, output } = await checkRules(rules);
  assert.equal(code, 1);
  assert.match(output, /rule 0 \(source "stripe"\): .*audience_conflict/);
});

test("a rule whose event does not match its own example, or a second scheme for a source, fails the check", async () => {
  const rules = shipped();
  rules[2] = { ...rules[2], event: { path: "$.financial_status", equals: "refunded" } };
  rules.push({ ...rules[3], scheme: "github" });
  const { code, output } = await checkRules(rules);
  assert.equal(code, 1);
  assert.match(output, /rule 2 \(source "shopify"\): event: /);
  assert.match(output, /rule 6 \(source "customerio"\): scheme: .*one scheme per source/);
});

test("a send rule runs its example through prepare for its send: two identifiers, no template, an unknown channel fail", async () => {
  const rules = shipped();
  const receipt = rules.findIndex((rule) => rule.send === "email");
  assert.ok(receipt >= 0, "the shipped rules include a receipt email");
  rules[receipt] = { ...rules[receipt], identifiers: { email: "$.data.object.billing_details.email", id: "cus_NrD4Zx1" } };
  rules.push({ ...shipped()[receipt], transactional_message_id: undefined });
  rules.push({ ...shipped()[receipt], send: "fax" });
  const { code, output } = await checkRules(rules);
  assert.equal(code, 1);
  assert.match(output, new RegExp(`rule ${receipt} \\(source "stripe"\\): identifiers: audience_conflict`));
  assert.match(output, new RegExp(`rule ${rules.length - 2} \\(source "stripe"\\): transactional_message_id: invalid_params: .*add transactional_message_id`));
  assert.match(output, new RegExp(`rule ${rules.length - 1} \\(source "stripe"\\): send: send must be one of email, push, sms`));
});

test("the committed Env types (worker-configuration.d.ts) match wrangler.jsonc: npm run types -- --check", async () => {
  const { stdout, stderr } = await run("npm", ["run", "--silent", "types", "--", "--check"], {
    cwd: WORKER_DIR, env: { ...process.env, WRANGLER_SEND_METRICS: "false", PATH: `${join(WORKER_DIR, "..", "node_modules", ".bin")}:${process.env.PATH}` },
  });
  assert.doesNotMatch(stdout + stderr, /out of date/);
});
