//! `GET /v1/segments`, `GET /v1/segments/{segment_id}`, and a segment's size, members and
//! dependents (`…/customer_count`, `…/membership`, `…/used_by`): how many people a broadcast to
//! a segment reaches, and who they are.

use crate::prelude::*;

#[cfg(feature = "models")]
use super::deserialize_cursor;
#[cfg(feature = "models")]
use super::messages::CustomerIdentifiers;
use super::{given_pairs, Operation, Paginated};
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{
    OperationSpec, GET_SEGMENTS, GET_SEGMENT_COUNT, GET_SEGMENT_DEPENDENCIES, GET_SEGMENT_DETAILS,
    GET_SEGMENT_MEMBERSHIP,
};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// Every segment of the workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub struct GetSegments;

/// One segment by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetSegmentDetails {
    pub segment_id: Id,
}

/// A segment. `progress` and `tags` may be null.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub id: u64,
    pub deduplicate_id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// `events`, `build`, `events_queued`, `build_queued` or `finished`.
    pub state: Option<String>,
    pub progress: Option<Value>,
    /// `dynamic` or `manual`.
    #[serde(rename = "type")]
    pub segment_type: Option<String>,
    pub tags: Option<Value>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getSegments.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentsPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub segments: Option<Vec<Segment>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getSegmentDetails.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentDetails {
    pub segment: Segment,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetSegments {
    const SPEC: &'static OperationSpec = &GET_SEGMENTS;
    #[cfg(feature = "models")]
    type Output = SegmentsPage;
    const SHAPE: &'static [Field] = shape::SEGMENTS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        Params::new(Self::SPEC, params).map(|_| GetSegments)
    }
}

impl Operation for GetSegmentDetails {
    const SPEC: &'static OperationSpec = &GET_SEGMENT_DETAILS;
    #[cfg(feature = "models")]
    type Output = SegmentDetails;
    const SHAPE: &'static [Field] = shape::SEGMENT_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetSegmentDetails {
            segment_id: p.id("segment_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![("segment_id", crate::messages::Piece::text(&self.segment_id))]
    }
}

/// How many people a segment holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetSegmentCount {
    pub segment_id: Id,
}

/// The answer of getSegmentCount.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCount {
    pub segment_id: Option<u64>,
    pub count: u64,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetSegmentCount {
    const SPEC: &'static OperationSpec = &GET_SEGMENT_COUNT;
    #[cfg(feature = "models")]
    type Output = SegmentCount;
    const SHAPE: &'static [Field] = shape::SEGMENT_COUNT;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetSegmentCount {
            segment_id: p.id("segment_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![("segment_id", crate::messages::Piece::text(&self.segment_id))]
    }
}

/// One page of a segment's members.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct GetSegmentMembership {
    pub segment_id: Id,
    pub start: Option<String>,
    pub limit: Option<u32>,
}

/// The answer of getSegmentMembership: identifiers per member, their ids, the next cursor.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentMembership {
    #[serde(deserialize_with = "super::present_or_null")]
    pub identifiers: Option<Vec<CustomerIdentifiers>>,
    /// Strings per the reference (`""` for a member without an id); numbers are kept as sent.
    #[serde(default)]
    pub ids: Option<Vec<Value>>,
    #[serde(default, deserialize_with = "deserialize_cursor")]
    pub next: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetSegmentMembership {
    const SPEC: &'static OperationSpec = &GET_SEGMENT_MEMBERSHIP;
    #[cfg(feature = "models")]
    type Output = SegmentMembership;
    const SHAPE: &'static [Field] = shape::SEGMENT_MEMBERSHIP;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetSegmentMembership {
            segment_id: p.id("segment_id")?,
            start: p.opt_cursor("start")?,
            limit: p.opt_limit("limit")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![("segment_id", crate::messages::Piece::text(&self.segment_id))]
    }

    fn query(&self) -> Vec<(String, String)> {
        given_pairs([
            ("start", self.start.clone()),
            (
                "limit",
                self.limit.map(|v| crate::messages::Piece::text(&v)),
            ),
        ])
    }
}

impl Paginated for GetSegmentMembership {
    const ITEMS: &'static str = "identifiers";

    fn at_cursor(&self, cursor: String) -> Self {
        GetSegmentMembership {
            start: Some(cursor),
            ..self.clone()
        }
    }

    #[cfg(feature = "models")]
    fn next_cursor(page: &SegmentMembership) -> Option<String> {
        page.next.clone()
    }
}

/// What uses a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetSegmentDependencies {
    pub segment_id: Id,
}

/// The campaigns and newsletters that use a segment.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentUsedBy {
    pub campaigns: Option<Vec<u64>>,
    pub sent_newsletters: Option<Vec<u64>>,
    pub draft_newsletters: Option<Vec<u64>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getSegmentDependencies.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentDependencies {
    pub segment_id: Option<u64>,
    pub used_by: SegmentUsedBy,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetSegmentDependencies {
    const SPEC: &'static OperationSpec = &GET_SEGMENT_DEPENDENCIES;
    #[cfg(feature = "models")]
    type Output = SegmentDependencies;
    const SHAPE: &'static [Field] = shape::SEGMENT_DEPENDENCIES;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetSegmentDependencies {
            segment_id: p.id("segment_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![("segment_id", crate::messages::Piece::text(&self.segment_id))]
    }
}
