//! A strict JSON parser (RFC 8259) from bytes to a [`Value`]: one value, surrounded only by
//! whitespace; strings valid UTF-8 with no raw control characters and no lone surrogate escape;
//! numbers in JSON's grammar; nesting at most [`MAX_DEPTH`] deep. It never panics and reports a
//! failure as a reason and a byte offset, without `core::fmt`.
//!
//! Numbers read as serde_json reads them: an integer that fits `u64` (or `i64` below zero) is
//! exact; `-0`, a fraction, an exponent or a larger integer is an `f64`. The `f64` is exact
//! (correctly rounded) when the digits fit 2^53 and the power of ten is at most 22, the numbers
//! answers carry; beyond that it may be one unit in the last place off, as the core only reads
//! such numbers' kind, never their value (the check of an answer's shape, an error envelope).

use crate::prelude::*;

use super::value::{Map, Number, Value, N};
use alloc::borrow::Cow;

/// Deepest nesting accepted, as serde_json's default recursion limit.
pub const MAX_DEPTH: usize = 128;

/// Why some bytes are not JSON, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong, in a few words.
    pub reason: &'static str,
    /// The byte offset where it was found.
    pub offset: usize,
}

/// Reads `bytes` as one JSON value.
pub fn parse(bytes: &[u8]) -> Result<Value, ParseError> {
    let mut parser = Parser::new(bytes);
    let value = parser.value(0)?;
    parser.finish()?;
    Ok(value)
}

/// A cursor over JSON text: [`parse`] builds a [`Value`] with it, and the answer check
/// (`wire::shape_check`) walks a body with it without building one.
#[derive(Clone)]
pub(crate) struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Parser<'a> {
    /// A cursor at the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Parser<'a> {
        Parser { bytes, at: 0 }
    }

    /// A failure at the cursor.
    pub(crate) fn fail(&self, reason: &'static str) -> ParseError {
        ParseError {
            reason,
            offset: self.at,
        }
    }

    /// The next byte after any whitespace (`None` at the end).
    pub(crate) fn peek_value(&mut self) -> Option<u8> {
        self.skip_space();
        self.peek()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Only whitespace is left.
    pub(crate) fn finish(&mut self) -> Result<(), ParseError> {
        self.skip_space();
        if self.at < self.bytes.len() {
            return Err(self.fail("trailing characters"));
        }
        Ok(())
    }

    /// Reads `word` (`null`, `true`, `false`) at the cursor.
    pub(crate) fn literal(&mut self, word: &'static [u8]) -> Result<(), ParseError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.fail("expected a value"))
        }
    }

    /// The value at the cursor, `depth` containers deep.
    pub(crate) fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        match self.peek_value() {
            None => Err(self.fail("unexpected end")),
            Some(b'n') => self.literal(b"null").map(|()| Value::Null),
            Some(b't') => self.literal(b"true").map(|()| Value::Bool(true)),
            Some(b'f') => self.literal(b"false").map(|()| Value::Bool(false)),
            Some(b'"') => self.string().map(|s| Value::String(s.into_owned())),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => {
                let mut items = Vec::new();
                let mut more = self.open(b'[', depth + 1)?;
                while more {
                    items.push(self.value(depth + 1)?);
                    more = self.next(b']')?;
                }
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                let mut map = Map::new();
                let mut more = self.open(b'{', depth + 1)?;
                while more {
                    let key = self.key()?.into_owned();
                    map.insert(key, self.value(depth + 1)?);
                    more = self.next(b'}')?;
                }
                Ok(Value::Object(map))
            }
            Some(_) => Err(self.fail("expected a value")),
        }
    }

    /// Reads past the value at the cursor without keeping it (strings without escapes are not
    /// copied).
    pub(crate) fn skip(&mut self, depth: usize) -> Result<(), ParseError> {
        match self.peek_value() {
            Some(b'"') => self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            Some(open @ (b'[' | b'{')) => {
                let close = if open == b'[' { b']' } else { b'}' };
                let mut more = self.open(open, depth + 1)?;
                while more {
                    if open == b'{' {
                        self.key()?;
                    }
                    self.skip(depth + 1)?;
                    more = self.next(close)?;
                }
                Ok(())
            }
            _ => self.value(depth).map(drop),
        }
    }

    /// Enters the array or object (`open`) at the cursor, as the `depth`th container; `false`
    /// when it is empty (and then already closed).
    pub(crate) fn open(&mut self, open: u8, depth: usize) -> Result<bool, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        if self.peek_value() != Some(open) {
            return Err(self.fail("expected a value"));
        }
        self.at += 1;
        let close = if open == b'[' { b']' } else { b'}' };
        if self.peek_value() == Some(close) {
            self.at += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After an item of a container that ends with `close`: `true` when another item follows.
    pub(crate) fn next(&mut self, close: u8) -> Result<bool, ParseError> {
        match self.peek_value() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.at += 1;
                Ok(false)
            }
            _ if close == b']' => Err(self.fail("expected , or ]")),
            _ => Err(self.fail("expected , or }")),
        }
    }

    /// An object member's key and its colon.
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, ParseError> {
        if self.peek_value() != Some(b'"') {
            return Err(self.fail("expected a key"));
        }
        let key = self.string()?;
        if self.peek_value() != Some(b':') {
            return Err(self.fail("expected :"));
        }
        self.at += 1;
        Ok(key)
    }

    /// The string starting at the opening quote, unescaped (borrowed when it has no escape).
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            let bytes: &'a [u8] = self.bytes;
            let text = match core::str::from_utf8(bytes.get(start..self.at).unwrap_or_default()) {
                Ok(text) => text,
                Err(e) => {
                    self.at = start + e.valid_up_to();
                    return Err(self.fail("invalid UTF-8 in a string"));
                }
            };
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    if out.is_empty() {
                        return Ok(Cow::Borrowed(text));
                    }
                    out.push_str(text);
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(text);
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.fail("control character in a string")),
                None => return Err(self.fail("unterminated string")),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(byte) = self.peek() else {
            return Err(self.fail("unterminated string"));
        };
        self.at += 1;
        let c = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => {
                self.at -= 1;
                return Err(self.fail("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    /// The character of `\uXXXX` (after the `u`), with its low surrogate if it is a high one.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err(self.fail("lone surrogate in a \\u escape"));
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail("lone surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.fail("lone surrogate in a \\u escape")),
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.fail("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.fail("invalid \\u escape"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// The number at the cursor.
    pub(crate) fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        let int_digits = self.digits();
        if int_digits == 0 {
            return Err(self.fail("expected a digit"));
        }
        if int_digits > 1 && self.bytes.get(int_start) == Some(&b'0') {
            self.at = int_start + 1;
            return Err(self.fail("leading zero in a number"));
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.fail("expected a digit after the point"));
            }
            is_float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("expected a digit in the exponent"));
            }
            is_float = true;
        }
        let text = self.bytes.get(start..self.at).unwrap_or_default();
        if !is_float {
            if let Some(n) = integer(text) {
                return Ok(n);
            }
        }
        let value = to_f64(text);
        if !value.is_finite() {
            self.at = start;
            return Err(self.fail("number out of range"));
        }
        Ok(Number(N::Float(value)))
    }
}

