//! The last line of defence: a panic (a bug: the core denies unwrap, expect, panic and indexing)
//! aborts the wasm instance. The hook keeps its message so the JS guard in the package entries
//! can reject with a `CustomerIoError` of code `internal` that says what happened, instead of a
//! bare `RuntimeError: unreachable`.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook when the module is instantiated.
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(message);
            }
        });
    }));
}

/// The message of the panic that aborted the instance, if any (read by the JS guard).
#[wasm_bindgen(js_name = takePanicMessage, skip_typescript)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.try_borrow_mut().ok().and_then(|mut m| m.take()))
}
