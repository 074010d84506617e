//! `GET /v1/newsletters`: newsletters (one-time sends), one page at a time, and
//! `GET /v1/newsletters/{newsletter_id}`: one newsletter.

use crate::prelude::*;

#[cfg(feature = "models")]
use super::deserialize_cursor;
use super::{given_pairs, Operation, Paginated};
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{OperationSpec, GET_NEWSLETTER, LIST_NEWSLETTERS};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// A validated newsletters query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct ListNewsletters {
    pub limit: Option<u32>,
    pub sort: Option<&'static str>,
    pub start: Option<String>,
}

/// A newsletter. `name`, `sent_at`, `recipient_segment_ids`, `tags`, `type` and
/// `subscription_topic_id` may be null.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Newsletter {
    pub id: u64,
    pub deduplicate_id: Option<String>,
    #[serde(rename = "type")]
    pub newsletter_type: Option<String>,
    pub content_ids: Option<Vec<u64>>,
    pub name: Option<String>,
    pub sent_at: Option<i64>,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    pub recipient_segment_ids: Option<Vec<u64>>,
    pub tags: Option<Vec<String>>,
    pub subscription_topic_id: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One page of newsletters.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewslettersPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub newsletters: Option<Vec<Newsletter>>,
    #[serde(default, deserialize_with = "deserialize_cursor")]
    pub next: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for ListNewsletters {
    const SPEC: &'static OperationSpec = &LIST_NEWSLETTERS;
    #[cfg(feature = "models")]
    type Output = NewslettersPage;
    const SHAPE: &'static [Field] = shape::NEWSLETTERS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(ListNewsletters {
            limit: p.opt_limit("limit")?,
            sort: p.opt_enum("sort")?,
            start: p.opt_cursor("start")?,
        })
    }

    fn query(&self) -> Vec<(String, String)> {
        let pairs = [
            (
                "limit",
                self.limit.map(|v| crate::messages::Piece::text(&v)),
            ),
            ("sort", self.sort.map(str::to_owned)),
            ("start", self.start.clone()),
        ];
        given_pairs(pairs)
    }
}

impl Paginated for ListNewsletters {
    const ITEMS: &'static str = "newsletters";

    fn at_cursor(&self, cursor: String) -> Self {
        ListNewsletters {
            start: Some(cursor),
            ..self.clone()
        }
    }

    #[cfg(feature = "models")]
    fn next_cursor(page: &NewslettersPage) -> Option<String> {
        page.next.clone()
    }
}

/// One newsletter by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetNewsletter {
    pub newsletter_id: Id,
}

/// The answer of getNewsletter.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsletterDetails {
    pub newsletter: Newsletter,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetNewsletter {
    const SPEC: &'static OperationSpec = &GET_NEWSLETTER;
    #[cfg(feature = "models")]
    type Output = NewsletterDetails;
    const SHAPE: &'static [Field] = shape::NEWSLETTER_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetNewsletter {
            newsletter_id: p.id("newsletter_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![(
            "newsletter_id",
            crate::messages::Piece::text(&self.newsletter_id),
        )]
    }
}
