// The CustomerIo client from environment variables only (a Node process's `process.env` or a
// Worker's `env`): the key never comes from a tool argument or a request.

import { CustomerIo } from "customerio-wasm";

/**
 * A client from environment variables (a Node process's or a Worker's `env`): the package's
 * `CustomerIo.fromEnv`, whose refusal of a missing key gains the server's way out (--sandbox).
 */
export function clientFromEnv(env) {
  try {
    return CustomerIo.fromEnv(env);
  } catch (error) {
    if (error?.field === "CUSTOMERIO_APP_API_KEY") throw new Error(`${error.message}, or run with --sandbox to try the server offline`);
    throw error;
  }
}

/** A comma-separated list from the environment, trimmed, empty entries dropped. */
export function listFromEnv(value) {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}
