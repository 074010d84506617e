//! The names the standard library's prelude gives every module, taken from `alloc` so that the
//! same code builds with std (native, the wasm tests) and without it (the package's wasm, see the
//! crate's doc). Each module that needs them says `use crate::prelude::*;`.

pub use alloc::borrow::ToOwned;
pub use alloc::boxed::Box;
pub use alloc::string::{String, ToString};
pub use alloc::vec::Vec;

/// `f64::floor` and `f64::fract` for the `no_std` build, where `core` does not have them on
/// stable Rust. With std, the inherent methods of the same names win, so these only serve the
/// package's wasm; they give equal results (`==`: the sign of a zero
/// may differ, which no caller observes; tested below against std's).
pub trait Float {
    /// The largest whole number not above the value.
    fn floor(self) -> f64;
    /// The value minus its whole part (NaN for infinities and NaN, as std's).
    fn fract(self) -> f64;
}

impl Float for f64 {
    fn floor(self) -> f64 {
        let whole = trunc(self);
        if whole > self {
            whole - 1.0
        } else {
            whole
        }
    }

    fn fract(self) -> f64 {
        self - trunc(self)
    }
}

/// The value without its fractional part: from 2^52 on every `f64` is whole, and below it the
/// conversion through `i64` is exact. Infinities and NaN come back as they are.
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn trunc(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        x as i64 as f64
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::Float;

    #[test]
    fn floor_and_fract_match_the_standard_library() {
        let values = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            1.999,
            -1.999,
            1_700_000_000.25,
            -1_700_000_000.75,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_497.0,
            9_007_199_254_740_993.0,
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
        ];
        for x in values {
            assert_eq!(Float::floor(x), x.floor(), "floor({x})");
            assert_eq!(Float::fract(x), x.fract(), "fract({x})");
        }
        assert!(Float::floor(f64::NAN).is_nan());
        assert!(Float::fract(f64::NAN).is_nan());
        assert!(Float::fract(f64::INFINITY).is_nan());
        assert_eq!(Float::floor(f64::NEG_INFINITY), f64::NEG_INFINITY);
    }
}
