//! The parameter interfaces (`GetMessagesParams`, …) and enums (`MessageType`, …) from the
//! operations table: each parameter with its kind's TypeScript type (the kinds' vocabulary,
//! `Id`, `Timestamp`, `AudienceFilter`…, is declared in `src/js/types.rs`), `?` unless required,
//! and its description as the doc comment. The trigger's audiences are a union built from the
//! audience list and the flags each takes, asked of the validation
//! ([`crate::tools::flags_of_audience`]), so two audiences or a flag the audience refuses do not
//! compile.

use crate::prelude::*;

use super::{array_of, doc_comment, literal_union};
use crate::spec::{self, OperationSpec, ParamKind, ParamSpec, OPERATIONS};

/// The enums the types name, each the values of a table constant. A parameter whose values are
/// one of these is typed by that name; an entry with the values of an earlier one is an alias.
const ENUMS: &[(&str, &[&str], &str)] = &[
    (
        "MessageType",
        spec::MESSAGE_TYPES,
        "A message channel, as the reference's `metricType` lists them.",
    ),
    (
        "MessageMetric",
        spec::MESSAGE_METRICS,
        "A delivery metric of `getMessages`.",
    ),
    (
        "MetricsPeriod",
        spec::METRICS_PERIODS,
        "The unit of each step of a metrics read.",
    ),
    (
        "MetricsType",
        spec::METRICS_TYPES,
        "A channel of a broadcast's or an action's metrics.",
    ),
];

/// Operations whose parameter interface is refined in `src/js/types.rs` by a rule between
/// fields that the table does not state (`sendEmail`: a template, or body, subject and from):
/// the generated interface is named `<Name>Fields` and the public `<Name>Params` adds the rule.
const REFINED: &[&str] = &["sendEmail"];

/// `sendSMS` → `SendSms`: the operation's name as a type name.
fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut previous_upper = true;
    for (i, c) in name.chars().enumerate() {
        let upper = c.is_ascii_uppercase();
        out.push(match (i, upper && previous_upper) {
            (0, _) => c.to_ascii_uppercase(),
            (_, true) => c.to_ascii_lowercase(),
            _ => c,
        });
        previous_upper = upper;
    }
    out
}

/// The name of the interface of `op`'s parameters.
pub fn params_type_name(op: &OperationSpec) -> String {
    let suffix = if REFINED.contains(&op.name) {
        "Fields"
    } else {
        "Params"
    };
    format!("{}{suffix}", pascal(op.name))
}

fn enum_name(values: &[&str]) -> Option<&'static str> {
    ENUMS
        .iter()
        .find(|(_, v, _)| *v == values)
        .map(|(n, _, _)| *n)
}

/// The TypeScript type a parameter of this kind takes.
fn type_of(param: &ParamSpec) -> String {
    match param.kind {
        ParamKind::Id => "Id".into(),
        ParamKind::TriggerId => "number | string".into(),
        ParamKind::Limit { .. } => "number".into(),
        ParamKind::Timestamp => "Timestamp".into(),
        // An integer offset is accepted too (a trigger's errors page by one).
        ParamKind::Cursor => "string | number".into(),
        ParamKind::Bool => "boolean".into(),
        ParamKind::Enum(values) => enum_name(values)
            .map(str::to_owned)
            .unwrap_or_else(|| literal_union(values)),
        // As the tool schema (`tools::param_schema`): emails are strings, ids also numbers.
        ParamKind::StringList { .. } if param.name == "emails" => "string[]".into(),
        ParamKind::StringList { .. } => array_of("string | number"),
        ParamKind::Filter => "AudienceFilter".into(),
        ParamKind::PerUserData { .. } => array_of("PerUserEntryById | PerUserEntryByEmail"),
        ParamKind::Url | ParamKind::Text { .. } | ParamKind::MessageId => "string".into(),
        ParamKind::Object { .. } => "Record<string, unknown>".into(),
        ParamKind::True => "true".into(),
        ParamKind::Identifiers => "SendIdentifiers".into(),
        ParamKind::TemplateId => "TemplateId".into(),
        ParamKind::Attachments { .. } | ParamKind::EmailHeaders => "Record<string, string>".into(),
    }
}

