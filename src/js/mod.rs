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

pub use client::CustomerIo;
pub use webhook::verify_webhook;
