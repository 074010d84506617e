// customerio-wasm sandbox: an offline Customer.io App API.
//
// Written from the API reference, independently of the Rust client it checks. Web-standard
// APIs only (Request, Response, Headers, URL, TextEncoder, btoa/atob, setTimeout), so the
// same file runs in Node 20, Cloudflare workerd, Deno and a browser page.
//
// Choices where the reference is silent (each one is tested):
// - messages and newsletters `next` is an opaque cursor: base64url of JSON
//   {"o": offset, "k": filter hash, "w": [from, to] window for messages}. The last page answers
//   `"next": null`. A malformed cursor, or one made for other filters, is a 400.
// - trigger errors `next` is the integer offset of the next page and 0 on the last page (the
//   reference types it as an integer and its one-error example answers `"next": 0`).
// - "6 months" of the messages time window is 183 days.
// - trigger lists are in creation order (oldest first).
// - every error detail except the 401 ends with "(reference <26-char ULID>)".
// - the 401 keeps the reference's envelope and status, but its detail goes on after
//   "unauthorized" to say that this is the sandbox and which key it accepts (the default
//   "sandbox-key" by name; a key chosen with `apiKey`/`--api-key` is not echoed): a newcomer who
//   points a client at it with their Customer.io key learns why at the first try.
// - a trigger body key that is not one of the documented ones is a 422 (it would be a client
//   bug, e.g. sending our `default_audience` or `broadcast_id` on the wire).
// - trigger POSTs must declare `content-type: application/json` (400 otherwise).
// - `/v1/api/campaigns/{id}/triggers` (the legacy path) answers 405, as the reference's
//   "Method Not Allowed" section describes.
// - an empty `start` (the reference's curl examples send `start=`) is the first page, like none.
// - trigger errors' `start` is a string, as the reference types it; the sandbox accepts only ""
//   or the digits of a `next` it gave (stricter on purpose: anything else is a 400).
// - `get_tracked_responses=true` adds `tracked_responses` to every message: `{}`, since the
//   seeded workspace has no in-app surveys (the reference only says it is an object).
// - a message's `metrics` holds the keys the reference lists: `created` always, the funnel's
//   timestamps, and the counts `human_opened`, `human_clicked`, `prefetch_opened`.
// - newsletters' `type` is one of the reference's (email, webhook, twilio, push, in_app, inbox);
//   `name`, `tags`, `recipient_segment_ids` and `subscription_topic_id` are never null (the
//   reference types them as a string, lists and an integer); `sent_at` is null until sent.
// - broadcast metrics (reference §2.7) are counted from the broadcast's messages: step i of
//   `series[metric]` counts the messages whose `metrics[metric]` time falls in that period. The
//   last step is the current period; periods start at 00:00 EST taken as a fixed UTC-5 (weeks on
//   Sunday, months on the 1st). `steps` above the period's maximum, or an unknown `period` or
//   `type`, is a 400.

import { createWorkspace, MESSAGE_METRICS, MESSAGE_TYPES, mulberry32, newestFirst } from "./workspace.js";
import { METRICS_MAX_STEPS, METRICS_TYPES, metricSeries, stepCount } from "./metrics.js";
import { buildTransactionalDeliveries, readRoutes } from "./reads.js";
import { send, SendError } from "./sends.js";

const SIX_MONTHS_SECONDS = 183 * 86_400;
const MAX_AUDIENCE_ENTRIES = 10_000;
const MAX_DATA_BYTES = 50_000;
const PROCESSING_SECONDS = 2;
const JSON_TYPE = "application/json";
const AUDIENCE_KEYS = ["recipients", "emails", "ids", "per_user_data", "data_file_url"];
const FLAG_KEYS = ["email_add_duplicates", "email_ignore_missing", "id_ignore_missing"];
const TRIGGER_BODY_KEYS = new Set([...AUDIENCE_KEYS, ...FLAG_KEYS, "data"]);
const FAULT_KINDS = new Set(["status", "hang", "truncated", "non_json", "wrong_shape", "drop"]);
const ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** The request log keeps at most this many records, and this many bytes of bodies (oldest go first). */
const DEFAULT_MAX_LOGGED_REQUESTS = 1000;
const MAX_LOGGED_BODY_BYTES = 32 * 1024 * 1024;
/** Deepest JSON body the sandbox reads; a deeper one is a 400 (it would exhaust the stack). */
export const MAX_BODY_DEPTH = 64;

/** An error answer, thrown by handlers and turned into a JSON:API envelope. */
class ApiError extends Error {
  constructor(status, detail, { pointer, headers } = {}) {
    super(detail);
    this.status = status;
    this.pointer = pointer;
    this.headers = headers;
  }
}

