// The webhook Worker starter as users get it: dist/customerio-webhooks-<v>.tgz unpacked alone in an
// empty folder, `npm install` (customerio-wasm by version from a local registry where the release's
// tarball is published; wrangler from the npm registry), then its own scripts: check-rules
// (refusing the example broadcast ids until told they are the sandbox's), `wrangler deploy
// --dry-run`, `wrangler types --check`, and `npm run dev` with `npm run sandbox` answering a
// delivery signed by `npm run sign`, offline (no metrics, no Request.cf download).
//
//   node --test tests/release/worker.test.mjs      (after make release)

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { VERSION, artifact, emptyFolder, ok, sh, startRegistry } from "./registry.mjs";

let registry;
let folder;
let starter;

before(async () => {
  registry = await startRegistry([artifact("customerio-wasm", "tgz")]);
  folder = emptyFolder("cio-webhooks-starter-");
  await ok("tar", ["xzf", artifact("customerio-webhooks", "tgz")], { cwd: folder.dir });
  starter = join(folder.dir, "package");
  await ok("npm", ["install"], { cwd: starter, env: registry.env });
});

after(async () => {
  await registry?.stop();
  folder?.remove();
});

/** The environment of a user's shell for the starter: offline wrangler, the machine's node first. */
const offline = () => ({ ...registry.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" });

test("the starter carries what a user needs, and customerio-wasm by version", () => {
  const files = readdirSync(starter);
  for (const file of ["README.md", "LICENSE", "rules.json", "wrangler.jsonc", "worker-configuration.d.ts", ".dev.vars.example", ".gitignore", "src", "scripts"]) {
    assert.ok(files.includes(file), `${file} in ${files.join(", ")}`);
  }
  const manifest = JSON.parse(readFileSync(join(starter, "package.json"), "utf8"));
  assert.equal(manifest.version, VERSION);
  assert.equal(manifest.dependencies["customerio-wasm"], `^${VERSION}`);
  assert.ok(manifest.devDependencies.wrangler, "wrangler is the starter's own dev dependency");
  for (const script of ["dev", "deploy", "types", "check-rules", "sign", "sandbox"]) assert.ok(manifest.scripts[script], script);
  const ignored = readFileSync(join(starter, ".gitignore"), "utf8");
  for (const entry of [".dev.vars", ".wrangler/", "node_modules/"]) assert.ok(ignored.split("\n").includes(entry), entry);
  assert.ok(!files.includes(".dev.vars"), "no secrets shipped");
  assert.equal(JSON.parse(readFileSync(join(starter, "node_modules", "customerio-wasm", "package.json"), "utf8")).version, VERSION);
});

test("npm run check-rules refuses the example broadcast ids; -- --sandbox accepts them", async () => {
  const refused = await sh("npm", ["run", "--silent", "check-rules"], { cwd: starter, env: offline() });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /broadcast_id: 11 is an example id/);
  const accepted = await ok("npm", ["run", "--silent", "check-rules", "--", "--sandbox"], { cwd: starter, env: offline() });
  assert.match(accepted.stdout, /rules OK/);
});

test("wrangler deploy --dry-run bundles the starter; wrangler types --check finds the committed Env current", async () => {
  const dry = await ok("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "dist"], { cwd: starter, env: offline() });
  assert.match(dry.stdout + dry.stderr, /env\.BROADCASTS \(BroadcastQueue\)/);
  assert.ok(readdirSync(join(starter, "dist")).some((f) => f.endsWith(".wasm")), "the package's .wasm is uploaded as a module");
  assert.doesNotMatch(dry.stdout + dry.stderr, /Duplicate key/);
  await ok("npm", ["run", "--silent", "types", "--", "--check"], { cwd: starter, env: offline() });
});

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts `npm run <script> -- <args>` in the starter; resolves once `ready` appears in its output. */
function start(script, args, ready, env) {
  const child = spawn("npm", ["run", script, "--", ...args], { cwd: starter, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run ${script} did not start:\n${output}`)), 60_000);
    const read = (data) => {
      output += data;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`npm run ${script} exited ${code}:\n${output}`)));
  });
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  return { started, stop, output: () => output };
}

test("npm run dev answers a delivery signed by npm run sign, against npm run sandbox, offline", async () => {
  copyFileSync(join(starter, ".dev.vars.example"), join(starter, ".dev.vars"));
  const sandboxPort = 4010; // .dev.vars.example's CUSTOMERIO_BASE_URL
  const devPort = await freePort();
  const sandbox = start("sandbox", [], /127\.0\.0\.1:4010/, offline());
  const dev = start("dev", ["--port", String(devPort), "--ip", "127.0.0.1"], /Ready on/, offline());
  try {
    await sandbox.started;
    await dev.started;
    const url = `http://127.0.0.1:${devPort}`;
    const signed = await ok("npm", ["run", "--silent", "sign", "--", "stripe", "--url", url], { cwd: starter, env: offline() });
    const answer = JSON.parse(signed.stdout.trim().replace(/^\d+ /, ""));
    assert.match(signed.stdout, /^202 /);
    assert.equal(answer.status, "queued");
    assert.equal(answer.broadcast_id, 11);
    const again = await sh("npm", ["run", "--silent", "sign", "--", "stripe", "--url", url], { cwd: starter, env: offline() });
    assert.match(again.stdout, /^200 .*"duplicate":true/, "the same Stripe event again is a redelivery");
    // The queue sends it: the admin route shows the record sent, with the sandbox's trigger id.
    const token = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(join(starter, ".dev.vars"), "utf8"))[1];
    let record;
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${url}/deliveries/stripe/${answer.delivery_id}`, { headers: { authorization: `Bearer ${token}` } });
      record = await response.json();
      if (record.status !== "queued" && record.status !== "sending") break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(record.status, "sent", JSON.stringify(record));
    assert.ok(record.trigger_id !== undefined);
  } finally {
    dev.stop();
    sandbox.stop();
  }
  assert.ok(!existsSync(join(starter, ".wrangler", "cf.json")), "no Request.cf data was downloaded");
});
