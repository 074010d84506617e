//! The binding layer in a real JS engine (wasm-bindgen-test; Node by default, headless Chromium
//! with WASM_BINDGEN_USE_BROWSER=1): options, JS⇄Rust conversion, Dates, error objects, the
//! fetch transport and the async iterable.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use customerio_wasm::js::CustomerIo;
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function obj(json) { return JSON.parse(json); }
export function withDate(key, ms) { return { [key]: new Date(ms) }; }
export function get(o, k) { return o[k]; }
export function isPlain(o) { return Object.getPrototypeOf(o) === Object.prototype; }
export function isError(e) { return e instanceof Error && e.name === "CustomerIoError"; }
export function stringify(v) { return JSON.stringify(v); }
export function str(v) { return String(v); }
// A fetch that answers from a list of [status, headers, body] and records the requests.
export function scriptedFetch(answers) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body ?? null, auth: init.headers.Authorization });
    const next = answers.shift();
    if (next === undefined) throw new TypeError("fetch failed");
    if (next === "throw") throw new TypeError("fetch failed");
    const [status, headers, body] = next;
    return new Response(body, { status, headers });
  };
  return { fetch, calls };
}
export function options(fetch, extra) { return { apiKey: "secret-key-42", baseUrl: "http://127.0.0.1:9", fetch, ...extra }; }
export function hookOptions(fetch, log, refuse) {
  return { apiKey: "k", baseUrl: "http://127.0.0.1:9", fetch, spacing: { acquire: async (key, intervalMs) => {
    log.push(`${key}/${intervalMs}`);
    if (refuse) { const e = new Error("slot taken"); e.retryAfterMs = 1234; throw e; }
  } } };
}
export function now() { return Date.now(); }
export function deadline(ms) { return { signal: AbortSignal.timeout(ms) }; }
// A fetch that never answers until aborted. The interval keeps Node's event loop alive, as a real
// socket would (AbortSignal.timeout's timer does not, and Node would exit mid-test).
export function hangingFetch() {
  return (url, init) => new Promise((_, reject) => {
    const keepAlive = setInterval(() => {}, 1000);
    init.signal.addEventListener("abort", () => { clearInterval(keepAlive); reject(init.signal.reason); });
  });
}
export async function collect(iterable) { const out = []; for await (const item of iterable) out.push(item); return out; }
"#)]
extern "C" {
    fn obj(json: &str) -> JsValue;
    #[wasm_bindgen(js_name = withDate)]
    fn with_date(key: &str, ms: f64) -> Object;
    fn get(o: &JsValue, k: &str) -> JsValue;
    #[wasm_bindgen(js_name = isPlain)]
    fn is_plain(o: &JsValue) -> bool;
    #[wasm_bindgen(js_name = isError)]
    fn is_error(e: &JsValue) -> bool;
    fn stringify(v: &JsValue) -> String;
    fn str(v: &JsValue) -> String;
    #[wasm_bindgen(js_name = scriptedFetch)]
    fn scripted_fetch(answers: JsValue) -> JsValue;
    fn options(fetch: JsValue, extra: JsValue) -> JsValue;
    fn collect(iterable: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = hookOptions)]
    fn hook_options(fetch: JsValue, log: &js_sys::Array, refuse: bool) -> JsValue;
    fn now() -> f64;
    fn deadline(ms: f64) -> Object;
    #[wasm_bindgen(js_name = hangingFetch)]
    fn hanging_fetch() -> JsValue;
}

#[wasm_bindgen(module = "/src/js/runtime.js")]
extern "C" {
    /// What every entry of the package does at load: install the answer shapes of the core's
    /// exported table.
    #[wasm_bindgen(js_name = installAnswers)]
    fn install_answers(answers: JsValue);
}

fn client(answers: &str, extra: &str) -> (CustomerIo, JsValue) {
    install_answers(obj(&customerio_wasm::export::answers().to_string()));
    let scripted = scripted_fetch(obj(answers));
    let cio = CustomerIo::new(options(get(&scripted, "fetch"), obj(extra))).unwrap();
    (cio, get(&scripted, "calls"))
}

