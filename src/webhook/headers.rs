//! Case-insensitive header lookup and the `invalid_signature` errors of a missing or malformed
//! header.

use crate::prelude::*;

use crate::error::{Error, ErrorCode};

/// The request's headers as (name, value) pairs, looked up without regard to case (HTTP header
/// names are case-insensitive; `Headers` lower-cases them, a plain object may not).
pub struct HeaderList<'a>(pub &'a [(String, String)]);

impl HeaderList<'_> {
    /// The value of `name`, trimmed, if present and not blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The value of `name`, or `invalid_signature` saying it is missing.
    pub fn require(&self, name: &str, sender: &str) -> Result<&str, Error> {
        self.get(name).ok_or_else(|| {
            refuse_at!(
                ErrorCode::InvalidSignature,
                &name,
                WEBHOOK_HEADER_MISSING_DELIVERY,
                name,
                sender
            )
        })
    }
}

/// `invalid_signature` about a header whose value cannot be read.
pub fn malformed(name: &str, expected: &str) -> Error {
    refuse_at!(
        ErrorCode::InvalidSignature,
        &name,
        WEBHOOK_HEADER_MALFORMED_EXPECTED,
        name,
        expected
    )
}

/// Reads a timestamp header: whole Unix seconds as digits.
pub fn seconds(name: &str, value: &str) -> Result<u64, Error> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(name, "whole Unix seconds, e.g. 1700000000"));
    }
    value
        .parse()
        .map_err(|_| malformed(name, "whole Unix seconds, e.g. 1700000000"))
}
