//! Unix-seconds timestamps (`src/params/timestamp.rs`): whole seconds, and the hint for
//! milliseconds or ISO strings.
//! Each test states a rule of the README's "Validation rules": the stable code, the parameter
//! path in `field`, and a message that says what to send instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{assert_refused, build};
use serde_json::json;

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
