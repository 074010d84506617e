//! The edge with `serde_json` for Rust callers (native, or with the `models` feature): their
//! `json!({...})` converts to the core's [`Value`] (so `from_params(json!(..))` keeps working),
//! and back, with the same numbers and the same (sorted) keys.

use crate::prelude::*;

use super::value::{Map, Number, Value, N};

impl From<serde_json::Value> for Value {
    fn from(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(Number::from(&n)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(map) => Value::Object(Map::from_iter(
                map.into_iter().map(|(k, v)| (k, Value::from(v))),
            )),
        }
    }
}

impl From<&serde_json::Number> for Number {
    fn from(n: &serde_json::Number) -> Number {
        if let Some(u) = n.as_u64() {
            Number(N::PosInt(u))
        } else if let Some(i) = n.as_i64() {
            Number(N::NegInt(i))
        } else {
            Number(N::Float(n.as_f64().unwrap_or(0.0)))
        }
    }
}

impl From<Value> for serde_json::Value {
    fn from(value: Value) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(n) => match n.0 {
                N::PosInt(u) => u.into(),
                N::NegInt(i) => i.into(),
                N::Float(f) => serde_json::Number::from_f64(f)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
            },
            Value::String(s) => serde_json::Value::String(s),
            Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(Into::into).collect())
            }
            Value::Object(map) => {
                serde_json::Value::Object(map.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

/// Compares with a caller's `json!` value (tests write `assert_eq!(x.to_json(), json!(..))`).
impl PartialEq<serde_json::Value> for Value {
    fn eq(&self, other: &serde_json::Value) -> bool {
        same(self, other)
    }
}

/// Whether the two values are the same JSON (numbers compared as the core reads them).
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Number(a), J::Number(b)) => *a == Number::from(b),
        (Value::String(a), J::String(b)) => a == b,
        (Value::Array(a), J::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), J::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        _ => false,
    }
}

impl PartialEq<Value> for serde_json::Value {
    fn eq(&self, other: &Value) -> bool {
        other == self
    }
}

impl core::fmt::Display for Value {
    /// The compact JSON text (as serde_json's `Display` of the same value).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&super::to_string(self))
    }
}

impl super::AsValue for serde_json::Value {
    fn as_value(&self) -> alloc::borrow::Cow<'_, Value> {
        alloc::borrow::Cow::Owned(Value::from(self.clone()))
    }
}

/// Comparisons with plain Rust values, as serde_json's (`assert_eq!(trigger["id"], 2)`).
macro_rules! eq_plain {
    ($($t:ty => $read:ident as $wide:ty),*) => {$(
        impl PartialEq<$t> for Value {
            fn eq(&self, other: &$t) -> bool {
                self.$read() == Some(<$wide>::from(*other))
            }
        }
    )*};
}

eq_plain!(i32 => as_i64 as i64, i64 => as_i64 as i64, u32 => as_u64 as u64, u64 => as_u64 as u64, bool => as_bool as bool);

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl crate::messages::Piece for serde_json::Number {
    /// As the core's [`Number`] writes it (the same text as serde_json's `Display`).
    fn put(&self, out: &mut String) {
        Number::from(self).put(out);
    }
}
