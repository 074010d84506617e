//! Reading the constructor's options and each call's `{ signal, timeoutMs }`.

use crate::prelude::*;

use crate::config::{Config, Region};
use crate::error::{Error, Result};
use crate::policy::retry::RetryPolicy;
use crate::policy::spacing::{SpacingPolicy, SpacingScope};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Per-attempt timeout when the caller sets none (the core's, as a JS number).
#[allow(clippy::cast_precision_loss)] // 30 000 is exact in an f64.
pub const DEFAULT_TIMEOUT_MS: f64 = crate::config::DEFAULT_TIMEOUT_MS as f64;

const CLIENT_OPTIONS: [&str; 7] = [
    "apiKey",
    "region",
    "baseUrl",
    "fetch",
    "timeoutMs",
    "retry",
    "spacing",
];
const SPACING_OPTIONS: [&str; 4] = ["intervalMs", "maxWaitMs", "scope", "acquire"];
const CALL_OPTIONS: [&str; 2] = ["signal", "timeoutMs"];
const RETRY_OPTIONS: [&str; 5] = [
    "maxRetries",
    "baseDelayMs",
    "maxDelayMs",
    "maxElapsedMs",
    "maxRetryAfterMs",
];

/// The client's settings, read from `new CustomerIo(options)`.
pub struct ClientOptions {
    pub config: Config,
    pub fetch: Option<Function>,
    pub timeout_ms: f64,
    pub retry: Option<RetryPolicy>,
    pub spacing: SpacingOptions,
}

/// How triggers are spaced: by this client's own table, by a caller's hook, or not at all.
pub enum SpacingOptions {
    Off,
    Local(SpacingPolicy),
    /// `acquire(key, intervalMs)` resolves when the trigger may be sent (e.g. a Durable Object
    /// that coordinates every isolate), or rejects to refuse it.
    Hook {
        acquire: Function,
        policy: SpacingPolicy,
    },
}

/// One call's settings.
pub struct CallOptions {
    pub signal: JsValue,
    pub timeout_ms: f64,
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn given(value: JsValue) -> Option<JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// Refuses option names that are not in `known`, so a typo (`apikey`) is not silently ignored.
fn check_names(object: &JsValue, known: &[&str], what: &str) -> Result<()> {
    let Some(object) = object.dyn_ref::<Object>() else {
        return Err(invalid!(&what, JS_OBJECT, what));
    };
    for key in Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(invalid!(
                &key.clone(),
                JS_HAS_NO_OPTION,
                what,
                crate::error::Quoted(&key),
                known.join(", ")
            ));
        }
    }
    Ok(())
}

fn string_option(object: &JsValue, key: &str) -> Result<Option<String>> {
    match given(get(object, key)) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| invalid!(&key, JS_STRING, key)),
    }
}

fn millis_option(object: &JsValue, key: &str) -> Result<Option<f64>> {
    match given(get(object, key)) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(ms) if ms.is_finite() && ms >= 0.0 => Ok(Some(ms.floor())),
            _ => Err(invalid!(&key, JS_NUMBER_MILLISECONDS_0, key)),
        },
    }
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn as_u64(ms: f64) -> u64 {
    ms as u64
}

impl ClientOptions {
    /// Reads and checks the constructor's options.
    pub fn read(options: &JsValue) -> Result<ClientOptions> {
        if given(options.clone()).is_none() {
            return Err(Error::invalid(
                "apiKey",
                "new CustomerIo({ apiKey }) needs an options object with your App API key",
            ));
        }
        check_names(options, &CLIENT_OPTIONS, "options")?;
        let api_key = string_option(options, "apiKey")?.ok_or_else(|| {
            Error::invalid(
                "apiKey",
                "apiKey is required: your App API key (Settings → API credentials → App API keys)",
            )
        })?;
        let region = string_option(options, "region")?
            .map(|r| Region::parse(&r))
            .transpose()?;
        let config = match string_option(options, "baseUrl")? {
            Some(url) => Config::for_base_url(&url, &api_key)?,
            None => Config::for_region(region.unwrap_or_default(), &api_key)?,
        };
        let fetch = match given(get(options, "fetch")) {
            None => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| {
                Error::invalid(
                    "fetch",
                    "fetch must be a function with the signature of the global fetch",
                )
            })?),
        };
        let timeout_ms = millis_option(options, "timeoutMs")?.unwrap_or(DEFAULT_TIMEOUT_MS);
        let retry = read_retry(&get(options, "retry"))?;
        let spacing = read_spacing(&get(options, "spacing"))?;
        Ok(ClientOptions {
            config,
            fetch,
            timeout_ms,
            retry,
            spacing,
        })
    }
}

