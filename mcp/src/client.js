// The CustomerIo client a server uses, from its environment only (never from a tool argument or
// a request): CUSTOMERIO_APP_API_KEY, CUSTOMERIO_REGION, CUSTOMERIO_BASE_URL; or the embedded
// sandbox (customerio-wasm/sandbox), so anyone can try the server with no account.

import { CustomerIo } from "customerio-wasm";
import { createSandbox } from "customerio-wasm/sandbox";

/** The origin the in-process sandbox answers on (its fetch routes on the path; nothing leaves). */
export const SANDBOX_ORIGIN = "http://sandbox.invalid";

/** A client of the embedded sandbox, and the sandbox. */
export function sandboxClient() {
  const sandbox = createSandbox();
  return { sandbox, cio: new CustomerIo({ apiKey: sandbox.apiKey, baseUrl: SANDBOX_ORIGIN, fetch: sandbox.fetch }) };
}

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
