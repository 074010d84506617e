// Cloudflare Workers entry: workerd (and Wrangler) import a .wasm file as a compiled
// WebAssembly.Module, which initSync instantiates without top-level await.
import wasmModule from "./customerio_wasm_bg.wasm";
import { initSync, CustomerIo, takePanicMessage } from "./customerio_wasm.js";
import { guardMethods } from "./guard.js";
import { installAnswers } from "./snippet.js";
import { answers } from "./answers.js";

initSync({ module: wasmModule });
installAnswers(answers);

guardMethods(CustomerIo, takePanicMessage);

export { CustomerIo };
export { CustomerIoError } from "./errors.js";
export { verifyWebhook } from "./customerio_wasm.js";
