//! The `recipients` filter of a broadcast trigger (`src/params/filter.rs`): its grammar, the path
//! of the node at fault, and its depth bound.
//! Each test states a rule of the README's "Validation rules": the stable code, the parameter
//! path in `field`, and a message that says what to send instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{assert_refused, refuse, trigger};
use customerio_wasm::params::filter::MAX_FILTER_DEPTH;
use serde_json::json;

#[test]
fn recipients_grammar_reports_the_path_of_the_bad_node() {
    let cases = [
        (json!({}), "recipients", "empty filter"),
        (json!({"and": [], }), "recipients.and", "empty list"),
        (
            json!({"or": {"segment": {"id": 1}}}),
            "recipients.or",
            "non-empty array",
        ),
        (
            json!({"not": [{"segment": {"id": 1}}]}),
            "recipients.not",
            "single filter object",
        ),
        (
            json!({"segment": {"id": 1}, "attribute": {"field": "a", "operator": "exists"}}),
            "recipients",
            "exactly one",
        ),
        (
            json!({"and": [{"segment": {"id": 1}}, {"segment": {"id": "x"}}]}),
            "recipients.and[1].segment.id",
            "positive integer",
        ),
        (
            json!({"and": [{"segment": {"id": 1}}, {"segment": {}}]}),
            "recipients.and[1].segment.id",
            "needs id",
        ),
        (
            json!({"segment": {"id": 1, "name": "VIP"}}),
            "recipients.segment.name",
            "takes only id",
        ),
        (
            json!({"or": [{"attribute": {"field": "a", "operator": "gt", "value": "1"}}]}),
            "recipients.or[0].attribute.operator",
            "\"eq\" or \"exists\"",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "eq"}}),
            "recipients.attribute.value",
            "needs a value",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "exists", "value": "x"}}),
            "recipients.attribute.value",
            "takes no value",
        ),
        (
            json!({"attribute": {"field": "", "operator": "exists"}}),
            "recipients.attribute.field",
            "non-empty string",
        ),
        (
            json!({"attribute": {"field": "a", "operator": "eq", "value": [1]}}),
            "recipients.attribute.value",
            "string, number or boolean",
        ),
        (
            json!({"not": {"segmnt": {"id": 1}}}),
            "recipients.not.segmnt",
            "unknown filter operator",
        ),
        (json!("vip"), "recipients", "filter object"),
    ];
    for (filter, field, hint) in cases {
        assert_refused(
            "triggerBroadcast",
            trigger(json!({"recipients": filter})),
            "invalid_params",
            field,
            &[hint],
        );
    }
}

#[test]
fn recipients_nesting_is_bounded() {
    let mut filter = json!({"segment": {"id": 1}});
    for _ in 0..=MAX_FILTER_DEPTH {
        filter = json!({"not": filter});
    }
    let e = refuse("triggerBroadcast", trigger(json!({"recipients": filter})));
    assert_eq!(e.code_str(), "invalid_params");
    assert!(e.message.contains("nested deeper"), "{}", e.message);
}
