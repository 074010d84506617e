//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use customerio_wasm::config::{Config, Region};
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::wire::http::{HttpRequest, HttpResponse};
use customerio_wasm::Error;
use serde_json::Value;

pub mod webhook;

/// The seed's eight tool slugs, in the seed's order (`seed-tools.json`, which the JS tests read
/// too: `tests/tools/calls.mjs`).
pub fn seed_tools() -> Vec<String> {
    serde_json::from_str(include_str!("seed-tools.json")).unwrap()
}

pub const KEY: &str = "test-key-123";

pub fn config() -> Config {
    Config::for_region(Region::Us, KEY).unwrap()
}

/// Builds the request of operation `name`, panicking with the error if validation fails.
pub fn build(name: &str, params: Value) -> HttpRequest {
    match AnyOperation::from_name(name, params) {
        Ok(op) => op.build(&config()),
        Err(e) => panic!("{name} refused valid params: {e}"),
    }
}

/// The validation error of operation `name` for `params`.
pub fn refuse(name: &str, params: Value) -> Error {
    match AnyOperation::from_name(name, params.clone()) {
        Ok(op) => panic!("{name} accepted {params} as {op:?}"),
        Err(e) => e,
    }
}

/// The URL of a GET that operation `name` builds (no body), panicking if it is refused.
pub fn get_url(name: &str, params: Value) -> String {
    let request = build(name, params);
    assert_eq!(request.method, customerio_wasm::wire::http::Method::Get);
    assert!(request.body.is_none());
    request.url
}

/// The code, field and message of the error operation `name` refuses `params` with.
pub fn refusal(name: &str, params: Value) -> (String, Option<String>, String) {
    let e = refuse(name, params);
    (e.code_str().to_owned(), e.field, e.message)
}

/// Asserts that `params` are refused with `code` at `field`, and that the message mentions
/// each of `hints`.
pub fn assert_refused(op: &str, params: Value, code: &str, field: &str, hints: &[&str]) {
    let e = refuse(op, params.clone());
    assert_eq!(
        (e.code_str(), e.field.as_deref()),
        (code, Some(field)),
        "{op} {params}: {}",
        e.message
    );
    for hint in hints {
        assert!(
            e.message.contains(hint),
            "{op} {params}: message {:?} lacks {hint:?}",
            e.message
        );
    }
}

/// The parameters of a trigger of broadcast 7 with `extra` (an object) merged in.
pub fn trigger(extra: Value) -> Value {
    let mut params = serde_json::json!({"broadcast_id": 7});
    params
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    params
}

/// The body of a request, parsed.
pub fn body(request: &HttpRequest) -> Value {
    serde_json::from_str(request.body.as_deref().expect("a body")).unwrap()
}

/// A response with a JSON body.
pub fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
        received_at_ms: 1_700_000_000_000,
    }
}

/// Reads a fixture from tests/fixtures.
pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}
