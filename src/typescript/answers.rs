//! The answer interfaces (`MessagesPage`, `Segment`, …) from the answer shapes: one per entry of
//! [`NAMED`], every field of the shape with its kind, `| null` where the shape allows null, `?`
//! where it may be missing, and an index signature (the API adds fields; they are kept). A list
//! the shape says is always present is typed as a list: the JS answer check turns a `null` one
//! into `[]` (`src/js/runtime.js`). A nested object that is itself named is written by its name.

use crate::prelude::*;

use super::{array_of, doc_comment};
use crate::wire::shape::{Field, Kind, Named, NAMED};

/// The TypeScript of a field list, one field per line at `indent`, with the index signature.
fn members(fields: &[Field], indent: &str) -> String {
    let mut out = String::new();
    for field in fields {
        let always_list = field.required && field.nullable && matches!(field.kind, Kind::Array(_));
        let mut doc = field.doc.to_owned();
        if always_list {
            let note = "Always a list (a `null` from the API arrives as `[]`).";
            doc = if doc.is_empty() {
                note.to_owned()
            } else {
                format!("{doc} {note}")
            };
        }
        let mut ty = type_of(field.kind, indent);
        if field.nullable && !always_list && field.kind != Kind::Any {
            ty.push_str(" | null");
        }
        let optional = if field.required { "" } else { "?" };
        out.push_str(&doc_comment(&doc, indent));
        out.push_str(&format!("{indent}{}{optional}: {ty};\n", field.name));
    }
    out.push_str(&format!("{indent}[field: string]: unknown;\n"));
    out
}

/// The first named shape with exactly these fields.
fn named(fields: &[Field]) -> Option<&'static Named> {
    NAMED.iter().find(|n| n.fields == fields)
}

/// The TypeScript type of a shape kind; `indent` is that of the field holding it.
fn type_of(kind: Kind, indent: &str) -> String {
    match kind {
        Kind::Integer => "number".into(),
        Kind::String | Kind::Cursor => "string".into(),
        Kind::Bool => "boolean".into(),
        Kind::Any => "unknown".into(),
        Kind::StringOrInteger => "number | string".into(),
        Kind::NumberMap => "Record<string, number>".into(),
        Kind::SeriesMap => "Record<string, number[]>".into(),
        Kind::Array(item) => array_of(&type_of(*item, indent)),
        Kind::Object(fields) => match named(fields) {
            Some(n) => n.name.into(),
            None => format!("{{\n{}{indent}}}", members(fields, &format!("{indent}  "))),
        },
    }
}

/// Every named answer shape as an exported interface (or an alias of an earlier one with the
/// same fields).
pub fn answer_types() -> String {
    let mut out = String::new();
    for entry in NAMED {
        out.push('\n');
        out.push_str(&doc_comment(entry.doc, ""));
        match named(entry.fields) {
            Some(first) if first.name != entry.name => {
                out.push_str(&format!("export type {} = {};\n", entry.name, first.name));
            }
            _ => out.push_str(&format!(
                "export interface {} {{\n{}}}\n",
                entry.name,
                members(entry.fields, "  ")
            )),
        }
    }
    out
}
