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

export { clientFromEnv, listFromEnv } from "./env.js";
