// Cloudflare Workers entry: workerd (and Wrangler) import a .wasm file as a compiled
// WebAssembly.Module, which initSync instantiates without top-level await.
import wasmModule from "./customerio_wasm_bg.wasm";
import { initSync } from "./customerio_wasm.js";

initSync({ module: wasmModule });

export { CustomerIo } from "./customerio_wasm.js";
export { CustomerIoError } from "./errors.js";
