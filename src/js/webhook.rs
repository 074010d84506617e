//! `verifyWebhook(request, options)`: the binding of the core's webhook rules. The core reads the
//! headers and says which HMACs to compute; WebCrypto computes them (see `webhook.js`); the core
//! compares them in constant time and applies the replay window. No hash and no JSON parser ship
//! in the wasm for it: the options are read as JS values, Stripe's event id with `JSON.parse`.

use crate::prelude::*;

use super::errors::to_js;
use super::params::read_params;
use crate::error::{Error, ErrorCode, Result};
use crate::webhook::{challenge, Challenge, VerifyOptions};
use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(module = "/src/js/webhook.js")]
extern "C" {
    #[wasm_bindgen(js_name = webhookRequest)]
    fn webhook_request(request: &JsValue) -> Array;

    #[wasm_bindgen(js_name = hmacSha256)]
    fn hmac_sha256(key: &[u8], message: &[u8]) -> Promise;

    #[wasm_bindgen(js_name = bodyId)]
    fn body_id(body: &[u8]) -> Option<String>;

    #[wasm_bindgen(js_name = nowSeconds)]
    fn now_seconds() -> f64;

    /// The bytes of a Uint8Array or ArrayBuffer, copied in by wasm-bindgen's own glue rather
    /// than `Uint8Array::to_vec`, whose length assertion links `Debug` formatting.
    #[wasm_bindgen(js_name = bytesOf)]
    fn bytes_of(value: &JsValue) -> Vec<u8>;
}

/// A request as the core reads it: header (name, value) pairs and the body's bytes.
type RawRequest = (Vec<(String, String)>, Vec<u8>);

/// The request's header pairs and body bytes, or `invalid_params` naming the part.
fn read_request(request: &JsValue) -> Result<RawRequest> {
    let parts = webhook_request(request);
    let (first, second) = (parts.get(0), parts.get(1));
    if let Some(message) = second.as_string() {
        return Err(Error::invalid(
            first.as_string().unwrap_or_default(),
            message,
        ));
    }
    let flat: Vec<String> = Array::from(&first)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect();
    let headers = flat
        .chunks_exact(2)
        .filter_map(|pair| match pair {
            [name, value] => Some((name.clone(), value.clone())),
            _ => None,
        })
        .collect();
    Ok((headers, bytes_of(&second)))
}

fn read_options(options: &JsValue) -> Result<VerifyOptions> {
    if options.is_undefined() || options.is_null() {
        return Err(Error::invalid(
            "options",
            "verifyWebhook(request, options): options { scheme, secret } are required",
        ));
    }
    let value = read_params("verifyWebhook", options)?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = now_seconds().max(0.0) as u64;
    VerifyOptions::from_json(&value, now)
}

fn set(target: &Object, key: &str, value: JsValue) {
    // Setting a plain object's own data property cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

/// The synchronous first step: the options, the request, and what to compute.
fn begin(request: &JsValue, options: &JsValue) -> Result<(Challenge, Vec<u8>)> {
    let options = read_options(options)?;
    let (headers, body) = read_request(request)?;
    Ok((challenge(options, &headers, &body)?, body))
}

/// The last step: compare, check the window, and build `{ scheme, id, timestamp }`.
fn end(challenge: Challenge, macs: &[Vec<u8>], body: &[u8]) -> Result<JsValue> {
    let id_from_body = challenge.id_in_body().then(|| body_id(body)).flatten();
    let verified = challenge.finish(macs, id_from_body)?;
    let result = Object::new();
    set(&result, "scheme", JsValue::from_str(verified.scheme));
    set(
        &result,
        "id",
        verified
            .id
            .map_or(JsValue::NULL, |id| JsValue::from_str(&id)),
    );
    #[allow(clippy::cast_precision_loss)]
    let timestamp = verified
        .timestamp
        .map_or(JsValue::NULL, |t| JsValue::from_f64(t as f64));
    set(&result, "timestamp", timestamp);
    Ok(result.into())
}

fn hmac_failed(error: JsValue) -> Error {
    let why = String::from(js_sys::Error::from(error).message());
    refuse!(ErrorCode::Internal, JS_HMAC_FAILED, why)
}

async fn verify(request: JsValue, options: JsValue) -> Result<JsValue> {
    let (challenge, body) = begin(&request, &options)?;
    let mut macs = Vec::with_capacity(challenge.keys().len());
    for key in challenge.keys() {
        let mac = JsFuture::from(hmac_sha256(key, challenge.message()))
            .await
            .map_err(hmac_failed)?;
        macs.push(bytes_of(&mac));
    }
    end(challenge, &macs, &body)
}

/// Verifies a webhook delivery's signature over the exact bytes received. Resolves to
/// `{ scheme, id, timestamp }`; rejects with a CustomerIoError `invalid_signature` (a header
/// missing or malformed, or no secret matches), `expired_signature` (the signed timestamp is
/// outside `toleranceSeconds`) or `invalid_params` (bad options).
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "Promise<VerifiedWebhook>")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookOptions")] options: JsValue,
) -> Promise {
    future_to_promise(async move { verify(request, options).await.map_err(|e| to_js(&e)) })
}

#[wasm_bindgen(typescript_custom_section)]
const WEBHOOK_TYPES: &'static str = r#"
/** An incoming delivery: its headers and the exact bytes of its body (never re-serialized JSON). */
export interface WebhookRequest {
  headers: Headers | Record<string, string>;
  body: string | Uint8Array | ArrayBuffer;
}

export interface VerifyWebhookOptions {
  scheme: WebhookScheme;
  /** The endpoint's signing secret; several while rotating (any may match). */
  secret: string | string[];
  /** How far the signed timestamp may be from `now`, either way (default @default(webhook.toleranceSeconds)). */
  toleranceSeconds?: number;
  /** The clock: a Date or Unix seconds (milliseconds are refused). Default: now. */
  now?: Date | number;
}

export interface VerifiedWebhook {
  scheme: WebhookScheme;
  /** The sender's delivery id, the same on every redelivery (null when the scheme has none). */
  id: string | null;
  /** The signed timestamp, Unix seconds (null for schemes without one). */
  timestamp: number | null;
}
"#;
