// The panel's and the options page's link to the service worker: every API call goes through it,
// so these pages never hold the key or a client.

/** Sends a message to the worker and returns its answer. */
export function ask(message) {
  return chrome.runtime.sendMessage(message);
}

/** An error the worker sent back, as an Error with the package's code, field and status. */
export class CallError extends Error {
  constructor(data) {
    super(data.message);
    this.name = "CustomerIoError";
    Object.assign(this, data);
  }
}

/**
 * Calls a client method in the worker; rejects with a CallError. A 401 (or no saved key) opens
 * the options page, where the key is set.
 */
export async function call(method, params) {
  const answer = await ask({ type: "call", method, params });
  if (answer?.ok) return answer.result;
  const error = new CallError(answer?.error ?? { code: "internal", message: "no answer from the extension's service worker" });
  if (error.code === "unauthorized") chrome.runtime.openOptionsPage();
  throw error;
}

/** The request a method would send (key redacted), or throws the package's validation error. */
export async function prepare(method, params) {
  const answer = await ask({ type: "prepare", method, params });
  if (answer?.ok) return answer.request;
  throw new CallError(answer.error);
}
