//! `findTrigger`: settles an unknown outcome from the broadcast's trigger list. It reads the list
//! with getTriggers (under the client's read retries) and hands it to the core's verdict
//! (`policy::outcome`); a list it cannot read is an answer ("unreachable"), not a rejection,
//! because "cannot tell" is one of the three things a caller must handle.

use super::call::Client;
use super::options::CallOptions;
use super::params::read_params;
use super::runtime::parse_json;
use crate::error::{ErrorCode, Result};
use crate::ops::AnyOperation;
use crate::policy::outcome::{unreachable, TriggerWindow};
use js_sys::Promise;
use serde_json::{json, Value};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Where `findTrigger` looks: the broadcast's triggers created from `after` to `before`, inclusive. */
export interface FindTriggerParams {
  broadcast_id: Id;
  /** When the attempt started: Unix seconds or a Date (created_at is whole seconds). */
  after: Timestamp;
  /** The latest time the attempt's trigger may have been created: the time you look, after a timeout. */
  before: Timestamp;
  /** Triggers you already account for (e.g. the ids of your other sends), left out of the search. */
  exclude?: (number | string)[];
}

/** The verdict of `findTrigger`. */
export type FindTriggerResult =
  /** Exactly one trigger was created in the window: the attempt was sent, this is its trigger. */
  | { outcome: "found"; trigger: Trigger }
  /** None was: the attempt created no trigger (as far as the list shows when you look). */
  | { outcome: "none" }
  /** More than one could be it (something else triggers this broadcast): it cannot tell. */
  | { outcome: "ambiguous"; candidates: Trigger[] }
  /** The list could not be read: it cannot tell; `error` says why (`code` is a CustomerIoError code). */
  | { outcome: "unreachable"; error: { code: string; message: string; status?: number } };
"#;

/// Validates the window, reads the list and settles it. Rejects only on bad parameters
/// (before anything is sent) and on the caller's abort.
pub fn find(client: Rc<Client>, params: &JsValue, options: &JsValue) -> Promise {
    let prepared = prepare(params, options, client.timeout_ms);
    future_to_promise(async move {
        let (window, list, call) = prepared.map_err(|e| client.error(&e))?;
        let verdict = match client.execute(&list, &call).await {
            Ok(answer) => match super::params::json_of(&answer.body) {
                Some(page) => window.settle(&page).to_json(),
                None => {
                    json!({ "outcome": "unreachable", "error": { "code": "invalid_response", "message": "the trigger list could not be read as JSON" } })
                }
            },
            Err(error) if error.code == ErrorCode::Aborted => return Err(client.error(&error)),
            Err(error) => unreachable(&error.redact(client.config.api_key().expose())),
        };
        to_js(&verdict)
    })
}

fn prepare(
    params: &JsValue,
    options: &JsValue,
    timeout_ms: f64,
) -> Result<(TriggerWindow, AnyOperation, CallOptions)> {
    let window = TriggerWindow::from_params(&read_params("findTrigger", params)?)?;
    let list = AnyOperation::from_name(
        "getTriggers",
        json!({ "broadcast_id": window.broadcast_id.get() }),
    )?;
    Ok((window, list, CallOptions::read(options, timeout_ms)?))
}

fn to_js(value: &Value) -> std::result::Result<JsValue, JsValue> {
    parse_json(&JsValue::from_str(&value.to_string()))
}
