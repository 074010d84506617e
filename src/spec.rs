//! The operations and their parameters as data: names, kinds, ranges, descriptions. The
//! operations read their parameters through this table (unknown names are rejected against it)
//! and fill their paths from its templates ([`OperationSpec::fill_path`]); the agent tools
//! (`src/tools.rs`), the MCP server, the types and the playground's forms read it through the
//! export (`src/export.rs`) instead of restating the rules.

use crate::prelude::*;

use crate::wire::http::{percent_encode, Method};

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
    /// Free text of 1 to `max_chars` characters (a search term of an agent tool).
    Text { max_chars: usize },
    /// A delivery's id as `getMessages` returns it (`"ag1q…="`): a non-empty string without
    /// whitespace or control characters, percent-encoded in the path.
    MessageId,
    /// Who a transactional message is about: exactly one of `id`, `email`, `cio_id`.
    Identifiers,
    /// A transactional template: a positive integer id or its Trigger Name (a string).
    TemplateId,
    /// Email attachments: `{ "<filename.ext>": "<base64>" }`, at most `max_bytes` decoded in total.
    Attachments { max_bytes: usize },
    /// Extra email headers, `{ name: value }`, sent as the JSON string of `[{ name, value }]` the
    /// API wants.
    EmailHeaders,
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

    /// The request path: [`OperationSpec::path`]'s `{name}` segments filled with `values`, each
    /// percent-encoded. The template in this table is the only place a path is written; the
    /// operations give their values by name (`tests/spec.rs` sends distinct ids and checks each
    /// lands in its own segment). A name without a value is left as `{name}`, which that test
    /// refuses, rather than a panic in the wasm.
    pub fn fill_path(&self, values: &[(&str, String)]) -> String {
        let mut out = String::with_capacity(self.path.len() + 24);
        let mut rest = self.path;
        // `split_once`, not `str` indexing: a slice's panic path formats `char` and `Range` with
        // `Debug`, which the wasm module would carry (see the crate's doc, "no_std").
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else {
                break;
            };
            out.push_str(before);
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(&percent_encode(value)),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = tail;
        }
        out.push_str(rest);
        out
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
pub(crate) const fn text(text: &'static str) -> &'static str {
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
    summary: text(
        "Every API-triggered broadcast of the workspace, with its name, state and actions.",
    ),
    params: &[],
};

/// `GET /v1/broadcasts/{broadcast_id}`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcast/>
pub const GET_BROADCAST: OperationSpec = OperationSpec {
    name: "getBroadcast",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}",
    summary: text(
        "One API-triggered broadcast: its name, state, actions and when it first started.",
    ),
    params: &[BROADCAST_ID],
};

