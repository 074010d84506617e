// Browser, extension, Deno and default entry: the module's bytes are inlined (deflated, base64)
// so it can be instantiated synchronously, with no top-level await, no fetch of a .wasm URL and
// no file permission.
import { start } from "./start.js";
import { wasmBytes } from "./wasm-inline.js";

start(wasmBytes());

export { CustomerIo, CustomerIoError, verifyWebhook } from "./start.js";
