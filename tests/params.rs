//! Reading an operation's parameter object (`src/params/mod.rs`): ids, limits, enums, cursors,
//! `data`, unknown names with a suggestion, and the shape of every validation error.
//! Each test states a rule of the README's "Validation rules": the stable code, the parameter
//! path in `field`, and a message that says what to send instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{assert_refused, build, refuse, trigger};
use serde_json::json;

#[test]
fn data_is_an_object_of_at_most_50000_bytes() {
    let fits = "x".repeat(50_000 - r#"{"k":""}"#.len());
    build(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "data": {"k": fits}})),
    );
    let too_big = "x".repeat(50_000);
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "data": {"k": too_big}})),
        "invalid_params",
        "data",
        &["at most 50000"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "data": [1, 2]})),
        "invalid_params",
        "data",
        &["must be an object"],
    );
}

#[test]
fn limits_are_in_range() {
    assert_refused(
        "getMessages",
        json!({"limit": 5000}),
        "invalid_params",
        "limit",
        &["1 to 1000"],
    );
    assert_refused(
        "getMessages",
        json!({"limit": 0}),
        "invalid_params",
        "limit",
        &["1 to 1000"],
    );
    assert_refused(
        "getMessages",
        json!({"limit": 2.5}),
        "invalid_params",
        "limit",
        &["whole number"],
    );
    assert_refused(
        "getMessages",
        json!({"limit": "many"}),
        "invalid_params",
        "limit",
        &["whole number"],
    );
    assert_refused(
        "listNewsletters",
        json!({"limit": 101}),
        "invalid_params",
        "limit",
        &["1 to 100"],
    );
    build("getMessages", json!({"limit": 1}));
    build("getMessages", json!({"limit": "1000"}));
    build("listNewsletters", json!({"limit": 100}));
}

#[test]
fn enums_come_from_the_reference() {
    assert_refused(
        "getMessages",
        json!({"type": "sms"}),
        "invalid_params",
        "type",
        &["email, webhook, twilio, whatsapp, slack, push, in_app, live_notification"],
    );
    assert_refused(
        "getMessages",
        json!({"metric": "read"}),
        "invalid_params",
        "metric",
        &["undeliverable"],
    );
    assert_refused(
        "listNewsletters",
        json!({"sort": "newest"}),
        "invalid_params",
        "sort",
        &["asc, desc"],
    );
    for metric in [
        "attempted",
        "sent",
        "delivered",
        "opened",
        "clicked",
        "converted",
        "bounced",
        "spammed",
        "unsubscribed",
        "dropped",
        "failed",
        "undeliverable",
    ] {
        build("getMessages", json!({"metric": metric}));
    }
    build("getMessages", json!({"type": "in_app"}));
}

#[test]
fn ids_are_positive_integers_or_digit_strings() {
    assert_refused(
        "getSegmentDetails",
        json!({"segment_id": 0}),
        "invalid_params",
        "segment_id",
        &["positive integer"],
    );
    assert_refused(
        "getSegmentDetails",
        json!({"segment_id": -3}),
        "invalid_params",
        "segment_id",
        &["positive integer"],
    );
    assert_refused(
        "getSegmentDetails",
        json!({"segment_id": "12a"}),
        "invalid_params",
        "segment_id",
        &["positive integer"],
    );
    assert_refused(
        "getSegmentDetails",
        json!({"segment_id": 1.5}),
        "invalid_params",
        "segment_id",
        &["positive integer"],
    );
    assert_refused(
        "getSegmentDetails",
        json!({"segment_id": 9_007_199_254_740_992u64}),
        "invalid_params",
        "segment_id",
        &["positive integer"],
    );
    assert_refused(
        "getSegmentDetails",
        json!({}),
        "invalid_params",
        "segment_id",
        &["needs segment_id"],
    );
    assert_refused(
        "triggerBroadcast",
        json!({"ids": ["a"]}),
        "invalid_params",
        "broadcast_id",
        &["needs broadcast_id"],
    );
    assert_refused(
        "getMessages",
        json!({"campaign_id": "abc"}),
        "invalid_params",
        "campaign_id",
        &["positive integer"],
    );
    assert_eq!(
        build("getSegmentDetails", json!({"segment_id": "0042"})).path,
        "/v1/segments/42"
    );
}

#[test]
fn trigger_ids_are_integers_or_digits_and_dashes() {
    for bad in [
        json!("5--37"),
        json!("-5"),
        json!("abc"),
        json!("5-"),
        json!(0),
        json!("0"),
        json!(""),
        json!("5/37"),
    ] {
        assert_refused(
            "getTrigger",
            json!({"broadcast_id": 1, "trigger_id": bad}),
            "invalid_params",
            "trigger_id",
            &["5-37"],
        );
    }
    assert_refused(
        "getTrigger",
        json!({"broadcast_id": 1}),
        "invalid_params",
        "trigger_id",
        &["needs trigger_id"],
    );
}

#[test]
fn unknown_parameter_names_are_refused_with_a_suggestion() {
    assert_refused(
        "getMessages",
        json!({"limt": 10}),
        "invalid_params",
        "limt",
        &["did you mean \"limit\"", "It accepts: type, metric"],
    );
    assert_refused(
        "triggerBroadcast",
        json!({"broadcastId": 7, "ids": ["a"]}),
        "invalid_params",
        "broadcastId",
        &["did you mean \"broadcast_id\""],
    );
    assert_refused(
        "getSegments",
        json!({"limit": 10}),
        "invalid_params",
        "limit",
        &["takes no parameters"],
    );
    assert_refused(
        "listNewsletters",
        json!({"page": 2}),
        "invalid_params",
        "page",
        &["It accepts: limit, sort, start"],
    );
}

#[test]
fn parameters_must_be_an_object_and_the_operation_must_exist() {
    let e = refuse("getMessages", json!([1, 2]));
    assert_eq!(e.code_str(), "invalid_params");
    assert!(
        e.message.contains("one object of named parameters"),
        "{}",
        e.message
    );
    let e = refuse("sendFax", json!({}));
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_params", Some("method"))
    );
    assert!(e.message.contains("getMessages"));
}

#[test]
fn cursors_are_strings_or_offsets() {
    assert_refused(
        "getMessages",
        json!({"start": true}),
        "invalid_params",
        "start",
        &["`next` value"],
    );
    assert_refused(
        "listNewsletters",
        json!({"start": {"page": 2}}),
        "invalid_params",
        "start",
        &["`next` value"],
    );
}

#[test]
fn drafts_is_a_boolean() {
    assert_refused(
        "getMessages",
        json!({"drafts": "true"}),
        "invalid_params",
        "drafts",
        &["true or false"],
    );
}

#[test]
fn validation_errors_are_flagged_as_such() {
    assert!(refuse("getMessages", json!({"limit": 0})).is_validation());
    assert!(refuse("triggerBroadcast", json!({"broadcast_id": 1})).is_validation());
}

#[test]
fn a_parameter_name_with_a_bidi_override_is_shown_escaped() {
    let error =
        customerio_wasm::ops::AnyOperation::from_name("getMessages", json!({ "limit\u{202e}": 5 }))
            .unwrap_err();
    assert!(
        error.message.contains("\"limit\\u{202e}\""),
        "{}",
        error.message
    );
    assert!(!error.message.contains('\u{202e}'));
}
