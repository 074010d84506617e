//! The answer shapes the JS layer checks (`shape`) agree with the typed models Rust callers get
//! (`ops`): the same bodies pass, and a wrong type or a missing required field anywhere fails
//! both.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{fixture, response};
use customerio_wasm::ops::*;
use customerio_wasm::wire::shape::{Field, Kind};
use serde_json::{json, Value};

fn wrong_value(kind: Kind) -> Option<Value> {
    match kind {
        Kind::Integer => Some(json!("12")),
        Kind::String => Some(json!(12)),
        Kind::Bool => Some(json!("yes")),
        Kind::Object(_) => Some(json!(7)),
        Kind::Array(_) => Some(json!("x")),
        Kind::StringOrInteger | Kind::Cursor => Some(json!(true)),
        Kind::NumberMap => Some(json!({"opened": "yesterday"})),
        Kind::SeriesMap => Some(json!({"sent": [1, "2"]})),
        Kind::Any => None,
    }
}

/// Every body obtained by breaking one field of `body` (recursing into objects and the first
/// item of arrays), with a description.
fn broken_bodies(body: &Value, fields: &[Field], path: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for field in fields {
        let Some(present) = body.get(field.name) else {
            continue;
        };
        let here = format!("{path}.{}", field.name);
        let replace = |v: Value| {
            let mut copy = body.clone();
            copy[field.name] = v;
            copy
        };
        if let Some(wrong) = wrong_value(field.kind) {
            out.push((format!("{here} wrong type"), replace(wrong)));
        }
        if field.required {
            let mut copy = body.clone();
            copy.as_object_mut().unwrap().remove(field.name);
            out.push((format!("{here} missing"), copy));
        }
        if !field.nullable {
            out.push((format!("{here} null"), replace(Value::Null)));
        }
        let nested = match field.kind {
            Kind::Object(inner) => broken_bodies(present, inner, &here),
            Kind::Array(Kind::Object(inner)) if present.get(0).is_some() => {
                broken_bodies(&present[0], inner, &format!("{here}[0]"))
                    .into_iter()
                    .map(|(what, item)| {
                        let mut list = present.clone();
                        list[0] = item;
                        (what, replace(list))
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        for (what, inner) in nested {
            out.push((what, replace(inner)));
        }
    }
    out
}

fn agree<O: Operation>(params: Value, body: &str) {
    let op = O::from_params(params.clone()).unwrap();
    let any = AnyOperation::from_name(O::SPEC.name, params).unwrap();
    let good: Value = serde_json::from_str(body).unwrap();
    assert!(
        op.parse(&response(200, body)).is_ok(),
        "{} typed refused its fixture",
        O::SPEC.name
    );
    assert!(
        any.check(&response(200, body)).is_ok(),
        "{} shape refused its fixture",
        O::SPEC.name
    );
    let broken = broken_bodies(&good, O::SHAPE, "");
    assert!(!broken.is_empty());
    for (what, bad) in broken {
        let text = bad.to_string();
        let typed = op.parse(&response(200, &text)).map(|_| ());
        let shaped = any.check(&response(200, &text)).map(|_| ());
        assert!(
            typed.is_err() && shaped.is_err(),
            "{} {what}: typed {typed:?}, shape {shaped:?}",
            O::SPEC.name
        );
        let e = shaped.unwrap_err();
        assert_eq!(e.code_str(), "invalid_response");
    }
}

#[test]
fn shapes_and_typed_models_agree_on_every_fixture() {
    agree::<GetMessages>(json!({}), &fixture("messages_page.json"));
    agree::<GetSegments>(json!({}), &fixture("segments.json"));
    agree::<GetSegmentDetails>(
        json!({"segment_id": 7}),
        r#"{"segment":{"id":7,"name":"VIP","tags":null,"created_at":1}}"#,
    );
    agree::<ListNewsletters>(json!({}), &fixture("newsletters_page.json"));
    agree::<ListTransactionalMessages>(json!({}), &fixture("transactional.json"));
    agree::<GetTriggers>(json!({"broadcast_id": 2}), &fixture("triggers.json"));
    agree::<GetTrigger>(
        json!({"broadcast_id": 2, "trigger_id": 1}),
        r#"{"id":1,"broadcast_id":2,"created_at":1552341937,"processed_at":1}"#,
    );
    agree::<GetTriggerErrors>(
        json!({"broadcast_id": 2, "trigger_id": 1}),
        &fixture("trigger_errors.json"),
    );
    agree::<TriggerBroadcast>(json!({"broadcast_id": 2, "ids": ["a"]}), r#"{"id":3}"#);
    agree::<ListBroadcasts>(json!({}), &fixture("broadcasts.json"));
    agree::<GetBroadcast>(json!({"broadcast_id": 2}), &fixture("broadcast.json"));
    agree::<GetBroadcastMetrics>(
        json!({"broadcast_id": 2}),
        &fixture("broadcast_metrics.json"),
    );
}

#[test]
fn a_list_answer_without_its_list_is_refused_but_a_null_list_is_an_answer() {
    for (name, list) in [
        ("getMessages", "messages"),
        ("getSegments", "segments"),
        ("listNewsletters", "newsletters"),
        ("listTransactionalMessages", "messages"),
    ] {
        let any = AnyOperation::from_name(name, json!({})).unwrap();
        assert_eq!(
            any.check(&response(200, r#"{"unexpected": true}"#))
                .unwrap_err()
                .code_str(),
            "invalid_response",
            "{name}"
        );
        assert!(
            any.check(&response(200, &format!("{{\"{list}\": null}}")))
                .is_ok(),
            "{name}"
        );
    }
}

#[test]
fn the_shape_error_names_the_offending_field() {
    let any = AnyOperation::from_name("getMessages", json!({})).unwrap();
    let e = any
        .check(&response(
            200,
            r#"{"messages":[{"id":"a"},{"id":"b","created":"yesterday"}]}"#,
        ))
        .unwrap_err();
    assert!(e.message.contains("messages[1].created"), "{}", e.message);
    let e = any
        .check(&response(200, r#"{"messages":[], "next": {"page": 2}}"#))
        .unwrap_err();
    assert!(e.message.contains("next"), "{}", e.message);
}

#[test]
fn shapes_and_typed_models_agree_on_the_reads_around_a_broadcast() {
    agree::<GetSegmentCount>(json!({"segment_id": 7}), r#"{"segment_id":7,"count":1}"#);
    agree::<GetSegmentMembership>(
        json!({"segment_id": 7}),
        r#"{"identifiers":[{"id":"a","email":"a@x.co","cio_id":"c1"}],"ids":["a",""],"next":"n"}"#,
    );
    agree::<GetSegmentDependencies>(
        json!({"segment_id": 7}),
        r#"{"segment_id":7,"used_by":{"campaigns":[1],"sent_newsletters":[2],"draft_newsletters":[]}}"#,
    );
    let action = r#"{"id":96,"broadcast_id":2,"deduplicate_id":"15:1492548073","name":"Opening Message","type":"email","created":1552341937,"updated":1552341937,"sending_state":"automatic","language":"fr","subject":"Hi","body":"<p>x</p>"}"#;
    agree::<ListBroadcastActions>(
        json!({"broadcast_id": 2}),
        &format!(r#"{{"actions":[{action}]}}"#),
    );
    agree::<GetBroadcastAction>(
        json!({"broadcast_id": 2, "action_id": 96}),
        &format!(r#"{{"action":{action}}}"#),
    );
    let metrics = r#"{"metric":{"series":{"sent":[1,2],"opened":[0,1]}}}"#;
    agree::<GetBroadcastActionMetrics>(json!({"broadcast_id": 2, "action_id": 96}), metrics);
    agree::<GetNewsletterMetrics>(json!({"newsletter_id": 2}), metrics);
    agree::<GetTransactionalMetrics>(json!({"transactional_id": 2}), metrics);
    let links = r#"{"links":[{"link":{"id":1,"href":"https://example.com"},"metric":{"series":{"clicked":[1,0]}}}]}"#;
    agree::<GetBroadcastActionLinkMetrics>(json!({"broadcast_id": 2, "action_id": 96}), links);
    agree::<GetBroadcastLinkMetrics>(json!({"broadcast_id": 2}), links);
    agree::<GetNewsletterLinkMetrics>(json!({"newsletter_id": 2}), links);
    let page = fixture("messages_page.json");
    agree::<GetBroadcastMessages>(json!({"broadcast_id": 2}), &page);
    agree::<GetNewsletterMessages>(json!({"newsletter_id": 2}), &page);
    agree::<GetTransactionalDeliveries>(json!({"transactional_id": 2}), &page);
    let messages: Value = serde_json::from_str(&page).unwrap();
    agree::<GetMessage>(
        json!({"message_id": "ag1q"}),
        &json!({"message": messages["messages"][0]}).to_string(),
    );
    let newsletters: Value = serde_json::from_str(&fixture("newsletters_page.json")).unwrap();
    agree::<GetNewsletter>(
        json!({"newsletter_id": 2}),
        &json!({"newsletter": newsletters["newsletters"][0]}).to_string(),
    );
    let templates: Value = serde_json::from_str(&fixture("transactional.json")).unwrap();
    agree::<GetTransactionalMessage>(
        json!({"transactional_id": 2}),
        &json!({"message": templates["messages"][0]}).to_string(),
    );
}