/**
 * Creates an in-memory Customer.io App API with a seeded workspace.
 * @param {import("./index.d.ts").SandboxOptions} [options]
 * @returns {import("./index.d.ts").Sandbox}
 */
export function createSandbox(options = {}) {
  const {
    apiKey = DEFAULT_API_KEY, now = () => Date.now(), seed = 42, triggerSpacingMs = 10_000,
    maxLoggedRequests = DEFAULT_MAX_LOGGED_REQUESTS, missingPeople = [],
  } = options;
  const anchorSeconds = Math.floor(now() / 1000);
  const workspace = {};
  const requests = [];
  const faults = [];
  const lastAcceptedAt = new Map();
  let referenceRandom;

  function restore() {
    Object.assign(workspace, createWorkspace({ seed, nowSeconds: anchorSeconds }), { sends: [] });
    workspace.transactionalDeliveries = buildTransactionalDeliveries({ seed, nowSeconds: anchorSeconds, ...workspace });
    requests.length = 0;
    faults.length = 0;
    lastAcceptedAt.clear();
    referenceRandom = mulberry32(seed ^ 0x5eed);
  }
  restore();

  const context = {
    workspace, now, triggerSpacingMs, lastAcceptedAt,
    missingPeople: new Set(missingPeople.map((person) => String(person).toLowerCase())),
    unauthorizedDetail: unauthorizedDetail(apiKey),
    reference: () => ulid(now(), referenceRandom),
  };

  async function sandboxFetch(input, init) {
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) throw signal.reason;
    const request = new Request(input, init);
    const url = new URL(request.url);
    const bodyText = request.body === null ? null : await request.text();
    const authorized = isAuthorized(request.headers, apiKey);
    const fault = takeFault(faults, request.method, url.pathname);
    const record = recordRequest(request, url, bodyText, authorized, fault);
    logRequest(requests, record, maxLoggedRequests);
    const exchange = { method: request.method, url, headers: request.headers, bodyText, authorized };
    const response = await answerWithFault(fault, () => answer(exchange, context), signal, context);
    record.status = response.status;
    return response;
  }

  return {
    fetch: sandboxFetch,
    requests,
    workspace,
    apiKey,
    reset: restore,
    inject: (fault) => {
      faults.push(normalizeFault(fault));
    },
    clearFaults: () => { faults.length = 0; },
  };
}

// ---------------------------------------------------------------------------------------------
// Request records, auth, faults

const DEFAULT_API_KEY = "sandbox-key";

function unauthorizedDetail(apiKey) {
  const which = apiKey === DEFAULT_API_KEY
    ? `its own key, "${DEFAULT_API_KEY}" (Authorization: Bearer ${DEFAULT_API_KEY})`
    : "the key it was started with (createSandbox({ apiKey }) or --api-key)";
  return `unauthorized: this is the customerio-wasm sandbox, which accepts only ${which}, not a Customer.io App API key`;
}

function isAuthorized(headers, apiKey) {
  const match = /^Bearer (.+)$/i.exec(headers.get("authorization") ?? "");
  return match !== null && match[1] === apiKey;
}

// The log is bounded: at most `max` records and MAX_LOGGED_BODY_BYTES of bodies, the oldest
// dropped first, so a long-running sandbox (or a stream of large bodies) cannot grow without end.
function logRequest(requests, record, max) {
  requests.push(record);
  let bytes = requests.reduce((sum, entry) => sum + (entry.bodyText?.length ?? 0), 0);
  while (requests.length > max || (bytes > MAX_LOGGED_BODY_BYTES && requests.length > 1)) {
    bytes -= requests.shift().bodyText?.length ?? 0;
  }
}

function recordRequest(request, url, rawBodyText, authorized, fault) {
  const headers = Object.fromEntries(request.headers);
  if ("authorization" in headers) headers.authorization = redact(headers.authorization);
  // An unauthenticated request's body is not kept: anyone can send one.
  const bodyText = authorized ? rawBodyText : null;
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    authorized,
    body: parseJsonOrNull(bodyText),
    bodyText,
    status: null,
    fault: fault?.kind ?? null,
  };
}

function redact(authorization) {
  const space = authorization.indexOf(" ");
  return space === -1 ? "***" : `${authorization.slice(0, space)} ***`;
}

function parseJsonOrNull(text) {
  if (text === null || jsonDepth(text) > MAX_BODY_DEPTH) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function normalizeFault(fault) {
  if (!FAULT_KINDS.has(fault?.kind)) {
    throw new TypeError(`fault.kind must be one of ${[...FAULT_KINDS].join(", ")}`);
  }
  if (typeof fault.path !== "string" && !(fault.path instanceof RegExp)) {
    throw new TypeError("fault.path must be a string or a RegExp matched against the URL pathname");
  }
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 200 && fault.status <= 599)) {
    throw new TypeError("fault.status must be an HTTP status from 200 to 599");
  }
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1) throw new TypeError("fault.times must be a positive integer");
  return { ...fault, times };
}

