//! The page-by-page walk behind `messages()` and `newsletters()`: one page per `nextPage()`,
//! following the core's cursors with its loop guard.

use crate::prelude::*;

use super::call::Client;
use super::options::CallOptions;
use crate::ops::AnyOperation;
use crate::policy::pagination::CursorGuard;
use alloc::rc::Rc;
use core::cell::RefCell;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

struct WalkState {
    next: Option<AnyOperation>,
    guard: CursorGuard,
}

/// The state of one `for await` loop over a paginated operation.
#[wasm_bindgen(skip_typescript)]
pub struct PageWalker {
    client: Rc<Client>,
    call: Rc<CallOptions>,
    state: Rc<RefCell<WalkState>>,
}

impl PageWalker {
    /// A walk starting at `first`.
    pub fn new(client: Rc<Client>, call: CallOptions, first: AnyOperation) -> PageWalker {
        let start = first.start_cursor().map(str::to_owned);
        PageWalker {
            client,
            call: Rc::new(call),
            state: Rc::new(RefCell::new(WalkState {
                next: Some(first),
                guard: CursorGuard::new(start.as_deref()),
            })),
        }
    }
}

#[wasm_bindgen]
impl PageWalker {
    /// Resolves to the next page's items, or `undefined` when the list is done.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self) -> Promise {
        let (client, call, state) = (self.client.clone(), self.call.clone(), self.state.clone());
        future_to_promise(async move {
            let Some(op) = state.borrow_mut().next.take() else {
                return Ok(JsValue::UNDEFINED);
            };
            let result = client
                .execute(&op, &call)
                .await
                .map_err(|e| client.error(&e))?;
            // The core checked the list is there; a null list (which the API may send) is an
            // empty page.
            let items = op
                .items_field()
                .map(|field| {
                    Reflect::get(&result.body, &JsValue::from_str(field))
                        .unwrap_or(JsValue::UNDEFINED)
                })
                .filter(|items| items.is_array())
                .unwrap_or_else(|| Array::new().into());
            let mut walk = state.borrow_mut();
            let cursor = walk
                .guard
                .advance(result.next)
                .map_err(|e| client.error(&e))?;
            walk.next = cursor.and_then(|c| op.at_cursor(c));
            Ok(items)
        })
    }
}
