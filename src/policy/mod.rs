//! Policies: pure decisions over state and a clock value (retry and backoff, broadcast spacing,
//! the end of a paginated walk, settling an unknown outcome). The JS layer carries them out; it
//! never decides.

pub mod outcome;
pub mod pagination;
pub mod retry;
pub mod spacing;
