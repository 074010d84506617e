//! The reads around a broadcast (issue 19): segment size, members and dependents; broadcast
//! actions and their metrics; link metrics; deliveries of a broadcast, newsletter or
//! transactional message; one newsletter, transactional message or delivery. The requests they
//! build, the parameters they refuse, the answers they read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{get_url as url, refusal as refused, response};
use customerio_wasm::ops::*;
use customerio_wasm::policy::pagination::Pager;
use serde_json::json;

const API: &str = "https://api.customer.io";

#[test]
fn every_read_puts_its_ids_in_the_documented_path() {
    for (name, params, path) in [
        (
            "getSegmentCount",
            json!({"segment_id": 3}),
            "/v1/segments/3/customer_count",
        ),
        (
            "getSegmentMembership",
            json!({"segment_id": "3"}),
            "/v1/segments/3/membership",
        ),
        (
            "getSegmentDependencies",
            json!({"segment_id": 3}),
            "/v1/segments/3/used_by",
        ),
        (
            "listBroadcastActions",
            json!({"broadcast_id": 11}),
            "/v1/broadcasts/11/actions",
        ),
        (
            "getBroadcastAction",
            json!({"broadcast_id": 11, "action_id": 301}),
            "/v1/broadcasts/11/actions/301",
        ),
        (
            "getBroadcastActionMetrics",
            json!({"broadcast_id": 11, "action_id": 301}),
            "/v1/broadcasts/11/actions/301/metrics",
        ),
        (
            "getBroadcastActionLinkMetrics",
            json!({"broadcast_id": 11, "action_id": 301}),
            "/v1/broadcasts/11/actions/301/metrics/links",
        ),
        (
            "getBroadcastLinkMetrics",
            json!({"broadcast_id": 11}),
            "/v1/broadcasts/11/metrics/links",
        ),
        (
            "getBroadcastMessages",
            json!({"broadcast_id": 11}),
            "/v1/broadcasts/11/messages",
        ),
        (
            "getNewsletter",
            json!({"newsletter_id": 128_250}),
            "/v1/newsletters/128250",
        ),
        (
            "getNewsletterMetrics",
            json!({"newsletter_id": 128_250}),
            "/v1/newsletters/128250/metrics",
        ),
        (
            "getNewsletterLinkMetrics",
            json!({"newsletter_id": 128_250}),
            "/v1/newsletters/128250/metrics/links",
        ),
        (
            "getNewsletterMessages",
            json!({"newsletter_id": 128_250}),
            "/v1/newsletters/128250/messages",
        ),
        (
            "getTransactionalMessage",
            json!({"transactional_id": 3}),
            "/v1/transactional/3",
        ),
        (
            "getTransactionalMetrics",
            json!({"transactional_id": 3}),
            "/v1/transactional/3/metrics",
        ),
        (
            "getTransactionalDeliveries",
            json!({"transactional_id": 3}),
            "/v1/transactional/3/messages",
        ),
    ] {
        assert_eq!(url(name, params), format!("{API}{path}"), "{name}");
    }
}

#[test]
fn a_message_id_is_percent_encoded_in_the_path() {
    assert_eq!(
        url(
            "getMessage",
            json!({"message_id": "ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek="})
        ),
        format!("{API}/v1/messages/ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek%3D")
    );
    assert_eq!(
        url("getMessage", json!({"message_id": "a/b?c"})),
        format!("{API}/v1/messages/a%2Fb%3Fc")
    );
}

#[test]
fn a_message_id_that_is_a_number_or_blank_is_refused_saying_what_it_is() {
    let (code, field, message) = refused("getMessage", json!({"message_id": 43}));
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("message_id"))
    );
    assert!(message.contains("template or action id"), "{message}");
    for bad in [
        json!(""),
        json!("two words"),
        json!("x\n"),
        json!("a".repeat(201)),
    ] {
        let (code, field, _) = refused("getMessage", json!({"message_id": bad}));
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some("message_id"))
        );
    }
    let (_, field, _) = refused("getMessage", json!({}));
    assert_eq!(field.as_deref(), Some("message_id"));
}

#[test]
fn membership_pages_with_start_and_a_limit_up_to_30000() {
    assert_eq!(
        url(
            "getSegmentMembership",
            json!({"segment_id": 3, "start": "abc", "limit": 30_000})
        ),
        format!("{API}/v1/segments/3/membership?start=abc&limit=30000")
    );
    let (code, field, message) = refused(
        "getSegmentMembership",
        json!({"segment_id": 3, "limit": 30_001}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("limit"))
    );
    assert!(message.contains("1 to 30000"), "{message}");
}

