//! Each sender's rules: which headers carry the signature (and timestamp and id), how the
//! signature is encoded, and which bytes are signed. References:
//! - Customer.io: https://docs.customer.io/api/webhooks/ (`v0:{timestamp}:{body}`, lowercase hex)
//! - Standard Webhooks: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
//! - Stripe: https://docs.stripe.com/webhooks#verify-manually
//! - GitHub: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
//! - Shopify: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook

use crate::prelude::*;

use super::encoding;
use super::headers::{malformed, seconds, HeaderList};
use crate::error::{Error, Result};

/// The headers a scheme reads, named as its sender's documentation names them (header names
/// match whatever their case). The `customerio-wasm/rules` export carries them (`webhookHeaders`),
/// so a surface that signs or forwards deliveries never spells them itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemeHeaders {
    /// The header that carries the signature (the `field` of a mismatch).
    pub signature: &'static str,
    /// The header that carries the signed timestamp (Stripe's rides inside its signature header),
    /// or `None` when the scheme signs no timestamp and so has no replay window.
    pub timestamp: Option<&'static str>,
    /// The headers that name the delivery, the first present one winning; empty when the id is not
    /// in a header (Customer.io has none; Stripe's is the event's `id` in the body).
    pub id: &'static [&'static str],
}

const CIO_TIMESTAMP: &str = "X-CIO-Timestamp";
const CIO_SIGNATURE: &str = "X-CIO-Signature";
const STANDARD_ID: &str = "webhook-id";
const STANDARD_TIMESTAMP: &str = "webhook-timestamp";
const STANDARD_SIGNATURE: &str = "webhook-signature";
const STRIPE_SIGNATURE: &str = "Stripe-Signature";
const GITHUB_SIGNATURE: &str = "X-Hub-Signature-256";
const GITHUB_DELIVERY: &str = "X-GitHub-Delivery";
const SHOPIFY_SIGNATURE: &str = "X-Shopify-Hmac-Sha256";
// Shopify's guide "Ignore duplicate webhooks" names X-Shopify-Event-Id as the key ("the same
// value across more than one webhook indicates a duplicate"):
// https://shopify.dev/apps/build/webhooks/ignore-duplicates (checked 2026-12-06).
// X-Shopify-Webhook-Id (the older guides' key) stands in when it is absent.
const SHOPIFY_IDS: &[&str] = &["X-Shopify-Event-Id", "X-Shopify-Webhook-Id"];

/// A webhook sender's signing scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    CustomerIo,
    Standard,
    Stripe,
    GitHub,
    Shopify,
}

impl Scheme {
    /// Every scheme, in the order the docs list them.
    pub const ALL: [Scheme; 5] = [
        Scheme::CustomerIo,
        Scheme::Standard,
        Scheme::Stripe,
        Scheme::GitHub,
        Scheme::Shopify,
    ];

    /// The name callers pass as `scheme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::CustomerIo => "customerio",
            Scheme::Standard => "standard",
            Scheme::Stripe => "stripe",
            Scheme::GitHub => "github",
            Scheme::Shopify => "shopify",
        }
    }

    /// The scheme called `name`.
    pub fn from_name(name: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The headers this scheme reads.
    pub fn headers(self) -> SchemeHeaders {
        let (signature, timestamp, id): (_, _, &'static [&'static str]) = match self {
            Scheme::CustomerIo => (CIO_SIGNATURE, Some(CIO_TIMESTAMP), &[]),
            Scheme::Standard => (STANDARD_SIGNATURE, Some(STANDARD_TIMESTAMP), &[STANDARD_ID]),
            Scheme::Stripe => (STRIPE_SIGNATURE, Some(STRIPE_SIGNATURE), &[]),
            Scheme::GitHub => (GITHUB_SIGNATURE, None, &[GITHUB_DELIVERY]),
            Scheme::Shopify => (SHOPIFY_SIGNATURE, None, SHOPIFY_IDS),
        };
        SchemeHeaders {
            signature,
            timestamp,
            id,
        }
    }

    fn sender(self) -> &'static str {
        match self {
            Scheme::CustomerIo => "Customer.io",
            Scheme::Standard => "Standard Webhooks",
            Scheme::Stripe => "Stripe",
            Scheme::GitHub => "GitHub",
            Scheme::Shopify => "Shopify",
        }
    }

    /// The HMAC key a configured secret stands for. Standard Webhooks secrets are `whsec_` +
    /// base64 of the key bytes (the prefix is optional, as in the reference libraries); every
    /// other sender uses the secret's own bytes (Stripe's `whsec_…` included, as is).
    pub fn key(self, secret: &str, field: &str) -> Result<Vec<u8>> {
        match self {
            Scheme::Standard => {
                let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
                encoding::base64(encoded)
                    .filter(|key| !key.is_empty())
                    .ok_or_else(|| Error::invalid(field, "a Standard Webhooks secret is \"whsec_\" followed by base64 key bytes, as the sender shows it; copy it whole"))
            }
            _ => Ok(secret.as_bytes().to_vec()),
        }
    }
}