/// `GET /v1/broadcasts/{broadcast_id}/metrics`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMetrics/>
pub const GET_BROADCAST_METRICS: OperationSpec = OperationSpec {
    name: "getBroadcastMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/metrics",
    summary: text("A broadcast's delivery metrics (attempted, sent, delivered, opened, clicked, converted, ...) per period, oldest first."),
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

// ---------------------------------------------------------------------------------------------
// Before and after a broadcast (issue 19): audience sizes, per-action and per-link metrics,
// newsletters, transactional messages and one delivery. Each row names the live reference page
// it was checked against (2026-12-06).

/// Metrics accepted by the `metric` filter of a broadcast's, newsletter's or transactional
/// message's deliveries: the live pages list five, not the twelve of `GET /v1/messages`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMessages/>
pub const DELIVERY_METRICS: &[&str] = &["attempted", "sent", "delivered", "opened", "clicked"];

/// States accepted by the `state` filter of a broadcast's and a transactional message's
/// deliveries. The stored page lists `failed`, `sent`, `drafted` and a fourth cut short at
/// "att…", read as `attempted` [I].
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMessages/>
pub const DELIVERY_STATES: &[&str] = &["failed", "sent", "drafted", "attempted"];

/// Channels accepted by `GET /v1/newsletters/{id}/metrics?type=`: the newsletter page lists
/// `inbox` and not whatsapp, slack or live_notification.
/// <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterMetrics/>
pub const NEWSLETTER_METRICS_TYPES: &[&str] =
    &["email", "webhook", "twilio", "push", "in_app", "inbox"];

const SEGMENT_ID: ParamSpec = required(param(
    "segment_id",
    ParamKind::Id,
    ParamLocation::Path,
    "The segment's id (getSegments lists them).",
));

const ACTION_ID: ParamSpec = required(param(
    "action_id",
    ParamKind::Id,
    ParamLocation::Path,
    "The action's id (listBroadcastActions lists a broadcast's actions).",
));

const NEWSLETTER_ID: ParamSpec = required(param(
    "newsletter_id",
    ParamKind::Id,
    ParamLocation::Path,
    "The newsletter's (one-time send's) id.",
));

const TRANSACTIONAL_ID: ParamSpec = required(param(
    "transactional_id",
    ParamKind::Id,
    ParamLocation::Path,
    "The transactional message's id (listTransactionalMessages lists them; /transactional/3/templates/139 in the UI is 3).",
));

const PERIOD: ParamSpec = param(
    "period",
    ParamKind::Enum(METRICS_PERIODS),
    ParamLocation::Query,
    "The unit of each step: hours, days (the default), weeks or months. Days start at 00:00 EST.",
);

const STEPS: ParamSpec = param(
    "steps",
    ParamKind::Limit { min: 0, max: 121 },
    ParamLocation::Query,
    "How many periods to return: at most 24 hours, 45 days, 12 weeks or 121 months; 0 means the maximum, and 1 gives two periods.",
);

const METRICS_TYPE: ParamSpec = param(
    "type",
    ParamKind::Enum(METRICS_TYPES),
    ParamLocation::Query,
    "Only metrics of this channel; leave out for every channel.",
);

const UNIQUE: ParamSpec = param(
    "unique",
    ParamKind::Bool,
    ParamLocation::Query,
    "true counts each person once per link; false (the API's default) counts every click.",
);

const DELIVERY_LIMIT: ParamSpec = param(
    "limit",
    // The live pages give no maximum for these lists: any positive integer passes.
    ParamKind::Limit {
        min: 1,
        max: u32::MAX,
    },
    ParamLocation::Query,
    "Deliveries per page.",
);

const DELIVERY_METRIC: ParamSpec = param(
    "metric",
    ParamKind::Enum(DELIVERY_METRICS),
    ParamLocation::Query,
    "Only deliveries that reached this metric: attempted, sent, delivered, opened or clicked.",
);

const DELIVERY_STATE: ParamSpec = param(
    "state",
    ParamKind::Enum(DELIVERY_STATES),
    ParamLocation::Query,
    "Only deliveries in this state: failed, sent, drafted or attempted.",
);

const START_TS: ParamSpec = param(
    "start_ts",
    ParamKind::Timestamp,
    ParamLocation::Query,
    "Start of the window, Unix seconds (or a Date), by delivery creation time.",
);

const END_TS: ParamSpec = param(
    "end_ts",
    ParamKind::Timestamp,
    ParamLocation::Query,
    "End of the window, Unix seconds (or a Date); a window over 12 months is cut to the 12 months before it.",
);

/// `GET /v1/segments/{segment_id}/customer_count`.
/// <https://docs.customer.io/integrations/api/app/tag/segments/getSegmentCount/>
pub const GET_SEGMENT_COUNT: OperationSpec = OperationSpec {
    name: "getSegmentCount",
    tool: None,
    method: Method::Get,
    path: "/v1/segments/{segment_id}/customer_count",
    summary: text("How many people a segment holds now: { segment_id, count }."),
    params: &[SEGMENT_ID],
};

/// `GET /v1/segments/{segment_id}/membership`.
/// <https://docs.customer.io/integrations/api/app/tag/segments/getSegmentMembership/>
pub const GET_SEGMENT_MEMBERSHIP: OperationSpec = OperationSpec {
    name: "getSegmentMembership",
    tool: None,
    method: Method::Get,
    path: "/v1/segments/{segment_id}/membership",
    summary: text(
        "One page of a segment's members: their identifiers (id, email, cio_id) and ids.",
    ),
    params: &[
        SEGMENT_ID,
        START_CURSOR,
        param(
            "limit",
            ParamKind::Limit {
                min: 1,
                max: 30_000,
            },
            ParamLocation::Query,
            "Members per page, 1 to 30 000.",
        ),
    ],
};

/// `GET /v1/segments/{segment_id}/used_by`.
/// Reference §2.4 (SPEC `getSegmentDependencies`); its own page is not among the stored docs.
pub const GET_SEGMENT_DEPENDENCIES: OperationSpec = OperationSpec {
    name: "getSegmentDependencies",
    tool: None,
    method: Method::Get,
    path: "/v1/segments/{segment_id}/used_by",
    summary: text(
        "What uses a segment: the ids of campaigns, sent newsletters and draft newsletters.",
    ),
    params: &[SEGMENT_ID],
};

/// `GET /v1/broadcasts/{broadcast_id}/actions`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastActions/>
pub const LIST_BROADCAST_ACTIONS: OperationSpec = OperationSpec {
    name: "listBroadcastActions",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/actions",
    summary: text("The actions (messages, webhooks) of a broadcast, with their content."),
    params: &[BROADCAST_ID],
};

/// `GET /v1/broadcasts/{broadcast_id}/actions/{action_id}`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/getBroadcastAction/>
pub const GET_BROADCAST_ACTION: OperationSpec = OperationSpec {
    name: "getBroadcastAction",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/actions/{action_id}",
    summary: text("One action of a broadcast."),
    params: &[BROADCAST_ID, ACTION_ID],
};

/// `GET /v1/broadcasts/{broadcast_id}/actions/{action_id}/metrics`. The page documents only
/// `period`/`steps` (no `version=2`).
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastactionmetrics/>
pub const GET_BROADCAST_ACTION_METRICS: OperationSpec = OperationSpec {
    name: "getBroadcastActionMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/actions/{action_id}/metrics",
    summary: text("One action's delivery metrics per period, oldest first; a broadcast's actions add up to its metrics."),
    params: &[BROADCAST_ID, ACTION_ID, PERIOD, STEPS, METRICS_TYPE],
};

/// `GET /v1/broadcasts/{broadcast_id}/actions/{action_id}/metrics/links`: `period`, `steps`,
/// `type` (the page lists no `unique` here).
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastActionLinks/>
pub const GET_BROADCAST_ACTION_LINK_METRICS: OperationSpec = OperationSpec {
    name: "getBroadcastActionLinkMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/actions/{action_id}/metrics/links",
    summary: text("Clicks per link of one action, per period."),
    params: &[BROADCAST_ID, ACTION_ID, PERIOD, STEPS, METRICS_TYPE],
};

/// `GET /v1/broadcasts/{broadcast_id}/metrics/links`: `period`, `steps`, `unique`.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastLinks/>
pub const GET_BROADCAST_LINK_METRICS: OperationSpec = OperationSpec {
    name: "getBroadcastLinkMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/metrics/links",
    summary: text("Clicks per link of a whole broadcast, per period."),
    params: &[BROADCAST_ID, PERIOD, STEPS, UNIQUE],
};

/// `GET /v1/broadcasts/{broadcast_id}/messages`. Without a window: the month after the first
/// trigger.
/// <https://docs.customer.io/integrations/api/app/tag/broadcasts/broadcastMessages/>
pub const GET_BROADCAST_MESSAGES: OperationSpec = OperationSpec {
    name: "getBroadcastMessages",
    tool: None,
    method: Method::Get,
    path: "/v1/broadcasts/{broadcast_id}/messages",
    summary: text("One page of a broadcast's deliveries with their metrics; without start_ts/end_ts, the month after its first trigger."),
    params: &[
        BROADCAST_ID,
        START_CURSOR,
        DELIVERY_LIMIT,
        DELIVERY_METRIC,
        DELIVERY_STATE,
        param("type", ParamKind::Enum(MESSAGE_TYPES), ParamLocation::Query, "Only deliveries of this channel."),
        START_TS,
        END_TS,
    ],
};

/// `GET /v1/newsletters/{newsletter_id}`.
/// Reference §2.5 (`→ {"newsletter": {…}}`, 404 if missing); listed on
/// <https://docs.customer.io/integrations/api/app/tag/newsletters/>.
pub const GET_NEWSLETTER: OperationSpec = OperationSpec {
    name: "getNewsletter",
    tool: None,
    method: Method::Get,
    path: "/v1/newsletters/{newsletter_id}",
    summary: text("One newsletter (one-time send) by id."),
    params: &[NEWSLETTER_ID],
};

/// `GET /v1/newsletters/{newsletter_id}/metrics`: `period`, `steps`, `type` (its own channels).
/// <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterMetrics/>
pub const GET_NEWSLETTER_METRICS: OperationSpec = OperationSpec {
    name: "getNewsletterMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/newsletters/{newsletter_id}/metrics",
    summary: text("A newsletter's delivery metrics per period, oldest first."),
    params: &[
        NEWSLETTER_ID,
        PERIOD,
        STEPS,
        param("type", ParamKind::Enum(NEWSLETTER_METRICS_TYPES), ParamLocation::Query, "Only metrics of this channel (email, webhook, twilio, push, in_app, inbox); leave out for every channel."),
    ],
};

/// `GET /v1/newsletters/{newsletter_id}/metrics/links`: `period`, `steps`, `unique`.
/// <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterLinks/>
pub const GET_NEWSLETTER_LINK_METRICS: OperationSpec = OperationSpec {
    name: "getNewsletterLinkMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/newsletters/{newsletter_id}/metrics/links",
    summary: text("Clicks per link of a newsletter, per period."),
    params: &[NEWSLETTER_ID, PERIOD, STEPS, UNIQUE],
};

/// `GET /v1/newsletters/{newsletter_id}/messages`: `start`, `limit`, `metric`, `start_ts`,
/// `end_ts` (no `state` or `type` here).
/// <https://docs.customer.io/integrations/api/app/tag/newsletter-metrics/getNewsletterMsgMeta/>
pub const GET_NEWSLETTER_MESSAGES: OperationSpec = OperationSpec {
    name: "getNewsletterMessages",
    tool: None,
    method: Method::Get,
    path: "/v1/newsletters/{newsletter_id}/messages",
    summary: text("One page of a newsletter's deliveries; without start_ts/end_ts, up to 6 months from its first delivery."),
    params: &[NEWSLETTER_ID, START_CURSOR, DELIVERY_LIMIT, DELIVERY_METRIC, START_TS, END_TS],
};

/// `GET /v1/messages/{message_id}`: one delivery by its string id.
/// Reference §2.3 (`→ {"message": {…}}`, the fields of a listMessages delivery).
pub const GET_MESSAGE: OperationSpec = OperationSpec {
    name: "getMessage",
    tool: None,
    method: Method::Get,
    path: "/v1/messages/{message_id}",
    summary: text("One delivery and its metrics, by the string id getMessages and the delivery lists return."),
    params: &[required(param(
        "message_id",
        ParamKind::MessageId,
        ParamLocation::Path,
        "The delivery's id, a string such as \"ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=\" (not the template id).",
    ))],
};

/// `GET /v1/transactional/{transactional_id}`.
/// Reference §2.6 (`→ {"message": {…}}`, the fields of a listTransactional entry).
pub const GET_TRANSACTIONAL_MESSAGE: OperationSpec = OperationSpec {
    name: "getTransactionalMessage",
    tool: None,
    method: Method::Get,
    path: "/v1/transactional/{transactional_id}",
    summary: text("One transactional message template by id."),
    params: &[TRANSACTIONAL_ID],
};

/// `GET /v1/transactional/{transactional_id}/metrics`: `period` and `steps` only.
/// <https://docs.customer.io/integrations/api/app/tag/transactional/transactionalMetrics/>
pub const GET_TRANSACTIONAL_METRICS: OperationSpec = OperationSpec {
    name: "getTransactionalMetrics",
    tool: None,
    method: Method::Get,
    path: "/v1/transactional/{transactional_id}/metrics",
    summary: text("A transactional message's delivery metrics per period, oldest first."),
    params: &[TRANSACTIONAL_ID, PERIOD, STEPS],
};

/// `GET /v1/transactional/{transactional_id}/messages`: `start`, `limit`, `metric`, `state`,
/// `start_ts`, `end_ts`.
/// <https://docs.customer.io/integrations/api/app/tag/transactional/transactionalMessages/>
pub const GET_TRANSACTIONAL_DELIVERIES: OperationSpec = OperationSpec {
    name: "getTransactionalDeliveries",
    tool: None,
    method: Method::Get,
    path: "/v1/transactional/{transactional_id}/messages",
    summary: text("One page of a transactional message's deliveries; without start_ts/end_ts, the most recent 6 months."),
    params: &[
        TRANSACTIONAL_ID,
        START_CURSOR,
        DELIVERY_LIMIT,
        DELIVERY_METRIC,
        DELIVERY_STATE,
        START_TS,
        END_TS,
    ],
};

// Transactional sends. Sources, checked on [`SENDS_CHECKED_ON`]:
// https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/ (sendPush, sendSMS,
// sendInApp, sendinboxmessage: the same path with that operation id) and reference §2.6.

/// The day the send rules below were checked against the live reference pages.
pub const SENDS_CHECKED_ON: &str = "2026-12-06";

/// Most recipients of one email across `to`, `cc` and `bcc` ("up to 15 total recipients").
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub const MAX_EMAIL_RECIPIENTS: usize = 15;

/// Attachments' decoded total must be less than 2 MB ("The total size of all attachments must be
/// less than 2 MB"; read as 2 MiB).
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub const MAX_ATTACHMENTS_BYTES: usize = 2 * 1024 * 1024;

/// A send's JSON body, attachments left out, at most 1 MB (reference §2.6: "Payload limit 1 MB
/// excluding attachments", the SPEC's transactional tag text; read as 1 MiB).
pub const MAX_SEND_PAYLOAD_BYTES: usize = 1024 * 1024;

/// `send_at` "can be up to 90 days in the future".
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub const MAX_SEND_AT_AHEAD_SECONDS: u64 = 90 * 86_400;

/// How far in the past `send_at` may be and still pass: clock skew between a caller's `Date` and
/// ours. The API sends a past `send_at` at once; we refuse it (see README "Decisions").
pub const SEND_AT_PAST_GRACE_SECONDS: u64 = 60;

/// A push's `sound` (iOS): the device's default or none.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendPush/>
pub const PUSH_SOUNDS: &[&str] = &["default", "none"];

/// Longest text field we pass (an email body); the payload limit bounds it further.
const MAX_TEXT: usize = MAX_SEND_PAYLOAD_BYTES;

const IDENTIFIERS: ParamSpec = required(param(
    "identifiers",
    ParamKind::Identifiers,
    ParamLocation::Body,
    "The person the message is about: exactly one of {id}, {email} or {cio_id}.",
));

const TEMPLATE_ID: ParamSpec = param(
    "transactional_message_id",
    ParamKind::TemplateId,
    ParamLocation::Body,
    "The transactional template: its integer id or its Trigger Name (case-insensitive), from listTransactionalMessages.",
);

const MESSAGE_DATA: ParamSpec = param(
    "message_data",
    ParamKind::Object {
        max_bytes: MAX_SEND_PAYLOAD_BYTES,
    },
    ParamLocation::Body,
    "Data for Liquid in the template, e.g. {{trigger.order_id}}.",
);

const SEND_AT: ParamSpec = param(
    "send_at",
    ParamKind::Timestamp,
    ParamLocation::Body,
    "When to send, Unix seconds (or a Date), at most 90 days ahead; leave out to send now.",
);

const LANGUAGE: ParamSpec = param(
    "language",
    ParamKind::Text { max_chars: 16 },
    ParamLocation::Body,
    "A two- or four-letter language code that overrides the person's language.",
);

const SEND_TO_UNSUBSCRIBED: ParamSpec = param(
    "send_to_unsubscribed",
    ParamKind::Bool,
    ParamLocation::Body,
    "false skips unsubscribed people; overrides the template's setting.",
);

const DISABLE_MESSAGE_RETENTION: ParamSpec = param(
    "disable_message_retention",
    ParamKind::Bool,
    ParamLocation::Body,
    "true keeps the message body out of the delivery history.",
);

const QUEUE_DRAFT: ParamSpec = param(
    "queue_draft",
    ParamKind::Bool,
    ParamLocation::Body,
    "true holds the message as a draft in Customer.io instead of sending it.",
);

const AUTO_CREATE: ParamSpec = param(
    "auto_create",
    ParamKind::Bool,
    ParamLocation::Body,
    "true creates an empty template named by a string transactional_message_id that matches none (numeric ids ignore it).",
);

const TRACKED: ParamSpec = param(
    "tracked",
    ParamKind::Bool,
    ParamLocation::Body,
    "true tracks opens and link clicks.",
);

const fn text_param(name: &'static str, max_chars: usize, description: &'static str) -> ParamSpec {
    param(
        name,
        ParamKind::Text { max_chars },
        ParamLocation::Body,
        description,
    )
}

/// `POST /v1/send/email`.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub const SEND_EMAIL: OperationSpec = OperationSpec {
    name: "sendEmail",
    tool: None,
    method: Method::Post,
    path: "/v1/send/email",
    summary: text("Send one transactional email: a template (transactional_message_id) or your own body, subject and from, to at most 15 recipients. Not idempotent: never resent after an unclear answer."),
    params: &[
        required(text_param("to", MAX_TEXT, "Recipients separated by commas, display names allowed (\"Road Runner\" <road@runner.net>); at most 15 across to, cc and bcc.")),
        IDENTIFIERS,
        TEMPLATE_ID,
        MESSAGE_DATA,
        text_param("from", 998, "The sender, a verified address; overrides the template's. Required without a template."),
        text_param("subject", MAX_TEXT, "The subject; overrides the template's. Required without a template."),
        text_param("body", MAX_TEXT, "The HTML body; overrides the template's. Required without a template."),
        text_param("body_plain", MAX_TEXT, "The plain-text body; overrides the template's."),
        text_param("body_amp", MAX_TEXT, "AMP content for clients that support it (body is the fallback)."),
        text_param("preheader", MAX_TEXT, "The preview text shown after the subject in an inbox."),
        text_param("reply_to", 998, "The reply-to address, if not the from address."),
        text_param("cc", MAX_TEXT, "Carbon-copy recipients separated by commas (count toward the 15)."),
        text_param("bcc", MAX_TEXT, "Blind-copy recipients separated by commas (count toward the 15)."),
        param("fake_bcc", ParamKind::Bool, ParamLocation::Body, "true sends BCC addresses a copy whose subject names the recipients, not a true BCC."),
        param("headers", ParamKind::EmailHeaders, ParamLocation::Body, "Extra headers as an object, { \"X-Name\": \"value\" }: ASCII names without spaces; sent as the JSON string the API wants."),
        param("attachments", ParamKind::Attachments { max_bytes: MAX_ATTACHMENTS_BYTES }, ParamLocation::Body, "{ \"name.ext\": \"<base64>\" }: filenames with an extension, standard base64, less than 2 MB decoded in total."),
        SEND_AT,
        SEND_TO_UNSUBSCRIBED,
        TRACKED,
        QUEUE_DRAFT,
        DISABLE_MESSAGE_RETENTION,
        param("disable_css_preprocessing", ParamKind::Bool, ParamLocation::Body, "true turns off CSS preprocessing for this email."),
        LANGUAGE,
        AUTO_CREATE,
    ],
};

