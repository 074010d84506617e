// Wraps the methods of the wasm-bindgen class so that a trap of the wasm instance (a panic: a bug
// of ours) surfaces as a CustomerIoError with code "internal" rather than a bare RuntimeError,
// and so that later calls on the aborted instance fail fast with the same code.
import { CustomerIoError } from "./snippet.js";

const SKIPPED = new Set(["constructor", "free", "toJSON", "toString"]);

/**
 * Guards every method of `Class`, and each function of `functions` (returned guarded, by name);
 * they share one instance, so a trap in one makes all of them fail fast. `takePanicMessage()`
 * returns the panic's text, if any.
 */
export function guardMethods(Class, takePanicMessage, functions = {}) {
  let broken;
  const internal = (error) => {
    let why = error?.message ?? String(error);
    try {
      why = takePanicMessage() ?? why;
    } catch {
      // The instance is gone; keep the trap's own message.
    }
    broken = why;
    return new CustomerIoError(
      "internal",
      `customerio-wasm hit an internal error (${why}); this instance can no longer serve calls: reload the module, and please report the bug`,
    );
  };
  const convert = (error) => (error instanceof WebAssembly.RuntimeError ? internal(error) : error);
  const guard = (fn) =>
    function guarded(...args) {
      if (broken !== undefined) {
        throw new CustomerIoError("internal", `customerio-wasm is unusable after an earlier internal error (${broken}); reload the module`);
      }
      try {
        const result = fn.apply(this, args);
        return result instanceof Promise ? result.catch((e) => Promise.reject(convert(e))) : result;
      } catch (error) {
        throw convert(error);
      }
    };
  for (const name of Object.getOwnPropertyNames(Class.prototype)) {
    const method = Class.prototype[name];
    if (SKIPPED.has(name) || typeof method !== "function") continue;
    Class.prototype[name] = guard(method);
  }
  return Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, guard(fn)]));
}
