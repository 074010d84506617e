//! Broadcast spacing: the API accepts one trigger per broadcast every 10 seconds, so one client
//! never sends two triggers of the same broadcast closer than that. A pure reservation table
//! given a clock: each trigger reserves the next free slot at call time, so concurrent calls go
//! out in the order they were made, and a call whose wait would exceed its bound is refused
//! without reserving anything.

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Result};

/// The documented minimum gap between two triggers of one broadcast.
pub const TRIGGER_INTERVAL_MS: u64 = 10_000;

/// What spacing applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpacingScope {
    /// One trigger per broadcast per interval (the seed's reading of the limit).
    #[default]
    PerBroadcast,
    /// One trigger per interval across every broadcast of the workspace (the safe reading if the
    /// limit turns out to be per workspace: the reference leaves it open).
    PerWorkspace,
}

/// The spacing bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpacingPolicy {
    pub interval_ms: u64,
    /// A call that would have to wait longer than this is refused with `rate_limited`.
    pub max_wait_ms: u64,
    pub scope: SpacingScope,
}

impl Default for SpacingPolicy {
    fn default() -> Self {
        SpacingPolicy {
            interval_ms: TRIGGER_INTERVAL_MS,
            max_wait_ms: 30_000,
            scope: SpacingScope::PerBroadcast,
        }
    }
}

/// The reservation table of one client.
#[derive(Debug, Clone, Default)]
pub struct Spacing {
    policy: SpacingPolicy,
    /// Per key, the time (Unix ms) of the latest reserved send. A list, not a HashMap: a client
    /// spaces a handful of broadcasts, and hashbrown with SipHash costs the wasm module ~3 KB.
    last_slot: Vec<(u64, u64)>,
}

impl Spacing {
    /// An empty table under `policy`.
    pub fn new(policy: SpacingPolicy) -> Spacing {
        Spacing {
            policy,
            last_slot: Vec::new(),
        }
    }

    /// The latest reserved send under `key`.
    fn slot(&self, key: u64) -> Option<u64> {
        self.last_slot
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, last)| *last)
    }

    /// The key spacing is counted under for `broadcast_id`.
    pub fn key(&self, broadcast_id: u64) -> u64 {
        match self.policy.scope {
            SpacingScope::PerBroadcast => broadcast_id,
            SpacingScope::PerWorkspace => 0,
        }
    }

    /// Reserves a send slot for a trigger of `broadcast_id` made at `now_ms`: the milliseconds
    /// to wait before sending, or `rate_limited` (with `retry_after_ms`) when that wait would
    /// exceed the bound, in which case nothing is reserved.
    pub fn reserve(&mut self, broadcast_id: u64, now_ms: u64) -> Result<u64> {
        let key = self.key(broadcast_id);
        let earliest = self.slot(key).map_or(now_ms, |last| {
            last.saturating_add(self.policy.interval_ms).max(now_ms)
        });
        let wait = earliest - now_ms;
        if wait > self.policy.max_wait_ms {
            return Err(Error {
                retry_after_ms: Some(wait),
                ..refuse!(
                    ErrorCode::RateLimited,
                    SPACING_BROADCAST_WAS_TRIGGERED,
                    broadcast_id,
                    self.policy.interval_ms / 1000,
                    wait,
                    self.policy.max_wait_ms
                )
            });
        }
        match self.last_slot.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = earliest,
            None => self.last_slot.push((key, earliest)),
        }
        Ok(wait)
    }
}
