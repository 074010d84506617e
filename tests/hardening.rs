//! The core's side of issue 12's small holes: an error redacts the key from every string it
//! carries, and the config refuses base URLs and keys that could not work (saying why).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::config::Config;
use customerio_wasm::error::{ApiErrorItem, Error, ErrorCode};

const KEY: &str = "cio_SECRET_key_0042";

#[test]
fn redact_hides_the_key_in_every_string_an_error_carries() {
    let error = Error {
        errors: vec![ApiErrorItem {
            detail: format!("detail {KEY}"),
            status: Some(format!("status {KEY}")),
            code: Some(format!("code {KEY}")),
            pointer: Some(format!("/data/{KEY}")),
        }],
        ..Error::at(
            ErrorCode::InvalidParams,
            format!("per_user_data[0].{KEY}"),
            format!("message {KEY}"),
        )
    }
    .redact(KEY);
    let text = format!("{error:?}");
    assert!(!text.contains(KEY), "{text}");
    assert_eq!(error.field.as_deref(), Some("per_user_data[0].[REDACTED]"));
    assert_eq!(error.errors[0].pointer.as_deref(), Some("/data/[REDACTED]"));
}

fn refused_base_url(url: &str) -> Error {
    let e = Config::for_base_url(url, KEY).unwrap_err();
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        ("invalid_params", Some("baseUrl")),
        "{url}"
    );
    e
}

#[test]
fn base_urls_with_credentials_control_characters_backslashes_or_bad_ports_are_refused() {
    let e = refused_base_url("https://user:hunter2@proxy.example");
    assert!(
        e.message.contains("credentials") && !e.message.contains("hunter2"),
        "{}",
        e.message
    );
    assert!(refused_base_url("http://127.0.0.1:4010\t")
        .message
        .contains("control character"));
    assert!(refused_base_url("http://a.example\\b")
        .message
        .contains("backslash"));
    for port in ["0", "65536", "x1", ""] {
        let e = refused_base_url(&format!("http://127.0.0.1:{port}"));
        assert!(e.message.contains("invalid port"), "{port}: {}", e.message);
    }
    assert!(Config::for_base_url("http://[::1]:4010", KEY).is_ok());
    assert!(Config::for_base_url("http://127.0.0.1:65535/prefix", KEY).is_ok());
}

#[test]
fn a_key_beyond_latin_1_is_refused_at_api_key() {
    let e = Config::for_base_url("http://127.0.0.1:4010", "key\u{2019}s").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("apiKey"));
    assert!(e.message.contains("HTTP header"), "{}", e.message);
    assert!(Config::for_base_url("http://127.0.0.1:4010", "caf\u{e9}").is_ok());
}