function takeFault(faults, method, pathname) {
  const index = faults.findIndex((fault) =>
    (fault.method === undefined || fault.method === method) &&
    (typeof fault.path === "string" ? fault.path === pathname : fault.path.test(pathname)));
  if (index === -1) return undefined;
  const fault = faults[index];
  fault.times -= 1;
  if (fault.times === 0) faults.splice(index, 1);
  return fault;
}

// "hang" and "truncated" always process the request; "status", "non_json", "wrong_shape" and
// "drop" process it only with `applied: true` (the server acted, the answer got lost).
async function answerWithFault(fault, answerNormally, signal, context) {
  switch (fault?.kind) {
    case undefined:
      return answerNormally();
    case "hang":
      await delay(fault.hangMs ?? 60_000, signal);
      return answerNormally();
    case "truncated":
      return truncate(answerNormally());
    default:
      if (fault.applied) answerNormally();
      return faultyAnswer(fault, context);
  }
}

function delay(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

async function truncate(response) {
  const text = await response.text();
  return new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: response.status,
    headers: response.headers,
  });
}

function faultyAnswer(fault, context) {
  switch (fault.kind) {
    case "drop":
      throw new TypeError("fetch failed", { cause: new Error("connection dropped by a sandbox fault") });
    case "non_json":
      return new Response(fault.body ?? "<html>oops</html>", { status: 200, headers: { "content-type": "text/html" } });
    case "wrong_shape":
      return json(200, fault.body ?? { unexpected: true });
    default:
      return statusFaultAnswer(fault, context);
  }
}

const STATUS_FAULT_DETAILS = {
  429: "rate limited to 10 requests per 1s",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
  504: "gateway timeout",
};

function statusFaultAnswer(fault, context) {
  const status = fault.status ?? 503;
  const headers = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
  if (fault.body !== undefined) {
    const text = typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body);
    return new Response(text, { status, headers: { "content-type": JSON_TYPE, ...headers } });
  }
  const detail = STATUS_FAULT_DETAILS[status] ?? "error";
  return errorResponse(new ApiError(status, detail, { headers }), context);
}

// ---------------------------------------------------------------------------------------------
// Routing

const ROUTES = [
  { pattern: "/v1/campaigns/:broadcast_id/triggers", methods: { POST: triggerBroadcast } },
  { pattern: "/v1/api/campaigns/:broadcast_id/triggers", methods: {} },
  { pattern: "/v1/broadcasts/:broadcast_id/triggers", methods: { GET: listTriggers } },
  { pattern: "/v1/campaigns/:broadcast_id/triggers/:trigger_id", methods: { GET: getTrigger } },
  { pattern: "/v1/campaigns/:broadcast_id/triggers/:trigger_id/errors", methods: { GET: listTriggerErrors } },
  { pattern: "/v1/messages", methods: { GET: listMessages } },
  { pattern: "/v1/segments", methods: { GET: listSegments } },
  { pattern: "/v1/segments/:segment_id", methods: { GET: getSegment } },
  { pattern: "/v1/newsletters", methods: { GET: listNewsletters } },
  { pattern: "/v1/transactional", methods: { GET: listTransactional } },
  { pattern: "/v1/broadcasts", methods: { GET: listBroadcasts } },
  { pattern: "/v1/broadcasts/:broadcast_id", methods: { GET: getBroadcast } },
  { pattern: "/v1/broadcasts/:broadcast_id/metrics", methods: { GET: broadcastMetrics } },
  // The reads around a broadcast (reads.js): segment sizes and members, actions, link clicks, ...
  ...readRoutes({
    ApiError, json, readInteger, readEnum, readStart, readBoolean, hashText, decodeCursor, pageOf, findBroadcast,
  }),
  { pattern: "/v1/send/email", methods: { POST: (exchange, context) => transactionalSend("email", exchange, context) } },
  { pattern: "/v1/send/push", methods: { POST: (exchange, context) => transactionalSend("push", exchange, context) } },
  { pattern: "/v1/send/sms", methods: { POST: (exchange, context) => transactionalSend("sms", exchange, context) } },
  { pattern: "/v1/send/in_app", methods: { POST: (exchange, context) => transactionalSend("in_app", exchange, context) } },
  { pattern: "/v1/send/inbox_message", methods: { POST: (exchange, context) => transactionalSend("inbox_message", exchange, context) } },
].map((route) => ({ ...route, parts: route.pattern.split("/") }));

