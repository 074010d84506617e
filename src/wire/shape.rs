//! The shape of each operation's answer as data: which fields it has, of which JSON kind, which
//! may be null. The JS layer checks answers against it (a generic walk over `serde_json::Value`
//! costs far fewer wasm bytes than one derived deserializer per model) and reads the next cursor
//! from it. It is the one source of each answer's form: the tool schemas (`src/tools.rs`) and the
//! TypeScript answer interfaces (`src/typescript`, named by [`NAMED`]) are generated from it, and
//! the typed models in `ops` that Rust callers get are checked against it (`tests/models.rs`,
//! `tests/shape.rs`).

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
    /// A page cursor (`next`): the API sends a string; a number is accepted too and reaches the
    /// caller as its string (the JS answer check converts it, the Rust models read it so), the
    /// form the next request's `start` takes.
    Cursor,
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
    /// What the field holds, for a reader of the generated TypeScript (empty in the wasm build,
    /// which never shows it; empty where the name says it all).
    pub doc: &'static str,
}

impl Field {
    /// This field with `doc` as its description.
    pub const fn doc(self, doc: &'static str) -> Field {
        Field {
            doc: crate::spec::text(doc),
            ..self
        }
    }
}

/// An object shape as the TypeScript types name it: `Segment` for [`SEGMENT`], with one
/// sentence on what it is. Nested objects not listed here are written inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

const fn named(name: &'static str, fields: &'static [Field], doc: &'static str) -> Named {
    Named {
        name,
        doc: crate::spec::text(doc),
        fields,
    }
}

/// Present and not null.
const fn required(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: true,
        nullable: false,
        doc: "",
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
        doc: "",
    }
}

/// May be missing or null.
const fn optional(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        required: false,
        nullable: true,
        doc: "",
    }
}

const INTEGERS: Kind = Kind::Array(&Kind::Integer);
const STRINGS: Kind = Kind::Array(&Kind::String);

/// Who a message went to, or one member of a segment.
pub const CUSTOMER_IDENTIFIERS: &[Field] = &[
    optional("id", Kind::Any),
    optional("email", Kind::String)
        .doc("Absent in workspaces that do not identify people by email."),
    optional("cio_id", Kind::String),
];

/// A delivery of `GET /v1/messages`.
pub const MESSAGE: &[Field] = &[
    required("id", Kind::String),
    optional("deduplicate_id", Kind::String),
    optional("msg_template_id", Kind::Integer),
    optional("message_template_id", Kind::Integer)
        .doc("The same template id under the name one rendering of the reference uses."),
    optional("action_id", Kind::Integer),
    optional("parent_action_id", Kind::Integer),
    optional("customer_id", Kind::Any)
        .doc("A string per the reference; kept as any JSON value, as the answer check accepts."),
    optional("customer_identifiers", Kind::Object(CUSTOMER_IDENTIFIERS)),
    optional("recipient", Kind::String),
    optional("subject", Kind::String),
    optional("metrics", Kind::NumberMap).doc(
        "Metric name → Unix seconds when it happened (or a count for human_opened and the like).",
    ),
    optional("created", Kind::Integer),
    optional("failure_message", Kind::String),
    optional("newsletter_id", Kind::Integer),
    optional("content_id", Kind::Integer),
    optional("campaign_id", Kind::Integer),
    optional("broadcast_id", Kind::Integer),
    optional("trigger_event_id", Kind::Any)
        .doc("The reference shows a string or null; kept as any JSON value."),
    optional("type", Kind::String),
    optional("forgotten", Kind::Bool),
    optional("tracked_responses", Kind::Object(&[])).doc(
        "With `get_tracked_responses: true`: the tracked response option names of an in-app survey.",
    ),
];

