#!/usr/bin/env node
// Checks a rules file before deploying:
// 1. every rule's example payload is mapped to its parameters (triggerBroadcast, or the rule's
//    send: sendEmail/sendPush/sendSMS) and run through the package's
//    `prepare` (the dry run: nothing is sent), so a rule that would produce refused parameters
//    fails here with the rule and the field;
// 2. a rule still aimed at one of the example broadcasts (the ids of the package's sandbox
//    workspace, which the shipped rules.json uses so that `npm run dev` works offline) is refused:
//    those ids mean nothing in your workspace. `--sandbox` accepts them (local runs against the
//    sandbox); `--live` instead asks your workspace.
// 3. `--live` (needs CUSTOMERIO_APP_API_KEY, and CUSTOMERIO_REGION=eu for EU workspaces) reads
//    each rule's broadcast with getBroadcast: it must exist and be API-triggered.
//
//   node scripts/check-rules.mjs [rules.json] [--sandbox | --live]     (npm run check-rules)
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CustomerIo } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";
import { checkRules } from "../src/rules.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sandbox: { type: "boolean", default: false }, live: { type: "boolean", default: false } },
});
const path = positionals[0] ?? "rules.json";
if (values.sandbox && values.live) fail("--sandbox and --live contradict each other: pick one");

let rules;
try {
  rules = JSON.parse(readFileSync(path, "utf8"));
} catch (error) {
  fail(`${path}: ${error.message}`);
}

const cio = new CustomerIo({ apiKey: "check-rules" });
const problems = checkRules(rules, (params, method = "triggerBroadcast") => cio.prepare(method, params));

const withBroadcast = Array.isArray(rules)
  ? rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => rule?.broadcast_id !== undefined)
  : [];

if (values.live) {
  problems.push(...(await liveProblems(withBroadcast)));
} else if (!values.sandbox) {
  const examples = new Map(createSandbox().workspace.broadcasts.map((b) => [b.id, b.name]));
  for (const { rule, index } of withBroadcast) {
    const name = examples.get(Number(rule.broadcast_id));
    if (name !== undefined) {
      problems.push({
        rule: index, source: rule.source, field: "broadcast_id",
        message: `${rule.broadcast_id} is an example id (the sandbox's broadcast "${name}"): set your broadcast's id (the number in its URL in Customer.io, …/broadcasts/<id>), then run with --live to check it against your workspace; --sandbox accepts example ids for local runs`,
      });
    }
  }
}

for (const p of problems) {
  console.error(`${path}: rule ${p.rule}${p.source ? ` (source "${p.source}")` : ""}: ${p.field}: ${p.message}`);
}
if (problems.length > 0) process.exit(1);
console.log(`${path}: ${rules.length} rules OK${values.live ? " (broadcasts checked in your workspace)" : values.sandbox ? " (against the sandbox's example broadcasts)" : ""}`);

/** Each rule's broadcast, read from the workspace of CUSTOMERIO_APP_API_KEY. */
async function liveProblems(list) {
  const env = process.env;
  if (!env.CUSTOMERIO_APP_API_KEY) fail("--live needs CUSTOMERIO_APP_API_KEY (and CUSTOMERIO_REGION=eu for an EU workspace)");
  const live = new CustomerIo({
    apiKey: env.CUSTOMERIO_APP_API_KEY,
    region: env.CUSTOMERIO_REGION || "us",
    ...(env.CUSTOMERIO_BASE_URL ? { baseUrl: env.CUSTOMERIO_BASE_URL } : {}),
  });
  const found = [];
  const seen = new Map();
  for (const { rule, index } of list) {
    const id = String(rule.broadcast_id);
    if (!seen.has(id)) seen.set(id, await live.getBroadcast({ broadcast_id: rule.broadcast_id }).then((a) => a.broadcast, (e) => e));
    const answer = seen.get(id);
    const at = (message) => found.push({ rule: index, source: rule.source, field: "broadcast_id", message });
    if (answer?.code === "not_found") at(`no broadcast ${id} in this workspace: check the id (the number in the broadcast's URL) and the region`);
    else if (answer?.code) at(`could not read broadcast ${id}: ${answer.code}: ${answer.message}`);
    else if (answer?.type !== "triggered_broadcast") at(`broadcast ${id} ("${answer?.name}") is a ${answer?.type ?? "broadcast of unknown type"}, not an API-triggered broadcast: the API can only trigger those`);
  }
  return found;
}

function fail(message) {
  console.error(`check-rules: ${message}`);
  process.exit(2);
}
