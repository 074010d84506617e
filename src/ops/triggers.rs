//! A broadcast's trigger history: the list, one trigger, and one trigger's errors.

use crate::prelude::*;

use super::{given_pairs, Operation, Paginated};
use crate::error::Result;
use crate::params::{Id, Params, TriggerId};
use crate::spec::{OperationSpec, GET_TRIGGER, GET_TRIGGERS, GET_TRIGGER_ERRORS};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// Every trigger of a broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetTriggers {
    pub broadcast_id: Id,
}

/// One trigger of a broadcast.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct GetTrigger {
    pub broadcast_id: Id,
    pub trigger_id: TriggerId,
}

/// A trigger's per-line audience errors, paged by an integer offset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct GetTriggerErrors {
    pub broadcast_id: Id,
    pub trigger_id: TriggerId,
    pub start: Option<String>,
    pub limit: Option<u32>,
}

/// A trigger's id as an answer carries it: an integer (`456`) or, as the seed documents, digits
/// and dashes (`"5-37"`). Either can be passed back as `trigger_id`.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnsweredTriggerId {
    Number(u64),
    Text(String),
}

#[cfg(feature = "models")]
impl core::fmt::Display for AnsweredTriggerId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            AnsweredTriggerId::Number(n) => write!(f, "{n}"),
            AnsweredTriggerId::Text(s) => f.write_str(s),
        }
    }
}

/// A trigger. `processed_at` is absent or 0 until processing finishes.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub id: AnsweredTriggerId,
    pub broadcast_id: Option<u64>,
    pub created_at: Option<i64>,
    pub processed_at: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getTriggers.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriggersPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub triggers: Option<Vec<Trigger>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of a trigger's errors: lines `line <n>: <text>`, and `next`, the integer offset to
/// send as `start` for the following page.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriggerErrorsPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub errors: Option<Vec<String>>,
    #[serde(default)]
    pub next: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn trigger_path_values(broadcast_id: Id, trigger_id: &TriggerId) -> Vec<(&'static str, String)> {
    vec![
        ("broadcast_id", crate::messages::Piece::text(&broadcast_id)),
        ("trigger_id", trigger_id.as_str().to_owned()),
    ]
}

impl Operation for GetTriggers {
    const SPEC: &'static OperationSpec = &GET_TRIGGERS;
    #[cfg(feature = "models")]
    type Output = TriggersPage;
    const SHAPE: &'static [Field] = shape::TRIGGERS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetTriggers {
            broadcast_id: p.id("broadcast_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![(
            "broadcast_id",
            crate::messages::Piece::text(&self.broadcast_id),
        )]
    }
}

impl Operation for GetTrigger {
    const SPEC: &'static OperationSpec = &GET_TRIGGER;
    #[cfg(feature = "models")]
    type Output = Trigger;
    const SHAPE: &'static [Field] = shape::TRIGGER;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetTrigger {
            broadcast_id: p.id("broadcast_id")?,
            trigger_id: p.trigger_id("trigger_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        trigger_path_values(self.broadcast_id, &self.trigger_id)
    }
}

impl Operation for GetTriggerErrors {
    const SPEC: &'static OperationSpec = &GET_TRIGGER_ERRORS;
    #[cfg(feature = "models")]
    type Output = TriggerErrorsPage;
    const SHAPE: &'static [Field] = shape::TRIGGER_ERRORS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetTriggerErrors {
            broadcast_id: p.id("broadcast_id")?,
            trigger_id: p.trigger_id("trigger_id")?,
            start: p.opt_cursor("start")?,
            limit: p.opt_limit("limit")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        trigger_path_values(self.broadcast_id, &self.trigger_id)
    }

    fn query(&self) -> Vec<(String, String)> {
        let pairs = [
            ("start", self.start.clone()),
            (
                "limit",
                self.limit.map(|v| crate::messages::Piece::text(&v)),
            ),
        ];
        given_pairs(pairs)
    }
}

impl Paginated for GetTriggerErrors {
    const ITEMS: &'static str = "errors";

    fn at_cursor(&self, cursor: String) -> Self {
        GetTriggerErrors {
            start: Some(cursor),
            ..self.clone()
        }
    }

    /// The end is a missing or null `next`, and also 0 or less: offset 0 is the first page, never
    /// a following one (an inference: the reference does not say how the last page ends).
    #[cfg(feature = "models")]
    fn next_cursor(page: &TriggerErrorsPage) -> Option<String> {
        page.next
            .filter(|n| *n > 0)
            .map(|n| crate::messages::Piece::text(&n))
    }

    fn next_cursor_of(next: Option<&Value>) -> Option<String> {
        next.and_then(Value::as_i64)
            .filter(|n| *n > 0)
            .map(|n| crate::messages::Piece::text(&n))
    }
}
