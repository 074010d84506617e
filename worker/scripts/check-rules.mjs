#!/usr/bin/env node
// Checks a rules file before deploying: every rule's example payload is mapped to its
// triggerBroadcast (or sendEmail/sendPush/sendSMS) parameters and run through the package's `prepare` (the dry run: nothing is
// sent). A rule that would produce refused parameters fails here with the rule and the field.
//
//   node scripts/check-rules.mjs [rules.json]     (npm run check-rules)
import { readFileSync } from "node:fs";
import { CustomerIo } from "customerio-wasm";
import { checkRules } from "../src/rules.js";

const path = process.argv[2] ?? "rules.json";
let rules;
try {
  rules = JSON.parse(readFileSync(path, "utf8"));
} catch (error) {
  console.error(`${path}: ${error.message}`);
  process.exit(1);
}
const cio = new CustomerIo({ apiKey: "check-rules" });
const problems = checkRules(rules, (params, method = "triggerBroadcast") => cio.prepare(method, params));
for (const p of problems) {
  console.error(`${path}: rule ${p.rule}${p.source ? ` (source "${p.source}")` : ""}: ${p.field}: ${p.message}`);
}
if (problems.length > 0) process.exit(1);
console.log(`${path}: ${rules.length} rules OK`);
