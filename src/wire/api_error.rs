//! Turning a non-2xx answer into an [`Error`]: the code from the status, the API's error list
//! from whichever of its three envelopes the body uses, and `Retry-After` as milliseconds.

use crate::prelude::*;

use crate::error::{ApiErrorItem, Error, ErrorCode};
use crate::params::timestamp::parse_http_date;
use crate::wire::http::HttpResponse;
use serde_json::Value;

/// Longest slice of an unrecognised body quoted in an error.
const RAW_BODY_QUOTE: usize = 300;

/// What a 403 can mean. The code stays `unauthorized` (architecture: 401/403), but unlike a 401
/// the key itself was accepted: it lacks the scope for this request, or (on a broadcast trigger)
/// the API could not download the `data_file_url` file. Reference: "Common API-Triggered
/// Broadcast errors", https://docs.customer.io/journeys/api-triggered-errors (403 case).
const FORBIDDEN_ADVICE: &str = " (forbidden: the key was accepted but may not do this: check that it belongs to this workspace and has the permission this request needs; on a broadcast trigger, a 403 can also mean the API could not download the data_file_url file: check its URL and credentials)";

/// The error for a non-2xx answer.
pub fn error_from_response(response: &HttpResponse) -> Error {
    error_from_answer(response, serde_json::from_slice(&response.body).ok())
}

/// The same, for a body the caller already parsed (`None`: not JSON). The JS binding parses
/// with `JSON.parse`, so the wasm build carries no JSON parser.
pub fn error_from_answer(response: &HttpResponse, parsed: Option<Value>) -> Error {
    let status = response.status;
    let errors = error_list(parsed.as_ref(), &response.body);
    let retry_after_ms = response
        .header("retry-after")
        .and_then(|v| parse_retry_after(v, response.received_at_ms));
    let code = match status {
        401 | 403 => ErrorCode::Unauthorized,
        404 => ErrorCode::NotFound,
        429 => ErrorCode::RateLimited,
        _ => ErrorCode::ApiError,
    };
    let detail = errors
        .first()
        .map(|e| join!(": ", e.detail))
        .unwrap_or_default();
    let advice = match code {
        ErrorCode::Unauthorized if status == 403 => FORBIDDEN_ADVICE.to_owned(),
        ErrorCode::Unauthorized => " (check the App API key and its region us/eu)".to_owned(),
        ErrorCode::RateLimited => match retry_after_ms {
            Some(ms) => msg!(WIRE_RETRY_AFTER_S, ms.div_ceil(1000)),
            None => " (no Retry-After: a daily quota may be exhausted)".to_owned(),
        },
        _ => String::new(),
    };
    Error {
        status: Some(status),
        retry_after_ms,
        errors,
        ..Error::new(code, msg!(WIRE_CUSTOMERIO_ANSWERED, status, detail, advice))
    }
}

/// Reads `Retry-After` as delta-seconds or an HTTP date (relative to `now_ms`, Unix
/// milliseconds), in milliseconds. A date in the past means no wait.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    let at_ms = parse_http_date(value)?.saturating_mul(1000);
    Some(at_ms.saturating_sub(now_ms))
}

/// The API's error list from any of its envelopes: `{"errors":[{detail,status,code,source}]}`,
/// `{"meta":{"error":"…"}}` (or `meta.errors`), and a trigger's `{"errors":["line 3: …"]}`. A
/// body in none of them is quoted as one entry, so nothing the server said is lost.
pub fn parse_error_list(body: &[u8]) -> Vec<ApiErrorItem> {
    error_list(serde_json::from_slice(body).ok().as_ref(), body)
}

fn error_list(parsed: Option<&Value>, body: &[u8]) -> Vec<ApiErrorItem> {
    if let Some(items) = parsed.and_then(known_envelope) {
        return items;
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let quoted: String = text.chars().take(RAW_BODY_QUOTE).collect();
    vec![item(quoted)]
}

fn known_envelope(body: &Value) -> Option<Vec<ApiErrorItem>> {
    if let Some(list) = body.get("errors").and_then(Value::as_array) {
        return Some(list.iter().filter_map(error_entry).collect());
    }
    let meta = body.get("meta")?;
    if let Some(message) = meta.get("error").and_then(Value::as_str) {
        return Some(vec![item(message.to_owned())]);
    }
    let list = meta.get("errors")?.as_array()?;
    Some(list.iter().filter_map(error_entry).collect())
}

fn error_entry(entry: &Value) -> Option<ApiErrorItem> {
    if let Some(text) = entry.as_str() {
        return Some(item(text.to_owned()));
    }
    let text_of = |key: &str| match entry.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(crate::messages::Piece::text(&n)),
        _ => None,
    };
    Some(ApiErrorItem {
        detail: text_of("detail")
            .or_else(|| text_of("title"))
            .or_else(|| text_of("message"))
            .unwrap_or_default(),
        status: text_of("status"),
        code: text_of("code"),
        pointer: entry
            .get("source")
            .and_then(|s| s.get("pointer"))
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

fn item(detail: String) -> ApiErrorItem {
    ApiErrorItem {
        detail,
        status: None,
        code: None,
        pointer: None,
    }
}
