//! The agent tools (`CUSTOMERIO_*`): the seed's eight slugs and our additions, each one an
//! operation of the table in [`crate::spec`] with the JSON Schema 2020-12 of its arguments
//! generated from that table, so a schema an agent reads and the validation the client runs come
//! from the same names, kinds, ranges, enums and descriptions. The descriptions carry the seed's
//! pitfalls (one audience, Unix seconds, 1 trigger per 10 s, cursors from `next`).
//!
//! The output schemas are generated from the answer shapes ([`crate::wire::shape`]) and also
//! admit the error result every tool can return, because MCP clients check `structuredContent`
//! against `outputSchema` even when `isError` is set.
//!
//! What a schema cannot say (e.g. `data` at most 50 000 bytes of JSON, `start_ts <= end_ts`, a
//! filter at most 16 levels deep) stays in the descriptions and in the client's validation; see
//! [`NOT_IN_SCHEMA`].

use crate::prelude::*;

use crate::ops::AnyOperation;
use crate::params::filter::MAX_FILTER_DEPTH;
use crate::params::MAX_SAFE_INTEGER;
use crate::spec::{self, OperationSpec, ParamKind, ParamLocation, ParamSpec, AUDIENCE_PARAMS};
use crate::wire::shape::{Field, Kind};
use serde_json::{json, Map, Value};

/// How a tool is carried out by `callTool`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runner {
    /// One call of the operation with the tool's arguments, its answer returned as is.
    Operation,
    /// `getSegments`, then the segments whose name contains the query (nearest names otherwise).
    FindSegments,
    /// A metrics read (a broadcast's, an action's, a newsletter's, a transactional message's),
    /// then each funnel metric's total over the steps, with rates: one funnel for every kind of
    /// send.
    Funnel,
    /// A link metrics read, then each link's clicks summed over the steps, most clicked first.
    TopLinks,
}

impl Runner {
    /// The name the JS layer dispatches on.
    pub fn as_str(self) -> &'static str {
        match self {
            Runner::Operation => "operation",
            Runner::FindSegments => "find_segments",
            Runner::Funnel => "funnel",
            Runner::TopLinks => "top_links",
        }
    }
}

/// One agent tool.
#[derive(Debug, Clone, Copy)]
pub struct ToolSpec {
    /// The slug, e.g. `CUSTOMERIO_GET_MESSAGES`.
    pub name: &'static str,
    pub title: &'static str,
    /// The operation the tool calls.
    pub operation: &'static OperationSpec,
    pub runner: Runner,
    /// The tool's own arguments when they are not the operation's.
    pub params: Option<&'static [ParamSpec]>,
    /// What it does, when the operation's summary does not say it for an agent.
    pub summary: Option<&'static str>,
    /// The pitfalls an agent must know, appended to the description.
    pub pitfalls: &'static str,
    /// Whether the seed has this tool (otherwise the description says it is an addition).
    pub seed: bool,
}

impl ToolSpec {
    /// The arguments the tool takes.
    pub fn params(&self) -> &'static [ParamSpec] {
        self.params.unwrap_or(self.operation.params)
    }

    /// Whether calling the tool changes anything (the trigger and the sends do).
    pub fn writes(&self) -> bool {
        self.operation.method != crate::wire::http::Method::Get
    }
}

const ADDITION: &str = "An addition of customerio-wasm, not one of the seed's tools.";
const CURSOR_PITFALL: &str = "Pages are cursor-based: pass the previous answer's `next` as `start`; no `next` (or null) means the last page.";

/// The argument of `CUSTOMERIO_FIND_SEGMENTS`.
const FIND_SEGMENTS_PARAMS: &[ParamSpec] = &[ParamSpec {
    name: "name",
    kind: ParamKind::Text { max_chars: 200 },
    required: true,
    location: ParamLocation::ClientOnly,
    description: "A segment's name or part of one, any case (e.g. \"vip\").",
}];

