//! Webhook signature verification, sans-IO: the rules of each sender (which headers, which
//! signed bytes, which encoding, the replay window) live here; the HMAC-SHA256 itself is computed
//! by the caller (WebCrypto in the npm package, any HMAC crate natively), which keeps a hash
//! implementation out of the wasm module.
//!
//! The flow is two steps: [`challenge`] reads the options and headers and says what to compute
//! (one HMAC of [`Challenge::message`] per key of [`Challenge::keys`]); [`Challenge::finish`]
//! compares those MACs with the request's signatures in constant time and applies the tolerance.
//!
//! The body must be the exact bytes received: a JSON body parsed and serialized again differs
//! (spacing, key order, escapes) and never verifies.

use crate::prelude::*;

pub mod compare;
pub mod encoding;
pub mod headers;
pub mod schemes;
pub mod tolerance;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::params::describe;
use crate::params::timestamp::UnixTime;
use headers::HeaderList;
use schemes::Claim;
pub use schemes::Scheme;
use serde_json::Value;

/// At most this many secrets: rotation needs two or three, not a list to brute-force through.
const MAX_SECRETS: usize = 10;

/// The checked options of one verification.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifyOptions {
    pub scheme: Scheme,
    /// The HMAC keys of the configured secrets, in the order given.
    pub keys: Vec<Vec<u8>>,
    pub tolerance_seconds: u64,
    /// The verifier's clock, Unix seconds.
    pub now: u64,
}

impl VerifyOptions {
    /// Reads `{ scheme, secret, toleranceSeconds?, now? }`; `default_now` (Unix seconds) stands
    /// in for a missing `now`. Errors never quote a secret.
    pub fn from_json(options: &Value, default_now: u64) -> Result<VerifyOptions> {
        let Value::Object(map) = options else {
            return Err(invalid!(
                &"options",
                WEBHOOK_OPTIONS_OBJECT_SCHEME,
                describe(options)
            ));
        };
        if let Some(unknown) = map
            .keys()
            .find(|k| !["scheme", "secret", "toleranceSeconds", "now"].contains(&k.as_str()))
        {
            return Err(invalid!(
                &unknown.as_str(),
                WEBHOOK_UNKNOWN_OPTION_OPTIONS,
                Quoted(unknown)
            ));
        }
        let names = Scheme::ALL.map(Scheme::as_str).join(", ");
        let scheme = match map.get("scheme") {
            Some(Value::String(name)) => Scheme::from_name(name).ok_or_else(|| {
                invalid!(&"scheme", WEBHOOK_UNKNOWN_SCHEME_USE, Quoted(name), names)
            })?,
            other => {
                return Err(invalid!(
                    &"scheme",
                    WEBHOOK_SCHEME_REQUIRED_ONE,
                    names,
                    describe_opt(other)
                ))
            }
        };
        let secrets: Vec<(String, &str)> = match map.get("secret") {
            Some(Value::String(s)) => vec![("secret".to_owned(), s.as_str())],
            Some(Value::Array(items)) if !items.is_empty() && items.len() <= MAX_SECRETS => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok((join!("secret[", i, "]"), s.as_str())),
                    other => Err(invalid!(
                        &join!("secret[", i, "]"),
                        WEBHOOK_EACH_SECRET_STRING,
                        kind_of(other)
                    )),
                })
                .collect::<Result<_>>()?,
            Some(Value::Array(_)) => {
                return Err(invalid!(&"secret", WEBHOOK_SECRET_LIST_1, MAX_SECRETS))
            }
            other => {
                return Err(invalid!(
                    &"secret",
                    WEBHOOK_SECRET_REQUIRED_ENDPOINTS,
                    other.map_or("nothing", kind_of)
                ))
            }
        };
        let mut keys = Vec::with_capacity(secrets.len());
        for (field, secret) in secrets {
            if secret.trim().is_empty() {
                return Err(Error::invalid(
                    field,
                    "a secret must not be empty: set the signing secret the sender shows for this endpoint",
                ));
            }
            keys.push(scheme.key(secret.trim(), &field)?);
        }
        let tolerance_seconds = match map.get("toleranceSeconds") {
            None | Some(Value::Null) => tolerance::DEFAULT_TOLERANCE_SECONDS,
            Some(Value::Number(n)) => n.as_u64().ok_or_else(|| {
                invalid!(
                    &"toleranceSeconds",
                    WEBHOOK_TOLERANCESECONDS_WHOLE_NONNEGATIVE,
                    n
                )
            })?,
            Some(other) => {
                return Err(invalid!(
                    &"toleranceSeconds",
                    WEBHOOK_TOLERANCESECONDS_NUMBER_SECONDS,
                    describe(other)
                ))
            }
        };
        let now = match map.get("now") {
            None | Some(Value::Null) => default_now,
            Some(value) => UnixTime::parse("now", value)?.seconds(),
        };
        Ok(VerifyOptions {
            scheme,
            keys,
            tolerance_seconds,
            now,
        })
    }
}

