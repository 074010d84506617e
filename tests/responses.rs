//! Reading answers: typed models shaped like the reference's examples that keep every field, the
//! three error envelopes, Retry-After in both forms, and 2xx bodies of the wrong shape.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{fixture, response};
use customerio_wasm::ops::*;
use customerio_wasm::wire::api_error::parse_retry_after;
use customerio_wasm::wire::http::HttpResponse;
use serde_json::json;

fn op<O: Operation>(params: serde_json::Value) -> O {
    O::from_params(params).unwrap()
}

#[test]
fn messages_page_keeps_every_field_and_reads_both_template_names() {
    let page = op::<GetMessages>(json!({}))
        .parse(&response(200, &fixture("messages_page.json")))
        .unwrap();
    let messages = page.messages.as_ref().unwrap();
    assert_eq!(messages.len(), 2);
    let first = &messages[0];
    assert_eq!(first.template_id(), Some(43));
    assert_eq!(first.campaign_id, Some(23));
    assert_eq!(first.broadcast_id, None);
    assert_eq!(
        first
            .customer_identifiers
            .as_ref()
            .unwrap()
            .email
            .as_deref(),
        Some("person@example.com")
    );
    assert_eq!(first.metrics.as_ref().unwrap()["delivered"], 1_619_137_768);
    assert_eq!(first.extra["brand_new_field"], json!({"x": 1}));
    assert_eq!(messages[1].template_id(), Some(44));
    assert_eq!(messages[1].metrics.as_ref().unwrap()["human_opened"], 2);
    assert_eq!(page.next.as_deref(), Some("MTIzNDU="));
    // Re-serialized, the unknown field is still there.
    let round_trip = serde_json::to_value(&page).unwrap();
    assert_eq!(
        round_trip["messages"][0]["brand_new_field"],
        json!({"x": 1})
    );
}

