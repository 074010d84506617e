//! The core's table as data for the JS layers: operations with their parameters (names, kinds,
//! ranges, enums, descriptions) and the shape of each answer. A native build step
//! (`src/bin/export-table.rs`) writes it into the npm package, so the JS answer check, the types,
//! agent tools and the playground read the same table the validation reads, and none of it is
//! carried as strings inside the wasm.

use crate::prelude::*;

use crate::ops::AnyOperation;
use crate::spec::{OperationSpec, ParamKind, ParamLocation, ParamSpec, OPERATIONS};
use crate::wire::shape::{Field, Kind};
use serde_json::{json, Value};

/// A parameter's kind as `{ type, ...bounds }`.
pub fn param_kind(kind: ParamKind) -> Value {
    match kind {
        ParamKind::Id => json!({ "type": "id" }),
        ParamKind::TriggerId => json!({ "type": "trigger_id" }),
        ParamKind::Limit { min, max } => json!({ "type": "limit", "min": min, "max": max }),
        ParamKind::Timestamp => json!({ "type": "timestamp" }),
        ParamKind::Cursor => json!({ "type": "cursor" }),
        ParamKind::Bool => json!({ "type": "bool" }),
        ParamKind::Enum(values) => json!({ "type": "enum", "values": values }),
        ParamKind::StringList { max } => json!({ "type": "string_list", "max": max }),
        ParamKind::Filter => json!({ "type": "filter" }),
        ParamKind::PerUserData { max } => json!({ "type": "per_user_data", "max": max }),
        ParamKind::Url => json!({ "type": "url" }),
        ParamKind::Object { max_bytes } => json!({ "type": "object", "max_bytes": max_bytes }),
        ParamKind::True => json!({ "type": "true" }),
        ParamKind::Text { max_chars } => json!({ "type": "text", "max_chars": max_chars }),
        ParamKind::MessageId => json!({
            "type": "message_id",
            "max_chars": crate::params::MAX_MESSAGE_ID_CHARS,
        }),
        ParamKind::Identifiers => json!({ "type": "identifiers" }),
        ParamKind::TemplateId => json!({ "type": "template_id" }),
        ParamKind::Attachments { max_bytes } => {
            json!({ "type": "attachments", "max_bytes": max_bytes })
        }
        ParamKind::EmailHeaders => json!({ "type": "email_headers" }),
    }
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Body => "body",
        ParamLocation::ClientOnly => "client",
    }
}

fn param(spec: &ParamSpec) -> Value {
    json!({
        "name": spec.name,
        "kind": param_kind(spec.kind),
        "required": spec.required,
        "location": location(spec.location),
        "description": spec.description,
    })
}

/// One operation with its parameters.
pub fn operation(spec: &OperationSpec) -> Value {
    json!({
        "name": spec.name,
        "tool": spec.tool,
        "method": spec.method.as_str(),
        "path": spec.path,
        "summary": spec.summary,
        "params": spec.params.iter().map(param).collect::<Vec<_>>(),
        "items": AnyOperation::items_field_of(spec.name),
    })
}

/// Every operation, in the table's order.
pub fn operations() -> Value {
    Value::Array(OPERATIONS.iter().map(|op| operation(op)).collect())
}

/// A shape kind: a JSON type name, `{ object: fields }`, `{ array: kind }` or `{ map: kind }`
/// (an object whose every value has that kind).
pub fn shape_kind(kind: Kind) -> Value {
    match kind {
        Kind::Integer => json!("integer"),
        Kind::String => json!("string"),
        Kind::Bool => json!("boolean"),
        Kind::Any => json!("any"),
        Kind::StringOrInteger => json!("string_or_integer"),
        Kind::Cursor => json!("cursor"),
        Kind::NumberMap => json!({ "map": "integer" }),
        Kind::SeriesMap => json!({ "map": { "array": "integer" } }),
        Kind::Object(fields) => json!({ "object": shape(fields) }),
        Kind::Array(item) => json!({ "array": shape_kind(*item) }),
    }
}

/// An object's fields as `[name, kind, required, nullable]` rows.
pub fn shape(fields: &[Field]) -> Value {
    Value::Array(
        fields
            .iter()
            .map(|f| json!([f.name, shape_kind(f.kind), f.required, f.nullable]))
            .collect(),
    )
}

