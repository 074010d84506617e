//! Checking a body against a [`crate::wire::shape`] table while it is parsed: one pass over the bytes
//! with serde's visitors, no `serde_json::Value` tree (which cost more time and memory than the
//! check itself on a 1000-message page). Unknown fields are skipped unread; paths for error
//! messages (`messages[3].metrics.opened`) are only rendered when there is an error.

use crate::prelude::*;

use crate::wire::shape::{Field, Kind};
use core::fmt;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Where a value sits in the body.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => f.write_str("the body"),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks `body` as an object with `fields` and returns its top-level `next` (as sent), if any.
/// The error says which field is wrong and why.
pub fn check_body(body: &[u8], fields: &'static [Field]) -> Result<Option<Value>, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let seed = KindSeed {
        kind: Kind::Object(fields),
        nullable: false,
        capture: false,
        path: Path::Root,
    };
    let next = seed
        .deserialize(&mut deserializer)
        .map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    Ok(next)
}

/// Checks one value against `kind`. With `capture`, a scalar is returned (the page's `next`);
/// the root object returns the `next` it captured.
struct KindSeed<'a> {
    kind: Kind,
    nullable: bool,
    capture: bool,
    path: Path<'a>,
}

impl<'de> DeserializeSeed<'de> for KindSeed<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        if self.kind == Kind::Any && !self.capture {
            return deserializer
                .deserialize_ignored_any(IgnoredAny)
                .map(|_| None);
        }
        deserializer.deserialize_any(self)
    }
}

impl KindSeed<'_> {
    fn wrong<E: de::Error>(&self, found: &str) -> E {
        E::custom(format!("{} has the wrong type ({found})", self.path))
    }

    fn scalar<E: de::Error>(
        &self,
        fits: bool,
        found: &str,
        value: impl FnOnce() -> Value,
    ) -> Result<Option<Value>, E> {
        match (fits || self.kind == Kind::Any, self.capture) {
            (false, _) => Err(self.wrong(found)),
            (true, true) => Ok(Some(value())),
            (true, false) => Ok(None),
        }
    }
}

impl<'de> Visitor<'de> for KindSeed<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The kind's name, not `{:?}`: a derived Debug of `Kind` (with its field lists) would
        // link the formatter's struct and padding machinery into the wasm module.
        let kind = match self.kind {
            Kind::Integer => "Integer",
            Kind::String => "String",
            Kind::Bool => "Bool",
            Kind::Object(_) => "Object",
            Kind::Array(_) => "Array",
            Kind::Any => "Any",
            Kind::StringOrInteger => "StringOrInteger",
            Kind::Cursor => "Cursor",
            Kind::NumberMap => "NumberMap",
            Kind::SeriesMap => "SeriesMap",
        };
        write!(f, "{} to be {kind}", self.path)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.scalar(self.kind == Kind::Bool, "boolean", || Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        let fits = matches!(
            self.kind,
            Kind::Integer | Kind::StringOrInteger | Kind::Cursor
        );
        self.scalar(fits, "number", || Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        let fits = matches!(
            self.kind,
            Kind::Integer | Kind::StringOrInteger | Kind::Cursor
        );
        self.scalar(fits, "number", || Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.scalar(false, "a fractional number", || Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let fits = matches!(
            self.kind,
            Kind::String | Kind::StringOrInteger | Kind::Cursor
        );
        self.scalar(fits, "string", || Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        if !self.nullable {
            return Err(E::custom(format!("{} is null", self.path)));
        }
        Ok(self.capture.then_some(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Kind::Array(item) = self.kind else {
            return Err(self.wrong("array"));
        };
        let mut index = 0;
        while seq
            .next_element_seed(KindSeed {
                kind: *item,
                nullable: false,
                capture: false,
                path: Path::Index(&self.path, index),
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match self.kind {
            Kind::Object(fields) => check_fields(&mut map, fields, &self.path),
            Kind::NumberMap => {
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value_seed(KindSeed {
                        kind: Kind::Integer,
                        nullable: false,
                        capture: false,
                        path: Path::Field(&self.path, &key),
                    })?;
                }
                Ok(None)
            }
            Kind::SeriesMap => {
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value_seed(KindSeed {
                        kind: Kind::Array(&Kind::Integer),
                        nullable: false,
                        capture: false,
                        path: Path::Field(&self.path, &key),
                    })?;
                }
                Ok(None)
            }
            _ => Err(self.wrong("object")),
        }
    }
}

/// Checks an object's listed fields, skips the others, then requires the required ones. At the
/// root, returns the `next` field's value.
fn check_fields<'de, A: MapAccess<'de>>(
    map: &mut A,
    fields: &'static [Field],
    path: &Path<'_>,
) -> Result<Option<Value>, A::Error> {
    let at_root = matches!(path, Path::Root);
    let mut seen = 0u64;
    let mut next = None;
    while let Some(found) = map.next_key_seed(FieldIndex(fields))? {
        let Some((index, field)) = found.and_then(|i| fields.get(i).map(|f| (i, f))) else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        let capture = at_root && field.name == "next";
        let value = map.next_value_seed(KindSeed {
            kind: field.kind,
            nullable: field.nullable,
            capture,
            path: Path::Field(path, field.name),
        })?;
        if capture {
            next = value;
        }
        seen |= 1u64
            .checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
            .unwrap_or(0);
    }
    for (index, field) in fields.iter().enumerate() {
        let bit = 1u64
            .checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
            .unwrap_or(0);
        if field.required && seen & bit == 0 {
            return Err(de::Error::custom(format!(
                "{} is missing",
                Path::Field(path, field.name)
            )));
        }
    }
    Ok(next)
}

/// Reads an object key as the index of the listed field it names, without allocating it.
struct FieldIndex(&'static [Field]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|field| field.name == v))
    }
}
