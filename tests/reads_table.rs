//! The reads that `AnyOperation` builds from the table (`ReadOperation`) build and refuse exactly
//! as their typed structs do: same request, same error code, field and message, for valid
//! parameters, each parameter left out, and each parameter replaced by odd or wrong values.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use customerio_wasm::ops::*;
use customerio_wasm::spec::{OperationSpec, ParamKind};
use serde_json::{json, Map, Value};

/// A value each parameter kind accepts.
fn valid(name: &str, kind: ParamKind) -> Value {
    match kind {
        ParamKind::Id => json!(7),
        ParamKind::TriggerId => json!("5-37"),
        ParamKind::MessageId => json!("ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek="),
        ParamKind::Limit { min, .. } if name == "steps" => json!(min + 3),
        ParamKind::Limit { min, .. } => json!(min + 1),
        ParamKind::Enum(allowed) => json!(allowed[allowed.len() - 1]),
        ParamKind::Bool => json!(true),
        ParamKind::Cursor => json!("abc"),
        ParamKind::Timestamp if name == "end_ts" => json!(1_700_000_100),
        ParamKind::Timestamp => json!(1_700_000_000),
        other => panic!("{name}: {other:?} is not a read's kind"),
    }
}

/// Values that exercise every rule: wrong types, bounds, strings of digits, empty strings.
fn odd_values() -> Vec<Value> {
    vec![
        json!(null),
        json!(0),
        json!(1),
        json!(-1),
        json!(1.5),
        json!(12),
        json!("12"),
        json!(""),
        json!("abc"),
        json!("5-37"),
        json!("a b"),
        json!(true),
        json!("hours"),
        json!("months"),
        json!(25),
        json!(1000),
        json!(1001),
        json!(9_007_199_254_740_992_u64),
        json!(1_800_000_000),
        json!("2026-01-01T00:00:00Z"),
        json!([1]),
        json!({}),
    ]
}

/// Every parameter set tried for `spec`.
fn samples(spec: &OperationSpec) -> Vec<Value> {
    let base: Map<String, Value> = spec
        .params
        .iter()
        .map(|p| (p.name.to_owned(), valid(p.name, p.kind)))
        .collect();
    let mut out = vec![
        json!({}),
        json!(null),
        json!([]),
        Value::Object(base.clone()),
    ];
    out.push(json!({ "unknown_name": 1 }));
    for param in spec.params {
        let mut without = base.clone();
        without.remove(param.name);
        out.push(Value::Object(without));
        for odd in odd_values() {
            let mut changed = base.clone();
            changed.insert(param.name.to_owned(), odd);
            out.push(Value::Object(changed));
        }
    }
    if spec.param("period").is_some() {
        for (period, steps) in [("hours", 24), ("hours", 25), ("months", 121), ("weeks", 13)] {
            let mut changed = base.clone();
            changed.insert("period".into(), json!(period));
            changed.insert("steps".into(), json!(steps));
            out.push(Value::Object(changed));
        }
    }
    if spec.param("start_ts").is_some() {
        let mut reversed = base.clone();
        reversed.insert("start_ts".into(), json!(1_700_000_200));
        out.push(Value::Object(reversed));
    }
    out
}