/// Every tool, the seed's eight first, in the seed's order.
pub const TOOLS: &[ToolSpec] = &[
    ToolSpec {
        name: "CUSTOMERIO_TRIGGER_BROADCAST",
        title: "Trigger a broadcast",
        operation: &spec::TRIGGER_BROADCAST,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Give exactly ONE audience: ids, emails, recipients, per_user_data, data_file_url, or default_audience: true for the audience configured on the broadcast; two audiences, or none, are refused and nothing is sent. To target a segment, find its id with CUSTOMERIO_FIND_SEGMENTS or CUSTOMERIO_GET_SEGMENTS, then pass recipients: {segment: {id}}. Customer.io accepts 1 trigger per 10 seconds per broadcast. A trigger messages people and cannot be undone: the client may ask the user to confirm; a failure that leaves the outcome unknown (unknown_outcome) must not be retried blindly, check CUSTOMERIO_GET_TRIGGERS first. Returns the trigger id ({id}) for CUSTOMERIO_GET_TRIGGER.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_MESSAGES",
        title: "Get messages and their delivery metrics",
        operation: &spec::GET_MESSAGES,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "start_ts and end_ts are Unix timestamps in seconds (an integer such as 1700000000), not ISO strings and not milliseconds; start_ts must not be after end_ts. Pages are cursor-based: pass the previous answer's `next` as `start`; no `next` (or null) means the last page.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_SEGMENTS",
        title: "List segments",
        operation: &spec::GET_SEGMENTS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "To target a segment in CUSTOMERIO_TRIGGER_BROADCAST, use its id as recipients.segment.id (CUSTOMERIO_FIND_SEGMENTS finds one by name).",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_SEGMENT_DETAILS",
        title: "Get a segment",
        operation: &spec::GET_SEGMENT_DETAILS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "segment_id is the integer id from CUSTOMERIO_GET_SEGMENTS or CUSTOMERIO_FIND_SEGMENTS, not the segment's name.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_LIST_NEWSLETTERS",
        title: "List newsletters",
        operation: &spec::LIST_NEWSLETTERS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: CURSOR_PITFALL,
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES",
        title: "List transactional message templates",
        operation: &spec::LIST_TRANSACTIONAL_MESSAGES,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Takes no arguments.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_TRIGGERS",
        title: "List a broadcast's triggers",
        operation: &spec::GET_TRIGGERS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "After an unknown_outcome from CUSTOMERIO_TRIGGER_BROADCAST, look here before triggering again.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_TRIGGER",
        title: "Get one trigger of a broadcast",
        operation: &spec::GET_TRIGGER,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "trigger_id is the id CUSTOMERIO_TRIGGER_BROADCAST returned or one listed by CUSTOMERIO_GET_TRIGGERS.",
        seed: true,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_TRIGGER_ERRORS",
        title: "Get a trigger's audience errors",
        operation: &spec::GET_TRIGGER_ERRORS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Pages by an integer offset: pass the previous answer's `next` as `start`.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_FIND_SEGMENTS",
        title: "Find segments by name",
        operation: &spec::GET_SEGMENTS,
        runner: Runner::FindSegments,
        params: Some(FIND_SEGMENTS_PARAMS),
        summary: Some("Segments whose name contains the given text (any case), with their ids for recipients.segment.id; when none matches, the nearest names instead. One call of CUSTOMERIO_GET_SEGMENTS, filtered."),
        pitfalls: "Use the id of the segment you mean; when several match, ask which one.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_LIST_BROADCASTS",
        title: "List API-triggered broadcasts",
        operation: &spec::LIST_BROADCASTS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "This is where an agent finds a broadcast_id (the seed sends the user to the UI for it): use it in CUSTOMERIO_TRIGGER_BROADCAST, CUSTOMERIO_GET_TRIGGERS and CUSTOMERIO_BROADCAST_FUNNEL.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_BROADCAST_FUNNEL",
        title: "A broadcast's funnel",
        operation: &spec::GET_BROADCAST_METRICS,
        runner: Runner::Funnel,
        params: None,
        summary: Some("A broadcast's delivery funnel over a period: the count of each metric from attempted to sent, delivered, opened, clicked and converted, each with its rate of attempted and of the step before, plus the other outcomes (bounced, failed, ...). One call of the broadcast's metrics, summed over the steps."),
        pitfalls: "steps counts periods back from now (at most 24 hours, 45 days, 12 weeks or 121 months; 0 means the maximum). Rates are null when the step before counted nothing.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_SEGMENT_SIZE",
        title: "How many people a segment holds",
        operation: &spec::GET_SEGMENT_COUNT,
        runner: Runner::Operation,
        params: None,
        summary: Some("How many people a segment holds now ({ segment_id, count }): the audience size of a broadcast sent to recipients: {segment: {id}}. One read, nothing is sent."),
        pitfalls: "segment_id is the integer id from CUSTOMERIO_FIND_SEGMENTS or CUSTOMERIO_GET_SEGMENTS. Ask this before triggering a broadcast to a segment, and tell the user the number.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_SEGMENT_MEMBERS",
        title: "Who is in a segment",
        operation: &spec::GET_SEGMENT_MEMBERSHIP,
        runner: Runner::Operation,
        params: None,
        summary: Some("One page of a segment's members: each one's identifiers (id, email, cio_id) and ids."),
        pitfalls: "Pages are cursor-based: pass the previous answer's `next` as `start`; no `next` (or null) means the last page. limit is 1 to 30 000. For the number alone use CUSTOMERIO_GET_SEGMENT_SIZE.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_NEWSLETTER_FUNNEL",
        title: "A newsletter's funnel",
        operation: &spec::GET_NEWSLETTER_METRICS,
        runner: Runner::Funnel,
        params: None,
        summary: Some("A newsletter's (one-time send's) delivery funnel over a period: attempted, sent, delivered, opened, clicked and converted with their rates, plus the other outcomes. One call of the newsletter's metrics, summed over the steps."),
        pitfalls: "newsletter_id comes from CUSTOMERIO_LIST_NEWSLETTERS. steps counts periods back from now (at most 24 hours, 45 days, 12 weeks or 121 months; 0 means the maximum). Rates are null when the step before counted nothing.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_BROADCAST_ACTION_FUNNEL",
        title: "One broadcast message's funnel",
        operation: &spec::GET_BROADCAST_ACTION_METRICS,
        runner: Runner::Funnel,
        params: None,
        summary: Some("The delivery funnel of one action (message) of a broadcast: attempted to converted with rates. A broadcast's actions add up to its CUSTOMERIO_BROADCAST_FUNNEL."),
        pitfalls: "action_id is one of the broadcast's actions (CUSTOMERIO_LIST_BROADCASTS lists them with their ids). steps counts periods back from now (at most 24 hours, 45 days, 12 weeks or 121 months).",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_TRANSACTIONAL_FUNNEL",
        title: "A transactional message's funnel",
        operation: &spec::GET_TRANSACTIONAL_METRICS,
        runner: Runner::Funnel,
        params: None,
        summary: Some("A transactional message's delivery funnel over a period: attempted to converted with rates, plus the other outcomes."),
        pitfalls: "transactional_id comes from CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES. steps counts periods back from now (at most 24 hours, 45 days, 12 weeks or 121 months).",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_BROADCAST_LINKS",
        title: "A broadcast's most clicked links",
        operation: &spec::GET_BROADCAST_LINK_METRICS,
        runner: Runner::TopLinks,
        params: None,
        summary: Some("The links of a broadcast's messages with their clicks over a period, most clicked first: { broadcast_id, period, steps, unique, links: [{ id, href, clicks }] }."),
        pitfalls: "unique: true counts each person once per link; otherwise every click counts. steps counts periods back from now (at most 24 hours, 45 days, 12 weeks or 121 months).",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_GET_MESSAGE",
        title: "Get one delivery",
        operation: &spec::GET_MESSAGE,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "message_id is the string `id` of a delivery from CUSTOMERIO_GET_MESSAGES (e.g. \"ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=\"), not a template, action or campaign number.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_SEND_EMAIL",
        title: "Send a transactional email",
        operation: &spec::SEND_EMAIL,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Sends a real email to one person and cannot be undone: the client may ask the user to confirm. identifiers names the person with exactly ONE of id, email or cio_id. Give transactional_message_id (a template id or Trigger Name from CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES), or all of body, subject and from; at most 15 recipients across to, cc and bcc. send_at is Unix seconds, at most 90 days ahead. A failure that leaves the outcome unknown (unknown_outcome) must not be retried: the email may have gone out.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_SEND_PUSH",
        title: "Send a transactional push",
        operation: &spec::SEND_PUSH,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Sends a real push notification and cannot be undone: the client may ask the user to confirm. identifiers names the person with exactly ONE of id, email or cio_id; transactional_message_id is a push template's id or Trigger Name (CUSTOMERIO_LIST_TRANSACTIONAL_MESSAGES). send_at is Unix seconds, at most 90 days ahead. Never retry after unknown_outcome.",
        seed: false,
    },
    ToolSpec {
        name: "CUSTOMERIO_SEND_SMS",
        title: "Send a transactional SMS",
        operation: &spec::SEND_SMS,
        runner: Runner::Operation,
        params: None,
        summary: None,
        pitfalls: "Sends a real SMS and cannot be undone: the client may ask the user to confirm. identifiers names the person with exactly ONE of id, email or cio_id; transactional_message_id is an SMS template's id or Trigger Name; to is an E.164 phone number (+15551234567). send_at is Unix seconds, at most 90 days ahead. Never retry after unknown_outcome.",
        seed: false,
    },
];

