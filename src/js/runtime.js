// The raw JS side of the binding: the error class, the fetch transport with its timeout and
// abort handling, sleeping, and the async-iterable wrapper. No Customer.io knowledge lives here:
// the Rust core decides what to send, whether to retry and how to read the answer.

const BRAND = Symbol.for("customerio-wasm.CustomerIoError");

/** The error every call rejects with; branded so `instanceof` works across module copies. */
export class CustomerIoError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = "CustomerIoError";
    this.code = code;
    for (const key of ["field", "status", "retryAfterMs", "errors"]) {
      if (details[key] !== undefined && details[key] !== null) this[key] = details[key];
    }
  }

  static [Symbol.hasInstance](value) {
    return value != null && value[BRAND] === true;
  }
}
Object.defineProperty(CustomerIoError.prototype, BRAND, { value: true });

/** Builds a CustomerIoError from the fields the Rust core filled in. */
export function makeError(code, message, field, status, retryAfterMs, errorsJson) {
  return new CustomerIoError(code, message, {
    field,
    status,
    retryAfterMs,
    errors: errorsJson ? JSON.parse(errorsJson) : undefined,
  });
}

let answerShapes;
const compiled = new Map();

/**
 * Installs the shape of every answer, exported from the Rust core's table into `answers.js`.
 * Each entry of the package calls it once, before any call can be made.
 */
export function installAnswers(answers) {
  answerShapes = answers;
  compiled.clear();
}

class ShapeFailure {
  constructor(why) {
    this.why = why;
  }
}

/**
 * Parses a 2xx body once, with `JSON.parse`, and checks it against the operation's shape: the
 * listed fields have their kind (others are kept unchecked), required ones are present, `null`
 * only where allowed. Returns the parsed body; throws a ShapeFailure saying which field is wrong.
 */
export function readAnswer(text, operation) {
  let check = compiled.get(operation);
  if (check === undefined) {
    const shape = answerShapes?.[operation];
    if (shape === undefined) {
      throw new ShapeFailure(`no answer shape for ${operation}: load customerio-wasm through one of its entries`);
    }
    check = compileAnswer(shape.fields);
    compiled.set(operation, check);
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ShapeFailure(error.message);
  }
  const failure = body === null ? { why: "is null", path: [] } : check(body);
  if (failure) throw new ShapeFailure(`the body${failure.path.reverse().join("")} ${failure.why}`);
  return body;
}

/**
 * The check of a whole answer. The list of a list answer (a field that must be present but may
 * be null, such as `segments`) reaches the caller as `[]` when the API sends `null` (a recorded
 * answer of the API did: reference §1, "Nulls"), so the types can promise a list; a page cursor
 * sent as a number reaches the caller as its string (the `start` of the next request).
 */
function compileAnswer(fields) {
  const check = compile({ object: fields });
  const lists = fields.filter(([, kind, required, nullable]) => required && nullable && kind?.array !== undefined).map(([name]) => name);
  const cursors = fields.filter(([, kind]) => kind === "cursor").map(([name]) => name);
  return (body) => {
    const failure = check(body);
    if (failure === undefined && typeof body === "object") {
      for (const name of lists) if (body[name] === null) body[name] = [];
      for (const name of cursors) if (typeof body[name] === "number") body[name] = String(body[name]);
    }
    return failure;
  };
}

/** The reason of a ShapeFailure, or undefined for anything else. */
export function shapeFailure(value) {
  return value instanceof ShapeFailure ? value.why : undefined;
}

// A shape compiles to a checker: (non-null value) => undefined when it fits, or a failure
// { why, path } whose path segments are collected on the way out, so that nothing is built for
// an answer that fits.
const isObject = (v) => typeof v === "object" && !Array.isArray(v);
const SCALARS = {
  integer: Number.isInteger,
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
  string_or_integer: (v) => typeof v === "string" || Number.isInteger(v),
  cursor: (v) => typeof v === "string" || Number.isInteger(v),
};

function wrongType(value) {
  const found = Array.isArray(value) ? "array"
    : typeof value === "number" ? (Number.isInteger(value) ? "number" : "a fractional number")
    : typeof value;
  return { why: `has the wrong type (${found})`, path: [] };
}

