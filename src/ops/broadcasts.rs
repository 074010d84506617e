//! API-triggered broadcasts themselves: the list, one broadcast, and its metrics per period.
//! Reference §2.7; paths, parameters and examples from
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcast/> and
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/>.

use crate::prelude::*;

use super::{given_pairs, Operation};
use crate::error::Result;
use crate::params::{describe, is_digits, whole_f64, Id, Params};
use crate::spec::{
    OperationSpec, DEFAULT_METRICS_PERIOD, GET_BROADCAST, GET_BROADCAST_METRICS, LIST_BROADCASTS,
    METRICS_MAX_STEPS,
};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use alloc::collections::BTreeMap;
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// Every API-triggered broadcast of the workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub struct ListBroadcasts;

/// One broadcast by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetBroadcast {
    pub broadcast_id: Id,
}

/// A broadcast's metrics in `steps` of a `period`, optionally for one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetBroadcastMetrics {
    pub broadcast_id: Id,
    pub period: Option<&'static str>,
    pub steps: Option<u32>,
    pub metric_type: Option<&'static str>,
}

/// One action (message or webhook) of a broadcast; either field may be missing.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BroadcastAction {
    #[serde(default)]
    pub id: Option<u64>,
    #[serde(default, rename = "type")]
    pub action_type: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An API-triggered broadcast. `tags` is kept as sent (the reference's example has `"nil"`).
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Broadcast {
    pub id: u64,
    pub deduplicate_id: Option<String>,
    pub name: Option<String>,
    /// `triggered_broadcast` in the reference's example.
    #[serde(rename = "type")]
    pub broadcast_type: Option<String>,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    pub active: Option<bool>,
    /// e.g. `running`.
    pub state: Option<String>,
    pub actions: Option<Vec<BroadcastAction>>,
    pub tags: Option<Value>,
    pub first_started: Option<i64>,
    pub created_by: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of listBroadcasts.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BroadcastsPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub broadcasts: Option<Vec<Broadcast>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getBroadcast.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BroadcastDetails {
    pub broadcast: Broadcast,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Metric name → one count per step, oldest first.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSeries {
    pub series: BTreeMap<String, Vec<i64>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getBroadcastMetrics.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BroadcastMetrics {
    pub metric: MetricSeries,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for ListBroadcasts {
    const SPEC: &'static OperationSpec = &LIST_BROADCASTS;
    #[cfg(feature = "models")]
    type Output = BroadcastsPage;
    const SHAPE: &'static [Field] = shape::BROADCASTS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        Params::new(Self::SPEC, params).map(|_| ListBroadcasts)
    }
}

impl Operation for GetBroadcast {
    const SPEC: &'static OperationSpec = &GET_BROADCAST;
    #[cfg(feature = "models")]
    type Output = BroadcastDetails;
    const SHAPE: &'static [Field] = shape::BROADCAST_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetBroadcast {
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

/// The most steps `period` allows.
pub(super) fn max_steps(period: &str) -> u32 {
    METRICS_MAX_STEPS
        .iter()
        .find(|(name, _)| *name == period)
        .map_or(0, |(_, max)| *max)
}

/// `steps`, whose bound depends on `period` (the API's default period when it is left out).
pub(super) fn read_steps(p: &mut Params, period: Option<&'static str>) -> Result<Option<u32>> {
    let Some(value) = p.take("steps") else {
        return Ok(None);
    };
    let unit = period.unwrap_or(DEFAULT_METRICS_PERIOD);
    let max = max_steps(unit);
    let number = match &value {
        Value::Number(n) => n.as_u64().or_else(|| whole_f64(n.as_f64())),
        Value::String(s) if is_digits(s) => s.parse::<u64>().ok(),
        _ => None,
    };
    match number.and_then(|n| u32::try_from(n).ok()) {
        Some(n) if n <= max => Ok(Some(n)),
        _ => {
            let given = if period.is_some() {
                msg!(OP_PERIOD, unit)
            } else {
                msg!(OP_PERIOD_DEFAULT, unit)
            };
            Err(invalid!(
                &"steps",
                OP_STEPS_WHOLE_NUMBER,
                max,
                given,
                describe(&value)
            ))
        }
    }
}

impl Operation for GetBroadcastMetrics {
    const SPEC: &'static OperationSpec = &GET_BROADCAST_METRICS;
    #[cfg(feature = "models")]
    type Output = BroadcastMetrics;
    const SHAPE: &'static [Field] = shape::BROADCAST_METRICS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        let broadcast_id = p.id("broadcast_id")?;
        let period = p.opt_enum("period")?;
        let steps = read_steps(&mut p, period)?;
        Ok(GetBroadcastMetrics {
            broadcast_id,
            period,
            steps,
            metric_type: p.opt_enum("type")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![(
            "broadcast_id",
            crate::messages::Piece::text(&self.broadcast_id),
        )]
    }

    fn query(&self) -> Vec<(String, String)> {
        let pairs = [
            ("period", self.period.map(str::to_owned)),
            (
                "steps",
                self.steps.map(|v| crate::messages::Piece::text(&v)),
            ),
            ("type", self.metric_type.map(str::to_owned)),
        ];
        given_pairs(pairs)
    }
}