/// The funnel's metrics, in order, by name (each one of [`spec::MESSAGE_METRICS`]: `tests/tools.rs`
/// checks it). The package's `customerio-wasm/funnel` reads this list from the export.
pub const FUNNEL_METRICS: &[&str] = &[
    "attempted",
    "sent",
    "delivered",
    "opened",
    "clicked",
    "converted",
];

/// The trigger flags (`id_ignore_missing`, …) that `audience` accepts set to `true`: asked of the
/// validation itself, so the export, the tool schemas and the forms cannot drift from the rule.
pub fn flags_of_audience(audience: &'static str) -> Vec<&'static str> {
    spec::TRIGGER_BROADCAST
        .params
        .iter()
        .filter(|p| p.kind == spec::ParamKind::Bool)
        .map(|p| p.name)
        .filter(|flag| !audiences_accepting(&[audience], flag, true).is_empty())
        .collect()
}

/// The tool called `name`.
pub fn tool(name: &str) -> Option<&'static ToolSpec> {
    TOOLS.iter().find(|t| t.name == name)
}

/// Rules of the client's validation that the generated schemas do not express (JSON Schema has
/// no keyword for them); they stay in the descriptions, and the client refuses them.
pub const NOT_IN_SCHEMA: &[&str] = &[
    "data (and per_user_data[].data): at most 50 000 bytes once serialized as JSON",
    "start_ts <= end_ts (a relation between two arguments)",
    "recipients: at most 16 levels of nesting",
    "the messages window: at most 6 months (the API's rule, not checked by the client either)",
    "steps of every metrics read (getBroadcastMetrics and the funnels, link metrics): its maximum depends on period (24 hours, 45 days, 12 weeks, 121 months); the schema states the largest (121)",
    "getBroadcastMetrics steps: its maximum depends on period (24 hours, 45 days, 12 weeks, 121 months); the schema states the largest (121)",
    "sendEmail: at most 15 recipients across to, cc and bcc (comma-separated strings)",
    "sendEmail: transactional_message_id, or all of body, subject and from (a relation between arguments)",
    "sendEmail attachments: less than 2 MB decoded in total",
    "sends: send_at not in the past and at most 90 days ahead (depends on the clock)",
    "sends: the body at most 1 MB of JSON, attachments aside",
    "sendPush custom_device: token and platform (ios or android) required",
];

