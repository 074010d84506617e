//! The typed Rust models (`ops::*::Output`) say what the answer shapes say (`wire::shape`, the
//! one source the JS answer check, the tool schemas and the TypeScript types are made from):
//! a body with every shape field reads into the model and comes back unchanged (so the model
//! knows each field, or keeps it), every field the model writes is a shape field, every null the
//! shape allows is read, and a numeric cursor reaches Rust as the string JS callers get.
//! Bodies are built from the shapes themselves, so a field added to a shape is covered at once.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::ops::*;
use customerio_wasm::spec::OPERATIONS;
use customerio_wasm::wire::shape::{Field, Kind};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Reads a body into an operation's typed model and writes the model back.
type RoundTrip = fn(Value) -> Result<Value, String>;

fn round_trip<O: Operation>(body: Value) -> Result<Value, String>
where
    O::Output: Serialize,
{
    let model: O::Output = serde_json::from_value(body).map_err(|e| e.to_string())?;
    serde_json::to_value(model).map_err(|e| e.to_string())
}

/// Every operation with its answer shape and its model's round trip.
fn models() -> Vec<(&'static str, &'static [Field], RoundTrip)> {
    macro_rules! models {
        ($($op:ty),* $(,)?) => {
            vec![$((<$op>::SPEC.name, <$op>::SHAPE, round_trip::<$op> as RoundTrip)),*]
        };
    }
    models!(
        TriggerBroadcast,
        GetMessages,
        GetSegments,
        GetSegmentDetails,
        ListNewsletters,
        ListTransactionalMessages,
        GetTriggers,
        GetTrigger,
        GetTriggerErrors,
        ListBroadcasts,
        GetBroadcast,
        GetBroadcastMetrics,
        GetSegmentCount,
        GetSegmentMembership,
        GetSegmentDependencies,
        ListBroadcastActions,
        GetBroadcastAction,
        GetBroadcastActionMetrics,
        GetBroadcastActionLinkMetrics,
        GetBroadcastLinkMetrics,
        GetBroadcastMessages,
        GetNewsletter,
        GetNewsletterMetrics,
        GetNewsletterLinkMetrics,
        GetNewsletterMessages,
        GetMessage,
        GetTransactionalMessage,
        GetTransactionalMetrics,
        GetTransactionalDeliveries,
        SendEmail,
        SendPush,
        SendSms,
        SendInApp,
        SendInboxMessage,
    )
}

/// Which fields a sample body carries, and how.
#[derive(Clone, Copy, PartialEq)]
enum Sample {
    /// Every field, none null.
    Full,
    /// Only the required fields.
    Required,
    /// Every field, null wherever the shape allows null.
    Nulls,
}

/// A valid value of `kind` (objects filled as `sample` says).
fn value_of(kind: Kind, sample: Sample) -> Value {
    match kind {
        Kind::Integer => json!(7),
        Kind::String => json!("text"),
        Kind::Bool => json!(true),
        Kind::Any => json!(["any", 1]),
        Kind::StringOrInteger => json!("5-37"),
        Kind::Cursor => json!("cursor"),
        Kind::NumberMap => json!({ "opened": 1_619_137_768 }),
        Kind::SeriesMap => json!({ "sent": [1, 2] }),
        Kind::Object(fields) => body(fields, sample),
        Kind::Array(item) => json!([value_of(*item, sample)]),
    }
}

fn body(fields: &[Field], sample: Sample) -> Value {
    let mut out = Map::new();
    for field in fields {
        let value = match sample {
            Sample::Required if !field.required => continue,
            Sample::Nulls if field.nullable => Value::Null,
            _ => value_of(field.kind, sample),
        };
        out.insert(field.name.to_owned(), value);
    }
    Value::Object(out)
}

/// The keys of `written` that `fields` does not list, at any depth, as paths.
fn unknown_keys(written: &Value, fields: &[Field], path: &str, out: &mut Vec<String>) {
    let Some(object) = written.as_object() else {
        return;
    };
    for (key, value) in object {
        let here = format!("{path}.{key}");
        match fields
            .iter()
            .find(|f| f.name == key.as_str())
            .map(|f| f.kind)
        {
            None => out.push(here),
            Some(Kind::Object(inner)) => unknown_keys(value, inner, &here, out),
            Some(Kind::Array(Kind::Object(inner))) => {
                for item in value.as_array().into_iter().flatten() {
                    unknown_keys(item, inner, &format!("{here}[]"), out);
                }
            }
            Some(_) => {}
        }
    }
}

#[test]
fn every_operation_has_its_model_checked_here() {
    let checked: Vec<&str> = models().iter().map(|(name, _, _)| *name).collect();
    let table: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    assert_eq!(checked, table);
}

