//! JSON parameter objects → operations: any input is refused with a typed error or builds a
//! request; nothing panics, and a built request is well-formed.
#![no_main]
use customerio_wasm::config::{Config, Region};
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::OPERATIONS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, json)) = data.split_first() else { return };
    let Ok(params) = serde_json::from_slice::<serde_json::Value>(json) else { return };
    let Some(spec) = OPERATIONS.get(usize::from(selector) % OPERATIONS.len()) else { return };
    let Ok(config) = Config::for_region(Region::Us, "fuzz-key") else { return };
    match AnyOperation::from_name(spec.name, params) {
        Ok(op) => {
            let request = op.build(&config);
            assert!(request.url.starts_with("https://api.customer.io/v1/"));
            assert!(!request.url.contains(' '));
            if let Some(body) = &request.body {
                assert!(serde_json::from_str::<serde_json::Value>(body).is_ok());
            }
            assert!(!format!("{:?}", request.redacted()).contains("fuzz-key"));
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
});