/// What one request claims: the signed bytes, the signatures it carries, and its timestamp and
/// delivery id where the scheme has them.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The exact bytes the sender signed.
    pub message: Vec<u8>,
    /// The decoded signatures (any one matching is enough).
    pub signatures: Vec<Vec<u8>>,
    /// The header that carries the signatures (the `field` of a mismatch).
    pub signature_header: &'static str,
    /// The signed timestamp and the header it came from.
    pub timestamp: Option<(u64, &'static str)>,
    /// The sender's delivery id from a header (Stripe's comes from the body, after verification).
    pub id: Option<String>,
}

fn joined(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

/// Reads the signature headers of `scheme` and builds the signed message over `body`.
pub fn claim(scheme: Scheme, headers: &HeaderList<'_>, body: &[u8]) -> Result<Claim> {
    let sender = scheme.sender();
    match scheme {
        Scheme::CustomerIo => {
            const TS: &str = CIO_TIMESTAMP;
            const SIG: &str = CIO_SIGNATURE;
            let ts_text = headers.require(TS, sender)?;
            let ts = seconds(TS, ts_text)?;
            let signature = encoding::hex(headers.require(SIG, sender)?)
                .ok_or_else(|| malformed(SIG, "the hex HMAC-SHA256 of v0:{timestamp}:{body}"))?;
            Ok(Claim {
                message: joined(&[b"v0:", ts_text.as_bytes(), b":", body]),
                signatures: vec![signature],
                signature_header: SIG,
                timestamp: Some((ts, TS)),
                id: None,
            })
        }
        Scheme::Standard => {
            const ID: &str = STANDARD_ID;
            const TS: &str = STANDARD_TIMESTAMP;
            const SIG: &str = STANDARD_SIGNATURE;
            let id = headers.require(ID, sender)?;
            let ts_text = headers.require(TS, sender)?;
            let ts = seconds(TS, ts_text)?;
            let mut signatures = Vec::new();
            for entry in headers.require(SIG, sender)?.split_whitespace() {
                let (version, value) = entry
                    .split_once(',')
                    .ok_or_else(|| malformed(SIG, "space-separated v1,{base64} entries"))?;
                // Other versions (e.g. v1a, asymmetric) are not ours to check; skip them.
                if version == "v1" {
                    signatures.push(
                        encoding::base64(value)
                            .ok_or_else(|| malformed(SIG, "v1,{base64 of HMAC-SHA256}"))?,
                    );
                }
            }
            if signatures.is_empty() {
                return Err(malformed(SIG, "at least one v1,{base64} entry"));
            }
            Ok(Claim {
                message: joined(&[id.as_bytes(), b".", ts_text.as_bytes(), b".", body]),
                signatures,
                signature_header: SIG,
                timestamp: Some((ts, TS)),
                id: Some(id.to_owned()),
            })
        }
        Scheme::Stripe => {
            const SIG: &str = STRIPE_SIGNATURE;
            let mut ts = None;
            let mut signatures = Vec::new();
            for item in headers.require(SIG, sender)?.split(',') {
                let (key, value) = item
                    .trim()
                    .split_once('=')
                    .ok_or_else(|| malformed(SIG, "t={timestamp},v1={hex}[,v1={hex}...]"))?;
                match key {
                    "t" if ts.is_none() => ts = Some((value, seconds(SIG, value)?)),
                    "t" => return Err(malformed(SIG, "a single t={timestamp}")),
                    "v1" => signatures.push(
                        encoding::hex(value)
                            .ok_or_else(|| malformed(SIG, "v1={hex HMAC-SHA256}"))?,
                    ),
                    // v0 (test-mode legacy) and future schemes are not checked.
                    _ => {}
                }
            }
            let (ts_text, ts) = ts.ok_or_else(|| malformed(SIG, "a t={timestamp} element"))?;
            if signatures.is_empty() {
                return Err(malformed(SIG, "at least one v1={hex} element"));
            }
            Ok(Claim {
                message: joined(&[ts_text.as_bytes(), b".", body]),
                signatures,
                signature_header: SIG,
                timestamp: Some((ts, SIG)),
                id: None,
            })
        }
        Scheme::GitHub => {
            const SIG: &str = GITHUB_SIGNATURE;
            let signature = headers
                .require(SIG, sender)?
                .strip_prefix("sha256=")
                .and_then(encoding::hex)
                .ok_or_else(|| malformed(SIG, "sha256={hex HMAC-SHA256 of the body}"))?;
            Ok(Claim {
                message: body.to_vec(),
                signatures: vec![signature],
                signature_header: SIG,
                timestamp: None,
                id: headers.get(GITHUB_DELIVERY).map(str::to_owned),
            })
        }
        Scheme::Shopify => {
            const SIG: &str = SHOPIFY_SIGNATURE;
            let signature = encoding::base64(headers.require(SIG, sender)?)
                .ok_or_else(|| malformed(SIG, "the base64 HMAC-SHA256 of the body"))?;
            Ok(Claim {
                message: body.to_vec(),
                signatures: vec![signature],
                signature_header: SIG,
                timestamp: None,
                id: SHOPIFY_IDS
                    .iter()
                    .find_map(|name| headers.get(name))
                    .map(str::to_owned),
            })
        }
    }
}