#[test]
fn segments_newsletters_transactional_and_triggers_read_the_reference_examples() {
    let segments = op::<GetSegments>(json!({}))
        .parse(&response(200, &fixture("segments.json")))
        .unwrap();
    let segment = &segments.segments.unwrap()[0];
    assert_eq!(
        (
            segment.id,
            segment.name.as_deref(),
            segment.progress.clone()
        ),
        (7, Some("Manual Segment 1"), None)
    );
    let details = op::<GetSegmentDetails>(json!({"segment_id": 7}))
        .parse(&response(
            200,
            &format!(
                "{{\"segment\":{}}}",
                serde_json::to_string(segment).unwrap()
            ),
        ))
        .unwrap();
    assert_eq!(details.segment.segment_type.as_deref(), Some("manual"));

    let newsletters = op::<ListNewsletters>(json!({}))
        .parse(&response(200, &fixture("newsletters_page.json")))
        .unwrap();
    let list = newsletters.newsletters.as_ref().unwrap();
    assert_eq!(list[0].recipient_segment_ids, Some(vec![42, 99]));
    assert_eq!(
        (list[1].name.clone(), list[1].sent_at, list[1].tags.clone()),
        (None, None, None)
    );
    assert_eq!(newsletters.next, None, "an empty next is the end");

    let templates = op::<ListTransactionalMessages>(json!({}))
        .parse(&response(200, &fixture("transactional.json")))
        .unwrap();
    assert_eq!(
        templates.messages.unwrap()[0].name.as_deref(),
        Some("password reset")
    );

    let triggers = op::<GetTriggers>(json!({"broadcast_id": 2}))
        .parse(&response(200, &fixture("triggers.json")))
        .unwrap();
    assert_eq!(triggers.triggers.unwrap()[0].processed_at, Some(1));
    let trigger = op::<GetTrigger>(json!({"broadcast_id": 2, "trigger_id": 1}))
        .parse(&response(200, &fixture("trigger.json")))
        .unwrap();
    assert_eq!(
        (trigger.id, trigger.processed_at),
        (AnsweredTriggerId::Number(1), None)
    );

    let errors = op::<GetTriggerErrors>(json!({"broadcast_id": 2, "trigger_id": 1}))
        .parse(&response(200, &fixture("trigger_errors.json")))
        .unwrap();
    assert_eq!(errors.errors.unwrap().len(), 2);
    assert_eq!(errors.next, Some(20));

    let result = op::<TriggerBroadcast>(json!({"broadcast_id": 2, "ids": ["a"]}))
        .parse(&response(200, r#"{"id": 3}"#))
        .unwrap();
    assert_eq!(result.id, AnsweredTriggerId::Number(3));
}

#[test]
fn trigger_ids_of_digits_and_dashes_are_read_in_every_trigger_answer() {
    let result = op::<TriggerBroadcast>(json!({"broadcast_id": 2, "ids": ["a"]}))
        .parse(&response(200, r#"{"id": "5-37"}"#))
        .unwrap();
    assert_eq!(result.id, AnsweredTriggerId::Text("5-37".into()));
    assert_eq!(result.id.to_string(), "5-37");
    let trigger = op::<GetTrigger>(json!({"broadcast_id": 5, "trigger_id": "5-37"}))
        .parse(&response(200, r#"{"id": "5-37", "broadcast_id": 5}"#))
        .unwrap();
    assert_eq!(trigger.id, AnsweredTriggerId::Text("5-37".into()));
    let list = op::<GetTriggers>(json!({"broadcast_id": 5}))
        .parse(&response(
            200,
            r#"{"triggers": [{"id": "5-37"}, {"id": 38}]}"#,
        ))
        .unwrap();
    let ids: Vec<String> = list
        .triggers
        .unwrap()
        .iter()
        .map(|t| t.id.to_string())
        .collect();
    assert_eq!(ids, ["5-37", "38"]);
    for (name, params, body) in [
        (
            "triggerBroadcast",
            json!({"broadcast_id": 5, "ids": ["a"]}),
            r#"{"id": "5-37"}"#,
        ),
        (
            "getTrigger",
            json!({"broadcast_id": 5, "trigger_id": "5-37"}),
            r#"{"id": "5-37"}"#,
        ),
        (
            "getTriggers",
            json!({"broadcast_id": 5}),
            r#"{"triggers": [{"id": "5-37"}]}"#,
        ),
    ] {
        let checked = AnyOperation::from_name(name, params)
            .unwrap()
            .check(&response(200, body));
        assert!(checked.is_ok(), "{name}: {checked:?}");
    }
}

#[test]
fn null_lists_are_tolerated() {
    let page = op::<GetSegments>(json!({}))
        .parse(&response(200, r#"{"segments": null}"#))
        .unwrap();
    assert_eq!(page.segments, None);
    let page = op::<GetMessages>(json!({}))
        .parse(&response(200, r#"{"messages": null}"#))
        .unwrap();
    assert_eq!((page.messages, page.next), (None, None));
}

#[test]
fn a_2xx_of_the_wrong_shape_is_invalid_response() {
    for body in [
        r#"{"segments": "lots"}"#,
        "<html>oops</html>",
        r#"{"segments": [{"id": 1"#,
        "",
    ] {
        let e = op::<GetSegments>(json!({}))
            .parse(&response(200, body))
            .unwrap_err();
        assert_eq!(
            (e.code_str(), e.status),
            ("invalid_response", Some(200)),
            "{body}"
        );
        assert!(e.message.contains("getSegments"), "{}", e.message);
    }
    let e = op::<TriggerBroadcast>(json!({"broadcast_id": 2, "ids": ["a"]}))
        .parse(&response(200, r#"{"unexpected": true}"#))
        .unwrap_err();
    assert_eq!(e.code_str(), "invalid_response");
}

#[test]
fn jsonapi_envelope_gives_the_code_status_and_error_list() {
    let e = op::<GetSegments>(json!({}))
        .parse(&response(
            401,
            r#"{"errors":[{"detail":"unauthorized","status":"401"}]}"#,
        ))
        .unwrap_err();
    assert_eq!((e.code_str(), e.status), ("unauthorized", Some(401)));
    assert_eq!(e.errors[0].detail, "unauthorized");
    assert_eq!(e.errors[0].status.as_deref(), Some("401"));
    assert!(e.message.contains("check the App API key"), "{}", e.message);

    let e = op::<GetSegments>(json!({}))
        .parse(&response(
            403,
            r#"{"errors":[{"detail":"forbidden","status":"403"}]}"#,
        ))
        .unwrap_err();
    assert_eq!(e.code_str(), "unauthorized");

    let e = op::<GetSegmentDetails>(json!({"segment_id": 9})).parse(&response(404, r#"{"errors":[{"detail":"not found (reference 01C4MWKQA9XTFNYR68QB7JJ0XA)", "status":"404"}]}"#)).unwrap_err();
    assert_eq!(e.code_str(), "not_found");
    assert!(e
        .message
        .contains("not found (reference 01C4MWKQA9XTFNYR68QB7JJ0XA)"));

    let body = r#"{"errors":[{"detail":"Errors were found while processing per user data","source":{"pointer":"/data/attributes/per_user_data"},"status":"422","code":"invalid_per_user_data"}]}"#;
    let e = op::<TriggerBroadcast>(json!({"broadcast_id": 2, "ids": ["a"]}))
        .parse(&response(422, body))
        .unwrap_err();
    assert_eq!((e.code_str(), e.status), ("api_error", Some(422)));
    assert_eq!(
        e.errors[0].pointer.as_deref(),
        Some("/data/attributes/per_user_data")
    );
    assert_eq!(e.errors[0].code.as_deref(), Some("invalid_per_user_data"));
}

#[test]
fn meta_error_envelope_is_read() {
    let e = op::<GetSegments>(json!({}))
        .parse(&response(400, r#"{"meta":{"error":"malformed request"}}"#))
        .unwrap_err();
    assert_eq!(
        (e.code_str(), e.errors[0].detail.as_str()),
        ("api_error", "malformed request")
    );
    let e = op::<GetSegments>(json!({}))
        .parse(&response(400, r#"{"meta":{"errors":["a","b"]}}"#))
        .unwrap_err();
    assert_eq!(e.errors.len(), 2);
}

#[test]
fn string_list_envelope_is_read() {
    let e = op::<GetTriggerErrors>(json!({"broadcast_id": 2, "trigger_id": 1}))
        .parse(&response(
            400,
            r#"{"errors":["line 3: bad email"],"next":0}"#,
        ))
        .unwrap_err();
    assert_eq!(e.errors[0].detail, "line 3: bad email");
}

#[test]
fn an_unknown_body_is_quoted_not_lost() {
    let e = op::<GetSegments>(json!({}))
        .parse(&response(502, "<html>Bad gateway</html>"))
        .unwrap_err();
    assert_eq!((e.code_str(), e.status), ("api_error", Some(502)));
    assert_eq!(e.errors[0].detail, "<html>Bad gateway</html>");
    let e = op::<GetSegments>(json!({}))
        .parse(&response(500, ""))
        .unwrap_err();
    assert!(e.errors.is_empty());
}

#[test]
fn rate_limit_carries_retry_after_in_milliseconds() {
    let mut answer = response(
        429,
        r#"{"errors":[{"detail":"rate limited to 10 requests per 1s (reference a1b2c3)","status":"429"}]}"#,
    );
    answer.headers.push(("Retry-After".into(), "2".into()));
    let e = op::<GetSegments>(json!({})).parse(&answer).unwrap_err();
    assert_eq!(
        (e.code_str(), e.retry_after_ms),
        ("rate_limited", Some(2000))
    );
    assert!(e.message.contains("retry after 2 s"), "{}", e.message);

    let no_header = response(429, "{}");
    let e = op::<GetSegments>(json!({})).parse(&no_header).unwrap_err();
    assert_eq!(e.retry_after_ms, None);
    assert!(e.message.contains("daily quota"), "{}", e.message);
}

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    assert_eq!(parse_retry_after("10", 0), Some(10_000));
    assert_eq!(parse_retry_after(" 1 ", 0), Some(1000));
    // 1994-11-06 08:49:37 UTC is 784111777.
    let now = 784_111_777_000 - 5_000;
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
        Some(5_000)
    );
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now + 60_000),
        Some(0),
        "a past date means no wait"
    );
    assert_eq!(parse_retry_after("soon", 0), None);
    assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 PST", 0), None);

    let answer = HttpResponse {
        status: 429,
        headers: vec![("retry-after".into(), "Tue, 14 Nov 2023 22:13:25 GMT".into())],
        body: Vec::new(),
        received_at_ms: 1_700_000_000_000,
    };
    let e = op::<GetSegments>(json!({})).parse(&answer).unwrap_err();
    assert_eq!(e.retry_after_ms, Some(5_000));
}

#[test]
fn any_operation_check_returns_the_next_cursor() {
    let messages = AnyOperation::from_name("getMessages", json!({})).unwrap();
    assert_eq!(
        messages
            .check(&response(200, &fixture("messages_page.json")))
            .unwrap()
            .as_deref(),
        Some("MTIzNDU=")
    );
    let newsletters = AnyOperation::from_name("listNewsletters", json!({})).unwrap();
    assert_eq!(
        newsletters
            .check(&response(200, &fixture("newsletters_page.json")))
            .unwrap(),
        None
    );
    let segments = AnyOperation::from_name("getSegments", json!({})).unwrap();
    assert_eq!(
        segments
            .check(&response(200, &fixture("segments.json")))
            .unwrap(),
        None
    );
    assert!(segments.at_cursor("x".into()).is_none());
    assert_eq!(
        segments.check(&response(404, "{}")).unwrap_err().code_str(),
        "not_found"
    );
}
