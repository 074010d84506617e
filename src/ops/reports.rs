//! Metrics beyond a broadcast's own: one action's metrics and link clicks, a broadcast's link
//! clicks, a newsletter's metrics and link clicks, a transactional message's metrics. All are
//! "version 1" reports (`period` and `steps`, with `steps` bounded by `period` as for
//! getBroadcastMetrics); the live pages of these operations document no `version=2` mode (only
//! the campaign pages do). Pages:
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastactionmetrics/>,
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastActionLinks/>,
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastLinks/>,
//! <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterMetrics/>,
//! <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterLinks/>,
//! <https://docs.customer.io/integrations/api/app/tag/transactional/transactionalMetrics/>.

use crate::prelude::*;

use super::broadcasts::read_steps;
use super::{given_pairs, Operation};
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{
    OperationSpec, GET_BROADCAST_ACTION_LINK_METRICS, GET_BROADCAST_ACTION_METRICS,
    GET_BROADCAST_LINK_METRICS, GET_NEWSLETTER_LINK_METRICS, GET_NEWSLETTER_METRICS,
    GET_TRANSACTIONAL_METRICS,
};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use alloc::collections::BTreeMap;
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// The reporting window of a version 1 metrics request, and its optional filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    pub period: Option<&'static str>,
    pub steps: Option<u32>,
    /// `type`, where the operation has it.
    pub metric_type: Option<&'static str>,
    /// `unique`, where the operation has it.
    pub unique: Option<bool>,
}

impl Report {
    /// Reads `period`, `steps` (bounded by the period) and whichever of `type` and `unique` the
    /// operation declares.
    fn read(p: &mut Params) -> Result<Report> {
        let period = p.opt_enum("period")?;
        let steps = read_steps(p, period)?;
        let metric_type = match p.spec().param("type") {
            Some(_) => p.opt_enum("type")?,
            None => None,
        };
        let unique = match p.spec().param("unique") {
            Some(_) => p.opt_bool("unique")?,
            None => None,
        };
        Ok(Report {
            period,
            steps,
            metric_type,
            unique,
        })
    }

    fn query(&self) -> Vec<(String, String)> {
        given_pairs([
            ("period", self.period.map(str::to_owned)),
            (
                "steps",
                self.steps.map(|v| crate::messages::Piece::text(&v)),
            ),
            ("type", self.metric_type.map(str::to_owned)),
            (
                "unique",
                self.unique.map(|v| crate::messages::Piece::text(&v)),
            ),
        ])
    }
}

/// Metric name → one count per step, oldest first, beside whatever totals the API adds.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricTotals {
    #[serde(default)]
    pub series: Option<BTreeMap<String, Vec<i64>>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of the per-action, newsletter and transactional metrics.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub metric: MetricTotals,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A tracked link.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: Option<u64>,
    pub href: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One link and its clicks per step.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkMetric {
    pub link: Option<Link>,
    pub metric: Option<MetricTotals>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of the link metrics.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkMetrics {
    #[serde(deserialize_with = "super::present_or_null")]
    pub links: Option<Vec<LinkMetric>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Declares a report operation: its path ids (filled into its spec's template), spec and answer.
macro_rules! report {
    ($(#[$doc:meta])* $name:ident { $($id:ident),+ }, $spec:ident, $output:ident, $shape:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[must_use]
        pub struct $name {
            $(pub $id: Id,)+
            pub report: Report,
        }

        impl Operation for $name {
            const SPEC: &'static OperationSpec = &$spec;
            #[cfg(feature = "models")]
            type Output = $output;
            const SHAPE: &'static [Field] = shape::$shape;

            fn from_params(params: Value) -> Result<Self> {
                let mut p = Params::new(Self::SPEC, params)?;
                $(let $id = p.id(stringify!($id))?;)+
                let report = Report::read(&mut p)?;
                Ok($name { $($id,)+ report })
            }

            fn path_values(&self) -> Vec<(&'static str, String)> {
                vec![$((stringify!($id), crate::messages::Piece::text(&self.$id)),)+]
            }

            fn query(&self) -> Vec<(String, String)> {
                self.report.query()
            }
        }
    };
}

report!(
    /// One broadcast action's metrics per period (`type` filters the channel).
    GetBroadcastActionMetrics { broadcast_id, action_id },
    GET_BROADCAST_ACTION_METRICS, Metrics, METRICS
);
report!(
    /// Clicks per link of one broadcast action.
    GetBroadcastActionLinkMetrics { broadcast_id, action_id },
    GET_BROADCAST_ACTION_LINK_METRICS, LinkMetrics, LINK_METRICS
);
report!(
    /// Clicks per link of a whole broadcast (`unique` counts people once).
    GetBroadcastLinkMetrics { broadcast_id },
    GET_BROADCAST_LINK_METRICS, LinkMetrics, LINK_METRICS
);
report!(
    /// A newsletter's metrics per period.
    GetNewsletterMetrics { newsletter_id },
    GET_NEWSLETTER_METRICS, Metrics, METRICS
);
report!(
    /// Clicks per link of a newsletter.
    GetNewsletterLinkMetrics { newsletter_id },
    GET_NEWSLETTER_LINK_METRICS, LinkMetrics, LINK_METRICS
);
report!(
    /// A transactional message's metrics per period.
    GetTransactionalMetrics { transactional_id },
    GET_TRANSACTIONAL_METRICS, Metrics, METRICS
);