/// `POST /v1/send/push`.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendPush/>
pub const SEND_PUSH: OperationSpec = OperationSpec {
    name: "sendPush",
    tool: None,
    method: Method::Post,
    path: "/v1/send/push",
    summary: text("Send one transactional push from a template to a person's devices. Not idempotent: never resent after an unclear answer."),
    params: &[
        IDENTIFIERS,
        required(TEMPLATE_ID),
        MESSAGE_DATA,
        text_param("to", 4096, "Which devices: all (the default), last_used, or one device token of the person."),
        text_param("title", MAX_TEXT, "The title; overrides the template's."),
        text_param("message", MAX_TEXT, "The body; overrides the template's."),
        text_param("image_url", 8192, "An image URL; overrides the template's."),
        text_param("link", 8192, "A deep link opened on tap; overrides the template's."),
        param("sound", ParamKind::Enum(PUSH_SOUNDS), ParamLocation::Body, "iOS only: default or none."),
        param("custom_data", ParamKind::Object { max_bytes: MAX_SEND_PAYLOAD_BYTES }, ParamLocation::Body, "Key/value pairs added to the push payload (Firebase takes string values only)."),
        param("custom_payload", ParamKind::Object { max_bytes: MAX_SEND_PAYLOAD_BYTES }, ParamLocation::Body, "A full payload per platform, { ios, android }, overriding every other value."),
        param("custom_device", ParamKind::Object { max_bytes: MAX_SEND_PAYLOAD_BYTES }, ParamLocation::Body, "A device to add or update on the person at send time: { token, platform: ios | android, last_used?, attributes? }."),
        SEND_AT,
        SEND_TO_UNSUBSCRIBED,
        QUEUE_DRAFT,
        DISABLE_MESSAGE_RETENTION,
        LANGUAGE,
        AUTO_CREATE,
    ],
};

