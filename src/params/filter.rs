//! The audience filter of a broadcast trigger (`recipients`), as a recursive type: a node is
//! exactly one of `and`, `or`, `not`, `segment` or `attribute`, so a malformed filter cannot be
//! built, only refused with the path of the offending node.

use crate::error::{Error, Quoted, Result};
use crate::params::{describe, object, Id};
use serde_json::{Map, Value};

/// Deeper filters are refused: they are never needed and would cost stack on the way in.
pub const MAX_FILTER_DEPTH: usize = 16;

/// How an attribute condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeOperator {
    /// The attribute equals `value`.
    Eq,
    /// The person has the attribute.
    Exists,
}

/// One node of the audience filter.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Every sub-filter matches (non-empty).
    And(Vec<Filter>),
    /// At least one sub-filter matches (non-empty).
    Or(Vec<Filter>),
    /// The sub-filter does not match.
    Not(Box<Filter>),
    /// The person is in the segment.
    Segment(Id),
    /// An attribute condition. `value` is present exactly when the operator is `Eq`.
    Attribute {
        field: String,
        operator: AttributeOperator,
        value: Option<String>,
    },
}

impl Filter {
    /// Reads a filter at `path` (e.g. `recipients`), reporting the path of the first bad node
    /// (e.g. `recipients.and[1].segment.id`).
    pub fn parse(path: &str, value: &Value) -> Result<Filter> {
        parse_node(path, value, 0)
    }

    /// The wire form.
    pub fn to_json(&self) -> Value {
        match self {
            Filter::And(items) => object([("and", items.iter().map(Filter::to_json).collect())]),
            Filter::Or(items) => object([("or", items.iter().map(Filter::to_json).collect())]),
            Filter::Not(inner) => object([("not", inner.to_json())]),
            Filter::Segment(id) => object([("segment", object([("id", id.get().into())]))]),
            Filter::Attribute {
                field,
                operator,
                value,
            } => {
                let mut attribute = Map::new();
                attribute.insert("field".into(), Value::String(field.clone()));
                let op = match operator {
                    AttributeOperator::Eq => "eq",
                    AttributeOperator::Exists => "exists",
                };
                attribute.insert("operator".into(), Value::String(op.into()));
                if let Some(v) = value {
                    attribute.insert("value".into(), Value::String(v.clone()));
                }
                object([("attribute", Value::Object(attribute))])
            }
        }
    }
}

const NODE_HELP: &str = "each filter node is one of {and: [...]}, {or: [...]}, {not: {...}}, {segment: {id}}, {attribute: {field, operator, value}}";

fn parse_node(path: &str, value: &Value, depth: usize) -> Result<Filter> {
    if depth > MAX_FILTER_DEPTH {
        return Err(Error::invalid(path, format!("the recipients filter is nested deeper than {MAX_FILTER_DEPTH} levels; flatten it with and/or")));
    }
    let Some(node) = value.as_object() else {
        return Err(Error::invalid(
            path,
            format!(
                "{path} must be a filter object ({NODE_HELP}), got {}",
                describe(value)
            ),
        ));
    };
    let mut keys = node.iter();
    let (key, inner) = match (keys.next(), keys.next()) {
        (Some(entry), None) => entry,
        (None, _) => {
            return Err(Error::invalid(path, format!("{path} is an empty filter, which Customer.io rejects; {NODE_HELP}; to send to the broadcast's own audience use default_audience: true")))
        }
        (Some(_), Some(_)) => {
            let names: Vec<&str> = node.keys().map(String::as_str).collect();
            return Err(Error::invalid(path, format!("{path} has {} keys ({}); a filter node takes exactly one: combine conditions with and/or", names.len(), names.join(", "))));
        }
    };
    let here = format!("{path}.{key}");
    match key.as_str() {
        "and" => parse_group(&here, inner, depth).map(Filter::And),
        "or" => parse_group(&here, inner, depth).map(Filter::Or),
        "not" => {
            if inner.is_array() {
                return Err(Error::invalid(here, "not takes a single filter object, not an array; wrap several conditions in {or: [...]} inside it"));
            }
            Ok(Filter::Not(Box::new(parse_node(&here, inner, depth + 1)?)))
        }
        "segment" => parse_segment(&here, inner),
        "attribute" => parse_attribute(&here, inner),
        other => Err(Error::invalid(
            here,
            format!("unknown filter operator {}; {NODE_HELP}", Quoted(other)),
        )),
    }
}

