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

fn refused(result: Result<Verified, Error>) -> (String, Option<String>) {
    match result {
        Ok(v) => panic!("verified, expected a refusal: {v:?}"),
        Err(e) => (e.code_str().to_owned(), e.field),
    }
}

fn pair(code: &str, field: &str) -> (String, Option<String>) {
    (code.to_owned(), Some(field.to_owned()))
}

const BODY: &[u8] =
    br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"customer.created"}"#;
const SCHEMES: [&str; 5] = ["customerio", "standard", "stripe", "github", "shopify"];
const TIMED: [&str; 3] = ["customerio", "standard", "stripe"];
const MSG_ID: &str = "msg_2Kx9";

/// Each scheme's secret as its sender shows it.
fn secret(scheme: &str) -> String {
    match scheme {
        "standard" => format!("whsec_{}", base64(b"standard-webhooks-key-bytes-0123")),
        "stripe" => "whsec_stripe_endpoint_secret".to_owned(),
        other => format!("{other}-signing-secret"),
    }
}

/// Another valid secret of the scheme (the wrong one, or the new one while rotating).
fn other_secret(scheme: &str) -> String {
    match scheme {
        "standard" => format!("whsec_{}", base64(b"another-key")),
        _ => "another-secret".to_owned(),
    }
}

/// The headers a sender of `scheme` puts on `body`, signed with `secret` at `ts`.
fn sign(scheme: &str, secret: &str, ts: u64, body: &[u8]) -> Vec<(String, String)> {
    let t = ts.to_string();
    let pairs: Vec<(&str, String)> = match scheme {
        "customerio" => vec![
            ("X-CIO-Timestamp", t.clone()),
            (
                "X-CIO-Signature",
                hex(&mac(
                    secret.as_bytes(),
                    &[format!("v0:{t}:").as_bytes(), body].concat(),
                )),
            ),
        ],
        "standard" => {
            let key =
                customerio_wasm::webhook::encoding::base64(secret.trim_start_matches("whsec_"))
                    .unwrap();
            let sig = base64(&mac(
                &key,
                &[format!("{MSG_ID}.{t}.").as_bytes(), body].concat(),
            ));
            vec![
                ("webhook-id", MSG_ID.to_owned()),
                ("webhook-timestamp", t.clone()),
                ("webhook-signature", format!("v1,{sig}")),
            ]
        }
        "stripe" => vec![(
            "Stripe-Signature",
            format!(
                "t={t},v1={}",
                hex(&mac(
                    secret.as_bytes(),
                    &[format!("{t}.").as_bytes(), body].concat()
                ))
            ),
        )],
        "github" => vec![
            (
                "X-Hub-Signature-256",
                format!("sha256={}", hex(&mac(secret.as_bytes(), body))),
            ),
            (
                "X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958".to_owned(),
            ),
        ],
        "shopify" => vec![
            (
                "X-Shopify-Hmac-Sha256",
                base64(&mac(secret.as_bytes(), body)),
            ),
            (
                "X-Shopify-Webhook-Id",
                "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043".to_owned(),
            ),
        ],
        _ => unreachable!(),
    };
    pairs.into_iter().map(|(n, v)| (n.to_owned(), v)).collect()
}

fn signature_header(scheme: &str) -> &'static str {
    match scheme {
        "customerio" => "X-CIO-Signature",
        "standard" => "webhook-signature",
        "stripe" => "Stripe-Signature",
        "github" => "X-Hub-Signature-256",
        _ => "X-Shopify-Hmac-Sha256",
    }
}

fn timestamp_header(scheme: &str) -> &'static str {
    match scheme {
        "customerio" => "X-CIO-Timestamp",
        "standard" => "webhook-timestamp",
        _ => "Stripe-Signature",
    }
}

