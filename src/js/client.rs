//! `CustomerIo`, the class npm users construct: one method per seed tool, the two async
//! iterables, and `prepare()` for dry runs. Each method is a one-line call into the driver.

use super::call::Client;
use super::errors::to_js;
use super::find_trigger;
use super::options::{CallOptions, ClientOptions};
use super::params::read_params as read_js_params;
use super::runtime::async_iterable;
use super::walker::PageWalker;
use crate::error::Result;
use crate::ops::{prepare, AnyOperation};
use js_sys::{Object, Promise, Reflect};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// A client of the Customer.io App API. Every request is validated before it is sent; the key
/// never appears in errors, prepared requests, `String(client)` or `JSON.stringify(client)`.
#[wasm_bindgen]
pub struct CustomerIo {
    client: Rc<Client>,
}

fn read_params(name: &str, params: Option<Object>) -> Result<Value> {
    read_js_params(name, &params.map_or(JsValue::UNDEFINED, Into::into))
}

impl CustomerIo {
    fn operation(name: &str, params: Option<Object>) -> Result<AnyOperation> {
        AnyOperation::from_name(name, read_params(name, params)?)
    }

    /// Validates, sends and resolves with the answer's body; rejects with a CustomerIoError.
    fn call(&self, name: &'static str, params: Option<Object>, options: Option<Object>) -> Promise {
        let client = self.client.clone();
        let prepared = Self::operation(name, params).and_then(|op| {
            let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
            Ok((op, CallOptions::read(&options, client.timeout_ms)?))
        });
        future_to_promise(async move {
            let (op, call) = prepared.map_err(|e| client.error(&e))?;
            client
                .execute(&op, &call)
                .await
                .map(|r| r.body)
                .map_err(|e| client.error(&e))
        })
    }

    /// An async iterable over every item of every page; throws at once on bad parameters.
    fn walk(
        &self,
        name: &'static str,
        params: Option<Object>,
        options: Option<Object>,
    ) -> std::result::Result<JsValue, JsValue> {
        let op = Self::operation(name, params).map_err(|e| self.client.error(&e))?;
        let options: JsValue = options.map_or(JsValue::UNDEFINED, Into::into);
        let call = CallOptions::read(&options, self.client.timeout_ms)
            .map_err(|e| self.client.error(&e))?;
        Ok(async_iterable(
            PageWalker::new(self.client.clone(), call, op).into(),
        ))
    }
}

