//! The shape of each operation's answer as data: which fields it has, of which JSON kind, which
//! may be null. The JS layer checks answers against it (a generic walk over `serde_json::Value`
//! costs far fewer wasm bytes than one derived deserializer per model) and reads the next cursor
//! from it; the typed models in `ops` describe the same shapes for Rust callers, and a test keeps
//! the two in agreement.

use crate::error::{Error, ErrorCode, Result};
use crate::wire::shape_check::check_body;
use serde_json::Value;

/// The JSON kind a field must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole number.
    Integer,
    String,
    Bool,
    /// An object whose listed fields are checked; other fields are kept unchecked.
    Object(&'static [Field]),
    /// An array of values of one kind.
    Array(&'static Kind),
    /// Any JSON value.
    Any,
    /// A string or an integer (ids the API types loosely).
    StringOrInteger,
    /// An object of numbers (a message's metrics).
    NumberMap,
    /// An object of integer arrays (a metrics series: metric name → one count per step).
    SeriesMap,
}

/// One field of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether it must be present.
    pub required: bool,
    /// Whether it may be null.
    pub nullable: bool,
}

/// Present and not null.
const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
        nullable: false,
    }
}

/// Present, possibly null: the list of a list answer (`{"segments": null}` is a real answer; a
/// body without the key is not this operation's answer).
const fn present(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
        nullable: true,
    }
}

/// May be missing or null.
const fn optional(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
        nullable: true,
    }
}

const INTEGERS: Kind = Kind::Array(&Kind::Integer);
const STRINGS: Kind = Kind::Array(&Kind::String);

const CUSTOMER_IDENTIFIERS: &[Field] = &[
    optional("id", Kind::Any),
    optional("email", Kind::String),
    optional("cio_id", Kind::String),
];

/// A delivery of `GET /v1/messages`.
pub const MESSAGE: &[Field] = &[
    required("id", Kind::String),
    optional("deduplicate_id", Kind::String),
    optional("msg_template_id", Kind::Integer),
    optional("message_template_id", Kind::Integer),
    optional("action_id", Kind::Integer),
    optional("parent_action_id", Kind::Integer),
    optional("customer_id", Kind::Any),
    optional("customer_identifiers", Kind::Object(CUSTOMER_IDENTIFIERS)),
    optional("recipient", Kind::String),
    optional("subject", Kind::String),
    optional("metrics", Kind::NumberMap),
    optional("created", Kind::Integer),
    optional("failure_message", Kind::String),
    optional("newsletter_id", Kind::Integer),
    optional("content_id", Kind::Integer),
    optional("campaign_id", Kind::Integer),
    optional("broadcast_id", Kind::Integer),
    optional("trigger_event_id", Kind::Any),
    optional("type", Kind::String),
    optional("forgotten", Kind::Bool),
    optional("tracked_responses", Kind::Object(&[])),
];

