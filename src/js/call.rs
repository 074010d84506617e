//! One call from start to finish: validate, build, send with `fetch`, retry as the core decides,
//! and hand back the parsed body and the next page's cursor.

use crate::prelude::*;

use super::errors::{internal, to_js};
use super::options::{CallOptions, SpacingOptions};
use super::params::json_of;
use super::runtime::{
    now_ms, parse_json, read_answer, send, shape_failure, sleep, transport_failure,
};
use crate::config::Config;
use crate::error::{Error, ErrorCode, Result};
use crate::ops::{cursor_of, AnyOperation};
use crate::policy::retry::{give_up, Attempt, Decision, RetryPolicy};
use crate::policy::spacing::{Spacing, SpacingPolicy, SpacingScope};
use crate::wire::api_error::error_from_answer;
use crate::wire::http::{HttpRequest, HttpResponse};
use crate::wire::shape::invalid_answer;
use core::cell::RefCell;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What every call of one client shares.
pub struct Client {
    pub config: Config,
    pub fetch: Option<Function>,
    pub timeout_ms: f64,
    pub retry: Option<RetryPolicy>,
    pub spacer: Spacer,
}

/// The client's broadcast spacing in force.
pub enum Spacer {
    Off,
    Local(RefCell<Spacing>),
    Hook {
        acquire: Function,
        policy: SpacingPolicy,
    },
}

impl From<SpacingOptions> for Spacer {
    fn from(options: SpacingOptions) -> Spacer {
        match options {
            SpacingOptions::Off => Spacer::Off,
            SpacingOptions::Local(policy) => Spacer::Local(RefCell::new(Spacing::new(policy))),
            SpacingOptions::Hook { acquire, policy } => Spacer::Hook { acquire, policy },
        }
    }
}

/// The answer of a successful call: the body as JS, and the cursor of the next page.
pub struct CallResult {
    pub body: JsValue,
    pub next: Option<String>,
}

/// A failed attempt: the error to report if we stop, and what the retry policy needs to know.
struct Failure {
    error: Error,
    attempt: Attempt,
    /// Sending again cannot succeed (an invalid header, a refused scheme): never retried.
    final_failure: bool,
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn whole_ms(ms: f64) -> u64 {
    if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    }
}

impl Client {
    /// The CustomerIoError for `error`, with the key blanked out wherever a caller's input put it.
    pub fn error(&self, error: &Error) -> JsValue {
        to_js(&error.clone().redact(self.config.api_key().expose()))
    }

    /// Runs `op` to completion under the client's retry policy.
    pub async fn execute(&self, op: &AnyOperation, call: &CallOptions) -> Result<CallResult> {
        if let Some(broadcast_id) = op.spaced_broadcast() {
            self.wait_for_slot(broadcast_id, call).await?;
        }
        let request = op.build(&self.config);
        let method = op.spec().method;
        let started = now_ms();
        let mut retries = 0;
        loop {
            let failure = match self.attempt(op, &request, call).await {
                Ok(result) => return Ok(result),
                Err(failure) => failure,
            };
            if failure.error.code == ErrorCode::Aborted || failure.final_failure {
                return Err(failure.error);
            }
            if is_aborted(&call.signal) {
                // The caller's own deadline (AbortSignal.timeout) passed: no further attempt.
                return Err(give_up(
                    method,
                    failure.attempt,
                    failure.error,
                    &op.outcome_check_hint(),
                ));
            }
            let elapsed = whole_ms(now_ms() - started);
            let decision = self.retry.map_or(Decision::Stop, |policy| {
                policy.decide(
                    method,
                    failure.attempt,
                    retries,
                    elapsed,
                    js_sys::Math::random(),
                )
            });
            match decision {
                Decision::RetryAfter(wait_ms) => {
                    #[allow(clippy::cast_precision_loss)]
                    let wait = wait_ms as f64;
                    if let Err(e) = JsFuture::from(sleep(wait, &call.signal)).await {
                        return Err(transport_error(&e).error);
                    }
                    retries += 1;
                }
                Decision::Stop => {
                    return Err(give_up(
                        method,
                        failure.attempt,
                        failure.error,
                        &op.outcome_check_hint(),
                    ))
                }
            }
        }
    }

    /// Waits until a trigger of `broadcast_id` may be sent under the spacing in force.
    async fn wait_for_slot(&self, broadcast_id: u64, call: &CallOptions) -> Result<()> {
        let wait = match &self.spacer {
            Spacer::Off => return Ok(()),
            Spacer::Local(spacing) => spacing
                .borrow_mut()
                .reserve(broadcast_id, whole_ms(now_ms()))?,
            Spacer::Hook { acquire, policy } => {
                return acquire_slot(acquire, policy, broadcast_id).await
            }
        };
        if wait > 0 {
            #[allow(clippy::cast_precision_loss)]
            let wait = wait as f64;
            JsFuture::from(sleep(wait, &call.signal))
                .await
                .map_err(|e| transport_error(&e).error)?;
        }
        Ok(())
    }

