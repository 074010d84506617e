//! The Shopify scheme: which header names the delivery for deduplication.
//! https://shopify.dev/apps/build/webhooks/ignore-duplicates
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{check, secret, sign, with, BODY, NOW};
use serde_json::json;

#[test]
fn shopify_dedupes_on_x_shopify_event_id_first() {
    // https://shopify.dev/apps/build/webhooks/ignore-duplicates: the event id is the key.
    let headers = with(
        &sign("shopify", &secret("shopify"), NOW, BODY),
        "X-Shopify-Event-Id",
        "98880550-7158-44d4-b7cd-2c97c8a091b5",
    );
    let verified = check("shopify", json!(secret("shopify")), &headers, BODY).unwrap();
    assert_eq!(
        verified.id.as_deref(),
        Some("98880550-7158-44d4-b7cd-2c97c8a091b5")
    );
}

#[test]
fn shopify_without_x_shopify_event_id_dedupes_on_x_shopify_webhook_id() {
    let headers = sign("shopify", &secret("shopify"), NOW, BODY);
    let verified = check("shopify", json!(secret("shopify")), &headers, BODY).unwrap();
    assert_eq!(
        verified.id.as_deref(),
        Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
    );
}
