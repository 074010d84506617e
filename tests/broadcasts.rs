//! listBroadcasts, getBroadcast and getBroadcastMetrics: the requests they build, the parameters
//! they refuse (with `steps` bounded by `period`), and the answers they read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{build, fixture, get_url as url, refusal as refused_at, response};
use customerio_wasm::ops::*;
use serde_json::{json, Value};

#[test]
fn list_broadcasts_gets_the_broadcasts_path_without_a_query() {
    assert_eq!(
        url("listBroadcasts", json!({})),
        "https://api.customer.io/v1/broadcasts"
    );
    assert_eq!(
        url("listBroadcasts", Value::Null),
        "https://api.customer.io/v1/broadcasts"
    );
}

#[test]
fn get_broadcast_puts_the_id_in_the_path_and_accepts_digit_strings() {
    assert_eq!(
        url("getBroadcast", json!({"broadcast_id": "12"})),
        "https://api.customer.io/v1/broadcasts/12"
    );
}

#[test]
fn metrics_send_only_the_given_query_parameters() {
    assert_eq!(
        url("getBroadcastMetrics", json!({"broadcast_id": 11})),
        "https://api.customer.io/v1/broadcasts/11/metrics"
    );
    assert_eq!(
        url(
            "getBroadcastMetrics",
            json!({"broadcast_id": 11, "period": "days", "steps": 30, "type": "email"})
        ),
        "https://api.customer.io/v1/broadcasts/11/metrics?period=days&steps=30&type=email"
    );
}

#[test]
fn steps_up_to_each_periods_maximum_are_accepted_and_zero_means_the_maximum() {
    for (period, max) in [("hours", 24), ("days", 45), ("weeks", 12), ("months", 121)] {
        let sent = url(
            "getBroadcastMetrics",
            json!({"broadcast_id": 1, "period": period, "steps": max}),
        );
        assert!(
            sent.ends_with(&format!("period={period}&steps={max}")),
            "{sent}"
        );
        build(
            "getBroadcastMetrics",
            json!({"broadcast_id": 1, "period": period, "steps": 0}),
        );
    }
}

#[test]
fn steps_over_the_periods_maximum_are_refused_at_steps_naming_the_bound() {
    for (period, over) in [("hours", 25), ("days", 46), ("weeks", 13), ("months", 122)] {
        let (code, field, message) = refused_at(
            "getBroadcastMetrics",
            json!({"broadcast_id": 1, "period": period, "steps": over}),
        );
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some("steps"))
        );
        assert!(
            message.contains(&format!("from 0 to {}", over - 1)) && message.contains(period),
            "{message}"
        );
    }
}

#[test]
fn steps_without_a_period_are_bounded_by_the_default_days() {
    build(
        "getBroadcastMetrics",
        json!({"broadcast_id": 1, "steps": 45}),
    );
    let (code, field, message) = refused_at(
        "getBroadcastMetrics",
        json!({"broadcast_id": 1, "steps": 100}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("steps"))
    );
    assert!(message.contains("days (the default)"), "{message}");
}

#[test]
fn steps_that_are_not_whole_numbers_are_refused() {
    for bad in [json!(-1), json!(2.5), json!("ten"), json!(true)] {
        let (code, field, _) = refused_at(
            "getBroadcastMetrics",
            json!({"broadcast_id": 1, "steps": bad}),
        );
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some("steps")),
            "{bad}"
        );
    }
}

#[test]
fn an_unknown_period_or_type_is_refused_listing_the_allowed_values() {
    let (code, field, message) = refused_at(
        "getBroadcastMetrics",
        json!({"broadcast_id": 1, "period": "years"}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("period"))
    );
    assert!(message.contains("hours, days, weeks, months"), "{message}");
    let (code, field, message) = refused_at(
        "getBroadcastMetrics",
        json!({"broadcast_id": 1, "type": "sms"}),
    );
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("type"))
    );
    assert!(message.contains("live_notification"), "{message}");
}

#[test]
fn a_missing_or_bad_broadcast_id_is_refused_at_broadcast_id() {
    for (name, params) in [
        ("getBroadcast", json!({})),
        ("getBroadcast", json!({"broadcast_id": 0})),
        ("getBroadcastMetrics", json!({"broadcast_id": "abc"})),
    ] {
        let (code, field, _) = refused_at(name, params.clone());
        assert_eq!(
            (code.as_str(), field.as_deref()),
            ("invalid_params", Some("broadcast_id")),
            "{name} {params}"
        );
    }
}

