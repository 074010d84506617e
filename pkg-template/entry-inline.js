// Browser, extension, Deno and default entry: the module's bytes are inlined (base64) so it can
// be instantiated synchronously, with no top-level await, no fetch of a .wasm URL and no file
// permission.
import { initSync, CustomerIo, takePanicMessage } from "./customerio_wasm.js";
import { guardMethods } from "./guard.js";
import { installAnswers } from "./snippet.js";
import { answers } from "./answers.js";
import { wasmBytes } from "./wasm-inline.js";

initSync({ module: wasmBytes() });
installAnswers(answers);

guardMethods(CustomerIo, takePanicMessage);

export { CustomerIo };
export { CustomerIoError } from "./errors.js";
export { verifyWebhook } from "./customerio_wasm.js";
