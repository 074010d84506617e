// CustomerIo.fromEnv(env, options): the client from environment variables, as Upstash's
// Redis.fromEnv reads its own. One place for the names and for what an unset or blank variable
// means, so the MCP server, the Worker and a user's script build the same client (README,
// "From the environment").
import { CustomerIoError } from "./snippet.js";

/** Each option read from the environment, and its variable. */
export const ENV_VARIABLES = Object.freeze({
  apiKey: "CUSTOMERIO_APP_API_KEY",
  region: "CUSTOMERIO_REGION",
  baseUrl: "CUSTOMERIO_BASE_URL",
});

/**
 * The constructor's options from `env` (a Worker's `env`, or `process.env` when left out): a
 * variable unset or blank is left out (so `region` defaults to "us"); surrounding whitespace, as a
 * pasted secret often has, is trimmed. `options` are added and win over the environment.
 */
export function optionsFromEnv(env, options = {}) {
  const source = env ?? globalThis.process?.env ?? {};
  const fromEnv = {};
  for (const [option, name] of Object.entries(ENV_VARIABLES)) {
    const value = source[name];
    if (typeof value === "string" && value.trim() !== "") fromEnv[option] = value.trim();
  }
  const merged = { ...fromEnv, ...options };
  if (merged.apiKey === undefined) {
    throw new CustomerIoError(
      "invalid_params",
      `${ENV_VARIABLES.apiKey} is not set: set it to a Customer.io App API key (Settings > API Credentials > App API Keys)`,
      { field: ENV_VARIABLES.apiKey },
    );
  }
  return { merged, fromEnv };
}

/** Builds the client; a refused option that came from the environment names its variable. */
export function fromEnv(CustomerIo, env, options) {
  const { merged, fromEnv: read } = optionsFromEnv(env, options);
  try {
    return new CustomerIo(merged);
  } catch (error) {
    const option = error?.field;
    if (option in read && !(options && option in options)) {
      throw new CustomerIoError(error.code, `${ENV_VARIABLES[option]}: ${error.message}`, { field: ENV_VARIABLES[option] });
    }
    throw error;
  }
}