/// `POST /v1/send/sms`.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendSMS/>
pub const SEND_SMS: OperationSpec = OperationSpec {
    name: "sendSMS",
    tool: None,
    method: Method::Post,
    path: "/v1/send/sms",
    summary: text("Send one transactional SMS from a template to a phone number. Not idempotent: never resent after an unclear answer."),
    params: &[
        IDENTIFIERS,
        required(TEMPLATE_ID),
        required(text_param("to", 4096, "The phone number in E.164 form (+15551234567), or Liquid.")),
        MESSAGE_DATA,
        text_param("from", 4096, "The sender phone number or id (verified in Twilio); overrides the template's."),
        SEND_AT,
        SEND_TO_UNSUBSCRIBED,
        TRACKED,
        QUEUE_DRAFT,
        DISABLE_MESSAGE_RETENTION,
        LANGUAGE,
        AUTO_CREATE,
    ],
};

/// `POST /v1/send/in_app`.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendInApp/>
pub const SEND_IN_APP: OperationSpec = OperationSpec {
    name: "sendInApp",
    tool: None,
    method: Method::Post,
    path: "/v1/send/in_app",
    summary: text("Send one transactional in-app message from a template (the SDK renders it). Not idempotent: never resent after an unclear answer."),
    params: &[
        IDENTIFIERS,
        required(TEMPLATE_ID),
        MESSAGE_DATA,
        SEND_AT,
        QUEUE_DRAFT,
        LANGUAGE,
        AUTO_CREATE,
    ],
};