fn object(json: &str) -> Object {
    obj(json).unchecked_into()
}

fn code(error: &JsValue) -> String {
    get(error, "code").as_string().unwrap_or_default()
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

fn call_count(calls: &JsValue) -> u32 {
    js_sys::Array::from(calls).length()
}

#[wasm_bindgen_test]
fn constructor_refuses_bad_options_with_typed_errors() {
    for (options, field) in [
        (r#"{}"#, "apiKey"),
        (r#"{"apiKey": ""}"#, "apiKey"),
        (r#"{"apiKey": "k", "region": "asia"}"#, "region"),
        (r#"{"apiKey": "k", "apikey": "k"}"#, "apikey"),
        (r#"{"apiKey": "k", "baseUrl": "localhost:4010"}"#, "baseUrl"),
        (r#"{"apiKey": "k", "timeoutMs": -1}"#, "timeoutMs"),
        (r#"{"apiKey": "k", "retry": {"maxRetrys": 1}}"#, "maxRetrys"),
    ] {
        let error = CustomerIo::new(obj(options)).err().unwrap();
        assert!(is_error(&error), "{options}");
        assert_eq!(
            (code(&error), get(&error, "field").as_string().unwrap()),
            ("invalid_params".into(), field.into()),
            "{options}"
        );
    }
    let error = CustomerIo::new(JsValue::UNDEFINED).err().unwrap();
    assert_eq!(code(&error), "invalid_params");
}

#[wasm_bindgen_test]
fn dates_become_unix_seconds_and_invalid_dates_are_refused() {
    let (cio, _) = client("[]", "{}");
    let prepared = cio
        .prepare(
            "getMessages",
            Some(with_date("start_ts", 1_700_000_000_999.0)),
        )
        .unwrap();
    assert_eq!(
        get(&prepared, "url").as_string().unwrap(),
        "http://127.0.0.1:9/v1/messages?start_ts=1700000000"
    );
    let error = cio
        .prepare("getMessages", Some(with_date("end_ts", f64::NAN)))
        .err()
        .unwrap();
    assert_eq!(
        (code(&error), get(&error, "field").as_string().unwrap()),
        ("invalid_timestamp".into(), "end_ts".into())
    );
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("Invalid Date"));
}

#[wasm_bindgen_test]
fn prepare_redacts_the_key_and_the_client_never_shows_it() {
    let (cio, calls) = client("[]", "{}");
    let prepared = cio
        .prepare(
            "triggerBroadcast",
            Some(object(r#"{"broadcast_id": 3, "emails": ["a@b.co"]}"#)),
        )
        .unwrap();
    assert_eq!(get(&prepared, "method").as_string().unwrap(), "POST");
    assert_eq!(
        get(&get(&prepared, "headers"), "Authorization")
            .as_string()
            .unwrap(),
        "Bearer [REDACTED]"
    );
    assert_eq!(
        get(&prepared, "body").as_string().unwrap(),
        r#"{"emails":["a@b.co"]}"#
    );
    assert!(get(&cio.prepare("getSegments", None).unwrap(), "body").is_null());
    for shown in [
        stringify(&prepared),
        stringify(&cio.to_json()),
        cio.to_string_js(),
    ] {
        assert!(!shown.contains("secret-key-42"), "{shown}");
    }
    assert_eq!(call_count(&calls), 0);
}

#[wasm_bindgen_test]
async fn validation_rejects_before_any_fetch() {
    let (cio, calls) = client("[]", "{}");
    let error = settle(cio.trigger_broadcast(
        object(r#"{"broadcast_id": 3, "ids": ["a"], "emails": ["a@b.co"]}"#),
        None,
    ))
    .await
    .unwrap_err();
    assert!(is_error(&error));
    assert_eq!(
        (code(&error), get(&error, "field").as_string().unwrap()),
        ("audience_conflict".into(), "emails".into())
    );
    assert!(
        get(&error, "status").is_undefined(),
        "validation errors have no status"
    );
    let error = settle(cio.get_messages(Some(object(r#"{"limit": 5000}"#)), None))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "invalid_params");
    let error = settle(cio.get_segments(None, Some(object(r#"{"timeout": 5}"#))))
        .await
        .unwrap_err();
    assert_eq!(
        (code(&error), get(&error, "field").as_string().unwrap()),
        ("invalid_params".into(), "timeout".into())
    );
    assert_eq!(call_count(&calls), 0);
}

#[wasm_bindgen_test]
async fn answers_arrive_as_plain_objects_with_nulls_kept_and_the_key_sent() {
    let (cio, calls) = client(
        r#"[[200, {"content-type": "application/json"}, "{\"segments\":[{\"id\":7,\"name\":\"VIP\",\"tags\":null,\"new_field\":1}]}"]]"#,
        "{}",
    );
    let page = settle(cio.get_segments(None, None)).await.unwrap();
    assert!(is_plain(&page));
    let first = Reflect::get_u32(&get(&page, "segments"), 0).unwrap();
    assert!(is_plain(&first));
    assert!(get(&first, "tags").is_null());
    assert_eq!(get(&first, "new_field").as_f64(), Some(1.0));
    let call = Reflect::get_u32(&calls, 0).unwrap();
    assert_eq!(
        get(&call, "auth").as_string().unwrap(),
        "Bearer secret-key-42"
    );
    assert_eq!(
        get(&call, "url").as_string().unwrap(),
        "http://127.0.0.1:9/v1/segments"
    );
}

#[wasm_bindgen_test]
async fn api_errors_carry_status_retry_after_and_the_error_list() {
    let (cio, calls) = client(
        r#"[[429, {"retry-after": "2"}, "{\"errors\":[{\"detail\":\"rate limited\",\"status\":\"429\"}]}"]]"#,
        r#"{"retry": false}"#,
    );
    let error = settle(cio.get_segments(None, None)).await.unwrap_err();
    assert_eq!(code(&error), "rate_limited");
    assert_eq!(get(&error, "status").as_f64(), Some(429.0));
    assert_eq!(get(&error, "retryAfterMs").as_f64(), Some(2000.0));
    assert_eq!(
        get(
            &Reflect::get_u32(&get(&error, "errors"), 0).unwrap(),
            "detail"
        )
        .as_string()
        .unwrap(),
        "rate limited"
    );
    assert_eq!(call_count(&calls), 1);
}

#[wasm_bindgen_test]
async fn reads_retry_transient_faults_and_triggers_do_not() {
    let (cio, calls) = client(
        r#"[[503, {}, ""], [200, {}, "{\"segments\":[]}"]]"#,
        r#"{"retry": {"baseDelayMs": 1}}"#,
    );
    settle(cio.get_segments(None, None)).await.unwrap();
    assert_eq!(call_count(&calls), 2);

    let (cio, calls) = client(
        r#"[[503, {}, ""], [200, {}, "{\"id\":1}"]]"#,
        r#"{"retry": {"baseDelayMs": 1}}"#,
    );
    let error = settle(cio.trigger_broadcast(object(r#"{"broadcast_id": 3, "ids": ["a"]}"#), None))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "unknown_outcome");
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("getTriggers({ broadcast_id: 3 })"));
    assert_eq!(
        call_count(&calls),
        1,
        "a trigger is never sent twice after a 5xx"
    );

    let (cio, calls) = client(r#"["throw"]"#, r#"{"retry": {"baseDelayMs": 1}}"#);
    let error = settle(cio.trigger_broadcast(
        object(r#"{"broadcast_id": 3, "default_audience": true}"#),
        None,
    ))
    .await
    .unwrap_err();
    assert_eq!(code(&error), "unknown_outcome");
    assert_eq!(call_count(&calls), 1);

    let (cio, calls) = client(
        r#"["throw", "throw"]"#,
        r#"{"retry": {"maxRetries": 1, "baseDelayMs": 1}}"#,
    );
    let error = settle(cio.get_segments(None, None)).await.unwrap_err();
    assert_eq!(code(&error), "network_error");
    assert_eq!(call_count(&calls), 2);
}

#[wasm_bindgen_test]
async fn a_2xx_of_the_wrong_shape_is_invalid_response() {
    let (cio, _) = client(r#"[[200, {}, "<html>hi</html>"]]"#, "{}");
    let error = settle(cio.get_segments(None, None)).await.unwrap_err();
    assert_eq!(code(&error), "invalid_response");
}

#[wasm_bindgen_test]
async fn async_iterables_follow_next_to_the_end() {
    let pages = r#"[[200, {}, "{\"newsletters\":[{\"id\":1},{\"id\":2}],\"next\":\"p2\"}"], [200, {}, "{\"newsletters\":[{\"id\":3}],\"next\":null}"]]"#;
    let (cio, calls) = client(pages, "{}");
    let iterable = cio
        .newsletters(Some(object(r#"{"limit": 2}"#)), None)
        .unwrap();
    let items = settle(collect(&iterable)).await.unwrap();
    assert_eq!(js_sys::Array::from(&items).length(), 3);
    let second = Reflect::get_u32(&calls, 1).unwrap();
    assert_eq!(
        get(&second, "url").as_string().unwrap(),
        "http://127.0.0.1:9/v1/newsletters?limit=2&start=p2"
    );
    let error = cio
        .messages(Some(object(r#"{"limit": 0}"#)), None)
        .err()
        .unwrap();
    assert_eq!(code(&error), "invalid_params");
}

#[wasm_bindgen_test]
async fn a_repeated_cursor_stops_the_iteration() {
    let pages = r#"[[200, {}, "{\"messages\":[{\"id\":\"a\"}],\"next\":\"same\"}"], [200, {}, "{\"messages\":[{\"id\":\"b\"}],\"next\":\"same\"}"]]"#;
    let (cio, _) = client(pages, "{}");
    let error = settle(collect(&cio.messages(None, None).unwrap()))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "invalid_response");
}

#[wasm_bindgen_test]
async fn the_module_keeps_serving_after_bad_input() {
    let (cio, _) = client(r#"[[200, {}, "{\"segments\":[]}"]]"#, "{}");
    for bad in [
        r#"{"broadcast_id": {"x": [1, {"y": null}]}}"#,
        r#"{"ids": "nope", "broadcast_id": -1}"#,
        r#"[1,2,3]"#,
    ] {
        let error = settle(cio.trigger_broadcast(object(bad), None))
            .await
            .unwrap_err();
        assert!(is_error(&error));
    }
    settle(cio.get_segments(None, None)).await.unwrap();
}

const TWO_TRIGGERS: &str = r#"[[200, {}, "{\"id\":1}"], [200, {}, "{\"id\":2}"]]"#;

#[wasm_bindgen_test]
async fn triggers_of_one_broadcast_are_spaced_by_the_interval() {
    let (cio, calls) = client(TWO_TRIGGERS, r#"{"spacing": {"intervalMs": 150}}"#);
    let started = now();
    let params = r#"{"broadcast_id": 3, "ids": ["a"]}"#;
    let first = cio.trigger_broadcast(object(params), None);
    let second = cio.trigger_broadcast(object(params), None);
    assert_eq!(get(&settle(first).await.unwrap(), "id").as_f64(), Some(1.0));
    assert_eq!(
        get(&settle(second).await.unwrap(), "id").as_f64(),
        Some(2.0),
        "calls go out in the order they were made"
    );
    assert!(
        now() - started >= 145.0,
        "the second trigger waited for its slot"
    );
    assert_eq!(call_count(&calls), 2);
}

#[wasm_bindgen_test]
async fn a_spacing_wait_beyond_max_wait_is_refused_without_sending() {
    let (cio, calls) = client(TWO_TRIGGERS, r#"{"spacing": {"maxWaitMs": 0}}"#);
    let params = r#"{"broadcast_id": 3, "ids": ["a"]}"#;
    settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap();
    let error = settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "rate_limited");
    let wait = get(&error, "retryAfterMs").as_f64().unwrap();
    assert!(wait > 9_000.0 && wait <= 10_000.0, "{wait}");
    assert_eq!(call_count(&calls), 1);
    let other = settle(cio.trigger_broadcast(object(r#"{"broadcast_id": 4, "ids": ["a"]}"#), None))
        .await
        .unwrap();
    assert_eq!(
        get(&other, "id").as_f64(),
        Some(2.0),
        "another broadcast is not held back"
    );
}

#[wasm_bindgen_test]
async fn the_acquire_hook_replaces_local_spacing() {
    let scripted = scripted_fetch(obj(TWO_TRIGGERS));
    let log = js_sys::Array::new();
    let cio = CustomerIo::new(hook_options(get(&scripted, "fetch"), &log, false)).unwrap();
    let params = r#"{"broadcast_id": 3, "ids": ["a"]}"#;
    settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap();
    settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap();
    assert_eq!(
        log.join(",").as_string().unwrap(),
        "broadcast:3/10000,broadcast:3/10000"
    );

    let scripted = scripted_fetch(obj(TWO_TRIGGERS));
    let cio = CustomerIo::new(hook_options(get(&scripted, "fetch"), &log, true)).unwrap();
    let error = settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap_err();
    assert_eq!(
        (code(&error), get(&error, "retryAfterMs").as_f64()),
        ("rate_limited".into(), Some(1234.0))
    );
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("slot taken"));
    assert_eq!(call_count(&get(&scripted, "calls")), 0);
}

#[wasm_bindgen_test]
async fn an_abort_during_the_spacing_wait_stops_the_trigger() {
    let (cio, calls) = client(
        TWO_TRIGGERS,
        r#"{"spacing": {"intervalMs": 60000, "maxWaitMs": 60000}}"#,
    );
    let params = r#"{"broadcast_id": 3, "ids": ["a"]}"#;
    settle(cio.trigger_broadcast(object(params), None))
        .await
        .unwrap();
    let controller = web_sys::AbortController::new().unwrap();
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let pending = cio.trigger_broadcast(object(params), Some(options));
    controller.abort();
    let error = settle(pending).await.unwrap_err();
    assert_eq!(code(&error), "aborted");
    assert_eq!(call_count(&calls), 1);
}

#[wasm_bindgen_test]
async fn a_deadline_signal_is_an_overall_timeout() {
    let cio = CustomerIo::new(options(hanging_fetch(), obj(r#"{"timeoutMs": 0}"#))).unwrap();
    let started = now();
    let error = settle(cio.get_segments(None, Some(deadline(50.0))))
        .await
        .unwrap_err();
    assert_eq!(code(&error), "timeout");
    assert!(now() - started < 2_000.0);
    let error = settle(cio.trigger_broadcast(
        object(r#"{"broadcast_id": 3, "ids": ["a"]}"#),
        Some(deadline(50.0)),
    ))
    .await
    .unwrap_err();
    assert_eq!(
        code(&error),
        "unknown_outcome",
        "a trigger cut off in flight may have been sent"
    );
}

#[wasm_bindgen_test]
async fn a_per_attempt_timeout_is_timeout_for_reads() {
    let cio = CustomerIo::new(options(
        hanging_fetch(),
        obj(r#"{"timeoutMs": 30, "retry": false}"#),
    ))
    .unwrap();
    let error = settle(cio.get_segments(None, None)).await.unwrap_err();
    assert_eq!(code(&error), "timeout");
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("30 ms"));
}