#[wasm_bindgen]
impl CustomerIo {
    /// Creates a client. Throws a CustomerIoError (`invalid_params`) on bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CustomerIoOptions")] options: JsValue,
    ) -> std::result::Result<CustomerIo, JsValue> {
        let options = ClientOptions::read(&options).map_err(|e| {
            let key = Reflect::get(&options, &"apiKey".into())
                .ok()
                .and_then(|k| k.as_string());
            to_js(&match key {
                Some(key) => e.redact(key.trim()),
                None => e,
            })
        })?;
        let client = Client {
            config: options.config,
            fetch: options.fetch,
            timeout_ms: options.timeout_ms,
            retry: options.retry,
            spacer: options.spacing.into(),
        };
        Ok(CustomerIo {
            client: Rc::new(client),
        })
    }

    /// Triggers an API-triggered broadcast for exactly one audience. Retried only on 429; a 5xx
    /// or lost answer rejects `unknown_outcome` instead of risking a double send.
    #[wasm_bindgen(js_name = triggerBroadcast, unchecked_return_type = "Promise<TriggerBroadcastResult>")]
    pub fn trigger_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TriggerBroadcastParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("triggerBroadcast", Some(params), options)
    }

    /// One page of messages (deliveries and their metrics).
    #[wasm_bindgen(js_name = getMessages, unchecked_return_type = "Promise<MessagesPage>")]
    pub fn get_messages(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GetMessagesParams")] params: Option<Object>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getMessages", params, options)
    }

    /// Every message of every page, fetched one page at a time as the loop asks.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Message>")]
    pub fn messages(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "GetMessagesParams")] params: Option<Object>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> std::result::Result<JsValue, JsValue> {
        self.walk("getMessages", params, options)
    }

    /// Every segment of the workspace.
    #[wasm_bindgen(js_name = getSegments, unchecked_return_type = "Promise<SegmentsPage>")]
    pub fn get_segments(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NoParams")] params: Option<Object>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getSegments", params, options)
    }

    /// One segment by id.
    #[wasm_bindgen(js_name = getSegmentDetails, unchecked_return_type = "Promise<SegmentDetails>")]
    pub fn get_segment_details(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetSegmentDetailsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getSegmentDetails", Some(params), options)
    }

    /// One page of newsletters.
    #[wasm_bindgen(js_name = listNewsletters, unchecked_return_type = "Promise<NewslettersPage>")]
    pub fn list_newsletters(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListNewslettersParams")] params: Option<
            Object,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("listNewsletters", params, options)
    }

    /// Every newsletter of every page.
    #[wasm_bindgen(unchecked_return_type = "AsyncIterable<Newsletter>")]
    pub fn newsletters(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListNewslettersParams")] params: Option<
            Object,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> std::result::Result<JsValue, JsValue> {
        self.walk("listNewsletters", params, options)
    }

    /// Every transactional message template.
    #[wasm_bindgen(js_name = listTransactionalMessages, unchecked_return_type = "Promise<TransactionalMessages>")]
    pub fn list_transactional_messages(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NoParams")] params: Option<Object>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("listTransactionalMessages", params, options)
    }

    /// Every trigger of a broadcast.
    #[wasm_bindgen(js_name = getTriggers, unchecked_return_type = "Promise<TriggersPage>")]
    pub fn get_triggers(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTriggersParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTriggers", Some(params), options)
    }

    /// One trigger of a broadcast.
    #[wasm_bindgen(js_name = getTrigger, unchecked_return_type = "Promise<Trigger>")]
    pub fn get_trigger(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTriggerParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTrigger", Some(params), options)
    }

    /// One page of a trigger's per-line audience errors.
    #[wasm_bindgen(js_name = getTriggerErrors, unchecked_return_type = "Promise<TriggerErrorsPage>")]
    pub fn get_trigger_errors(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTriggerErrorsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTriggerErrors", Some(params), options)
    }

    /// Settles an unknown outcome: the broadcast's one trigger created from `after` to `before`
    /// (`found`), or `none`, or that it cannot tell (`ambiguous`, `unreachable`). Reads
    /// getTriggers; rejects only on bad parameters (nothing sent) or an abort.
    #[wasm_bindgen(js_name = findTrigger, unchecked_return_type = "Promise<FindTriggerResult>")]
    pub fn find_trigger(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FindTriggerParams")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        match find_trigger::window(&params) {
            Ok(window) => {
                let read = self.call(
                    "getTriggers",
                    Some(find_trigger::list_params(&window)),
                    options,
                );
                find_trigger::settle(window, read)
            }
            Err(e) => Promise::reject(&self.client.error(&e)),
        }
    }

    /// Every API-triggered broadcast of the workspace.
    #[wasm_bindgen(js_name = listBroadcasts, unchecked_return_type = "Promise<BroadcastsPage>")]
    pub fn list_broadcasts(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "NoParams")] params: Option<Object>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("listBroadcasts", params, options)
    }

    /// One API-triggered broadcast.
    #[wasm_bindgen(js_name = getBroadcast, unchecked_return_type = "Promise<BroadcastDetails>")]
    pub fn get_broadcast(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcast", Some(params), options)
    }

    /// A broadcast's metrics per period, oldest first.
    #[wasm_bindgen(js_name = getBroadcastMetrics, unchecked_return_type = "Promise<BroadcastMetrics>")]
    pub fn get_broadcast_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastMetrics", Some(params), options)
    }

    /// A dry run: the request a method would send, key redacted; throws the same validation
    /// errors; sends nothing.
    #[wasm_bindgen(unchecked_return_type = "PreparedRequest")]
    pub fn prepare(
        &self,
        #[wasm_bindgen(js_name = methodName, unchecked_param_type = "MethodName")]
        method_name: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "object")] params: Option<Object>,
    ) -> std::result::Result<JsValue, JsValue> {
        let request = read_params(method_name, params)
            .and_then(|p| prepare(method_name, p, &self.client.config))
            .map_err(|e| self.client.error(&e))?;
        let headers = Object::new();
        for (name, value) in &request.headers {
            Reflect::set(
                &headers,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            )?;
        }
        let prepared = Object::new();
        Reflect::set(&prepared, &"method".into(), &request.method.as_str().into())?;
        Reflect::set(&prepared, &"url".into(), &request.url.as_str().into())?;
        Reflect::set(&prepared, &"headers".into(), &headers)?;
        Reflect::set(
            &prepared,
            &"body".into(),
            &request.body.map_or(JsValue::NULL, |b| b.into()),
        )?;
        Ok(prepared.into())
    }

    /// What `JSON.stringify(client)` shows: where it sends, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string }")]
    pub fn to_json(&self) -> JsValue {
        let shown = Object::new();
        let _ = Reflect::set(
            &shown,
            &"baseUrl".into(),
            &self.client.config.base_url().into(),
        );
        shown.into()
    }

    /// What `String(client)` shows.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("CustomerIo({})", self.client.config.base_url())
    }
}
