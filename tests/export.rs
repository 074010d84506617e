//! The exported table is the core's table: every operation, parameter and answer shape appears
//! in it as the core defines them.
#![allow(clippy::indexing_slicing)]

use customerio_wasm::export;
use customerio_wasm::spec::OPERATIONS;

#[test]
fn every_operation_and_parameter_is_exported_in_order() {
    let exported = export::operations();
    let exported = exported.as_array().cloned().unwrap_or_default();
    assert_eq!(exported.len(), OPERATIONS.len());
    for (op, row) in OPERATIONS.iter().zip(&exported) {
        assert_eq!(row["name"], op.name);
        assert_eq!(row["method"], op.method.as_str());
        assert_eq!(row["path"], op.path);
        let names: Vec<&str> = row["params"]
            .as_array()
            .map(|ps| ps.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        let expected: Vec<&str> = op.params.iter().map(|p| p.name).collect();
        assert_eq!(names, expected, "{}", op.name);
    }
}

#[test]
fn limits_and_enums_carry_their_bounds() {
    let ops = export::operations();
    let messages = ops
        .as_array()
        .and_then(|ops| ops.iter().find(|op| op["name"] == "getMessages"))
        .cloned()
        .unwrap_or_default();
    let limit = messages["params"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "limit"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(limit["kind"]["min"], 1);
    assert_eq!(limit["kind"]["max"], 1000);
    assert_eq!(messages["items"], "messages");
}

#[test]
fn every_operation_has_an_answer_shape() {
    let answers = export::answers();
    for op in OPERATIONS {
        let fields = &answers[op.name]["fields"];
        assert!(
            fields.as_array().is_some_and(|f| !f.is_empty()),
            "{}",
            op.name
        );
    }
    assert_eq!(answers["getMessages"]["fields"][0][0], "messages");
    assert_eq!(answers["getMessages"]["fields"][0][2], true, "required");
    assert_eq!(answers["getMessages"]["fields"][0][3], true, "nullable");
}

#[test]
fn the_module_text_is_an_es_module_export() {
    let text = export::es_module("test", "answers", &export::answers());
    assert!(text.contains("export const answers = {"));
    assert!(text.starts_with("// Generated"));
}

#[test]
fn the_exported_audiences_carry_the_flags_the_validation_accepts() {
    let rules = customerio_wasm::export::rules();
    let flags = |audience: &str| rules["audiences"][audience]["flags"].clone();
    assert_eq!(flags("ids"), serde_json::json!(["id_ignore_missing"]));
    assert_eq!(
        flags("emails"),
        serde_json::json!(["email_add_duplicates", "email_ignore_missing"])
    );
    let all = serde_json::json!([
        "email_add_duplicates",
        "email_ignore_missing",
        "id_ignore_missing"
    ]);
    for audience in [
        "recipients",
        "per_user_data",
        "data_file_url",
        "default_audience",
    ] {
        assert_eq!(flags(audience), all, "{audience}");
    }
    assert_eq!(
        rules["funnelMetrics"],
        serde_json::json!(customerio_wasm::tools::FUNNEL_METRICS)
    );
}

#[test]
fn the_exported_rules_carry_the_refused_codes_the_spacing_and_the_schemes() {
    let rules = customerio_wasm::export::rules();
    assert_eq!(
        rules["refusedBeforeSending"],
        serde_json::json!([
            "invalid_params",
            "audience_conflict",
            "missing_audience",
            "invalid_timestamp"
        ])
    );
    assert_eq!(
        rules["spacing"],
        serde_json::json!({ "intervalMs": 10_000, "maxWaitMs": 30_000 })
    );
    assert_eq!(
        rules["webhookSchemes"],
        serde_json::json!(["customerio", "standard", "stripe", "github", "shopify"])
    );
}

#[test]
fn the_exported_defaults_are_the_ones_the_client_applies() {
    let defaults = &customerio_wasm::export::rules()["defaults"];
    let retry = customerio_wasm::policy::retry::RetryPolicy::default();
    let spacing = customerio_wasm::policy::spacing::SpacingPolicy::default();
    assert_eq!(
        defaults["timeoutMs"],
        customerio_wasm::config::DEFAULT_TIMEOUT_MS
    );
    assert_eq!(defaults["retry"]["maxRetries"], retry.max_retries);
    assert_eq!(defaults["retry"]["baseDelayMs"], retry.base_delay_ms);
    assert_eq!(defaults["retry"]["maxDelayMs"], retry.max_delay_ms);
    assert_eq!(defaults["retry"]["maxElapsedMs"], retry.max_elapsed_ms);
    assert_eq!(
        defaults["retry"]["maxRetryAfterMs"],
        retry.max_retry_after_ms
    );
    assert_eq!(defaults["spacing"]["intervalMs"], spacing.interval_ms);
    assert_eq!(defaults["spacing"]["maxWaitMs"], spacing.max_wait_ms);
    assert_eq!(
        defaults["webhook"]["toleranceSeconds"],
        customerio_wasm::webhook::tolerance::DEFAULT_TOLERANCE_SECONDS
    );
}