    async fn attempt(
        &self,
        op: &AnyOperation,
        request: &HttpRequest,
        call: &CallOptions,
    ) -> core::result::Result<CallResult, Failure> {
        let promise = send(
            self.fetch.clone(),
            request.method.as_str(),
            &request.url,
            &header_lines(&request.headers),
            request.body.clone(),
            &call.signal,
            call.timeout_ms,
        );
        let answer: Array = JsFuture::from(promise)
            .await
            .map_err(|e| transport_error(&e))?
            .unchecked_into();
        let status = answer_status(&answer).ok_or_else(|| Failure {
            error: internal("the transport returned an answer without a status"),
            attempt: Attempt::Failed {
                timed_out: false,
                sent: true,
            },
            final_failure: false,
        })?;
        let text = answer.get(1);
        if (200..300).contains(&status) {
            return read_success(op, status, &text);
        }
        let response = HttpResponse {
            status,
            headers: answer_headers(&answer),
            body: text.as_string().unwrap_or_default().into_bytes(),
            received_at_ms: whole_ms(answer.get(3).as_f64().unwrap_or_else(now_ms)),
        };
        let parsed = parse_json(&text).ok().and_then(|body| json_of(&body));
        let error = error_from_answer(&response, parsed);
        Err(Failure {
            attempt: Attempt::Answered {
                status,
                retry_after_ms: error.retry_after_ms,
            },
            error,
            final_failure: false,
        })
    }
}

/// A 2xx answer, parsed once by `JSON.parse` on the JS string it arrived as (never copied into
/// wasm memory) and checked against the operation's shape, exported from the core's table.
fn read_success(
    op: &AnyOperation,
    status: u16,
    text: &JsValue,
) -> core::result::Result<CallResult, Failure> {
    let name = op.spec().name;
    let body = read_answer(text, name).map_err(|thrown| Failure {
        error: match shape_failure(&thrown) {
            Some(why) if op.send_body().is_some() => {
                let error = invalid_answer(name, status, &why);
                Error {
                    message: msg!(JS_API_ACCEPTED_SEND, error.message, status),
                    ..error
                }
            }
            Some(why) => invalid_answer(name, status, &why),
            None => internal("the answer check threw"),
        },
        attempt: Attempt::Answered {
            status,
            retry_after_ms: None,
        },
        final_failure: false,
    })?;
    let next = match op.items_field() {
        // The core's reading of a cursor, on the page's `next` as JSON.
        Some(_) => json_of(&field(&body, "next")).as_ref().and_then(cursor_of),
        None => None,
    };
    Ok(CallResult { body, next })
}

fn field(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The core's headers as one string, `name\nvalue\n...`, for `send` to split: one crossing of
/// the boundary instead of two per header. No name or value holds a line break (the API key is
/// refused with control characters; the others are constants).
fn header_lines(headers: &[(String, String)]) -> String {
    let mut lines = String::new();
    for (name, value) in headers {
        lines.push_str(name);
        lines.push('\n');
        lines.push_str(value);
        lines.push('\n');
    }
    lines
}

/// `[status, body, headers?, receivedAt?]`, as `send` resolves.
fn answer_status(answer: &Array) -> Option<u16> {
    answer
        .get(0)
        .as_f64()
        .and_then(|s| u16::try_from(whole_ms(s)).ok())
}

/// The answer's headers, read only for non-2xx answers (Retry-After, the error's request id).
fn answer_headers(answer: &Array) -> Vec<(String, String)> {
    Array::from(&answer.get(2))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn is_aborted(signal: &JsValue) -> bool {
    !signal.is_undefined()
        && Reflect::get(signal, &"aborted".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
}

/// The error for a transport failure thrown by `send` or `sleep`.
fn transport_error(thrown: &JsValue) -> Failure {
    let described = transport_failure(thrown);
    let parts = described.dyn_ref::<Array>();
    let kind = parts.and_then(|p| p.get(0).as_string()).unwrap_or_default();
    let message = parts
        .and_then(|p| p.get(1).as_string())
        .unwrap_or_else(|| msg!(JS_TRANSPORT_THREW, describe_thrown(thrown)));
    let sent = parts.and_then(|p| p.get(2).as_bool()).unwrap_or(true);
    let final_failure = parts.and_then(|p| p.get(3).as_bool()).unwrap_or(false);
    let code = match kind.as_str() {
        "timeout" => ErrorCode::Timeout,
        "aborted" => ErrorCode::Aborted,
        _ => ErrorCode::NetworkError,
    };
    Failure {
        error: Error::new(code, message),
        attempt: Attempt::Failed {
            timed_out: code == ErrorCode::Timeout,
            sent,
        },
        final_failure,
    }
}

fn describe_thrown(thrown: &JsValue) -> String {
    thrown
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| thrown.as_string())
        .unwrap_or_else(|| String::from(Object::from(thrown.clone()).to_string()))
}

/// Asks the caller's `acquire(key, intervalMs)` hook for a slot; a rejection refuses the
/// trigger with `rate_limited`, keeping the hook's `retryAfterMs` if it gave one.
async fn acquire_slot(acquire: &Function, policy: &SpacingPolicy, broadcast_id: u64) -> Result<()> {
    let key = match policy.scope {
        SpacingScope::PerBroadcast => join!("broadcast:", broadcast_id),
        SpacingScope::PerWorkspace => "workspace".to_owned(),
    };
    #[allow(clippy::cast_precision_loss)]
    let interval = JsValue::from_f64(policy.interval_ms as f64);
    let outcome = match acquire.call2(&JsValue::UNDEFINED, &JsValue::from_str(&key), &interval) {
        Ok(value) => JsFuture::from(Promise::resolve(&value)).await,
        Err(thrown) => Err(thrown),
    };
    outcome.map(|_| ()).map_err(|thrown| {
        let retry_after_ms = Reflect::get(&thrown, &"retryAfterMs".into())
            .ok()
            .and_then(|v| v.as_f64())
            .map(whole_ms);
        Error {
            retry_after_ms,
            ..refuse!(
                ErrorCode::RateLimited,
                JS_SPACINGACQUIRE_REFUSED_TRIGGER,
                broadcast_id,
                describe_thrown(&thrown)
            )
        }
    })
}