/// The full description an agent reads: what the tool does, its pitfalls, and whether it is ours.
pub fn description(tool: &ToolSpec) -> String {
    let summary = tool.summary.unwrap_or(tool.operation.summary);
    let mut text = format!("{summary} {}", tool.pitfalls);
    if !tool.seed {
        text.push(' ');
        text.push_str(ADDITION);
    }
    text
}

/// The MCP annotations: reads are read-only; the trigger is destructive (it messages people and
/// cannot be undone), not idempotent, and reaches the open world.
pub fn annotations(tool: &ToolSpec) -> Value {
    if tool.writes() {
        json!({
            "title": tool.title,
            "readOnlyHint": false,
            "destructiveHint": true,
            "idempotentHint": false,
            "openWorldHint": true,
        })
    } else {
        json!({ "title": tool.title, "readOnlyHint": true, "openWorldHint": true })
    }
}

fn email_pattern() -> &'static str {
    r"^[^@\s]+@[^@\s]+$"
}

/// The schema of one argument, from its kind, with its description.
pub fn param_schema(param: &ParamSpec) -> Value {
    let mut schema = match param.kind {
        ParamKind::Id => json!({ "type": "integer", "minimum": 1, "maximum": MAX_SAFE_INTEGER }),
        ParamKind::TriggerId => json!({ "anyOf": [
            { "type": "integer", "minimum": 1, "maximum": MAX_SAFE_INTEGER },
            { "type": "string", "pattern": "^(?=.*[1-9])[0-9]+(-[0-9]+)*$" },
        ] }),
        ParamKind::Limit { min, max } if max == u32::MAX => {
            json!({ "type": "integer", "minimum": min })
        }
        ParamKind::Limit { min, max } => {
            json!({ "type": "integer", "minimum": min, "maximum": max })
        }
        ParamKind::Timestamp => json!({
            "type": "integer", "minimum": 0, "maximum": crate::params::timestamp::LARGEST_SECONDS,
        }),
        // "" means the first page, as a missing cursor does.
        ParamKind::Cursor => json!({ "type": ["string", "integer"], "minimum": 0 }),
        ParamKind::Bool => json!({ "type": "boolean" }),
        ParamKind::Enum(values) => json!({ "type": "string", "enum": values }),
        ParamKind::StringList { max } => {
            let item = if param.name == "emails" {
                json!({ "type": "string", "pattern": email_pattern() })
            } else {
                json!({ "type": "string", "pattern": r"\S" })
            };
            json!({ "type": "array", "minItems": 1, "maxItems": max, "items": item })
        }
        ParamKind::Filter => json!({ "$ref": "#/$defs/filter" }),
        ParamKind::PerUserData { max } => json!({
            "type": "array", "minItems": 1, "maxItems": max,
            "items": {
                "type": "object",
                "properties": {
                    "id": { "type": ["string", "integer"], "pattern": r"\S" },
                    "email": { "type": "string", "pattern": email_pattern() },
                    "data": { "type": "object" },
                },
                "additionalProperties": false,
                "oneOf": [{ "required": ["id"] }, { "required": ["email"] }],
            },
        }),
        ParamKind::Url => json!({ "type": "string", "pattern": r"^https?://[^/\s]\S*$" }),
        ParamKind::Object { .. } => json!({ "type": "object" }),
        ParamKind::True => json!({ "const": true }),
        ParamKind::Text { max_chars } => {
            json!({ "type": "string", "minLength": 1, "maxLength": max_chars, "pattern": r"\S" })
        }
        ParamKind::MessageId => json!({
            "type": "string", "minLength": 1,
            "maxLength": crate::params::MAX_MESSAGE_ID_CHARS, "pattern": r"^[^\s\x00-\x1f\x7f]+$",
        }),
        ParamKind::Identifiers => {
            let one = |key: &str, value: Value| json!({ "type": "object", "properties": { key: value }, "required": [key], "additionalProperties": false });
            json!({ "oneOf": [
                one("id", json!({ "type": ["string", "integer"], "pattern": r"\S" })),
                one("email", json!({ "type": "string", "pattern": email_pattern() })),
                one("cio_id", json!({ "type": "string", "pattern": r"\S" })),
            ] })
        }
        ParamKind::TemplateId => json!({ "anyOf": [
            { "type": "integer", "minimum": 1, "maximum": MAX_SAFE_INTEGER },
            { "type": "string", "minLength": 1, "maxLength": 255, "pattern": r"\S" },
        ] }),
        ParamKind::Attachments { .. } => json!({
            "type": "object", "minProperties": 1,
            "propertyNames": { "pattern": r"^[^/\\]*[^/\\\s.][^/\\]*\.[^./\\]+$" },
            "additionalProperties": {
                "type": "string", "minLength": 4,
                "pattern": "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
            },
        }),
        ParamKind::EmailHeaders => json!({
            "type": "object", "minProperties": 1,
            "propertyNames": { "pattern": "^[!-9;-~]+$" },
            "additionalProperties": { "type": "string", "pattern": "^[\\x20-\\x7e]*$" },
        }),
    };
    let description = match param.kind {
        ParamKind::Timestamp => format!(
            "{} An integer of Unix seconds (e.g. 1700000000): not an ISO string, not milliseconds.",
            param.description
        ),
        _ => param.description.to_owned(),
    };
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), json!(description));
    }
    schema
}