/// Each operation's answer: `{ <method name>: { fields, items } }`.
pub fn answers() -> Value {
    let mut answers = serde_json::Map::new();
    for op in OPERATIONS {
        if let Some(fields) = AnyOperation::shape_of(op.name) {
            answers.insert(
                op.name.to_owned(),
                json!({ "fields": shape(fields), "items": AnyOperation::items_field_of(op.name) }),
            );
        }
    }
    Value::Object(answers)
}

/// The agent tools: `[{ definition, operation, runner, params }]`, where `definition` is what
/// MCP lists (name, title, description, inputSchema, outputSchema, annotations), `operation` the
/// client method it calls, `runner` how (see [`crate::tools::Runner`]) and `params` the tool's
/// own arguments in the table's form.
pub fn tools() -> Value {
    Value::Array(
        crate::tools::TOOLS
            .iter()
            .map(|t| {
                json!({
                    "definition": crate::tools::definition(t),
                    "operation": t.operation.name,
                    "runner": t.runner.as_str(),
                    "params": t.params().iter().map(param).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// The rules a form or a surface needs beside the operations, each found where the core keeps
/// it: the audiences of a trigger and the flags each takes (asked of the validation), the
/// funnel's metrics by name, the error codes that are found before anything is sent
/// ([`crate::Error::is_validation`]), the spacing defaults, the webhook schemes and the headers each
/// reads, and the client's option defaults. `customerio-wasm/table` exports it as `rules`.
pub fn rules() -> Value {
    let audiences: serde_json::Map<String, Value> = crate::spec::AUDIENCE_PARAMS
        .iter()
        .map(|audience| {
            let flags = crate::tools::flags_of_audience(audience);
            ((*audience).to_owned(), json!({ "flags": flags }))
        })
        .collect();
    let spacing = crate::policy::spacing::SpacingPolicy::default();
    let refused: Vec<&str> = crate::error::ErrorCode::ALL
        .iter()
        .filter(|code| crate::error::Error::new(**code, "").is_validation())
        .map(|code| code.as_str())
        .collect();
    let schemes: Vec<&str> = crate::webhook::Scheme::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let headers: serde_json::Map<String, Value> = crate::webhook::Scheme::ALL
        .iter()
        .map(|s| {
            let h = s.headers();
            let names = json!({ "signature": h.signature, "timestamp": h.timestamp, "id": h.id });
            (s.as_str().to_owned(), names)
        })
        .collect();
    json!({
        "audiences": audiences,
        "funnelMetrics": crate::tools::FUNNEL_METRICS,
        "refusedBeforeSending": refused,
        "spacing": { "intervalMs": spacing.interval_ms, "maxWaitMs": spacing.max_wait_ms },
        "webhookSchemes": schemes,
        "webhookHeaders": headers,
        "defaults": defaults(),
    })
}

/// The client's defaults where the caller sets none (the option names of `new CustomerIo` and
/// `verifyWebhook`): the hand-written option docs of the package's types are filled from these
/// by `scripts/public-types.mjs`, so no default is typed twice.
fn defaults() -> Value {
    let retry = crate::policy::retry::RetryPolicy::default();
    let spacing = crate::policy::spacing::SpacingPolicy::default();
    json!({
        "timeoutMs": crate::config::DEFAULT_TIMEOUT_MS,
        "retry": {
            "maxRetries": retry.max_retries,
            "baseDelayMs": retry.base_delay_ms,
            "maxDelayMs": retry.max_delay_ms,
            "maxElapsedMs": retry.max_elapsed_ms,
            "maxRetryAfterMs": retry.max_retry_after_ms,
        },
        "spacing": { "intervalMs": spacing.interval_ms, "maxWaitMs": spacing.max_wait_ms },
        "webhook": { "toleranceSeconds": crate::webhook::tolerance::DEFAULT_TOLERANCE_SECONDS },
    })
}

/// Every message template by name (`{ ID_POSITIVE: "{field} must be …, got {got}", … }`), with
/// its named placeholders: the table [`crate::messages`] fills. `customerio-wasm/table` exports
/// it as `messages`.
pub fn messages() -> Value {
    Value::Object(
        crate::messages::Msg::ALL
            .iter()
            .map(|m| (m.name().to_owned(), Value::from(m.template())))
            .collect(),
    )
}

/// An ES module exporting `name` as the JSON `value`, marked as generated.
pub fn es_module(what: &str, name: &str, value: &Value) -> String {
    format!("// Generated from the Rust core's table by src/bin/export-table.rs: {what}. Do not edit.\nexport const {name} = {value};\n")
}
