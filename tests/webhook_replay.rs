//! The replay window of the schemes that sign a timestamp (customerio, standard, stripe).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{
    check, pair, refused, secret, sign, timestamp_header, verify, with, BODY, NOW, TIMED,
};
use serde_json::json;

#[test]
fn a_timestamp_older_than_the_tolerance_is_expired_signature() {
    for scheme in TIMED {
        let headers = sign(scheme, &secret(scheme), NOW - 301, BODY);
        assert_eq!(
            refused(check(scheme, json!(secret(scheme)), &headers, BODY)),
            pair("expired_signature", timestamp_header(scheme)),
            "{scheme}"
        );
    }
}

#[test]
fn a_timestamp_ahead_by_more_than_the_tolerance_is_expired_signature() {
    for scheme in TIMED {
        let headers = sign(scheme, &secret(scheme), NOW + 301, BODY);
        let error = check(scheme, json!(secret(scheme)), &headers, BODY).unwrap_err();
        assert_eq!(error.code_str(), "expired_signature", "{scheme}");
        assert!(error.message.contains("in the future"), "{}", error.message);
    }
}

#[test]
fn the_edge_of_the_window_is_inside() {
    for scheme in TIMED {
        for ts in [NOW - 300, NOW + 300] {
            assert!(
                check(
                    scheme,
                    json!(secret(scheme)),
                    &sign(scheme, &secret(scheme), ts, BODY),
                    BODY
                )
                .is_ok(),
                "{scheme} {ts}"
            );
        }
    }
}

#[test]
fn tolerance_seconds_and_now_move_the_window() {
    let headers = sign("stripe", &secret("stripe"), NOW - 1000, BODY);
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert!(verify(
        json!({ "scheme": "stripe", "secret": secret("stripe"), "toleranceSeconds": 1000 }),
        &pairs,
        BODY
    )
    .is_ok());
    assert!(verify(json!({ "scheme": "stripe", "secret": secret("stripe"), "toleranceSeconds": 0, "now": NOW - 1000 }), &pairs, BODY).is_ok());
}

#[test]
fn a_timestamp_header_that_is_not_whole_seconds_is_invalid_signature() {
    let headers = with(
        &sign("customerio", &secret("customerio"), NOW, BODY),
        "X-CIO-Timestamp",
        "2026-12-02T08:00:00Z",
    );
    assert_eq!(
        refused(check(
            "customerio",
            json!(secret("customerio")),
            &headers,
            BODY
        )),
        pair("invalid_signature", "X-CIO-Timestamp")
    );
    let headers = with(
        &sign("stripe", &secret("stripe"), NOW, BODY),
        "Stripe-Signature",
        "t=soon,v1=00",
    );
    assert_eq!(
        refused(check("stripe", json!(secret("stripe")), &headers, BODY)),
        pair("invalid_signature", "Stripe-Signature")
    );
}
