//! The Stripe scheme: `Stripe-Signature`'s `t=` and `v1=` elements, and the event id read from
//! the body. https://docs.stripe.com/webhooks#verify-manually
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{check, pair, refused, secret, sign, with, BODY, NOW};
use serde_json::json;

#[test]
fn stripe_any_v1_may_match_and_v0_is_ignored() {
    let headers = sign("stripe", &secret("stripe"), NOW, BODY);
    let v1 = headers[0].1.split(',').nth(1).unwrap().to_owned();
    let value = format!(
        "t={NOW},v1={},{v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
        "00".repeat(32)
    );
    assert!(check(
        "stripe",
        json!(secret("stripe")),
        &with(&headers, "Stripe-Signature", &value),
        BODY
    )
    .is_ok());
}

#[test]
fn stripe_header_without_t_or_v1_or_with_two_t_is_invalid_signature() {
    for value in ["v1=abcd", "t=1700000000", "garbage", "t=1,t=2,v1=ab"] {
        let headers = vec![("Stripe-Signature".to_owned(), value.to_owned())];
        assert_eq!(
            refused(check("stripe", json!(secret("stripe")), &headers, BODY)),
            pair("invalid_signature", "Stripe-Signature"),
            "{value}"
        );
    }
}

#[test]
fn stripe_body_without_an_event_id_verifies_with_a_null_id() {
    let body = b"not json";
    let verified = check(
        "stripe",
        json!(secret("stripe")),
        &sign("stripe", &secret("stripe"), NOW, body),
        body,
    )
    .unwrap();
    assert_eq!(verified.id, None);
}