#[test]
fn a_body_with_every_shape_field_reads_into_the_model_and_comes_back_unchanged() {
    for (name, shape, round_trip) in models() {
        let full = body(shape, Sample::Full);
        let back = round_trip(full.clone()).unwrap_or_else(|e| panic!("{name}: {e}\n{full}"));
        assert_eq!(
            back, full,
            "{name}: the model lost or changed a shape field"
        );
    }
}

#[test]
fn every_field_a_model_writes_is_a_field_of_its_shape() {
    for (name, shape, round_trip) in models() {
        for sample in [Sample::Required, Sample::Full] {
            let back = round_trip(body(shape, sample)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut unknown = Vec::new();
            unknown_keys(&back, shape, "", &mut unknown);
            assert!(
                unknown.is_empty(),
                "{name}: the model writes {unknown:?}, which the shape does not list"
            );
        }
    }
}

#[test]
fn the_model_reads_a_body_with_only_the_required_fields() {
    for (name, shape, round_trip) in models() {
        let minimal = body(shape, Sample::Required);
        round_trip(minimal.clone()).unwrap_or_else(|e| panic!("{name}: {e}\n{minimal}"));
    }
}

#[test]
fn the_model_reads_null_wherever_the_shape_allows_it() {
    for (name, shape, round_trip) in models() {
        let nulls = body(shape, Sample::Nulls);
        round_trip(nulls.clone()).unwrap_or_else(|e| panic!("{name}: {e}\n{nulls}"));
    }
}

#[test]
fn a_numeric_cursor_reaches_rust_as_its_string_like_in_js() {
    let mut seen = 0;
    for (name, shape, round_trip) in models() {
        for field in shape.iter().filter(|f| f.kind == Kind::Cursor) {
            let mut numeric = body(shape, Sample::Full);
            numeric[field.name] = json!(12);
            let back = round_trip(numeric).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back[field.name], json!("12"), "{name}.{}", field.name);
            seen += 1;
        }
    }
    assert!(seen >= 6, "only {seen} cursors were found in the shapes");
}

#[test]
fn an_integer_where_the_shape_takes_a_string_or_an_integer_is_read() {
    fn integers(kind: Kind, value: &mut Value) {
        match (kind, value) {
            (Kind::StringOrInteger, v) => *v = json!(7),
            (Kind::Object(fields), Value::Object(map)) => {
                for field in fields {
                    if let Some(v) = map.get_mut(field.name) {
                        integers(field.kind, v);
                    }
                }
            }
            (Kind::Array(item), Value::Array(items)) => {
                items.iter_mut().for_each(|v| integers(*item, v));
            }
            _ => {}
        }
    }
    for (name, shape, round_trip) in models() {
        let mut full = body(shape, Sample::Full);
        integers(Kind::Object(shape), &mut full);
        let back = round_trip(full.clone()).unwrap_or_else(|e| panic!("{name}: {e}\n{full}"));
        assert_eq!(back, full, "{name}");
    }
}

/// A value `kind` refuses (none for any JSON value).
fn wrong_value(kind: Kind) -> Option<Value> {
    match kind {
        Kind::Any => None,
        Kind::Integer | Kind::Object(_) | Kind::Array(_) | Kind::NumberMap | Kind::SeriesMap => {
            Some(json!("wrong"))
        }
        Kind::String | Kind::Bool | Kind::StringOrInteger | Kind::Cursor => Some(json!({})),
    }
}

/// Every copy of `full` with one field (at any depth, the first item of a list) of the wrong
/// type, with its path.
fn one_field_wrong(full: &Value, fields: &[Field], path: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for field in fields {
        let here = format!("{path}.{}", field.name);
        let with = |v: Value| {
            let mut copy = full.clone();
            copy[field.name] = v;
            copy
        };
        if let Some(wrong) = wrong_value(field.kind) {
            out.push((here.clone(), with(wrong)));
        }
        let inner = match field.kind {
            Kind::Object(inner) => one_field_wrong(&full[field.name], inner, &here),
            Kind::Array(Kind::Object(inner)) => {
                one_field_wrong(&full[field.name][0], inner, &format!("{here}[0]"))
                    .into_iter()
                    .map(|(p, item)| (p, json!([item])))
                    .collect()
            }
            _ => Vec::new(),
        };
        out.extend(inner.into_iter().map(|(p, v)| (p, with(v))));
    }
    out
}

#[test]
fn every_shape_field_is_typed_in_the_model_not_only_kept() {
    for (name, shape, round_trip) in models() {
        for (path, wrong) in one_field_wrong(&body(shape, Sample::Full), shape, "") {
            assert!(
                round_trip(wrong).is_err(),
                "{name}{path}: a wrong type is read, so the model does not type this shape field"
            );
        }
    }
}
