//! The recipients filter: any bytes the core's JSON parser (`customerio_wasm::json`) reads are
//! parsed into a filter or refused with a path; a parsed filter serializes back to JSON that
//! parses to the same filter.
#![no_main]
use customerio_wasm::params::filter::Filter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = customerio_wasm::json::parse(data) else { return };
    match Filter::parse("recipients", &value) {
        Ok(filter) => {
            let again = Filter::parse("recipients", &filter.to_json());
            assert_eq!(again.as_ref(), Ok(&filter));
        }
        Err(e) => assert!(e.field.as_deref().is_some_and(|f| f.starts_with("recipients"))),
    }
});