#[test]
fn metrics_reads_send_period_steps_and_their_own_filters_only() {
    assert_eq!(
        url(
            "getBroadcastActionMetrics",
            json!({"broadcast_id": 11, "action_id": 301, "period": "weeks", "steps": 12, "type": "email"})
        ),
        format!("{API}/v1/broadcasts/11/actions/301/metrics?period=weeks&steps=12&type=email")
    );
    assert_eq!(
        url(
            "getBroadcastLinkMetrics",
            json!({"broadcast_id": 11, "unique": true, "period": "days"})
        ),
        format!("{API}/v1/broadcasts/11/metrics/links?period=days&unique=true")
    );
    assert_eq!(
        url(
            "getNewsletterMetrics",
            json!({"newsletter_id": 5, "type": "inbox"})
        ),
        format!("{API}/v1/newsletters/5/metrics?type=inbox")
    );
    assert_eq!(
        url(
            "getTransactionalMetrics",
            json!({"transactional_id": 3, "period": "months", "steps": 121})
        ),
        format!("{API}/v1/transactional/3/metrics?period=months&steps=121")
    );
}

#[test]
fn steps_is_bounded_by_the_period_on_every_metrics_read() {
    for (name, ids) in [
        (
            "getBroadcastActionMetrics",
            json!({"broadcast_id": 1, "action_id": 2}),
        ),
        (
            "getBroadcastActionLinkMetrics",
            json!({"broadcast_id": 1, "action_id": 2}),
        ),
        ("getBroadcastLinkMetrics", json!({"broadcast_id": 1})),
        ("getNewsletterMetrics", json!({"newsletter_id": 1})),
        ("getNewsletterLinkMetrics", json!({"newsletter_id": 1})),
        ("getTransactionalMetrics", json!({"transactional_id": 1})),
    ] {
        let mut params = ids.clone();
        params["period"] = json!("hours");
        params["steps"] = json!(25);
        let (code, field, message) = refused(name, params);
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some("steps")),
            "{name}"
        );
        assert!(message.contains("0 to 24"), "{name}: {message}");
        let mut params = ids;
        params["steps"] = json!(46);
        let (_, field, message) = refused(name, params);
        assert_eq!(field.as_deref(), Some("steps"), "{name}");
        assert!(message.contains("(the default)"), "{name}: {message}");
    }
}

#[test]
fn each_metrics_read_refuses_the_filters_its_page_does_not_list() {
    // The action link page lists `type` and no `unique`; the broadcast and newsletter link pages
    // `unique` and no `type`; the transactional metrics page neither.
    for (name, params, unknown) in [
        (
            "getBroadcastActionLinkMetrics",
            json!({"broadcast_id": 1, "action_id": 2, "unique": true}),
            "unique",
        ),
        (
            "getBroadcastLinkMetrics",
            json!({"broadcast_id": 1, "type": "email"}),
            "type",
        ),
        (
            "getTransactionalMetrics",
            json!({"transactional_id": 1, "type": "email"}),
            "type",
        ),
        (
            "getNewsletterMessages",
            json!({"newsletter_id": 1, "state": "sent"}),
            "state",
        ),
    ] {
        let (code, field, _) = refused(name, params);
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some(unknown)),
            "{name}"
        );
    }
}

#[test]
fn newsletter_metrics_take_the_newsletter_channels() {
    let (_, field, message) = refused(
        "getNewsletterMetrics",
        json!({"newsletter_id": 1, "type": "slack"}),
    );
    assert_eq!(field.as_deref(), Some("type"));
    assert!(message.contains("inbox"), "{message}");
}

#[test]
fn delivery_lists_send_only_the_filters_given() {
    assert_eq!(
        url(
            "getBroadcastMessages",
            json!({"broadcast_id": 11, "start": "c1", "limit": 5, "metric": "opened", "state": "sent", "type": "email", "start_ts": 1_700_000_000, "end_ts": 1_700_086_400})
        ),
        format!("{API}/v1/broadcasts/11/messages?start=c1&limit=5&metric=opened&state=sent&type=email&start_ts=1700000000&end_ts=1700086400")
    );
    assert_eq!(
        url(
            "getTransactionalDeliveries",
            json!({"transactional_id": 3, "state": "failed", "start": ""})
        ),
        format!("{API}/v1/transactional/3/messages?state=failed")
    );
}