function answer(exchange, context) {
  try {
    return route(exchange, context);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error, context);
    return errorResponse(new ApiError(500, `sandbox bug: ${error?.message ?? error}`), context);
  }
}

function route(exchange, context) {
  const { pathname } = exchange.url;
  if (pathname === "/v1" || pathname.startsWith("/v1/")) {
    if (!exchange.authorized) return json(401, { errors: [{ detail: context.unauthorizedDetail, status: "401" }] });
  }
  const matched = matchRoute(pathname);
  if (matched === null) throw new ApiError(404, "not found");
  const handler = matched.route.methods[exchange.method];
  if (handler === undefined) {
    const allow = Object.keys(matched.route.methods).join(", ");
    throw new ApiError(405, "method not allowed", { headers: allow ? { allow } : {} });
  }
  const params = integerParams(matched.params, matched.route.strings);
  return handler({ ...exchange, params, query: exchange.url.searchParams }, context);
}

function matchRoute(pathname) {
  const parts = pathname.split("/");
  for (const route of ROUTES) {
    if (route.parts.length !== parts.length) continue;
    const params = {};
    const matches = route.parts.every((part, index) => {
      if (part.startsWith(":")) {
        params[part.slice(1)] = parts[index];
        return parts[index] !== "";
      }
      return part === parts[index];
    });
    if (matches) return { route, params };
  }
  return null;
}

// Path ids are integers, except those a route names in `strings` (a message id), kept decoded.
function integerParams(rawParams, strings = []) {
  const params = {};
  for (const [name, raw] of Object.entries(rawParams)) {
    if (strings.includes(name)) {
      params[name] = safeDecode(raw);
      continue;
    }
    if (!/^[0-9]+$/.test(raw)) throw new ApiError(400, `${name} must be an integer, got "${safeDecode(raw)}"`);
    params[name] = Number(raw);
  }
  return params;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

function errorResponse(error, context) {
  const entry = { detail: `${error.message} (reference ${context.reference()})`, status: String(error.status) };
  if (error.pointer !== undefined) entry.source = { pointer: error.pointer };
  return json(error.status, { errors: [entry] }, error.headers);
}

/** A ULID-like support reference: 10 chars of time, 16 seeded random chars. */
function ulid(timeMs, random) {
  let time = Math.max(0, Math.floor(timeMs));
  let text = "";
  for (let i = 0; i < 10; i += 1) {
    text = ULID_ALPHABET[time % 32] + text;
    time = Math.floor(time / 32);
  }
  for (let i = 0; i < 16; i += 1) text += ULID_ALPHABET[Math.floor(random() * 32)];
  return text;
}

// ---------------------------------------------------------------------------------------------
// Query parameters and cursors

function readInteger(query, name, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  if (!query.has(name)) return undefined;
  const raw = query.get(name);
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new ApiError(400, `${name} must be ${range}, got "${raw}"`);
  }
  return value;
}

function readEnum(query, name, allowed) {
  if (!query.has(name)) return undefined;
  const raw = query.get(name);
  if (!allowed.includes(raw)) throw new ApiError(400, `${name} must be one of ${allowed.join(", ")}, got "${raw}"`);
  return raw;
}

/** The `start` cursor read with `decode`, or undefined when missing or "" (the first page). */
function readStart(query, decode) {
  const raw = query.get("start");
  return raw === null || raw === "" ? undefined : decode(raw);
}

function readBoolean(query, name) {
  const raw = readEnum(query, name, ["true", "false"]);
  return raw === undefined ? undefined : raw === "true";
}