/// The recursive `recipients` filter: a node is exactly one of and/or/not/segment/attribute.
fn filter_schema() -> Value {
    let one_key = |key: &str, value: Value| {
        json!({
            "type": "object",
            "properties": { key: value },
            "required": [key],
            "additionalProperties": false,
        })
    };
    let group = json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/filter" } });
    json!({
        "description": format!("A filter node: exactly one of and, or, not, segment, attribute (at most {MAX_FILTER_DEPTH} levels deep)."),
        "oneOf": [
            one_key("and", group.clone()),
            one_key("or", group),
            one_key("not", json!({ "$ref": "#/$defs/filter" })),
            one_key("segment", json!({
                "type": "object",
                "properties": { "id": { "type": "integer", "minimum": 1, "maximum": MAX_SAFE_INTEGER, "description": "The segment's id (CUSTOMERIO_FIND_SEGMENTS or CUSTOMERIO_GET_SEGMENTS)." } },
                "required": ["id"],
                "additionalProperties": false,
            })),
            one_key("attribute", json!({
                "type": "object",
                "properties": {
                    "field": { "type": "string", "pattern": r"\S" },
                    "operator": { "enum": ["eq", "exists"] },
                    "value": { "type": ["string", "number", "boolean"] },
                },
                "required": ["field", "operator"],
                "additionalProperties": false,
                "if": { "properties": { "operator": { "const": "eq" } } },
                "then": { "required": ["value"] },
                "else": { "properties": { "value": { "type": "null" } } },
            })),
        ],
    })
}

