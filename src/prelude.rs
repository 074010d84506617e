//! The names the standard library's prelude gives every module, taken from `alloc` so that the
//! same code builds with std (native, the wasm tests) and without it (the package's wasm, see the
//! crate's doc). Each module that needs them says `use crate::prelude::*;`.

pub use alloc::borrow::ToOwned;
pub use alloc::boxed::Box;
pub use alloc::string::{String, ToString};
pub use alloc::vec::Vec;

/// `f64::floor` and `f64::fract` for the `no_std` build, where `core` does not have them on
/// stable Rust (native builds use the standard library's; these give the same results).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
pub trait Float {
    /// The largest whole number not above the value.
    fn floor(self) -> f64;
    /// The value minus its whole part (NaN for infinities and NaN, as std's).
    fn fract(self) -> f64;
}

#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
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
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn trunc(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        x as i64 as f64
    } else {
        x
    }
}
