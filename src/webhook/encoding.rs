//! Hex and base64 decoding of signatures and secrets. Both are lenient only where senders differ
//! (hex case, base64 padding); anything else is refused rather than guessed.

use crate::prelude::*;

/// Decodes hex (either case). `None` for an odd length or a non-hex character.
pub fn hex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some(nibble(*high)? << 4 | nibble(*low)?),
            _ => None,
        })
        .collect()
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes standard base64 (RFC 4648 §4, `+` and `/`), with or without `=` padding.
/// `None` for any other character, a misplaced `=` or an impossible length.
pub fn base64(text: &str) -> Option<Vec<u8>> {
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 || (text.len() != body.len() && text.len() % 4 != 0) {
        return None;
    }
    if body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for c in body.bytes() {
        buffer = buffer << 6 | u32::from(sextet(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    // Leftover bits must be zero, or the text is not the canonical encoding of any bytes.
    (buffer & ((1 << bits) - 1) == 0).then_some(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_reads_both_cases_and_refuses_odd_or_foreign_text() {
        assert_eq!(hex("00ffAB"), Some(vec![0, 255, 171]));
        assert_eq!(hex("abc"), None);
        assert_eq!(hex("zz"), None);
    }

    #[test]
    fn base64_reads_padded_and_unpadded_and_refuses_the_rest() {
        assert_eq!(base64("aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64("aGk"), Some(b"hi".to_vec()));
        assert_eq!(base64("aGVsbG8gd29ybGQ="), Some(b"hello world".to_vec()));
        assert_eq!(base64(""), Some(Vec::new()));
        assert_eq!(base64("a"), None);
        assert_eq!(base64("aG-="), None);
        assert_eq!(base64("aGk=="), None);
        assert_eq!(base64("aGl="), None, "non-zero leftover bits");
    }
}
