//! The package's TypeScript declarations that the core's table knows, generated from it as the
//! agent tools' JSON Schemas are (`src/tools.rs`): the answer interfaces from the answer shapes
//! ([`crate::wire::shape::NAMED`]), the parameter interfaces and enums from the operations
//! ([`crate::spec::OPERATIONS`]). `make pkg` writes them into the package
//! (`src/bin/export-table.rs`) and `scripts/public-types.mjs` adds them to `types.d.ts` after the
//! hand-written part (`src/js/types.rs`: options, the kinds' vocabulary, what no table holds).

use crate::prelude::*;

mod answers;
mod params;

pub use answers::answer_types;
pub use params::param_types;

/// Every generated declaration, as one block of a `.d.ts` file.
pub fn declarations() -> String {
    let mut out = String::from(
        "// Generated from the Rust core's table and answer shapes by src/typescript: do not edit.\n",
    );
    out.push_str(&param_types());
    out.push_str(&answer_types());
    out.push_str(&webhook_types());
    out
}

/// The schemes `verifyWebhook` takes, from [`crate::webhook::Scheme::ALL`].
fn webhook_types() -> String {
    let schemes: Vec<&str> = crate::webhook::Scheme::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    format!(
        "\n/** The signing schemes `verifyWebhook` knows. */\nexport type WebhookScheme = {};\n",
        literal_union(&schemes)
    )
}

/// `text` as a doc comment at `indent`, or nothing for an empty text.
fn doc_comment(text: &str, indent: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    // "*/" would end the comment early.
    format!("{indent}/** {} */\n", text.replace("*/", "*\\/"))
}

/// `values` as a union of string literals.
fn literal_union(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| serde_json::Value::from(*v).to_string())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `item[]`, with parentheses around a union.
fn array_of(item: &str) -> String {
    if item.contains(" | ") {
        format!("({item})[]")
    } else {
        format!("{item}[]")
    }
}
