//! What holds for every webhook scheme (customerio, standard, stripe, github, shopify): a signed
//! delivery verifies; a changed body, the wrong secret or a missing or malformed header does not,
//! with the signature header named; rotation; header names in any case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::webhook::{
    check, other_secret, pair, refused, secret, sign, signature_header, timestamp_header, with,
    BODY, MSG_ID, NOW, SCHEMES, TIMED,
};
use serde_json::{json, Value};

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

#[test]
fn the_exported_headers_of_each_scheme_are_the_ones_its_sender_writes() {
    let rules = customerio_wasm::export::rules();
    for scheme in SCHEMES {
        let exported = &rules["webhookHeaders"][scheme];
        let written: Vec<String> = sign(scheme, &secret(scheme), NOW, BODY)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(exported["signature"], signature_header(scheme), "{scheme}");
        let timestamp = TIMED.contains(&scheme).then(|| timestamp_header(scheme));
        assert_eq!(exported["timestamp"], json!(timestamp), "{scheme}");
        let ids: Vec<&str> = exported["id"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        // A sender that names its delivery in a header writes one of the exported id headers.
        let names_delivery = matches!(scheme, "standard" | "github" | "shopify");
        assert_eq!(
            ids.iter().any(|id| written.iter().any(|w| w == id)),
            names_delivery,
            "{scheme}: {ids:?} against {written:?}"
        );
    }
}
