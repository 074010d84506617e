//! `verifyWebhook(request, options)`: the binding of the core's webhook rules. The core reads the
//! headers and says which HMACs to compute; WebCrypto computes them (see `webhook.js`); the core
//! compares them in constant time and applies the replay window.

use super::errors::to_js;
use super::runtime::{params_to_json, parse_json};
use crate::error::{Error, ErrorCode, Result};
use crate::webhook::{challenge, header_pairs, VerifyOptions};
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(module = "/src/js/webhook.js")]
extern "C" {
    #[wasm_bindgen(js_name = webhookRequest)]
    fn webhook_request(request: &JsValue) -> Array;

    #[wasm_bindgen(js_name = hmacSha256)]
    fn hmac_sha256(key: &[u8], message: &[u8]) -> Promise;

    #[wasm_bindgen(js_name = nowSeconds)]
    fn now_seconds() -> f64;
}

/// A request as the core reads it: header (name, value) pairs and the body's bytes.
type RawRequest = (Vec<(String, String)>, Vec<u8>);

/// The request's header pairs and body bytes, or `invalid_params` naming the part.
fn read_request(request: &JsValue) -> Result<RawRequest> {
    let parts = webhook_request(request);
    let first = parts.get(0).as_string().unwrap_or_default();
    let second = parts.get(1);
    if let Some(message) = second.as_string() {
        return Err(Error::invalid(first, message));
    }
    let headers = serde_json::from_str(&first)
        .ok()
        .as_ref()
        .and_then(header_pairs)
        .ok_or_else(|| Error::invalid("headers", "the headers could not be read"))?;
    Ok((headers, Uint8Array::new(&second).to_vec()))
}

fn read_options(options: &JsValue) -> Result<VerifyOptions> {
    let json = params_to_json(options).map_err(|_| {
        Error::invalid(
            "options",
            "the options could not be read: pass { scheme, secret, toleranceSeconds?, now? }",
        )
    })?;
    let value = serde_json::from_str(&json)
        .map_err(|e| Error::invalid("options", format!("the options are not valid JSON: {e}")))?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let now = now_seconds().max(0.0) as u64;
    VerifyOptions::from_json(&value, now)
}

async fn verify(request: JsValue, options: JsValue) -> Result<JsValue> {
    let options = read_options(&options)?;
    let (headers, body) = read_request(&request)?;
    let challenge = challenge(options, &headers, &body)?;
    let mut macs = Vec::with_capacity(challenge.keys().len());
    for key in challenge.keys() {
        let mac = JsFuture::from(hmac_sha256(key, challenge.message()))
            .await
            .map_err(|e| {
                let why = js_sys::Error::from(e).message();
                Error::new(ErrorCode::Internal, format!("HMAC-SHA256 failed: {why}"))
            })?;
        macs.push(Uint8Array::new(&mac).to_vec());
    }
    let verified = challenge.finish(&macs)?;
    let json = verified.to_json().to_string();
    parse_json(&JsValue::from_str(&json))
        .map_err(|_| Error::new(ErrorCode::Internal, "the result could not be read back"))
}

/// Verifies a webhook delivery's signature over the exact bytes received. Resolves to
/// `{ scheme, id, timestamp }`; rejects with a CustomerIoError `invalid_signature` (a header
/// missing or malformed, or no secret matches), `expired_signature` (the signed timestamp is
/// outside `toleranceSeconds`, default 300) or `invalid_params` (bad options).
#[wasm_bindgen(js_name = verifyWebhook, unchecked_return_type = "Promise<VerifiedWebhook>")]
pub fn verify_webhook(
    #[wasm_bindgen(unchecked_param_type = "WebhookRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyWebhookOptions")] options: JsValue,
) -> Promise {
    future_to_promise(async move { verify(request, options).await.map_err(|e| to_js(&e)) })
}

#[wasm_bindgen(typescript_custom_section)]
const WEBHOOK_TYPES: &'static str = r#"
/** The signing schemes `verifyWebhook` knows. */
export type WebhookScheme = "customerio" | "standard" | "stripe" | "github" | "shopify";

/** An incoming delivery: its headers and the exact bytes of its body (never re-serialized JSON). */
export interface WebhookRequest {
  headers: Headers | Record<string, string>;
  body: string | Uint8Array | ArrayBuffer;
}

export interface VerifyWebhookOptions {
  scheme: WebhookScheme;
  /** The endpoint's signing secret; several while rotating (any may match). */
  secret: string | string[];
  /** How far the signed timestamp may be from `now`, either way (default 300). */
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
