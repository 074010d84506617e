//! The Standard Webhooks scheme: the specification's published vector, `v1,` entries, the
//! optional `whsec_` prefix, `webhook-id`, and secrets that are not base64.
//! https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{check, pair, refused, secret, sign, verify, with, BODY, NOW};
use customerio_wasm::webhook::VerifyOptions;
use serde_json::json;

#[test]
fn standard_webhooks_published_vector_verifies() {
    // The Standard Webhooks specification's and reference libraries' test vector.
    let verified = verify(
        json!({ "scheme": "standard", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "now": 1_614_265_330 }),
        &[
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ],
        br#"{"test": 2432232314}"#,
    )
    .unwrap();
    assert_eq!(verified.id.as_deref(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
    assert_eq!(verified.timestamp, Some(1_614_265_330));
}

#[test]
fn standard_webhooks_any_v1_entry_may_match_and_other_versions_are_skipped() {
    let headers = sign("standard", &secret("standard"), NOW, BODY);
    let sig = headers
        .iter()
        .find(|(n, _)| n == "webhook-signature")
        .unwrap()
        .1
        .clone();
    let several = with(
        &headers,
        "webhook-signature",
        &format!("v1a,ignored v1,bm9wZQ== {sig}"),
    );
    assert!(check("standard", json!(secret("standard")), &several, BODY).is_ok());
    let none = with(&headers, "webhook-signature", "v1a,abc");
    assert_eq!(
        refused(check("standard", json!(secret("standard")), &none, BODY)),
        pair("invalid_signature", "webhook-signature")
    );
}

#[test]
fn standard_webhooks_secret_prefix_is_optional() {
    let headers = sign("standard", &secret("standard"), NOW, BODY);
    let bare = secret("standard").trim_start_matches("whsec_").to_owned();
    assert!(check("standard", json!(bare), &headers, BODY).is_ok());
}

#[test]
fn standard_webhooks_missing_webhook_id_is_invalid_signature() {
    let headers: Vec<_> = sign("standard", &secret("standard"), NOW, BODY)
        .into_iter()
        .filter(|(n, _)| n != "webhook-id")
        .collect();
    assert_eq!(
        refused(check("standard", json!(secret("standard")), &headers, BODY)),
        pair("invalid_signature", "webhook-id")
    );
}

#[test]
fn standard_webhooks_secret_that_is_not_base64_is_a_configuration_error() {
    let err = VerifyOptions::from_json(
        &json!({ "scheme": "standard", "secret": "whsec_not base64!" }),
        NOW,
    )
    .unwrap_err();
    assert_eq!(
        (err.code_str(), err.field.as_deref()),
        ("invalid_params", Some("secret"))
    );
    assert!(
        !err.message.contains("not base64!"),
        "the secret is never echoed"
    );
}
