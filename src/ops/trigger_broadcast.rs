//! `POST /v1/campaigns/{broadcast_id}/triggers`: send an API-triggered broadcast.

use crate::prelude::*;

use super::Operation;
use crate::error::Result;
use crate::params::audience::{Audience, TriggerFlags};
use crate::params::{describe, Id, Params};
use crate::spec::{OperationSpec, MAX_DATA_BYTES, TRIGGER_BROADCAST};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A validated broadcast trigger: one audience, optional data and the flags that apply.
#[derive(Debug, Clone, PartialEq)]
#[must_use]
pub struct TriggerBroadcast {
    pub broadcast_id: Id,
    pub audience: Audience,
    pub data: Option<Map<String, Value>>,
    pub flags: TriggerFlags,
}

/// The answer: the trigger's id, to inspect it with getTrigger.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TriggerBroadcastResult {
    pub id: super::AnsweredTriggerId,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TriggerBroadcast {
    /// A trigger with no data and no flags.
    pub fn new(broadcast_id: Id, audience: Audience) -> TriggerBroadcast {
        TriggerBroadcast {
            broadcast_id,
            audience,
            data: None,
            flags: TriggerFlags::default(),
        }
    }
}

impl Operation for TriggerBroadcast {
    const SPEC: &'static OperationSpec = &TRIGGER_BROADCAST;
    #[cfg(feature = "models")]
    type Output = TriggerBroadcastResult;
    const SHAPE: &'static [Field] = shape::TRIGGER_RESULT;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        let broadcast_id = p.id("broadcast_id")?;
        let audience = Audience::from_params(&mut p)?;
        let data = p.take("data").map(|d| read_data(&d)).transpose()?;
        let mut flag = |name: &str| -> Result<Option<bool>> {
            let value = p.opt_bool(name)?;
            if value == Some(true) && !audience.accepts_flag(name) {
                return Err(invalid!(
                    &name,
                    OP_TRUE_DOES_NOT,
                    name,
                    audience.param_name(),
                    flag_audiences(name)
                ));
            }
            Ok(value.filter(|v| audience.sends_flag(name, *v)))
        };
        let flags = TriggerFlags {
            email_add_duplicates: flag("email_add_duplicates")?,
            email_ignore_missing: flag("email_ignore_missing")?,
            id_ignore_missing: flag("id_ignore_missing")?,
        };
        Ok(TriggerBroadcast {
            broadcast_id,
            audience,
            data,
            flags,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![(
            "broadcast_id",
            crate::messages::Piece::text(&self.broadcast_id),
        )]
    }

    fn body(&self) -> Option<Value> {
        let mut body = Map::new();
        self.audience.write_into(&mut body);
        if let Some(data) = &self.data {
            body.insert("data".into(), Value::Object(data.clone()));
        }
        let flags = [
            ("email_add_duplicates", self.flags.email_add_duplicates),
            ("email_ignore_missing", self.flags.email_ignore_missing),
            ("id_ignore_missing", self.flags.id_ignore_missing),
        ];
        for (name, value) in flags {
            if let Some(v) = value {
                body.insert(name.into(), Value::Bool(v));
            }
        }
        Some(Value::Object(body))
    }
}

fn flag_audiences(flag: &str) -> &'static str {
    if flag == "id_ignore_missing" {
        "ids, per_user_data, data_file_url, recipients or default_audience"
    } else {
        "emails, per_user_data, data_file_url, recipients or default_audience"
    }
}

fn read_data(value: &Value) -> Result<Map<String, Value>> {
    let Value::Object(map) = value else {
        return Err(invalid!(&"data", OP_DATA_OBJECT_LIQUID, describe(value)));
    };
    let size = crate::messages::json_text(value).len();
    if size > MAX_DATA_BYTES {
        return Err(invalid!(&"data", OP_DATA_BYTES_JSON, size, MAX_DATA_BYTES));
    }
    Ok(map.clone())
}
