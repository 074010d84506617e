//! The message template table: every template is well formed, every message the validation
//! produces has all its placeholders filled, and the table the package exports is the core's.
#![allow(clippy::indexing_slicing)]

use customerio_wasm::export;
use customerio_wasm::messages::{fill, fill_template, placeholders, Msg};
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::OPERATIONS;
use customerio_wasm::webhook::VerifyOptions;
use serde_json::{json, Value};

/// The placeholders of the table still in `text`, if any. (A value may itself show braces, as
/// the parameter descriptions do with `{id}`: only the table's own placeholder names count.)
fn leftover_placeholders(text: &str) -> Vec<String> {
    let table: Vec<&str> = Msg::ALL
        .iter()
        .flat_map(|m| placeholders(m.template()))
        .collect();
    placeholders(text)
        .into_iter()
        .filter(|name| table.contains(name))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_template_has_a_unique_name_and_only_lowercase_placeholders() {
    let mut names: Vec<&str> = Msg::ALL.iter().map(|m| m.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Msg::ALL.len());
    for msg in Msg::ALL {
        assert!(!msg.template().is_empty(), "{}", msg.name());
        assert!(!msg.template().contains('\u{1}'), "{}", msg.name());
        for name in placeholders(msg.template()) {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: {name}",
                msg.name()
            );
        }
    }
}

#[test]
fn the_compact_form_the_wasm_carries_is_the_template_with_one_byte_per_placeholder() {
    for msg in Msg::ALL {
        let count = placeholders(msg.template()).len();
        let values: Vec<String> = (0..count).map(|i| format!("<{i}>")).collect();
        let pieces: Vec<&dyn customerio_wasm::messages::Piece> = values
            .iter()
            .map(|v| v as &dyn customerio_wasm::messages::Piece)
            .collect();
        assert_eq!(
            fill(*msg, &pieces),
            fill_template(msg.template(), &pieces),
            "{}",
            msg.name()
        );
        assert_eq!(
            msg.compact().bytes().filter(|b| *b == 1).count(),
            count,
            "{}",
            msg.name()
        );
    }
}

#[test]
fn numbers_are_written_in_decimal_as_display_writes_them() {
    for n in [0u64, 7, 10, 42, 1_000, 9_007_199_254_740_991, u64::MAX] {
        assert_eq!(customerio_wasm::messages::decimal(n), n.to_string());
    }
    for text in [
        "-12",
        "1.5",
        "1e100",
        "-0.0",
        "123456789012345678901234567890",
    ] {
        let number: serde_json::Number = serde_json::from_str(text).unwrap_or_else(|_| 0.into());
        assert_eq!(customerio_wasm::join!(number), number.to_string(), "{text}");
    }
}

/// Wrong values of every kind, for every parameter of every operation.
fn bad_values() -> Vec<Value> {
    vec![
        json!("x y"),
        json!(""),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(true),
        json!([]),
        json!([1, "a", null]),
        json!({}),
        json!({ "a": 1, "b": 2 }),
        json!(1_700_000_000_000u64),
        json!("2024-01-01T00:00:00Z"),
        json!("Invalid Date"),
        json!({ "and": [] }),
        json!({ "segment": { "id": 1, "x": 2 } }),
        json!({ "attribute": { "field": "", "operator": "gt" } }),
        json!({ "f.txt": "not base64!" }),
        json!([{ "id": "u1", "email": "a@b.co" }]),
    ]
}

#[test]
fn every_refusal_of_a_bad_parameter_fills_every_placeholder() {
    let mut checked = 0;
    for op in OPERATIONS {
        for param in op.params {
            for bad in bad_values() {
                let Err(err) = AnyOperation::from_name(op.name, json!({ param.name: bad })) else {
                    continue;
                };
                assert_eq!(
                    leftover_placeholders(&err.message),
                    Vec::<String>::new(),
                    "{}.{}: {}",
                    op.name,
                    param.name,
                    err.message
                );
                assert!(!err.message.contains('\u{1}'), "{}", err.message);
                checked += 1;
            }
        }
        let refused = AnyOperation::from_name(op.name, json!({ "brodcast_id": 1 }));
        let message = refused.err().map(|e| e.message).unwrap_or_default();
        assert!(message.contains("brodcast_id"), "{}: {message}", op.name);
        assert_eq!(leftover_placeholders(&message), Vec::<String>::new());
    }
    assert!(checked > 500, "only {checked} refusals checked");
}

#[test]
fn every_refusal_of_bad_webhook_options_fills_every_placeholder() {
    for options in [
        json!(null),
        json!({ "scheme": "nope", "secret": "s" }),
        json!({ "secret": "s" }),
        json!({ "scheme": "reporting", "secret": [] }),
        json!({ "scheme": "reporting", "secret": [1] }),
        json!({ "scheme": "reporting", "secret": "s", "toleranceSeconds": -1 }),
        json!({ "scheme": "reporting", "secret": "s", "toleranceSeconds": "x" }),
        json!({ "scheme": "reporting", "secret": "s", "extra": 1 }),
    ] {
        let refused = VerifyOptions::from_json(&options, 0);
        let message = refused.err().map(|e| e.message).unwrap_or_default();
        assert!(!message.is_empty(), "accepted {options}");
        assert_eq!(
            leftover_placeholders(&message),
            Vec::<String>::new(),
            "{message}"
        );
    }
}

#[test]
fn the_exported_templates_are_the_cores_by_name() {
    let exported = export::messages();
    let exported = exported.as_object().cloned().unwrap_or_default();
    assert_eq!(exported.len(), Msg::ALL.len());
    for msg in Msg::ALL {
        assert_eq!(exported[msg.name()], msg.template(), "{}", msg.name());
    }
}

#[test]
fn a_refusal_reads_as_its_exported_template_filled_with_its_values() {
    let exported = export::messages();
    let template = exported["ID_POSITIVE"].as_str().unwrap_or_default();
    let err = AnyOperation::from_name("getSegmentCount", json!({ "segment_id": "abc" }))
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert_eq!(
        err,
        fill_template(template, &[&"segment_id", &"the string \"abc\""])
    );
}
