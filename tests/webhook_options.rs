//! The options of a webhook check: the scheme's name, the secret (or secrets while rotating),
//! `toleranceSeconds` and `now`; and no message ever carries the secret.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{check, other_secret, sign, BODY, NOW, SCHEMES};
use customerio_wasm::webhook::VerifyOptions;
use customerio_wasm::Error;
use serde_json::{json, Value};

fn option_error(options: Value) -> Error {
    VerifyOptions::from_json(&options, NOW).unwrap_err()
}

#[test]
fn an_unknown_scheme_is_invalid_params_listing_the_schemes() {
    let e = option_error(json!({ "scheme": "paypal", "secret": "s" }));
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_params", Some("scheme"))
    );
    assert!(e
        .message
        .contains("customerio, standard, stripe, github, shopify"));
}

#[test]
fn a_missing_or_empty_secret_is_invalid_params_at_its_path() {
    assert_eq!(
        option_error(json!({ "scheme": "github" })).field.as_deref(),
        Some("secret")
    );
    assert_eq!(
        option_error(json!({ "scheme": "github", "secret": [] }))
            .field
            .as_deref(),
        Some("secret")
    );
    assert_eq!(
        option_error(json!({ "scheme": "github", "secret": ["ok", 7] }))
            .field
            .as_deref(),
        Some("secret[1]")
    );
    assert_eq!(
        option_error(json!({ "scheme": "github", "secret": ["ok", "  "] }))
            .field
            .as_deref(),
        Some("secret[1]")
    );
}

#[test]
fn a_negative_tolerance_or_an_unknown_option_is_invalid_params() {
    assert_eq!(
        option_error(json!({ "scheme": "github", "secret": "s", "toleranceSeconds": -1 }))
            .field
            .as_deref(),
        Some("toleranceSeconds")
    );
    assert_eq!(
        option_error(json!({ "scheme": "github", "secret": "s", "tolerance": 5 }))
            .field
            .as_deref(),
        Some("tolerance")
    );
}

#[test]
fn now_in_milliseconds_is_refused_with_the_seconds_to_pass() {
    let e =
        option_error(json!({ "scheme": "github", "secret": "s", "now": 1_700_000_000_000_u64 }));
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_timestamp", Some("now"))
    );
    assert!(
        e.message.contains("milliseconds") && e.message.contains("1700000000"),
        "{}",
        e.message
    );
}

#[test]
fn no_error_message_contains_the_secret() {
    let secret = "super-secret-value-123";
    for scheme in SCHEMES {
        let headers = sign(scheme, &other_secret(scheme), NOW, BODY);
        let e = check(scheme, json!(secret), &headers, BODY);
        if let Err(e) = e {
            assert!(!e.message.contains(secret), "{scheme}: {}", e.message);
        }
        let e = option_error(json!({ "scheme": scheme, "secret": [secret, 5] }));
        assert!(!e.message.contains(secret), "{scheme}: {}", e.message);
    }
}
