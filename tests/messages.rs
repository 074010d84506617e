//! The message template table: every template is well formed, every message the validation
//! produces has all its placeholders filled, and the table the package exports is the core's.
#![allow(clippy::indexing_slicing)]

use customerio_wasm::export;
use customerio_wasm::messages::{fill, fill_template, placeholders, Msg};
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::OPERATIONS;
use customerio_wasm::webhook::VerifyOptions;
use serde_json::{json, Value};

/// The placeholders of the table still in `text`, if any. (A value may itself show braces, as
/// the parameter descriptions do with `{id}`: only the table's own placeholder names count.)
fn leftover_placeholders(text: &str) -> Vec<String> {
    let table: Vec<&str> = Msg::ALL
        .iter()
        .flat_map(|m| placeholders(m.template()))
        .collect();
    placeholders(text)
        .into_iter()
        .filter(|name| table.contains(name))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_template_has_a_unique_name_and_only_lowercase_placeholders() {
    let mut names: Vec<&str> = Msg::ALL.iter().map(|m| m.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Msg::ALL.len());
    for msg in Msg::ALL {
        assert!(!msg.template().is_empty(), "{}", msg.name());
        assert!(!msg.template().contains('\u{1}'), "{}", msg.name());
        for name in placeholders(msg.template()) {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}: {name}",
                msg.name()
            );
        }
    }
}

#[test]
fn the_compact_form_the_wasm_carries_is_the_template_with_one_byte_per_placeholder() {
    for msg in Msg::ALL {
        let count = placeholders(msg.template()).len();
        let values: Vec<String> = (0..count).map(|i| format!("<{i}>")).collect();
        let pieces: Vec<&dyn customerio_wasm::messages::Piece> = values
            .iter()
            .map(|v| v as &dyn customerio_wasm::messages::Piece)
            .collect();
        assert_eq!(
            fill(*msg, &pieces),
            fill_template(msg.template(), &pieces),
            "{}",
            msg.name()
        );
        assert_eq!(
            msg.compact().bytes().filter(|b| *b == 1).count(),
            count,
            "{}",
            msg.name()
        );
    }
}

#[test]
fn numbers_are_written_in_decimal_as_display_writes_them() {
    for n in [0u64, 7, 10, 42, 1_000, 9_007_199_254_740_991, u64::MAX] {
        assert_eq!(customerio_wasm::messages::decimal(n), n.to_string());
    }
    for text in [
        "-12",
        "1.5",
        "1e100",
        "-0.0",
        "123456789012345678901234567890",
    ] {
        let number: serde_json::Number = serde_json::from_str(text).unwrap_or_else(|_| 0.into());
        assert_eq!(customerio_wasm::join!(number), number.to_string(), "{text}");
    }
}

/// Wrong values of every kind, for every parameter of every operation.
fn bad_values() -> Vec<Value> {
    vec![
        json!("x y"),
        json!(""),
        json!(-1),
        json!(1.5),
        json!(1e300),
        json!(true),
        json!([]),
        json!([1, "a", null]),
        json!({}),
        json!({ "a": 1, "b": 2 }),
        json!(1_700_000_000_000u64),
        json!("2024-01-01T00:00:00Z"),
        json!("Invalid Date"),
        json!({ "and": [] }),
        json!({ "segment": { "id": 1, "x": 2 } }),
        json!({ "attribute": { "field": "", "operator": "gt" } }),
        json!({ "f.txt": "not base64!" }),
        json!([{ "id": "u1", "email": "a@b.co" }]),
    ]
}

#[test]
fn every_refusal_of_a_bad_parameter_fills_every_placeholder() {
    let mut checked = 0;
    for op in OPERATIONS {
        for param in op.params {
            for bad in bad_values() {
                let Err(err) = AnyOperation::from_name(op.name, json!({ param.name: bad })) else {
                    continue;
                };
                assert_eq!(
                    leftover_placeholders(&err.message),
                    Vec::<String>::new(),
                    "{}.{}: {}",
                    op.name,
                    param.name,
                    err.message
                );
                assert!(!err.message.contains('\u{1}'), "{}", err.message);
                checked += 1;
            }
        }
        let refused = AnyOperation::from_name(op.name, json!({ "brodcast_id": 1 }));
        let message = refused.err().map(|e| e.message).unwrap_or_default();
        assert!(message.contains("brodcast_id"), "{}: {message}", op.name);
        assert_eq!(leftover_placeholders(&message), Vec::<String>::new());
    }
    assert!(checked > 500, "only {checked} refusals checked");
}

