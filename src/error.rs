//! The one error type of the client: a stable code callers branch on, a message written for a
//! person, and the details (parameter path, HTTP status, Retry-After, the API's own error list).
//!
//! Decision: one struct with a `#[non_exhaustive]` code enum rather than one enum variant per
//! failure carrying its own fields. Every failure exposes the same optional details, and the JS
//! layer maps the struct onto `CustomerIoError` field by field, so a flat shape keeps that mapping
//! one line per property.

use crate::prelude::*;

use core::fmt;
use serde::Serialize;

/// What went wrong, as a stable code. `code()` is the string JS callers see as `err.code`.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A parameter is missing, unknown, of the wrong type or out of range.
    InvalidParams,
    /// More than one audience was given to a broadcast trigger.
    AudienceConflict,
    /// No audience was given to a broadcast trigger (use `default_audience: true` on purpose).
    MissingAudience,
    /// A timestamp is not whole, non-negative Unix seconds, or the window is reversed.
    InvalidTimestamp,
    /// 401 or 403: the key is wrong, revoked, or lacks the scope.
    Unauthorized,
    /// 404: the broadcast, segment or trigger does not exist.
    NotFound,
    /// 429 after the retry policy gave up, or a local wait that would exceed its bound.
    RateLimited,
    /// Any other non-2xx answer.
    ApiError,
    /// The request could not be sent or its answer could not be read.
    NetworkError,
    /// No answer within the time allowed.
    Timeout,
    /// The caller aborted the call.
    Aborted,
    /// A 2xx answer whose body is not the JSON this operation returns.
    InvalidResponse,
    /// A trigger that may have reached the server but got no clear answer: never retried.
    UnknownOutcome,
    /// A webhook's signature header is missing or malformed, or no configured secret matches.
    InvalidSignature,
    /// A webhook's signed timestamp is outside the tolerance (a replay, or a clock far off).
    ExpiredSignature,
    /// A bug of ours.
    Internal,
}

impl ErrorCode {
    /// Every code, for documentation, type generation and tests.
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::InvalidParams,
        ErrorCode::AudienceConflict,
        ErrorCode::MissingAudience,
        ErrorCode::InvalidTimestamp,
        ErrorCode::Unauthorized,
        ErrorCode::NotFound,
        ErrorCode::RateLimited,
        ErrorCode::ApiError,
        ErrorCode::NetworkError,
        ErrorCode::Timeout,
        ErrorCode::Aborted,
        ErrorCode::InvalidResponse,
        ErrorCode::UnknownOutcome,
        ErrorCode::InvalidSignature,
        ErrorCode::ExpiredSignature,
        ErrorCode::Internal,
    ];

    /// The stable string form (`err.code` in JS).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParams => "invalid_params",
            ErrorCode::AudienceConflict => "audience_conflict",
            ErrorCode::MissingAudience => "missing_audience",
            ErrorCode::InvalidTimestamp => "invalid_timestamp",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ApiError => "api_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::InvalidResponse => "invalid_response",
            ErrorCode::UnknownOutcome => "unknown_outcome",
            ErrorCode::InvalidSignature => "invalid_signature",
            ErrorCode::ExpiredSignature => "expired_signature",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One entry of the API's error list, whichever of the three envelopes carried it.
/// `status` is a string, as the API sends it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiErrorItem {
    /// The human text (`detail`, `meta.error`, or one line of a trigger's error list).
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The API's stable identifier, on the errors that carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// `source.pointer`, e.g. `/data/attributes/per_user_data`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// A failure of any call: validation, transport or the API's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub code: ErrorCode,
    /// What was wrong and what to send instead. Never contains the API key.
    pub message: String,
    /// The parameter path, e.g. `limit` or `recipients.and[1].segment.id`.
    pub field: Option<String>,
    /// The HTTP status, when the API answered.
    pub status: Option<u16>,
    /// How long the server asked us to wait, in milliseconds.
    pub retry_after_ms: Option<u64>,
    /// The API's own error list.
    pub errors: Vec<ApiErrorItem>,
}