/** FNV-1a, 32 bits, hex: ties a cursor to the filters it was made for. */
function hashText(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

function encodeCursor(payload) {
  return btoa(JSON.stringify(payload)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

// Returns the cursor's payload; `isValid(payload)` checks the fields the list put there.
function decodeCursor(text, filterHash, isValid) {
  let payload;
  try {
    payload = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    payload = null;
  }
  if (!isPlainObject(payload) || !Number.isInteger(payload.o) || payload.o < 0 || !isValid(payload)) {
    throw new ApiError(400, `start is not a valid cursor: "${text}"`);
  }
  if (payload.k !== filterHash) throw new ApiError(400, "start cursor was made for other filters; start over without start");
  return payload;
}

function pageOf(items, offset, limit, nextPayload) {
  const end = offset + limit;
  return { page: items.slice(offset, end), next: end < items.length ? encodeCursor(nextPayload(end)) : null };
}

// ---------------------------------------------------------------------------------------------
// Triggers

function findBroadcast(workspace, broadcastId) {
  const broadcast = workspace.broadcasts.find((candidate) => candidate.id === broadcastId);
  if (broadcast === undefined) throw new ApiError(404, `broadcast with id ${broadcastId} does not exist`);
  return broadcast;
}

function publicTrigger({ id, broadcast_id, created_at, processed_at }) {
  return { id, broadcast_id, created_at, processed_at };
}

function findTrigger(workspace, broadcastId, triggerId) {
  findBroadcast(workspace, broadcastId);
  const trigger = workspace.triggers.find((candidate) => candidate.id === triggerId && candidate.broadcast_id === broadcastId);
  if (trigger === undefined) throw new ApiError(404, `trigger with id ${triggerId} does not exist for broadcast ${broadcastId}`);
  return trigger;
}

function triggerBroadcast({ params, headers, bodyText }, context) {
  const { workspace } = context;
  const broadcast = findBroadcast(workspace, params.broadcast_id);
  const body = readJsonObjectBody(headers, bodyText);
  const invalid = triggerBodyError(body, workspace);
  if (invalid !== null) throw new ApiError(422, invalid.detail, { pointer: invalid.pointer });
  enforceSpacing(broadcast.id, context);
  const createdAt = Math.floor(context.now() / 1000);
  const missing = missingLines(body, context.missingPeople);
  const trigger = {
    id: nextTriggerId(workspace),
    broadcast_id: broadcast.id,
    created_at: createdAt,
    processed_at: createdAt + PROCESSING_SECONDS,
    request: body,
    errors: missing.map(({ line }) => line),
  };
  workspace.triggers.push(trigger);
  context.lastAcceptedAt.set(broadcast.id, context.now());
  // A person missing from the workspace fails the broadcast unless its ignore flag is set, then
  // it is skipped; either way the trigger's errors name them (the triggerBroadcast reference).
  if (missing.some(({ ignored }) => !ignored)) {
    throw new ApiError(422, `Errors were found while processing per user data (ids, emails or json data). More detail available from the errors endpoint for trigger ${trigger.id}`, { pointer: pointerTo(AUDIENCE_KEYS.find((key) => key in body)) });
  }
  return json(200, { id: trigger.id });
}

/**
 * The people of a trigger that the sandbox treats as absent (createSandbox({ missingPeople })),
 * as error lines `line N: …` (N counts the audience's entries from 1) and whether the matching
 * `*_ignore_missing` flag skips them.
 */
function missingLines(body, missingPeople) {
  if (missingPeople.size === 0) return [];
  const entries = body.per_user_data ?? (body.ids ?? []).map((id) => ({ id })).concat((body.emails ?? []).map((email) => ({ email })));
  const lines = [];
  entries.forEach((entry, index) => {
    const byId = "id" in entry;
    const who = String(byId ? entry.id : entry.email);
    if (!missingPeople.has(who.toLowerCase())) return;
    const line = byId ? `line ${index + 1}: customer with id "${who}" does not exist` : `line ${index + 1}: customer with email "${who}" does not exist`;
    lines.push({ line, ignored: body[byId ? "id_ignore_missing" : "email_ignore_missing"] === true });
  });
  return lines;
}

function nextTriggerId(workspace) {
  return workspace.triggers.reduce((max, trigger) => Math.max(max, trigger.id), 0) + 1;
}

/** The deepest nesting of arrays and objects in a JSON text, counted without recursion. */
function jsonDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (char === "]" || char === "}") {
      depth -= 1;
    }
  }
  return deepest;
}

function readJsonObjectBody(headers, bodyText) {
  const contentType = headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith(JSON_TYPE)) {
    throw new ApiError(400, `content-type must be ${JSON_TYPE}, got "${contentType}"`);
  }
  if (bodyText !== null && jsonDepth(bodyText) > MAX_BODY_DEPTH) {
    throw new ApiError(400, `request body is nested deeper than ${MAX_BODY_DEPTH} levels`);
  }
  const body = parseJsonOrNull(bodyText);
  if (!isPlainObject(body)) throw new ApiError(400, "request body must be a JSON object");
  return body;
}

function enforceSpacing(broadcastId, { lastAcceptedAt, now, triggerSpacingMs }) {
  const last = lastAcceptedAt.get(broadcastId);
  if (last === undefined) return;
  const remainingMs = last + triggerSpacingMs - now();
  if (remainingMs <= 0) return;
  const retryAfter = Math.max(1, Math.ceil(remainingMs / 1000));
  throw new ApiError(429, `rate limited to 1 requests per ${triggerSpacingMs / 1000}s`, {
    headers: { "retry-after": String(retryAfter) },
  });
}

