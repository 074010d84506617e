//! `POST /v1/send/{email,push,sms,in_app}`: one transactional message to one person. A send has
//! no idempotency key (reference §2.6: "a retried send delivers twice"), so, like a trigger, it
//! is retried only after a 429 and a 5xx or lost answer rejects `unknown_outcome`; unlike a
//! trigger it is not spaced (transactional has its own, far higher limit, reference §1.2).
//! The rules and their sources are in [`crate::params::send`].

use super::Operation;
use crate::error::{Error, Result};
use crate::params::send::{
    check_email_content, check_email_recipients, check_send_at, read_send_body, SendBody,
};
use crate::params::timestamp::UnixTime;
use crate::params::Params;
use crate::spec::{
    OperationSpec, MAX_SEND_PAYLOAD_BYTES, SEND_EMAIL, SEND_IN_APP, SEND_PUSH, SEND_SMS,
};
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
            .map(|(k, v)| k.len() + v.to_string().len() + 4)
            .sum();
        if size > MAX_SEND_PAYLOAD_BYTES {
            return Err(Error::invalid(
                "message_data",
                format!("the send is {size} bytes of JSON (attachments aside); Customer.io takes at most {MAX_SEND_PAYLOAD_BYTES}: move large content into the template"),
            ));
        }
        Ok(())
    }

    /// Checks `send_at` against `now` (the only rule that needs a clock).
    pub fn check_clock(&self, now: UnixTime) -> Result<()> {
        self.send_at.map_or(Ok(()), |at| check_send_at(at, now))
    }

    /// Who the message goes to, in words, for the unknown-outcome hint.
    fn recipient(&self) -> String {
        let to = self.body.get("to").and_then(Value::as_str);
        let who = self
            .body
            .get("identifiers")
            .and_then(Value::as_object)
            .and_then(|m| m.iter().next())
            .map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or_default()));
        match (to, who) {
            (Some(to), _) => to.to_owned(),
            (None, Some(who)) => who,
            (None, None) => "the person".to_owned(),
        }
    }
}

macro_rules! send_operation {
    ($(#[$doc:meta])* $name:ident, $spec:expr, $channel:literal, $type:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        #[must_use]
        pub struct $name(pub SendBody);

        impl $name {
            /// The validated body, as it goes on the wire.
            pub fn body_map(&self) -> &Map<String, Value> {
                &self.0.body
            }

            /// Checks `send_at` against the clock.
            pub fn check_clock(&self, now: UnixTime) -> Result<()> {
                self.0.check_clock(now)
            }

            /// What to check before sending again after an unknown outcome.
            pub fn outcome_check_hint(&self) -> String {
                format!(
                    "look for a {} delivery to {} in the delivery log (getMessages({{ type: \"{}\" }}) or the Deliveries page) before sending it again",
                    $channel,
                    self.0.recipient(),
                    $type,
                )
            }
        }

        impl Operation for $name {
            const SPEC: &'static OperationSpec = &$spec;
            #[cfg(feature = "models")]
            type Output = Delivery;
            const SHAPE: &'static [Field] = shape::DELIVERY;

            fn from_params(params: Value) -> Result<Self> {
                let mut p = Params::new(Self::SPEC, params)?;
                let send = read_send_body(&mut p)?;
                let check: fn(&Map<String, Value>) -> Result<()> = $check;
                check(&send.body)?;
                send.check_payload()?;
                Ok($name(send))
            }

            fn path(&self) -> String {
                Self::SPEC.path.to_owned()
            }

            fn body(&self) -> Option<Value> {
                Some(Value::Object(self.0.body.clone()))
            }
        }
    };
}

send_operation!(
    /// `POST /v1/send/email`: a template or your own body/subject/from, at most 15 recipients.
    SendEmail,
    SEND_EMAIL,
    "email",
    "email",
    |body| {
        check_email_recipients(body)?;
        check_email_content(body)
    }
);

send_operation!(
    /// `POST /v1/send/push`: a template to a person's devices.
    SendPush,
    SEND_PUSH,
    "push",
    "push",
    check_custom_device
);

send_operation!(
    /// `POST /v1/send/sms`: a template to a phone number.
    SendSms,
    SEND_SMS,
    "SMS",
    "twilio",
    |_| Ok(())
);

send_operation!(
    /// `POST /v1/send/in_app`: a template the in-app SDK renders.
    SendInApp,
    SEND_IN_APP,
    "in-app",
    "in_app",
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
