//! Who a broadcast trigger sends to (`src/params/audience.rs`): exactly one audience, the flags
//! each audience takes, list sizes and entries, `per_user_data` and `data_file_url`.
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
use serde_json::{json, Value};

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
