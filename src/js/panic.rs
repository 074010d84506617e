//! The last line of defence: a panic (a bug: the core denies unwrap, expect, panic and indexing)
//! aborts the wasm instance. What the panic said is kept so the JS guard in the package entries
//! can reject with a `CustomerIoError` of code `internal` that says what happened, instead of a
//! bare `RuntimeError: unreachable`.
//!
//! The package's wasm is `no_std` (see the crate's doc), so this module is its panic handler. It
//! keeps the panic's location and its message when the message is plain text (`panic!("...")`,
//! `unreachable!()`, a failed `Option::expect`); a message with values (an index out of bounds
//! and the length) would need `core::fmt` to be written out, which is what building without std
//! keeps out of the module, so only its location is kept. The wasm tests build with std and keep
//! the same text through a panic hook.

use crate::prelude::*;

use core::cell::Cell;
use core::panic::Location;
use wasm_bindgen::prelude::*;

/// The text of the last panic, and whether one is being handled. The module is single-threaded
/// (wasm32 without atomics), so a plain cell is enough; `Sync` only lets it be a `static`.
struct LastPanic {
    message: Cell<Option<String>>,
    handling: Cell<bool>,
}

// SAFETY: wasm32 without the atomics feature runs one thread; nothing shares the cell.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for LastPanic {}

static LAST_PANIC: LastPanic = LastPanic {
    message: Cell::new(None),
    handling: Cell::new(false),
};

/// Keeps the panic's text: `panicked at file:line:column: message`.
fn record(location: Option<&Location<'_>>, message: Option<&str>) {
    // A panic while recording (the allocator out of memory) must not recurse.
    if LAST_PANIC.handling.replace(true) {
        return;
    }
    let (file, line, column) =
        location.map_or(("(unknown)", 0, 0), |l| (l.file(), l.line(), l.column()));
    let text = match message {
        Some(message) => msg!(JS_PANICKED_AT, file, line, column, message),
        None => msg!(
            JS_PANICKED_AT,
            file,
            line,
            column,
            msg!(JS_PANIC_WITH_VALUES)
        ),
    };
    LAST_PANIC.message.set(Some(text));
    LAST_PANIC.handling.set(false);
}

/// The package's panic handler (no std): keeps what the panic says, then aborts the instance.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn on_panic(info: &core::panic::PanicInfo<'_>) -> ! {
    record(info.location(), info.message().as_str());
    core::arch::wasm32::unreachable()
}

/// Installs the panic hook when the module is instantiated (the wasm tests, built with std).
#[cfg(feature = "std")]
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        record(info.location(), message);
    }));
}

/// The message of the panic that aborted the instance, if any (read by the JS guard).
#[wasm_bindgen(js_name = takePanicMessage, skip_typescript)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.message.take()
}
