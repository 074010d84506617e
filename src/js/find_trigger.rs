//! `findTrigger`: settles an unknown outcome from the broadcast's trigger list. It reads the list
//! with the client's own getTriggers call (its read retries; one code path for every call, so the
//! wasm carries one copy of it) and hands the page to the core's verdict (`policy::outcome`); a
//! list it cannot read is an answer ("unreachable"), not a rejection, because "cannot tell" is one
//! of the things a caller must handle.

use crate::prelude::*;

use super::params::{json_of, read_params};
use super::runtime::parse_json;
use crate::error::Result;
use crate::params::whole_f64;
use crate::policy::outcome::{unreachable, TriggerWindow};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

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

/// The window `params` describe, validated before anything is sent.
pub fn window(params: &JsValue) -> Result<TriggerWindow> {
    TriggerWindow::from_params(&read_params("findTrigger", params)?)
}

/// The getTriggers parameters for the window's broadcast.
pub fn list_params(window: &TriggerWindow) -> Object {
    let params = Object::new();
    #[allow(clippy::cast_precision_loss)] // ids are at most MAX_SAFE_INTEGER: exact as f64.
    let id = JsValue::from_f64(window.broadcast_id.get() as f64);
    let _ = Reflect::set(&params, &"broadcast_id".into(), &id);
    params
}

/// Settles the window once `read` (the getTriggers call's Promise) is done. A failed read is an
/// answer ("unreachable"), except a refused option or an abort, which reject as they came.
pub fn settle(window: TriggerWindow, read: Promise) -> Promise {
    future_to_promise(async move {
        let verdict = match JsFuture::from(read).await {
            Ok(page) => match json_of(&page) {
                Some(page) => window.settle(&page).to_json(),
                None => unreachable(
                    "invalid_response",
                    "the trigger list could not be read as JSON",
                    None,
                ),
            },
            Err(error) => {
                let text = |key: &str| {
                    Reflect::get(&error, &key.into())
                        .ok()
                        .and_then(|v| v.as_string())
                };
                let code = text("code").unwrap_or_else(|| "internal".to_owned());
                if code == "aborted" || code == "invalid_params" {
                    return Err(error);
                }
                let status = Reflect::get(&error, &"status".into())
                    .ok()
                    .and_then(|v| whole_f64(v.as_f64()))
                    .and_then(|s| u16::try_from(s).ok());
                unreachable(&code, &text("message").unwrap_or_default(), status)
            }
        };
        parse_json(&JsValue::from_str(&crate::messages::json_text(&verdict)))
    })
}
