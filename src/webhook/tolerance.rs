//! The replay window of the schemes that sign a timestamp (Customer.io, Standard Webhooks,
//! Stripe): a signature older or newer than the tolerance is refused even when it matches.

use crate::error::{ErrorCode, Result};

/// The default window, in seconds: what Stripe's and Standard Webhooks' own libraries use.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Checks that `timestamp` is within `tolerance` seconds of `now`, either way. `header` names the
/// header the timestamp came from (the error's `field`).
pub fn check(header: &str, timestamp: u64, now: u64, tolerance: u64) -> Result<()> {
    let distance = now.abs_diff(timestamp);
    if distance <= tolerance {
        return Ok(());
    }
    let when = if timestamp < now {
        "in the past"
    } else {
        "in the future"
    };
    Err(refuse_at!(
        ErrorCode::ExpiredSignature,
        &header,
        WEBHOOK_SIGNED_TIMESTAMP_S,
        timestamp,
        distance,
        when,
        tolerance
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_the_window_either_way_passes() {
        assert!(check("t", 1000, 1300, 300).is_ok());
        assert!(check("t", 1300, 1000, 300).is_ok());
    }

    #[test]
    fn outside_the_window_is_expired_with_the_header_as_field() {
        let Err(past) = check("X-T", 1000, 1301, 300) else {
            unreachable!("1301 s is outside 300 s")
        };
        assert_eq!(past.code_str(), "expired_signature");
        assert_eq!(past.field.as_deref(), Some("X-T"));
        assert!(past.message.contains("in the past"));
        let Err(future) = check("X-T", 1301, 1000, 300) else {
            unreachable!("1301 s is outside 300 s")
        };
        assert!(future.message.contains("in the future"));
    }
}