/// `retry: false` turns retries off; an object overrides the defaults field by field.
fn read_retry(value: &JsValue) -> Result<Option<RetryPolicy>> {
    if value.is_undefined() || value.is_null() || value.as_bool() == Some(true) {
        return Ok(Some(RetryPolicy::default()));
    }
    if value.as_bool() == Some(false) {
        return Ok(None);
    }
    check_names(value, &RETRY_OPTIONS, "retry")?;
    let defaults = RetryPolicy::default();
    let field = |key: &str, default: u64| -> Result<u64> {
        millis_option(value, key).map(|v| v.map_or(default, as_u64))
    };
    let max_retries = u32::try_from(field("maxRetries", u64::from(defaults.max_retries))?)
        .map_err(|_| Error::invalid("maxRetries", "retry.maxRetries is too large"))?;
    Ok(Some(RetryPolicy {
        max_retries,
        base_delay_ms: field("baseDelayMs", defaults.base_delay_ms)?,
        max_delay_ms: field("maxDelayMs", defaults.max_delay_ms)?,
        max_elapsed_ms: field("maxElapsedMs", defaults.max_elapsed_ms)?,
        max_retry_after_ms: field("maxRetryAfterMs", defaults.max_retry_after_ms)?,
    }))
}

/// `spacing: false` turns spacing off; an object sets `intervalMs`, `maxWaitMs`, `scope`
/// ("broadcast" or "workspace") and an optional `acquire` hook.
fn read_spacing(value: &JsValue) -> Result<SpacingOptions> {
    if value.is_undefined() || value.is_null() || value.as_bool() == Some(true) {
        return Ok(SpacingOptions::Local(SpacingPolicy::default()));
    }
    if value.as_bool() == Some(false) {
        return Ok(SpacingOptions::Off);
    }
    check_names(value, &SPACING_OPTIONS, "spacing")?;
    let defaults = SpacingPolicy::default();
    let scope = match string_option(value, "scope")?.as_deref() {
        None | Some("broadcast") => SpacingScope::PerBroadcast,
        Some("workspace") => SpacingScope::PerWorkspace,
        Some(other) => {
            return Err(invalid!(
                &"scope",
                JS_SPACINGSCOPE_BROADCAST_OR,
                crate::error::Quoted(other)
            ))
        }
    };
    let policy = SpacingPolicy {
        interval_ms: millis_option(value, "intervalMs")?.map_or(defaults.interval_ms, as_u64),
        max_wait_ms: millis_option(value, "maxWaitMs")?.map_or(defaults.max_wait_ms, as_u64),
        scope,
    };
    match given(get(value, "acquire")) {
        None => Ok(SpacingOptions::Local(policy)),
        Some(f) => {
            let acquire = f.dyn_into::<Function>().map_err(|_| {
                Error::invalid(
                    "acquire",
                    "spacing.acquire must be a function (key, intervalMs) => Promise",
                )
            })?;
            Ok(SpacingOptions::Hook { acquire, policy })
        }
    }
}

impl CallOptions {
    /// Reads a call's `{ signal, timeoutMs }`, defaulting the timeout to the client's.
    pub fn read(options: &JsValue, client_timeout_ms: f64) -> Result<CallOptions> {
        if given(options.clone()).is_none() {
            return Ok(CallOptions {
                signal: JsValue::UNDEFINED,
                timeout_ms: client_timeout_ms,
            });
        }
        check_names(options, &CALL_OPTIONS, "call options")?;
        let signal = get(options, "signal");
        if given(signal.clone()).is_some() && given(get(&signal, "aborted")).is_none() {
            return Err(Error::invalid(
                "signal",
                "signal must be an AbortSignal (from new AbortController().signal)",
            ));
        }
        let timeout_ms = millis_option(options, "timeoutMs")?.unwrap_or(client_timeout_ms);
        Ok(CallOptions { signal, timeout_ms })
    }
}
