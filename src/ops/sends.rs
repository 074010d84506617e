//! `POST /v1/send/{email,push,sms,in_app,inbox_message}`: one transactional message to one person. A send has
//! no idempotency key (reference §2.6: "a retried send delivers twice"), so, like a trigger, it
//! is retried only after a 429 and a 5xx or lost answer rejects `unknown_outcome`; unlike a
//! trigger it is not spaced (transactional has its own, far higher limit, reference §1.2).
//! The rules and their sources are in [`crate::params::send`].

use crate::prelude::*;

use super::Operation;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::params::send::{
    check_email_content, check_email_recipients, check_send_at, read_send_body, SendBody,
};
use crate::params::timestamp::UnixTime;
use crate::params::Params;
use crate::spec::{
    OperationSpec, MAX_SEND_PAYLOAD_BYTES, SEND_EMAIL, SEND_INBOX_MESSAGE, SEND_IN_APP, SEND_PUSH,
    SEND_SMS,
};
use crate::wire::http::HttpRequest;
use crate::wire::shape::{self, Field};
#[cfg(feature = "models")]
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The answer of a send: the delivery's id (to look it up in the delivery log) and when it was
/// queued.
#[cfg(feature = "models")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub delivery_id: String,
    #[serde(default)]
    pub queued_at: Option<i64>,
    #[serde(default)]
    pub send_at: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SendBody {
    /// The 1 MB payload limit, attachments left out (reference §2.6).
    fn check_payload(&self) -> Result<()> {
        let size: usize = self
            .body
            .iter()
            .filter(|(k, _)| k.as_str() != "attachments")
            .map(|(k, v)| k.len() + crate::messages::json_text(v).len() + 4)
            .sum();
        if size > MAX_SEND_PAYLOAD_BYTES {
            return Err(invalid!(
                &"message_data",
                OP_SEND_BYTES_JSON,
                size,
                MAX_SEND_PAYLOAD_BYTES
            ));
        }
        Ok(())
    }

    /// The request, built once for every channel (one copy of the code, not one per type).
    pub fn build(&self, spec: &OperationSpec, config: &Config) -> HttpRequest {
        HttpRequest::new(
            config,
            spec.method,
            spec.path.to_owned(),
            Vec::new(),
            Some(crate::messages::json_text(&Value::Object(
                self.body.clone(),
            ))),
        )
    }

    /// Checks `send_at` against `now` (the only rule that needs a clock).
    pub fn check_clock(&self, now: UnixTime) -> Result<()> {
        self.send_at.map_or(Ok(()), |at| check_send_at(at, now))
    }

    /// What to check before sending again after an unknown outcome: the delivery log.
    pub fn outcome_check_hint(&self, spec: &OperationSpec) -> String {
        msg!(OP_LOOK_IN_DELIVERY, spec.name)
    }
}

macro_rules! send_operation {
    ($(#[$doc:meta])* $name:ident, $spec:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        #[must_use]
        pub struct $name(pub SendBody);

        impl Operation for $name {
            const SPEC: &'static OperationSpec = &$spec;
            #[cfg(feature = "models")]
            type Output = Delivery;
            const SHAPE: &'static [Field] = shape::DELIVERY;

            fn from_params(params: Value) -> Result<Self> {
                read_send(Self::SPEC, params, $check).map($name)
            }

            fn body(&self) -> Option<Value> {
                Some(Value::Object(self.0.body.clone()))
            }

            fn build(&self, config: &Config) -> HttpRequest {
                self.0.build(Self::SPEC, config)
            }
        }
    };
}

/// Reads a send of `spec`: every parameter by its kind, the channel's own rule, the payload limit.
fn read_send(
    spec: &'static OperationSpec,
    params: Value,
    check: fn(&Map<String, Value>) -> Result<()>,
) -> Result<SendBody> {
    let mut p = Params::new(spec, params)?;
    let send = read_send_body(&mut p)?;
    check(&send.body)?;
    send.check_payload()?;
    Ok(send)
}

send_operation!(
    /// `POST /v1/send/email`: a template or your own body/subject/from, at most 15 recipients.
    SendEmail,
    SEND_EMAIL,
    |body| {
        check_email_recipients(body)?;
        check_email_content(body)
    }
);

send_operation!(
    /// `POST /v1/send/push`: a template to a person's devices.
    SendPush,
    SEND_PUSH,
    check_custom_device
);

send_operation!(
    /// `POST /v1/send/sms`: a template to a phone number.
    SendSms,
    SEND_SMS,
    |_| Ok(())
);

send_operation!(
    /// `POST /v1/send/in_app`: a template the in-app SDK renders.
    SendInApp,
    SEND_IN_APP,
    |_| Ok(())
);

send_operation!(
    /// `POST /v1/send/inbox_message`: a template the web SDK's inbox shows.
    SendInboxMessage,
    SEND_INBOX_MESSAGE,
    |_| Ok(())
);

/// `custom_device`: `token` (a string) and `platform` (`ios` or `android`) are required.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendPush/>
fn check_custom_device(body: &Map<String, Value>) -> Result<()> {
    let Some(device) = body.get("custom_device").and_then(Value::as_object) else {
        return Ok(());
    };
    if !device
        .get("token")
        .and_then(Value::as_str)
        .is_some_and(|t| !t.trim().is_empty())
    {
        return Err(Error::invalid(
            "custom_device.token",
            "custom_device needs token: the device's push token (a string)",
        ));
    }
    match device.get("platform").and_then(Value::as_str) {
        Some("ios" | "android") => Ok(()),
        _ => Err(Error::invalid(
            "custom_device.platform",
            "custom_device.platform must be \"ios\" or \"android\"",
        )),
    }
}