#[test]
fn every_refusal_of_bad_webhook_options_fills_every_placeholder() {
    for options in [
        json!(null),
        json!({ "scheme": "nope", "secret": "s" }),
        json!({ "secret": "s" }),
        json!({ "scheme": "reporting", "secret": [] }),
        json!({ "scheme": "reporting", "secret": [1] }),
        json!({ "scheme": "reporting", "secret": "s", "toleranceSeconds": -1 }),
        json!({ "scheme": "reporting", "secret": "s", "toleranceSeconds": "x" }),
        json!({ "scheme": "reporting", "secret": "s", "extra": 1 }),
    ] {
        let refused = VerifyOptions::from_json(&options, 0);
        let message = refused.err().map(|e| e.message).unwrap_or_default();
        assert!(!message.is_empty(), "accepted {options}");
        assert_eq!(
            leftover_placeholders(&message),
            Vec::<String>::new(),
            "{message}"
        );
    }
}

#[test]
fn the_exported_templates_are_the_cores_by_name() {
    let exported = export::messages();
    let exported = exported.as_object().cloned().unwrap_or_default();
    assert_eq!(exported.len(), Msg::ALL.len());
    for msg in Msg::ALL {
        assert_eq!(exported[msg.name()], msg.template(), "{}", msg.name());
    }
}

#[test]
fn a_refusal_reads_as_its_exported_template_filled_with_its_values() {
    let exported = export::messages();
    let template = exported["ID_POSITIVE"].as_str().unwrap_or_default();
    let err = AnyOperation::from_name("getSegmentCount", json!({ "segment_id": "abc" }))
        .err()
        .map(|e| e.message)
        .unwrap_or_default();
    assert_eq!(
        err,
        fill_template(template, &[&"segment_id", &"the string \"abc\""])
    );
}

/// Every `.rs` file under `src/`, as (path, text).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut out,
    );
    out
}

/// The top-level arguments of the macro call whose `(` is at `text[open]`.
fn macro_args(text: &str, open: usize) -> Vec<String> {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    let (mut args, mut current) = (Vec::new(), String::new());
    for c in text[open..].chars() {
        if in_string {
            current.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                current.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > 1 {
                    current.push(c);
                }
            }
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                current.push(c);
            }
            ',' if depth == 1 => args.push(std::mem::take(&mut current).trim().to_owned()),
            _ => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        args.push(current.trim().to_owned());
    }
    args
}

#[test]
fn every_call_site_gives_each_template_exactly_its_placeholders_and_every_template_is_used() {
    // The macros that fill a template, and how many arguments come before the template's name.
    let macros = [
        ("msg!(", 0),
        ("invalid!(", 1),
        ("refuse_at!(", 2),
        ("refuse!(", 1),
    ];
    let mut used = std::collections::HashSet::new();
    let mut sites = 0;
    for (path, text) in sources() {
        if path.ends_with("messages.rs") {
            continue;
        }
        for (head, before) in macros {
            for (at, _) in text.match_indices(head) {
                let preceded_by_ident = text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                if preceded_by_ident {
                    continue;
                }
                let args = macro_args(&text, at + head.len() - 1);
                let name = args.get(before).cloned().unwrap_or_default();
                let msg = Msg::ALL.iter().find(|m| m.name() == name);
                assert!(msg.is_some(), "{path}: {head} with unknown template {name}");
                let expected = msg.map_or(0, |m| placeholders(m.template()).len());
                assert_eq!(
                    args.len() - before - 1,
                    expected,
                    "{path}: {name} is given {} values for {expected} placeholders",
                    args.len() - before - 1
                );
                used.insert(name);
                sites += 1;
            }
        }
    }
    assert!(sites >= Msg::ALL.len(), "only {sites} sites found");
    for msg in Msg::ALL {
        assert!(used.contains(msg.name()), "{} is never used", msg.name());
    }
}
