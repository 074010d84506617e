//! Transactional sends: the request each one builds (method, path, body) and every rule of the
//! reference refused with its code and field, before anything could be sent. Sources:
//! https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/ (sendPush, sendSMS,
//! sendInApp beside it) and reference §2.6.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::{body, build, config, refuse, response};
use customerio_wasm::ops::{prepare, prepare_at, AnyOperation};
use customerio_wasm::params::timestamp::UnixTime;
use customerio_wasm::policy::retry::{give_up, Attempt, Decision, RetryPolicy};
use customerio_wasm::wire::http::Method;
use customerio_wasm::{Error, ErrorCode};
use serde_json::{json, Value};

const NOW: u64 = 1_765_000_000;

fn email(extra: Value) -> Value {
    let mut params = json!({
        "to": "road@runner.net",
        "identifiers": { "email": "road@runner.net" },
        "transactional_message_id": 4,
    });
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            params.as_object_mut().unwrap().remove(k);
        } else {
            params[k] = v.clone();
        }
    }
    params
}

fn refused_at(name: &str, params: Value, code: ErrorCode, field: &str) -> Error {
    let e = refuse(name, params);
    assert_eq!(
        (e.code, e.field.as_deref()),
        (code, Some(field)),
        "{}",
        e.message
    );
    e
}

fn at_now(name: &str, params: Value) -> Result<AnyOperation, Error> {
    AnyOperation::from_name_at(name, params, UnixTime::new(NOW).unwrap())
}

#[test]
fn send_email_with_a_template_posts_the_fields_as_given() {
    let request = build(
        "sendEmail",
        email(json!({ "message_data": { "order": "A-1", "total": 20 } })),
    );
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api.customer.io/v1/send/email");
    assert_eq!(
        body(&request),
        json!({
            "to": "road@runner.net",
            "identifiers": { "email": "road@runner.net" },
            "transactional_message_id": 4,
            "message_data": { "order": "A-1", "total": 20 },
        })
    );
}

#[test]
fn send_email_with_its_own_content_needs_no_template() {
    let request = build(
        "sendEmail",
        email(
            json!({ "transactional_message_id": null, "body": "<p>Hi</p>", "subject": "Hi", "from": "shop@acme.example" }),
        ),
    );
    assert_eq!(body(&request)["subject"], "Hi");
    assert!(body(&request).get("transactional_message_id").is_none());
}

#[test]
fn a_trigger_name_is_sent_as_a_string() {
    let request = build(
        "sendEmail",
        email(json!({ "transactional_message_id": "Order Confirmation" })),
    );
    assert_eq!(
        body(&request)["transactional_message_id"],
        "Order Confirmation"
    );
}

#[test]
fn push_sms_and_in_app_post_to_their_paths() {
    let person = json!({ "id": 42 });
    for (name, path, extra) in [
        (
            "sendPush",
            "/v1/send/push",
            json!({ "to": "last_used", "sound": "none" }),
        ),
        ("sendSMS", "/v1/send/sms", json!({ "to": "+15551234567" })),
        ("sendInApp", "/v1/send/in_app", json!({})),
        (
            "sendInboxMessage",
            "/v1/send/inbox_message",
            json!({ "message_data": { "order_id": "ORD-5678" } }),
        ),
    ] {
        let mut params = json!({ "identifiers": person, "transactional_message_id": 5 });
        for (k, v) in extra.as_object().unwrap() {
            params[k] = v.clone();
        }
        let request = build(name, params);
        assert_eq!(request.path, path);
        // A numeric customer id goes on the wire as a string (the reference's type).
        assert_eq!(
            body(&request)["identifiers"],
            json!({ "id": "42" }),
            "{name}"
        );
    }
}

#[test]
fn two_identifiers_are_refused_like_two_audiences() {
    let e = refused_at(
        "sendEmail",
        email(json!({ "identifiers": { "id": "c1", "email": "road@runner.net" } })),
        ErrorCode::AudienceConflict,
        "identifiers",
    );
    assert!(
        e.message.contains("exactly one of id, email or cio_id"),
        "{}",
        e.message
    );
    refused_at(
        "sendPush",
        json!({ "identifiers": {}, "transactional_message_id": 5 }),
        ErrorCode::MissingAudience,
        "identifiers",
    );
    refused_at(
        "sendSMS",
        json!({ "identifiers": { "phone": "+1555" }, "transactional_message_id": 5, "to": "+15551234567" }),
        ErrorCode::InvalidParams,
        "identifiers.phone",
    );
}

