//! The operations: one file per family, each a value that builds its request and reads its
//! answer. [`AnyOperation`] picks one by its JS method name, for the JS layer and dry runs.

use crate::prelude::*;

mod broadcast_actions;
mod broadcasts;
mod deliveries;
mod messages;
mod newsletters;
mod read;
mod reports;
mod segments;
mod sends;
mod transactional;
mod trigger_broadcast;
mod triggers;

pub use broadcast_actions::{GetBroadcastAction, ListBroadcastActions};
pub use broadcasts::{GetBroadcast, GetBroadcastMetrics, ListBroadcasts};
pub use deliveries::{
    DeliveryFilters, GetBroadcastMessages, GetMessage, GetNewsletterMessages,
    GetTransactionalDeliveries,
};
pub use messages::GetMessages;
pub use newsletters::{GetNewsletter, ListNewsletters};
pub use read::ReadOperation;
pub use reports::{
    GetBroadcastActionLinkMetrics, GetBroadcastActionMetrics, GetBroadcastLinkMetrics,
    GetNewsletterLinkMetrics, GetNewsletterMetrics, GetTransactionalMetrics, Report,
};
pub use segments::{
    GetSegmentCount, GetSegmentDependencies, GetSegmentDetails, GetSegmentMembership, GetSegments,
};
pub use sends::{SendEmail, SendInApp, SendInboxMessage, SendPush, SendSms};
pub use transactional::{GetTransactionalMessage, ListTransactionalMessages};
pub use trigger_broadcast::TriggerBroadcast;
pub use triggers::{GetTrigger, GetTriggerErrors, GetTriggers};

#[cfg(feature = "models")]
pub use broadcast_actions::{Action, ActionDetails, ActionsPage};
/// The typed answer models, for Rust callers (the `models` feature, on by default). The wasm
/// build leaves them out: its answers stay the API's own JSON, checked against the shapes.
#[cfg(feature = "models")]
pub use broadcasts::{
    Broadcast, BroadcastAction, BroadcastDetails, BroadcastMetrics, BroadcastsPage, MetricSeries,
};
#[cfg(feature = "models")]
pub use deliveries::MessageDetails;
#[cfg(feature = "models")]
pub use messages::{CustomerIdentifiers, Message, MessagesPage};
#[cfg(feature = "models")]
pub use newsletters::{Newsletter, NewsletterDetails, NewslettersPage};
#[cfg(feature = "models")]
pub use reports::{Link, LinkMetric, LinkMetrics, MetricTotals, Metrics};
#[cfg(feature = "models")]
pub use segments::{
    Segment, SegmentCount, SegmentDependencies, SegmentDetails, SegmentMembership, SegmentUsedBy,
    SegmentsPage,
};
#[cfg(feature = "models")]
pub use sends::Delivery;
#[cfg(feature = "models")]
pub use transactional::{TransactionalDetails, TransactionalMessage, TransactionalMessages};
#[cfg(feature = "models")]
pub use trigger_broadcast::TriggerBroadcastResult;
#[cfg(feature = "models")]
pub use triggers::{AnsweredTriggerId, Trigger, TriggerErrorsPage, TriggersPage};

use crate::config::Config;
#[cfg(feature = "models")]
use crate::error::Error;
#[cfg(feature = "models")]
use crate::error::ErrorCode;
use crate::error::Result;
use crate::params::send::SendBody;
use crate::params::timestamp::UnixTime;
use crate::spec::OperationSpec;
use crate::wire::api_error::error_from_response;
use crate::wire::http::{HttpRequest, HttpResponse};
use crate::wire::shape::{check_answer, Field};
#[cfg(feature = "models")]
use serde::de::DeserializeOwned;
#[cfg(feature = "models")]
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A request to the App API: built from validated parameters, it describes itself as an
/// [`HttpRequest`] and reads the answer into its typed output.
pub trait Operation: Sized {
    /// The operation's name, method, path and parameters.
    const SPEC: &'static OperationSpec;
    /// The typed answer; every model keeps the fields it does not name.
    #[cfg(feature = "models")]
    type Output: DeserializeOwned;
    /// The same answer's shape as data, for checking it without the typed model.
    const SHAPE: &'static [Field];

