//! Reading a transactional send's parameters: who it is about (`identifiers`), which template,
//! email recipients, attachments and headers, and `send_at`. Each rule cites the live reference
//! page it comes from (checked on [`crate::spec::SENDS_CHECKED_ON`]); the sends are not
//! idempotent, so everything the API would refuse is refused here, before anything leaves.
//!
//! Sources: <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/> (and
//! `sendPush/`, `sendSMS/`, `sendInApp/` beside it), reference §2.6.

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::params::timestamp::UnixTime;
use crate::params::{describe, object, whole_f64, Params, MAX_SAFE_INTEGER};
use crate::spec::{
    ParamKind, MAX_EMAIL_RECIPIENTS, MAX_SEND_AT_AHEAD_SECONDS, SEND_AT_PAST_GRACE_SECONDS,
};
use serde_json::{Map, Value};

/// A send's body as the API takes it (validated, in the table's order) and its `send_at`, whose
/// window needs a clock and is checked by [`check_send_at`].
#[derive(Debug, Clone, PartialEq)]
pub struct SendBody {
    pub body: Map<String, Value>,
    pub send_at: Option<UnixTime>,
}

/// Reads every parameter the operation declares, by its kind, into the wire body. Unknown names
/// were refused by [`Params::new`]; required ones are checked here.
pub fn read_send_body(p: &mut Params) -> Result<SendBody> {
    let spec = p.spec();
    let mut body = Map::new();
    let mut send_at = None;
    for param in spec.params {
        let name = param.name;
        if param.required && !p.has(name) {
            p.take_required(name)?;
        }
        let wire = match param.kind {
            ParamKind::Bool => p.opt_bool(name)?.map(Value::Bool),
            ParamKind::Enum(_) => p.opt_enum(name)?.map(Value::from),
            ParamKind::Timestamp => {
                send_at = p.opt_timestamp(name)?;
                send_at.map(|at| Value::from(at.seconds()))
            }
            kind => match p.take(name) {
                None => None,
                Some(value) => Some(match kind {
                    ParamKind::Text { max_chars } => read_text(name, value, max_chars)?,
                    ParamKind::Object { max_bytes } => read_object(name, value, max_bytes)?,
                    ParamKind::Identifiers => read_identifiers(name, &value)?,
                    ParamKind::TemplateId => read_template_id(name, value)?,
                    ParamKind::Attachments { max_bytes } => {
                        read_attachments(name, value, max_bytes)?
                    }
                    ParamKind::EmailHeaders => read_headers(name, &value)?,
                    _ => {
                        return Err(refuse!(
                            ErrorCode::Internal,
                            SEND_DECLARES_KIND_SEND,
                            spec.name,
                            name
                        ))
                    }
                }),
            },
        };
        if let Some(wire) = wire {
            body.insert(name.to_owned(), wire);
        }
    }
    check_auto_create(&body)?;
    Ok(SendBody { body, send_at })
}

/// A non-blank string of at most `max_chars` characters, sent as given.
pub fn read_text(name: &str, value: Value, max_chars: usize) -> Result<Value> {
    match &value {
        Value::String(s) if s.trim().is_empty() => {
            Err(invalid!(&name, SEND_EMPTY_GIVE_VALUE, name, name))
        }
        Value::String(s) if s.chars().count() > max_chars => Err(invalid!(
            &name,
            SEND_LONGER_THAN_CHARACTERS,
            name,
            max_chars
        )),
        Value::String(_) => Ok(value),
        other => Err(invalid!(&name, SEND_STRING_GOT, name, describe(other))),
    }
}

fn read_object(name: &str, value: Value, max_bytes: usize) -> Result<Value> {
    if !value.is_object() {
        return Err(invalid!(&name, SEND_OBJECT_GOT, name, describe(&value)));
    }
    let size = crate::messages::json_text(&value).len();
    if size > max_bytes {
        return Err(invalid!(&name, SEND_BYTES_JSON_AT, name, size, max_bytes));
    }
    Ok(value)
}

/// `identifiers`: an object with exactly one of `id`, `email`, `cio_id`. Two are refused like two
/// audiences of a trigger (`audience_conflict`, at the second), none like no audience
/// (`missing_audience`). A numeric `id` is sent as a string (the reference types it so).
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn read_identifiers(name: &str, value: &Value) -> Result<Value> {
    let empty = Map::new();
    let map = value.as_object().unwrap_or(&empty);
    let mut given = map.iter().filter(|(_, v)| !v.is_null());
    let (first, second) = (given.next(), given.next());
    if let (Some((a, _)), Some((b, _))) = (first, second) {
        return Err(refuse_at!(
            ErrorCode::AudienceConflict,
            &name,
            SEND_TAKES_EXACTLY_ONE,
            name,
            a,
            b
        ));
    }
    let Some((key, raw)) = first else {
        return Err(refuse_at!(
            if value.is_object() {
                ErrorCode::MissingAudience
            } else {
                ErrorCode::InvalidParams
            },
            &name,
            SEND_ONE_ID_EMAIL,
            name,
            describe(value)
        ));
    };
    let wire = match (key.as_str(), raw) {
        ("id", Value::Number(n)) if n.is_i64() || n.is_u64() => {
            Value::String(crate::messages::Piece::text(&n))
        }
        ("email", Value::String(s)) if s.contains('@') => raw.clone(),
        ("id" | "cio_id", Value::String(s)) if !s.trim().is_empty() => raw.clone(),
        _ => {
            return Err(invalid!(
                &join!(name, ".", key),
                SEND_TAKES_ONE_ID,
                name,
                key,
                describe(raw)
            ))
        }
    };
    let mut out = Map::new();
    out.insert(key.clone(), wire);
    Ok(Value::Object(out))
}