/// An integer's text as an exact number, when it fits (`-0` does not: it is `-0.0`).
fn integer(text: &[u8]) -> Option<Number> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let mut n: u64 = 0;
    for &d in digits {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    if !negative {
        return Some(Number(N::PosInt(n)));
    }
    if n == 0 {
        return None;
    }
    let magnitude = i64::try_from(n - 1).ok()?;
    Some(Number(N::NegInt(-magnitude - 1)))
}

/// Powers of ten an `f64` holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number's text (already checked against the grammar) as an `f64`: the first 19 significant
/// digits times a power of ten; exact when both are (see the module's note).
#[allow(clippy::cast_precision_loss, clippy::cast_possible_wrap)]
fn to_f64(text: &[u8]) -> f64 {
    let negative = text.first() == Some(&b'-');
    let mut significand: u64 = 0;
    let mut exponent: i64 = 0;
    let mut kept = 0;
    let mut bytes = text.iter().skip(usize::from(negative)).peekable();
    let mut after_point = false;
    while let Some(&b) = bytes.next_if(|b| b.is_ascii_digit() || **b == b'.') {
        if b == b'.' {
            after_point = true;
            continue;
        }
        if kept < 19 {
            if significand > 0 || b != b'0' {
                kept += 1;
            }
            significand = significand * 10 + u64::from(b - b'0');
            exponent -= i64::from(after_point);
        } else {
            exponent += i64::from(!after_point);
        }
    }
    if bytes.next_if(|b| matches!(b, b'e' | b'E')).is_some() {
        let minus = bytes.next_if(|b| **b == b'-').is_some();
        bytes.next_if(|b| **b == b'+');
        let mut e: i64 = 0;
        for &d in bytes {
            e = e.saturating_mul(10).saturating_add(i64::from(d - b'0'));
        }
        exponent = exponent.saturating_add(if minus { -e } else { e });
    }
    let mut value = significand as f64;
    if significand != 0 {
        let mut left = exponent.clamp(-400, 400);
        while left != 0 {
            let step = left.clamp(-22, 22);
            let power = EXACT_POWERS
                .get(usize::try_from(step.unsigned_abs()).unwrap_or(0))
                .copied()
                .unwrap_or(1.0);
            value = if step < 0 {
                value / power
            } else {
                value * power
            };
            left -= step;
        }
    }
    if negative {
        -value
    } else {
        value
    }
}