#[test]
fn list_broadcasts_takes_no_parameters() {
    let (code, field, _) = refused_at("listBroadcasts", json!({"limit": 10}));
    assert_eq!(
        (code.as_str(), field.as_deref()),
        ("invalid_params", Some("limit"))
    );
}

#[test]
fn the_broadcast_list_reads_the_reference_example_and_keeps_unknown_fields() {
    let page = ListBroadcasts
        .parse(&response(200, &fixture("broadcasts.json")))
        .unwrap();
    let first = &page.broadcasts.as_ref().unwrap()[0];
    assert_eq!(first.id, 2);
    assert_eq!(first.name.as_deref(), Some("basic"));
    assert_eq!(first.state.as_deref(), Some("running"));
    assert_eq!(first.broadcast_type.as_deref(), Some("triggered_broadcast"));
    assert_eq!(first.tags, Some(json!("nil")));
    let actions = first.actions.as_ref().unwrap();
    assert_eq!(
        (
            actions[0].id,
            actions[1].action_type.as_deref(),
            actions[2].id
        ),
        (Some(3), None, None)
    );
    assert_eq!(first.extra["brand_new_field"], json!({"x": 1}));
    let again = serde_json::to_value(&page).unwrap();
    assert_eq!(again["broadcasts"][0]["brand_new_field"], json!({"x": 1}));
}

#[test]
fn one_broadcast_reads_the_reference_example() {
    let op = GetBroadcast::from_params(json!({"broadcast_id": 2})).unwrap();
    let details = op
        .parse(&response(200, &fixture("broadcast.json")))
        .unwrap();
    assert_eq!(details.broadcast.first_started, Some(1_520_467_200));
    assert_eq!(
        details.broadcast.created_by.as_deref(),
        Some("ExamplePerson")
    );
    assert_eq!(details.broadcast.active, Some(true));
}

#[test]
fn metrics_read_one_count_per_step_for_each_metric() {
    let op = GetBroadcastMetrics::from_params(json!({"broadcast_id": 2})).unwrap();
    let metrics = op
        .parse(&response(200, &fixture("broadcast_metrics.json")))
        .unwrap();
    let series = &metrics.metric.series;
    assert_eq!(series["sent"], vec![0, 11, 29]);
    assert_eq!(series["converted"], vec![0, 0, 1]);
    assert_eq!(metrics.metric.extra["unexpected_total"], json!(99));
}

#[test]
fn a_metrics_answer_with_a_non_integer_count_is_an_invalid_response() {
    let any = AnyOperation::from_name("getBroadcastMetrics", json!({"broadcast_id": 2})).unwrap();
    let e = any
        .check(&response(200, r#"{"metric":{"series":{"sent":[1,"2"]}}}"#))
        .unwrap_err();
    assert_eq!(e.code_str(), "invalid_response");
    assert!(e.message.contains("metric.series.sent[1]"), "{}", e.message);
}

#[test]
fn an_unknown_broadcast_is_not_found() {
    let op = GetBroadcast::from_params(json!({"broadcast_id": 99})).unwrap();
    let e = op
        .parse(&response(
            404,
            r#"{"errors":[{"detail":"broadcast with id 99 does not exist","status":"404"}]}"#,
        ))
        .unwrap_err();
    assert_eq!(e.code_str(), "not_found");
    assert_eq!(e.status, Some(404));
}

#[test]
fn shapes_and_typed_models_agree_on_the_broadcast_fixtures() {
    for (name, params, body) in [
        ("listBroadcasts", json!({}), fixture("broadcasts.json")),
        (
            "getBroadcast",
            json!({"broadcast_id": 2}),
            fixture("broadcast.json"),
        ),
        (
            "getBroadcastMetrics",
            json!({"broadcast_id": 2}),
            fixture("broadcast_metrics.json"),
        ),
    ] {
        let any = AnyOperation::from_name(name, params).unwrap();
        assert_eq!(any.check(&response(200, &body)).unwrap(), None, "{name}");
    }
}