    /// Validates the seed's JSON parameter object.
    fn from_params(params: Value) -> Result<Self>;

    /// The values of the path's `{name}` segments, by name (none by default).
    fn path_values(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The path: the table's template filled with [`Operation::path_values`], percent-encoded.
    fn path(&self) -> String {
        Self::SPEC.fill_path(&self.path_values())
    }

    /// The query pairs, only those given (no defaults are added).
    fn query(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The JSON body, for POSTs.
    fn body(&self) -> Option<Value> {
        None
    }

    /// The request to send with `config`.
    fn build(&self, config: &Config) -> HttpRequest {
        HttpRequest::new(
            config,
            Self::SPEC.method,
            self.path(),
            self.query(),
            self.body().map(|b| crate::messages::json_text(&b)),
        )
    }

    /// Reads an answer: an error for non-2xx, `invalid_response` for a 2xx of the wrong shape.
    #[cfg(feature = "models")]
    fn parse(&self, response: &HttpResponse) -> Result<Self::Output> {
        parse_json(Self::SPEC, response)
    }
}

/// An operation whose answers come in pages linked by a `next` cursor.
pub trait Paginated: Operation {
    /// The field of a page that holds its items (`messages`, `newsletters`, `errors`).
    const ITEMS: &'static str;
    /// The same request for the page at `cursor`.
    fn at_cursor(&self, cursor: String) -> Self;
    /// The cursor of the following page; `None` at the end.
    #[cfg(feature = "models")]
    fn next_cursor(page: &Self::Output) -> Option<String>;

    /// The same, from the page's `next` as sent (`None` when the field is missing).
    fn next_cursor_of(next: Option<&Value>) -> Option<String> {
        next.and_then(cursor_of)
    }
}

/// Reads a 2xx JSON body into `T`, or the error the answer stands for.
#[cfg(feature = "models")]
pub fn parse_json<T: DeserializeOwned>(spec: &OperationSpec, response: &HttpResponse) -> Result<T> {
    if !(200..300).contains(&response.status) {
        return Err(error_from_response(response));
    }
    serde_json::from_slice(&response.body).map_err(|e| Error {
        status: Some(response.status),
        ..refuse!(
            ErrorCode::InvalidResponse,
            WIRE_GOT_WHOSE_BODY,
            spec.name,
            response.status,
            e.to_string()
        )
    })
}

/// The query pairs whose value was given, in order.
pub(crate) fn given_pairs<const N: usize>(
    pairs: [(&str, Option<String>); N],
) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name.to_owned(), v)))
        .collect()
}

/// A field that must be present but may be null (the list of a list answer): without
/// `#[serde(default)]`, a missing key is an error rather than `None`.
#[cfg(feature = "models")]
pub(crate) fn present_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> core::result::Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// A cursor as sent: a string, or a number (accepted for robustness). `null` and `""` read as
/// `None`, the end of the list, as does a missing field.
pub fn cursor_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(crate::messages::Piece::text(&n)),
        _ => None,
    }
}

#[cfg(feature = "models")]
pub(crate) fn deserialize_cursor<'de, D: Deserializer<'de>>(
    d: D,
) -> core::result::Result<Option<String>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None => Ok(None),
        Some(v @ (Value::Null | Value::String(_) | Value::Number(_))) => Ok(cursor_of(&v)),
        Some(_) => Err(serde::de::Error::custom(
            "next must be a string, a number or null",
        )),
    }
}

