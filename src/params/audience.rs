//! Who a broadcast trigger sends to: exactly one audience, as an enum, so two audiences cannot be
//! represented and a forgotten one is an error rather than "everyone".

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::params::filter::Filter;
use crate::params::{describe, Params};
use crate::spec::{ParamKind, AUDIENCE_PARAMS};
use serde_json::{Map, Value};

/// How one `per_user_data` entry names its person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier {
    Id(String),
    Email(String),
}

/// One `per_user_data` entry: a person and the data for their message.
#[derive(Debug, Clone, PartialEq)]
pub struct UserData {
    pub identifier: Identifier,
    pub data: Option<Map<String, Value>>,
}

/// The one audience of a trigger.
#[derive(Debug, Clone, PartialEq)]
pub enum Audience {
    /// The audience configured on the broadcast in Customer.io (`default_audience: true`).
    Default,
    Ids(Vec<String>),
    Emails(Vec<String>),
    Recipients(Filter),
    PerUserData(Vec<UserData>),
    DataFileUrl(String),
}

/// The three optional flags of a trigger; `None` is left off the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TriggerFlags {
    pub email_add_duplicates: Option<bool>,
    pub email_ignore_missing: Option<bool>,
    pub id_ignore_missing: Option<bool>,
}

impl Audience {
    /// The parameter name this audience is given with.
    pub fn param_name(&self) -> &'static str {
        match self {
            Audience::Default => "default_audience",
            Audience::Ids(_) => "ids",
            Audience::Emails(_) => "emails",
            Audience::Recipients(_) => "recipients",
            Audience::PerUserData(_) => "per_user_data",
            Audience::DataFileUrl(_) => "data_file_url",
        }
    }

    /// Reads the one audience among the parameters: none is `missing_audience`, two or more is
    /// `audience_conflict` (at the second one given).
    pub fn from_params(params: &mut Params) -> Result<Audience> {
        let given: Vec<&str> = AUDIENCE_PARAMS
            .iter()
            .copied()
            .filter(|n| params.has(n))
            .collect();
        match given.as_slice() {
            [] => Err(Error::new(
                ErrorCode::MissingAudience,
                "triggerBroadcast needs exactly one audience: ids, emails, recipients, per_user_data or data_file_url; to send to the audience configured on the broadcast, pass default_audience: true",
            )),
            [one] => Audience::read(params, one),
            [_, second, ..] => Err(refuse_at!(ErrorCode::AudienceConflict, second, AUDIENCE_TRIGGERBROADCAST_TAKES_EXACTLY, given.join(" and "))),
        }
    }

    fn read(params: &mut Params, name: &str) -> Result<Audience> {
        let max = match params.spec().param(name).map(|p| p.kind) {
            Some(ParamKind::StringList { max } | ParamKind::PerUserData { max }) => max,
            _ => 0,
        };
        let value = params.take_required(name)?;
        match name {
            "default_audience" => match value {
                Value::Bool(true) => Ok(Audience::Default),
                other => Err(invalid!(
                    &name,
                    AUDIENCE_DEFAULTAUDIENCE_ONLY_ACCEPTS,
                    describe(&other)
                )),
            },
            "ids" => bounded_list(name, &value, max, "customer ids", read_id).map(Audience::Ids),
            "emails" => {
                bounded_list(name, &value, max, "email addresses", read_email).map(Audience::Emails)
            }
            "recipients" => Filter::parse(name, &value).map(Audience::Recipients),
            "per_user_data" => {
                bounded_list(name, &value, max, "{id|email, data} entries", user_data)
                    .map(Audience::PerUserData)
            }
            "data_file_url" => read_url(name, &value).map(Audience::DataFileUrl),
            other => Err(refuse!(ErrorCode::Internal, AUDIENCE_NOT_AUDIENCE, other)),
        }
    }

    /// Whether a flag set to `true` is accepted with this audience. The reference's request
    /// schema (https://docs.customer.io/integrations/api/app/tag/send-messages/triggerBroadcast/,
    /// checked 2026-12-02) lists `data` and the three flags on every audience variant, and its own
    /// default-audience example sends them. The official SDKs narrow them for the two identifier
    /// lists (ids → `id_ignore_missing`; emails → the two email flags) and the Go SDK says the
    /// server rejects the others there, so those two stay narrowed; the default audience and a
    /// recipients filter select people on the server, who may lack an email or an id, so they take
    /// all three, like per_user_data and data_file_url. A flag set to `false` (the API's default)
    /// is accepted with every audience: see [`Audience::sends_flag`].
    pub fn accepts_flag(&self, flag: &str) -> bool {
        match self {
            Audience::Ids(_) => flag == "id_ignore_missing",
            Audience::Emails(_) => matches!(flag, "email_ignore_missing" | "email_add_duplicates"),
            Audience::Default
            | Audience::Recipients(_)
            | Audience::PerUserData(_)
            | Audience::DataFileUrl(_) => true,
        }
    }

    /// Whether a flag with `value` goes on the wire: where it applies, as given; elsewhere a
    /// `false` (the API's default, so it changes nothing) is left off, as the Node SDK does.
    pub fn sends_flag(&self, flag: &str, value: bool) -> bool {
        value || self.accepts_flag(flag)
    }

    /// Adds this audience's wire field to a trigger body (nothing for the default audience).
    pub fn write_into(&self, body: &mut Map<String, Value>) {
        let strings =
            |items: &[String]| Value::Array(items.iter().cloned().map(Value::String).collect());
        let value = match self {
            Audience::Default => return,
            Audience::Ids(ids) => strings(ids),
            Audience::Emails(emails) => strings(emails),
            Audience::Recipients(filter) => filter.to_json(),
            Audience::PerUserData(entries) => {
                Value::Array(entries.iter().map(UserData::to_json).collect())
            }
            Audience::DataFileUrl(url) => Value::String(url.clone()),
        };
        body.insert(self.param_name().to_owned(), value);
    }
}