/// Verifies `headers` over `body` with `options` (an object) for `scheme`.
fn check(
    scheme: &str,
    secret: Value,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Verified, Error> {
    let pairs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    verify(json!({ "scheme": scheme, "secret": secret }), &pairs, body)
}

fn with(headers: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        headers.iter().filter(|(n, _)| n != name).cloned().collect();
    out.push((name.to_owned(), value.to_owned()));
    out
}

// ---- Every scheme

#[test]
fn a_signed_delivery_verifies_in_every_scheme_with_its_id_and_timestamp() {
    let expected_id = |scheme: &str| match scheme {
        "customerio" => None,
        "standard" => Some(MSG_ID),
        "stripe" => Some("evt_1NG8Du2eZvKYlo2CUI79vXWy"),
        "github" => Some("72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        _ => Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
    };
    for scheme in SCHEMES {
        let verified = check(
            scheme,
            json!(secret(scheme)),
            &sign(scheme, &secret(scheme), NOW, BODY),
            BODY,
        )
        .unwrap();
        assert_eq!(verified.id.as_deref(), expected_id(scheme), "{scheme}");
        assert_eq!(
            verified.timestamp,
            TIMED.contains(&scheme).then_some(NOW),
            "{scheme}"
        );
        assert_eq!(verified.scheme, scheme);
    }
}

#[test]
fn a_tampered_body_is_invalid_signature_naming_the_signature_header() {
    for scheme in SCHEMES {
        let headers = sign(scheme, &secret(scheme), NOW, BODY);
        let tampered =
            br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"customer.deleted"}"#;
        assert_eq!(
            refused(check(scheme, json!(secret(scheme)), &headers, tampered)),
            pair("invalid_signature", signature_header(scheme)),
            "{scheme}"
        );
    }
}

#[test]
fn a_body_parsed_and_serialized_again_no_longer_verifies() {
    let reserialized =
        serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(BODY).unwrap()).unwrap();
    for scheme in SCHEMES {
        let headers = sign(scheme, &secret(scheme), NOW, BODY);
        assert_eq!(
            refused(check(
                scheme,
                json!(secret(scheme)),
                &headers,
                &reserialized
            ))
            .0,
            "invalid_signature",
            "{scheme}"
        );
    }
}

#[test]
fn the_wrong_secret_is_invalid_signature() {
    for scheme in SCHEMES {
        let headers = sign(scheme, &other_secret(scheme), NOW, BODY);
        assert_eq!(
            refused(check(scheme, json!(secret(scheme)), &headers, BODY)),
            pair("invalid_signature", signature_header(scheme)),
            "{scheme}"
        );
    }
}

#[test]
fn during_rotation_a_delivery_signed_with_the_second_secret_verifies() {
    for scheme in SCHEMES {
        let headers = sign(scheme, &secret(scheme), NOW, BODY);
        assert!(
            check(
                scheme,
                json!([other_secret(scheme), secret(scheme)]),
                &headers,
                BODY
            )
            .is_ok(),
            "{scheme}"
        );
    }
}

#[test]
fn a_missing_signature_header_is_invalid_signature_naming_it() {
    for scheme in SCHEMES {
        let headers: Vec<_> = sign(scheme, &secret(scheme), NOW, BODY)
            .into_iter()
            .filter(|(n, _)| n != signature_header(scheme))
            .collect();
        let error = check(scheme, json!(secret(scheme)), &headers, BODY).unwrap_err();
        assert_eq!(
            (error.code_str(), error.field.as_deref()),
            ("invalid_signature", Some(signature_header(scheme))),
            "{scheme}"
        );
        assert!(error.message.contains("missing"), "{}", error.message);
    }
}

#[test]
fn a_malformed_signature_header_is_invalid_signature_naming_it() {
    let malformed = [
        ("customerio", "not hex"),
        ("standard", "v1 without-a-comma"),
        ("stripe", "v1=abcd"),
        ("github", "sha1=abcd"),
        ("shopify", "%%% not base64"),
    ];
    for (scheme, value) in malformed {
        let headers = with(
            &sign(scheme, &secret(scheme), NOW, BODY),
            signature_header(scheme),
            value,
        );
        let error = check(scheme, json!(secret(scheme)), &headers, BODY).unwrap_err();
        assert_eq!(
            (error.code_str(), error.field.as_deref()),
            ("invalid_signature", Some(signature_header(scheme))),
            "{scheme}"
        );
        assert!(error.message.contains("malformed"), "{}", error.message);
    }
}

#[test]
fn header_names_match_whatever_their_case() {
    for scheme in SCHEMES {
        let upper: Vec<_> = sign(scheme, &secret(scheme), NOW, BODY)
            .into_iter()
            .map(|(n, v)| (n.to_uppercase(), v))
            .collect();
        assert!(
            check(scheme, json!(secret(scheme)), &upper, BODY).is_ok(),
            "{scheme}"
        );
    }
}

// ---- The replay window (schemes with a timestamp)

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

// ---- Published examples

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

// ---- Scheme details

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

// ---- Options

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