/// `transactional_message_id`: a positive integer id or a Trigger Name (a non-blank string, sent
/// as given: the API matches names case-insensitively, and a string of digits may be a name).
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn read_template_id(name: &str, value: Value) -> Result<Value> {
    match &value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| whole_f64(n.as_f64()))
            .filter(|id| (1..=MAX_SAFE_INTEGER).contains(id))
            .map(Value::from)
            .ok_or_else(|| {
                invalid!(
                    &name,
                    SEND_POSITIVE_INTEGER_TEMPLATE,
                    name,
                    describe(&value)
                )
            }),
        Value::String(s) if !s.trim().is_empty() && s.chars().count() <= 255 => Ok(value),
        other => Err(invalid!(
            &name,
            SEND_TEMPLATES_INTEGER_ID,
            name,
            describe(other)
        )),
    }
}

/// `auto_create: true` names a template to create by a *string* id; "numeric IDs ignore this
/// setting", so `true` with a number is a mistake we refuse.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
fn check_auto_create(body: &Map<String, Value>) -> Result<()> {
    if matches!(body.get("auto_create"), Some(Value::Bool(true))) {
        match body.get("transactional_message_id") {
            Some(Value::String(_)) => {}
            Some(_) => return Err(Error::invalid(
                "auto_create",
                "auto_create: true creates a template named by a string transactional_message_id; a numeric id ignores it: give the Trigger Name to create, or leave auto_create out",
            )),
            None => return Err(Error::invalid(
                "auto_create",
                "auto_create: true needs transactional_message_id: the Trigger Name (a string) of the template to create",
            )),
        }
    }
    Ok(())
}

/// The addresses of a comma-separated recipient list, commas inside quotes (display names such
/// as `"Runner, Road" <road@runner.net>`) and angle brackets kept.
pub fn recipients(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut angled, mut start) = (false, false, 0);
    for (i, c) in list.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '<' if !quoted => angled = true,
            '>' if !quoted => angled = false,
            ',' if !quoted && !angled => {
                parts.push(list.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(list.get(start..).unwrap_or_default());
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// At most 15 recipients across `to`, `cc` and `bcc` ("up to 15 total recipients").
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn check_email_recipients(body: &Map<String, Value>) -> Result<()> {
    let mut total = 0;
    let mut last = "to";
    for field in ["to", "cc", "bcc"] {
        if let Some(list) = body.get(field).and_then(Value::as_str) {
            let count = recipients(list).len();
            if field == "to" && count == 0 {
                return Err(Error::invalid(
                    "to",
                    "to has no address: give at least one recipient",
                ));
            }
            if count > 0 {
                last = field;
            }
            total += count;
        }
    }
    if total > MAX_EMAIL_RECIPIENTS {
        return Err(invalid!(
            &last,
            SEND_EMAIL_TAKES_AT,
            MAX_EMAIL_RECIPIENTS,
            total
        ));
    }
    Ok(())
}

/// Either a template or your own content: `transactional_message_id`, or all of `body`,
/// `subject` and `from`. Without a template "you must include these values".
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn check_email_content(body: &Map<String, Value>) -> Result<()> {
    if body.contains_key("transactional_message_id") {
        return Ok(());
    }
    let missing: Vec<&str> = ["body", "subject", "from"]
        .into_iter()
        .filter(|k| !body.contains_key(*k))
        .collect();
    match missing.as_slice() {
        [] => Ok(()),
        [_, _, _] => Err(Error::invalid(
            "transactional_message_id",
            "sendEmail needs a template or your own content: add transactional_message_id (a template's id or Trigger Name), or all of body, subject and from",
        )),
        some => Err(invalid!(&some.first().copied().unwrap_or("body"), SEND_WITHOUT_TRANSACTIONALMESSAGEID_EMAIL, some.join(" and "))),
    }
}

/// `attachments`: `{ filename: base64 }`; filenames "must include the extension", values are
/// standard base64 (the API answers 400 to one that is not), and the decoded total must be less
/// than `max_bytes` ("less than 2 MB"). Checked without decoding.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn read_attachments(name: &str, value: Value, max_bytes: usize) -> Result<Value> {
    let Value::Object(map) = &value else {
        return Err(invalid!(
            &name,
            SEND_OBJECT_FILENAMEEXT_BASE64,
            name,
            describe(&value)
        ));
    };
    if map.is_empty() {
        return Err(invalid!(&name, SEND_EMPTY_LEAVE_IT, name));
    }
    let mut total = 0usize;
    for (filename, content) in map {
        let field = join!(name, ".", filename);
        // A name, a dot, an extension; no folder.
        let bytes = filename.as_bytes();
        let dot = bytes.iter().rposition(|b| *b == b'.').unwrap_or(0);
        let folder = bytes.iter().any(|b| matches!(b, b'/' | b'\\'));
        if dot == 0 || dot + 1 == bytes.len() || folder {
            return Err(invalid!(
                &field.as_str(),
                SEND_ATTACHMENT_FILENAME_FILE,
                Quoted(filename)
            ));
        }
        let Value::String(text) = content else {
            return Err(invalid!(
                &field.as_str(),
                SEND_FILES_CONTENTS_IN,
                field,
                describe(content)
            ));
        };
        total = total.saturating_add(
            base64_decoded_len(text)
                .ok_or_else(|| invalid!(&field.as_str(), SEND_NOT_VALID_BASE64, field))?,
        );
    }
    if total >= max_bytes {
        return Err(invalid!(
            &name,
            SEND_ATTACHMENTS_ARE_BYTES,
            total,
            max_bytes
        ));
    }
    Ok(value)
}

/// The decoded length of standard, padded base64, or `None` when `text` is not that (a wrong
/// alphabet, a bad length, or padding anywhere but the end).
pub fn base64_decoded_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() % 4 != 0 {
        return None;
    }
    let padding = bytes.iter().rev().take_while(|b| **b == b'=').count();
    if padding > 2 {
        return None;
    }
    let body = bytes.get(..bytes.len() - padding)?;
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
    if !body.iter().all(alphabet) {
        return None;
    }
    Some(bytes.len() / 4 * 3 - padding)
}

