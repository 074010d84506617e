#!/usr/bin/env node
// A tour of customerio-wasm: the Customer.io workflows a user runs, one section each.
//
//   node examples/tour.mjs
//     Runs against the offline sandbox, served over HTTP on 127.0.0.1, so every call goes
//     over a real socket exactly as it would to Customer.io.
//
//   CUSTOMERIO_APP_API_KEY=... [CUSTOMERIO_REGION=us|eu] node examples/tour.mjs
//     Runs the read-only sections against your workspace. It triggers a broadcast only when
//     you also set BROADCAST_ID, and then only to the segment named "VIP customers" (or
//     SEGMENT_NAME) if your workspace has one.

import { CustomerIo, CustomerIoError } from "../pkg/entry-node.js";
import { createSandbox } from "../pkg/sandbox/index.js";
import { serveSandbox } from "../pkg/sandbox/server.js";
import { funnel, renderFunnel } from "./funnel.mjs";

const DAY_MS = 86_400_000;
const SEGMENT_NAME = process.env.SEGMENT_NAME ?? "VIP customers";

async function main() {
  const startedAt = performance.now();
  const http = meteredFetch();
  const env = await connect(http);
  try {
    const segment = await showSegments(env.cio);
    const triggerId = await triggerBroadcast(env, segment);
    await showTriggers(env, triggerId);
    await showFunnel(env.cio, http);
    await showNewsletters(env.cio, http);
    await showTransactional(env.cio);
    await showPitfalls(env, http);
  } finally {
    await env.server?.close();
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nDone: ${http.requests} requests in ${seconds} s.`);
}

// ---------------------------------------------------------------------------------------------
// Setup

/** Either the real API (a key in the environment) or a sandbox served on 127.0.0.1. */
async function connect(http) {
  const apiKey = process.env.CUSTOMERIO_APP_API_KEY;
  if (apiKey) {
    const region = process.env.CUSTOMERIO_REGION ?? "us";
    const cio = new CustomerIo({ apiKey, region, fetch: http.fetch });
    console.log(`customerio-wasm tour against Customer.io: ${cio}`);
    return { cio, broadcastId: process.env.BROADCAST_ID ?? null, sandbox: null, server: null };
  }
  const sandbox = createSandbox();
  const server = await serveSandbox(sandbox, { port: 0 });
  const cio = new CustomerIo({ apiKey: sandbox.apiKey, baseUrl: server.url, fetch: http.fetch });
  console.log(`customerio-wasm tour against the offline sandbox, listening on ${server.url}`);
  console.log("(set CUSTOMERIO_APP_API_KEY to run it against your Customer.io workspace)");
  const broadcastId = sandbox.workspace.broadcasts[0].id; // the first API-triggered broadcast
  return { cio, broadcastId, sandbox, server };
}

/**
 * The global fetch, counted: `requests` made and `answered` with a 2xx. The client takes any
 * fetch, which is how you add instrumentation. With `blocked` set, it refuses to send.
 */
function meteredFetch() {
  const meter = {
    requests: 0,
    answered: 0,
    blocked: false,
    async fetch(input, init) {
      meter.requests += 1;
      if (meter.blocked) throw new Error("the tour does not send this request");
      const response = await globalThis.fetch(input, init);
      if (response.ok) meter.answered += 1;
      return response;
    },
  };
  return meter;
}

// ---------------------------------------------------------------------------------------------
// 1. Segments

async function showSegments(cio) {
  heading("1. Segments");
  const { segments } = await cio.getSegments();
  printTable(segments ?? [], [
    ["id", (s) => s.id],
    ["name", (s) => s.name],
    ["type", (s) => s.type],
  ]);

  const found = segments?.find((s) => s.name === SEGMENT_NAME);
  if (found === undefined) {
    console.log(`\nNo segment is named "${SEGMENT_NAME}".`);
    return null;
  }
  const { segment } = await cio.getSegmentDetails({ segment_id: found.id });
  console.log(`\n"${SEGMENT_NAME}" found by name; its details:`);
  printFields([
    ["id", segment.id],
    ["description", segment.description],
    ["type", segment.type],
    ["state", segment.state],
    ["tags", segment.tags?.join(", ")],
    ["created", formatTime(segment.created_at)],
    ["updated", formatTime(segment.updated_at)],
  ]);
  return segment;
}

// ---------------------------------------------------------------------------------------------
// 2. Trigger a broadcast

async function triggerBroadcast({ cio, broadcastId }, segment) {
  heading("2. Trigger a broadcast to the segment");
  if (broadcastId === null) return skip("set BROADCAST_ID to trigger a broadcast.");
  if (segment === null) return skip(`no segment named "${SEGMENT_NAME}" to send to.`);

  const params = {
    broadcast_id: broadcastId,
    recipients: { segment: { id: segment.id } },
    data: { headline: "24 hours only: 30% off everything", promo_code: "VIP30" },
  };

  // A dry run: the exact request, validated, key redacted, nothing sent.
  const request = cio.prepare("triggerBroadcast", params);
  console.log("What cio.prepare(\"triggerBroadcast\", params) would send:");
  console.log(`  ${request.method} ${request.url}`);
  for (const [name, value] of Object.entries(request.headers)) console.log(`  ${name}: ${value}`);
  console.log(indent(JSON.stringify(JSON.parse(request.body), null, 2), 2));

  // How many people that is, before sending (a size that cannot be read is null, with why).
  const { count, reason } = await cio.countAudience(params);
  console.log(`\nAudience: segment "${segment.name}" (id ${segment.id}): ${count === null ? `unknown (${reason})` : `${count} ${count === 1 ? "person" : "people"}`}.`);

  const { id } = await cio.triggerBroadcast(params);
  console.log(`\nSent: broadcast ${broadcastId} triggered for segment ${segment.id}, trigger id ${id}.`);
  return id;
}

// ---------------------------------------------------------------------------------------------
// 3. Trigger history

async function showTriggers({ cio, broadcastId, sandbox }, triggerId) {
  heading("3. Trigger history");
  if (broadcastId === null) return skip("set BROADCAST_ID to inspect a broadcast's triggers.");

  const { triggers } = await cio.getTriggers({ broadcast_id: broadcastId });
  const inspected = triggerId ?? triggers?.at(-1)?.id;
  if (inspected !== undefined) {
    const trigger = await cio.getTrigger({ broadcast_id: broadcastId, trigger_id: inspected });
    console.log(`Trigger ${trigger.id} of broadcast ${broadcastId}:`);
    printFields([
      ["created", formatTime(trigger.created_at)],
      ["processed", formatTime(trigger.processed_at)],
    ]);
  }

  console.log(`\nAll triggers of broadcast ${broadcastId}:`);
  printTable(triggers ?? [], [
    ["id", (t) => t.id],
    ["created", (t) => formatTime(t.created_at)],
    ["processed", (t) => formatTime(t.processed_at)],
  ]);

  // Per-line audience errors (e.g. a data_file_url line naming an unknown customer). The
  // sandbox seeds triggers that have some; on a real workspace you would pick your own.
  const failed = sandbox?.workspace.triggers.reduce((a, b) => (b.errors.length > a.errors.length ? b : a));
  if (failed?.errors.length > 0) {
    const params = { broadcast_id: failed.broadcast_id, trigger_id: failed.id, limit: 5 };
    const { errors, next } = await cio.getTriggerErrors(params);
    console.log(`\nErrors of trigger ${failed.id} (broadcast ${failed.broadcast_id}), first page:`);
    for (const line of errors ?? []) console.log(`  ${line}`);
    if (next) console.log(`  … more with start: ${next}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Messages of the last 30 days, as a delivery funnel

async function showFunnel(cio, http) {
  const since = new Date(Date.now() - 30 * DAY_MS);
  heading(`4. Delivery funnel since ${formatDate(since.getTime() / 1000)}`);

  // The iterator fetches the next page only when the loop needs it. It does not say where
  // pages end, so we watch the fetch counter: a new answer means a new page.
  const messages = [];
  const progress = progressLine();
  const answeredBefore = http.answered;
  let pagesShown = 0;
  for await (const message of cio.messages({ start_ts: since, limit: 100 })) {
    const pages = http.answered - answeredBefore;
    if (pages > pagesShown + 1) {
      pagesShown = pages - 1;
      progress.update(`Paging messages: ${plural(pagesShown, "page")}, ${plural(messages.length, "message")}`);
    }
    messages.push(message);
  }
  const pages = http.answered - answeredBefore;
  progress.done(`Paging messages: ${plural(pages, "page")}, ${plural(messages.length, "message")}, done.`);

  console.log();
  console.log(indent(renderFunnel(funnel(messages)), 2));
}

/** One line that updates in place on a terminal, and one line per update otherwise. */
function progressLine() {
  const inPlace = process.stdout.isTTY;
  const update = (text) => (inPlace ? process.stdout.write(`\r${text}\x1b[K`) : console.log(text));
  const done = (text) => {
    update(text);
    if (inPlace) process.stdout.write("\n");
  };
  return { update, done };
}

// ---------------------------------------------------------------------------------------------
// 5. Newsletters

async function showNewsletters(cio, http) {
  heading("5. Newsletters");
  const answeredBefore = http.answered;
  const newsletters = [];
  for await (const newsletter of cio.newsletters({ limit: 10 })) newsletters.push(newsletter);
  const pages = http.answered - answeredBefore;
  console.log(`${plural(newsletters.length, "newsletter")} in ${plural(pages, "page")} of at most 10:\n`);
  printTable(newsletters, [
    ["id", (n) => n.id],
    ["name", (n) => n.name ?? "(untitled)"],
    ["sent", (n) => (n.sent_at == null ? "not sent" : formatDate(n.sent_at))],
    ["tags", (n) => n.tags?.join(", ")],
  ]);
}

// ---------------------------------------------------------------------------------------------
// 6. Transactional templates

async function showTransactional(cio) {
  heading("6. Transactional message templates");
  const { messages } = await cio.listTransactionalMessages();
  printTable(messages ?? [], [
    ["id", (t) => t.id],
    ["name", (t) => t.name],
    ["description", (t) => t.description],
  ]);
}

// ---------------------------------------------------------------------------------------------
// 7. Pitfalls, refused before anything is sent

const PITFALLS = [
  {
    title: "Two audiences at once (ids and emails)",
    call: (cio, broadcastId) =>
      cio.triggerBroadcast({ broadcast_id: broadcastId, ids: ["cust_0001"], emails: ["person0002@example.com"] }),
  },
  {
    title: "An ISO string as start_ts",
    call: (cio) => cio.getMessages({ start_ts: "2025-01-01T00:00:00Z" }),
  },
  {
    title: "limit: 5000",
    call: (cio) => cio.getMessages({ limit: 5000 }),
  },
];

async function showPitfalls({ cio, broadcastId, sandbox }, http) {
  heading("7. Pitfalls, refused before anything is sent");
  const requestsBefore = http.requests;
  const recordedBefore = sandbox?.requests.length;
  http.blocked = true; // a safety net: even a client bug could not send these
  try {
    for (const { title, call } of PITFALLS) {
      console.log(`${title}:`);
      await showRefusal(() => call(cio, broadcastId ?? 1));
    }
  } finally {
    http.blocked = false;
  }
  console.log(`Requests passed to fetch for these: ${http.requests - requestsBefore}`);
  if (sandbox) console.log(`Requests the sandbox recorded:     ${sandbox.requests.length - recordedBefore}`);
}

async function showRefusal(call) {
  try {
    await call();
    console.log("  !! accepted; it should have been refused\n");
  } catch (error) {
    if (!(error instanceof CustomerIoError)) throw error;
    printFields([
      ["code", error.code],
      ["field", error.field],
      ["message", error.message],
    ]);
    console.log();
  }
}

// ---------------------------------------------------------------------------------------------
// Output helpers

function heading(title) {
  console.log(`\n${title}\n${"─".repeat(title.length)}`);
}

function skip(reason) {
  console.log(`Skipped: ${reason}`);
  return null;
}

/** Rows as an aligned table; a column of numbers is right-aligned. */
function printTable(rows, columns) {
  if (rows.length === 0) return console.log("  (none)");
  const values = rows.map((row) => columns.map(([, value]) => value(row)));
  const cells = values.map((row) => row.map((value) => (value == null || value === "" ? "—" : String(value))));
  const numeric = columns.map((_, i) => values.every((row) => typeof row[i] === "number"));
  const widths = columns.map(([header], i) => Math.max(header.length, ...cells.map((row) => row[i].length)));
  const line = (row) =>
    "  " + row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
  console.log(line(columns.map(([header]) => header)));
  console.log(line(widths.map((width) => "─".repeat(width))));
  for (const row of cells) console.log(line(row));
}

/** `label: value` lines with the values aligned. */
function printFields(fields) {
  const width = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields) console.log(`  ${`${label}:`.padEnd(width + 1)} ${value ?? "—"}`);
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function indent(text, spaces) {
  return text.replace(/^/gm, " ".repeat(spaces));
}

function formatDate(unixSeconds) {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

function formatTime(unixSeconds) {
  if (unixSeconds == null) return null;
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// ---------------------------------------------------------------------------------------------

main().catch((error) => {
  if (error instanceof CustomerIoError) {
    console.error(`\nCustomer.io error: ${error.code}: ${error.message}`);
  } else {
    console.error("\nUnexpected error:", error);
  }
  process.exitCode = 1;
});
