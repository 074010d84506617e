//! Every validation rule (README, "Validation rules"; the code is in `src/params/`): the stable
//! code, the parameter path in `field`, and a message that says what to send instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{build, refuse};
use customerio_wasm::params::filter::MAX_FILTER_DEPTH;
use serde_json::{json, Value};

/// Asserts that `params` are refused with `code` at `field`, and that the message mentions
/// each of `hints`.
fn assert_refused(op: &str, params: Value, code: &str, field: &str, hints: &[&str]) {
    let e = refuse(op, params.clone());
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        (code, Some(field)),
        "{op} {params}: {}",
        e.message
    );
    for hint in hints {
        assert!(
            e.message.contains(hint),
            "{op} {params}: message {:?} lacks {hint:?}",
            e.message
        );
    }
}

fn trigger(extra: Value) -> Value {
    let mut params = json!({"broadcast_id": 7});
    params
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    params
}

#[test]
fn two_audiences_conflict_at_the_second() {
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "emails": ["a@b.co"]})),
        "audience_conflict",
        "emails",
        &["ids and emails", "exactly one"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"recipients": {"segment": {"id": 1}}, "default_audience": true})),
        "audience_conflict",
        "default_audience",
        &["recipients"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(
            json!({"per_user_data": [{"id": "a"}], "data_file_url": "https://x.io/f", "ids": ["b"]}),
        ),
        "audience_conflict",
        "per_user_data",
        &["ids and per_user_data and data_file_url"],
    );
}

#[test]
fn no_audience_is_missing_audience_never_everyone() {
    for params in [
        trigger(json!({})),
        trigger(json!({"data": {"a": 1}, "ids": null})),
    ] {
        let e = refuse("triggerBroadcast", params);
        assert_eq!(
            (e.code_str(), e.field.as_deref()),
            ("missing_audience", None),
            "no single parameter is at fault"
        );
        assert!(
            e.message.contains("exactly one audience")
                && e.message.contains("default_audience: true"),
            "{}",
            e.message
        );
    }
}

#[test]
fn default_audience_accepts_only_true() {
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"default_audience": false})),
        "invalid_params",
        "default_audience",
        &["only accepts true"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"default_audience": "yes"})),
        "invalid_params",
        "default_audience",
        &["only accepts true"],
    );
}

#[test]
fn true_flags_only_with_the_audiences_they_apply_to() {
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "email_ignore_missing": true})),
        "invalid_params",
        "email_ignore_missing",
        &["does not apply to the ids audience"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "email_add_duplicates": true})),
        "invalid_params",
        "email_add_duplicates",
        &["emails, per_user_data, data_file_url, recipients or default_audience"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"emails": ["a@b.co"], "id_ignore_missing": true})),
        "invalid_params",
        "id_ignore_missing",
        &["ids, per_user_data, data_file_url, recipients or default_audience"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "id_ignore_missing": "yes"})),
        "invalid_params",
        "id_ignore_missing",
        &["true or false"],
    );
    for audience in [
        json!({"per_user_data": [{"id": "a"}]}),
        json!({"data_file_url": "https://x.io/f.jsonl"}),
    ] {
        let mut params = trigger(audience);
        params.as_object_mut().unwrap().extend(json!({"id_ignore_missing": true, "email_ignore_missing": true, "email_add_duplicates": true}).as_object().unwrap().clone());
        build("triggerBroadcast", params);
    }
}

#[test]
fn recipients_grammar_reports_the_path_of_the_bad_node() {
    let cases = [
        (json!({}), "recipients", "empty filter"),
        (json!({"and": [], }), "recipients.and", "empty list"),
        (
            json!({"or": {"segment": {"id": 1}}}),
            "recipients.or",
            "non-empty array",
        ),
        (
            json!({"not": [{"segment": {"id": 1}}]}),
            "recipients.not",
            "single filter object",
        ),
        (
            json!({"segment": {"id": 1}, "attribute": {"field": "a", "operator": "exists"}}),
            "recipients",
            "exactly one",
        ),
        (
            json!({"and": [{"segment": {"id": 1}}, {"segment": {"id": "x"}}]}),
            "recipients.and[1].segment.id",
            "positive integer",
        ),
        (
            json!({"and": [{"segment": {"id": 1}}, {"segment": {}}]}),
            "recipients.and[1].segment.id",
            "needs id",
        ),
        (
            json!({"segment": {"id": 1, "name": "VIP"}}),
            "recipients.segment.name",
            "takes only id",
        ),
        (
            json!({"or": [{"attribute": {"field": "a", "operator": "gt", "value": "1"}}]}),
            "recipients.or[0].attribute.operator",
            "\"eq\" or \"exists\"",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "eq"}}),
            "recipients.attribute.value",
            "needs a value",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "exists", "value": "x"}}),
            "recipients.attribute.value",
            "takes no value",
        ),
        (
            json!({"attribute": {"field": "", "operator": "exists"}}),
            "recipients.attribute.field",
            "non-empty string",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "eq", "value": [1]}}),
            "recipients.attribute.value",
            "string, number or boolean",
        ),
        (
            json!({"not": {"segmnt": {"id": 1}}}),
            "recipients.not.segmnt",
            "unknown filter operator",
        ),
        (json!("vip"), "recipients", "filter object"),
    ];
    for (filter, field, hint) in cases {
        assert_refused(
            "triggerBroadcast",
            trigger(json!({"recipients": filter})),
            "invalid_params",
            field,
            &[hint],
        );
    }
}

