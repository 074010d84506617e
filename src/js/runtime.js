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

/**
 * Installs the shape of every answer, exported from the Rust core's table into `answers.js`.
 * Each entry of the package calls it once, before any call can be made.
 */
export function installAnswers(answers) {
  answerShapes = answers;
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
  const shape = answerShapes?.[operation];
  if (shape === undefined) {
    throw new ShapeFailure(`no answer shape for ${operation}: load customerio-wasm through one of its entries`);
  }
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ShapeFailure(error.message);
  }
  checkValue(body, { object: shape.fields }, false, "the body");
  return body;
}

/** The reason of a ShapeFailure, or undefined for anything else. */
export function shapeFailure(value) {
  return value instanceof ShapeFailure ? value.why : undefined;
}

function kindOf(value) {
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "number" : "a fractional number";
  return typeof value;
}

function checkValue(value, kind, nullable, path) {
  if (value === null) {
    if (nullable) return;
    throw new ShapeFailure(`${path} is null`);
  }
  const type = typeof value;
  let fits;
  switch (kind) {
    case "any": return;
    case "integer": fits = Number.isInteger(value); break;
    case "string": fits = type === "string"; break;
    case "boolean": fits = type === "boolean"; break;
    case "string_or_integer": fits = type === "string" || Number.isInteger(value); break;
    case "number_map":
      fits = type === "object" && !Array.isArray(value);
      if (fits) for (const key in value) checkValue(value[key], "integer", false, `${path}.${key}`);
      break;
    default:
      if (kind.object) {
        fits = type === "object" && !Array.isArray(value);
        if (fits) checkFields(value, kind.object, path);
      } else {
        fits = Array.isArray(value);
        if (fits) for (let i = 0; i < value.length; i++) checkValue(value[i], kind.array, false, `${path}[${i}]`);
      }
  }
  if (!fits) throw new ShapeFailure(`${path} has the wrong type (${kindOf(value)})`);
}

function checkFields(object, fields, path) {
  for (const [name, kind, required, nullable] of fields) {
    const value = object[name];
    if (value === undefined) {
      if (required && !Object.hasOwn(object, name)) throw new ShapeFailure(`${path}.${name} is missing`);
      continue;
    }
    checkValue(value, kind, nullable, `${path}.${name}`);
  }
}

class TransportFailure {
  constructor(kind, message, sent) {
    this.kind = kind;
    this.message = message;
    // Whether the request may have reached the server (decides unknown_outcome for writes).
    this.sent = sent;
  }
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

/**
 * Sends one request with `fetchFn` and reads the whole answer. Resolves to
 * `{ status, headers: [[name, value]...], body, receivedAt }`; rejects with a TransportFailure
 * (`kind` "network", "timeout" or "aborted") when no answer could be read in time.
 */
export async function send(fetchFn, method, url, headers, body, signal, timeoutMs) {
  if (signal?.aborted) throw aborted(signal, false);
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = timeoutMs > 0
    ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs)
    : undefined;
  const init = { method, headers: Object.fromEntries(headers), signal: controller.signal };
  if (body !== undefined && body !== null) init.body = body;
  try {
    const response = await (fetchFn ?? globalThis.fetch)(url, init);
    const text = await response.text();
    const pairs = [];
    response.headers.forEach((value, name) => pairs.push([name, value]));
    return { status: response.status, headers: pairs, body: text, receivedAt: Date.now() };
  } catch (error) {
    if (timedOut) throw new TransportFailure("timeout", `no answer within ${timeoutMs} ms`, true);
    if (signal?.aborted) throw aborted(signal, true);
    throw new TransportFailure("network", `the request failed: ${error?.message ?? error}`, true);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Reads a TransportFailure back in Rust: `[kind, message, sent]`, or undefined for other throws. */
export function transportFailure(value) {
  return value instanceof TransportFailure ? [value.kind, value.message, value.sent] : undefined;
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