/// A segment.
pub const SEGMENT: &[Field] = &[
    required("id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("name", Kind::String),
    optional("description", Kind::String),
    optional("state", Kind::String),
    optional("progress", Kind::Any),
    optional("type", Kind::String),
    optional("tags", Kind::Any),
    optional("created_at", Kind::Integer),
    optional("updated_at", Kind::Integer),
];

/// A newsletter.
pub const NEWSLETTER: &[Field] = &[
    required("id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("type", Kind::String),
    optional("content_ids", INTEGERS),
    optional("name", Kind::String),
    optional("sent_at", Kind::Integer),
    optional("created", Kind::Integer),
    optional("updated", Kind::Integer),
    optional("recipient_segment_ids", INTEGERS),
    optional("tags", STRINGS),
    optional("subscription_topic_id", Kind::Integer),
];

/// A transactional template.
pub const TRANSACTIONAL_MESSAGE: &[Field] = &[
    required("id", Kind::Integer),
    optional("name", Kind::String),
    optional("description", Kind::String),
    optional("send_to_unsubscribed", Kind::Bool),
    optional("link_tracking", Kind::Bool),
    optional("open_tracking", Kind::Bool),
    optional("hide_message_body", Kind::Bool),
    optional("queue_drafts", Kind::Bool),
    optional("created_at", Kind::Integer),
    optional("updated_at", Kind::Integer),
];

/// A broadcast trigger.
/// Its id is an integer or digits and dashes (`"5-37"`), as the seed documents trigger ids.
pub const TRIGGER: &[Field] = &[
    required("id", Kind::StringOrInteger),
    optional("broadcast_id", Kind::Integer),
    optional("created_at", Kind::Integer),
    optional("processed_at", Kind::Integer),
];

/// One action of a broadcast; the reference's example has actions without `id` or `type`.
const BROADCAST_ACTION: &[Field] = &[
    optional("id", Kind::Integer),
    optional("type", Kind::String),
];

/// An API-triggered broadcast. `tags` is typed loosely: the reference's example sends `"nil"`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcast/>
pub const BROADCAST: &[Field] = &[
    required("id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("name", Kind::String),
    optional("type", Kind::String),
    optional("created", Kind::Integer),
    optional("updated", Kind::Integer),
    optional("active", Kind::Bool),
    optional("state", Kind::String),
    optional("actions", Kind::Array(&Kind::Object(BROADCAST_ACTION))),
    optional("tags", Kind::Any),
    optional("first_started", Kind::Integer),
    optional("created_by", Kind::String),
];

/// The answer of a broadcast trigger.
pub const TRIGGER_RESULT: &[Field] = &[required("id", Kind::StringOrInteger)];

/// The answer of getMessages.
pub const MESSAGES_PAGE: &[Field] = &[
    present("messages", Kind::Array(&Kind::Object(MESSAGE))),
    optional("next", Kind::StringOrInteger),
];

/// The answer of getSegments.
pub const SEGMENTS_PAGE: &[Field] = &[present("segments", Kind::Array(&Kind::Object(SEGMENT)))];

/// The answer of getSegmentDetails.
pub const SEGMENT_DETAILS: &[Field] = &[required("segment", Kind::Object(SEGMENT))];

/// The answer of listNewsletters.
pub const NEWSLETTERS_PAGE: &[Field] = &[
    present("newsletters", Kind::Array(&Kind::Object(NEWSLETTER))),
    optional("next", Kind::StringOrInteger),
];

/// The answer of listTransactionalMessages.
pub const TRANSACTIONAL_MESSAGES: &[Field] = &[present(
    "messages",
    Kind::Array(&Kind::Object(TRANSACTIONAL_MESSAGE)),
)];

/// The answer of getTriggers.
pub const TRIGGERS_PAGE: &[Field] = &[present("triggers", Kind::Array(&Kind::Object(TRIGGER)))];

/// The answer of getTriggerErrors.
pub const TRIGGER_ERRORS_PAGE: &[Field] =
    &[present("errors", STRINGS), optional("next", Kind::Integer)];

/// The answer of listBroadcasts.
pub const BROADCASTS_PAGE: &[Field] =
    &[present("broadcasts", Kind::Array(&Kind::Object(BROADCAST)))];

/// The answer of getBroadcast.
pub const BROADCAST_DETAILS: &[Field] = &[required("broadcast", Kind::Object(BROADCAST))];

const METRIC_SERIES: &[Field] = &[required("series", Kind::SeriesMap)];

/// The answer of getBroadcastMetrics: `{"metric": {"series": {"sent": [0, 3, ...], ...}}}`, one
/// count per step, oldest first. The reference pages do not show this body; the shape is that of
/// the App API's v1 campaign metrics, which third-party clients read the same way [I].
pub const BROADCAST_METRICS: &[Field] = &[required("metric", Kind::Object(METRIC_SERIES))];

/// The answer of getSegmentCount: `{"segment_id": 7, "count": 1}`.
/// <https://docs.customer.io/integrations/api/app/tag/segments/getSegmentCount/>
pub const SEGMENT_COUNT: &[Field] = &[
    optional("segment_id", Kind::Integer),
    required("count", Kind::Integer),
];

/// The answer of getSegmentMembership: each member's identifiers (`email` is left out in
/// workspaces that do not identify people by email), their ids (`""` for a member without one;
/// the reference types them as strings, a third party as numbers: either is accepted) and the
/// next cursor.
pub const SEGMENT_MEMBERSHIP: &[Field] = &[
    present(
        "identifiers",
        Kind::Array(&Kind::Object(CUSTOMER_IDENTIFIERS)),
    ),
    optional("ids", Kind::Array(&Kind::StringOrInteger)),
    optional("next", Kind::StringOrInteger),
];

const SEGMENT_USED_BY: &[Field] = &[
    optional("campaigns", INTEGERS),
    optional("sent_newsletters", INTEGERS),
    optional("draft_newsletters", INTEGERS),
];

/// The answer of getSegmentDependencies (reference §2.4).
pub const SEGMENT_DEPENDENCIES: &[Field] = &[
    optional("segment_id", Kind::Integer),
    required("used_by", Kind::Object(SEGMENT_USED_BY)),
];

/// One action of a broadcast as listBroadcastActions and getBroadcastAction answer it: the
/// reference's example carries the message's content too (body, from, subject, headers …), all
/// kept as sent.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcastAction/>
pub const ACTION: &[Field] = &[
    required("id", Kind::Integer),
    optional("broadcast_id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("name", Kind::String),
    optional("type", Kind::String),
    optional("created", Kind::Integer),
    optional("updated", Kind::Integer),
    optional("sending_state", Kind::String),
    optional("language", Kind::String),
    optional("subject", Kind::String),
];

/// The answer of listBroadcastActions.
pub const ACTIONS_PAGE: &[Field] = &[present("actions", Kind::Array(&Kind::Object(ACTION)))];

/// The answer of getBroadcastAction.
pub const ACTION_DETAILS: &[Field] = &[required("action", Kind::Object(ACTION))];

const METRIC_TOTALS: &[Field] = &[optional("series", Kind::SeriesMap)];

/// The answer of the per-action, newsletter and transactional metrics: `{"metric": {"series":
/// {...}}}` like a broadcast's. The pages say these hold metrics "in total and in steps"
/// without showing the body, so every field beside `series` is kept as sent, and `series` may be
/// missing [I].
pub const METRICS: &[Field] = &[required("metric", Kind::Object(METRIC_TOTALS))];

const LINK: &[Field] = &[
    optional("id", Kind::Integer),
    optional("href", Kind::String),
];

const LINK_METRIC: &[Field] = &[
    optional("link", Kind::Object(LINK)),
    optional("metric", Kind::Object(METRIC_TOTALS)),
];

/// The answer of the link metrics: `{"links": [{"link": {"id", "href"}, "metric": {"series":
/// {"clicked": [...]}}}]}`, one entry per tracked link. The pages do not show the body: this is
/// the shape of the App API's campaign link metrics, kept loose [I].
pub const LINK_METRICS: &[Field] = &[present("links", Kind::Array(&Kind::Object(LINK_METRIC)))];

/// The answer of getMessage: one delivery, with the fields of a listMessages entry.
pub const MESSAGE_DETAILS: &[Field] = &[required("message", Kind::Object(MESSAGE))];

/// The answer of getNewsletter.
pub const NEWSLETTER_DETAILS: &[Field] = &[required("newsletter", Kind::Object(NEWSLETTER))];

/// The answer of getTransactionalMessage.
pub const TRANSACTIONAL_DETAILS: &[Field] =
    &[required("message", Kind::Object(TRANSACTIONAL_MESSAGE))];

/// The answer of every transactional send: `{ delivery_id, queued_at, send_at? }` ("Returns a
/// unique ID for the delivery"; `send_at` "only when you provide a future send_at"). Only the
/// delivery id is required: a send the API accepted must not read as a failure (and be sent
/// again) because a field beside it changed.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub const DELIVERY: &[Field] = &[
    required("delivery_id", Kind::String),
    optional("queued_at", Kind::Integer),
    optional("send_at", Kind::Integer),
];

/// Checks a 2xx body against `fields` (see [`crate::wire::shape_check`]) and returns its top-level
/// `next` as sent, or `invalid_response` naming the field at fault.
pub fn check_answer(
    operation: &str,
    status: u16,
    body: &[u8],
    fields: &'static [Field],
) -> Result<Option<Value>> {
    check_body(body, fields).map_err(|why| invalid_answer(operation, status, &why))
}

/// `invalid_response` for a 2xx answer of `operation` that is not its JSON, saying `why`.
pub fn invalid_answer(operation: &str, status: u16, why: &str) -> Error {
    Error {
        status: Some(status),
        ..Error::new(
            ErrorCode::InvalidResponse,
            format!("{operation} got a {status} whose body is not the expected JSON ({why}); a proxy or an API change may be in the way"),
        )
    }
}
