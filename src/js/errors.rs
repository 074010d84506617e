//! Core errors as JS `CustomerIoError` objects.

use crate::prelude::*;

use super::runtime::make_error;
use crate::error::{ApiErrorItem, Error, ErrorCode};
use crate::json::write_string;
use wasm_bindgen::JsValue;

/// The `CustomerIoError` for a core error.
pub fn to_js(error: &Error) -> JsValue {
    let errors = (!error.errors.is_empty()).then(|| errors_json(&error.errors));
    #[allow(clippy::cast_precision_loss)]
    let retry_after = error.retry_after_ms.map(|ms| ms as f64);
    make_error(
        error.code.as_str(),
        &error.message,
        error.field.clone(),
        error.status,
        retry_after,
        errors,
    )
}

/// The API's error list as the JSON text `CustomerIoError.errors` is read from: each entry's
/// fields in their declared order (`detail`, then `status`, `code`, `pointer` when present), as
/// serde's derived serializer wrote them.
fn errors_json(items: &[ApiErrorItem]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"detail\":");
        write_string(&mut out, &item.detail);
        let optional = [
            ("status", &item.status),
            ("code", &item.code),
            ("pointer", &item.pointer),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                out.push_str(",\"");
                out.push_str(name);
                out.push_str("\":");
                write_string(&mut out, value);
            }
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// An `internal` error: something in the binding that should never happen.
pub fn internal(what: &str) -> Error {
    refuse!(ErrorCode::Internal, JS_BUG_IN_CUSTOMERIOWASM, what)
}
