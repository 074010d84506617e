#!/usr/bin/env node
// Sends a signed test delivery to the Worker, as the sender would: the example payload of the
// source's first rule in rules.json (or --payload <file>), signed with the source's secret from
// WEBHOOK_SECRETS (the environment, or .dev.vars) by the rule's scheme, POSTed to
// <url>/hooks/<source>. Prints the Worker's status and answer.
//
//   npm run sign -- stripe                          (the Worker of `npm run dev` on :8787)
//   npm run sign -- github --id 72d3162e-...        (the same delivery id again: a redelivery)
//   npm run sign -- shopify --url https://<worker>.workers.dev --payload order.json
//
// Stripe carries its delivery id in the body (the event's `id`), so sending the same example
// twice is a redelivery; Standard Webhooks, GitHub and Shopify take --id (a fresh one by default).
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rules as packageRules } from "customerio-wasm/rules";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: "http://127.0.0.1:8787" },
    payload: { type: "string" },
    rules: { type: "string", default: "rules.json" },
    id: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const source = positionals[0];
if (values.help || !source) {
  console.log("usage: npm run sign -- <source> [--url http://127.0.0.1:8787] [--payload file.json] [--id delivery-id] [--rules rules.json]");
  process.exit(source || values.help ? 0 : 2);
}

const rules = JSON.parse(readFileSync(values.rules, "utf8"));
const rule = rules.find((r) => r.source === source);
if (!rule) fail(`${values.rules} has no rule for source "${source}" (sources: ${[...new Set(rules.map((r) => r.source))].join(", ")})`);
const body = values.payload ? readFileSync(values.payload, "utf8") : JSON.stringify(rule.example ?? {});

/** WEBHOOK_SECRETS from the environment, else from .dev.vars (KEY=value lines). */
function secrets() {
  let raw = process.env.WEBHOOK_SECRETS;
  if (raw === undefined && existsSync(".dev.vars")) {
    const line = readFileSync(".dev.vars", "utf8").split("\n").find((l) => l.startsWith("WEBHOOK_SECRETS="));
    raw = line?.slice("WEBHOOK_SECRETS=".length).trim().replace(/^'(.*)'$/, "$1");
  }
  if (raw === undefined) fail("set WEBHOOK_SECRETS, or copy .dev.vars.example to .dev.vars");
  const all = JSON.parse(raw);
  const secret = all[source];
  if (secret === undefined) fail(`WEBHOOK_SECRETS has no secret for "${source}"`);
  return Array.isArray(secret) ? secret[0] : secret;
}

const hmac = (key, message) => createHmac("sha256", key).update(message).digest();

/**
 * The headers the sender of `scheme` puts on `body`: the names are the package's
 * (customerio-wasm/rules `webhookHeaders`, the ones verifyWebhook reads); the values are computed
 * as each sender's documentation says.
 */
function signed(scheme, secret) {
  const names = packageRules.webhookHeaders[scheme];
  if (names === undefined) return fail(`rule for "${source}" has scheme "${scheme}", which this script does not sign`);
  const ts = Math.floor(Date.now() / 1000);
  const id = values.id ?? randomUUID();
  // Each delivery-id header the scheme reads carries the id (Shopify has two; Stripe's is in the body).
  const headers = Object.fromEntries(names.id.map((name) => [name, id]));
  switch (scheme) {
    case "stripe":
      return { ...headers, [names.signature]: `t=${ts},v1=${hmac(secret, `${ts}.${body}`).toString("hex")}` };
    case "github":
      return { ...headers, [names.signature]: `sha256=${hmac(secret, body).toString("hex")}`, "x-github-event": "release" };
    case "shopify":
      return { ...headers, [names.signature]: hmac(secret, body).toString("base64") };
    case "customerio":
      return { ...headers, [names.timestamp]: String(ts), [names.signature]: hmac(secret, `v0:${ts}:${body}`).toString("hex") };
    case "standard": {
      const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
      return { ...headers, [names.timestamp]: String(ts), [names.signature]: `v1,${hmac(key, `${id}.${ts}.${body}`).toString("base64")}` };
    }
    default:
      return fail(`rule for "${source}" has scheme "${scheme}", which this script does not sign`);
  }
}

function fail(message) {
  console.error(`sign-delivery: ${message}`);
  process.exit(1);
}

const url = `${values.url.replace(/\/$/, "")}/hooks/${encodeURIComponent(source)}`;
const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...signed(rule.scheme, secrets()) }, body });
console.log(`${response.status} ${await response.text()}`);
process.exit(response.ok ? 0 : 1);
