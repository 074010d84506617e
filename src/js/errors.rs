//! Core errors as JS `CustomerIoError` objects.

use super::runtime::make_error;
use crate::error::{Error, ErrorCode};
use wasm_bindgen::JsValue;

/// The `CustomerIoError` for a core error.
pub fn to_js(error: &Error) -> JsValue {
    let errors = (!error.errors.is_empty())
        .then(|| serde_json::to_string(&error.errors).ok())
        .flatten();
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

/// An `internal` error: something in the binding that should never happen.
pub fn internal(what: &str) -> Error {
    refuse!(ErrorCode::Internal, JS_BUG_IN_CUSTOMERIOWASM, what)
}