function compile(kind) {
  if (kind === "any") return undefined;
  const scalar = SCALARS[kind];
  if (scalar) return (v) => (scalar(v) ? undefined : wrongType(v));
  if (kind.map !== undefined) {
    const value = compile(kind.map);
    return (v) => {
      if (!isObject(v)) return wrongType(v);
      for (const key in v) {
        const item = v[key];
        const failure = item === null ? { why: "is null", path: [] } : value?.(item);
        if (failure) return failure.path.push(`.${key}`), failure;
      }
    };
  }
  if (kind.array !== undefined) {
    const item = compile(kind.array);
    return (v) => {
      if (!Array.isArray(v)) return wrongType(v);
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        const failure = x === null ? { why: "is null", path: [] } : item?.(x);
        if (failure) return failure.path.push(`[${i}]`), failure;
      }
    };
  }
  const fields = kind.object.map(([name, fieldKind, required, nullable]) => ({ name, check: compile(fieldKind), required, nullable }));
  return (v) => {
    if (!isObject(v)) return wrongType(v);
    for (const field of fields) {
      const x = v[field.name];
      let failure;
      if (x === undefined) {
        if (field.required && !Object.hasOwn(v, field.name)) failure = { why: "is missing", path: [] };
      } else if (x === null) {
        if (!field.nullable) failure = { why: "is null", path: [] };
      } else {
        failure = field.check?.(x);
      }
      if (failure) return failure.path.push(`.${field.name}`), failure;
    }
  };
}

class TransportFailure {
  constructor(kind, message, sent, final = false) {
    this.kind = kind;
    this.message = message;
    // Whether the request may have reached the server (decides unknown_outcome for writes).
    this.sent = sent;
    // True when sending it again cannot succeed (an invalid header, a refused scheme or port).
    this.final = final;
  }
}

/**
 * Failures no retry can cure: the request itself cannot be sent. Node's fetch says "unknown
 * scheme" / "bad port" in the cause, and every runtime names the header or the ByteString when a
 * header value is invalid (those throw before anything is sent, with no network cause).
 */
const FINAL_FAILURE = /unknown scheme|bad port|invalid header|header value|ByteString|ISO-8859-1|invalid URL/i;

/** The first `code` (e.g. ENOTFOUND, ECONNREFUSED) and message along an error's cause chain. */
function rootCause(error) {
  let code;
  let message;
  for (let cause = error?.cause, depth = 0; cause != null && depth < 4; cause = cause.cause, depth += 1) {
    code ??= typeof cause.code === "string" ? cause.code : undefined;
    message ??= typeof cause.message === "string" && cause.message !== "" ? cause.message : undefined;
  }
  return { code, message };
}

/**
 * What a runtime's fetch failure says, with the reason its `cause` holds: "fetch failed
 * (ENOTFOUND api.customer.io)" rather than the bare "fetch failed" (Node puts the DNS, connection
 * or TLS reason only in `cause`).
 */
function describeFailure(error, url) {
  const text = error?.message ?? String(error);
  const { code, message } = rootCause(error);
  let host = "";
  try {
    host = new URL(url).host;
  } catch {
    host = "";
  }
  if (code !== undefined) return `${text} (${code}${host ? ` ${host}` : ""})`;
  if (message !== undefined && message !== text) return `${text} (${message}${host ? `, ${host}` : ""})`;
  return text;
}

function isFinalFailure(error) {
  const { message } = rootCause(error);
  return error?.name === "TypeError" && FINAL_FAILURE.test(`${error.message} ${message ?? ""}`);
}

/**
 * The failure for an aborted signal. `AbortSignal.timeout(ms)` aborts with a TimeoutError, which
 * is how a caller sets an overall deadline on a call: that reads as "timeout", anything else as
 * "aborted".
 */
function aborted(signal, sent) {
  const reason = signal.reason;
  if (reason?.name === "TimeoutError") {
    return new TransportFailure("timeout", `the call's deadline passed: ${reason.message}`, sent);
  }
  const why = reason instanceof Error ? reason.message : String(reason ?? "aborted");
  return new TransportFailure("aborted", `the call was aborted: ${why}`, sent);
}

/** A deadline: an AbortController its timer aborts, held by the calls in flight under it. */
class Deadline {
  constructor(at, signal) {
    this.at = at;
    this.controller = new AbortController();
    this.pending = 0;
    this.passed = false;
    this.signal = signal;
    if (signal) signal.addEventListener("abort", (this.onAbort = () => this.controller.abort(signal.reason)), { once: true });
  }

