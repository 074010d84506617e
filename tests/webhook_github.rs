//! The GitHub scheme: GitHub's published test values, and deliveries without `X-GitHub-Delivery`
//! (with Shopify's, the other scheme whose id is optional).
//! https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{check, secret, sign, verify, BODY, NOW};
use customerio_wasm::webhook::Verified;
use serde_json::json;

#[test]
fn github_published_test_values_verify() {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
    let verified = verify(
        json!({ "scheme": "github", "secret": "It's a Secret to Everybody" }),
        &[(
            "X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        )],
        b"Hello, World!",
    )
    .unwrap();
    assert_eq!(
        verified,
        Verified {
            scheme: "github",
            id: None,
            timestamp: None
        }
    );
}

#[test]
fn github_and_shopify_without_a_delivery_header_verify_with_a_null_id() {
    for (scheme, delivery) in [
        ("github", "X-GitHub-Delivery"),
        ("shopify", "X-Shopify-Webhook-Id"),
    ] {
        let headers: Vec<_> = sign(scheme, &secret(scheme), NOW, BODY)
            .into_iter()
            .filter(|(n, _)| n != delivery)
            .collect();
        assert_eq!(
            check(scheme, json!(secret(scheme)), &headers, BODY)
                .unwrap()
                .id,
            None,
            "{scheme}"
        );
    }
}