/// A valid value of each audience parameter, to ask the client's own validation which flag
/// values each audience takes.
fn sample_audience(name: &str) -> Value {
    match name {
        "ids" => json!(["u1"]),
        "emails" => json!(["ada@example.com"]),
        "recipients" => json!({ "segment": { "id": 1 } }),
        "per_user_data" => json!([{ "id": "u1" }]),
        "data_file_url" => json!("https://example.com/people.jsonl"),
        _ => json!(true),
    }
}

/// The audiences with which the client accepts `flag` set to `value`: asked of the validation
/// itself ([`AnyOperation::from_name`]), so the schema cannot drift from the rule.
fn audiences_accepting(audiences: &[&'static str], flag: &str, value: bool) -> Vec<&'static str> {
    audiences
        .iter()
        .copied()
        .filter(|audience| {
            let mut args = Map::new();
            args.insert("broadcast_id".into(), json!(1));
            args.insert((*audience).to_owned(), sample_audience(audience));
            args.insert(flag.to_owned(), json!(value));
            AnyOperation::from_name(spec::TRIGGER_BROADCAST.name, Value::Object(args)).is_ok()
        })
        .collect()
}

/// The rule of a flag: with each value, one of the audiences that take it.
fn flag_rule(audiences: &[&'static str], flag: &str) -> Value {
    let branch = |value: bool| {
        let with = audiences_accepting(audiences, flag, value);
        let mut branch = json!({ "properties": { flag: { "const": value } } });
        if let (true, Value::Object(map)) = (with.len() < audiences.len(), &mut branch) {
            let any: Vec<Value> = with.iter().map(|a| json!({ "required": [a] })).collect();
            // No audience takes this value: `not: {}` refuses it (anyOf must not be empty).
            let rule = if any.is_empty() {
                json!({ "not": {} })
            } else {
                json!({ "anyOf": any })
            };
            map.insert("allOf".into(), json!([rule]));
        }
        branch
    };
    json!({ "anyOf": [branch(true), branch(false)] })
}

/// The JSON Schema 2020-12 of a tool's arguments.
pub fn input_schema(tool: &ToolSpec) -> Value {
    let params = tool.params();
    let properties: Map<String, Value> = params
        .iter()
        .map(|p| (p.name.to_owned(), param_schema(p)))
        .collect();
    let required: Vec<&str> = params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name)
        .collect();
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    let audiences: Vec<&str> = AUDIENCE_PARAMS
        .iter()
        .copied()
        .filter(|a| params.iter().any(|p| p.name == *a))
        .collect();
    if let (false, Value::Object(map)) = (audiences.is_empty(), &mut schema) {
        map.insert("$defs".into(), json!({ "filter": filter_schema() }));
        // Exactly one audience: each branch requires one and the others are absent, so two
        // audiences match two branches and none matches none.
        let one_of: Vec<Value> = audiences
            .iter()
            .map(|a| json!({ "required": [a] }))
            .collect();
        map.insert("oneOf".into(), Value::Array(one_of));
        let flags: Map<String, Value> = params
            .iter()
            .filter(|p| p.kind == ParamKind::Bool)
            .map(|p| (p.name.to_owned(), flag_rule(&audiences, p.name)))
            .collect();
        map.insert("dependentSchemas".into(), Value::Object(flags));
    }
    schema
}

/// A shape kind as JSON Schema (draft-07 compatible keywords only: MCP clients compile output
/// schemas with their default validator).
fn kind_schema(kind: Kind) -> Value {
    match kind {
        Kind::Integer => json!({ "type": "integer" }),
        Kind::String => json!({ "type": "string" }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Any => json!({}),
        Kind::StringOrInteger => json!({ "type": ["string", "integer"] }),
        // A numeric cursor reaches the caller as its string (see `Kind::Cursor`).
        Kind::Cursor => json!({ "type": "string" }),
        Kind::NumberMap => {
            json!({ "type": "object", "additionalProperties": { "type": "number" } })
        }
        Kind::SeriesMap => json!({
            "type": "object",
            "additionalProperties": { "type": "array", "items": { "type": "integer" } },
        }),
        Kind::Object(fields) => object_schema(fields),
        Kind::Array(item) => json!({ "type": "array", "items": kind_schema(*item) }),
    }
}

fn field_schema(field: &Field) -> Value {
    let schema = kind_schema(field.kind);
    if field.nullable && field.kind != Kind::Any {
        json!({ "anyOf": [schema, { "type": "null" }] })
    } else {
        schema
    }
}

/// An object of these fields; other fields are allowed (the API adds fields over time).
fn object_schema(fields: &[Field]) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.name.to_owned(), field_schema(f)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    json!({ "type": "object", "properties": properties, "required": required })
}

/// The `structuredContent` of an error result: the client's `CustomerIoError`, or an unknown
/// tool name (with the nearest one).
pub fn error_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "code": { "type": "string" },
            "message": { "type": "string" },
            "field": { "type": "string" },
            "status": { "type": "integer" },
            "retryAfterMs": { "type": "integer" },
            "nearest": { "type": "string" },
        },
        "required": ["code", "message"],
    })
}

