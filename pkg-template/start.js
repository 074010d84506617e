// What every entry does once it has the module (bytes or a compiled WebAssembly.Module):
// instantiate it synchronously, install the answer shapes exported from the core's table, and
// guard the exports against a trap of the instance. The entries differ only in how they get the
// module.
import { initSync, CustomerIo, verifyWebhook as unguardedVerifyWebhook, takePanicMessage } from "./customerio_wasm.js";
import { guardMethods } from "./guard.js";
import { installAnswers } from "./snippet.js";
import { answers } from "./answers.js";
import { countAudience } from "./audience.js";
import { fromEnv } from "./env.js";

/** Verifies a webhook's signature (guarded: a trap becomes CustomerIoError "internal"). */
export let verifyWebhook;

/** Instantiates `module` and readies the exports; each entry calls it once, at import. */
export function start(module) {
  initSync({ module });
  installAnswers(answers);
  // Composed from public methods (prepare, getSegmentCount): no bytes in the wasm.
  CustomerIo.prototype.countAudience = function (params, options) {
    return countAudience(this, params, options);
  };
  // CustomerIo.fromEnv(env, options): the options from CUSTOMERIO_* variables (env.js).
  CustomerIo.fromEnv = function (env, options) {
    return fromEnv(CustomerIo, env, options);
  };
  ({ verifyWebhook } = guardMethods(CustomerIo, takePanicMessage, { verifyWebhook: unguardedVerifyWebhook }));
}

export { CustomerIo };
export { CustomerIoError } from "./snippet.js";