#[test]
fn sixteen_recipients_across_to_cc_and_bcc_are_refused() {
    let list = |n: usize, at: &str| {
        (0..n)
            .map(|i| format!("p{i}@{at}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let e = refused_at(
        "sendEmail",
        email(
            json!({ "to": list(10, "a.example"), "cc": list(5, "b.example"), "bcc": list(1, "c.example") }),
        ),
        ErrorCode::InvalidParams,
        "bcc",
    );
    assert!(
        e.message.contains("at most 15") && e.message.contains("got 16"),
        "{}",
        e.message
    );
    // 15, with display names whose quotes hold a comma, pass.
    let named = (0..15)
        .map(|i| format!("\"Runner, No. {i}\" <r{i}@runner.net>"))
        .collect::<Vec<_>>()
        .join(",");
    build("sendEmail", email(json!({ "to": named })));
}

#[test]
fn neither_template_nor_content_says_which_to_add() {
    let e = refused_at(
        "sendEmail",
        email(json!({ "transactional_message_id": null })),
        ErrorCode::InvalidParams,
        "transactional_message_id",
    );
    assert!(
        e.message.contains("add transactional_message_id")
            && e.message.contains("body, subject and from"),
        "{}",
        e.message
    );
    let e = refused_at(
        "sendEmail",
        email(json!({ "transactional_message_id": null, "body": "<p>Hi</p>" })),
        ErrorCode::InvalidParams,
        "subject",
    );
    assert!(e.message.contains("add subject and from"), "{}", e.message);
}

#[test]
fn send_at_in_milliseconds_or_as_iso_is_refused_with_the_seconds() {
    let e = refused_at(
        "sendEmail",
        email(json!({ "send_at": 1_765_000_000_000u64 })),
        ErrorCode::InvalidTimestamp,
        "send_at",
    );
    assert!(e.message.contains("pass 1765000000"), "{}", e.message);
    let e = refused_at(
        "sendEmail",
        email(json!({ "send_at": "2025-12-06T05:46:40Z" })),
        ErrorCode::InvalidTimestamp,
        "send_at",
    );
    assert!(
        e.message.contains("1764999999") || e.message.contains("is 17"),
        "{}",
        e.message
    );
}

#[test]
fn send_at_91_days_ahead_is_refused_and_90_days_pass() {
    let e = at_now("sendEmail", email(json!({ "send_at": NOW + 91 * 86_400 }))).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidTimestamp, Some("send_at"))
    );
    assert!(e.message.contains("90 days"), "{}", e.message);
    at_now("sendEmail", email(json!({ "send_at": NOW + 90 * 86_400 }))).unwrap();
}

#[test]
fn send_at_in_the_past_is_refused_beyond_a_minute_of_skew() {
    let e = at_now("sendSMS", json!({ "identifiers": { "id": "c1" }, "transactional_message_id": 5, "to": "+15551234567", "send_at": NOW - 3600 })).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::InvalidTimestamp, Some("send_at"))
    );
    assert!(
        e.message.contains("leave send_at out to send now"),
        "{}",
        e.message
    );
    at_now("sendEmail", email(json!({ "send_at": NOW - 30 }))).unwrap();
}

#[test]
fn prepare_at_checks_the_clock_and_prepare_does_not() {
    let params = email(json!({ "send_at": NOW + 200 * 86_400 }));
    assert!(prepare("sendEmail", params.clone(), &config()).is_ok());
    let e = prepare_at("sendEmail", params, &config(), UnixTime::new(NOW).unwrap()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidTimestamp);
}

#[test]
fn bad_base64_is_refused_at_its_file() {
    for bad in ["not base64!", "aGk", "a=Gk", ""] {
        let e = refused_at(
            "sendEmail",
            email(json!({ "attachments": { "receipt.pdf": bad } })),
            ErrorCode::InvalidParams,
            "attachments.receipt.pdf",
        );
        assert!(e.message.contains("base64"), "{}", e.message);
    }
    refused_at(
        "sendEmail",
        email(json!({ "attachments": { "receipt": "aGk=" } })),
        ErrorCode::InvalidParams,
        "attachments.receipt",
    );
}

#[test]
fn attachments_of_2_mb_plus_1_are_refused_and_just_under_pass() {
    let two_mb = 2 * 1024 * 1024;
    // 3 bytes per 4 base64 characters: a file of `n` bytes, n a multiple of 3.
    let file = |bytes: usize| "AAAA".repeat(bytes / 3);
    let e = refused_at(
        "sendEmail",
        email(json!({ "attachments": { "a.bin": file(two_mb - 2), "b.txt": "AAAA" } })),
        ErrorCode::InvalidParams,
        "attachments",
    );
    assert!(
        e.message.contains(&format!("{} bytes", two_mb + 1)),
        "{}",
        e.message
    );
    build(
        "sendEmail",
        email(json!({ "attachments": { "a.bin": file(two_mb - 2) } })),
    );
}

#[test]
fn headers_given_as_an_object_are_sent_as_the_api_s_json_string() {
    let request = build(
        "sendEmail",
        email(json!({ "headers": { "X-Order": "1001", "List-Id": "<orders.acme.example>" } })),
    );
    let headers = body(&request)["headers"].as_str().unwrap().to_owned();
    let mut sent: Vec<Value> = serde_json::from_str(&headers).unwrap();
    sent.sort_by_key(|h| h["name"].as_str().unwrap().to_owned());
    assert_eq!(
        sent,
        [
            json!({ "name": "List-Id", "value": "<orders.acme.example>" }),
            json!({ "name": "X-Order", "value": "1001" })
        ]
    );
    let request = build("sendEmail", email(json!({ "headers": { "X-A": "b" } })));
    assert_eq!(
        body(&request)["headers"],
        json!("[{\"name\":\"X-A\",\"value\":\"b\"}]")
    );
}