fn parse_group(path: &str, value: &Value, depth: usize) -> Result<Vec<Filter>> {
    match value.as_array() {
        Some(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| parse_node(&format!("{path}[{i}]"), item, depth + 1))
            .collect(),
        Some(_) => Err(Error::invalid(
            path,
            format!("{path} is an empty list; give it at least one filter"),
        )),
        None => Err(Error::invalid(
            path,
            format!(
                "{path} must be a non-empty array of filters, got {}",
                describe(value)
            ),
        )),
    }
}

fn parse_segment(path: &str, value: &Value) -> Result<Filter> {
    let Some(segment) = value.as_object() else {
        return Err(Error::invalid(
            path,
            format!(
                "{path} must be {{id: <segment id>}}, got {}",
                describe(value)
            ),
        ));
    };
    if let Some(extra) = segment.keys().find(|k| k.as_str() != "id") {
        return Err(Error::invalid(
            format!("{path}.{extra}"),
            format!(
                "{path} takes only id, got {}; find segment ids with getSegments",
                Quoted(extra)
            ),
        ));
    }
    let id_path = format!("{path}.id");
    match segment.get("id") {
        Some(id) => Id::parse(&id_path, id).map(Filter::Segment),
        None => Err(Error::invalid(
            id_path,
            format!("{path} needs id: the segment's integer id, from getSegments"),
        )),
    }
}

fn parse_attribute(path: &str, value: &Value) -> Result<Filter> {
    let Some(attribute) = value.as_object() else {
        return Err(Error::invalid(
            path,
            format!(
                "{path} must be {{field, operator: \"eq\"|\"exists\", value}}, got {}",
                describe(value)
            ),
        ));
    };
    if let Some(extra) = attribute
        .keys()
        .find(|k| !matches!(k.as_str(), "field" | "operator" | "value"))
    {
        return Err(Error::invalid(
            format!("{path}.{extra}"),
            format!(
                "{path} takes field, operator and value, got {}",
                Quoted(extra)
            ),
        ));
    }
    let field = match attribute.get("field") {
        Some(Value::String(f)) if !f.trim().is_empty() => f.clone(),
        other => {
            return Err(Error::invalid(
                format!("{path}.field"),
                format!(
                    "{path}.field must be the attribute's name (a non-empty string), got {}",
                    other.map_or("nothing".into(), describe)
                ),
            ))
        }
    };
    let operator = match attribute.get("operator").and_then(Value::as_str) {
        Some("eq") => AttributeOperator::Eq,
        Some("exists") => AttributeOperator::Exists,
        _ => {
            let got = attribute.get("operator").map_or("nothing".into(), describe);
            return Err(Error::invalid(
                format!("{path}.operator"),
                format!("{path}.operator must be \"eq\" or \"exists\", got {got}"),
            ));
        }
    };
    let value_path = format!("{path}.value");
    let value = match (operator, attribute.get("value")) {
        (AttributeOperator::Exists, None | Some(Value::Null)) => None,
        (AttributeOperator::Exists, Some(_)) => return Err(Error::invalid(
            value_path,
            "operator \"exists\" takes no value; remove value, or use operator \"eq\" to compare",
        )),
        (AttributeOperator::Eq, Some(v)) => Some(scalar_as_string(&value_path, v)?),
        (AttributeOperator::Eq, None) => {
            return Err(Error::invalid(
                value_path,
                format!(
                    "operator \"eq\" needs a value to compare {} with",
                    Quoted(&field)
                ),
            ))
        }
    };
    Ok(Filter::Attribute {
        field,
        operator,
        value,
    })
}

/// The schema types `value` as a string while the API's own examples send booleans: strings are
/// sent, and numbers and booleans are sent as their string form (an inference from the
/// reference, kept behind a test).
fn scalar_as_string(path: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(Error::invalid(
            path,
            format!(
                "{path} must be a string, number or boolean, got {}",
                describe(other)
            ),
        )),
    }
}
