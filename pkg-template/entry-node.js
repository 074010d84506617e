// Node entry: reads the .wasm next to this file and instantiates it synchronously, so both
// `import` and (Node >= 20.19) `require` work without top-level await.
import { readFileSync } from "node:fs";
import { initSync, CustomerIo, takePanicMessage } from "./customerio_wasm.js";
import { guardMethods } from "./guard.js";
import { installAnswers } from "./snippet.js";
import { answers } from "./answers.js";

initSync({ module: readFileSync(new URL("./customerio_wasm_bg.wasm", import.meta.url)) });
installAnswers(answers);

guardMethods(CustomerIo, takePanicMessage);

export { CustomerIo };
export { CustomerIoError } from "./errors.js";
export { verifyWebhook } from "./customerio_wasm.js";
