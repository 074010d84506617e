//! What Customer.io's App API reference allows, the client allows: its example requests pass
//! unchanged, its newer enum values and parameters are accepted, and its answers are described
//! as it describes them. Sources (checked 2026-12-02):
//! https://docs.customer.io/integrations/api/app/tag/send-messages/triggerBroadcast/,
//! https://docs.customer.io/integrations/api/app/tag/messages/listMessages/,
//! https://docs.customer.io/journeys/api-triggered-errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{body, build, refuse, response, trigger};
use customerio_wasm::ops::{GetMessages, GetTriggerErrors, Operation, TriggerBroadcast};
use customerio_wasm::spec::{GET_MESSAGES, MESSAGE_TYPES};
use customerio_wasm::wire::shape::{check_answer, MESSAGES_PAGE};
use serde_json::json;

const FLAGS: [&str; 3] = [
    "email_add_duplicates",
    "email_ignore_missing",
    "id_ignore_missing",
];

#[test]
fn the_reference_default_audience_example_is_sent_unchanged() {
    let example = json!({"data": {"headline": "Roadrunner spotted in Albuquerque!", "date": 1511315635, "text": "…"},
        "email_add_duplicates": false, "email_ignore_missing": false, "id_ignore_missing": false});
    let mut params = trigger(json!({"default_audience": true}));
    params
        .as_object_mut()
        .unwrap()
        .extend(example.as_object().unwrap().clone());
    assert_eq!(body(&build("triggerBroadcast", params)), example);
}

#[test]
fn the_default_audience_and_a_recipients_filter_take_every_flag() {
    for audience in [
        json!({"default_audience": true}),
        json!({"recipients": {"segment": {"id": 3}}}),
    ] {
        for flag in FLAGS {
            let mut params = trigger(audience.clone());
            params[flag] = json!(true);
            let sent = body(&build("triggerBroadcast", params));
            assert_eq!(sent[flag], json!(true), "{audience} {flag}");
        }
    }
}

#[test]
fn a_flag_set_to_false_is_accepted_with_any_audience_and_left_off_where_it_does_not_apply() {
    let sent = body(&build(
        "triggerBroadcast",
        trigger(
            json!({"ids": ["a"], "email_add_duplicates": false, "email_ignore_missing": false, "id_ignore_missing": false}),
        ),
    ));
    assert_eq!(sent, json!({"ids": ["a"], "id_ignore_missing": false}));
    let sent = body(&build(
        "triggerBroadcast",
        trigger(json!({"emails": ["a@b.co"], "id_ignore_missing": false})),
    ));
    assert_eq!(sent, json!({"emails": ["a@b.co"]}));
}

#[test]
fn a_true_flag_of_the_other_identifier_list_is_still_refused() {
    let e = refuse(
        "triggerBroadcast",
        trigger(json!({"ids": ["a"], "email_ignore_missing": true})),
    );
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_params", Some("email_ignore_missing"))
    );
    assert!(e
        .message
        .contains("false, the default, is accepted anywhere"));
}

#[test]
fn live_notification_is_a_message_type() {
    assert!(MESSAGE_TYPES.contains(&"live_notification"));
    let request = build("getMessages", json!({"type": "live_notification"}));
    assert!(request.url.ends_with("/v1/messages?type=live_notification"));
}

#[test]
fn get_tracked_responses_is_sent_in_the_query() {
    assert!(GET_MESSAGES.param("get_tracked_responses").is_some());
    let request = build(
        "getMessages",
        json!({"get_tracked_responses": true, "limit": 5}),
    );
    assert!(
        request.url.ends_with("?limit=5&get_tracked_responses=true"),
        "{}",
        request.url
    );
    let e = refuse("getMessages", json!({"get_tracked_responses": "yes"}));
    assert_eq!(e.field.as_deref(), Some("get_tracked_responses"));
}

#[test]
fn a_message_with_tracked_responses_is_read_and_checked() {
    let page = r#"{"messages":[{"id":"m1","type":"in_app","metrics":{"sent":1},"tracked_responses":{"survey_yes":1}}],"next":""}"#;
    assert!(check_answer("getMessages", 200, page.as_bytes(), MESSAGES_PAGE).is_ok());
    let op = GetMessages::from_params(json!({"get_tracked_responses": true})).unwrap();
    let parsed = op.parse(&response(200, page)).unwrap();
    let message = &parsed.messages.unwrap()[0];
    assert_eq!(
        message.tracked_responses.as_ref().unwrap()["survey_yes"],
        json!(1)
    );
    let wrong = r#"{"messages":[{"id":"m1","tracked_responses":"yes"}]}"#;
    let e = check_answer("getMessages", 200, wrong.as_bytes(), MESSAGES_PAGE).unwrap_err();
    assert!(e.message.contains("tracked_responses"), "{}", e.message);
}

#[test]
fn an_empty_start_cursor_means_the_first_page_and_is_left_off_the_wire() {
    assert!(build("getMessages", json!({"start": ""}))
        .url
        .ends_with("/v1/messages"));
    assert!(build("listNewsletters", json!({"start": "", "limit": 10}))
        .url
        .ends_with("/v1/newsletters?limit=10"));
    let errors =
        GetTriggerErrors::from_params(json!({"broadcast_id": 1, "trigger_id": 2, "start": ""}))
            .unwrap();
    assert!(errors.query().is_empty());
}

#[test]
fn a_403_keeps_the_unauthorized_code_but_says_what_a_403_means() {
    let op = TriggerBroadcast::from_params(
        json!({"broadcast_id": 1, "data_file_url": "https://files.example.com/p.jsonl"}),
    )
    .unwrap();
    let body = r#"{"errors":["failed to download data file, server responded with code 403 Forbidden"],"next":0}"#;
    let e = op.parse(&response(403, body)).unwrap_err();
    assert_eq!((e.code_str(), e.status), ("unauthorized", Some(403)));
    assert!(
        e.message.contains("failed to download data file"),
        "{}",
        e.message
    );
    assert!(e.message.contains("permission"), "{}", e.message);
    assert!(e.message.contains("data_file_url"), "{}", e.message);
    assert!(
        !e.message.contains("check the App API key"),
        "{}",
        e.message
    );
}

#[test]
fn a_401_still_says_to_check_the_key() {
    let op = GetMessages::from_params(json!({})).unwrap();
    let e = op
        .parse(&response(
            401,
            r#"{"errors":[{"detail":"unauthorized","status":"401"}]}"#,
        ))
        .unwrap_err();
    assert!(e.message.contains("check the App API key"), "{}", e.message);
    assert!(!e.message.contains("data_file_url"), "{}", e.message);
}