fn member(param: &ParamSpec, indent: &str) -> String {
    let optional = if param.required { "" } else { "?" };
    format!(
        "{}{indent}{}{optional}: {};\n",
        doc_comment(param.description, indent),
        param.name,
        type_of(param)
    )
}

/// `triggerBroadcast`'s parameters: the common ones, and a union with one branch per audience
/// in which the other audiences are absent and each flag is `boolean` where that audience takes
/// it, `false` (the API's default, accepted anywhere) where it does not.
fn trigger_params(op: &OperationSpec) -> String {
    let audiences = spec::AUDIENCE_PARAMS;
    let is_flag = |p: &&ParamSpec| p.kind == ParamKind::Bool;
    let common: String = op
        .params
        .iter()
        .filter(|p| !audiences.contains(&p.name) && !is_flag(p))
        .map(|p| member(p, "  "))
        .collect();
    let branches: Vec<String> = audiences
        .iter()
        .filter_map(|audience| op.param(audience))
        .map(|audience| {
            let takes = crate::tools::flags_of_audience(audience.name);
            let flags: String = op
                .params
                .iter()
                .filter(is_flag)
                .map(|flag| {
                    if takes.contains(&flag.name) {
                        member(flag, "    ")
                    } else {
                        format!("    /** Not with {}: only false, the API's default. */\n    {}?: false;\n", audience.name, flag.name)
                    }
                })
                .collect();
            format!(
                "  | ({{\n{}{flags}  }} & NoOtherAudience<{}>)\n",
                member(&ParamSpec { required: true, ..*audience }, "    "),
                serde_json::Value::from(audience.name)
            )
        })
        .collect();
    format!(
        "\n/** The audiences of a trigger: exactly one is given. */\nexport type AudienceName = {};\ntype NoOtherAudience<K extends AudienceName> = {{ [A in Exclude<AudienceName, K>]?: never }};\n{}export type {} = {{\n{common}}} & (\n{});\n",
        super::literal_union(&audiences),
        doc_comment(op.summary, ""),
        params_type_name(op),
        branches.concat()
    )
}

/// The enums, the method names and every operation's parameter interface.
pub fn param_types() -> String {
    let mut out = String::new();
    for (name, values, doc) in ENUMS {
        out.push('\n');
        out.push_str(&doc_comment(doc, ""));
        match enum_name(values) {
            Some(first) if first != *name => {
                out.push_str(&format!("export type {name} = {first};\n"));
            }
            _ => out.push_str(&format!(
                "export type {name} = {};\n",
                literal_union(values)
            )),
        }
    }
    let methods: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    out.push_str(&format!(
        "\n/** Every operation of the client, by its method name. */\nexport type MethodName = {};\n",
        literal_union(&methods)
    ));
    for op in OPERATIONS.iter().filter(|op| !op.params.is_empty()) {
        if op.name == spec::TRIGGER_BROADCAST.name {
            out.push_str(&trigger_params(op));
            continue;
        }
        let members: String = op.params.iter().map(|p| member(p, "  ")).collect();
        out.push_str(&format!(
            "\n{}export interface {} {{\n{members}}}\n",
            doc_comment(op.summary, ""),
            params_type_name(op)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pascal;

    #[test]
    fn a_method_name_becomes_its_type_name() {
        assert_eq!(pascal("getMessages"), "GetMessages");
        assert_eq!(pascal("sendSMS"), "SendSms");
        assert_eq!(
            pascal("getBroadcastActionLinkMetrics"),
            "GetBroadcastActionLinkMetrics"
        );
    }
}
