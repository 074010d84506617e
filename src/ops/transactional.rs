//! `GET /v1/transactional`: the transactional message templates, and
//! `GET /v1/transactional/{transactional_id}`: one of them. (Their metrics are in `reports`,
//! their deliveries in `deliveries`.)

use crate::prelude::*;

use super::Operation;
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{OperationSpec, GET_TRANSACTIONAL_MESSAGE, LIST_TRANSACTIONAL_MESSAGES};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// Every transactional template.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use]
pub struct ListTransactionalMessages;

/// A transactional template: its id and name are what a send refers to.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionalMessage {
    pub id: u64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub send_to_unsubscribed: Option<bool>,
    pub link_tracking: Option<bool>,
    pub open_tracking: Option<bool>,
    pub hide_message_body: Option<bool>,
    pub queue_drafts: Option<bool>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of listTransactionalMessages.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionalMessages {
    #[serde(deserialize_with = "super::present_or_null")]
    pub messages: Option<Vec<TransactionalMessage>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for ListTransactionalMessages {
    const SPEC: &'static OperationSpec = &LIST_TRANSACTIONAL_MESSAGES;
    #[cfg(feature = "models")]
    type Output = TransactionalMessages;
    const SHAPE: &'static [Field] = shape::TRANSACTIONAL_MESSAGES;

    fn from_params(params: Value) -> Result<Self> {
        Params::new(Self::SPEC, params).map(|_| ListTransactionalMessages)
    }
}

/// One transactional template by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetTransactionalMessage {
    pub transactional_id: Id,
}

/// The answer of getTransactionalMessage.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionalDetails {
    pub message: TransactionalMessage,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetTransactionalMessage {
    const SPEC: &'static OperationSpec = &GET_TRANSACTIONAL_MESSAGE;
    #[cfg(feature = "models")]
    type Output = TransactionalDetails;
    const SHAPE: &'static [Field] = shape::TRANSACTIONAL_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetTransactionalMessage {
            transactional_id: p.id("transactional_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![(
            "transactional_id",
            crate::messages::Piece::text(&self.transactional_id),
        )]
    }
}
