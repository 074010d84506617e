//! What the webhook tests share: HMAC-SHA256 by the `hmac` crate (the package computes it with
//! WebCrypto; the rules are the same code), each sender's secrets and signed headers written as
//! the sender's documentation shows them, and `verify`, which runs both steps of the core's check.

use customerio_wasm::webhook::{challenge, Verified, VerifyOptions};
use customerio_wasm::Error;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

pub const NOW: u64 = 1_700_000_000;

pub fn mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    m.update(message);
    m.finalize().into_bytes().to_vec()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn base64(bytes: &[u8]) -> String {
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

pub fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

/// Runs both steps with real HMACs, as the binding does with WebCrypto.
pub fn verify(options: Value, pairs: &[(&str, &str)], body: &[u8]) -> Result<Verified, Error> {
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

pub fn refused(result: Result<Verified, Error>) -> (String, Option<String>) {
    match result {
        Ok(v) => panic!("verified, expected a refusal: {v:?}"),
        Err(e) => (e.code_str().to_owned(), e.field),
    }
}

pub fn pair(code: &str, field: &str) -> (String, Option<String>) {
    (code.to_owned(), Some(field.to_owned()))
}

pub const BODY: &[u8] =
    br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"customer.created"}"#;
pub const SCHEMES: [&str; 5] = ["customerio", "standard", "stripe", "github", "shopify"];
pub const TIMED: [&str; 3] = ["customerio", "standard", "stripe"];
pub const MSG_ID: &str = "msg_2Kx9";

/// Each scheme's secret as its sender shows it.
pub fn secret(scheme: &str) -> String {
    match scheme {
        "standard" => format!("whsec_{}", base64(b"standard-webhooks-key-bytes-0123")),
        "stripe" => "whsec_stripe_endpoint_secret".to_owned(),
        other => format!("{other}-signing-secret"),
    }
}

/// Another valid secret of the scheme (the wrong one, or the new one while rotating).
pub fn other_secret(scheme: &str) -> String {
    match scheme {
        "standard" => format!("whsec_{}", base64(b"another-key")),
        _ => "another-secret".to_owned(),
    }
}

/// The headers a sender of `scheme` puts on `body`, signed with `secret` at `ts`.
pub fn sign(scheme: &str, secret: &str, ts: u64, body: &[u8]) -> Vec<(String, String)> {
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

pub fn signature_header(scheme: &str) -> &'static str {
    match scheme {
        "customerio" => "X-CIO-Signature",
        "standard" => "webhook-signature",
        "stripe" => "Stripe-Signature",
        "github" => "X-Hub-Signature-256",
        _ => "X-Shopify-Hmac-Sha256",
    }
}

pub fn timestamp_header(scheme: &str) -> &'static str {
    match scheme {
        "customerio" => "X-CIO-Timestamp",
        "standard" => "webhook-timestamp",
        _ => "Stripe-Signature",
    }
}

/// Verifies `headers` over `body` with `options` (an object) for `scheme`.
pub fn check(
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

pub fn with(headers: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        headers.iter().filter(|(n, _)| n != name).cloned().collect();
    out.push((name.to_owned(), value.to_owned()));
    out
}
