//! A broadcast's actions (its messages and webhooks, with their content): the list and one
//! action. Pages: <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastActions/>,
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcastAction/>.

use crate::prelude::*;

use super::Operation;
use crate::error::Result;
use crate::params::{Id, Params};
use crate::spec::{OperationSpec, GET_BROADCAST_ACTION, LIST_BROADCAST_ACTIONS};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// Every action of a broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct ListBroadcastActions {
    pub broadcast_id: Id,
}

/// One action of a broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct GetBroadcastAction {
    pub broadcast_id: Id,
    pub action_id: Id,
}

/// An action with its content; the content fields (`body`, `from`, `headers`, …) stay in
/// `extra` as sent.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: u64,
    pub broadcast_id: Option<u64>,
    pub deduplicate_id: Option<String>,
    pub name: Option<String>,
    /// `email`, `webhook`, `push`, …
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    pub created: Option<i64>,
    pub updated: Option<i64>,
    /// e.g. `automatic`.
    pub sending_state: Option<String>,
    pub language: Option<String>,
    pub subject: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of listBroadcastActions.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionsPage {
    #[serde(deserialize_with = "super::present_or_null")]
    pub actions: Option<Vec<Action>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of getBroadcastAction.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionDetails {
    pub action: Action,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for ListBroadcastActions {
    const SPEC: &'static OperationSpec = &LIST_BROADCAST_ACTIONS;
    #[cfg(feature = "models")]
    type Output = ActionsPage;
    const SHAPE: &'static [Field] = shape::ACTIONS_PAGE;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(ListBroadcastActions {
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

impl Operation for GetBroadcastAction {
    const SPEC: &'static OperationSpec = &GET_BROADCAST_ACTION;
    #[cfg(feature = "models")]
    type Output = ActionDetails;
    const SHAPE: &'static [Field] = shape::ACTION_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetBroadcastAction {
            broadcast_id: p.id("broadcast_id")?,
            action_id: p.id("action_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "broadcast_id",
                crate::messages::Piece::text(&self.broadcast_id),
            ),
            ("action_id", crate::messages::Piece::text(&self.action_id)),
        ]
    }
}
