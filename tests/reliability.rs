//! The reliability decisions against a fake clock: retry policy per method and status, backoff
//! bounds, Retry-After, unknown outcomes, and broadcast spacing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::error::{Error, ErrorCode};
use customerio_wasm::policy::retry::{give_up, Attempt, Decision, RetryPolicy};
use customerio_wasm::policy::spacing::{Spacing, SpacingPolicy, SpacingScope};
use customerio_wasm::wire::http::Method;

fn answered(status: u16) -> Attempt {
    Attempt::Answered {
        status,
        retry_after_ms: None,
    }
}

#[test]
fn reads_retry_transient_statuses_and_transport_failures() {
    let policy = RetryPolicy::default();
    for status in [408, 429, 500, 502, 503, 504] {
        assert!(
            matches!(
                policy.decide(Method::Get, answered(status), 0, 0, 0.5),
                Decision::RetryAfter(_)
            ),
            "{status}"
        );
    }
    for status in [400, 401, 403, 404, 422, 501] {
        assert_eq!(
            policy.decide(Method::Get, answered(status), 0, 0, 0.5),
            Decision::Stop,
            "{status}"
        );
    }
    for sent in [true, false] {
        for timed_out in [true, false] {
            assert!(matches!(
                policy.decide(Method::Get, Attempt::Failed { timed_out, sent }, 0, 0, 0.5),
                Decision::RetryAfter(_)
            ));
        }
    }
}

#[test]
fn triggers_retry_only_a_429_or_a_failure_before_sending() {
    let policy = RetryPolicy::default();
    assert!(matches!(
        policy.decide(Method::Post, answered(429), 0, 0, 0.5),
        Decision::RetryAfter(_)
    ));
    for status in [408, 500, 502, 503, 504, 400, 422] {
        assert_eq!(
            policy.decide(Method::Post, answered(status), 0, 0, 0.5),
            Decision::Stop,
            "{status}"
        );
    }
    assert_eq!(
        policy.decide(
            Method::Post,
            Attempt::Failed {
                timed_out: true,
                sent: true
            },
            0,
            0,
            0.5
        ),
        Decision::Stop
    );
    assert_eq!(
        policy.decide(
            Method::Post,
            Attempt::Failed {
                timed_out: false,
                sent: true
            },
            0,
            0,
            0.5
        ),
        Decision::Stop
    );
    assert!(matches!(
        policy.decide(
            Method::Post,
            Attempt::Failed {
                timed_out: false,
                sent: false
            },
            0,
            0,
            0.5
        ),
        Decision::RetryAfter(_)
    ));
}

#[test]
fn attempts_and_elapsed_time_are_bounded() {
    let policy = RetryPolicy {
        max_retries: 2,
        max_elapsed_ms: 1_000,
        ..RetryPolicy::default()
    };
    assert!(matches!(
        policy.decide(Method::Get, answered(503), 1, 0, 0.0),
        Decision::RetryAfter(_)
    ));
    assert_eq!(
        policy.decide(Method::Get, answered(503), 2, 0, 0.0),
        Decision::Stop,
        "max retries"
    );
    assert_eq!(
        policy.decide(Method::Get, answered(503), 0, 999, 0.99),
        Decision::Stop,
        "the wait would pass max_elapsed"
    );
}

#[test]
fn backoff_is_full_jitter_under_an_exponential_ceiling() {
    let policy = RetryPolicy {
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        ..RetryPolicy::default()
    };
    assert_eq!(policy.backoff_ms(0, 0.0), 0);
    assert_eq!(policy.backoff_ms(0, 0.999_999), 99);
    assert_eq!(policy.backoff_ms(2, 0.5), 200);
    assert_eq!(policy.backoff_ms(10, 0.5), 500, "capped at max_delay");
    assert_eq!(
        policy.backoff_ms(200, 1.0),
        1_000,
        "no overflow for huge attempt counts"
    );
    assert_eq!(policy.backoff_ms(1, f64::NAN), 0);
}

#[test]
fn retry_after_is_honoured_and_bounded() {
    let policy = RetryPolicy::default();
    let limited = |ms| Attempt::Answered {
        status: 429,
        retry_after_ms: Some(ms),
    };
    assert_eq!(
        policy.decide(Method::Get, limited(2_000), 0, 0, 0.1),
        Decision::RetryAfter(2_000)
    );
    assert_eq!(
        policy.decide(Method::Post, limited(10_000), 0, 0, 0.1),
        Decision::RetryAfter(10_000)
    );
    assert_eq!(
        policy.decide(Method::Get, limited(31_000), 0, 0, 0.1),
        Decision::Stop,
        "longer than max_retry_after"
    );
    assert_eq!(
        policy.decide(Method::Get, limited(5_000), 0, 26_000, 0.1),
        Decision::Stop,
        "would pass max_elapsed"
    );
}

