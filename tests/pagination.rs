//! Following cursors: the end on null, "" or a missing `next`; the guard against a repeated
//! cursor; integer offsets for a trigger's errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{config, response};
use customerio_wasm::ops::{GetMessages, GetTriggerErrors, ListNewsletters, Operation, Paginated};
use customerio_wasm::policy::pagination::{CursorGuard, Pager};
use serde_json::json;

#[test]
fn the_next_request_carries_the_cursor_and_keeps_the_filters() {
    let first = GetMessages::from_params(json!({"type": "email", "limit": 2})).unwrap();
    let second = first.at_cursor("c/2".into());
    assert_eq!(
        second.build(&config()).url,
        "https://api.customer.io/v1/messages?type=email&limit=2&start=c%2F2"
    );
}

#[test]
fn null_empty_and_missing_next_all_end_the_list() {
    for body in [
        r#"{"newsletters":[],"next":null}"#,
        r#"{"newsletters":[],"next":""}"#,
        r#"{"newsletters":[]}"#,
    ] {
        let op = ListNewsletters::from_params(json!({})).unwrap();
        let page = op.parse(&response(200, body)).unwrap();
        assert_eq!(ListNewsletters::next_cursor(&page), None, "{body}");
    }
}

#[test]
fn a_numeric_next_is_accepted_as_a_cursor() {
    let op = ListNewsletters::from_params(json!({})).unwrap();
    let page = op
        .parse(&response(200, r#"{"newsletters":[],"next":25}"#))
        .unwrap();
    assert_eq!(ListNewsletters::next_cursor(&page).as_deref(), Some("25"));
}

#[test]
fn the_pager_walks_to_the_end() {
    let mut pager = Pager::new(ListNewsletters::from_params(json!({"limit": 1})).unwrap());
    let pages = [
        r#"{"newsletters":[{"id":1}],"next":"a"}"#,
        r#"{"newsletters":[{"id":2}],"next":"b"}"#,
        r#"{"newsletters":[{"id":3}],"next":null}"#,
    ];
    let mut urls = Vec::new();
    for body in pages {
        let op = pager.next_request().unwrap().clone();
        urls.push(op.build(&config()).url);
        pager
            .record(&op.parse(&response(200, body)).unwrap())
            .unwrap();
    }
    assert!(pager.next_request().is_none());
    assert_eq!(
        urls,
        [
            "https://api.customer.io/v1/newsletters?limit=1",
            "https://api.customer.io/v1/newsletters?limit=1&start=a",
            "https://api.customer.io/v1/newsletters?limit=1&start=b",
        ]
    );
}

#[test]
fn a_repeated_cursor_stops_the_walk_with_invalid_response() {
    let mut guard = CursorGuard::new(None);
    assert_eq!(
        guard.advance(Some("a".into())).unwrap().as_deref(),
        Some("a")
    );
    assert_eq!(
        guard.advance(Some("b".into())).unwrap().as_deref(),
        Some("b")
    );
    let e = guard.advance(Some("a".into())).unwrap_err();
    assert_eq!(e.code_str(), "invalid_response");
    assert!(e.message.contains("endless loop"));
    assert!(guard.is_finished());

    let mut from_start = CursorGuard::new(Some("s"));
    assert_eq!(
        from_start.advance(Some("s".into())).unwrap_err().code_str(),
        "invalid_response"
    );

    let mut pager = Pager::new(GetMessages::from_params(json!({})).unwrap());
    let op = pager.next_request().unwrap().clone();
    pager
        .record(
            &op.parse(&response(200, r#"{"messages":[],"next":"x"}"#))
                .unwrap(),
        )
        .unwrap();
    let op = pager.next_request().unwrap().clone();
    let e = pager
        .record(
            &op.parse(&response(200, r#"{"messages":[],"next":"x"}"#))
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.code_str(), "invalid_response");
}

#[test]
fn trigger_errors_page_by_integer_offset_and_end_at_null_or_zero() {
    let op =
        GetTriggerErrors::from_params(json!({"broadcast_id": 1, "trigger_id": 2, "limit": 10}))
            .unwrap();
    let page = op
        .parse(&response(200, r#"{"errors":["line 1: x"],"next":10}"#))
        .unwrap();
    let next = GetTriggerErrors::next_cursor(&page).unwrap();
    assert_eq!(
        op.at_cursor(next).build(&config()).url,
        "https://api.customer.io/v1/campaigns/1/triggers/2/errors?start=10&limit=10"
    );
    for body in [
        r#"{"errors":[],"next":0}"#,
        r#"{"errors":[],"next":null}"#,
        r#"{"errors":[]}"#,
    ] {
        let page = op.parse(&response(200, body)).unwrap();
        assert_eq!(GetTriggerErrors::next_cursor(&page), None, "{body}");
    }
}
