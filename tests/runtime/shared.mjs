// Shared helpers of the runtime tests (tests/runtime/*.test.mjs): the built package and its export
// map, a throw-away project dir where `customerio-wasm` resolves by name, the sandbox over HTTP on
// 127.0.0.1, child processes, and the checks of exercise()'s summary against the sandbox's data.
//
// Every runtime loads the package through its `exports` (never a path to an entry file), runs
// exercise.mjs, and hands the summary to checkSummary().

import { importClosure as importClosureOf } from "../../scripts/import-closure.mjs";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const PKG_DIR = join(REPO_DIR, "pkg");
export const BIN_DIR = join(REPO_DIR, "node_modules", ".bin");
export const EXERCISE_PATH = fileURLToPath(new URL("./exercise.mjs", import.meta.url));
export const EXERCISE_URL = pathToFileURL(EXERCISE_PATH).href;
export const PACKAGE_NAME = "customerio-wasm";
/** A distinctive key: checked never to appear in a prepared request or a printed client. */
export const API_KEY = "cio_runtime_SECRET_key_7c41d2e9b0";
/** Child processes print their summary on one line after this marker. */
export const RESULT_MARKER = "RUNTIME_RESULT ";

if (!existsFile(join(PKG_DIR, "package.json"))) {
  throw new Error(`no built package in ${PKG_DIR}: run \`make pkg\` first`);
}

// The sandbox is a test fixture, not the code under test: it is imported by path.
const { createSandbox } = await import(pathToFileURL(join(PKG_DIR, "sandbox", "index.js")).href);
const { serveSandbox } = await import(pathToFileURL(join(PKG_DIR, "sandbox", "server.js")).href);

function existsFile(path) {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The package and its export map

export function readPackageJson() {
  return JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));
}

/**
 * The conditions `import` sees in exports["."] (the ES module entries; `require` has its own
 * branch, the CommonJS build).
 */
function importConditions() {
  const root = readPackageJson().exports?.["."];
  assert.equal(typeof root, "object", 'package.json has exports["."] with conditions');
  assert.equal(typeof root.import, "object", 'exports["."] has an "import" branch');
  return root.import;
}

/**
 * The target of `condition` in exports["."] of the built package, e.g. "./entry-workerd.js".
 * Fails if the condition is missing or not a plain relative path.
 */
export function exportTarget(condition) {
  const root = importConditions();
  const target = root[condition];
  assert.equal(typeof target, "string", `exports["."] has a "${condition}" condition`);
  assert.match(target, /^\.\/[^*]+\.js$/, `the "${condition}" target is a relative .js path`);
  return target;
}

/** The target of `condition` in the `require` branch of exports["."] (the CommonJS build). */
export function requireTarget(condition) {
  const target = readPackageJson().exports?.["."]?.require?.[condition];
  assert.equal(typeof target, "string", `exports["."].require has a "${condition}" condition`);
  assert.match(target, /^\.\/[^*]+\.cjs$/, `the require "${condition}" target is a relative .cjs path`);
  return target;
}

/**
 * Which target a runtime that matches `conditions` picks from exports["."]: the first key, in
 * the object's order, that is one of `conditions` (what Node, Deno and bundlers do).
 */
export function resolveConditions(conditions) {
  const root = importConditions();
  const key = Object.keys(root).find((name) => conditions.includes(name));
  return key === undefined ? undefined : { condition: key, target: root[key] };
}

/**
 * The static import closure of a package file: `{ files: ["entry-workerd.js", ...], external:
 * ["node:fs", ...] }`, paths relative to the package. Follows `import ... from`, `import "x"` and
 * `export ... from`; a dynamic import() fails the walk (workerd needs every module up front).
 */
export function importClosure(entry) {
  const closure = importClosureOf(PKG_DIR, entry);
  assert.deepEqual(closure.dynamic, [], "no file of the package uses a dynamic import()");
  for (const file of closure.files) assert.ok(!file.startsWith(".."), `${file} is inside the package`);
  return { files: closure.files, external: closure.external };
}