macro_rules! any_operation {
    (typed: $($variant:ident),* $(,)?; read: $($read:ident),* $(,)?) => {
        /// Any operation, chosen by its JS method name: the entry point of the JS layer, dry
        /// runs and agent tools. The reads (GETs of ids, enums, limits, cursors, timestamps and
        /// booleans) are one [`ReadOperation`] read from the table; the others keep their
        /// typed readers.
        #[derive(Debug, Clone, PartialEq)]
        pub enum AnyOperation {
            $($variant($variant),)*
            /// A read operation, read and built from its row of the table.
            Read(ReadOperation),
        }

        /// The rows of the operations [`AnyOperation`] reads through [`ReadOperation`].
        pub const READ_OPERATIONS: &[&OperationSpec] = &[$($read::SPEC,)*];

        impl AnyOperation {
            /// Validates `params` for the operation called `name` (e.g. `"getMessages"`).
            pub fn from_name(name: &str, params: Value) -> Result<AnyOperation> {
                $(if name == $variant::SPEC.name {
                    return $variant::from_params(params).map(AnyOperation::$variant);
                })*
                if let Some(spec) = READ_OPERATIONS.iter().find(|spec| spec.name == name) {
                    return ReadOperation::from_params(spec, params).map(AnyOperation::Read);
                }
                let names: Vec<&str> = crate::spec::OPERATIONS.iter().map(|op| op.name).collect();
                Err(invalid!(&"method", OP_UNKNOWN_OPERATION_OPERATIONS, crate::error::Quoted(name), names.join(", ")))
            }

            /// The operation's spec.
            pub fn spec(&self) -> &'static OperationSpec {
                match self {
                    $(AnyOperation::$variant(_) => $variant::SPEC,)*
                    AnyOperation::Read(op) => op.spec(),
                }
            }

            /// The request to send.
            pub fn build(&self, config: &Config) -> HttpRequest {
                match self {
                    $(AnyOperation::$variant(op) => op.build(config),)*
                    AnyOperation::Read(op) => op.build(config),
                }
            }

            /// The answer shape of the operation called `name`, for exporting the table.
            pub fn shape_of(name: &str) -> Option<&'static [Field]> {
                $(if name == $variant::SPEC.name {
                    return Some($variant::SHAPE);
                })*
                $(if name == $read::SPEC.name {
                    return Some($read::SHAPE);
                })*
                None
            }

            /// Checks an answer against the operation's shape (see [`crate::wire::shape`]) and returns
            /// the cursor of the next page (`None` at the end or for unpaged operations).
            pub fn check(&self, response: &HttpResponse) -> Result<Option<String>> {
                if !(200..300).contains(&response.status) {
                    return Err(error_from_response(response));
                }
                let name = self.spec().name;
                let shape = Self::shape_of(name).unwrap_or(&[]);
                let next = check_answer(name, response.status, &response.body, shape)?;
                Ok(if name == GetTriggerErrors::SPEC.name {
                    GetTriggerErrors::next_cursor_of(next.as_ref())
                } else if Self::items_field_of(name).is_some() {
                    next.as_ref().and_then(cursor_of)
                } else {
                    None
                })
            }
        }
    };
}

any_operation!(
    typed: TriggerBroadcast, SendEmail, SendPush, SendSms, SendInApp, SendInboxMessage;
    read:
    GetMessages,
    GetSegments,
    GetSegmentDetails,
    ListNewsletters,
    ListTransactionalMessages,
    GetTriggers,
    GetTrigger,
    GetTriggerErrors,
    ListBroadcasts,
    GetBroadcast,
    GetBroadcastMetrics,
    GetSegmentCount,
    GetSegmentMembership,
    GetSegmentDependencies,
    ListBroadcastActions,
    GetBroadcastAction,
    GetBroadcastActionMetrics,
    GetBroadcastActionLinkMetrics,
    GetBroadcastLinkMetrics,
    GetBroadcastMessages,
    GetNewsletter,
    GetNewsletterMetrics,
    GetNewsletterLinkMetrics,
    GetNewsletterMessages,
    GetMessage,
    GetTransactionalMessage,
    GetTransactionalMetrics,
    GetTransactionalDeliveries,
);

