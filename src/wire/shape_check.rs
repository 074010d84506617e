//! Checking a body against a [`crate::wire::shape`] table: the core's parser reads it
//! ([`crate::json::parse`]), then one walk checks every listed field's kind. Unknown fields are
//! parsed (the body must be JSON) but not checked; paths for error messages
//! (`messages[3].metrics.opened`) are only rendered when there is an error.
//!
//! Decision: parse, then check, rather than serde's streaming visitors: the wasm module carries
//! no serde, and the native 1000-message page costs about the same (README, "Decisions"). Two
//! differences from the streaming check, both in the message of a body with several faults
//! only: members are checked in key order (not the body's order), and a syntax error anywhere
//! wins over a wrong type before it. A syntax error says the byte offset (`at byte 57`) where
//! serde_json said the line and column.

use crate::json::{parse, Map, Value};
use crate::messages::Piece;
use crate::wire::shape::{Field, Kind};

/// Where a value sits in the body.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Piece for Path<'_> {
    fn put(&self, out: &mut String) {
        match self {
            Path::Root => out.push_str("the body"),
            Path::Field(Path::Root, name) => out.push_str(name),
            Path::Field(parent, name) => {
                parent.put(out);
                out.push('.');
                out.push_str(name);
            }
            Path::Index(parent, i) => {
                parent.put(out);
                out.push('[');
                i.put(out);
                out.push(']');
            }
        }
    }
}

/// Checks `body` as an object with `fields` and returns its top-level `next` (as sent), if it
/// is one of the fields. The error says which field is wrong and why.
pub fn check_body(body: &[u8], fields: &'static [Field]) -> Result<Option<Value>, String> {
    let mut value = parse(body).map_err(|e| join!(e.reason, " at byte ", e.offset))?;
    check(&value, Kind::Object(fields), false, &Path::Root)?;
    let wants_next = fields.iter().any(|field| field.name == "next");
    Ok(value
        .as_object_mut()
        .filter(|_| wants_next)
        .and_then(|map| map.remove("next")))
}

/// `path has the wrong type (found)`.
fn wrong(path: &Path<'_>, found: &str) -> String {
    join!(path, " has the wrong type (", found, ")")
}

/// Checks one value against `kind`.
fn check(value: &Value, kind: Kind, nullable: bool, path: &Path<'_>) -> Result<(), String> {
    let fits = |fits: bool, found: &str| {
        if fits {
            Ok(())
        } else {
            Err(wrong(path, found))
        }
    };
    let integer_like = matches!(kind, Kind::Integer | Kind::StringOrInteger | Kind::Cursor);
    match value {
        _ if kind == Kind::Any => Ok(()),
        Value::Null if nullable => Ok(()),
        Value::Null => Err(join!(path, " is null")),
        Value::Bool(_) => fits(kind == Kind::Bool, "boolean"),
        Value::Number(n) if n.is_f64() => fits(false, "a fractional number"),
        Value::Number(_) => fits(integer_like, "number"),
        Value::String(_) => fits(
            matches!(kind, Kind::String | Kind::StringOrInteger | Kind::Cursor),
            "string",
        ),
        Value::Array(items) => {
            let Kind::Array(item) = kind else {
                return Err(wrong(path, "array"));
            };
            for (index, value) in items.iter().enumerate() {
                check(value, *item, false, &Path::Index(path, index))?;
            }
            Ok(())
        }
        Value::Object(map) => match kind {
            Kind::Object(fields) => check_fields(map, fields, path),
            Kind::NumberMap => each_member(map, Kind::Integer, path),
            Kind::SeriesMap => each_member(map, Kind::Array(&Kind::Integer), path),
            _ => Err(wrong(path, "object")),
        },
    }
}

/// Checks every member of a map-like object against `kind`.
fn each_member(map: &Map<String, Value>, kind: Kind, path: &Path<'_>) -> Result<(), String> {
    for (key, value) in map {
        check(value, kind, false, &Path::Field(path, key))?;
    }
    Ok(())
}

/// Checks an object's listed fields (the others are left unchecked), then requires the
/// required ones.
fn check_fields(
    map: &Map<String, Value>,
    fields: &'static [Field],
    path: &Path<'_>,
) -> Result<(), String> {
    for (key, value) in map {
        if let Some(field) = fields.iter().find(|field| field.name == key) {
            check(
                value,
                field.kind,
                field.nullable,
                &Path::Field(path, field.name),
            )?;
        }
    }
    match fields
        .iter()
        .find(|field| field.required && !map.contains_key(field.name))
    {
        Some(field) => Err(join!(Path::Field(path, field.name), " is missing")),
        None => Ok(()),
    }
}