/// The `structuredContent` of a trigger the user did not confirm: nothing was sent.
pub fn not_sent_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "sent": { "const": false },
            "action": { "enum": ["decline", "cancel"] },
            "message": { "type": "string" },
        },
        "required": ["sent", "action", "message"],
    })
}

fn find_segments_schema() -> Value {
    let segment = AnyOperation::shape_of(spec::GET_SEGMENTS.name)
        .and_then(|fields| fields.iter().find(|f| f.name == "segments"))
        .map_or(json!({ "type": "object" }), |f| match f.kind {
            Kind::Array(item) => kind_schema(*item),
            other => kind_schema(other),
        });
    json!({
        "type": "object",
        "properties": {
            "query": { "type": "string" },
            "matches": { "type": "array", "items": segment },
            "nearest": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "integer" }, "name": { "type": "string" } }, "required": ["id", "name"] } },
        },
        "required": ["query", "matches", "nearest"],
    })
}

/// The path ids of `tool`'s operation (`broadcast_id`, `newsletter_id`, …), which its
/// summaries repeat.
fn path_ids(tool: &ToolSpec) -> Vec<&'static str> {
    tool.operation
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| p.name)
        .collect()
}

/// The ids of a summary as integer properties, and the names of what it requires.
fn summary_object(tool: &ToolSpec, mut properties: Map<String, Value>, rest: &[&str]) -> Value {
    let ids = path_ids(tool);
    for id in &ids {
        properties.insert((*id).to_owned(), json!({ "type": "integer" }));
    }
    let required: Vec<&str> = ids.iter().chain(rest).copied().collect();
    json!({ "type": "object", "properties": properties, "required": required })
}

