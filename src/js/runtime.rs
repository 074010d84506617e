//! The raw JS imports, all from `runtime.js`: the error class, the fetch transport, sleep, the
//! clock and the async-iterable wrapper.

use crate::prelude::*;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a JS string (an error answer's body), without a parser in the wasm.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_json(text: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(
        code: &str,
        message: &str,
        field: Option<String>,
        status: Option<u16>,
        retry_after_ms: Option<f64>,
        errors_json: Option<String>,
    ) -> JsValue;

    /// Parses a 2xx body with `JSON.parse` and checks it against `operation`'s answer shape;
    /// throws a shape failure (see `shape_failure`) when it is not that answer.
    #[wasm_bindgen(js_name = readAnswer, catch)]
    pub fn read_answer(text: &JsValue, operation: &str) -> Result<JsValue, JsValue>;

    /// Why an answer was refused, for a thrown shape failure; undefined for anything else.
    #[wasm_bindgen(js_name = shapeFailure)]
    pub fn shape_failure(value: &JsValue) -> Option<String>;

    /// Sends `headers` (`name\nvalue\n...`); resolves to `[status, body]` (with the headers as
    /// `[[name, value]...]` and the time received after them when not 2xx) or rejects with a
    /// transport failure.
    pub fn send(
        fetch: Option<Function>,
        method: &str,
        url: &str,
        headers: &str,
        body: Option<String>,
        signal: &JsValue,
        timeout_ms: f64,
    ) -> Promise;

    /// `[kind, message, sent]` for a transport failure, undefined for anything else.
    #[wasm_bindgen(js_name = transportFailure)]
    pub fn transport_failure(value: &JsValue) -> JsValue;

    pub fn sleep(ms: f64, signal: &JsValue) -> Promise;

    #[wasm_bindgen(js_name = nowMs)]
    pub fn now_ms() -> f64;

    #[wasm_bindgen(js_name = asyncIterable)]
    pub fn async_iterable(walker: JsValue) -> JsValue;
}
