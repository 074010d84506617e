// The CustomerIo client from environment variables only (a Node process's `process.env` or a
// Worker's `env`): the key never comes from a tool argument or a request.

import { CustomerIo } from "customerio-wasm";

/** A client from environment variables (a Node process's or a Worker's `env`). */
export function clientFromEnv(env) {
  const apiKey = env.CUSTOMERIO_APP_API_KEY;
  if (!apiKey) {
    throw new Error("CUSTOMERIO_APP_API_KEY is not set: set it to a Customer.io App API key, or run with --sandbox to try the server offline");
  }
  const options = { apiKey };
  if (env.CUSTOMERIO_REGION) options.region = env.CUSTOMERIO_REGION;
  if (env.CUSTOMERIO_BASE_URL) options.baseUrl = env.CUSTOMERIO_BASE_URL;
  return new CustomerIo(options);
}

/** A comma-separated list from the environment, trimmed, empty entries dropped. */
export function listFromEnv(value) {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}
