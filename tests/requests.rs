//! Serialize-and-compare: the exact request each operation builds, for every audience shape.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{body, build, config, KEY};
use customerio_wasm::config::{Config, Region};
use customerio_wasm::ops::{prepare, GetMessages, Operation, TriggerBroadcast};
use customerio_wasm::wire::http::Method;
use serde_json::json;

fn trigger_body(params: serde_json::Value) -> serde_json::Value {
    let request = build("triggerBroadcast", params);
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://api.customer.io/v1/campaigns/7/triggers"
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    body(&request)
}

#[test]
fn trigger_with_ids_sends_ids_data_and_id_flag() {
    let sent = trigger_body(
        json!({"broadcast_id": 7, "ids": ["id1", 4], "data": {"headline": "Hi"}, "id_ignore_missing": true}),
    );
    assert_eq!(
        sent,
        json!({"ids": ["id1", "4"], "data": {"headline": "Hi"}, "id_ignore_missing": true})
    );
}

#[test]
fn trigger_with_emails_sends_emails_and_email_flags() {
    let sent = trigger_body(
        json!({"broadcast_id": "7", "emails": ["a@example.com"], "email_ignore_missing": true, "email_add_duplicates": false}),
    );
    assert_eq!(
        sent,
        json!({"emails": ["a@example.com"], "email_ignore_missing": true, "email_add_duplicates": false})
    );
}

#[test]
fn trigger_with_recipients_sends_the_reference_filter_unchanged() {
    let filter = json!({"and": [{"segment": {"id": 3}},
        {"or": [{"attribute": {"field": "interest", "operator": "eq", "value": "roadrunners"}},
                {"attribute": {"field": "state", "operator": "eq", "value": "NM"}},
                {"not": {"attribute": {"field": "species", "operator": "eq", "value": "roadrunners"}}}]}]});
    let sent = trigger_body(
        json!({"broadcast_id": 7, "recipients": filter, "data": {"headline": "Roadrunner spotted"}}),
    );
    assert_eq!(
        sent,
        json!({"recipients": filter, "data": {"headline": "Roadrunner spotted"}})
    );
}

#[test]
fn trigger_filter_values_are_sent_as_strings_and_exists_has_no_value() {
    let sent = trigger_body(json!({"broadcast_id": 7, "recipients": {"or": [
        {"attribute": {"field": "vip", "operator": "eq", "value": true}},
        {"attribute": {"field": "age", "operator": "eq", "value": 42}},
        {"attribute": {"field": "email", "operator": "exists"}}]}}));
    assert_eq!(
        sent,
        json!({"recipients": {"or": [
        {"attribute": {"field": "vip", "operator": "eq", "value": "true"}},
        {"attribute": {"field": "age", "operator": "eq", "value": "42"}},
        {"attribute": {"field": "email", "operator": "exists"}}]}})
    );
}

#[test]
fn trigger_with_per_user_data_sends_each_entry() {
    let entries = json!([{"id": "wiley_coyote", "data": {"voucher_code": "FESwYm"}}, {"email": "road@runner.net", "data": {"voucher_code": "cYm6XJ"}}, {"id": 9}]);
    let sent = trigger_body(
        json!({"broadcast_id": 7, "per_user_data": entries, "data": {}, "id_ignore_missing": true, "email_ignore_missing": false, "email_add_duplicates": true}),
    );
    assert_eq!(
        sent,
        json!({"per_user_data": [{"id": "wiley_coyote", "data": {"voucher_code": "FESwYm"}}, {"email": "road@runner.net", "data": {"voucher_code": "cYm6XJ"}}, {"id": "9"}],
        "data": {}, "id_ignore_missing": true, "email_ignore_missing": false, "email_add_duplicates": true})
    );
}

#[test]
fn trigger_with_data_file_url_sends_the_url() {
    let sent = trigger_body(
        json!({"broadcast_id": 7, "data_file_url": "https://myFile.example.com/people.jsonl", "data": {}}),
    );
    assert_eq!(
        sent,
        json!({"data_file_url": "https://myFile.example.com/people.jsonl", "data": {}})
    );
}

#[test]
fn trigger_with_default_audience_never_sends_the_opt_in() {
    let sent = trigger_body(
        json!({"broadcast_id": 7, "default_audience": true, "data": {"headline": "x"}}),
    );
    assert_eq!(sent, json!({"data": {"headline": "x"}}));
    assert_eq!(
        trigger_body(json!({"broadcast_id": 7, "default_audience": true})),
        json!({})
    );
}