#[test]
fn recipients_nesting_is_bounded() {
    let mut filter = json!({"segment": {"id": 1}});
    for _ in 0..=MAX_FILTER_DEPTH {
        filter = json!({"not": filter});
    }
    let e = refuse("triggerBroadcast", trigger(json!({"recipients": filter})));
    assert_eq!(e.code_str(), "invalid_params");
    assert!(e.message.contains("nested deeper"), "{}", e.message);
}

#[test]
fn audience_sizes_are_bounded_at_ten_thousand() {
    let ids: Vec<String> = (0..10_000).map(|i| format!("id{i}")).collect();
    build("triggerBroadcast", trigger(json!({"ids": ids})));
    let ids: Vec<String> = (0..10_001).map(|i| format!("id{i}")).collect();
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ids})),
        "invalid_params",
        "ids",
        &["10001", "at most 10000"],
    );
    let emails: Vec<String> = (0..10_001).map(|i| format!("p{i}@example.com")).collect();
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"emails": emails})),
        "invalid_params",
        "emails",
        &["at most 10000"],
    );
    let entries: Vec<Value> = (0..10_001)
        .map(|i| json!({"id": format!("u{i}")}))
        .collect();
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": entries})),
        "invalid_params",
        "per_user_data",
        &["at most 10000"],
    );
}

#[test]
fn audience_lists_must_be_non_empty_and_well_formed() {
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": []})),
        "invalid_params",
        "ids",
        &["empty"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": "a,b"})),
        "invalid_params",
        "ids",
        &["array"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"ids": ["a", ""]})),
        "invalid_params",
        "ids[1]",
        &["customer id"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"emails": ["a@b.co", "not-an-email"]})),
        "invalid_params",
        "emails[1]",
        &["email address"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"emails": ["a b@c.co"]})),
        "invalid_params",
        "emails[0]",
        &["email address"],
    );
}

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
fn per_user_data_entries_have_exactly_one_of_id_and_email() {
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": [{"id": "a", "email": "a@b.co"}]})),
        "invalid_params",
        "per_user_data[0]",
        &["both id and email"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": [{"id": "a"}, {"data": {}}]})),
        "invalid_params",
        "per_user_data[1]",
        &["needs an id or an email"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": [{"id": "a", "name": "Ada"}]})),
        "invalid_params",
        "per_user_data[0].name",
        &["inside data"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": [{"email": "nope"}]})),
        "invalid_params",
        "per_user_data[0].email",
        &["email address"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": [{"id": "a", "data": "x"}]})),
        "invalid_params",
        "per_user_data[0].data",
        &["object"],
    );
    assert_refused(
        "triggerBroadcast",
        trigger(json!({"per_user_data": []})),
        "invalid_params",
        "per_user_data",
        &["empty"],
    );
}

#[test]
fn data_file_url_is_http_or_https() {
    for bad in [
        json!("ftp://x.io/f"),
        json!("https://"),
        json!("file.jsonl"),
        json!(3),
        json!("https://x.io/a b"),
    ] {
        assert_refused(
            "triggerBroadcast",
            trigger(json!({"data_file_url": bad})),
            "invalid_params",
            "data_file_url",
            &["http(s) URL"],
        );
    }
    build(
        "triggerBroadcast",
        trigger(json!({"data_file_url": "http://127.0.0.1:8000/people.jsonl"})),
    );
}

#[test]
fn timestamps_are_whole_unix_seconds_with_hints() {
    assert_refused(
        "getMessages",
        json!({"start_ts": "2024-01-15T00:00:00Z"}),
        "invalid_timestamp",
        "start_ts",
        &["not an ISO string", "1705276800"],
    );
    assert_refused(
        "getMessages",
        json!({"end_ts": "2024-01-15"}),
        "invalid_timestamp",
        "end_ts",
        &["1705276800"],
    );
    assert_refused(
        "getMessages",
        json!({"start_ts": "last tuesday"}),
        "invalid_timestamp",
        "start_ts",
        &["Unix seconds"],
    );
    assert_refused(
        "getMessages",
        json!({"start_ts": 1_700_000_000.5}),
        "invalid_timestamp",
        "start_ts",
        &["whole Unix seconds"],
    );
    assert_refused(
        "getMessages",
        json!({"start_ts": -5}),
        "invalid_timestamp",
        "start_ts",
        &["negative"],
    );
    assert_refused(
        "getMessages",
        json!({"end_ts": 1_700_000_000_000u64}),
        "invalid_timestamp",
        "end_ts",
        &["milliseconds", "1700000000"],
    );
    assert_refused(
        "getMessages",
        json!({"start_ts": true}),
        "invalid_timestamp",
        "start_ts",
        &["Unix seconds"],
    );
    assert_refused(
        "getMessages",
        json!({"start_ts": 1_700_000_100, "end_ts": 1_700_000_000}),
        "invalid_timestamp",
        "start_ts",
        &["after end_ts"],
    );
    build(
        "getMessages",
        json!({"start_ts": 0, "end_ts": 1_700_000_000.0}),
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
