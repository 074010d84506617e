// Browser, extension, Deno and default entry: the module's bytes are inlined (base64) so it can
// be instantiated synchronously, with no top-level await, no fetch of a .wasm URL and no file
// permission.
import { initSync } from "./customerio_wasm.js";
import { wasmBytes } from "./wasm-inline.js";

initSync({ module: wasmBytes() });

export { CustomerIo } from "./customerio_wasm.js";
export { CustomerIoError } from "./errors.js";
