// Rule paths are strict (worker/src/rules.js): one syntax ("$.items.0.sku"), the bracket form
// refused with the dotted path to write, and a path that does not resolve on the rule's own
// example refused by check-rules with the rule and the path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CustomerIo } from "../../pkg/entry-node.js";
import { WORKER_DIR, ensureWorkerLink } from "./harness.mjs";

// worker/src resolves customerio-wasm through worker/node_modules (what `npm install` makes in
// the starter): the link must exist before the module is loaded, so it is imported after.
ensureWorkerLink();
const { checkRules, paramsFor } = await import("../../worker/src/rules.js");

const cio = new CustomerIo({ apiKey: "check-rules" });
const prepare = (params, method = "triggerBroadcast") => cio.prepare(method, params);
const shipped = async () => JSON.parse(await readFile(join(WORKER_DIR, "rules.json"), "utf8"));

/** A rule with line items, its data read through an array index. */
function orderRule(sku) {
  return {
    source: "shop",
    scheme: "stripe",
    broadcast_id: 731,
    audience: { emails: ["$.customer.email"] },
    data: { sku },
    example: { customer: { email: "ada@example.com" }, items: [{ sku: "A-1" }] },
  };
}

test("an array index is a dot segment, and the value is read through it", () => {
  assert.deepEqual(checkRules([orderRule("$.items.0.sku")], prepare), []);
  assert.deepEqual(paramsFor(orderRule("$.items.0.sku"), orderRule().example).data, { sku: "A-1" });
});

test("a path that does not resolve on the rule's example is refused with the rule, its place and the path", () => {
  const problems = checkRules([orderRule("$.items.0.skuu")], prepare);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].rule, 0);
  assert.equal(problems[0].field, "data.sku");
  assert.match(problems[0].message, /\$\.items\.0\.skuu does not resolve on the rule's example \(it has no \$\.items\.0\.skuu\)/);
  const outOfRange = checkRules([orderRule("$.items.3.sku")], prepare);
  assert.match(outOfRange[0].message, /it has no \$\.items\.3\b/);
});

test("the bracket syntax is refused with the dotted path to write instead", () => {
  const problems = checkRules([orderRule("$.items[0].sku")], prepare);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].field, "data.sku");
  assert.match(problems[0].message, /\$\.items\[0\]\.sku uses brackets: write \$\.items\.0\.sku/);
});

test("an empty segment and a misspelt audience or event path are refused too", () => {
  assert.match(checkRules([orderRule("$.items..sku")], prepare)[0].message, /empty segment/);
  const audience = { ...orderRule("$.items.0.sku"), audience: { emails: ["$.customer.mail"] } };
  assert.equal(checkRules([audience], prepare)[0].field, "audience.emails.0");
  const event = { ...orderRule("$.items.0.sku"), event: { path: "$.kind", equals: "paid" } };
  assert.equal(checkRules([event], prepare)[0].field, "event.path");
});

test("npm run check-rules names the rule and the path that does not resolve", async () => {
  const rules = await shipped();
  rules[0] = { ...rules[0], data: { ...rules[0].data, order: "$.data.object.idd" } };
  const dir = await mkdtemp(join(tmpdir(), "cio-rules-"));
  try {
    const path = join(dir, "rules.json");
    await writeFile(path, JSON.stringify(rules));
    const failed = await promisify(execFile)(process.execPath, [join(WORKER_DIR, "scripts", "check-rules.mjs"), path, "--sandbox"], { cwd: WORKER_DIR }).then(() => null, (error) => error);
    assert.ok(failed, "check-rules refuses the file");
    assert.match(`${failed.stdout}${failed.stderr}`, /rule 0 \(source "stripe"\): data\.order: \$\.data\.object\.idd does not resolve on the rule's example/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