#[test]
fn a_write_that_may_have_been_acted_on_is_an_unknown_outcome() {
    let error = || Error {
        status: Some(503),
        ..Error::new(ErrorCode::ApiError, "Customer.io answered 503")
    };
    let stopped = give_up(
        Method::Post,
        answered(503),
        error(),
        "check getTriggers({ broadcast_id: 7 })",
    );
    assert_eq!(
        (stopped.code, stopped.status),
        (ErrorCode::UnknownOutcome, Some(503))
    );
    assert!(
        stopped.message.contains("not sent again")
            && stopped.message.contains("getTriggers({ broadcast_id: 7 })"),
        "{}",
        stopped.message
    );
    let timeout = give_up(
        Method::Post,
        Attempt::Failed {
            timed_out: true,
            sent: true,
        },
        Error::new(ErrorCode::Timeout, "no answer"),
        "x",
    );
    assert_eq!(timeout.code, ErrorCode::UnknownOutcome);
    let not_sent = give_up(
        Method::Post,
        Attempt::Failed {
            timed_out: false,
            sent: false,
        },
        Error::new(ErrorCode::NetworkError, "refused"),
        "x",
    );
    assert_eq!(not_sent.code, ErrorCode::NetworkError);
    let refused = give_up(
        Method::Post,
        answered(422),
        Error::new(ErrorCode::ApiError, "bad"),
        "x",
    );
    assert_eq!(refused.code, ErrorCode::ApiError, "a 4xx is a clear answer");
    let aborted = give_up(
        Method::Post,
        Attempt::Failed {
            timed_out: false,
            sent: true,
        },
        Error::new(ErrorCode::Aborted, "the call was aborted"),
        "check getTriggers",
    );
    assert_eq!(
        aborted.code,
        ErrorCode::Aborted,
        "the caller asked for the abort"
    );
    assert!(
        aborted.message.contains("may already have reached")
            && aborted.message.contains("check getTriggers"),
        "{}",
        aborted.message
    );
    let read = give_up(Method::Get, answered(503), error(), "x");
    assert_eq!(
        read.code,
        ErrorCode::ApiError,
        "reads never become unknown_outcome"
    );
}

#[test]
fn spacing_queues_triggers_of_one_broadcast_ten_seconds_apart_in_call_order() {
    let mut spacing = Spacing::new(SpacingPolicy::default());
    assert_eq!(spacing.reserve(7, 1_000).unwrap(), 0);
    assert_eq!(
        spacing.reserve(7, 1_000).unwrap(),
        10_000,
        "second call waits for the next slot"
    );
    assert_eq!(
        spacing.reserve(7, 2_000).unwrap(),
        19_000,
        "third call queues after the second"
    );
    assert_eq!(
        spacing.reserve(8, 2_000).unwrap(),
        0,
        "another broadcast is independent"
    );
    assert_eq!(
        spacing.reserve(7, 100_000).unwrap(),
        0,
        "after the interval no wait"
    );
}

#[test]
fn spacing_refuses_a_wait_beyond_the_bound_without_reserving() {
    let mut spacing = Spacing::new(SpacingPolicy {
        max_wait_ms: 15_000,
        ..SpacingPolicy::default()
    });
    spacing.reserve(7, 0).unwrap();
    spacing.reserve(7, 0).unwrap();
    let e = spacing.reserve(7, 0).unwrap_err();
    assert_eq!(
        (e.code, e.retry_after_ms),
        (ErrorCode::RateLimited, Some(20_000))
    );
    assert!(e.message.contains("not sent"), "{}", e.message);
    assert_eq!(
        spacing.reserve(7, 5_000).unwrap(),
        15_000,
        "the refused call took no slot"
    );
}

#[test]
fn spacing_per_workspace_spaces_every_broadcast_together() {
    let mut spacing = Spacing::new(SpacingPolicy {
        scope: SpacingScope::PerWorkspace,
        ..SpacingPolicy::default()
    });
    assert_eq!(spacing.reserve(7, 0).unwrap(), 0);
    assert_eq!(spacing.reserve(8, 0).unwrap(), 10_000);
}
