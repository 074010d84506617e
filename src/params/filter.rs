//! The audience filter of a broadcast trigger (`recipients`), as a recursive type: a node is
//! exactly one of `and`, `or`, `not`, `segment` or `attribute`, so a malformed filter cannot be
//! built, only refused with the path of the offending node.

use crate::prelude::*;

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
        return Err(invalid!(
            &path,
            FILTER_RECIPIENTS_FILTER_NESTED,
            MAX_FILTER_DEPTH
        ));
    }
    let Some(node) = value.as_object() else {
        return Err(invalid!(
            &path,
            FILTER_FILTER_OBJECT_GOT,
            path,
            NODE_HELP,
            describe(value)
        ));
    };
    let mut keys = node.iter();
    let (key, inner) = match (keys.next(), keys.next()) {
        (Some(entry), None) => entry,
        (None, _) => return Err(invalid!(&path, FILTER_EMPTY_FILTER_WHICH, path, NODE_HELP)),
        (Some(_), Some(_)) => {
            let names: Vec<&str> = node.keys().map(String::as_str).collect();
            return Err(invalid!(
                &path,
                FILTER_HAS_KEYS_FILTER,
                path,
                names.len(),
                names.join(", ")
            ));
        }
    };
    let here = join!(path, ".", key);
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
        other => Err(invalid!(
            &here,
            FILTER_UNKNOWN_FILTER_OPERATOR,
            Quoted(other),
            NODE_HELP
        )),
    }
}

fn parse_group(path: &str, value: &Value, depth: usize) -> Result<Vec<Filter>> {
    match value.as_array() {
        Some(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| parse_node(&join!(path, "[", i, "]"), item, depth + 1))
            .collect(),
        Some(_) => Err(invalid!(&path, FILTER_EMPTY_LIST_GIVE, path)),
        None => Err(invalid!(
            &path,
            FILTER_NONEMPTY_ARRAY_FILTERS,
            path,
            describe(value)
        )),
    }
}

fn parse_segment(path: &str, value: &Value) -> Result<Filter> {
    let Some(segment) = value.as_object() else {
        return Err(invalid!(&path, FILTER_ID_SEGMENT_ID, path, describe(value)));
    };
    if let Some(extra) = segment.keys().find(|k| k.as_str() != "id") {
        return Err(invalid!(
            &join!(path, ".", extra),
            FILTER_TAKES_ONLY_ID,
            path,
            Quoted(extra)
        ));
    }
    let id_path = join!(path, ".id");
    match segment.get("id") {
        Some(id) => Id::parse(&id_path, id).map(Filter::Segment),
        None => Err(invalid!(&id_path, FILTER_NEEDS_ID_SEGMENTS, path)),
    }
}

fn parse_attribute(path: &str, value: &Value) -> Result<Filter> {
    let Some(attribute) = value.as_object() else {
        return Err(invalid!(
            &path,
            FILTER_FIELD_OPERATOR_EQEXISTS,
            path,
            describe(value)
        ));
    };
    if let Some(extra) = attribute
        .keys()
        .find(|k| !matches!(k.as_str(), "field" | "operator" | "value"))
    {
        return Err(invalid!(
            &join!(path, ".", extra),
            FILTER_TAKES_FIELD_OPERATOR,
            path,
            Quoted(extra)
        ));
    }
    let field = match attribute.get("field") {
        Some(Value::String(f)) if !f.trim().is_empty() => f.clone(),
        other => {
            return Err(invalid!(
                &join!(path, ".field"),
                FILTER_FIELD_ATTRIBUTES_NAME,
                path,
                other.map_or("nothing".into(), describe)
            ))
        }
    };
    let operator = match attribute.get("operator").and_then(Value::as_str) {
        Some("eq") => AttributeOperator::Eq,
        Some("exists") => AttributeOperator::Exists,
        _ => {
            let got = attribute.get("operator").map_or("nothing".into(), describe);
            return Err(invalid!(
                &join!(path, ".operator"),
                FILTER_OPERATOR_EQ_OR,
                path,
                got
            ));
        }
    };
    let value_path = join!(path, ".value");
    let value = match (operator, attribute.get("value")) {
        (AttributeOperator::Exists, None | Some(Value::Null)) => None,
        (AttributeOperator::Exists, Some(_)) => return Err(Error::invalid(
            value_path,
            "operator \"exists\" takes no value; remove value, or use operator \"eq\" to compare",
        )),
        (AttributeOperator::Eq, Some(v)) => Some(scalar_as_string(&value_path, v)?),
        (AttributeOperator::Eq, None) => {
            return Err(invalid!(
                &value_path,
                FILTER_OPERATOR_EQ_NEEDS,
                Quoted(&field)
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
        Value::Number(n) => Ok(crate::messages::Piece::text(&n)),
        Value::Bool(b) => Ok(crate::messages::Piece::text(&b)),
        other => Err(invalid!(
            &path,
            FILTER_STRING_NUMBER_OR,
            path,
            describe(other)
        )),
    }
}