/// A segment.
pub const SEGMENT: &[Field] = &[
    required("id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("name", Kind::String),
    optional("description", Kind::String),
    optional("state", Kind::String)
        .doc("`events`, `build`, `events_queued`, `build_queued` or `finished`."),
    optional("progress", Kind::Any)
        .doc("A build's progress: a number in the reference's example, kept as any JSON value."),
    optional("type", Kind::String).doc("`dynamic` or `manual`."),
    optional("tags", Kind::Any)
        .doc("The reference's examples send a list or \"nil\": kept as any JSON value."),
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
pub const BROADCAST_ACTION: &[Field] = &[
    optional("id", Kind::Integer),
    optional("type", Kind::String),
];

/// An API-triggered broadcast. `tags` is typed loosely: the reference's example sends `"nil"`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcast/>
pub const BROADCAST: &[Field] = &[
    required("id", Kind::Integer),
    optional("deduplicate_id", Kind::String),
    optional("name", Kind::String),
    optional("type", Kind::String).doc("e.g. \"triggered_broadcast\"."),
    optional("created", Kind::Integer),
    optional("updated", Kind::Integer),
    optional("active", Kind::Bool),
    optional("state", Kind::String).doc("e.g. \"running\"."),
    optional("actions", Kind::Array(&Kind::Object(BROADCAST_ACTION))),
    optional("tags", Kind::Any)
        .doc("The reference's example sends \"nil\": kept as any JSON value."),
    optional("first_started", Kind::Integer),
    optional("created_by", Kind::String),
];

/// The answer of a broadcast trigger.
pub const TRIGGER_RESULT: &[Field] = &[required("id", Kind::StringOrInteger).doc(
    "The trigger's id: an integer, or digits and dashes such as \"5-37\"; pass it back as `trigger_id`.",
)];

/// The answer of getMessages.
pub const MESSAGES_PAGE: &[Field] = &[
    present("messages", Kind::Array(&Kind::Object(MESSAGE))),
    optional("next", Kind::Cursor),
];

/// The answer of getSegments.
pub const SEGMENTS_PAGE: &[Field] = &[present("segments", Kind::Array(&Kind::Object(SEGMENT)))];

/// The answer of getSegmentDetails.
pub const SEGMENT_DETAILS: &[Field] = &[required("segment", Kind::Object(SEGMENT))];

/// The answer of listNewsletters.
pub const NEWSLETTERS_PAGE: &[Field] = &[
    present("newsletters", Kind::Array(&Kind::Object(NEWSLETTER))),
    optional("next", Kind::Cursor),
];

/// The answer of listTransactionalMessages.
pub const TRANSACTIONAL_MESSAGES: &[Field] = &[present(
    "messages",
    Kind::Array(&Kind::Object(TRANSACTIONAL_MESSAGE)),
)];

/// The answer of getTriggers.
pub const TRIGGERS_PAGE: &[Field] = &[present("triggers", Kind::Array(&Kind::Object(TRIGGER)))];

/// The answer of getTriggerErrors.
pub const TRIGGER_ERRORS_PAGE: &[Field] = &[
    present("errors", STRINGS),
    optional("next", Kind::Integer)
        .doc("The offset to pass as `start` for the next page of errors."),
];

/// The answer of listBroadcasts.
pub const BROADCASTS_PAGE: &[Field] =
    &[present("broadcasts", Kind::Array(&Kind::Object(BROADCAST)))];

/// The answer of getBroadcast.
pub const BROADCAST_DETAILS: &[Field] = &[required("broadcast", Kind::Object(BROADCAST))];

const METRIC_SERIES: &[Field] = &[required("series", Kind::SeriesMap).doc(
    "Metric name (attempted, sent, delivered, opened, clicked, converted, ...) → one count per step, oldest first.",
)];

/// The answer of getBroadcastMetrics: `{"metric": {"series": {"sent": [0, 3, ...], ...}}}`, one
/// count per step, oldest first. The reference pages do not show this body; the shape is that of
/// the App API's v1 campaign metrics, which third-party clients read the same way [I].
pub const BROADCAST_METRICS: &[Field] = &[required("metric", Kind::Object(METRIC_SERIES))];

/// The answer of getSegmentCount: `{"segment_id": 7, "count": 1}`.
/// <https://docs.customer.io/integrations/api/app/tag/segments/getSegmentCount/>
pub const SEGMENT_COUNT: &[Field] = &[
    optional("segment_id", Kind::Integer),
    required("count", Kind::Integer).doc("How many people the segment holds now."),
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
    optional("ids", Kind::Array(&Kind::StringOrInteger))
        .doc("The members' ids (\"\" for a member without one)."),
    optional("next", Kind::Cursor),
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
    optional("type", Kind::String).doc("e.g. \"email\", \"webhook\", \"push\"."),
    optional("created", Kind::Integer),
    optional("updated", Kind::Integer),
    optional("sending_state", Kind::String).doc("e.g. \"automatic\"."),
    optional("language", Kind::String),
    optional("subject", Kind::String),
];

/// The answer of listBroadcastActions.
pub const ACTIONS_PAGE: &[Field] = &[present("actions", Kind::Array(&Kind::Object(ACTION)))];

/// The answer of getBroadcastAction.
pub const ACTION_DETAILS: &[Field] = &[required("action", Kind::Object(ACTION))];

const METRIC_TOTALS: &[Field] = &[optional("series", Kind::SeriesMap).doc(
    "Metric name (attempted, sent, delivered, opened, clicked, converted, ...) → one count per step, oldest first; any totals the API adds are kept beside it.",
)];

/// The answer of the per-action, newsletter and transactional metrics: `{"metric": {"series":
/// {...}}}` like a broadcast's. The pages say these hold metrics "in total and in steps"
/// without showing the body, so every field beside `series` is kept as sent, and `series` may be
/// missing [I].
pub const METRICS: &[Field] = &[required("metric", Kind::Object(METRIC_TOTALS))];

const LINK: &[Field] = &[
    optional("id", Kind::Integer),
    optional("href", Kind::String),
];

/// One link of a link metrics answer.
pub const LINK_METRIC: &[Field] = &[
    optional("link", Kind::Object(LINK)),
    optional("metric", Kind::Object(METRIC_TOTALS))
        .doc("`series.clicked`: clicks per step, oldest first."),
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
    required("delivery_id", Kind::String)
        .doc("The delivery's id: look it up in the delivery log or with getMessage."),
    optional("queued_at", Kind::Integer),
    optional("send_at", Kind::Integer),
];

/// The shapes the TypeScript types name, in the order they are written (`src/typescript`
/// generates an interface per entry; an entry whose fields equal an earlier one's becomes an
/// alias of it). The names are part of the public contract (architecture.md).
pub const NAMED: &[Named] = &[
    named("CustomerIdentifiers", CUSTOMER_IDENTIFIERS, "Who a message went to: `email` is absent in workspaces that do not identify people by email."),
    named("SegmentMember", CUSTOMER_IDENTIFIERS, "One member's identifiers; `email` is absent in workspaces that do not identify people by email."),
    named("Message", MESSAGE, "One delivery with its metrics, as getMessages and the delivery lists return it."),
    named("MessagesPage", MESSAGES_PAGE, "One page of deliveries; pass `next` as `start` for the following page."),
    named("MessageDetails", MESSAGE_DETAILS, "One delivery, by its string id."),
    named("Segment", SEGMENT, "A segment of the workspace."),
    named("SegmentsPage", SEGMENTS_PAGE, "Every segment of the workspace."),
    named("SegmentDetails", SEGMENT_DETAILS, "One segment."),
    named("SegmentCount", SEGMENT_COUNT, "How many people a segment holds now."),
    named("SegmentMembership", SEGMENT_MEMBERSHIP, "One page of a segment's members."),
    named("SegmentDependencies", SEGMENT_DEPENDENCIES, "What uses a segment: campaigns, sent and draft newsletters."),
    named("Newsletter", NEWSLETTER, "A newsletter (a one-time send)."),
    named("NewslettersPage", NEWSLETTERS_PAGE, "One page of newsletters; pass `next` as `start` for the following page."),
    named("NewsletterDetails", NEWSLETTER_DETAILS, "One newsletter."),
    named("TransactionalMessage", TRANSACTIONAL_MESSAGE, "A transactional message template."),
    named("TransactionalMessages", TRANSACTIONAL_MESSAGES, "Every transactional message template."),
    named("TransactionalMessageDetails", TRANSACTIONAL_DETAILS, "One transactional message template."),
    named("Trigger", TRIGGER, "One trigger of a broadcast: when it was created and processed."),
    named("TriggersPage", TRIGGERS_PAGE, "Every trigger of a broadcast."),
    named("TriggerErrorsPage", TRIGGER_ERRORS_PAGE, "The per-line errors of a trigger's audience data; `next` is an integer offset."),
    named("TriggerBroadcastResult", TRIGGER_RESULT, "The answer of a broadcast trigger."),
    named("BroadcastAction", BROADCAST_ACTION, "One action of a broadcast as getBroadcast lists it."),
    named("Broadcast", BROADCAST, "An API-triggered broadcast."),
    named("BroadcastsPage", BROADCASTS_PAGE, "Every API-triggered broadcast of the workspace."),
    named("BroadcastDetails", BROADCAST_DETAILS, "One API-triggered broadcast."),
    named("BroadcastMetrics", BROADCAST_METRICS, "A broadcast's delivery metrics per period."),
    named("BroadcastActionContent", ACTION, "A broadcast action with its content (body, from, reply_to, headers, … kept as sent)."),
    named("BroadcastActions", ACTIONS_PAGE, "The actions of a broadcast."),
    named("BroadcastActionDetails", ACTION_DETAILS, "One action of a broadcast."),
    named("Metrics", METRICS, "Delivery metrics per period of an action, a newsletter or a transactional message."),
    named("LinkMetric", LINK_METRIC, "One tracked link and its clicks per period."),
    named("LinkMetrics", LINK_METRICS, "Clicks per tracked link, per period."),
    named("Delivery", DELIVERY, "A send's answer: the delivery's id and when it was queued."),
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
        ..refuse!(
            ErrorCode::InvalidResponse,
            WIRE_GOT_WHOSE_BODY,
            operation,
            status,
            why
        )
    }
}