#[test]
fn headers_already_encoded_or_not_ascii_are_refused_with_the_fix() {
    let e = refused_at(
        "sendEmail",
        email(json!({ "headers": "[{\"name\":\"X-A\",\"value\":\"b\"}]" })),
        ErrorCode::InvalidParams,
        "headers",
    );
    assert!(e.message.contains("do not JSON.stringify"), "{}", e.message);
    refused_at(
        "sendEmail",
        email(json!({ "headers": { "X Order": "1" } })),
        ErrorCode::InvalidParams,
        "headers.X Order",
    );
    refused_at(
        "sendEmail",
        email(json!({ "headers": { "X-Name": "Zoë" } })),
        ErrorCode::InvalidParams,
        "headers.X-Name",
    );
}

#[test]
fn unknown_keys_are_refused_with_a_suggestion() {
    let e = refused_at(
        "sendEmail",
        email(json!({ "messageData": {} })),
        ErrorCode::InvalidParams,
        "messageData",
    );
    assert!(e.message.contains("message_data"), "{}", e.message);
    refused_at(
        "sendInApp",
        json!({ "identifiers": { "id": "c1" }, "transactional_message_id": 5, "to": "x" }),
        ErrorCode::InvalidParams,
        "to",
    );
}

#[test]
fn a_payload_over_1_mb_is_refused_before_sending() {
    let big = "x".repeat(600_000);
    let e = refused_at(
        "sendEmail",
        email(json!({ "message_data": { "a": big, "b": big } })),
        ErrorCode::InvalidParams,
        "message_data",
    );
    assert!(e.message.contains("at most"), "{}", e.message);
}

#[test]
fn auto_create_needs_a_trigger_name_string() {
    refused_at(
        "sendPush",
        json!({ "identifiers": { "id": "c1" }, "transactional_message_id": 5, "auto_create": true }),
        ErrorCode::InvalidParams,
        "auto_create",
    );
    build(
        "sendPush",
        json!({ "identifiers": { "id": "c1" }, "transactional_message_id": "new receipt", "auto_create": true }),
    );
}

#[test]
fn a_custom_device_needs_a_token_and_a_platform() {
    refused_at(
        "sendPush",
        json!({ "identifiers": { "id": "c1" }, "transactional_message_id": 5, "custom_device": { "token": "t", "platform": "windows" } }),
        ErrorCode::InvalidParams,
        "custom_device.platform",
    );
}

#[test]
fn a_send_is_retried_only_after_a_429() {
    let policy = RetryPolicy::default();
    let send = AnyOperation::from_name("sendEmail", email(json!({}))).unwrap();
    assert_eq!(send.spec().method, Method::Post);
    assert_eq!(send.spaced_broadcast(), None, "sends are not spaced");
    let answered = |status| Attempt::Answered {
        status,
        retry_after_ms: None,
    };
    assert!(matches!(
        policy.decide(Method::Post, answered(429), 0, 0, 0.5),
        Decision::RetryAfter(_)
    ));
    for status in [500, 502, 503, 504, 408] {
        assert_eq!(
            policy.decide(Method::Post, answered(status), 0, 0, 0.5),
            Decision::Stop,
            "{status}"
        );
    }
    assert_eq!(
        policy.decide(
            Method::Post,
            Attempt::Failed {
                timed_out: true,
                sent: true
            },
            0,
            0,
            0.5
        ),
        Decision::Stop
    );
    assert!(matches!(
        policy.decide(
            Method::Post,
            Attempt::Failed {
                timed_out: false,
                sent: false
            },
            0,
            0,
            0.5
        ),
        Decision::RetryAfter(_)
    ));
}

#[test]
fn a_5xx_on_a_send_is_an_unknown_outcome_that_says_where_to_look() {
    let send = AnyOperation::from_name("sendEmail", email(json!({}))).unwrap();
    let e = give_up(
        Method::Post,
        Attempt::Answered {
            status: 503,
            retry_after_ms: None,
        },
        Error::new(ErrorCode::ApiError, "503 service unavailable"),
        &send.outcome_check_hint(),
    );
    assert_eq!(e.code, ErrorCode::UnknownOutcome);
    assert!(
        e.message.contains("not sent again")
            && e.message.contains("delivery log")
            && e.message.contains("sendEmail"),
        "{}",
        e.message
    );
}

#[test]
fn the_answer_is_read_and_shape_checked() {
    let send = AnyOperation::from_name("sendEmail", email(json!({}))).unwrap();
    assert!(send
        .check(&response(
            200,
            r#"{"delivery_id":"RAECAAFwnUSneIa0ZXkmq8EdkAM=","queued_at":1500111111}"#
        ))
        .is_ok());
    let e = send
        .check(&response(200, r#"{"queued_at":1500111111}"#))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidResponse);
    let e = send
        .check(&response(
            400,
            r#"{"meta":{"error":"attachment is not base64"}}"#,
        ))
        .unwrap_err();
    assert!(
        e.message.contains("attachment is not base64"),
        "{}",
        e.message
    );
}
