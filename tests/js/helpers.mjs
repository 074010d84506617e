// Shared setup of the package tests (tests/js/client-*.test.mjs and the rest of tests/js): a
// sandbox on a fake clock with a client wired to it (in-process or over HTTP on 127.0.0.1), and
// assertions for CustomerIoError.
// Everything is imported through the built package's entry, as an npm user would.

import assert from "node:assert/strict";
import { CustomerIo, CustomerIoError } from "../../pkg/entry-node.js";
import { createSandbox } from "../../pkg/sandbox/index.js";
import { serveSandbox } from "../../pkg/sandbox/server.js";

export { CustomerIo, CustomerIoError, createSandbox, serveSandbox };

/** The fake "now" every sandbox starts at (2026-09-01T12:00:00Z). */
export const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
export const T0_SECONDS = T0 / 1000;
export const DAY_SECONDS = 86_400;
/** The window the sandbox applies to GET /v1/messages when no bound is given ("6 months"). */
export const SIX_MONTHS_SECONDS = 183 * DAY_SECONDS;
/** An origin for in-process clients: the sandbox routes on the path, nothing leaves the process. */
export const ORIGIN = "https://api.customer.io";
/** A distinctive key, searched for in every error, prepared request and printed client. */
export const API_KEY = "cio_test_SECRET_key_5b0f7e1d9a";
export const WRONG_KEY = "cio_test_WRONG_key_c4a8e2f160";
export const SECRETS = [API_KEY, WRONG_KEY];

/** Retries on, but with waits of a few milliseconds at most. */
export const FAST_RETRY = Object.freeze({ baseDelayMs: 1, maxDelayMs: 4 });

/**
 * A sandbox on a fake clock and a client talking to it in-process.
 * `client` options are merged over { apiKey, baseUrl: ORIGIN, fetch: sandbox.fetch, retry: FAST_RETRY }.
 */
export function setup({ client = {}, sandbox: sandboxOptions = {} } = {}) {
  const clock = { ms: T0 };
  const sandbox = createSandbox({ apiKey: API_KEY, now: () => clock.ms, ...sandboxOptions });
  const makeClient = (options = {}) =>
    new CustomerIo({ apiKey: API_KEY, baseUrl: ORIGIN, fetch: sandbox.fetch, retry: FAST_RETRY, ...options });
  const cio = makeClient(client);
  /** Moves the sandbox's clock forward (trigger spacing, created_at of new triggers). */
  const advance = (ms) => {
    clock.ms += ms;
  };
  return { sandbox, clock, advance, cio, makeClient };
}

/**
 * The same, with the sandbox served over HTTP on 127.0.0.1 (port 0) and clients that use the
 * global fetch against its url. Call `close()` when done.
 */
export async function setupHttp({ client = {}, sandbox: sandboxOptions = {} } = {}) {
  const base = setup({ sandbox: sandboxOptions });
  const server = await serveSandbox(base.sandbox, { port: 0, host: "127.0.0.1" });
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const makeClient = (options = {}) =>
    new CustomerIo({ apiKey: API_KEY, baseUrl: server.url, retry: FAST_RETRY, ...options });
  return { ...base, server, url: server.url, cio: makeClient(client), makeClient, close: () => server.close() };
}

/** Asserts that `error` is a CustomerIoError with `code` (and `field` when given), the key nowhere in it. */
export function assertCioError(error, code, field) {
  assert.ok(error instanceof CustomerIoError, `expected a CustomerIoError, got ${describe(error)}`);
  assert.ok(error instanceof Error, "a CustomerIoError is an Error");
  assert.equal(error.name, "CustomerIoError");
  assert.equal(error.code, code, `code (message: ${error.message})`);
  assert.equal(typeof error.message, "string");
  assert.ok(error.message.length > 10, `the message says what was wrong: ${JSON.stringify(error.message)}`);
  if (field !== undefined) assert.equal(error.field, field, `field (message: ${error.message})`);
  assertNoSecret(errorDump(error), `error ${code}`);
  return error;
}

/** Awaits `promise` (or calls `fn` and awaits it) and asserts it rejects with a CustomerIoError. */
export async function rejects(promiseOrFn, code, field) {
  let error;
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (caught) {
    error = caught;
  }
  assert.ok(error !== undefined, `expected a rejection with code ${code}, but it resolved`);
  return assertCioError(error, code, field);
}

/** Calls `fn` and asserts it throws a CustomerIoError synchronously. */
export function throwsSync(fn, code, field) {
  let error;
  let threw = false;
  let result;
  try {
    result = fn();
  } catch (caught) {
    threw = true;
    error = caught;
  }
  if (!threw && result && typeof result.then === "function") result.catch(() => {});
  assert.ok(threw, `expected a synchronous throw with code ${code}, got ${describe(result)}`);
  return assertCioError(error, code, field);
}

/** Every own property of an error plus message and stack, as JSON text. */
export function errorDump(error) {
  return JSON.stringify({ ...error, name: error?.name, message: error?.message, stack: error?.stack });
}

/** Asserts that none of the test keys appears in `text`. */
export function assertNoSecret(text, what) {
  for (const secret of SECRETS) {
    assert.ok(!String(text).includes(secret), `${what} leaks the API key: ${text}`);
  }
}

/** Drains an async iterable into an array. */
export async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Resolves after `ms` real milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A prototype check all the way down: plain objects and arrays only. */
export function assertPlainJson(value, path = "result") {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return;
  if (Array.isArray(value)) {
    assert.equal(Object.getPrototypeOf(value), Array.prototype, `${path} is a plain array`);
    value.forEach((item, index) => assertPlainJson(item, `${path}[${index}]`));
    return;
  }
  assert.equal(typeof value, "object", `${path} is JSON-compatible, got ${typeof value}`);
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is a plain object`);
  for (const [key, item] of Object.entries(value)) assertPlainJson(item, `${path}.${key}`);
}

// ---------------------------------------------------------------------------------------------
// Expected answers computed from the sandbox's workspace

/** The public fields of a stored trigger, as the API answers them. */
export function publicTrigger({ id, broadcast_id, created_at, processed_at }) {
  return { id, broadcast_id, created_at, processed_at };
}

/** Sent (non-draft) messages in the sandbox's default window at `nowSeconds`, newest first. */
export function expectedMessages(workspace, nowSeconds, filter = () => true) {
  const from = nowSeconds - SIX_MONTHS_SECONDS;
  return workspace.messages
    .filter((m) => !("drafted" in m.metrics) && m.created >= from && m.created <= nowSeconds && filter(m))
    .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Newsletters in the sandbox's order for `sort`. */
export function expectedNewsletters(workspace, sort = "desc") {
  const sorted = [...workspace.newsletters].sort((a, b) => a.created - b.created || a.id - b.id);
  return sort === "desc" ? sorted.reverse() : sorted;
}

/** The seeded trigger with `count` error lines. */
export function triggerWithErrors(workspace, count) {
  const trigger = workspace.triggers.find((t) => t.errors.length === count);
  assert.ok(trigger, `the seeded workspace has a trigger with ${count} error lines`);
  return trigger;
}

function describe(value) {
  if (value instanceof Error) return `${value.constructor?.name}: ${value.message}`;
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