impl UserData {
    fn to_json(&self) -> Value {
        let mut entry = Map::new();
        match &self.identifier {
            Identifier::Id(id) => entry.insert("id".into(), Value::String(id.clone())),
            Identifier::Email(email) => entry.insert("email".into(), Value::String(email.clone())),
        };
        if let Some(data) = &self.data {
            entry.insert("data".into(), Value::Object(data.clone()));
        }
        Value::Object(entry)
    }
}

/// Reads a non-empty array of at most `max` entries, each with `read` at `name[i]`. `what`
/// describes one entry for the messages.
fn bounded_list<T>(
    name: &str,
    value: &Value,
    max: usize,
    what: &str,
    read: fn(&str, &Value) -> Result<T>,
) -> Result<Vec<T>> {
    let Some(items) = value.as_array() else {
        return Err(invalid!(
            &name,
            AUDIENCE_ARRAY_GOT,
            name,
            what,
            describe(value)
        ));
    };
    if items.is_empty() {
        return Err(invalid!(&name, AUDIENCE_EMPTY_GIVE_AT, name, what));
    }
    if items.len() > max {
        return Err(invalid!(
            &name,
            AUDIENCE_HAS_ENTRIES_ONE,
            name,
            items.len(),
            max
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(&join!(name, "[", i, "]"), item))
        .collect()
}

/// Customer ids are strings on the wire; integers are accepted and sent as strings.
fn read_id(path: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Ok(crate::messages::Piece::text(&n)),
        other => Err(invalid!(
            &path,
            AUDIENCE_CUSTOMER_ID_NONEMPTY,
            path,
            describe(other)
        )),
    }
}

fn read_email(path: &str, value: &Value) -> Result<String> {
    let looks_like_email = |s: &str| {
        let mut parts = s.split('@');
        let (local, domain, rest) = (parts.next(), parts.next(), parts.next());
        matches!((local, domain, rest), (Some(l), Some(d), None) if !l.is_empty() && !d.is_empty())
            && !s.chars().any(char::is_whitespace)
    };
    match value {
        Value::String(s) if looks_like_email(s) => Ok(s.clone()),
        other => Err(invalid!(
            &path,
            AUDIENCE_EMAIL_ADDRESS_SUCH,
            path,
            describe(other)
        )),
    }
}

fn read_url(path: &str, value: &Value) -> Result<String> {
    let ok = |s: &str| {
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"));
        rest.is_some_and(|r| {
            !r.is_empty() && !r.starts_with('/') && !s.chars().any(char::is_whitespace)
        })
    };
    match value {
        Value::String(s) if ok(s) => Ok(s.clone()),
        other => Err(invalid!(
            &path,
            AUDIENCE_HTTPS_URL_JSON,
            path,
            describe(other)
        )),
    }
}

fn user_data(path: &str, value: &Value) -> Result<UserData> {
    let Some(entry) = value.as_object() else {
        return Err(invalid!(
            &path,
            AUDIENCE_OBJECT_IDEMAIL_DATA,
            path,
            describe(value)
        ));
    };
    if let Some(extra) = entry
        .keys()
        .find(|k| !matches!(k.as_str(), "id" | "email" | "data"))
    {
        return Err(invalid!(
            &join!(path, ".", extra),
            AUDIENCE_TAKES_ID_OR,
            path,
            Quoted(extra)
        ));
    }
    let identifier = match (entry.get("id"), entry.get("email")) {
        (Some(id), None) => Identifier::Id(read_id(&join!(path, ".id"), id)?),
        (None, Some(email)) => Identifier::Email(read_email(&join!(path, ".email"), email)?),
        (Some(_), Some(_)) => return Err(invalid!(&path, AUDIENCE_HAS_BOTH_ID, path)),
        (None, None) => return Err(invalid!(&path, AUDIENCE_NEEDS_ID_OR, path)),
    };
    let data = match entry.get("data") {
        None => None,
        Some(Value::Object(d)) => Some(d.clone()),
        Some(other) => {
            return Err(invalid!(
                &join!(path, ".data"),
                AUDIENCE_DATA_OBJECT_GOT,
                path,
                describe(other)
            ))
        }
    };
    Ok(UserData { identifier, data })
}
