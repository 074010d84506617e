//! Prints the exact HTTP request the core builds for each seed workflow, then shows the seed's
//! pitfalls refused before anything is sent. Pure Rust, no network: `cargo run --example requests`.

use customerio_wasm::config::{Config, Region};
use customerio_wasm::ops::prepare;
use serde_json::{json, Value};

fn show(title: &str, method: &str, params: Value, config: &Config) {
    println!("\n## {title}: {method}({params})");
    match prepare(method, params, config) {
        Ok(request) => {
            println!("{} {}", request.method.as_str(), request.url);
            for (name, value) in &request.headers {
                println!("{name}: {value}");
            }
            if let Some(body) = &request.body {
                println!("\n{body}");
            }
        }
        Err(e) => println!(
            "refused before sending: {} (field {:?})\n  {}",
            e.code_str(),
            e.field.unwrap_or_default(),
            e.message
        ),
    }
}

fn main() -> Result<(), customerio_wasm::Error> {
    let config = Config::for_region(Region::Us, "your-app-api-key")?;
    println!("# What the core sends (key redacted)");
    show("Segments", "getSegments", json!({}), &config);
    show(
        "Trigger a broadcast to a segment",
        "triggerBroadcast",
        json!({"broadcast_id": 11, "recipients": {"segment": {"id": 3}}, "data": {"headline": "VIP week"}}),
        &config,
    );
    show(
        "Trigger for listed people with per-person data",
        "triggerBroadcast",
        json!({"broadcast_id": 11, "per_user_data": [{"id": "u1", "data": {"code": "A1"}}, {"email": "b@example.com"}], "id_ignore_missing": true}),
        &config,
    );
    show(
        "Message metrics, last 30 days",
        "getMessages",
        json!({"type": "email", "metric": "opened", "start_ts": 1_700_000_000, "end_ts": 1_702_592_000, "limit": 100}),
        &config,
    );
    show(
        "Newsletters, next page",
        "listNewsletters",
        json!({"limit": 50, "sort": "desc", "start": "abc=="}),
        &config,
    );
    show(
        "Transactional templates",
        "listTransactionalMessages",
        json!(null),
        &config,
    );
    show(
        "Trigger history",
        "getTriggers",
        json!({"broadcast_id": 11}),
        &config,
    );
    show(
        "One trigger",
        "getTrigger",
        json!({"broadcast_id": 11, "trigger_id": "5-37"}),
        &config,
    );

    println!("\n# The seed's pitfalls, refused before anything is sent");
    show(
        "Two audiences",
        "triggerBroadcast",
        json!({"broadcast_id": 11, "ids": ["u1"], "emails": ["a@example.com"]}),
        &config,
    );
    show(
        "An ISO timestamp",
        "getMessages",
        json!({"start_ts": "2024-01-15T00:00:00Z"}),
        &config,
    );
    show(
        "A limit of 5000",
        "getMessages",
        json!({"limit": 5000}),
        &config,
    );
    show(
        "No audience at all",
        "triggerBroadcast",
        json!({"broadcast_id": 11, "data": {"x": 1}}),
        &config,
    );
    Ok(())
}