fn same_as_typed<O: Operation + std::fmt::Debug>() {
    let config = common::config();
    let spec = O::SPEC;
    assert!(
        READ_OPERATIONS.iter().any(|s| s.name == spec.name),
        "{}",
        spec.name
    );
    let (mut accepted, mut refused) = (0, 0);
    for params in samples(spec) {
        let typed = O::from_params(params.clone()).map(|op| op.build(&config));
        let table = AnyOperation::from_name(spec.name, params.clone()).map(|op| op.build(&config));
        assert_eq!(typed, table, "{} with {params}", spec.name);
        if typed.is_ok() {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    // Both outcomes were compared, not only refusals of a base set the rules reject.
    assert!(
        accepted > 0 && refused > 0,
        "{}: {accepted} accepted, {refused} refused",
        spec.name
    );
}

fn pages_as_typed<O: Paginated + std::fmt::Debug>() {
    let config = common::config();
    for params in samples(O::SPEC) {
        let (Ok(typed), Ok(table)) = (
            O::from_params(params.clone()),
            AnyOperation::from_name(O::SPEC.name, params.clone()),
        ) else {
            continue;
        };
        let next = table.at_cursor("n-2".to_owned()).expect("a paginated read");
        assert_eq!(
            typed.at_cursor("n-2".to_owned()).build(&config),
            next.build(&config),
            "{} with {params}",
            O::SPEC.name
        );
        assert_eq!(table.items_field(), Some(O::ITEMS));
    }
}

macro_rules! same {
    ($($test:ident: $op:ident),* $(,)?) => {
        $(#[test]
        fn $test() {
            same_as_typed::<$op>();
        })*
    };
}

same!(
    get_messages_reads_as_its_struct: GetMessages,
    get_segments_reads_as_its_struct: GetSegments,
    get_segment_details_reads_as_its_struct: GetSegmentDetails,
    list_newsletters_reads_as_its_struct: ListNewsletters,
    list_transactional_messages_reads_as_its_struct: ListTransactionalMessages,
    get_triggers_reads_as_its_struct: GetTriggers,
    get_trigger_reads_as_its_struct: GetTrigger,
    get_trigger_errors_reads_as_its_struct: GetTriggerErrors,
    list_broadcasts_reads_as_its_struct: ListBroadcasts,
    get_broadcast_reads_as_its_struct: GetBroadcast,
    get_broadcast_metrics_reads_as_its_struct: GetBroadcastMetrics,
    get_segment_count_reads_as_its_struct: GetSegmentCount,
    get_segment_membership_reads_as_its_struct: GetSegmentMembership,
    get_segment_dependencies_reads_as_its_struct: GetSegmentDependencies,
    list_broadcast_actions_reads_as_its_struct: ListBroadcastActions,
    get_broadcast_action_reads_as_its_struct: GetBroadcastAction,
    get_broadcast_action_metrics_reads_as_its_struct: GetBroadcastActionMetrics,
    get_broadcast_action_link_metrics_reads_as_its_struct: GetBroadcastActionLinkMetrics,
    get_broadcast_link_metrics_reads_as_its_struct: GetBroadcastLinkMetrics,
    get_broadcast_messages_reads_as_its_struct: GetBroadcastMessages,
    get_newsletter_reads_as_its_struct: GetNewsletter,
    get_newsletter_metrics_reads_as_its_struct: GetNewsletterMetrics,
    get_newsletter_link_metrics_reads_as_its_struct: GetNewsletterLinkMetrics,
    get_newsletter_messages_reads_as_its_struct: GetNewsletterMessages,
    get_message_reads_as_its_struct: GetMessage,
    get_transactional_message_reads_as_its_struct: GetTransactionalMessage,
    get_transactional_metrics_reads_as_its_struct: GetTransactionalMetrics,
    get_transactional_deliveries_reads_as_its_struct: GetTransactionalDeliveries,
);

#[test]
fn every_table_read_has_its_typed_struct_checked_here() {
    assert_eq!(READ_OPERATIONS.len(), 28);
}

#[test]
fn paginated_reads_page_as_their_structs() {
    pages_as_typed::<GetMessages>();
    pages_as_typed::<ListNewsletters>();
    pages_as_typed::<GetTriggerErrors>();
    pages_as_typed::<GetSegmentMembership>();
    pages_as_typed::<GetBroadcastMessages>();
    pages_as_typed::<GetNewsletterMessages>();
    pages_as_typed::<GetTransactionalDeliveries>();
}

#[test]
fn a_walk_starts_at_the_given_start_cursor() {
    let op = AnyOperation::from_name("getMessages", json!({ "start": "s-1" })).unwrap();
    assert_eq!(op.start_cursor(), Some("s-1"));
    let op = AnyOperation::from_name("getMessages", json!({})).unwrap();
    assert_eq!(op.start_cursor(), None);
}
