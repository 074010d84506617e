//! `GET /v1/segments` and `GET /v1/segments/{segment_id}`.

use super::Operation;
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{OperationSpec, GET_SEGMENTS, GET_SEGMENT_DETAILS};
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

    fn path(&self) -> String {
        Self::SPEC.path.to_owned()
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

    fn path(&self) -> String {
        format!("/v1/segments/{}", self.segment_id)
    }
}