#[test]
fn get_messages_sends_every_filter_in_the_query_and_nothing_else() {
    let request = build(
        "getMessages",
        json!({"type": "email", "metric": "opened", "campaign_id": 5, "newsletter_id": "6", "action_id": 7,
        "start_ts": 1_700_000_000, "end_ts": "1700086400", "limit": 1000, "start": "abc/+=", "drafts": false}),
    );
    assert_eq!(request.method, Method::Get);
    assert_eq!(request.body, None);
    assert_eq!(request.header("content-type"), None);
    assert_eq!(request.url, "https://api.customer.io/v1/messages?type=email&metric=opened&campaign_id=5&newsletter_id=6&action_id=7&start_ts=1700000000&end_ts=1700086400&limit=1000&start=abc%2F%2B%3D&drafts=false");
}

#[test]
fn a_parameter_left_out_is_left_off_the_wire() {
    assert_eq!(
        build("getMessages", json!({})).url,
        "https://api.customer.io/v1/messages"
    );
    assert_eq!(
        build("getMessages", json!(null)).url,
        "https://api.customer.io/v1/messages"
    );
    assert_eq!(
        build("getMessages", json!({"limit": null, "type": null})).url,
        "https://api.customer.io/v1/messages"
    );
    assert_eq!(
        build("listNewsletters", json!({})).url,
        "https://api.customer.io/v1/newsletters"
    );
}

#[test]
fn segments_transactional_and_newsletters_paths() {
    assert_eq!(
        build("getSegments", json!({})).url,
        "https://api.customer.io/v1/segments"
    );
    assert_eq!(
        build("getSegmentDetails", json!({"segment_id": 42})).url,
        "https://api.customer.io/v1/segments/42"
    );
    assert_eq!(
        build("listTransactionalMessages", json!(null)).url,
        "https://api.customer.io/v1/transactional"
    );
    assert_eq!(
        build(
            "listNewsletters",
            json!({"limit": 100, "sort": "asc", "start": "n2"})
        )
        .url,
        "https://api.customer.io/v1/newsletters?limit=100&sort=asc&start=n2"
    );
}

#[test]
fn trigger_history_paths_use_the_documented_prefixes() {
    assert_eq!(
        build("getTriggers", json!({"broadcast_id": 2})).url,
        "https://api.customer.io/v1/broadcasts/2/triggers"
    );
    assert_eq!(
        build("getTrigger", json!({"broadcast_id": 2, "trigger_id": 456})).url,
        "https://api.customer.io/v1/campaigns/2/triggers/456"
    );
    assert_eq!(
        build(
            "getTrigger",
            json!({"broadcast_id": 2, "trigger_id": "5-37"})
        )
        .url,
        "https://api.customer.io/v1/campaigns/2/triggers/5-37"
    );
    assert_eq!(
        build(
            "getTriggerErrors",
            json!({"broadcast_id": 2, "trigger_id": "12", "start": 20, "limit": 10})
        )
        .url,
        "https://api.customer.io/v1/campaigns/2/triggers/12/errors?start=20&limit=10"
    );
}

#[test]
fn region_and_base_url_choose_the_origin() {
    let eu = Config::for_region(Region::Eu, KEY).unwrap();
    let op = GetMessages::from_params(json!({})).unwrap();
    assert_eq!(op.build(&eu).url, "https://api-eu.customer.io/v1/messages");
    let local = Config::for_base_url("http://127.0.0.1:4010/", KEY).unwrap();
    assert_eq!(op.build(&local).url, "http://127.0.0.1:4010/v1/messages");
    assert_eq!(Region::parse("EU").unwrap(), Region::Eu);
    assert_eq!(
        Region::parse("asia").unwrap_err().field.as_deref(),
        Some("region")
    );
    assert_eq!(
        Config::for_base_url("ftp://x", KEY)
            .unwrap_err()
            .field
            .as_deref(),
        Some("baseUrl")
    );
    assert_eq!(
        Config::for_base_url("https://api.customer.io/v1", KEY)
            .unwrap_err()
            .code_str(),
        "invalid_params"
    );
}

#[test]
fn prepare_redacts_the_key_everywhere() {
    let request = prepare(
        "triggerBroadcast",
        json!({"broadcast_id": 7, "ids": ["a"]}),
        &config(),
    )
    .unwrap();
    assert_eq!(request.header("authorization"), Some("Bearer [REDACTED]"));
    let shown = format!("{request:?} {}", serde_json::to_string(&request).unwrap());
    assert!(!shown.contains(KEY), "{shown}");
    assert!(!format!("{:?}", config()).contains(KEY));
}

#[test]
fn typed_construction_matches_params_construction() {
    use customerio_wasm::params::audience::Audience;
    use customerio_wasm::params::Id;
    let typed = TriggerBroadcast::new(Id::new(7).unwrap(), Audience::Ids(vec!["a".into()]));
    let parsed = TriggerBroadcast::from_params(json!({"broadcast_id": 7, "ids": ["a"]})).unwrap();
    assert_eq!(typed, parsed);
    assert_eq!(typed.build(&config()), parsed.build(&config()));
}
