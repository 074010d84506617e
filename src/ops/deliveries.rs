//! Deliveries (rendered messages sent to one person) of one broadcast, newsletter or
//! transactional message, page by page, and one delivery by its id. The lists take the cursor,
//! limit and time window of `GET /v1/messages` (the timestamp rules hold the same way), with a
//! `metric` list of their own and, where the page lists it, `state` and `type`. Pages:
//! <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMessages/>,
//! <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterMsgMeta/>,
//! <https://docs.customer.io/integrations/api/app/tag/transactional/transactionalMessages/>.

use crate::prelude::*;

#[cfg(feature = "models")]
use super::messages::{Message, MessagesPage};
use super::{given_pairs, Operation, Paginated};
use crate::error::Result;
use crate::params::timestamp::UnixTime;
use crate::params::{Id, MessageId, Params};
use crate::spec::{
    OperationSpec, GET_BROADCAST_MESSAGES, GET_MESSAGE, GET_NEWSLETTER_MESSAGES,
    GET_TRANSACTIONAL_DELIVERIES,
};
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
#[cfg(feature = "models")]
use serde_json::Map;
use serde_json::Value;

/// The filters of a delivery list; only those given are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryFilters {
    pub start: Option<String>,
    pub limit: Option<u32>,
    pub metric: Option<&'static str>,
    /// Only where the operation lists `state`.
    pub state: Option<&'static str>,
    /// Only where the operation lists `type`.
    pub message_type: Option<&'static str>,
    pub start_ts: Option<UnixTime>,
    pub end_ts: Option<UnixTime>,
}

impl DeliveryFilters {
    fn read(p: &mut Params) -> Result<DeliveryFilters> {
        // Read in the table's order, as `ReadOperation` does, so both refuse the same
        // parameter first when several are wrong.
        let has = |p: &Params, name: &str| p.spec().param(name).is_some();
        let start = p.opt_cursor("start")?;
        let limit = p.opt_limit("limit")?;
        let metric = p.opt_enum("metric")?;
        let state = if has(p, "state") {
            p.opt_enum("state")?
        } else {
            None
        };
        let message_type = if has(p, "type") {
            p.opt_enum("type")?
        } else {
            None
        };
        let filters = DeliveryFilters {
            start,
            limit,
            metric,
            state,
            message_type,
            start_ts: p.opt_timestamp("start_ts")?,
            end_ts: p.opt_timestamp("end_ts")?,
        };
        UnixTime::check_window(filters.start_ts, filters.end_ts)?;
        Ok(filters)
    }

    fn query(&self) -> Vec<(String, String)> {
        given_pairs([
            ("start", self.start.clone()),
            (
                "limit",
                self.limit.map(|v| crate::messages::Piece::text(&v)),
            ),
            ("metric", self.metric.map(str::to_owned)),
            ("state", self.state.map(str::to_owned)),
            ("type", self.message_type.map(str::to_owned)),
            (
                "start_ts",
                self.start_ts.map(|v| crate::messages::Piece::text(&v)),
            ),
            (
                "end_ts",
                self.end_ts.map(|v| crate::messages::Piece::text(&v)),
            ),
        ])
    }
}

/// Declares a paginated delivery list of one parent.
macro_rules! deliveries {
    ($(#[$doc:meta])* $name:ident { $id:ident }, $spec:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[must_use]
        pub struct $name {
            pub $id: Id,
            pub filters: DeliveryFilters,
        }

        impl Operation for $name {
            const SPEC: &'static OperationSpec = &$spec;
            #[cfg(feature = "models")]
            type Output = MessagesPage;
            const SHAPE: &'static [Field] = shape::MESSAGES_PAGE;

            fn from_params(params: Value) -> Result<Self> {
                let mut p = Params::new(Self::SPEC, params)?;
                let $id = p.id(stringify!($id))?;
                let filters = DeliveryFilters::read(&mut p)?;
                Ok($name { $id, filters })
            }

            fn path_values(&self) -> Vec<(&'static str, String)> {
                vec![(stringify!($id), crate::messages::Piece::text(&self.$id))]
            }

            fn query(&self) -> Vec<(String, String)> {
                self.filters.query()
            }
        }

        impl Paginated for $name {
            const ITEMS: &'static str = "messages";

            fn at_cursor(&self, cursor: String) -> Self {
                let mut next = self.clone();
                next.filters.start = Some(cursor);
                next
            }

            #[cfg(feature = "models")]
            fn next_cursor(page: &MessagesPage) -> Option<String> {
                page.next.clone()
            }
        }
    };
}

deliveries!(
    /// A broadcast's deliveries; without a window, the month after its first trigger.
    GetBroadcastMessages { broadcast_id },
    GET_BROADCAST_MESSAGES
);
deliveries!(
    /// A newsletter's deliveries; without a window, up to 6 months from its first one.
    GetNewsletterMessages { newsletter_id },
    GET_NEWSLETTER_MESSAGES
);
deliveries!(
    /// A transactional message's deliveries; without a window, the most recent 6 months.
    GetTransactionalDeliveries { transactional_id },
    GET_TRANSACTIONAL_DELIVERIES
);

/// One delivery by its string id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct GetMessage {
    pub message_id: MessageId,
}

/// The answer of getMessage.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageDetails {
    pub message: Message,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Operation for GetMessage {
    const SPEC: &'static OperationSpec = &GET_MESSAGE;
    #[cfg(feature = "models")]
    type Output = MessageDetails;
    const SHAPE: &'static [Field] = shape::MESSAGE_DETAILS;

    fn from_params(params: Value) -> Result<Self> {
        let mut p = Params::new(Self::SPEC, params)?;
        Ok(GetMessage {
            message_id: p.message_id("message_id")?,
        })
    }

    fn path_values(&self) -> Vec<(&'static str, String)> {
        vec![("message_id", self.message_id.as_str().to_owned())]
    }
}