function listTriggers({ params }, { workspace }) {
  findBroadcast(workspace, params.broadcast_id);
  const triggers = workspace.triggers
    .filter((trigger) => trigger.broadcast_id === params.broadcast_id)
    .sort((a, b) => a.id - b.id)
    .map(publicTrigger);
  return json(200, { triggers });
}

function getTrigger({ params }, { workspace }) {
  return json(200, publicTrigger(findTrigger(workspace, params.broadcast_id, params.trigger_id)));
}

function listTriggerErrors({ params, query }, { workspace }) {
  const { errors } = findTrigger(workspace, params.broadcast_id, params.trigger_id);
  const start = readStart(query, (raw) => {
    if (!/^[0-9]+$/.test(raw)) throw new ApiError(400, `start must be the offset \`next\` of the previous page (a string of digits), got "${raw}"`);
    return Number(raw);
  }) ?? 0;
  const limit = readInteger(query, "limit", { min: 1, max: 1000 }) ?? 10;
  const end = start + limit;
  return json(200, { errors: errors.slice(start, end), next: end < errors.length ? end : 0 });
}

// ---------------------------------------------------------------------------------------------
// Trigger body validation: returns null, or the first problem as { detail, pointer }.

function pointerTo(...path) {
  return ["/data/attributes", ...path.map((part) => String(part).replaceAll("~", "~0").replaceAll("/", "~1"))].join("/");
}

function problem(detail, ...path) {
  return { detail, pointer: pointerTo(...path) };
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function triggerBodyError(body, workspace) {
  const unknown = Object.keys(body).find((key) => !TRIGGER_BODY_KEYS.has(key));
  if (unknown !== undefined) {
    return problem(`unknown field "${unknown}"; allowed: ${[...TRIGGER_BODY_KEYS].join(", ")}`, unknown);
  }
  const audiences = AUDIENCE_KEYS.filter((key) => key in body);
  if (audiences.length > 1) {
    return {
      detail: `only one of ${AUDIENCE_KEYS.join(", ")} can be present; got ${audiences.join(" and ")}`,
      pointer: pointerTo(audiences[1]),
    };
  }
  return flagsError(body) ?? dataError(body) ?? (audiences.length === 1 ? audienceError(audiences[0], body[audiences[0]], workspace) : null);
}

function flagsError(body) {
  const flag = FLAG_KEYS.find((key) => key in body && typeof body[key] !== "boolean");
  return flag === undefined ? null : problem(`${flag} must be a boolean`, flag);
}

function dataError(body) {
  if (!("data" in body)) return null;
  if (!isPlainObject(body.data)) return problem("data must be an object", "data");
  const bytes = new TextEncoder().encode(JSON.stringify(body.data)).length;
  if (bytes > MAX_DATA_BYTES) return problem(`data is ${bytes} bytes; the limit is ${MAX_DATA_BYTES} bytes`, "data");
  return null;
}

function audienceError(key, value, workspace) {
  switch (key) {
    case "recipients":
      return recipientsError(value, workspace);
    case "ids":
      return listError(key, value, (item) => typeof item === "string" && item !== "" ? null : "must be a non-empty string");
    case "emails":
      return listError(key, value, (item) => isEmail(item) ? null : "must be an email address");
    case "per_user_data":
      return listError(key, value, userMapError);
    default:
      return dataFileUrlError(value);
  }
}

function listError(key, value, itemError) {
  if (!Array.isArray(value) || value.length === 0) return problem(`${key} must be a non-empty array`, key);
  if (value.length > MAX_AUDIENCE_ENTRIES) {
    return problem(`${key} has ${value.length} entries; the limit is ${MAX_AUDIENCE_ENTRIES}`, key);
  }
  for (const [index, item] of value.entries()) {
    const detail = itemError(item);
    if (detail !== null) return problem(`${key}[${index}] ${detail}`, key, index);
  }
  return null;
}

function isEmail(value) {
  return typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value);
}

function userMapError(item) {
  if (!isPlainObject(item)) return "must be an object with id or email";
  const extra = Object.keys(item).find((key) => !["id", "email", "data"].includes(key));
  if (extra !== undefined) return `has an unknown field "${extra}"`;
  if (("id" in item) === ("email" in item)) return "must have exactly one of id and email";
  if ("id" in item && (typeof item.id !== "string" || item.id === "")) return "id must be a non-empty string";
  if ("email" in item && !isEmail(item.email)) return "email must be an email address";
  if ("data" in item && !isPlainObject(item.data)) return "data must be an object";
  return null;
}

function dataFileUrlError(value) {
  let protocol = null;
  try {
    protocol = typeof value === "string" ? new URL(value).protocol : null;
  } catch {
    protocol = null;
  }
  return protocol === "http:" || protocol === "https:" ? null : problem("data_file_url must be an http(s) URL", "data_file_url");
}

