//! The agent tools are generated from the operation table: the seed's slugs, schemas whose
//! properties, ranges, enums and required fields are the table's, the trigger's one-audience rule,
//! annotations and descriptions that carry the pitfalls. (The schemas are compiled and checked
//! against sample arguments with a JSON Schema 2020-12 validator in `tests/tools/`.)
#![allow(clippy::indexing_slicing)]

mod common;
use customerio_wasm::ops::AnyOperation;
use customerio_wasm::spec::{ParamKind, AUDIENCE_PARAMS};
use customerio_wasm::tools::{self, TOOLS};
use serde_json::{json, Value};

fn definition(name: &str) -> Value {
    tools::tool(name).map(tools::definition).unwrap_or_default()
}

#[test]
fn the_seed_slugs_come_first_in_the_seed_order() {
    let names: Vec<&str> = TOOLS.iter().map(|t| t.name).take(8).collect();
    assert_eq!(names, common::seed_tools());
}

#[test]
fn every_seed_tool_is_the_operation_the_table_names_for_it() {
    for tool in TOOLS.iter().filter(|t| t.seed) {
        assert_eq!(tool.operation.tool, Some(tool.name), "{}", tool.name);
    }
}

#[test]
fn additions_say_so_and_seed_tools_do_not() {
    for tool in TOOLS {
        let description = tools::description(tool);
        assert_eq!(
            description.contains("not one of the seed's tools"),
            !tool.seed,
            "{}",
            tool.name
        );
    }
}

#[test]
fn each_schema_lists_the_tables_parameters_with_their_descriptions_and_required_fields() {
    for tool in TOOLS {
        let schema = tools::input_schema(tool);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["type"], "object");
        assert_eq!(schema["additionalProperties"], false, "{}", tool.name);
        for param in tool.params() {
            let property = &schema["properties"][param.name];
            let description = property["description"].as_str().unwrap_or_default();
            assert!(
                description.starts_with(param.description),
                "{}.{}",
                tool.name,
                param.name
            );
        }
        let required: Vec<&str> = tool
            .params()
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name)
            .collect();
        assert_eq!(schema["required"], json!(required), "{}", tool.name);
    }
}

#[test]
fn limits_and_enums_come_from_the_table() {
    let messages = definition("CUSTOMERIO_GET_MESSAGES");
    let props = &messages["inputSchema"]["properties"];
    assert_eq!(props["limit"]["minimum"], 1);
    assert_eq!(props["limit"]["maximum"], 1000);
    assert_eq!(
        props["type"]["enum"],
        json!(customerio_wasm::spec::MESSAGE_TYPES)
    );
    assert_eq!(
        props["metric"]["enum"],
        json!(customerio_wasm::spec::MESSAGE_METRICS)
    );
    let newsletters = definition("CUSTOMERIO_LIST_NEWSLETTERS");
    assert_eq!(
        newsletters["inputSchema"]["properties"]["limit"]["maximum"],
        100
    );
    assert_eq!(
        newsletters["inputSchema"]["properties"]["sort"]["enum"],
        json!(["asc", "desc"])
    );
}

#[test]
fn the_trigger_audience_is_a_one_of_exactly_one_audience() {
    let schema = definition("CUSTOMERIO_TRIGGER_BROADCAST")["inputSchema"].clone();
    let branches: Vec<Value> = AUDIENCE_PARAMS
        .iter()
        .map(|a| json!({ "required": [a] }))
        .collect();
    assert_eq!(schema["oneOf"], Value::Array(branches));
    assert_eq!(schema["required"], json!(["broadcast_id"]));
}

#[test]
fn a_true_trigger_flag_requires_an_audience_the_client_accepts_it_with() {
    let schema = definition("CUSTOMERIO_TRIGGER_BROADCAST")["inputSchema"].clone();
    let rule = &schema["dependentSchemas"]["email_add_duplicates"]["anyOf"];
    assert_eq!(rule[0]["properties"]["email_add_duplicates"]["const"], true);
    let with: Vec<&str> = rule[0]["allOf"][0]["anyOf"]
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["required"][0].as_str()).collect())
        .unwrap_or_default();
    assert!(
        with.contains(&"emails") && with.contains(&"per_user_data"),
        "{with:?}"
    );
    assert!(
        !with.contains(&"ids"),
        "ids does not take the email flags: {with:?}"
    );
    // false changes nothing and is accepted with every audience: no audience is required.
    assert_eq!(
        rule[1],
        json!({ "properties": { "email_add_duplicates": { "const": false } } })
    );
}

#[test]
fn recipients_is_the_recursive_filter() {
    let schema = definition("CUSTOMERIO_TRIGGER_BROADCAST")["inputSchema"].clone();
    assert_eq!(schema["properties"]["recipients"]["$ref"], "#/$defs/filter");
    let kinds: Vec<String> = schema["$defs"]["filter"]["oneOf"]
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|n| n["required"][0].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(kinds, ["and", "or", "not", "segment", "attribute"]);
}

