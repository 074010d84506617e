//! Webhook signature rules, natively: each scheme's headers, signed bytes, encodings, rotation
//! and replay window, with HMAC-SHA256 computed by the `hmac` crate (the package computes it with
//! WebCrypto; the rules are the same code). Published examples: GitHub's test values
//! (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries) and the
//! Standard Webhooks specification's vector.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::webhook::{challenge, Verified, VerifyOptions};
use customerio_wasm::Error;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

const NOW: u64 = 1_700_000_000;

fn mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    m.update(message);
    m.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// Runs both steps with real HMACs, as the binding does with WebCrypto.
fn verify(options: Value, pairs: &[(&str, &str)], body: &[u8]) -> Result<Verified, Error> {
    let options = VerifyOptions::from_json(&options, NOW)?;
    let challenge = challenge(options, &headers(pairs), body)?;
    let macs: Vec<Vec<u8>> = challenge
        .keys()
        .iter()
        .map(|k| mac(k, challenge.message()))
        .collect();
    // The caller's JSON parser reads Stripe's event id (the package uses JSON.parse).
    let body_id = challenge
        .id_in_body()
        .then(|| serde_json::from_slice::<Value>(body).ok())
        .flatten()
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned));
    challenge.finish(&macs, body_id)
}

fn code(result: Result<Verified, Error>) -> (String, Option<String>) {
    match result {
        Ok(v) => (format!("ok {v:?}"), None),
        Err(e) => (e.code_str().to_owned(), e.field),
    }
}

// ---- Customer.io: X-CIO-Timestamp, X-CIO-Signature = hex HMAC of v0:{ts}:{body}

const CIO_SECRET: &str = "cio-signing-key";
const BODY: &[u8] = br#"{"event_id":"01E4C4C6P79C12J5A6KPE6XNFD","metric":"delivered"}"#;

fn cio_sig(secret: &str, ts: u64, body: &[u8]) -> String {
    hex(&mac(
        secret.as_bytes(),
        &[format!("v0:{ts}:").as_bytes(), body].concat(),
    ))
}

fn cio(secret: Value, ts: u64, sig: &str, body: &[u8]) -> Result<Verified, Error> {
    let ts = ts.to_string();
    verify(
        json!({ "scheme": "customerio", "secret": secret }),
        &[("x-cio-timestamp", &ts), ("x-cio-signature", sig)],
        body,
    )
}

#[test]
fn customerio_valid_delivery_verifies_with_its_timestamp_and_no_id() {
    let sig = cio_sig(CIO_SECRET, NOW, BODY);
    let verified = cio(json!(CIO_SECRET), NOW, &sig, BODY).unwrap();
    assert_eq!(
        verified,
        Verified {
            scheme: "customerio",
            id: None,
            timestamp: Some(NOW)
        }
    );
}

#[test]
fn customerio_tampered_body_wrong_secret_and_rotation() {
    let sig = cio_sig(CIO_SECRET, NOW, BODY);
    assert_eq!(
        code(cio(json!(CIO_SECRET), NOW, &sig, b"{}")),
        ("invalid_signature".into(), Some("X-CIO-Signature".into()))
    );
    assert_eq!(
        code(cio(json!("other"), NOW, &sig, BODY)).0,
        "invalid_signature"
    );
    assert!(
        cio(json!(["new-secret", CIO_SECRET]), NOW, &sig, BODY).is_ok(),
        "the second secret matches"
    );
}

#[test]
fn customerio_expired_and_future_timestamps_are_refused() {
    for ts in [NOW - 301, NOW + 301] {
        let sig = cio_sig(CIO_SECRET, ts, BODY);
        assert_eq!(
            code(cio(json!(CIO_SECRET), ts, &sig, BODY)),
            ("expired_signature".into(), Some("X-CIO-Timestamp".into()))
        );
    }
    let sig = cio_sig(CIO_SECRET, NOW - 300, BODY);
    assert!(
        cio(json!(CIO_SECRET), NOW - 300, &sig, BODY).is_ok(),
        "the edge of the window is inside"
    );
}