/// `headers`: the API wants "a JSON string containing header objects with name and value",
/// "names and values must be strings, with no non-ASCII characters or spaces". We accept an
/// object `{ name: value }` (the form every other mail API takes) and send the JSON string; a
/// string or an array is refused with the fix (encoding it by hand is the usual mistake).
/// Names must be ASCII without spaces or colons; values ASCII (a space inside a value, as in
/// `List-Unsubscribe`, is passed: the sentence is read as about names [I]).
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn read_headers(name: &str, value: &Value) -> Result<Value> {
    let pairs = match value {
        Value::Object(map) if !map.is_empty() => map,
        _ => return Err(invalid!(&name, SEND_OBJECT_SUCH_AS, name, describe(value))),
    };
    let mut wire = Vec::with_capacity(pairs.len());
    for (header, value) in pairs {
        let good_name =
            !header.is_empty() && header.bytes().all(|b| b.is_ascii_graphic() && b != b':');
        let good_value = value
            .as_str()
            .is_some_and(|v| v.bytes().all(|b| b == b' ' || b.is_ascii_graphic()));
        if !(good_name && good_value) {
            return Err(invalid!(
                &join!(name, ".", header),
                SEND_NAMES_ASCII_WITHOUT,
                name,
                Quoted(header),
                describe(value)
            ));
        }
        wire.push(object([
            ("name", header.as_str().into()),
            ("value", value.clone()),
        ]));
    }
    Ok(Value::String(crate::messages::json_text(&Value::Array(
        wire,
    ))))
}

/// `send_at` against the clock: not in the past (beyond [`SEND_AT_PAST_GRACE_SECONDS`] of skew)
/// and at most 90 days ahead ("can be up to 90 days in the future"). The API would send a past
/// time at once; a past `send_at` is more often a mistake (a time zone, a date a day off) than an
/// intent, and leaving it out says "now" plainly.
/// <https://docs.customer.io/integrations/api/app/tag/send-messages/sendEmail/>
pub fn check_send_at(send_at: UnixTime, now: UnixTime) -> Result<()> {
    let (at, now) = (send_at.seconds(), now.seconds());
    if at.saturating_add(SEND_AT_PAST_GRACE_SECONDS) < now {
        return Err(refuse_at!(
            ErrorCode::InvalidTimestamp,
            &"send_at",
            SEND_SENDAT_SECONDS_IN,
            at,
            now - at
        ));
    }
    let latest = now.saturating_add(MAX_SEND_AT_AHEAD_SECONDS);
    if at > latest {
        return Err(refuse_at!(
            ErrorCode::InvalidTimestamp,
            &"send_at",
            SEND_SENDAT_MORE_THAN,
            at,
            latest
        ));
    }
    Ok(())
}
