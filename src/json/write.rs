//! Compact JSON text of a [`Value`], byte for byte what `serde_json::to_string` wrote for the
//! same value: no spaces, keys in the map's (sorted) order, `"`, `\` and control characters
//! escaped (`\b \f \n \r \t`, others as `\u00xx` in lowercase hex), everything else (including
//! `/` and non-ASCII) as it is; integers in decimal, other numbers in the shortest text that
//! reads back the same (`zmij`, as serde_json), a non-finite `f64` as `null`.

use crate::prelude::*;

use super::value::{Number, Value, N};
use crate::messages::push_decimal;

/// `value` as compact JSON text.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends `n` as JSON writes it.
pub(crate) fn write_number(out: &mut String, n: &Number) {
    match n.0 {
        N::PosInt(n) => push_decimal(out, n),
        N::NegInt(n) => {
            out.push('-');
            push_decimal(out, n.unsigned_abs());
        }
        N::Float(f) if f.is_finite() => out.push_str(zmij::Buffer::new().format_finite(f)),
        N::Float(_) => out.push_str("null"),
    }
}

/// Appends `text` as a quoted, escaped JSON string.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(start..at).unwrap_or_default());
        start = at + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            for nibble in [byte >> 4, byte & 0xf] {
                out.push(char::from(
                    HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                ));
            }
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out.push('"');
}
