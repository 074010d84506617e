//! Settling an unknown outcome from the API's own trigger list. A trigger whose answer was lost
//! (a 5xx, a dropped connection, a timeout) may or may not have been created, and sending it
//! again could message everyone twice. The broadcast's trigger list says which: a trigger created
//! inside the attempt's window is the one that attempt made, provided nothing else triggers the
//! broadcast in that window. This is the pure half (`findTrigger` reads the list and calls it).
//!
//! Time unit: `created_at` is whole Unix seconds: the reference's listBroadcastTriggers example
//! answers `{"triggers":[{"id":1,"broadcast_id":2,"created_at":1552341937,"processed_at":1}]}`
//! (<https://docs.customer.io/integrations/api/app/tag/broadcasts/listBroadcastTriggers/>), a
//! ten-digit value. So the window is whole seconds, inclusive at both ends: `after` is the
//! second the attempt started in, `before` the second of the last moment it may have been
//! created (a caller who looks after a timeout passes the time it looks, since a server may act
//! on a request after the client gave up).

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Result};
use crate::params::timestamp::UnixTime;
use crate::params::{describe, object, Id, TriggerId};
use serde_json::{Map, Value};

/// The parameter names of `findTrigger`, in the order the errors list them.
const NAMES: [&str; 4] = ["broadcast_id", "after", "before", "exclude"];
/// More known ids than any queue remembers: a longer list is a caller's mistake.
const MAX_EXCLUDED: usize = 1000;

/// Where to look: a broadcast's triggers created from `after` to `before` (Unix seconds,
/// inclusive), other than the `exclude`d ones (triggers the caller already accounts for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerWindow {
    pub broadcast_id: Id,
    pub after: UnixTime,
    pub before: UnixTime,
    pub exclude: Vec<TriggerId>,
}

impl TriggerWindow {
    /// Reads `{ broadcast_id, after, before, exclude? }`: unknown names are `invalid_params`,
    /// times are whole Unix seconds (a Date reaches here as seconds), `after` may not be later
    /// than `before` (`invalid_timestamp`).
    pub fn from_params(params: &Value) -> Result<TriggerWindow> {
        let Value::Object(map) = params else {
            return Err(invalid!(
                &"params",
                OUTCOME_FINDTRIGGER_TAKES_BROADCASTID,
                describe(params)
            ));
        };
        if let Some(unknown) = map.keys().find(|k| !NAMES.contains(&k.as_str())) {
            return Err(invalid!(
                &unknown.as_str(),
                OUTCOME_FINDTRIGGER_HAS_NO,
                unknown,
                NAMES.join(", ")
            ));
        }
        let required = |name: &str, hint: &str| {
            present(map, name).ok_or_else(|| {
                let code = if name == "broadcast_id" {
                    ErrorCode::InvalidParams
                } else {
                    ErrorCode::InvalidTimestamp
                };
                refuse_at!(code, &name, OUTCOME_FINDTRIGGER_NEEDS, name, hint)
            })
        };
        let broadcast_id = Id::parse(
            "broadcast_id",
            required("broadcast_id", "the broadcast that was triggered")?,
        )?;
        let after = UnixTime::parse(
            "after",
            required("after", "when the attempt started (Unix seconds or a Date)")?,
        )?;
        let before = UnixTime::parse(
            "before",
            required(
                "before",
                "the latest time the trigger may have been created (Unix seconds or a Date)",
            )?,
        )?;
        if after > before {
            return Err(refuse_at!(
                ErrorCode::InvalidTimestamp,
                &"after",
                OUTCOME_AFTER_LATER_THAN,
                after.seconds(),
                before.seconds()
            ));
        }
        Ok(TriggerWindow {
            broadcast_id,
            after,
            before,
            exclude: read_excluded(present(map, "exclude"))?,
        })
    }

