// Cloudflare Workers entry: workerd (and Wrangler) import a .wasm file as a compiled
// WebAssembly.Module, which is instantiated synchronously, without top-level await.
import wasmModule from "./customerio_wasm_bg.wasm";
import { start } from "./start.js";

start(wasmModule);

export { CustomerIo, CustomerIoError, verifyWebhook } from "./start.js";
