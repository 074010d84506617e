//! Settling an unknown outcome from the trigger list (`findTrigger`'s pure half): the window's
//! parameters, and the verdict on a list.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::policy::outcome::{unreachable_after, Settled, TriggerWindow};
use customerio_wasm::{Error, ErrorCode};
use serde_json::{json, Value};

fn window(params: Value) -> TriggerWindow {
    TriggerWindow::from_params(&params).unwrap()
}

fn refusal(params: Value) -> (String, Option<String>) {
    let error = TriggerWindow::from_params(&params).unwrap_err();
    (error.code_str().to_owned(), error.field)
}

fn list(created: &[(u64, u64)]) -> Value {
    let triggers: Vec<Value> = created
        .iter()
        .map(|(id, at)| json!({ "id": id, "broadcast_id": 7, "created_at": at, "processed_at": at + 2 }))
        .collect();
    json!({ "triggers": triggers })
}

#[test]
fn the_one_trigger_created_inside_the_window_is_found() {
    let w = window(json!({ "broadcast_id": 7, "after": 1_700_000_010, "before": 1_700_000_012 }));
    let page = list(&[(1, 1_700_000_000), (2, 1_700_000_011), (3, 1_700_000_030)]);
    let Settled::Found(trigger) = w.settle(&page) else {
        panic!("not found")
    };
    assert_eq!(trigger["id"], 2);
}

#[test]
fn the_window_includes_both_ends() {
    let w = window(json!({ "broadcast_id": 7, "after": 100, "before": 105 }));
    assert!(matches!(w.settle(&list(&[(1, 100)])), Settled::Found(_)));
    assert!(matches!(w.settle(&list(&[(1, 105)])), Settled::Found(_)));
    assert_eq!(w.settle(&list(&[(1, 99), (2, 106)])), Settled::None);
}

#[test]
fn no_trigger_inside_the_window_is_none() {
    let w = window(json!({ "broadcast_id": 7, "after": 200, "before": 210 }));
    assert_eq!(w.settle(&list(&[(1, 100), (2, 300)])), Settled::None);
    assert_eq!(w.settle(&json!({ "triggers": [] })), Settled::None);
    assert_eq!(w.settle(&json!({ "triggers": null })), Settled::None);
}

#[test]
fn two_triggers_inside_the_window_cannot_be_told_apart() {
    let w = window(json!({ "broadcast_id": 7, "after": 200, "before": 210 }));
    let Settled::Ambiguous(candidates) = w.settle(&list(&[(1, 201), (2, 209)])) else {
        panic!("not ambiguous")
    };
    assert_eq!(candidates.len(), 2);
}

#[test]
fn excluded_triggers_are_the_callers_own_known_ones_and_do_not_count() {
    let w = window(json!({ "broadcast_id": 7, "after": 200, "before": 210, "exclude": [1, "3"] }));
    let Settled::Found(trigger) = w.settle(&list(&[(1, 201), (2, 205), (3, 209)])) else {
        panic!("not found")
    };
    assert_eq!(trigger["id"], 2);
}

#[test]
fn a_trigger_without_a_readable_creation_time_cannot_be_ruled_out() {
    let w = window(json!({ "broadcast_id": 7, "after": 200, "before": 210 }));
    let page = json!({ "triggers": [{ "id": 9, "broadcast_id": 7, "created_at": null }] });
    assert!(matches!(w.settle(&page), Settled::Found(_)));
    let page = json!({ "triggers": [{ "id": 9, "broadcast_id": 7 }, { "id": 10, "broadcast_id": 7, "created_at": 205 }] });
    assert!(matches!(w.settle(&page), Settled::Ambiguous(_)));
}

#[test]
fn a_trigger_of_another_broadcast_is_not_a_candidate() {
    let w = window(json!({ "broadcast_id": 7, "after": 200, "before": 210 }));
    let page = json!({ "triggers": [{ "id": 9, "broadcast_id": 8, "created_at": 205 }] });
    assert_eq!(w.settle(&page), Settled::None);
}

#[test]
fn the_verdicts_as_json() {
    assert_eq!(Settled::None.to_json(), json!({ "outcome": "none" }));
    assert_eq!(
        Settled::Found(json!({ "id": 2 }).into()).to_json(),
        json!({ "outcome": "found", "trigger": { "id": 2 } })
    );
    assert_eq!(
        Settled::Ambiguous(vec![json!({ "id": 1 }).into(), json!({ "id": 2 }).into()]).to_json(),
        json!({ "outcome": "ambiguous", "candidates": [{ "id": 1 }, { "id": 2 }] })
    );
    let mut error = Error::new(ErrorCode::ApiError, "service unavailable");
    error.status = Some(503);
    assert_eq!(
        unreachable_after(&error),
        json!({ "outcome": "unreachable", "error": { "code": "api_error", "message": "service unavailable", "status": 503 } })
    );
}

#[test]
fn bad_parameters_are_refused_with_code_and_field() {
    assert_eq!(
        refusal(json!({ "after": 1, "before": 2 })),
        ("invalid_params".into(), Some("broadcast_id".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "before": 2 })),
        ("invalid_timestamp".into(), Some("after".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": 1 })),
        ("invalid_timestamp".into(), Some("before".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": 5, "before": 2 })),
        ("invalid_timestamp".into(), Some("after".into()))
    );
    assert_eq!(
        refusal(
            json!({ "broadcast_id": 7, "after": 1_700_000_000_000u64, "before": 1_700_000_000_001u64 })
        ),
        ("invalid_timestamp".into(), Some("after".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": "2026-01-01", "before": 2 })),
        ("invalid_timestamp".into(), Some("after".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": 1, "before": 2, "exclude": 5 })),
        ("invalid_params".into(), Some("exclude".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": 1, "before": 2, "exclude": ["x"] })),
        ("invalid_params".into(), Some("exclude[0]".into()))
    );
    assert_eq!(
        refusal(json!({ "broadcast_id": 7, "after": 1, "before": 2, "windw": 1 })),
        ("invalid_params".into(), Some("windw".into()))
    );
    assert_eq!(
        refusal(json!([1])),
        ("invalid_params".into(), Some("params".into()))
    );
}
