//! The core's own JSON: a value type ([`Value`]), a strict parser ([`parse`]) and a compact
//! writer ([`to_string`]), so that the wasm module needs neither `serde_json` nor its `BTreeMap`
//! and error formatting.
//!
//! Decisions:
//! - Objects keep their keys **sorted** (a sorted list, see [`Map`]), as `serde_json::Map` (a
//!   `BTreeMap`) did: request bodies, the unknown-parameter check (the first unknown name in key
//!   order is the one reported) and the golden tests keep exactly the text and order they had.
//!   A duplicate key keeps its last value, as `BTreeMap::insert` and serde_json's parser do.
//! - Integers stay exact (`u64`/`i64`); other numbers are `f64`, written in the shortest form
//!   that reads back the same (the `zmij` algorithm serde_json uses, so the text is unchanged).
//! - The native build converts to and from `serde_json::Value` at the edge
//!   ([`Value::from`], [`AsValue`]), so Rust callers keep passing `json!({...})`.

mod parse;
mod value;
mod write;

#[cfg(any(feature = "models", not(target_arch = "wasm32")))]
mod serde_edge;

use alloc::borrow::Cow;

pub(crate) use parse::Parser;
pub use parse::{parse, ParseError, MAX_DEPTH};
pub use value::{Map, Number, Value};
pub(crate) use write::write_number;
pub use write::{to_string, write_string};

/// A JSON value taken by reference at the core's edge: the core's own [`Value`] (borrowed), or
/// in the native build a Rust caller's `serde_json::Value` (converted), so that functions such
/// as `VerifyOptions::from_json(&json!({..}), now)` accept both.
pub trait AsValue {
    /// The value as the core's [`Value`].
    fn as_value(&self) -> Cow<'_, Value>;
}

impl AsValue for Value {
    fn as_value(&self) -> Cow<'_, Value> {
        Cow::Borrowed(self)
    }
}