impl AnyOperation {
    /// For paginated operations, the field of a page that holds its items.
    pub fn items_field(&self) -> Option<&'static str> {
        Self::items_field_of(self.spec().name)
    }

    /// For the paginated operation called `name`, the field of a page that holds its items.
    pub fn items_field_of(name: &str) -> Option<&'static str> {
        match name {
            n if n == GetMessages::SPEC.name => Some(GetMessages::ITEMS),
            n if n == ListNewsletters::SPEC.name => Some(ListNewsletters::ITEMS),
            n if n == GetTriggerErrors::SPEC.name => Some(GetTriggerErrors::ITEMS),
            n if n == GetSegmentMembership::SPEC.name => Some(GetSegmentMembership::ITEMS),
            n if n == GetBroadcastMessages::SPEC.name => Some(GetBroadcastMessages::ITEMS),
            n if n == GetNewsletterMessages::SPEC.name => Some(GetNewsletterMessages::ITEMS),
            n if n == GetTransactionalDeliveries::SPEC.name => {
                Some(GetTransactionalDeliveries::ITEMS)
            }
            _ => None,
        }
    }

    /// The cursor the first request of a walk starts at (its `start`), for the loop guard.
    pub fn start_cursor(&self) -> Option<&str> {
        match self {
            // getTriggerErrors pages by an integer offset and never had this guard.
            AnyOperation::Read(op) if op.spec().name != GetTriggerErrors::SPEC.name => {
                op.value("start")
            }
            _ => None,
        }
    }

    /// The broadcast a trigger is spaced under; `None` for operations that are not spaced.
    pub fn spaced_broadcast(&self) -> Option<u64> {
        match self {
            AnyOperation::TriggerBroadcast(op) => Some(op.broadcast_id.get()),
            _ => None,
        }
    }

    /// What a caller should do to learn whether a call with an unknown outcome took effect.
    pub fn outcome_check_hint(&self) -> String {
        match self {
            AnyOperation::TriggerBroadcast(op) => {
                msg!(OP_CHECK_GETTRIGGERS_BROADCASTID, op.broadcast_id)
            }
            _ => match self.send_body() {
                Some(send) => send.outcome_check_hint(self.spec()),
                None => "repeat the read to see the current state".to_owned(),
            },
        }
    }

    /// A transactional send's validated body; `None` for other operations.
    pub fn send_body(&self) -> Option<&SendBody> {
        match self {
            AnyOperation::SendEmail(SendEmail(send))
            | AnyOperation::SendPush(SendPush(send))
            | AnyOperation::SendSms(SendSms(send))
            | AnyOperation::SendInApp(SendInApp(send))
            | AnyOperation::SendInboxMessage(SendInboxMessage(send)) => Some(send),
            _ => None,
        }
    }

    /// The rules that need a clock (a send's `send_at`: not in the past, at most 90 days
    /// ahead), checked against `now`; every other rule was checked by [`AnyOperation::from_name`].
    pub fn check_clock(&self, now: UnixTime) -> Result<()> {
        self.send_body()
            .map_or(Ok(()), |send| send.check_clock(now))
    }

    /// [`AnyOperation::from_name`], then the rules that need the clock, at `now`.
    pub fn from_name_at(name: &str, params: Value, now: UnixTime) -> Result<AnyOperation> {
        let op = AnyOperation::from_name(name, params)?;
        op.check_clock(now)?;
        Ok(op)
    }

    /// The request for the page after this one, for paginated operations.
    pub fn at_cursor(&self, cursor: String) -> Option<AnyOperation> {
        match self {
            AnyOperation::Read(op) if self.items_field().is_some() => {
                Some(AnyOperation::Read(op.at_cursor(cursor)))
            }
            _ => None,
        }
    }
}

/// A dry run at `now`: [`prepare`] plus the rules that need a clock (a send's `send_at`).
pub fn prepare_at(
    name: &str,
    params: Value,
    config: &Config,
    now: UnixTime,
) -> Result<HttpRequest> {
    Ok(AnyOperation::from_name_at(name, params, now)?
        .build(config)
        .redacted())
}

/// A dry run: validates `params` for the operation `name` and returns the request with the key
/// redacted. Sends nothing. The core has no clock: a send's `send_at` window (not in the past,
/// at most 90 days ahead) is checked by [`prepare_at`], which the JS `prepare()` uses.
pub fn prepare(name: &str, params: Value, config: &Config) -> Result<HttpRequest> {
    Ok(AnyOperation::from_name(name, params)?
        .build(config)
        .redacted())
}
