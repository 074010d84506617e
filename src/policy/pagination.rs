//! Following `next` cursors to the end of a list, with a guard against a server that hands the
//! same cursor back (which would otherwise loop for ever).

use crate::prelude::*;

use crate::error::{ErrorCode, Result};
use crate::ops::Paginated;

/// The cursor bookkeeping of one walk through a list.
#[derive(Debug, Clone, Default)]
pub struct CursorGuard {
    /// The cursors visited. A list, not a HashSet: a walk is pages long, one comparison per
    /// page each, and hashbrown with SipHash costs the wasm module ~3 KB.
    seen: Vec<String>,
    finished: bool,
}

impl CursorGuard {
    /// A walk that starts at `first` (the `start` of the first request, if any).
    pub fn new(first: Option<&str>) -> CursorGuard {
        CursorGuard {
            seen: first.map(str::to_owned).into_iter().collect(),
            finished: false,
        }
    }

    /// Records a page's `next` (already read as `None` for null, `""` or missing) and returns
    /// the cursor to fetch next, `None` at the end, or `invalid_response` when the cursor was
    /// already visited.
    pub fn advance(&mut self, next: Option<String>) -> Result<Option<String>> {
        let Some(cursor) = next else {
            self.finished = true;
            return Ok(None);
        };
        if self.seen.contains(&cursor) {
            self.finished = true;
            return Err(refuse!(
                ErrorCode::InvalidResponse,
                PAGING_API_RETURNED_PAGE,
                crate::error::Quoted(&cursor)
            ));
        }
        self.seen.push(cursor.clone());
        Ok(Some(cursor))
    }

    /// Whether the end (or a loop) was reached.
    pub fn is_finished(&self) -> bool {
        self.finished
    }
}

/// A walk through every page of a paginated operation, for callers that drive their own HTTP:
/// `next_request` gives the operation to send, `record` takes its typed answer.
#[derive(Debug, Clone)]
pub struct Pager<O: Paginated + Clone> {
    next: Option<O>,
    guard: CursorGuard,
}

impl<O: Paginated + Clone> Pager<O> {
    /// Starts at `first`.
    pub fn new(first: O) -> Pager<O> {
        Pager {
            next: Some(first),
            guard: CursorGuard::default(),
        }
    }

    /// The operation for the next page, or `None` when the list is done.
    pub fn next_request(&self) -> Option<&O> {
        self.next.as_ref()
    }

    /// Takes the typed answer to `next_request` and moves on.
    #[cfg(feature = "models")]
    pub fn record(&mut self, page: &O::Output) -> Result<()> {
        self.record_cursor(O::next_cursor(page))
    }

    /// Takes the `next` cursor of the answer to `next_request` (see
    /// [`Paginated::next_cursor_of`]) and moves on.
    pub fn record_cursor(&mut self, next: Option<String>) -> Result<()> {
        let current = self.next.take();
        match (current, self.guard.advance(next)?) {
            (Some(op), Some(cursor)) => self.next = Some(op.at_cursor(cursor)),
            _ => self.next = None,
        }
        Ok(())
    }
}