#[test]
fn customerio_missing_and_malformed_headers_name_the_header() {
    let options = json!({ "scheme": "customerio", "secret": CIO_SECRET });
    assert_eq!(
        code(verify(options.clone(), &[("x-cio-signature", "ab")], BODY)),
        ("invalid_signature".into(), Some("X-CIO-Timestamp".into()))
    );
    assert_eq!(
        code(verify(
            options.clone(),
            &[("x-cio-timestamp", "1700000000")],
            BODY
        )),
        ("invalid_signature".into(), Some("X-CIO-Signature".into()))
    );
    assert_eq!(
        code(verify(
            options.clone(),
            &[("x-cio-timestamp", "soon"), ("x-cio-signature", "ab")],
            BODY
        ))
        .1
        .as_deref(),
        Some("X-CIO-Timestamp")
    );
    assert_eq!(
        code(verify(
            options,
            &[
                ("x-cio-timestamp", "1700000000"),
                ("x-cio-signature", "not-hex")
            ],
            BODY
        ))
        .1
        .as_deref(),
        Some("X-CIO-Signature")
    );
}

// ---- Standard Webhooks

#[test]
fn standard_webhooks_published_vector_verifies() {
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

const STD_KEY: &[u8] = b"standard-webhooks-key-bytes-0123";

fn std_headers(
    key: &[u8],
    id: &str,
    ts: u64,
    body: &[u8],
    extra: &str,
) -> (String, String, String) {
    let sig = base64(&mac(
        key,
        &[format!("{id}.{ts}.").as_bytes(), body].concat(),
    ));
    (id.to_owned(), ts.to_string(), format!("{extra}v1,{sig}"))
}

fn standard(secret: Value, h: &(String, String, String), body: &[u8]) -> Result<Verified, Error> {
    verify(
        json!({ "scheme": "standard", "secret": secret }),
        &[
            ("webhook-id", &h.0),
            ("webhook-timestamp", &h.1),
            ("webhook-signature", &h.2),
        ],
        body,
    )
}

#[test]
fn standard_webhooks_rules() {
    let secret = format!("whsec_{}", base64(STD_KEY));
    let h = std_headers(STD_KEY, "msg_1", NOW, BODY, "v1a,ignored v1,bm9wZQ== ");
    assert_eq!(
        standard(json!(secret), &h, BODY).unwrap().id.as_deref(),
        Some("msg_1"),
        "any v1 entry may match"
    );
    assert_eq!(
        code(standard(json!(secret), &h, b"{}")).0,
        "invalid_signature"
    );
    assert_eq!(
        code(standard(
            json!(format!("whsec_{}", base64(b"wrong"))),
            &h,
            BODY
        ))
        .0,
        "invalid_signature"
    );
    assert!(standard(
        json!([format!("whsec_{}", base64(b"new")), secret.clone()]),
        &h,
        BODY
    )
    .is_ok());
    assert!(
        standard(json!(base64(STD_KEY)), &h, BODY).is_ok(),
        "the whsec_ prefix is optional"
    );
    let old = std_headers(STD_KEY, "msg_1", NOW - 301, BODY, "");
    assert_eq!(
        code(standard(json!(secret), &old, BODY)),
        ("expired_signature".into(), Some("webhook-timestamp".into()))
    );
    let future = std_headers(STD_KEY, "msg_1", NOW + 301, BODY, "");
    assert_eq!(
        code(standard(json!(secret), &future, BODY)).0,
        "expired_signature"
    );
    let bad = (h.0.clone(), h.1.clone(), "v1 no-comma".to_owned());
    assert_eq!(
        code(standard(json!(secret), &bad, BODY)),
        ("invalid_signature".into(), Some("webhook-signature".into()))
    );
    let no_v1 = (h.0.clone(), h.1.clone(), "v1a,abc".to_owned());
    assert_eq!(
        code(standard(json!(secret), &no_v1, BODY)).0,
        "invalid_signature"
    );
    let missing = verify(
        json!({ "scheme": "standard", "secret": secret }),
        &[("webhook-timestamp", &h.1), ("webhook-signature", &h.2)],
        BODY,
    );
    assert_eq!(
        code(missing),
        ("invalid_signature".into(), Some("webhook-id".into()))
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

// ---- Stripe: Stripe-Signature: t={ts},v1={hex}[,v1=…] over {t}.{body}; id = the event id

const STRIPE_SECRET: &str = "whsec_stripe_test_secret";
const STRIPE_BODY: &[u8] = br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"checkout.session.completed"}"#;

fn stripe_header(secret: &str, ts: u64, body: &[u8]) -> String {
    format!(
        "t={ts},v1={},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
        hex(&mac(
            secret.as_bytes(),
            &[format!("{ts}.").as_bytes(), body].concat()
        ))
    )
}

fn stripe(secret: Value, header: &str, body: &[u8]) -> Result<Verified, Error> {
    verify(
        json!({ "scheme": "stripe", "secret": secret }),
        &[("Stripe-Signature", header)],
        body,
    )
}

#[test]
fn stripe_rules() {
    let header = stripe_header(STRIPE_SECRET, NOW, STRIPE_BODY);
    let ok = stripe(json!(STRIPE_SECRET), &header, STRIPE_BODY).unwrap();
    assert_eq!(
        ok,
        Verified {
            scheme: "stripe",
            id: Some("evt_1NG8Du2eZvKYlo2CUI79vXWy".into()),
            timestamp: Some(NOW)
        }
    );
    assert_eq!(
        code(stripe(json!(STRIPE_SECRET), &header, b"{\"id\":\"evt_2\"}")),
        ("invalid_signature".into(), Some("Stripe-Signature".into()))
    );
    assert_eq!(
        code(stripe(json!("whsec_other"), &header, STRIPE_BODY)).0,
        "invalid_signature"
    );
    assert!(stripe(json!(["whsec_new", STRIPE_SECRET]), &header, STRIPE_BODY).is_ok());
    let two = format!(
        "t={NOW},v1={},{}",
        "00".repeat(32),
        header.split(',').nth(1).unwrap_or_default()
    );
    assert!(
        stripe(json!(STRIPE_SECRET), &two, STRIPE_BODY).is_ok(),
        "any v1 may match"
    );
    for ts in [NOW - 301, NOW + 301] {
        let header = stripe_header(STRIPE_SECRET, ts, STRIPE_BODY);
        assert_eq!(
            code(stripe(json!(STRIPE_SECRET), &header, STRIPE_BODY)),
            ("expired_signature".into(), Some("Stripe-Signature".into()))
        );
    }
    for bad in [
        "v1=abcd",
        "t=1700000000",
        "t=soon,v1=ab",
        "garbage",
        "t=1,t=2,v1=ab",
    ] {
        assert_eq!(
            code(stripe(json!(STRIPE_SECRET), bad, STRIPE_BODY)).0,
            "invalid_signature",
            "{bad}"
        );
    }
    assert_eq!(
        code(verify(
            json!({ "scheme": "stripe", "secret": STRIPE_SECRET }),
            &[],
            STRIPE_BODY
        ))
        .1
        .as_deref(),
        Some("Stripe-Signature")
    );
}

// ---- GitHub: X-Hub-Signature-256: sha256={hex} over the body; id = X-GitHub-Delivery

#[test]
fn github_published_test_values_verify() {
    let verified = verify(
        json!({ "scheme": "github", "secret": "It's a Secret to Everybody" }),
        &[
            (
                "X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            ),
            ("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        ],
        b"Hello, World!",
    )
    .unwrap();
    assert_eq!(
        verified,
        Verified {
            scheme: "github",
            id: Some("72d3162e-cc78-11e3-81ab-4c9367dc0958".into()),
            timestamp: None
        }
    );
}

#[test]
fn github_rules() {
    let sig = format!("sha256={}", hex(&mac(b"gh-secret", BODY)));
    let gh = |secret: Value, sig: &str, body: &[u8]| {
        verify(
            json!({ "scheme": "github", "secret": secret }),
            &[("x-hub-signature-256", sig)],
            body,
        )
    };
    assert_eq!(
        gh(json!("gh-secret"), &sig, BODY).unwrap().id,
        None,
        "no delivery header, no id"
    );
    assert_eq!(
        code(gh(json!("gh-secret"), &sig, b"{}")),
        (
            "invalid_signature".into(),
            Some("X-Hub-Signature-256".into())
        )
    );
    assert_eq!(code(gh(json!("nope"), &sig, BODY)).0, "invalid_signature");
    assert!(gh(json!(["new", "gh-secret"]), &sig, BODY).is_ok());
    assert_eq!(
        code(gh(
            json!("gh-secret"),
            &sig.replace("sha256=", "sha1="),
            BODY
        ))
        .0,
        "invalid_signature"
    );
    assert_eq!(
        code(verify(
            json!({ "scheme": "github", "secret": "x" }),
            &[],
            BODY
        ))
        .1
        .as_deref(),
        Some("X-Hub-Signature-256")
    );
}

// ---- Shopify: X-Shopify-Hmac-Sha256 = base64 HMAC over the body; id = X-Shopify-Webhook-Id

#[test]
fn shopify_rules() {
    let sig = base64(&mac(b"shop-secret", BODY));
    let shop = |secret: Value, sig: &str, body: &[u8]| {
        verify(
            json!({ "scheme": "shopify", "secret": secret }),
            &[
                ("X-Shopify-Hmac-Sha256", sig),
                (
                    "X-Shopify-Webhook-Id",
                    "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
                ),
            ],
            body,
        )
    };
    assert_eq!(
        shop(json!("shop-secret"), &sig, BODY)
            .unwrap()
            .id
            .as_deref(),
        Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
    );
    assert_eq!(
        code(shop(json!("shop-secret"), &sig, b"{}")),
        (
            "invalid_signature".into(),
            Some("X-Shopify-Hmac-Sha256".into())
        )
    );
    assert_eq!(code(shop(json!("nope"), &sig, BODY)).0, "invalid_signature");
    assert!(shop(json!(["new", "shop-secret"]), &sig, BODY).is_ok());
    assert_eq!(
        code(shop(json!("shop-secret"), "%%%", BODY)).0,
        "invalid_signature"
    );
    assert_eq!(
        code(verify(
            json!({ "scheme": "shopify", "secret": "x" }),
            &[],
            BODY
        ))
        .1
        .as_deref(),
        Some("X-Shopify-Hmac-Sha256")
    );
}

// ---- Options

#[test]
fn options_are_checked_with_the_field_and_never_echo_a_secret() {
    let err = |options: Value| VerifyOptions::from_json(&options, NOW).unwrap_err();
    let e = err(json!({ "scheme": "paypal", "secret": "s" }));
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_params", Some("scheme"))
    );
    assert!(e
        .message
        .contains("customerio, standard, stripe, github, shopify"));
    assert_eq!(
        err(json!({ "scheme": "github" })).field.as_deref(),
        Some("secret")
    );
    assert_eq!(
        err(json!({ "scheme": "github", "secret": [] }))
            .field
            .as_deref(),
        Some("secret")
    );
    assert_eq!(
        err(json!({ "scheme": "github", "secret": ["ok", 7] }))
            .field
            .as_deref(),
        Some("secret[1]")
    );
    assert_eq!(
        err(json!({ "scheme": "github", "secret": ["ok", "  "] }))
            .field
            .as_deref(),
        Some("secret[1]")
    );
    assert_eq!(
        err(json!({ "scheme": "github", "secret": "s", "toleranceSeconds": -1 }))
            .field
            .as_deref(),
        Some("toleranceSeconds")
    );
    assert_eq!(
        err(json!({ "scheme": "github", "secret": "s", "tolerance": 5 }))
            .field
            .as_deref(),
        Some("tolerance")
    );
    let e = err(json!({ "scheme": "github", "secret": "s", "now": 1_700_000_000_000_u64 }));
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
fn tolerance_and_now_options_move_the_window() {
    let sig = cio_sig(CIO_SECRET, NOW - 1000, BODY);
    let ts = (NOW - 1000).to_string();
    let pairs = [
        ("x-cio-timestamp", ts.as_str()),
        ("x-cio-signature", sig.as_str()),
    ];
    assert!(verify(
        json!({ "scheme": "customerio", "secret": CIO_SECRET, "toleranceSeconds": 1000 }),
        &pairs,
        BODY
    )
    .is_ok());
    assert!(verify(json!({ "scheme": "customerio", "secret": CIO_SECRET, "now": NOW - 1000, "toleranceSeconds": 0 }), &pairs, BODY).is_ok());
    assert_eq!(
        code(verify(
            json!({ "scheme": "customerio", "secret": CIO_SECRET }),
            &pairs,
            BODY
        ))
        .0,
        "expired_signature"
    );
}

#[test]
fn no_error_message_contains_the_secret() {
    let secret = "super-secret-value-123";
    let sig = cio_sig("other", NOW, BODY);
    let ts = NOW.to_string();
    for scheme in ["customerio", "stripe", "github", "shopify"] {
        let e = verify(
            json!({ "scheme": scheme, "secret": secret }),
            &[("x-cio-timestamp", &ts), ("x-cio-signature", &sig)],
            BODY,
        )
        .unwrap_err();
        assert!(!e.message.contains(secret), "{scheme}: {}", e.message);
    }
}
