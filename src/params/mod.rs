//! Reading an operation's JSON parameter object (the seed's snake_case names) against its
//! [`OperationSpec`]: unknown names are refused, `null` counts as left out, and each accessor
//! applies the rule the spec gives for that name, so the rule lives in one place.

use crate::prelude::*;

pub mod audience;
pub mod filter;
pub mod send;
pub mod timestamp;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::spec::{OperationSpec, ParamKind};
use core::fmt;
use serde_json::{Map, Value};
use timestamp::UnixTime;

/// The largest integer JS can hold exactly; ids above it would be corrupted on the way.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// A positive integer id (broadcast, segment, campaign, newsletter, action).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(u64);

impl Id {
    /// Checks that `value` is a positive integer no larger than JS can represent.
    pub fn new(value: u64) -> Option<Id> {
        (1..=MAX_SAFE_INTEGER).contains(&value).then_some(Id(value))
    }

    /// The number.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Reads a positive integer, or a string of digits, at `field`.
    pub fn parse(field: &str, value: &Value) -> Result<Id> {
        let number = match value {
            Value::Number(n) => n.as_u64().or_else(|| whole_f64(n.as_f64())),
            Value::String(s) if is_digits(s) => s.parse::<u64>().ok(),
            _ => None,
        };
        number
            .and_then(Id::new)
            .ok_or_else(|| invalid!(&field, ID_POSITIVE, field, describe(value)))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A trigger id: digits, or digits joined by dashes (`"5-37"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TriggerId(String);

impl TriggerId {
    /// Reads a positive integer or a string of digit groups joined by single dashes.
    pub fn parse(field: &str, value: &Value) -> Result<TriggerId> {
        let text = match value {
            Value::Number(_) => Id::parse(field, value)
                .ok()
                .map(|id| crate::messages::decimal(id.get())),
            Value::String(s) if is_trigger_id(s) => Some(s.clone()),
            _ => None,
        };
        text.map(TriggerId)
            .ok_or_else(|| invalid!(&field, TRIGGER_ID, field, describe(value)))
    }

    /// The id as sent (before percent-encoding).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A delivery's id (`GET /v1/messages/{message_id}`): the string getMessages returns, such as
/// `"ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek="`. Kept as given and percent-encoded in the path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageId(String);

/// The longest message id accepted; real ones are about 40 characters.
pub const MAX_MESSAGE_ID_CHARS: usize = 200;

impl MessageId {
    /// Reads a non-empty string without whitespace or control characters. A number is refused:
    /// it would be a template or action id, not a delivery's.
    pub fn parse(field: &str, value: &Value) -> Result<MessageId> {
        match value {
            Value::String(s)
                if !s.is_empty()
                    && s.chars().count() <= MAX_MESSAGE_ID_CHARS
                    && !s.chars().any(|c| c.is_whitespace() || c.is_control()) =>
            {
                Ok(MessageId(s.clone()))
            }
            Value::Number(_) => Err(invalid!(&field, MESSAGE_ID_NUMBER, field, describe(value))),
            _ => Err(invalid!(
                &field,
                MESSAGE_ID,
                field,
                MAX_MESSAGE_ID_CHARS,
                describe(value)
            )),
        }
    }

    /// The id as given (before percent-encoding).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_trigger_id(s: &str) -> bool {
    !s.is_empty() && s.split('-').all(is_digits) && !s.trim_start_matches(['0', '-']).is_empty()
}

/// True for a non-empty string of ASCII digits.
pub fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `Some(n)` when `f` is a whole non-negative number that fits exactly.
pub fn whole_f64(f: Option<f64>) -> Option<u64> {
    let f = f?;
    let whole = f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= MAX_SAFE_INTEGER as f64;
    // The range check above makes this conversion exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    whole.then_some(f as u64)
}

/// A JSON object of `pairs`, built without `json!`: that macro converts each value through
/// `serde_json::to_value(..).unwrap()`, which links serde's value serializer and the `Debug`
/// formatting of its error into the wasm module.
pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in pairs {
        map.insert(key.to_owned(), value);
    }
    Value::Object(map)
}

/// A short description of a JSON value for error messages ("the string \"abc\"", "an array").
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Value::Number(n) => join!("the number ", n),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if shown.len() < s.len() { "…" } else { "" };
            join!("the string ", Quoted(&shown), more)
        }
        Value::Array(a) => join!("an array of ", a.len(), " items"),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// An operation's parameters, checked for unknown names, consumed one by one.
#[derive(Debug)]
pub struct Params {
    spec: &'static OperationSpec,
    /// The given (not null) parameters in name order. A list, not a map: an operation takes a
    /// few parameters, each taken once, and a map's removal code costs the wasm module ~3 KB.
    values: Vec<(String, Value)>,
}

impl Params {
    /// Accepts an object (or `null`/nothing for no parameters) and refuses names the operation
    /// does not have, so that a typo is never silently ignored.
    pub fn new(spec: &'static OperationSpec, params: Value) -> Result<Params> {
        let values = match params {
            Value::Null => Map::new(),
            Value::Object(map) => map,
            other => {
                return Err(refuse!(
                    ErrorCode::InvalidParams,
                    PARAMS_NOT_OBJECT,
                    spec.name,
                    describe(&other)
                ))
            }
        };
        if let Some(unknown) = values.keys().find(|k| spec.param(k).is_none()) {
            return Err(unknown_param(spec, unknown));
        }
        let values = values.into_iter().filter(|(_, v)| !v.is_null()).collect();
        Ok(Params { spec, values })
    }

    /// The operation these parameters belong to.
    pub fn spec(&self) -> &'static OperationSpec {
        self.spec
    }

    /// Whether `name` was given (not null).
    pub fn has(&self, name: &str) -> bool {
        self.values.iter().any(|(key, _)| key == name)
    }

    /// Takes the raw value of `name`, if given.
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let index = self.values.iter().position(|(key, _)| key == name)?;
        Some(self.values.remove(index).1)
    }

    /// Takes `name`, or fails with a message saying what to pass.
    pub fn take_required(&mut self, name: &str) -> Result<Value> {
        match self.take(name) {
            Some(v) => Ok(v),
            None => {
                let hint = self
                    .spec
                    .param(name)
                    .map(|p| p.description)
                    .unwrap_or_default();
                // Descriptions are blank in the wasm build: no dangling colon there.
                let sep = if hint.is_empty() { "" } else { ": " };
                Err(invalid!(
                    &name,
                    PARAM_REQUIRED,
                    self.spec.name,
                    name,
                    sep,
                    hint
                ))
            }
        }
    }

    fn kind(&self, name: &str) -> Result<ParamKind> {
        self.spec.param(name).map(|p| p.kind).ok_or_else(|| {
            refuse!(
                ErrorCode::Internal,
                INTERNAL_UNDECLARED_PARAM,
                self.spec.name,
                name
            )
        })
    }

    /// A required id.
    pub fn id(&mut self, name: &str) -> Result<Id> {
        Id::parse(name, &self.take_required(name)?)
    }

    /// An optional id.
    pub fn opt_id(&mut self, name: &str) -> Result<Option<Id>> {
        self.take(name).map(|v| Id::parse(name, &v)).transpose()
    }

    /// A required trigger id.
    pub fn trigger_id(&mut self, name: &str) -> Result<TriggerId> {
        TriggerId::parse(name, &self.take_required(name)?)
    }

    /// A required delivery id.
    pub fn message_id(&mut self, name: &str) -> Result<MessageId> {
        MessageId::parse(name, &self.take_required(name)?)
    }

    /// An optional page size, within the spec's range.
    pub fn opt_limit(&mut self, name: &str) -> Result<Option<u32>> {
        let ParamKind::Limit { min, max } = self.kind(name)? else {
            return Err(refuse!(ErrorCode::Internal, INTERNAL_NOT_A_LIMIT, name));
        };
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let number = match &value {
            Value::Number(n) => n.as_u64().or_else(|| whole_f64(n.as_f64())),
            Value::String(s) if is_digits(s) => s.parse::<u64>().ok(),
            _ => None,
        };
        match number.and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(invalid!(
                &name,
                LIMIT_RANGE,
                name,
                min,
                max,
                describe(&value)
            )),
        }
    }

    /// An optional string from the spec's list of allowed values.
    pub fn opt_enum(&mut self, name: &str) -> Result<Option<&'static str>> {
        let ParamKind::Enum(allowed) = self.kind(name)? else {
            return Err(refuse!(ErrorCode::Internal, INTERNAL_NOT_AN_ENUM, name));
        };
        let Some(value) = self.take(name) else {
            return Ok(None);
        };
        let found = value
            .as_str()
            .and_then(|s| allowed.iter().copied().find(|a| *a == s));
        found.map(Some).ok_or_else(|| {
            invalid!(
                &name,
                ENUM_ONE_OF,
                name,
                allowed.join(", "),
                describe(&value)
            )
        })
    }

    /// An optional boolean.
    pub fn opt_bool(&mut self, name: &str) -> Result<Option<bool>> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(invalid!(&name, BOOL, name, describe(&other))),
        }
    }

    /// An optional pagination cursor. Integers are accepted (a trigger's errors page by an
    /// integer offset). An empty string means the first page, like a missing cursor (the
    /// reference's own curl examples send `start=`), and is left off the wire.
    pub fn opt_cursor(&mut self, name: &str) -> Result<Option<String>> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
            Some(Value::Number(n)) if n.as_u64().is_some() => {
                Ok(Some(crate::messages::Piece::text(&n)))
            }
            Some(other) => Err(invalid!(&name, CURSOR, name, describe(&other))),
        }
    }

    /// An optional timestamp in whole Unix seconds.
    pub fn opt_timestamp(&mut self, name: &str) -> Result<Option<UnixTime>> {
        self.take(name)
            .map(|v| UnixTime::parse(name, &v))
            .transpose()
    }
}

fn unknown_param(spec: &OperationSpec, unknown: &str) -> Error {
    let names: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
    let message = if names.is_empty() {
        msg!(NO_PARAMS, spec.name, Quoted(unknown))
    } else {
        let suggestion = closest(unknown, &names)
            .map(|s| msg!(DID_YOU_MEAN, Quoted(s)))
            .unwrap_or_default();
        msg!(
            UNKNOWN_PARAM,
            spec.name,
            Quoted(unknown),
            suggestion,
            names.join(", ")
        )
    };
    Error::invalid(unknown, message)
}

/// The allowed name nearest to a typo, when it is near enough to be the likely intent.
fn closest<'a>(typo: &str, names: &[&'a str]) -> Option<&'a str> {
    let typo = snake_case(typo);
    names
        .iter()
        .map(|n| (edit_distance(&typo, &n.to_ascii_lowercase()), *n))
        .filter(|(d, n)| *d <= 2.max(n.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// `broadcastId` → `broadcast_id`, `Start-TS` → `start_ts`: callers often send camelCase.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !out.ends_with('_') {
            out.push('_');
        }
        out.push(if c == '-' {
            '_'
        } else {
            c.to_ascii_lowercase()
        });
    }
    out
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(usize::from(ca != *cb));
            let delete = previous
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insert = current
                .get(j)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}
