//! The operation table is the single description of parameters: every declared parameter is read
//! by its operation and lands where the table says (path, query, body or nowhere).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::build;
use customerio_wasm::spec::{ParamKind, ParamLocation, AUDIENCE_PARAMS, OPERATIONS};
use customerio_wasm::ErrorCode;
use serde_json::{json, Map, Value};

fn sample(kind: ParamKind) -> Value {
    match kind {
        ParamKind::Id => json!(321),
        ParamKind::TriggerId => json!("5-37"),
        ParamKind::Limit { min, .. } => json!(min),
        ParamKind::Timestamp => json!(1_700_000_000),
        ParamKind::Cursor => json!("cursor123"),
        ParamKind::Bool => json!(true),
        ParamKind::Enum(values) => json!(values[0]),
        ParamKind::StringList { .. } => json!(["a@example.com"]),
        ParamKind::Filter => json!({"segment": {"id": 1}}),
        ParamKind::PerUserData { .. } => json!([{"id": "u1"}]),
        ParamKind::Url => json!("https://example.com/f.jsonl"),
        ParamKind::Object { .. } => json!({"k": "v"}),
        ParamKind::True => json!(true),
        ParamKind::Text { .. } => json!("vip"),
        ParamKind::MessageId => json!("ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek="),
        ParamKind::Identifiers => json!({"email": "a@example.com"}),
        ParamKind::TemplateId => json!("order confirmation"),
        ParamKind::Attachments { .. } => json!({"receipt.pdf": "aGk="}),
        ParamKind::EmailHeaders => json!({"X-Order": "1001"}),
    }
}

/// A valid value of `param` of operation `op` where its kind's sample is not enough.
fn sample_of(op: &str, param: &customerio_wasm::spec::ParamSpec) -> Value {
    match (op, param.name) {
        ("sendPush", "custom_device") => json!({"token": "abc", "platform": "ios"}),
        _ => sample(param.kind),
    }
}

#[test]
fn every_declared_parameter_lands_where_the_table_says() {
    for spec in OPERATIONS {
        for param in spec.params {
            // The required parameters plus this one (audiences are exclusive, so one at a time).
            let mut params: Map<String, Value> = spec
                .params
                .iter()
                .filter(|p| p.required)
                .map(|p| (p.name.to_owned(), sample(p.kind)))
                .collect();
            params.insert(param.name.to_owned(), sample_of(spec.name, param));
            // An email needs a template (or its own body, subject and from).
            if spec.name == "sendEmail" {
                params
                    .entry("transactional_message_id")
                    .or_insert(json!("order confirmation"));
            }
            if spec.name == "triggerBroadcast"
                && !params.keys().any(|k| AUDIENCE_PARAMS.contains(&k.as_str()))
            {
                params.insert(
                    "per_user_data".into(),
                    sample(ParamKind::PerUserData { max: 1 }),
                );
            }
            let request = build(spec.name, Value::Object(params));
            assert_eq!(request.method, spec.method, "{}", spec.name);
            let in_query = request.query.iter().any(|(n, _)| n == param.name);
            let in_body = request
                .body
                .as_deref()
                .map(|b| {
                    serde_json::from_str::<Value>(b)
                        .unwrap()
                        .get(param.name)
                        .is_some()
                })
                .unwrap_or(false);
            match param.location {
                ParamLocation::Query => assert!(
                    in_query && !in_body,
                    "{}.{} should be in the query: {}",
                    spec.name,
                    param.name,
                    request.url
                ),
                ParamLocation::Body => assert!(
                    in_body && !in_query,
                    "{}.{} should be in the body",
                    spec.name,
                    param.name
                ),
                ParamLocation::Path => {
                    assert!(
                        !spec.path.contains(&format!("{{{}}}", param.name))
                            || !request.path.contains('{'),
                        "{}",
                        request.path
                    );
                    assert!(!in_query && !in_body);
                }
                ParamLocation::ClientOnly => assert!(
                    !in_query && !in_body,
                    "{}.{} must never be sent",
                    spec.name,
                    param.name
                ),
            }
        }
    }
}

/// Distinct values for the path parameters of one operation, so that two ids swapped in a path
/// could not pass: numbers that differ per position, a trigger id with a dash, a message id whose
/// characters must be percent-encoded.
fn distinct_path_value(kind: ParamKind, position: usize) -> (Value, String) {
    match kind {
        ParamKind::TriggerId => (json!("5-37"), "5-37".into()),
        ParamKind::MessageId => (json!("ag1q/x+y="), "ag1q%2Fx%2By%3D".into()),
        _ => {
            let id = 1_000 + 111 * (position as u64 + 1);
            (json!(id), id.to_string())
        }
    }
}

#[test]
fn every_path_id_lands_in_its_own_segment_of_the_template() {
    for spec in OPERATIONS.iter().filter(|s| s.path.contains('{')) {
        let mut params: Map<String, Value> = spec
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| (p.name.to_owned(), sample_of(spec.name, p)))
            .collect();
        if spec.name == "triggerBroadcast" {
            params.insert("ids".into(), json!([1]));
        }
        let mut expected = std::collections::HashMap::new();
        for (position, param) in spec
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
            .enumerate()
        {
            let (value, encoded) = distinct_path_value(param.kind, position);
            params.insert(param.name.to_owned(), value);
            expected.insert(format!("{{{}}}", param.name), encoded);
        }
        let request = build(spec.name, Value::Object(params));
        let template: Vec<&str> = spec.path.split('/').collect();
        let sent: Vec<&str> = request.path.split('/').collect();
        assert_eq!(
            template.len(),
            sent.len(),
            "{}: {}",
            spec.name,
            request.path
        );
        let mut filled = 0;
        for (want, got) in template.iter().zip(&sent) {
            match expected.get(*want) {
                Some(value) => {
                    assert_eq!(got, value, "{}: {want} in {}", spec.name, request.path);
                    filled += 1;
                }
                None => assert_eq!(got, want, "{}: {}", spec.name, request.path),
            }
        }
        assert_eq!(
            filled,
            expected.len(),
            "{}: every path parameter is in the template",
            spec.name
        );
    }
}

#[test]
fn every_required_parameter_is_required() {
    for spec in OPERATIONS {
        for param in spec.params.iter().filter(|p| p.required) {
            let params: Map<String, Value> = spec
                .params
                .iter()
                .filter(|p| p.required && p.name != param.name)
                .map(|p| (p.name.to_owned(), sample(p.kind)))
                .collect();
            let e = customerio_wasm::ops::AnyOperation::from_name(spec.name, Value::Object(params))
                .unwrap_err();
            assert_eq!(
                (e.code, e.field.as_deref()),
                (ErrorCode::InvalidParams, Some(param.name)),
                "{}",
                spec.name
            );
        }
    }
}

#[test]
fn the_table_covers_every_seed_tool_once() {
    let tools: Vec<&str> = OPERATIONS.iter().filter_map(|op| op.tool).collect();
    assert_eq!(tools, common::seed_tools());
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert!(codes.contains(&"unknown_outcome") && codes.len() == 16);
}

/// Summaries and descriptions go through `text()`, which empties them in the wasm build (the
/// package never shows them): a bare string literal would ship its bytes in every download.
#[test]
fn every_summary_and_description_in_the_table_is_left_out_of_the_wasm() {
    let source = std::fs::read_to_string("src/spec.rs").unwrap();
    let bare: Vec<&str> = source
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("summary: \"") || line.starts_with("description: \"")
        })
        .collect();
    assert!(bare.is_empty(), "wrap these in text(...): {bare:#?}");
}