function recipientsError(filter, workspace) {
  if (isPlainObject(filter) && Object.keys(filter).length === 0) {
    return problem("empty recipients filter is not valid", "recipients");
  }
  return filterError(filter, ["recipients"], workspace);
}

const FILTER_KEYS = ["and", "or", "not", "segment", "attribute"];

function filterError(node, path, workspace) {
  if (!isPlainObject(node)) return problem("a filter must be an object", ...path);
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    return problem(`a filter takes exactly one of ${FILTER_KEYS.join(", ")}; got ${keys.length ? keys.join(", ") : "none"}`, ...path);
  }
  const [key] = keys;
  const value = node[key];
  const at = [...path, key];
  switch (key) {
    case "and":
    case "or":
      return groupError(key, value, at, workspace);
    case "not":
      return isPlainObject(value) ? filterError(value, at, workspace) : problem("not takes one filter object, not an array", ...at);
    case "segment":
      return segmentFilterError(value, at, workspace);
    case "attribute":
      return attributeFilterError(value, at);
    default:
      return problem(`unknown filter "${key}"; use one of ${FILTER_KEYS.join(", ")}`, ...at);
  }
}

function groupError(key, value, at, workspace) {
  if (!Array.isArray(value) || value.length === 0) return problem(`${key} takes a non-empty array of filters`, ...at);
  for (const [index, child] of value.entries()) {
    const error = filterError(child, [...at, index], workspace);
    if (error !== null) return error;
  }
  return null;
}

function segmentFilterError(value, at, workspace) {
  if (!isPlainObject(value) || Object.keys(value).some((key) => key !== "id")) {
    return problem("segment takes { id: integer }", ...at);
  }
  if (!Number.isInteger(value.id)) return problem("segment id must be an integer", ...at, "id");
  if (!workspace.segments.some((segment) => segment.id === value.id)) {
    return problem(`segment with id ${value.id} does not exist`, ...at, "id");
  }
  return null;
}