impl Error {
    /// An error with only a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            field: None,
            status: None,
            retry_after_ms: None,
            errors: Vec::new(),
        }
    }

    /// A validation error about the parameter at `field`.
    pub fn at(code: ErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            field: Some(field.into()),
            ..Error::new(code, message)
        }
    }

    /// `invalid_params` about the parameter at `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::at(ErrorCode::InvalidParams, field, message)
    }

    /// `invalid_params` about the parameter at `field`, worded by the template `msg` filled
    /// with `values` (see [`crate::messages`]). One function, not inlined, for the many sites
    /// that refuse a parameter: each is then a call rather than a copy of the construction.
    #[inline(never)]
    pub fn invalid_msg(
        field: &str,
        msg: crate::messages::Msg,
        values: &[&dyn crate::messages::Piece],
    ) -> Self {
        Error::invalid(field, crate::messages::fill(msg, values))
    }

    /// [`Error::at`] worded by the template `msg` filled with `values`; shared like
    /// [`Error::invalid_msg`].
    #[inline(never)]
    pub fn at_msg(
        code: ErrorCode,
        field: &str,
        msg: crate::messages::Msg,
        values: &[&dyn crate::messages::Piece],
    ) -> Self {
        Error::at(code, field, crate::messages::fill(msg, values))
    }

    /// [`Error::new`] worded by the template `msg` filled with `values`; shared like
    /// [`Error::invalid_msg`].
    #[inline(never)]
    pub fn new_msg(
        code: ErrorCode,
        msg: crate::messages::Msg,
        values: &[&dyn crate::messages::Piece],
    ) -> Self {
        Error::new(code, crate::messages::fill(msg, values))
    }

    /// The stable string code.
    pub fn code_str(&self) -> &'static str {
        self.code.as_str()
    }

    /// The same error with every occurrence of `secret` (the API key, when a caller put it in the
    /// wrong parameter, or used it as a parameter *name*) replaced in every string it carries:
    /// the message, `field`, and each API error's detail, status, code and pointer.
    #[must_use]
    pub fn redact(mut self, secret: &str) -> Error {
        if secret.len() < 4 {
            return self;
        }
        let hide = |text: &mut String| {
            if let Some(redacted) = replace_all(text, secret, "[REDACTED]") {
                *text = redacted;
            }
        };
        hide(&mut self.message);
        if let Some(field) = &mut self.field {
            hide(field);
        }
        for item in &mut self.errors {
            hide(&mut item.detail);
            for text in [&mut item.status, &mut item.code, &mut item.pointer]
                .into_iter()
                .flatten()
            {
                hide(text);
            }
        }
        self
    }

    /// True for the failures found before anything was sent.
    pub fn is_validation(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::InvalidParams
                | ErrorCode::AudienceConflict
                | ErrorCode::MissingAudience
                | ErrorCode::InvalidTimestamp
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl core::error::Error for Error {}

/// Result of every fallible call in the client.
pub type Result<T> = core::result::Result<T, Error>;

/// `text` with every occurrence of `needle` (not empty) replaced by `with`, or `None` when there
/// is none. A plain byte scan rather than `str::replace`, whose two-way searcher costs the wasm
/// module ~2 KB for the few short strings an error carries. A match of a whole UTF-8 `needle`
/// starts and ends on character boundaries, so the slices below always exist.
fn replace_all(text: &str, needle: &str, with: &str) -> Option<String> {
    let (haystack, pattern) = (text.as_bytes(), needle.as_bytes());
    if pattern.is_empty() {
        return None;
    }
    let mut out = String::new();
    let (mut start, mut at, mut found) = (0, 0, false);
    while at + pattern.len() <= haystack.len() {
        if haystack.get(at..at + pattern.len()) == Some(pattern) {
            out.push_str(text.get(start..at)?);
            out.push_str(with);
            at += pattern.len();
            start = at;
            found = true;
        } else {
            at += 1;
        }
    }
    out.push_str(text.get(start..)?);
    found.then_some(out)
}

/// A string shown in a message between double quotes, escaped as Rust's `{:?}` escapes it for
/// ASCII (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`, other control characters as `\u{..}`) and for the
/// invisible characters that can disguise a name (C1 controls, bidi controls and overrides,
/// zero-width characters, line and paragraph separators, the BOM: `\u{202e}`); other characters
/// are shown as they are (`{:?}` would also escape combining marks and unassigned code points).
///
/// Decision: messages quote with this rather than `{:?}`, because `str`'s `Debug` links
/// `char::escape_debug_ext` and the formatter's padding machinery into the wasm module (about
/// 3 KB raw) for a few error messages; for the ASCII text of every test the output is the same.
pub struct Quoted<'a>(pub &'a str);

impl Quoted<'_> {
    /// Appends the quoted text to `out`, without `core::fmt`.
    pub fn push_to(&self, out: &mut String) {
        out.push('"');
        let mut start = 0;
        for (i, c) in self.0.char_indices() {
            let escaped = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ if c.is_control() || invisible(c) => "",
                _ => continue,
            };
            out.push_str(self.0.get(start..i).unwrap_or_default());
            if escaped.is_empty() {
                out.push_str("\\u{");
                push_hex(out, u32::from(c));
                out.push('}');
            } else {
                out.push_str(escaped);
            }
            start = i + c.len_utf8();
        }
        out.push_str(self.0.get(start..).unwrap_or_default());
        out.push('"');
    }
}

impl crate::messages::Piece for Quoted<'_> {
    fn put(&self, out: &mut String) {
        self.push_to(out);
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.push_to(&mut out);
        f.write_str(&out)
    }
}

/// Appends `n` in lowercase hexadecimal without leading zeros.
fn push_hex(out: &mut String, n: u32) {
    let digits = (32 - n.leading_zeros()).div_ceil(4).max(1);
    for shift in (0..digits).rev() {
        let nibble = (n >> (shift * 4)) & 0xf;
        out.extend(char::from_digit(nibble, 16));
    }
}

/// Format characters that change how text around them reads without showing themselves.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{feff}'
    )
}

#[cfg(test)]
mod quoted_tests {
    use super::{replace_all, Quoted};

    #[test]
    fn replaces_every_occurrence_like_str_replace() {
        for (text, needle) in [
            ("a KEY b KEY", "KEY"),
            ("KEYKEY", "KEY"),
            ("é KEYé", "KEYé"),
            ("none", "KEY"),
            ("KE", "KEY"),
        ] {
            let expected = text.contains(needle).then(|| text.replace(needle, "[R]"));
            assert_eq!(replace_all(text, needle, "[R]"), expected, "{text}");
        }
    }

    #[test]
    fn quotes_ascii_exactly_as_debug_does() {
        for text in [
            "plain",
            "a \"b\" c",
            "back\\slash",
            "line\nbreak\r\t",
            "nul\0",
            "bell\u{7}",
            "del\u{7f}",
            "é ünïcode",
            "limit\u{202e}",
            "zero\u{200b}width",
            "c1\u{85}",
            "bom\u{feff}",
        ] {
            assert_eq!(Quoted(text).to_string(), format!("{text:?}"), "{text}");
        }
    }
}
