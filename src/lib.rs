//! customerio-wasm: a typed, validating client of the Customer.io App API.
//!
//! The core (everything outside `js`) is sans-IO and free of any wasm or JS import: each
//! operation validates the seed's parameter object, describes its request as an
//! [`wire::http::HttpRequest`], and reads the answer ([`wire::http::HttpResponse`]) into a typed result or an
//! [`error::Error`] with a stable code. Any HTTP client can carry the requests; the `js` module
//! (wasm32 only) carries them with `fetch` and is what the npm package exposes.
//!
//! ```
//! use customerio_wasm::{config::Config, ops::{AnyOperation, Operation, TriggerBroadcast}};
//! use serde_json::json;
//!
//! let config = Config::for_region(customerio_wasm::config::Region::Us, "my-app-api-key").unwrap();
//! let op = TriggerBroadcast::from_params(json!({ "broadcast_id": 7, "ids": ["u1"] })).unwrap();
//! let request = op.build(&config);
//! assert_eq!(request.url, "https://api.customer.io/v1/campaigns/7/triggers");
//!
//! let refused = AnyOperation::from_name("triggerBroadcast", json!({ "broadcast_id": 7, "ids": ["u1"], "emails": ["a@b.co"] }));
//! assert_eq!(refused.unwrap_err().code_str(), "audience_conflict");
//! ```
//!
//! The npm package's wasm is `no_std` (built without the `std` feature): the standard library's
//! panic machinery formats every panic's message, which links `core::fmt` and its `Debug`
//! implementations into the module whether or not a panic ever happens. Without std, the crate's
//! own panic handler (`js::panic`) keeps what it can say without formatting. Native builds, and
//! the wasm tests, use std.

#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]

#[macro_use]
extern crate alloc;

#[macro_use]
pub mod messages;
pub mod config;
pub mod error;
pub mod export;
pub mod ops;
pub mod params;
pub mod policy;
#[doc(hidden)]
pub mod prelude;
pub mod spec;
pub mod tools;
pub mod typescript;
pub mod webhook;
pub mod wire;

/// The JS binding (wasm32 only): the `CustomerIo` class the npm package exports.
#[cfg(target_arch = "wasm32")]
pub mod js;

pub use error::{Error, ErrorCode, Result};
