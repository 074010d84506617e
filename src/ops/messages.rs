//! `GET /v1/messages`: deliveries and their metrics, one page at a time.

use crate::prelude::*;

#[cfg(feature = "models")]
use super::deserialize_cursor;
use super::{given_pairs, Operation, Paginated};
use crate::error::Result;
use crate::params::timestamp::UnixTime;
use crate::params::{Id, Params};
use crate::spec::{OperationSpec, GET_MESSAGES};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use alloc::collections::BTreeMap;
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// A validated messages query. Only the filters given are sent.
#[derive(Debug, Clone, Default, PartialEq)]
#[must_use]
pub struct GetMessages {
    pub message_type: Option<&'static str>,
    pub metric: Option<&'static str>,
    pub campaign_id: Option<Id>,
    pub newsletter_id: Option<Id>,
    pub action_id: Option<Id>,
    pub start_ts: Option<UnixTime>,
    pub end_ts: Option<UnixTime>,
    pub limit: Option<u32>,
    pub start: Option<String>,
    pub drafts: Option<bool>,
    /// Asks for each message's `tracked_responses` (in-app survey answers).
    pub get_tracked_responses: Option<bool>,
}

/// One page of messages.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagesPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub messages: Option<Vec<Message>>,
    #[serde(default, deserialize_with = "deserialize_cursor")]
    pub next: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Who a message went to.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerIdentifiers {
    pub id: Option<Value>,
    pub email: Option<String>,
    pub cio_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One delivery. Parent ids are null except the actual parent's; `metrics` maps a metric name to
/// the Unix time it happened (or a count, for `human_opened` and the like).
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub deduplicate_id: Option<String>,
    /// The template's id as the docs' example names it; one rendering of the reference says
    /// `message_template_id` instead: [`Message::template_id`] reads either.
    pub msg_template_id: Option<u64>,
    /// The template's id under the other name (both are in the answer shape, so a body with
    /// both is read, not refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_template_id: Option<u64>,
    pub action_id: Option<u64>,
    pub parent_action_id: Option<u64>,
    pub customer_id: Option<Value>,
    pub customer_identifiers: Option<CustomerIdentifiers>,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    #[serde(default)]
    pub metrics: Option<BTreeMap<String, i64>>,
    pub created: Option<i64>,
    pub failure_message: Option<String>,
    pub newsletter_id: Option<u64>,
    pub content_id: Option<u64>,
    pub campaign_id: Option<u64>,
    pub broadcast_id: Option<u64>,
    pub trigger_event_id: Option<Value>,
    #[serde(rename = "type")]
    pub message_type: Option<String>,
    pub forgotten: Option<bool>,
    /// With `get_tracked_responses: true`: the tracked response option names of an in-app
    /// survey, as an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracked_responses: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(feature = "models")]
impl Message {
    /// The template's id, under whichever of its two names the answer used.
    pub fn template_id(&self) -> Option<u64> {
        self.msg_template_id.or(self.message_template_id)
    }
}

impl Operation for GetMessages {
    const SPEC: &'static OperationSpec = &GET_MESSAGES;
    #[cfg(feature = "models")]
    type Output = MessagesPage;
    const SHAPE: &'static [Field] = shape::MESSAGES_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        let query = GetMessages {
            message_type: p.opt_enum("type")?,
            metric: p.opt_enum("metric")?,
            campaign_id: p.opt_id("campaign_id")?,
            newsletter_id: p.opt_id("newsletter_id")?,
            action_id: p.opt_id("action_id")?,
            start_ts: p.opt_timestamp("start_ts")?,
            end_ts: p.opt_timestamp("end_ts")?,
            limit: p.opt_limit("limit")?,
            start: p.opt_cursor("start")?,
            drafts: p.opt_bool("drafts")?,
            get_tracked_responses: p.opt_bool("get_tracked_responses")?,
        };
        UnixTime::check_window(query.start_ts, query.end_ts)?;
        Ok(query)
    }

    fn query(&self) -> Vec<(String, String)> {
        let pairs = [
            ("type", self.message_type.map(str::to_owned)),
            ("metric", self.metric.map(str::to_owned)),
            (
                "campaign_id",
                self.campaign_id.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "newsletter_id",
                self.newsletter_id.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "action_id",
                self.action_id.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "start_ts",
                self.start_ts.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "end_ts",
                self.end_ts.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "limit",
                self.limit.map(|v| crate::messages::Piece::text(&v)),
            ),
            ("start", self.start.clone()),
            (
                "drafts",
                self.drafts.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "get_tracked_responses",
                self.get_tracked_responses
                    .map(|v| crate::messages::Piece::text(&v)),
            ),
        ];
        given_pairs(pairs)
    }
}

impl Paginated for GetMessages {
    const ITEMS: &'static str = "messages";

    fn at_cursor(&self, cursor: String) -> Self {
        GetMessages {
            start: Some(cursor),
            ..self.clone()
        }
    }

    #[cfg(feature = "models")]
    fn next_cursor(page: &MessagesPage) -> Option<String> {
        page.next.clone()
    }
}
