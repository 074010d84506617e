//! `CustomerIo`, the class npm users construct: one method per seed tool, the two async
//! iterables, and `prepare()` for dry runs. Each method is a one-line call into the driver.

use crate::prelude::*;

use super::call::Client;
use super::errors::to_js;
use super::find_trigger;
use super::options::{CallOptions, ClientOptions};
use super::params::read_params as read_js_params;
use super::runtime::{async_iterable, now_ms};
use super::walker::PageWalker;
use crate::error::Result;
use crate::ops::{prepare_at, AnyOperation};
use crate::params::timestamp::UnixTime;
use alloc::rc::Rc;
use js_sys::{Object, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// A client of the Customer.io App API. Every request is validated before it is sent; the key
/// never appears in errors, prepared requests, `String(client)` or `JSON.stringify(client)`.
#[wasm_bindgen]
pub struct CustomerIo {
    client: Rc<Client>,
}

/// The clock the rules that need one read (a send's `send_at` window).
fn now() -> UnixTime {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = (now_ms() / 1000.0).max(0.0) as u64;
    UnixTime::saturating(seconds)
}

fn read_params(name: &str, params: Option<Object>) -> Result<Value> {
    read_js_params(name, &params.map_or(JsValue::UNDEFINED, Into::into))
}

impl CustomerIo {
    fn operation(name: &str, params: Option<Object>) -> Result<AnyOperation> {
        AnyOperation::from_name_at(name, read_params(name, params)?, now())
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
    ) -> core::result::Result<JsValue, JsValue> {
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
    ) -> core::result::Result<CustomerIo, JsValue> {
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
    ) -> core::result::Result<JsValue, JsValue> {
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
    ) -> core::result::Result<JsValue, JsValue> {
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

    /// How many people a segment holds now.
    #[wasm_bindgen(js_name = getSegmentCount, unchecked_return_type = "Promise<SegmentCount>")]
    pub fn get_segment_count(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetSegmentCountParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getSegmentCount", Some(params), options)
    }

    /// One page of a segment's members (identifiers and ids).
    #[wasm_bindgen(js_name = getSegmentMembership, unchecked_return_type = "Promise<SegmentMembership>")]
    pub fn get_segment_membership(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetSegmentMembershipParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getSegmentMembership", Some(params), options)
    }

    /// The campaigns and newsletters that use a segment.
    #[wasm_bindgen(js_name = getSegmentDependencies, unchecked_return_type = "Promise<SegmentDependencies>")]
    pub fn get_segment_dependencies(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetSegmentDependenciesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getSegmentDependencies", Some(params), options)
    }

    /// The actions of a broadcast, with their content.
    #[wasm_bindgen(js_name = listBroadcastActions, unchecked_return_type = "Promise<BroadcastActions>")]
    pub fn list_broadcast_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListBroadcastActionsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("listBroadcastActions", Some(params), options)
    }

    /// One action of a broadcast.
    #[wasm_bindgen(js_name = getBroadcastAction, unchecked_return_type = "Promise<BroadcastActionDetails>")]
    pub fn get_broadcast_action(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastActionParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastAction", Some(params), options)
    }

    /// One broadcast action's metrics per period, oldest first.
    #[wasm_bindgen(js_name = getBroadcastActionMetrics, unchecked_return_type = "Promise<Metrics>")]
    pub fn get_broadcast_action_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastActionMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastActionMetrics", Some(params), options)
    }

    /// Clicks per link of one broadcast action.
    #[wasm_bindgen(js_name = getBroadcastActionLinkMetrics, unchecked_return_type = "Promise<LinkMetrics>")]
    pub fn get_broadcast_action_link_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastActionLinkMetricsParams")]
        params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastActionLinkMetrics", Some(params), options)
    }

    /// Clicks per link of a whole broadcast.
    #[wasm_bindgen(js_name = getBroadcastLinkMetrics, unchecked_return_type = "Promise<LinkMetrics>")]
    pub fn get_broadcast_link_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastLinkMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastLinkMetrics", Some(params), options)
    }

    /// One page of a broadcast's deliveries.
    #[wasm_bindgen(js_name = getBroadcastMessages, unchecked_return_type = "Promise<MessagesPage>")]
    pub fn get_broadcast_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastMessagesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getBroadcastMessages", Some(params), options)
    }

    /// One newsletter by id.
    #[wasm_bindgen(js_name = getNewsletter, unchecked_return_type = "Promise<NewsletterDetails>")]
    pub fn get_newsletter(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetNewsletterParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getNewsletter", Some(params), options)
    }

    /// A newsletter's metrics per period, oldest first.
    #[wasm_bindgen(js_name = getNewsletterMetrics, unchecked_return_type = "Promise<Metrics>")]
    pub fn get_newsletter_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetNewsletterMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getNewsletterMetrics", Some(params), options)
    }

    /// Clicks per link of a newsletter.
    #[wasm_bindgen(js_name = getNewsletterLinkMetrics, unchecked_return_type = "Promise<LinkMetrics>")]
    pub fn get_newsletter_link_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetNewsletterLinkMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getNewsletterLinkMetrics", Some(params), options)
    }

    /// One page of a newsletter's deliveries.
    #[wasm_bindgen(js_name = getNewsletterMessages, unchecked_return_type = "Promise<MessagesPage>")]
    pub fn get_newsletter_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetNewsletterMessagesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getNewsletterMessages", Some(params), options)
    }

    /// One delivery and its metrics, by its string id.
    #[wasm_bindgen(js_name = getMessage, unchecked_return_type = "Promise<MessageDetails>")]
    pub fn get_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetMessageParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getMessage", Some(params), options)
    }

    /// One transactional message template.
    #[wasm_bindgen(js_name = getTransactionalMessage, unchecked_return_type = "Promise<TransactionalMessageDetails>")]
    pub fn get_transactional_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTransactionalMessageParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTransactionalMessage", Some(params), options)
    }

    /// A transactional message's metrics per period, oldest first.
    #[wasm_bindgen(js_name = getTransactionalMetrics, unchecked_return_type = "Promise<Metrics>")]
    pub fn get_transactional_metrics(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTransactionalMetricsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTransactionalMetrics", Some(params), options)
    }

    /// One page of a transactional message's deliveries.
    #[wasm_bindgen(js_name = getTransactionalDeliveries, unchecked_return_type = "Promise<MessagesPage>")]
    pub fn get_transactional_deliveries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTransactionalDeliveriesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("getTransactionalDeliveries", Some(params), options)
    }

    /// Every member of a segment (their identifiers), page after page as the loop asks.
    #[wasm_bindgen(js_name = segmentMembers, unchecked_return_type = "AsyncIterable<SegmentMember>")]
    pub fn segment_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetSegmentMembershipParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> core::result::Result<JsValue, JsValue> {
        self.walk("getSegmentMembership", Some(params), options)
    }

    /// Every delivery of a broadcast, page after page as the loop asks.
    #[wasm_bindgen(js_name = broadcastMessages, unchecked_return_type = "AsyncIterable<Message>")]
    pub fn broadcast_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetBroadcastMessagesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> core::result::Result<JsValue, JsValue> {
        self.walk("getBroadcastMessages", Some(params), options)
    }

    /// Every delivery of a newsletter, page after page as the loop asks.
    #[wasm_bindgen(js_name = newsletterMessages, unchecked_return_type = "AsyncIterable<Message>")]
    pub fn newsletter_messages(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetNewsletterMessagesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> core::result::Result<JsValue, JsValue> {
        self.walk("getNewsletterMessages", Some(params), options)
    }

    /// Every delivery of a transactional message, page after page as the loop asks.
    #[wasm_bindgen(js_name = transactionalDeliveries, unchecked_return_type = "AsyncIterable<Message>")]
    pub fn transactional_deliveries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetTransactionalDeliveriesParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> core::result::Result<JsValue, JsValue> {
        self.walk("getTransactionalDeliveries", Some(params), options)
    }

    /// Sends one transactional email (a template, or your own body, subject and from). Retried
    /// only on 429; a 5xx or lost answer rejects `unknown_outcome` instead of sending it twice.
    #[wasm_bindgen(js_name = sendEmail, unchecked_return_type = "Promise<Delivery>")]
    pub fn send_email(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendEmailParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("sendEmail", Some(params), options)
    }

    /// Sends one transactional push from a template. Never sent twice (see `sendEmail`).
    #[wasm_bindgen(js_name = sendPush, unchecked_return_type = "Promise<Delivery>")]
    pub fn send_push(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendPushParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("sendPush", Some(params), options)
    }

    /// Sends one transactional SMS from a template. Never sent twice (see `sendEmail`).
    #[wasm_bindgen(js_name = sendSMS, unchecked_return_type = "Promise<Delivery>")]
    pub fn send_sms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendSmsParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("sendSMS", Some(params), options)
    }

    /// Sends one transactional in-app message from a template. Never sent twice (see `sendEmail`).
    #[wasm_bindgen(js_name = sendInApp, unchecked_return_type = "Promise<Delivery>")]
    pub fn send_in_app(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendInAppParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("sendInApp", Some(params), options)
    }

    /// Sends one transactional inbox message from a template. Never sent twice (see `sendEmail`).
    #[wasm_bindgen(js_name = sendInboxMessage, unchecked_return_type = "Promise<Delivery>")]
    pub fn send_inbox_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendInboxMessageParams")] params: Object,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<Object>,
    ) -> Promise {
        self.call("sendInboxMessage", Some(params), options)
    }

    /// A dry run: the request a method would send, key redacted; throws the same validation
    /// errors; sends nothing.
    #[wasm_bindgen(unchecked_return_type = "PreparedRequest")]
    pub fn prepare(
        &self,
        #[wasm_bindgen(js_name = methodName, unchecked_param_type = "MethodName")]
        method_name: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "object")] params: Option<Object>,
    ) -> core::result::Result<JsValue, JsValue> {
        let request = read_params(method_name, params)
            .and_then(|p| prepare_at(method_name, p, &self.client.config, now()))
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
        join!("CustomerIo(", self.client.config.base_url(), ")")
    }
}