#[test]
fn timestamps_are_integers_of_seconds_and_say_so() {
    let props = definition("CUSTOMERIO_GET_MESSAGES")["inputSchema"]["properties"].clone();
    for name in ["start_ts", "end_ts"] {
        assert_eq!(props[name]["type"], "integer");
        assert_eq!(props[name]["maximum"], 99_999_999_999_u64);
        let description = props[name]["description"].as_str().unwrap_or_default();
        assert!(description.contains("not an ISO string"), "{description}");
    }
}

#[test]
fn descriptions_carry_the_seed_pitfalls() {
    let trigger = definition("CUSTOMERIO_TRIGGER_BROADCAST")["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(trigger.contains("exactly ONE audience"));
    assert!(trigger.contains("1 trigger per 10 seconds per broadcast"));
    assert!(trigger.contains("recipients: {segment: {id}}"));
    for name in ["CUSTOMERIO_GET_MESSAGES", "CUSTOMERIO_LIST_NEWSLETTERS"] {
        let text = definition(name)["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(text.contains("`next` as `start`"), "{name}");
    }
    let messages = definition("CUSTOMERIO_GET_MESSAGES")["description"].clone();
    assert!(messages
        .as_str()
        .unwrap_or_default()
        .contains("not ISO strings"));
}

#[test]
fn reads_are_read_only_and_the_trigger_and_sends_are_destructive_and_not_idempotent() {
    for tool in TOOLS {
        let annotations = tools::annotations(tool);
        if tool.name == "CUSTOMERIO_TRIGGER_BROADCAST" || tool.name.starts_with("CUSTOMERIO_SEND_")
        {
            assert_eq!(annotations["readOnlyHint"], false);
            assert_eq!(annotations["destructiveHint"], true);
            assert_eq!(annotations["idempotentHint"], false);
            assert_eq!(annotations["openWorldHint"], true);
        } else {
            assert_eq!(annotations["readOnlyHint"], true, "{}", tool.name);
        }
    }
}

#[test]
fn output_schemas_come_from_the_answer_shapes_and_admit_error_results() {
    let segments = definition("CUSTOMERIO_GET_SEGMENTS")["outputSchema"].clone();
    assert_eq!(segments["type"], "object");
    assert_eq!(segments["anyOf"][0]["required"], json!(["segments"]));
    assert_eq!(segments["anyOf"][1], tools::error_schema());
    assert!(AnyOperation::shape_of("getSegments").is_some());
    let trigger = definition("CUSTOMERIO_TRIGGER_BROADCAST")["outputSchema"].clone();
    assert_eq!(trigger["anyOf"][2], tools::not_sent_schema());
}

#[test]
fn our_broadcast_tools_follow_the_broadcast_operations() {
    let list = tools::tool("CUSTOMERIO_LIST_BROADCASTS").map(|t| t.operation.name);
    assert_eq!(list, Some("listBroadcasts"));
    let funnel = definition("CUSTOMERIO_BROADCAST_FUNNEL");
    let props = &funnel["inputSchema"]["properties"];
    assert_eq!(
        props["period"]["enum"],
        json!(customerio_wasm::spec::METRICS_PERIODS)
    );
    assert_eq!(props["steps"]["maximum"], 121);
    assert_eq!(funnel["inputSchema"]["required"], json!(["broadcast_id"]));
    assert_eq!(
        funnel["outputSchema"]["anyOf"][0]["properties"]["funnel"]["items"]["properties"]["metric"]
            ["enum"],
        json!(tools::FUNNEL_METRICS)
    );
}

#[test]
fn find_segments_takes_one_required_name() {
    let schema = definition("CUSTOMERIO_FIND_SEGMENTS")["inputSchema"].clone();
    assert_eq!(schema["required"], json!(["name"]));
    assert_eq!(schema["properties"]["name"]["type"], "string");
    let tool = tools::tool("CUSTOMERIO_FIND_SEGMENTS").map(|t| t.params());
    assert!(matches!(
        tool.and_then(|p| p.first()).map(|p| p.kind),
        Some(ParamKind::Text { .. })
    ));
}

#[test]
fn the_export_carries_each_tools_operation_and_runner() {
    let table = customerio_wasm::export::tools();
    let rows = table.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), TOOLS.len());
    for (tool, row) in TOOLS.iter().zip(&rows) {
        assert_eq!(row["definition"], tools::definition(tool));
        assert_eq!(row["operation"], tool.operation.name);
        assert_eq!(row["runner"], tool.runner.as_str());
    }
}

#[test]
fn the_funnel_metrics_are_message_metrics_in_the_funnel_order() {
    for metric in tools::FUNNEL_METRICS {
        assert!(
            customerio_wasm::spec::MESSAGE_METRICS.contains(metric),
            "{metric} is not a metric getMessages knows"
        );
    }
    assert_eq!(tools::FUNNEL_METRICS.first(), Some(&"attempted"));
}
