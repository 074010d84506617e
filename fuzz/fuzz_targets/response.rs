//! Response bytes → result: any status, Retry-After and body is read into a result or a typed
//! error, never a panic.
#![no_main]
use customerio_wasm::wire::http::HttpResponse;
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::OPERATIONS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [selector, status_hi, status_lo, header_len, rest @ ..] = data else { return };
    let Some(spec) = OPERATIONS.get(usize::from(*selector) % OPERATIONS.len()) else { return };
    let params = match spec.name {
        "triggerBroadcast" => serde_json::json!({"broadcast_id": 1, "default_audience": true}),
        "getSegmentDetails" => serde_json::json!({"segment_id": 3}),
        "getTriggers" => serde_json::json!({"broadcast_id": 1}),
        "getTrigger" | "getTriggerErrors" => serde_json::json!({"broadcast_id": 1, "trigger_id": 2}),
        _ => serde_json::json!({}),
    };
    let Ok(op) = AnyOperation::from_name(spec.name, params) else { return };
    let split = usize::from(*header_len).min(rest.len());
    let (header, body) = rest.split_at(split);
    let response = HttpResponse {
        status: u16::from_be_bytes([*status_hi, *status_lo]),
        headers: vec![("retry-after".into(), String::from_utf8_lossy(header).into_owned())],
        body: body.to_vec(),
        received_at_ms: 1_700_000_000_000,
    };
    let _ = op.check(&response);
});
