//! The wasm-bindgen layer (wasm32 only): converts JS values to the core's JSON and back, carries
//! requests with `fetch`, sleeps between retries, and turns core errors into `CustomerIoError`.
//! It holds no API knowledge: what to send, whether to retry and how to read the answer are the
//! core's decisions.

mod call;
mod client;
mod errors;
mod find_trigger;
mod options;
mod panic;
mod params;
mod runtime;
mod types;
mod types_reads;
mod walker;
mod webhook;

/// The module's allocator: Talc's dynamic WebAssembly allocator (grows memory as needed), smaller
/// than the standard library's dlmalloc in the module; see the README's Decisions, "Allocator".
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use client::CustomerIo;
pub use webhook::verify_webhook;
