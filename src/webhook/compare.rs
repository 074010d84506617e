//! Constant-time comparison of a computed MAC with the signatures a request carries.

use crate::prelude::*;

/// Whether `a` equals `b`, in time that depends only on the lengths (which are public: every
/// HMAC-SHA256 is 32 bytes), never on where the first difference is.
pub fn equal(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    core::hint::black_box(diff) == 0
}

/// Whether any of `macs` equals any of `candidates`. Every pair is compared (no early exit), so
/// the time does not tell which secret or which signature matched.
pub fn any_equal(macs: &[Vec<u8>], candidates: &[Vec<u8>]) -> bool {
    let mut found = false;
    for mac in macs {
        for candidate in candidates {
            found |= equal(mac, candidate);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_needs_same_length_and_bytes() {
        assert!(equal(b"abc", b"abc"));
        assert!(!equal(b"abc", b"abd"));
        assert!(!equal(b"abc", b"ab"));
    }

    #[test]
    fn any_equal_finds_a_match_in_any_position() {
        let macs = vec![b"k1".to_vec(), b"k2".to_vec()];
        assert!(any_equal(&macs, &[b"xx".to_vec(), b"k2".to_vec()]));
        assert!(!any_equal(&macs, &[b"xx".to_vec()]));
        assert!(!any_equal(&[], &[b"xx".to_vec()]));
    }
}