/// `POST /v1/send/inbox_message` (web inbox, with the in-app plugin).
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendinboxmessage/>
pub const SEND_INBOX_MESSAGE: OperationSpec = OperationSpec {
    name: "sendInboxMessage",
    tool: None,
    method: Method::Post,
    path: "/v1/send/inbox_message",
    summary: text("Send one transactional inbox message from a template (a JSON payload the web SDK's inbox shows). Not idempotent: never resent after an unclear answer."),
    params: &[
        IDENTIFIERS,
        required(TEMPLATE_ID),
        MESSAGE_DATA,
        text_param("to", 4096, "An override of the recipient; normally left out (the person in identifiers)."),
        SEND_AT,
        QUEUE_DRAFT,
        LANGUAGE,
        AUTO_CREATE,
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
    &GET_SEGMENT_COUNT,
    &GET_SEGMENT_MEMBERSHIP,
    &GET_SEGMENT_DEPENDENCIES,
    &LIST_BROADCAST_ACTIONS,
    &GET_BROADCAST_ACTION,
    &GET_BROADCAST_ACTION_METRICS,
    &GET_BROADCAST_ACTION_LINK_METRICS,
    &GET_BROADCAST_LINK_METRICS,
    &GET_BROADCAST_MESSAGES,
    &GET_NEWSLETTER,
    &GET_NEWSLETTER_METRICS,
    &GET_NEWSLETTER_LINK_METRICS,
    &GET_NEWSLETTER_MESSAGES,
    &GET_MESSAGE,
    &GET_TRANSACTIONAL_MESSAGE,
    &GET_TRANSACTIONAL_METRICS,
    &GET_TRANSACTIONAL_DELIVERIES,
    &SEND_EMAIL,
    &SEND_PUSH,
    &SEND_SMS,
    &SEND_IN_APP,
    &SEND_INBOX_MESSAGE,
];

/// The operation whose JS method name is `name`.
pub fn operation(name: &str) -> Option<&'static OperationSpec> {
    OPERATIONS.iter().copied().find(|op| op.name == name)
}