/// The type of a value, without the value (for secrets, which must never be echoed).
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn describe_opt(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), describe)
}

/// What the caller must compute for one request: `HMAC-SHA256(key, message)` for each key.
#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    options: VerifyOptions,
    claim: Claim,
}

/// A verified delivery: who sent it, its delivery id (for deduplication) and signed timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub scheme: &'static str,
    pub id: Option<String>,
    pub timestamp: Option<u64>,
}

/// Reads the request's signature headers for `options.scheme`. Fails `invalid_signature` when a
/// header is missing or malformed, before any MAC is computed.
pub fn challenge(
    options: VerifyOptions,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<Challenge> {
    let claim = schemes::claim(options.scheme, &HeaderList(headers), body)?;
    Ok(Challenge { options, claim })
}

impl Challenge {
    /// The HMAC keys, one per configured secret.
    pub fn keys(&self) -> &[Vec<u8>] {
        &self.options.keys
    }

    /// The exact bytes the sender signed.
    pub fn message(&self) -> &[u8] {
        &self.claim.message
    }

    /// Whether the delivery id is in the body rather than a header: Stripe's event `id`, the
    /// same on every redelivery. The caller reads it with its own JSON parser (none ships in the
    /// wasm module) and passes it to [`Challenge::finish`].
    pub fn id_in_body(&self) -> bool {
        self.options.scheme == Scheme::Stripe
    }

    /// Compares `macs` (the HMAC-SHA256 of [`Challenge::message`] under each key, in order) with
    /// the request's signatures in constant time, then checks the timestamp's window. `body_id`
    /// is the body's `id` when [`Challenge::id_in_body`], and is ignored otherwise.
    pub fn finish(self, macs: &[Vec<u8>], body_id: Option<String>) -> Result<Verified> {
        let header = self.claim.signature_header;
        if macs.len() != self.options.keys.len() {
            return Err(refuse!(
                ErrorCode::Internal,
                WEBHOOK_MACS_FOR_KEYS,
                macs.len(),
                self.options.keys.len()
            ));
        }
        if !compare::any_equal(macs, &self.claim.signatures) {
            let secrets = if macs.len() > 1 {
                "none of the secrets"
            } else {
                "the secret"
            };
            return Err(refuse_at!(
                ErrorCode::InvalidSignature,
                &header,
                WEBHOOK_SIGNATURE_DOES_NOT,
                header,
                secrets
            ));
        }
        if let Some((timestamp, ts_header)) = self.claim.timestamp {
            tolerance::check(
                ts_header,
                timestamp,
                self.options.now,
                self.options.tolerance_seconds,
            )?;
        }
        Ok(Verified {
            scheme: self.options.scheme.as_str(),
            id: if self.options.scheme == Scheme::Stripe {
                body_id.filter(|id| !id.is_empty())
            } else {
                self.claim.id
            },
            timestamp: self.claim.timestamp.map(|(t, _)| t),
        })
    }
}
