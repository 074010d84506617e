//! The operations and their parameters as data: names, kinds, ranges, descriptions. The
//! operations read their parameters through this table (unknown names are rejected against it),
//! and the layers to come (JSON-schema agent tools, an MCP server, the playground's forms) read
//! it instead of restating the rules.

use crate::wire::http::Method;

/// What a parameter holds and the rule it must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A positive integer id; a string of digits is accepted and converted.
    Id,
    /// A trigger id: a positive integer or a string of digits and dashes (`"5-37"`).
    TriggerId,
    /// A page size between `min` and `max` inclusive.
    Limit { min: u32, max: u32 },
    /// Whole Unix seconds (or a JS `Date`).
    Timestamp,
    /// A pagination token: the `next` of the previous page.
    Cursor,
    /// `true` or `false`.
    Bool,
    /// One of a fixed list of strings.
    Enum(&'static [&'static str]),
    /// Up to `max` strings (ids or emails).
    StringList { max: usize },
    /// The recursive audience filter (`and`/`or`/`not`/`segment`/`attribute`).
    Filter,
    /// Up to `max` objects, each with exactly one of `id`/`email` and an optional `data`.
    PerUserData { max: usize },
    /// An http(s) URL.
    Url,
    /// A JSON object of at most `max_bytes` bytes once serialized.
    Object { max_bytes: usize },
    /// Only `true` is accepted: an explicit opt-in.
    True,
}

/// Where a parameter goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Body,
    /// Read by the client, never sent (`default_audience`).
    ClientOnly,
}

/// One parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    /// The snake_case wire name, as in the seed's tables.
    pub name: &'static str,
    pub kind: ParamKind,
    pub required: bool,
    pub location: ParamLocation,
    /// One sentence for a person or an agent choosing a value.
    pub description: &'static str,
}

/// One operation of the App API as the client exposes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// The JS method name, e.g. `getMessages`.
    pub name: &'static str,
    /// The seed's tool slug, when the seed has one.
    pub tool: Option<&'static str>,
    pub method: Method,
    /// The path template, e.g. `/v1/segments/{segment_id}`.
    pub path: &'static str,
    pub summary: &'static str,
    pub params: &'static [ParamSpec],
}