fn funnel_schema(tool: &ToolSpec) -> Value {
    let rate = json!({ "type": ["number", "null"] });
    let properties = json!({
            "period": { "type": "string" },
            "steps": { "type": "integer" },
            "funnel": { "type": "array", "items": {
                "type": "object",
                "properties": {
                    "metric": { "enum": FUNNEL_METRICS },
                    "count": { "type": "integer" },
                    "rate_of_attempted": rate,
                    "rate_of_previous": rate,
                },
                "required": ["metric", "count", "rate_of_attempted", "rate_of_previous"],
            } },
            "other": { "type": "object", "additionalProperties": { "type": "integer" } },
    });
    let Value::Object(properties) = properties else {
        return json!({ "type": "object" });
    };
    summary_object(tool, properties, &["period", "steps", "funnel", "other"])
}

fn top_links_schema(tool: &ToolSpec) -> Value {
    let properties = json!({
        "period": { "type": "string" },
        "steps": { "type": "integer" },
        "unique": { "type": "boolean" },
        "links": { "type": "array", "items": {
            "type": "object",
            "properties": {
                "id": { "type": ["integer", "null"] },
                "href": { "type": ["string", "null"] },
                "clicks": { "type": "integer" },
            },
            "required": ["id", "href", "clicks"],
        } },
    });
    let Value::Object(properties) = properties else {
        return json!({ "type": "object" });
    };
    summary_object(tool, properties, &["period", "steps", "unique", "links"])
}

/// The output schema of a tool: its answer, or an error result (and, for the trigger, a
/// confirmation the user declined). `None` when the answer has no known shape.
pub fn output_schema(tool: &ToolSpec) -> Option<Value> {
    let success = match tool.runner {
        Runner::Operation => object_schema(AnyOperation::shape_of(tool.operation.name)?),
        Runner::FindSegments => find_segments_schema(),
        Runner::Funnel => funnel_schema(tool),
        Runner::TopLinks => top_links_schema(tool),
    };
    let mut any_of = vec![success, error_schema()];
    if tool.writes() {
        any_of.push(not_sent_schema());
    }
    Some(json!({ "type": "object", "anyOf": any_of }))
}

/// The tool as MCP lists it: `{ name, title, description, inputSchema, outputSchema?, annotations }`.
pub fn definition(tool: &ToolSpec) -> Value {
    let mut def = json!({
        "name": tool.name,
        "title": tool.title,
        "description": description(tool),
        "inputSchema": input_schema(tool),
        "annotations": annotations(tool),
    });
    if let (Some(output), Value::Object(map)) = (output_schema(tool), &mut def) {
        map.insert("outputSchema".into(), output);
    }
    def
}