function attributeFilterError(value, at) {
  if (!isPlainObject(value)) return problem("attribute takes { field, operator, value? }", ...at);
  const extra = Object.keys(value).find((key) => !["field", "operator", "value"].includes(key));
  if (extra !== undefined) return problem(`attribute has an unknown field "${extra}"`, ...at, extra);
  if (typeof value.field !== "string" || value.field === "") return problem("attribute field must be a non-empty string", ...at, "field");
  if (value.operator !== "eq" && value.operator !== "exists") return problem('attribute operator must be "eq" or "exists"', ...at, "operator");
  if (value.operator === "eq" && !["string", "number", "boolean"].includes(typeof value.value)) {
    return problem('attribute value is required (a string) when operator is "eq"', ...at, "value");
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Messages

function listMessages({ query }, { workspace, now }) {
  const limit = readInteger(query, "limit", { min: 1, max: 1000 }) ?? 50;
  const filters = {
    type: readEnum(query, "type", MESSAGE_TYPES),
    metric: readEnum(query, "metric", MESSAGE_METRICS),
    campaign_id: readInteger(query, "campaign_id"),
    newsletter_id: readInteger(query, "newsletter_id"),
    action_id: readInteger(query, "action_id"),
    drafts: readBoolean(query, "drafts") ?? false,
    start_ts: readInteger(query, "start_ts"),
    end_ts: readInteger(query, "end_ts"),
  };
  if (filters.start_ts !== undefined && filters.end_ts !== undefined && filters.start_ts > filters.end_ts) {
    throw new ApiError(400, "start_ts must not be after end_ts");
  }
  const filterHash = hashText(JSON.stringify(filters));
  const cursor = readStart(query, (raw) => decodeCursor(raw, filterHash, isMessageCursor)) ?? null;
  const tracked = readBoolean(query, "get_tracked_responses") ?? false;
  const [from, to] = cursor?.w ?? messageWindow(filters, Math.floor(now() / 1000));
  const matching = workspace.messages.filter((message) => messageMatches(message, filters, from, to)).sort(newestFirst);
  if (cursor !== null && cursor.o > matching.length) throw new ApiError(400, "start cursor points past the end of the list");
  const { page, next } = pageOf(matching, cursor?.o ?? 0, limit, (offset) => ({ o: offset, k: filterHash, w: [from, to] }));
  const messages = tracked ? page.map((message) => ({ ...message, tracked_responses: {} })) : page;
  return json(200, { messages, next });
}

function isMessageCursor({ w }) {
  return Array.isArray(w) && w.length === 2 && w.every(Number.isInteger);
}

// With neither bound: the 6 months up to now. With only end_ts: the 6 months before it. A
// longer range is truncated to the 6 months ending at its end.
function messageWindow({ start_ts, end_ts }, nowSeconds) {
  const to = end_ts ?? nowSeconds;
  const earliest = to - SIX_MONTHS_SECONDS;
  return [start_ts === undefined ? earliest : Math.max(start_ts, earliest), to];
}

function messageMatches(message, filters, from, to) {
  const isDraft = "drafted" in message.metrics;
  return isDraft === filters.drafts &&
    message.created >= from && message.created <= to &&
    (filters.type === undefined || message.type === filters.type) &&
    (filters.metric === undefined || filters.metric in message.metrics) &&
    (filters.campaign_id === undefined || message.campaign_id === filters.campaign_id) &&
    (filters.newsletter_id === undefined || message.newsletter_id === filters.newsletter_id) &&
    (filters.action_id === undefined || message.action_id === filters.action_id);
}

// ---------------------------------------------------------------------------------------------
// Segments, newsletters, transactional

function listSegments(_exchange, { workspace }) {
  return json(200, { segments: workspace.segments });
}

function getSegment({ params }, { workspace }) {
  const segment = workspace.segments.find((candidate) => candidate.id === params.segment_id);
  if (segment === undefined) throw new ApiError(404, `segment with id ${params.segment_id} does not exist`);
  return json(200, { segment });
}

function listNewsletters({ query }, { workspace }) {
  const limit = readInteger(query, "limit", { min: 1, max: 100 }) ?? 10;
  const sort = readEnum(query, "sort", ["asc", "desc"]) ?? "desc";
  const sorted = [...workspace.newsletters].sort((a, b) => a.created - b.created || a.id - b.id);
  if (sort === "desc") sorted.reverse();
  const filterHash = hashText(sort);
  const offset = readStart(query, (raw) => decodeCursor(raw, filterHash, ({ o }) => o <= sorted.length).o) ?? 0;
  const { page, next } = pageOf(sorted, offset, limit, (end) => ({ o: end, k: filterHash }));
  return json(200, { newsletters: page, next });
}

// Transactional sends (reference §2.6; the rules are in sends.js). Errors use the transactional
// envelope {"meta":{"error":…}}, not the JSON:API list.
function transactionalSend(channel, { headers, bodyText }, context) {
  try {
    let body;
    try {
      body = readJsonObjectBody(headers, bodyText);
    } catch (error) {
      if (error instanceof ApiError) throw new SendError(400, error.message);
      throw error;
    }
    const nowSeconds = Math.floor(context.now() / 1000);
    return json(200, send(channel, body, { workspace: context.workspace, nowSeconds, deliveryId: deliveryIdOf(context) }));
  } catch (error) {
    if (error instanceof SendError) return json(error.status, { meta: { error: error.message } });
    throw error;
  }
}

/** A delivery id shaped like Customer.io's (base64 of 20 bytes, e.g. "RAECAAFwnUSneIa0ZXkmq8EdkAM="). */
function deliveryIdOf(context) {
  const ulidText = context.reference();
  return btoa(ulidText.slice(0, 20));
}

function listTransactional(_exchange, { workspace }) {
  return json(200, { messages: workspace.transactional });
}

// ---------------------------------------------------------------------------------------------
// Broadcasts (reference §2.7)

// Field order follows the reference's listBroadcasts example.
function publicBroadcast(b) {
  return {
    id: b.id, deduplicate_id: b.deduplicate_id, created: b.created, updated: b.updated, type: b.type,
    name: b.name, active: b.active, state: b.state, actions: b.actions.map(({ id, type }) => ({ id, type })),
    tags: b.tags, first_started: b.first_started, created_by: b.created_by,
  };
}

function listBroadcasts(_exchange, { workspace }) {
  return json(200, { broadcasts: workspace.broadcasts.map(publicBroadcast) });
}

function getBroadcast({ params }, { workspace }) {
  return json(200, { broadcast: publicBroadcast(findBroadcast(workspace, params.broadcast_id)) });
}

function broadcastMetrics({ params, query }, { workspace, now }) {
  const broadcast = findBroadcast(workspace, params.broadcast_id);
  const period = readEnum(query, "period", Object.keys(METRICS_MAX_STEPS)) ?? "days";
  const steps = readInteger(query, "steps", { min: 0, max: METRICS_MAX_STEPS[period] });
  const type = readEnum(query, "type", METRICS_TYPES);
  const messages = workspace.messages.filter((message) => message.broadcast_id === broadcast.id);
  const nowSeconds = Math.floor(now() / 1000);
  return json(200, metricSeries(messages, { period, count: stepCount(period, steps), type, nowSeconds }));
}