impl OperationSpec {
    /// The parameter called `name`, if the operation has one.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// The day the enums below were last checked against Customer.io's App API reference
/// (https://docs.customer.io/integrations/api/app/tag/messages/listMessages/ and the `metricType`
/// schema). A value the reference adds later is refused until this table is updated.
pub const ENUMS_CHECKED_ON: &str = "2026-12-02";

/// Message channels accepted by `GET /v1/messages?type=` (the reference's `metricType`, checked
/// on [`ENUMS_CHECKED_ON`]; `live_notification` is listed there too).
pub const MESSAGE_TYPES: &[&str] = &[
    "email",
    "webhook",
    "twilio",
    "whatsapp",
    "slack",
    "push",
    "in_app",
    "live_notification",
];

/// Metrics accepted by `GET /v1/messages?metric=` (checked on [`ENUMS_CHECKED_ON`]).
pub const MESSAGE_METRICS: &[&str] = &[
    "attempted",
    "sent",
    "delivered",
    "opened",
    "clicked",
    "converted",
    "bounced",
    "spammed",
    "unsubscribed",
    "dropped",
    "failed",
    "undeliverable",
];

/// Channels accepted by `GET /v1/broadcasts/{id}/metrics?type=`: the same list as
/// [`MESSAGE_TYPES`] (checked on [`ENUMS_CHECKED_ON`]).
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/>
pub const METRICS_TYPES: &[&str] = MESSAGE_TYPES;

/// Units of `GET /v1/broadcasts/{id}/metrics?period=`.
pub const METRICS_PERIODS: &[&str] = &["hours", "days", "weeks", "months"];

/// The most `steps` each period allows (24 hours, 45 days, 12 weeks, 121 months), in the order
/// of [`METRICS_PERIODS`]. `steps=0` asks for the maximum and `steps=1` for two periods.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/>
pub const METRICS_MAX_STEPS: &[(&str, u32)] =
    &[("hours", 24), ("days", 45), ("weeks", 12), ("months", 121)];

/// The period the API uses when `period` is left out.
pub const DEFAULT_METRICS_PERIOD: &str = "days";

/// Sort orders of `GET /v1/newsletters` (checked on [`ENUMS_CHECKED_ON`]).
pub const SORT_ORDERS: &[&str] = &["asc", "desc"];

/// The audience parameters of a broadcast trigger; exactly one must be given.
pub const AUDIENCE_PARAMS: [&str; 6] = [
    "ids",
    "emails",
    "recipients",
    "per_user_data",
    "data_file_url",
    "default_audience",
];

/// Most ids, emails or per-user entries one trigger may carry.
pub const MAX_RECIPIENTS: usize = 10_000;
/// Largest `data` object of a trigger, in bytes of JSON.
pub const MAX_DATA_BYTES: usize = 50_000;

/// A description or summary as the build keeps it: in full natively (the exported table, agent
/// tools and docs read it), empty in the wasm build, which never shows it, so that the text costs
/// the package no bytes. Evaluated at compile time.
const fn text(text: &'static str) -> &'static str {
    if cfg!(target_arch = "wasm32") {
        ""
    } else {
        text
    }
}

const fn param(
    name: &'static str,
    kind: ParamKind,
    location: ParamLocation,
    description: &'static str,
) -> ParamSpec {
    ParamSpec {
        name,
        kind,
        required: false,
        location,
        description: text(description),
    }
}

const fn required(spec: ParamSpec) -> ParamSpec {
    ParamSpec {
        required: true,
        ..spec
    }
}

const BROADCAST_ID: ParamSpec = required(param(
    "broadcast_id",
    ParamKind::Id,
    ParamLocation::Path,
    "The API-triggered broadcast's id (its Triggering Details page in Customer.io).",
));

const START_CURSOR: ParamSpec = param(
    "start",
    ParamKind::Cursor,
    ParamLocation::Query,
    "The `next` value of the previous page; leave out (or send \"\") for the first page.",
);

/// `POST /v1/campaigns/{broadcast_id}/triggers`.
pub const TRIGGER_BROADCAST: OperationSpec = OperationSpec {
    name: "triggerBroadcast",
    tool: Some("CUSTOMERIO_TRIGGER_BROADCAST"),
    method: Method::Post,
    path: "/v1/campaigns/{broadcast_id}/triggers",
    summary: text("Trigger an API-triggered broadcast for exactly one audience, with optional Liquid data. At most one trigger per broadcast every 10 seconds."),
    params: &[
        BROADCAST_ID,
        param("ids", ParamKind::StringList { max: MAX_RECIPIENTS }, ParamLocation::Body,
            "Audience: customer ids (up to 10 000). Not for workspaces that identify people by email."),
        param("emails", ParamKind::StringList { max: MAX_RECIPIENTS }, ParamLocation::Body,
            "Audience: email addresses of existing people (up to 10 000)."),
        param("recipients", ParamKind::Filter, ParamLocation::Body,
            "Audience: a filter of and/or/not over segment {id} and attribute {field, operator eq|exists, value}."),
        param("per_user_data", ParamKind::PerUserData { max: MAX_RECIPIENTS }, ParamLocation::Body,
            "Audience: up to 10 000 entries, each {id} or {email} with optional per-person data."),
        param("data_file_url", ParamKind::Url, ParamLocation::Body,
            "Audience: an http(s) URL of a JSON Lines file, one {id|email, data} per line."),
        param("default_audience", ParamKind::True, ParamLocation::ClientOnly,
            "Audience: true sends to the audience configured on the broadcast in Customer.io. Never sent; it makes the choice explicit."),
        param("data", ParamKind::Object { max_bytes: MAX_DATA_BYTES }, ParamLocation::Body,
            "Data for Liquid as {{trigger.<key>}}, at most 50 000 bytes of JSON."),
        param("email_add_duplicates", ParamKind::Bool, ParamLocation::Body,
            "true allows an email shared by several profiles; not with ids. false (the default) is accepted anywhere."),
        param("email_ignore_missing", ParamKind::Bool, ParamLocation::Body,
            "true skips people without an email instead of failing; not with ids. false (the default) is accepted anywhere."),
        param("id_ignore_missing", ParamKind::Bool, ParamLocation::Body,
            "true skips unknown ids instead of failing; not with emails. false (the default) is accepted anywhere."),
    ],
};

/// `GET /v1/messages`.
pub const GET_MESSAGES: OperationSpec = OperationSpec {
    name: "getMessages",
    tool: Some("CUSTOMERIO_GET_MESSAGES"),
    method: Method::Get,
    path: "/v1/messages",
    summary: text("One page of deliveries with their metrics, newest first, filtered by channel, metric, campaign, newsletter, action and time window (at most 6 months)."),
    params: &[
        param("type", ParamKind::Enum(MESSAGE_TYPES), ParamLocation::Query, "Only messages of this channel."),
        param("metric", ParamKind::Enum(MESSAGE_METRICS), ParamLocation::Query, "Only messages that reached this metric."),
        param("campaign_id", ParamKind::Id, ParamLocation::Query, "Only messages of this campaign."),
        param("newsletter_id", ParamKind::Id, ParamLocation::Query, "Only messages of this newsletter."),
        param("action_id", ParamKind::Id, ParamLocation::Query, "Only messages of this action."),
        param("start_ts", ParamKind::Timestamp, ParamLocation::Query, "Start of the window, Unix seconds (or a Date)."),
        param("end_ts", ParamKind::Timestamp, ParamLocation::Query, "End of the window, Unix seconds (or a Date)."),
        param("limit", ParamKind::Limit { min: 1, max: 1000 }, ParamLocation::Query, "Messages per page, 1 to 1000 (server default 50)."),
        START_CURSOR,
        param("drafts", ParamKind::Bool, ParamLocation::Query, "true returns drafts instead of active or sent messages."),
        param("get_tracked_responses", ParamKind::Bool, ParamLocation::Query, "true adds each message's tracked_responses (in-app survey answers)."),
    ],
};

/// `GET /v1/segments`.
pub const GET_SEGMENTS: OperationSpec = OperationSpec {
    name: "getSegments",
    tool: Some("CUSTOMERIO_GET_SEGMENTS"),
    method: Method::Get,
    path: "/v1/segments",
    summary: text("Every segment of the workspace, with ids to use in recipients.segment.id."),
    params: &[],
};

/// `GET /v1/segments/{segment_id}`.
pub const GET_SEGMENT_DETAILS: OperationSpec = OperationSpec {
    name: "getSegmentDetails",
    tool: Some("CUSTOMERIO_GET_SEGMENT_DETAILS"),
    method: Method::Get,
    path: "/v1/segments/{segment_id}",
    summary: text("One segment by id."),
    params: &[required(param(
        "segment_id",
        ParamKind::Id,
        ParamLocation::Path,
        "The segment's id.",
    ))],
};

/// `GET /v1/newsletters`.
pub const LIST_NEWSLETTERS: OperationSpec = OperationSpec {
    name: "listNewsletters",
    tool: Some("CUSTOMERIO_LIST_NEWSLETTERS"),
    method: Method::Get,
    path: "/v1/newsletters",
    summary: text("One page of newsletters (one-time sends)."),
    params: &[
        param(
            "limit",
            ParamKind::Limit { min: 1, max: 100 },
            ParamLocation::Query,
            "Newsletters per page, 1 to 100.",
        ),
        param(
            "sort",
            ParamKind::Enum(SORT_ORDERS),
            ParamLocation::Query,
            "asc (chronological) or desc (newest first).",
        ),
        START_CURSOR,
    ],
};

/// `GET /v1/transactional`.
pub const LIST_TRANSACTIONAL_MESSAGES: OperationSpec = OperationSpec {
    name: "listTransactionalMessages",
    tool: Some("CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES"),
    method: Method::Get,
    path: "/v1/transactional",
    summary: text("Every transactional message template, with ids and trigger names."),
    params: &[],
};

/// `GET /v1/broadcasts/{broadcast_id}/triggers`.
pub const GET_TRIGGERS: OperationSpec = OperationSpec {
    name: "getTriggers",
    tool: Some("CUSTOMERIO_GET_TRIGGERS"),
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/triggers",
    summary: text("Every trigger of a broadcast."),
    params: &[BROADCAST_ID],
};

const TRIGGER_ID: ParamSpec = required(param(
    "trigger_id",
    ParamKind::TriggerId,
    ParamLocation::Path,
    "The trigger's id, as returned by triggerBroadcast (e.g. 456 or \"5-37\").",
));

/// `GET /v1/campaigns/{broadcast_id}/triggers/{trigger_id}`.
pub const GET_TRIGGER: OperationSpec = OperationSpec {
    name: "getTrigger",
    tool: Some("CUSTOMERIO_GET_TRIGGER"),
    method: Method::Get,
    path: "/v1/campaigns/{broadcast_id}/triggers/{trigger_id}",
    summary: text("One trigger of a broadcast: when it was created and processed."),
    params: &[BROADCAST_ID, TRIGGER_ID],
};

/// `GET /v1/campaigns/{broadcast_id}/triggers/{trigger_id}/errors`.
pub const GET_TRIGGER_ERRORS: OperationSpec = OperationSpec {
    name: "getTriggerErrors",
    tool: None,
    method: Method::Get,
    path: "/v1/campaigns/{broadcast_id}/triggers/{trigger_id}/errors",
    summary: text("The per-line errors of a trigger's audience data; `next` is an integer offset."),
    params: &[
        BROADCAST_ID,
        TRIGGER_ID,
        param(
            "start",
            ParamKind::Cursor,
            ParamLocation::Query,
            "The offset `next` of the previous page; leave out (or send \"\") for the first page.",
        ),
        // No bound is documented for this limit: any positive integer passes.
        param(
            "limit",
            ParamKind::Limit {
                min: 1,
                max: u32::MAX,
            },
            ParamLocation::Query,
            "Errors per page.",
        ),
    ],
};

/// `GET /v1/broadcasts`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/listBroadcasts/>
pub const LIST_BROADCASTS: OperationSpec = OperationSpec {
    name: "listBroadcasts",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts",
    summary: "Every API-triggered broadcast of the workspace, with its name, state and actions.",
    params: &[],
};

/// `GET /v1/broadcasts/{broadcast_id}`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcast/>
pub const GET_BROADCAST: OperationSpec = OperationSpec {
    name: "getBroadcast",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}",
    summary: "One API-triggered broadcast: its name, state, actions and when it first started.",
    params: &[BROADCAST_ID],
};

/// `GET /v1/broadcasts/{broadcast_id}/metrics`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/>
pub const GET_BROADCAST_METRICS: OperationSpec = OperationSpec {
    name: "getBroadcastMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/metrics",
    summary: "A broadcast's delivery metrics (attempted, sent, delivered, opened, clicked, converted, ...) per period, oldest first.",
    params: &[
        BROADCAST_ID,
        param(
            "period",
            ParamKind::Enum(METRICS_PERIODS),
            ParamLocation::Query,
            "The unit of each step: hours, days (the default), weeks or months. Days start at 00:00 EST.",
        ),
        param(
            "steps",
            ParamKind::Limit { min: 0, max: 121 },
            ParamLocation::Query,
            "How many periods to return: at most 24 hours, 45 days, 12 weeks or 121 months; 0 means the maximum, and 1 gives two periods.",
        ),
        param(
            "type",
            ParamKind::Enum(METRICS_TYPES),
            ParamLocation::Query,
            "Only metrics of this channel; leave out for every channel.",
        ),
    ],
};

/// Every operation, in the seed's order.
pub const OPERATIONS: &[&OperationSpec] = &[
    &TRIGGER_BROADCAST,
    &GET_MESSAGES,
    &GET_SEGMENTS,
    &GET_SEGMENT_DETAILS,
    &LIST_NEWSLETTERS,
    &LIST_TRANSACTIONAL_MESSAGES,
    &GET_TRIGGERS,
    &GET_TRIGGER,
    &GET_TRIGGER_ERRORS,
    &LIST_BROADCASTS,
    &GET_BROADCAST,
    &GET_BROADCAST_METRICS,
];

/// The operation whose JS method name is `name`.
pub fn operation(name: &str) -> Option<&'static OperationSpec> {
    OPERATIONS.iter().copied().find(|op| op.name == name)
}