// ---------------------------------------------------------------------------------------------
// A throw-away project where `import "customerio-wasm"` resolves by name

/**
 * A temp dir with package.json {"type":"module"} and node_modules/customerio-wasm → pkg/ (a
 * symlink). With `copyAs`, also node_modules/<copyAs>: a real copy of pkg/ (a second module
 * instance, for the cross-copy instanceof check). `remove()` deletes it.
 */
export function makeProject({ copyAs } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "cio-runtime-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(PKG_DIR, join(dir, "node_modules", PACKAGE_NAME), "dir");
  if (copyAs !== undefined) cpSync(PKG_DIR, join(dir, "node_modules", copyAs), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "runtime-check", private: true, type: "module" }));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// The sandbox

/** A fresh sandbox with API_KEY, served over HTTP on 127.0.0.1 (port 0). */
export async function startSandbox() {
  const sandbox = createSandbox({ apiKey: API_KEY });
  const server = await serveSandbox(sandbox, { port: 0, host: "127.0.0.1" });
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  return { sandbox, url: server.url, close: () => server.close() };
}

/** A fresh sandbox only (for a server of our own that delegates to sandbox.fetch). */
export function newSandbox() {
  return createSandbox({ apiKey: API_KEY });
}

/** The ids exercise() needs, taken from the sandbox's seeded workspace. */
export function fixturesFor(sandbox) {
  const { workspace } = sandbox;
  const broadcastId = workspace.broadcasts[0].id;
  const segmentId = workspace.segments[0].id;
  const missingSegmentId = Math.max(...workspace.segments.map((segment) => segment.id)) + 1000;
  // A trigger whose errors take two pages of 20.
  const withErrors = workspace.triggers.find((trigger) => trigger.errors.length > 20 && trigger.errors.length <= 40);
  assert.ok(withErrors, "the sandbox has a trigger with 21 to 40 error lines");
  return {
    broadcastId,
    segmentId,
    missingSegmentId,
    errorsTrigger: { broadcast_id: withErrors.broadcast_id, trigger_id: withErrors.id },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

const isDraft = (message) => "drafted" in message.metrics;

/**
 * Asserts every step of exercise()'s summary against the sandbox that answered it, and that the
 * requests the sandbox received are exactly right (one trigger: the conflicting ones never left).
 */
export function checkSummary(summary, { sandbox, baseUrl, fixtures }) {
  assert.equal(typeof summary, "object", "the runtime returned a summary");
  assert.deepEqual(summary.failures, [], `no step failed:\n${JSON.stringify(summary.failures, null, 2)}`);
  const { steps } = summary;
  const { workspace } = sandbox;
  const { broadcastId, segmentId } = fixtures;

  // triggerBroadcast: a new trigger, stored with exactly the body sent.
  assert.deepEqual(steps.triggerBroadcast.keys, ["id"]);
  const created = workspace.triggers.find((trigger) => trigger.id === steps.triggerBroadcast.id);
  assert.ok(created, `trigger ${steps.triggerBroadcast.id} exists in the sandbox`);
  assert.equal(created.broadcast_id, broadcastId);
  assert.deepEqual(created.request, {
    recipients: { and: [{ segment: { id: segmentId } }, { not: { attribute: { field: "state", operator: "eq", value: "NM" } } }] },
    data: { runtime_check: true },
  });

  // getMessages: the 5 newest sent emails, and a cursor.
  const sent = workspace.messages.filter((message) => !isDraft(message));
  const newestEmails = sent.filter((message) => message.type === "email").slice(0, 5).map((message) => message.id);
  assert.deepEqual(steps.getMessages.ids, newestEmails);
  assert.deepEqual(steps.getMessages.types, ["email"]);
  assert.equal(steps.getMessages.nextIsString, true);
  assert.equal(steps.getMessages.plainObject, true, "results are plain objects");

  // messages(): every sent message of the default window, each once, newest first.
  assert.ok(sent.length > 100, "the sandbox has several pages of messages");
  assert.equal(steps.messages.count, sent.length, "messages() yields every sent message");
  assert.deepEqual(steps.messages.ids, sent.map((message) => message.id));

  assert.deepEqual(steps.getSegments.ids, workspace.segments.map((segment) => segment.id));
  const segment = workspace.segments.find((candidate) => candidate.id === segmentId);
  assert.deepEqual(steps.getSegmentDetails, { id: segment.id, name: segment.name, tags: segment.tags });

  // listNewsletters: the 7 oldest; newsletters(): all of them, newest first (the default sort).
  const byCreated = [...workspace.newsletters].sort((a, b) => a.created - b.created || a.id - b.id).map((n) => n.id);
  assert.deepEqual(steps.listNewsletters.ids, byCreated.slice(0, 7));
  assert.equal(steps.listNewsletters.nextIsString, true);
  assert.equal(steps.newsletters.count, workspace.newsletters.length);
  assert.deepEqual(steps.newsletters.ids, [...byCreated].reverse());

  assert.deepEqual(steps.listTransactionalMessages.ids, workspace.transactional.map((message) => message.id));

  const broadcastTriggers = workspace.triggers.filter((trigger) => trigger.broadcast_id === broadcastId).map((t) => t.id);
  assert.deepEqual(steps.getTriggers.ids, broadcastTriggers.sort((a, b) => a - b));
  assert.ok(steps.getTriggers.ids.includes(created.id), "getTriggers lists the new trigger");
  assert.deepEqual(steps.getTrigger, {
    id: created.id,
    broadcast_id: broadcastId,
    keys: ["broadcast_id", "created_at", "id", "processed_at"],
  });

  const errorsTrigger = workspace.triggers.find((trigger) => trigger.id === fixtures.errorsTrigger.trigger_id);
  assert.deepEqual(steps.getTriggerErrors.errors, errorsTrigger.errors);
  assert.deepEqual(steps.getTriggerErrors.nexts, [20, 0]);

  // Broadcasts: the list, one, and metrics that count the broadcast's messages; bad steps never sent.
  assert.deepEqual(steps.listBroadcasts.ids, workspace.broadcasts.map((broadcast) => broadcast.id));
  const broadcast = workspace.broadcasts.find((candidate) => candidate.id === broadcastId);
  assert.deepEqual(steps.getBroadcast, { id: broadcastId, name: broadcast.name, state: broadcast.state });
  assert.equal(steps.getBroadcastMetrics.steps, 121);
  const ofBroadcast = workspace.messages.filter((message) => message.broadcast_id === broadcastId);
  for (const metric of ["attempted", "sent", "delivered", "opened", "clicked", "converted"]) {
    const expected = ofBroadcast.filter((message) => metric in message.metrics).length;
    assert.equal(steps.getBroadcastMetrics.totals[metric], expected, `getBroadcastMetrics ${metric}`);
  }
  assert.equal(steps.getBroadcastMetrics.badSteps.code, "invalid_params");
  assert.equal(steps.getBroadcastMetrics.badSteps.field, "steps");
  assert.ok(!sandbox.requests.some((request) => request.path.endsWith("/metrics") && request.query.period === "hours"),
    "the refused metrics call never reached the sandbox");

  // prepare: the exact request, key redacted.
  const { prepare } = steps;
  assert.equal(prepare.method, "POST");
  assert.equal(prepare.url, `${baseUrl}/v1/campaigns/${broadcastId}/triggers`);
  const headers = Object.fromEntries(Object.entries(prepare.headers).map(([name, value]) => [name.toLowerCase(), value]));
  assert.equal(headers.authorization, "Bearer [REDACTED]");
  assert.match(headers["content-type"], /^application\/json/);
  assert.deepEqual(JSON.parse(prepare.body), { recipients: { segment: { id: segmentId } } });
  assert.equal(prepare.keyLeaked, false);

  // Validation: rejected (not thrown), audience_conflict, a CustomerIoError, and no fetch.
  for (const via of ["viaCounted", "viaGlobal"]) {
    const result = steps.audienceConflict[via];
    assert.equal(result.outcome, "rejected", `${via}: the promise rejects (${result.message})`);
    assert.equal(result.code, "audience_conflict", `${via}: ${result.message}`);
    assert.equal(result.name, "CustomerIoError");
    assert.equal(result.instanceofCustomerIoError, true, `${via}: instanceof CustomerIoError`);
    assert.equal(result.instanceofError, true, `${via}: instanceof Error`);
  }
  assert.equal(steps.audienceConflict.fetchCalls, 0, "the conflicting trigger never called fetch");

  const { notFound } = steps;
  assert.equal(notFound.outcome, "rejected");
  assert.equal(notFound.code, "not_found", notFound.message);
  assert.equal(notFound.status, 404);
  assert.equal(notFound.instanceofCustomerIoError, true);
  assert.equal(notFound.instanceofError, true);

  assert.equal(steps.keyHidden.leaked, false, `${steps.keyHidden.string} / ${steps.keyHidden.json}`);

  // What reached the sandbox: every request authorized, exactly one trigger POST (the valid one).
  const { requests } = sandbox;
  assert.ok(requests.length > 0);
  for (const request of requests) assert.equal(request.authorized, true, `${request.method} ${request.path} authorized`);
  const posts = requests.filter((request) => request.method === "POST");
  assert.equal(posts.length, 1, "only the valid trigger reached the sandbox");
  assert.equal(posts[0].path, `/v1/campaigns/${broadcastId}/triggers`);
  assert.ok(!("ids" in posts[0].body), "the conflicting trigger (ids + recipients) never reached the sandbox");
  const messagePages = requests.filter((request) => request.path === "/v1/messages").length;
  assert.ok(messagePages >= 1 + Math.ceil(sent.length / 50), `messages() fetched every page (${messagePages} requests)`);

  assert.equal(typeof summary.firstResultAt, "number");
}

/**
 * Prints and returns the runtime's time to first result: from `hostStartMs` (Date.now() in the
 * test, just before the runtime was started) to the first method result inside the runtime.
 */
export function reportFirstResult(runtime, hostStartMs, summary) {
  const ms = summary.firstResultAt - hostStartMs;
  const total = summary.finishedAt - hostStartMs;
  console.log(`runtime=${runtime} first_result_ms=${ms} all_methods_ms=${total}`);
  assert.ok(ms >= 0 && ms < 30_000, `plausible time to first result: ${ms} ms`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs a command (no shell) and collects its output; rejects after `timeoutMs` (and kills it).
 * Resolves to { code, signal, stdout, stderr }.
 */
export function run(command, args, { cwd, env, timeoutMs = 25_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => { stdout += chunk; });
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON a child printed after RESULT_MARKER (fails with its output if there is none). */
export function parseResult({ code, stdout, stderr }, what) {
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(RESULT_MARKER));
  assert.ok(line, `${what} printed a result (exit ${code})\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-4000)}`);
  assert.equal(code, 0, `${what} exited 0\nstderr: ${stderr.slice(-4000)}`);
  return JSON.parse(line.slice(RESULT_MARKER.length));
}

/**
 * Runs `script` (written into `projectDir`) with the Node binary `node` against a fresh sandbox
 * over HTTP, checks the exercise's summary and reports its timing. Resolves to
 * `{ summary, stderr }`.
 */
export async function runNodeExercise(node, projectDir, script, label) {
  const server = await startSandbox();
  try {
    const fixtures = fixturesFor(server.sandbox);
    const options = { baseUrl: server.url, apiKey: API_KEY, fixtures };
    const startedAt = Date.now();
    const output = await run(node, [script, JSON.stringify(options)], { cwd: projectDir, timeoutMs: 20_000 });
    const summary = parseResult(output, label);
    checkSummary(summary, { sandbox: server.sandbox, baseUrl: server.url, fixtures });
    reportFirstResult(label, startedAt, summary);
    return { summary, stderr: output.stderr };
  } finally {
    await server.close();
  }
}