    /// The verdict on the broadcast's trigger list (the body of getTriggers).
    #[must_use]
    pub fn settle(&self, page: &Value) -> Settled {
        let triggers = page
            .get("triggers")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut inside = Vec::new();
        let mut undated = Vec::new();
        for trigger in triggers {
            if self.is_excluded(trigger) || !self.is_of_broadcast(trigger) {
                continue;
            }
            match trigger.get("created_at").and_then(Value::as_u64) {
                Some(at) if (self.after.seconds()..=self.before.seconds()).contains(&at) => {
                    inside.push(trigger.clone());
                }
                Some(_) => {}
                None => undated.push(trigger.clone()),
            }
        }
        // A trigger with no readable creation time could be the one: it cannot be ruled out.
        inside.extend(undated);
        match inside.len() {
            0 => Settled::None,
            1 => Settled::Found(inside.remove(0)),
            _ => Settled::Ambiguous(inside),
        }
    }

    fn is_excluded(&self, trigger: &Value) -> bool {
        let id = match trigger.get("id") {
            Some(Value::Number(n)) => crate::messages::Piece::text(&n),
            Some(Value::String(s)) => s.clone(),
            _ => return false,
        };
        self.exclude.iter().any(|known| known.as_str() == id)
    }

    /// A trigger naming another broadcast is not this broadcast's (the list should never hold
    /// one); a trigger without `broadcast_id` is taken as the list's own.
    fn is_of_broadcast(&self, trigger: &Value) -> bool {
        trigger
            .get("broadcast_id")
            .and_then(Value::as_u64)
            .map_or(true, |id| id == self.broadcast_id.get())
    }
}

/// What the list says about the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    /// Exactly one trigger was created inside the window: the attempt made it.
    Found(Value),
    /// No trigger was created inside the window.
    None,
    /// More than one could be the attempt's (something else triggers the broadcast, or a
    /// trigger's creation time is unreadable): it cannot tell.
    Ambiguous(Vec<Value>),
}

impl Settled {
    /// The JS result: `{ outcome: "found", trigger }`, `{ outcome: "none" }` or
    /// `{ outcome: "ambiguous", candidates }`.
    #[must_use]
    pub fn to_json(&self) -> Value {
        match self {
            Settled::Found(trigger) => {
                object([("outcome", "found".into()), ("trigger", trigger.clone())])
            }
            Settled::None => object([("outcome", "none".into())]),
            Settled::Ambiguous(candidates) => object([
                ("outcome", "ambiguous".into()),
                ("candidates", candidates.clone().into()),
            ]),
        }
    }
}

/// The result when the list could not be read: it cannot tell. The failure's code, message (never
/// the key: the caller redacts) and HTTP status say why.
#[must_use]
pub fn unreachable(code: &str, message: &str, status: Option<u16>) -> Value {
    let mut shown = Map::new();
    shown.insert("code".into(), code.into());
    shown.insert("message".into(), message.into());
    if let Some(status) = status {
        shown.insert("status".into(), status.into());
    }
    object([
        ("outcome", "unreachable".into()),
        ("error", Value::Object(shown)),
    ])
}

/// [`unreachable`] for a failed read of the list.
#[must_use]
pub fn unreachable_after(error: &Error) -> Value {
    unreachable(error.code_str(), &error.message, error.status)
}

/// A parameter that is present and not null.
fn present<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.get(name).filter(|v| !v.is_null())
}

fn read_excluded(value: Option<&Value>) -> Result<Vec<TriggerId>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let Value::Array(items) = value else {
        return Err(invalid!(
            &"exclude",
            OUTCOME_EXCLUDE_ARRAY_TRIGGER,
            describe(value)
        ));
    };
    if items.len() > MAX_EXCLUDED {
        return Err(invalid!(
            &"exclude",
            OUTCOME_EXCLUDE_HAS_IDS,
            items.len(),
            MAX_EXCLUDED
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| TriggerId::parse(&join!("exclude[", i, "]"), item))
        .collect()
}
