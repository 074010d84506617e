//! When to try a request again: a pure decision of (what happened, how many retries so far, how
//! long since the first attempt, a jitter draw), so it can be table-tested with a fake clock.
//!
//! Reads (GET) retry 408, 429, 500, 502, 503, 504 and transport failures, with exponential
//! backoff and full jitter, honouring `Retry-After`. Writes (a broadcast trigger) retry only a
//! 429, which is the server saying it did not act: a 5xx or a timeout after the request left may
//! have triggered the broadcast, and sending it again would reach every recipient twice.

use crate::error::{Error, ErrorCode};
use crate::wire::http::Method;

/// The bounds of retrying. `None` where a policy is expected means "never retry".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff's upper bound, doubled on each retry.
    pub base_delay_ms: u64,
    /// The largest backoff.
    pub max_delay_ms: u64,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed_ms: u64,
    /// A `Retry-After` longer than this is not waited out: the call fails `rate_limited`.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay_ms: 250,
            max_delay_ms: 5_000,
            max_elapsed_ms: 30_000,
            max_retry_after_ms: 30_000,
        }
    }
}

/// How an attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The server answered with this status (and maybe `Retry-After`, in ms).
    Answered {
        status: u16,
        retry_after_ms: Option<u64>,
    },
    /// No usable answer: the connection failed or the attempt timed out. `sent` says whether
    /// the request may have reached the server.
    Failed { timed_out: bool, sent: bool },
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this many milliseconds, then send again.
    RetryAfter(u64),
    /// Give up and report the failure.
    Stop,
}

/// Statuses a read retries.
pub const RETRIED_STATUSES: [u16; 6] = [408, 429, 500, 502, 503, 504];

impl RetryPolicy {
    /// The decision after attempt number `retries + 1` of a `method` request ended as
    /// `attempt`, `elapsed_ms` after the first one started; `jitter` is a draw in [0, 1).
    pub fn decide(
        &self,
        method: Method,
        attempt: Attempt,
        retries: u32,
        elapsed_ms: u64,
        jitter: f64,
    ) -> Decision {
        let retryable = match attempt {
            Attempt::Answered { status, .. } if method.is_idempotent() => {
                RETRIED_STATUSES.contains(&status)
            }
            Attempt::Answered { status, .. } => status == 429,
            Attempt::Failed { sent, .. } => method.is_idempotent() || !sent,
        };
        if !retryable || retries >= self.max_retries {
            return Decision::Stop;
        }
        let delay = match attempt {
            Attempt::Answered {
                retry_after_ms: Some(wait),
                ..
            } => {
                if wait > self.max_retry_after_ms {
                    return Decision::Stop;
                }
                wait
            }
            _ => self.backoff_ms(retries, jitter),
        };
        if elapsed_ms.saturating_add(delay) > self.max_elapsed_ms {
            return Decision::Stop;
        }
        Decision::RetryAfter(delay)
    }

    /// Full jitter: a uniform draw below `min(max_delay, base * 2^retries)`.
    pub fn backoff_ms(&self, retries: u32, jitter: f64) -> u64 {
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1u64.checked_shl(retries.min(32)).unwrap_or(u64::MAX))
            .min(self.max_delay_ms);
        let jitter = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // `ceiling` is at most max_delay_ms, far below 2^52, so the float round trip is exact
        // enough and the product stays in range.
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let delay = (ceiling as f64 * jitter) as u64;
        delay
    }
}

/// The error a write reports when its attempt ended without a clear answer: it may have been
/// acted on, so it is not retried, and the message says how to find out.
pub fn unknown_outcome(cause: &str, status: Option<u16>, check_hint: &str) -> Error {
    Error {
        status,
        ..refuse!(
            ErrorCode::UnknownOutcome,
            RETRY_REQUEST_MAY_HAVE,
            cause,
            check_hint
        )
    }
}

/// The error to report once retrying has stopped. A write whose last attempt may have been acted
/// on (a 5xx or 408 answer, or no answer after the request left) becomes `unknown_outcome`,
/// whatever the underlying error, so that no caller retries it blindly. A write the caller
/// aborted in flight stays `aborted` (the caller asked for it) but says how to check.
pub fn give_up(method: Method, attempt: Attempt, error: Error, check_hint: &str) -> Error {
    let may_have_acted = !method.is_idempotent()
        && match attempt {
            Attempt::Answered { status, .. } => status >= 500 || status == 408,
            Attempt::Failed { sent, .. } => sent,
        };
    match (may_have_acted, error.code) {
        (false, _) => error,
        (true, ErrorCode::Aborted) => Error {
            message: msg!(RETRY_REQUEST_MAY_ALREADY, error.message, check_hint),
            ..error
        },
        (true, _) => unknown_outcome(&error.message, error.status, check_hint),
    }
}