  hold() {
    this.pending += 1;
    this.timer ??= setTimeout(() => {
      this.passed = true;
      if (shared === this) shared = undefined;
      this.controller.abort();
    }, Math.min(Math.max(0, this.at - Date.now()), 2 ** 31 - 1)); // longer fires at once
    return this;
  }

  release() {
    if (--this.pending > 0) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener("abort", this.onAbort);
  }
}

let shared;
const SHARE = globalThis.navigator?.userAgent !== "Cloudflare-Workers";

/**
 * The deadline of a call starting now. Calls without a signal that start within the same
 * thousandth of the timeout (at least 1 ms) share one, rounded up to that slice's end, since on
 * Node 20 an AbortController is the largest cost of a call beyond `fetch` (README, "Per-call
 * cost"): a call times out after `timeoutMs`, at most 0.1 % later, and the timer runs only while
 * a call is in flight. Not in Cloudflare Workers, where a timer belongs to the request that set it.
 */
function deadlineFor(timeoutMs, signal) {
  if (signal || !SHARE) return new Deadline(Date.now() + timeoutMs, signal).hold();
  const slice = Math.max(1, timeoutMs / 1000);
  const at = Math.ceil((Date.now() + timeoutMs) / slice) * slice;
  if (shared?.at !== at) shared = new Deadline(at);
  return shared.hold();
}

/**
 * Sends one request with `fetchFn` and reads the whole answer. `headers` is the core's headers
 * as `name\nvalue\n...` (one string crossing the boundary rather than two per header; no name or
 * value holds a line break: the core refuses an API key with control characters). Resolves to
 * `[status, body]`, with the headers as `[[name, value]...]` and the time it was received after
 * them when not 2xx (the core reads no other's); rejects with a TransportFailure (`kind`
 * "network", "timeout" or "aborted") when no answer could be read in time. An AbortController
 * only when a timeout is in force, shared by the calls of one slice of time unless the caller
 * gave a signal or this is a Worker (README: "Per-call cost").
 */
export async function send(fetchFn, method, url, headers, body, signal, timeoutMs) {
  if (signal?.aborted) throw aborted(signal, false);
  const deadline = timeoutMs > 0 ? deadlineFor(timeoutMs, signal) : undefined;
  const lines = headers.split("\n");
  const headerObject = {};
  for (let i = 0; i + 1 < lines.length; i += 2) headerObject[lines[i]] = lines[i + 1];
  const init = { method, headers: headerObject, signal: deadline?.controller.signal ?? signal };
  if (body !== undefined && body !== null) init.body = body;
  try {
    const response = await (fetchFn ?? globalThis.fetch)(url, init);
    const text = await response.text();
    const status = response.status;
    if (status >= 200 && status < 300) return [status, text];
    const pairs = [];
    response.headers.forEach((value, name) => pairs.push([name, value]));
    return [status, text, pairs, Date.now()];
  } catch (error) {
    if (deadline?.passed) throw new TransportFailure("timeout", `no answer within ${timeoutMs} ms`, true);
    if (signal?.aborted) throw aborted(signal, true);
    const final = isFinalFailure(error);
    const why = final ? "the request cannot be sent" : "the request failed";
    throw new TransportFailure("network", `${why}: ${describeFailure(error, url)}`, !final, final);
  } finally {
    deadline?.release();
  }
}

/** Reads a TransportFailure back in Rust: `[kind, message, sent, final]`, or undefined for other throws. */
export function transportFailure(value) {
  return value instanceof TransportFailure ? [value.kind, value.message, value.sent, value.final] : undefined;
}

/** Waits `ms` milliseconds; rejects with an "aborted" TransportFailure if `signal` aborts first. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal, false));
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(signal, false));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The current time in Unix milliseconds. */
export function nowMs() {
  return Date.now();
}

/**
 * An async iterable over every item of every page: `walker.nextPage()` resolves to the next
 * page's items, or undefined at the end. A page is fetched only when the loop asks for one.
 */
export function asyncIterable(walker) {
  return {
    [Symbol.asyncIterator]() {
      let items = [];
      let index = 0;
      let done = false;
      return {
        async next() {
          while (index >= items.length) {
            if (done) return { done: true, value: undefined };
            const page = await walker.nextPage();
            if (page === undefined) {
              done = true;
            } else {
              items = page;
              index = 0;
            }
          }
          return { done: false, value: items[index++] };
        },
        async return() {
          done = true;
          items = [];
          return { done: true, value: undefined };
        },
      };
    },
  };
}