#[test]
fn delivery_lists_keep_the_timestamp_rules() {
    for name in [
        "getBroadcastMessages",
        "getNewsletterMessages",
        "getTransactionalDeliveries",
    ] {
        let id = match name {
            "getBroadcastMessages" => "broadcast_id",
            "getNewsletterMessages" => "newsletter_id",
            _ => "transactional_id",
        };
        let (code, field, message) =
            refused(name, json!({id: 1, "start_ts": "2024-01-01T00:00:00Z"}));
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_timestamp", Some("start_ts")),
            "{name}"
        );
        assert!(message.contains("1704067200"), "{name}: {message}");
        let (code, field, _) = refused(name, json!({id: 1, "end_ts": 1_700_000_000_000_u64}));
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_timestamp", Some("end_ts")),
            "{name}"
        );
        let (code, _, _) = refused(
            name,
            json!({id: 1, "start_ts": 1_700_000_100, "end_ts": 1_700_000_000}),
        );
        assert_eq!(code, "invalid_timestamp", "{name}");
    }
}

#[test]
fn delivery_metric_filters_are_the_five_the_pages_list() {
    let (code, field, message) = refused(
        "getBroadcastMessages",
        json!({"broadcast_id": 1, "metric": "converted"}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("metric"))
    );
    assert!(
        message.contains("attempted, sent, delivered, opened, clicked"),
        "{message}"
    );
    let (_, field, _) = refused(
        "getTransactionalDeliveries",
        json!({"transactional_id": 1, "state": "bounced"}),
    );
    assert_eq!(field.as_deref(), Some("state"));
}

#[test]
fn the_new_paginated_reads_walk_their_pages_and_stop_on_a_repeated_cursor() {
    let mut pager =
        Pager::new(GetSegmentMembership::from_params(json!({"segment_id": 3})).unwrap());
    let first =
        r#"{"identifiers":[{"id":"a","email":"a@x.co","cio_id":"c1"}],"ids":["a"],"next":"n1"}"#;
    let page = pager
        .next_request()
        .unwrap()
        .parse(&response(200, first))
        .unwrap();
    pager.record(&page).unwrap();
    assert_eq!(pager.next_request().unwrap().start.as_deref(), Some("n1"));
    let err = pager.record(&page).unwrap_err();
    assert_eq!(err.code_str(), "invalid_response");

    let any = AnyOperation::from_name(
        "getBroadcastMessages",
        json!({"broadcast_id": 11, "start": "s0"}),
    )
    .unwrap();
    assert_eq!(any.items_field(), Some("messages"));
    assert_eq!(any.start_cursor(), Some("s0"));
    let next = any
        .check(&response(200, r#"{"messages":[],"next":"s1"}"#))
        .unwrap();
    assert_eq!(next.as_deref(), Some("s1"));
    let moved = any.at_cursor("s1".into()).unwrap();
    assert!(moved.build(&common::config()).url.contains("start=s1"));
    for name in [
        "getNewsletterMessages",
        "getTransactionalDeliveries",
        "getSegmentMembership",
    ] {
        assert!(AnyOperation::items_field_of(name).is_some(), "{name}");
    }
}

#[test]
fn segment_count_answer_is_read_with_fields_kept() {
    let op = GetSegmentCount::from_params(json!({"segment_id": 7})).unwrap();
    let count = op
        .parse(&response(200, r#"{"segment_id":7,"count":1204,"as_of":1}"#))
        .unwrap();
    assert_eq!(count.count, 1204);
    assert_eq!(count.extra["as_of"], json!(1));
    let e = op
        .parse(&response(404, r#"{"errors":[{"detail":"not found"}]}"#))
        .unwrap_err();
    assert_eq!(e.code_str(), "not_found");
}

#[test]
fn link_metrics_read_each_link_and_its_clicks() {
    let op = GetBroadcastLinkMetrics::from_params(json!({"broadcast_id": 11})).unwrap();
    let body = r#"{"links":[{"link":{"id":1,"href":"https://example.com/sale"},"metric":{"series":{"clicked":[1,2]}}}]}"#;
    let links = op.parse(&response(200, body)).unwrap().links.unwrap();
    assert_eq!(
        links[0].link.as_ref().unwrap().href.as_deref(),
        Some("https://example.com/sale")
    );
    assert_eq!(
        links[0].metric.as_ref().unwrap().series.as_ref().unwrap()["clicked"],
        vec![1, 2]
    );
}
