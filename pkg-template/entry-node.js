// Node entry: reads the .wasm next to this file and instantiates it synchronously, so both
// `import` and (Node >= 20.19) `require` work without top-level await.
import { readFileSync } from "node:fs";
import { start } from "./start.js";

start(readFileSync(new URL("./customerio_wasm_bg.wasm", import.meta.url)));

export { CustomerIo, CustomerIoError, verifyWebhook } from "./start.js";
