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

use super::value::{Map, Number, Value, N};

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
    let mut parser = Parser { bytes, at: 0 };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < bytes.len() {
        return Err(parser.fail("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn fail(&self, reason: &'static str) -> ParseError {
        ParseError {
            reason,
            offset: self.at,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static [u8], value: Value) -> Result<Value, ParseError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail("unexpected end")),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(_) => Err(self.fail("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.fail("expected , or ]")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.at += 1;
        let mut map = Map::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected :"));
            }
            self.at += 1;
            let value = self.value(depth)?;
            map.insert(key, value);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.fail("expected , or }")),
            }
        }
    }

    /// The string starting at the opening quote, unescaped.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            let run = self.bytes.get(start..self.at).unwrap_or_default();
            match core::str::from_utf8(run) {
                Ok(text) => out.push_str(text),
                Err(e) => {
                    self.at = start + e.valid_up_to();
                    return Err(self.fail("invalid UTF-8 in a string"));
                }
            }
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
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

    fn number(&mut self) -> Result<Number, ParseError> {
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
