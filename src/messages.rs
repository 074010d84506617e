//! The client's error messages as one table of templates, and the assembler that fills them.
//!
//! Every error is a code, a field and a template from [`Msg`] filled with a few values. A
//! placeholder is a lowercase name between braces (`{field}`, `{got}`); the values are given in
//! the order the placeholders appear, so a name used twice is given twice. Braces around anything
//! else (`{}`, `{ "X-Order": "1001" }`) are text.
//!
//! Decision: the assembler is a byte scan and the values are written by [`Piece`], with an
//! integer-to-decimal of our own, rather than `format!`. Measured (README, "Decisions"): the
//! templates alone cost the wasm module what `fmt::Arguments` did; the bytes are saved by the
//! refusals going through one shared constructor each ([`invalid!`](crate::invalid) →
//! [`crate::Error::invalid_msg`], `refuse_at!`, `refuse!`) instead of repeating the
//! construction at every site, and by numbers and JSON text skipping `Display`. The module
//! carries each template in its compact form ([`Msg::compact`]); the named form exists for the
//! native build, the tests and the export. The same table is exported to the npm package
//! (`customerio-wasm/table` exports it as `messages`, written by `src/bin/export-table.rs`), so a
//! JS layer that words a message reads the same template as the core. Values are not scanned:
//! a value that shows braces (a parameter's description) is written as it is.

use crate::prelude::*;

/// A value written into a template: text as it is, integers in decimal.
pub trait Piece {
    /// Appends the value's text to `out`.
    fn put(&self, out: &mut String);

    /// The value's text on its own (a query value, an id in a path).
    fn text(&self) -> String {
        let mut out = String::new();
        self.put(&mut out);
        out
    }
}

impl Piece for str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

impl Piece for bool {
    fn put(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Piece for u64 {
    fn put(&self, out: &mut String) {
        push_decimal(out, *self);
    }
}

impl Piece for u32 {
    fn put(&self, out: &mut String) {
        push_decimal(out, u64::from(*self));
    }
}

impl Piece for u16 {
    fn put(&self, out: &mut String) {
        push_decimal(out, u64::from(*self));
    }
}

impl Piece for usize {
    fn put(&self, out: &mut String) {
        push_decimal(out, *self as u64);
    }
}

impl Piece for i64 {
    fn put(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        push_decimal(out, self.unsigned_abs());
    }
}

impl Piece for serde_json::Number {
    /// The number as JSON writes it (and as its `Display` shows it): integers in decimal,
    /// other numbers in the shortest form that reads back the same.
    fn put(&self, out: &mut String) {
        if let Some(n) = self.as_u64() {
            push_decimal(out, n);
        } else if let Some(n) = self.as_i64() {
            n.put(out);
        } else {
            out.push_str(&json_text(&serde_json::Value::Number(self.clone())));
        }
    }
}

/// Appends `n` in decimal.
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // `n % 10` is below 10, so the digit is ASCII.
        #[allow(clippy::cast_possible_truncation)]
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    for &d in digits.get(at..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

impl Piece for crate::params::Id {
    fn put(&self, out: &mut String) {
        push_decimal(out, self.get());
    }
}

impl Piece for crate::params::timestamp::UnixTime {
    fn put(&self, out: &mut String) {
        push_decimal(out, self.seconds());
    }
}

/// `value` as compact JSON text, as its `Display` writes it but through serde_json's byte
/// writer: `Display` goes through `core::fmt::Formatter`, a second copy of the serializer.
pub fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// The texts joined: a field path such as `recipients.and[1]` built without `format!`.
pub fn concat(parts: &[&dyn Piece]) -> String {
    let mut out = String::new();
    for part in parts {
        part.put(&mut out);
    }
    out
}

/// The placeholder starting at `text[0]` (`{name}` with a lowercase ASCII name), as its length.
fn placeholder_len(text: &[u8]) -> Option<usize> {
    if text.first() != Some(&b'{') {
        return None;
    }
    let name = text
        .iter()
        .skip(1)
        .take_while(|b| b.is_ascii_lowercase() || **b == b'_')
        .count();
    (name > 0 && text.get(name + 1) == Some(&b'}')).then_some(name + 2)
}

/// The names of `template`'s placeholders, in order (for the tests and the export).
pub fn placeholders(template: &str) -> Vec<&str> {
    let bytes = template.as_bytes();
    let mut names = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match placeholder_len(bytes.get(at..).unwrap_or_default()) {
            Some(len) => {
                names.extend(template.get(at + 1..at + len - 1));
                at += len;
            }
            None => at += 1,
        }
    }
    names
}

/// `template` (as written in the table, with named placeholders) with its placeholders replaced
/// by `values`, in order; a placeholder without a value is left as it is. The JS side's
/// assembler and the tests use this form; the wasm uses [`fill`].
pub fn fill_template(template: &str, values: &[&dyn Piece]) -> String {
    let bytes = template.as_bytes();
    let mut out = String::with_capacity(template.len() + 32);
    let (mut start, mut at, mut next) = (0, 0, 0);
    while at < bytes.len() {
        match placeholder_len(bytes.get(at..).unwrap_or_default()) {
            Some(len) => {
                if let Some(value) = values.get(next) {
                    out.push_str(template.get(start..at).unwrap_or_default());
                    value.put(&mut out);
                    start = at + len;
                }
                next += 1;
                at += len;
            }
            None => at += 1,
        }
    }
    out.push_str(template.get(start..).unwrap_or_default());
    out
}

/// The message `msg` with its placeholders replaced by `values`, in order; a placeholder
/// without a value is left out (debug builds assert that the counts match).
///
/// The wasm module carries each template in its compact form ([`Msg::compact`]: each
/// placeholder a single `\u{1}`), so the scan is one byte compare and the names cost no bytes.
pub fn fill(msg: Msg, values: &[&dyn Piece]) -> String {
    let template = msg.compact();
    debug_assert_eq!(
        template.bytes().filter(|b| *b == 1).count(),
        values.len(),
        "the values of {}",
        msg.name()
    );
    let mut out = String::with_capacity(template.len() + 32);
    let mut values = values.iter();
    for (i, part) in template.split('\u{1}').enumerate() {
        if i > 0 {
            if let Some(value) = values.next() {
                value.put(&mut out);
            }
        }
        out.push_str(part);
    }
    out
}

/// The length of `template` with each placeholder shortened to one byte.
const fn compact_len(template: &str) -> usize {
    let bytes = template.as_bytes();
    let (mut at, mut len) = (0, 0);
    while at < bytes.len() {
        at += const_placeholder_len(bytes, at);
        len += 1;
    }
    len
}

/// `template` with each placeholder replaced by `\u{1}`, in an array of [`compact_len`] bytes.
// Only ever evaluated at compile time (in `Msg::compact`'s consts): an index out of range
// would fail the build, never panic at run time; `slice::get` is not usable in a const fn.
#[allow(clippy::indexing_slicing)]
const fn compact<const N: usize>(template: &str) -> [u8; N] {
    let bytes = template.as_bytes();
    let mut out = [0u8; N];
    let (mut at, mut i) = (0, 0);
    while at < bytes.len() {
        let len = const_placeholder_len(bytes, at);
        out[i] = if len > 1 { 1 } else { bytes[at] };
        at += len;
        i += 1;
    }
    out
}

/// [`placeholder_len`] for const evaluation: the placeholder's length at `at`, or 1.
// Only ever evaluated at compile time (in `Msg::compact`'s consts): an index out of range
// would fail the build, never panic at run time; `slice::get` is not usable in a const fn.
#[allow(clippy::indexing_slicing)]
const fn const_placeholder_len(bytes: &[u8], at: usize) -> usize {
    if bytes[at] != b'{' {
        return 1;
    }
    let mut end = at + 1;
    while end < bytes.len() && (bytes[end].is_ascii_lowercase() || bytes[end] == b'_') {
        end += 1;
    }
    if end > at + 1 && end < bytes.len() && bytes[end] == b'}' {
        end + 1 - at
    } else {
        1
    }
}

/// `crate::messages::fill(Msg::NAME, &[&a, &b])`, written `msg!(NAME, a, b)`.
#[macro_export]
#[doc(hidden)]
macro_rules! msg {
    ($name:ident $(, $value:expr)* $(,)?) => {
        $crate::messages::fill($crate::messages::Msg::$name, &[$(&$value),*])
    };
}

/// `Error::invalid(field, msg!(NAME, a, b))` through one shared function, written
/// `invalid!(field, NAME, a, b)`: the error's construction is not repeated at every site.
#[macro_export]
#[doc(hidden)]
macro_rules! invalid {
    ($field:expr, $name:ident $(, $value:expr)* $(,)?) => {
        $crate::Error::invalid_msg($field, $crate::messages::Msg::$name, &[$(&$value),*])
    };
}

/// `Error::at(code, field, msg!(NAME, a, b))` through one shared function, written
/// `refuse_at!(code, field, NAME, a, b)`.
#[macro_export]
#[doc(hidden)]
macro_rules! refuse_at {
    ($code:expr, $field:expr, $name:ident $(, $value:expr)* $(,)?) => {
        $crate::Error::at_msg($code, $field, $crate::messages::Msg::$name, &[$(&$value),*])
    };
}

/// `Error::new(code, msg!(NAME, a, b))` through one shared function, written
/// `refuse!(code, NAME, a, b)`.
#[macro_export]
#[doc(hidden)]
macro_rules! refuse {
    ($code:expr, $name:ident $(, $value:expr)* $(,)?) => {
        $crate::Error::new_msg($code, $crate::messages::Msg::$name, &[$(&$value),*])
    };
}

/// A field path or text joined from pieces, written `join!(path, ".", key)`.
#[macro_export]
#[doc(hidden)]
macro_rules! join {
    ($($value:expr),* $(,)?) => {
        $crate::messages::concat(&[$(&$value),*])
    };
}

macro_rules! templates {
    ($($(#[$doc:meta])* $name:ident = $text:literal;)*) => {
        /// Every message template of the client, by name.
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every template, in the table's order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The template's text.
            pub fn template(self) -> &'static str {
                match self {
                    $(Msg::$name => $text,)*
                }
            }

            /// The template with each placeholder as one `\u{1}` byte, computed at compile time:
            /// what the wasm module carries and [`fill`] reads.
            pub fn compact(self) -> &'static str {
                match self {
                    $(Msg::$name => {
                        const TEXT: &str = $text;
                        const BYTES: [u8; compact_len(TEXT)] = compact(TEXT);
                        const COMPACT: &str = match core::str::from_utf8(&BYTES) {
                            Ok(text) => text,
                            Err(_) => TEXT,
                        };
                        COMPACT
                    })*
                }
            }

            /// The template's name, as the exported table keys it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Msg::$name => stringify!($name),)*
                }
            }
        }
    };
}

templates! {
    // Parameters (src/params/mod.rs).
    ID_POSITIVE = "{field} must be a positive integer id such as 42 (a string of digits is also accepted), got {got}";
    TRIGGER_ID = "{field} must be the id triggerBroadcast returned: a positive integer such as 456, or digits and dashes such as \"5-37\"; got {got}";
    MESSAGE_ID_NUMBER = "{field} is a delivery's string id such as \"ag1q6QWq6QUBAAF4_CGoeVX7mFkDbRFu7ek=\" (the `id` of a getMessages entry), got {got}: a number is a template or action id";
    MESSAGE_ID = "{field} must be a delivery's id: a non-empty string of at most {max} characters without spaces, as getMessages returns it; got {got}";
    PARAMS_NOT_OBJECT = "{operation} takes one object of named parameters, got {got}";
    PARAM_REQUIRED = "{operation} needs {name}{sep}{hint}";
    INTERNAL_UNDECLARED_PARAM = "{operation} reads an undeclared parameter {name}";
    INTERNAL_NOT_A_LIMIT = "{name} is not a limit";
    LIMIT_RANGE = "{name} must be a whole number from {min} to {max}, got {got}; to read more, page with start/next";
    INTERNAL_NOT_AN_ENUM = "{name} is not an enum";
    INTERNAL_NOT_A_READ = "{operation} has {name}, which the table-driven reader does not read";
    ENUM_ONE_OF = "{name} must be one of {allowed}; got {got}";
    BOOL = "{name} must be true or false, got {got}";
    CURSOR = "{name} must be the `next` value of the previous page (a string); leave it out or send \"\" for the first page; got {got}";
    NO_PARAMS = "{operation} takes no parameters, got {name}; pass {} or nothing";
    DID_YOU_MEAN = "did you mean {name}? ";
    UNKNOWN_PARAM = "{operation} has no parameter {name}; {suggestion}It accepts: {names}";
    // Sends (src/params/send.rs).
    SEND_DECLARES_KIND_SEND = "{operation} declares {name} of a kind a send does not read";
    SEND_EMPTY_GIVE_VALUE = "{name} is empty; give a value or leave {name} out";
    SEND_LONGER_THAN_CHARACTERS = "{name} is longer than {max_chars} characters";
    SEND_STRING_GOT = "{name} must be a string, got {got}";
    SEND_OBJECT_GOT = "{name} must be an object, got {got}";
    SEND_BYTES_JSON_AT = "{name} is {size} bytes of JSON; at most {max_bytes} are accepted";
    SEND_TAKES_EXACTLY_ONE = "{name} takes exactly one of id, email or cio_id, got {a} and {b}: keep the one your workspace identifies people by";
    SEND_ONE_ID_EMAIL = "{name} must be one of { id }, { email } or { cio_id }, got {got}";
    SEND_TAKES_ONE_ID = "{name} takes one of id, email (an address) or cio_id, each a non-empty string; got {key}: {got}";
    SEND_POSITIVE_INTEGER_TEMPLATE = "{name} must be a positive integer template id or a Trigger Name string, got {got}";
    SEND_TEMPLATES_INTEGER_ID = "{name} must be a template's integer id or its Trigger Name (see listTransactionalMessages), got {got}";
    SEND_EMAIL_TAKES_AT = "an email takes at most {max_email_recipients} recipients across to, cc and bcc; got {total}: send several emails instead";
    SEND_WITHOUT_TRANSACTIONALMESSAGEID_EMAIL = "without transactional_message_id an email needs body, subject and from; add {list} (or name a template with transactional_message_id)";
    SEND_OBJECT_FILENAMEEXT_BASE64 = "{name} must be an object of { \"filename.ext\": \"<base64>\" }, got {got}";
    SEND_EMPTY_LEAVE_IT = "{name} is empty; leave it out or add a file";
    SEND_ATTACHMENT_FILENAME_FILE = "attachment filename {filename} must be a file name with its extension, such as \"receipt.pdf\"";
    SEND_FILES_CONTENTS_IN = "{field} must be the file's contents in base64 (a string), got {got}";
    SEND_NOT_VALID_BASE64 = "{field} is not valid base64: encode the file's bytes with standard base64 (A-Z a-z 0-9 + /, = padding), e.g. btoa or Buffer.toString(\"base64\")";
    SEND_ATTACHMENTS_ARE_BYTES = "attachments are {total} bytes decoded in total; Customer.io takes less than {max_bytes} (2 MB): link to large files instead";
    SEND_OBJECT_SUCH_AS = "{name} must be an object such as { \"X-Order\": \"1001\" }, got {got}; the client sends it as the JSON string the API wants (do not JSON.stringify it)";
    SEND_NAMES_ASCII_WITHOUT = "{name}: names must be ASCII without spaces or a colon, values ASCII strings (the API refuses others); got {header}: {got}";
    SEND_SENDAT_SECONDS_IN = "send_at ({at}) is {value} seconds in the past; leave send_at out to send now, or give a future time";
    SEND_SENDAT_MORE_THAN = "send_at ({at}) is more than 90 days ahead; Customer.io schedules at most 90 days out (until {latest})";
    // Timestamps (src/params/timestamp.rs).
    TS_NOT_NEGATIVE_GOT = "{field} must not be negative, got {n}; pass Unix seconds (e.g. 1700000000) or a Date";
    TS_WHOLE_UNIX_SECONDS = "{field} must be whole Unix seconds, got {n}; round it (Math.floor) or pass a Date";
    TS_TOO_LARGE = "{field} is too large: {s}";
    TS_UNIX_SECONDS_EG = "{field} must be Unix seconds (e.g. 1700000000) or a Date, got {got}";
    TS_LOOKS_LIKE_MILLISECONDS = "{field} = {seconds} looks like milliseconds; Customer.io wants seconds: pass {value} (or a Date)";
    TS_STARTTS_AFTER_ENDTS = "start_ts ({value}) is after end_ts ({value}); swap them";
    TS_INVALID_DATE_NEW = "{field} is an Invalid Date (new Date(...) could not read its input); pass a valid Date or Unix seconds";
    TS_UNIX_SECONDS_NOT = "{field} must be Unix seconds, not an ISO string: {text} is {seconds}; pass {seconds} or a Date";
    // Filters (src/params/filter.rs).
    FILTER_RECIPIENTS_FILTER_NESTED = "the recipients filter is nested deeper than {max_filter_depth} levels; flatten it with and/or";
    FILTER_FILTER_OBJECT_GOT = "{path} must be a filter object ({node_help}), got {got}";
    FILTER_EMPTY_FILTER_WHICH = "{path} is an empty filter, which Customer.io rejects; {node_help}; to send to the broadcast's own audience use default_audience: true";
    FILTER_HAS_KEYS_FILTER = "{path} has {count} keys ({list}); a filter node takes exactly one: combine conditions with and/or";
    FILTER_UNKNOWN_FILTER_OPERATOR = "unknown filter operator {other}; {node_help}";
    FILTER_EMPTY_LIST_GIVE = "{path} is an empty list; give it at least one filter";
    FILTER_NONEMPTY_ARRAY_FILTERS = "{path} must be a non-empty array of filters, got {got}";
    FILTER_ID_SEGMENT_ID = "{path} must be {id: <segment id>}, got {got}";
    FILTER_TAKES_ONLY_ID = "{path} takes only id, got {extra}; find segment ids with getSegments";
    FILTER_NEEDS_ID_SEGMENTS = "{path} needs id: the segment's integer id, from getSegments";
    FILTER_FIELD_OPERATOR_EQEXISTS = "{path} must be {field, operator: \"eq\"|\"exists\", value}, got {got}";
    FILTER_TAKES_FIELD_OPERATOR = "{path} takes field, operator and value, got {extra}";
    FILTER_FIELD_ATTRIBUTES_NAME = "{path}.field must be the attribute's name (a non-empty string), got {value}";
    FILTER_OPERATOR_EQ_OR = "{path}.operator must be \"eq\" or \"exists\", got {got}";
    FILTER_OPERATOR_EQ_NEEDS = "operator \"eq\" needs a value to compare {field} with";
    FILTER_STRING_NUMBER_OR = "{path} must be a string, number or boolean, got {got}";
    // Audiences (src/params/audience.rs).
    AUDIENCE_TRIGGERBROADCAST_TAKES_EXACTLY = "triggerBroadcast takes exactly one audience, got {list}; keep one of them (to target several groups at once, use a recipients filter with or)";
    AUDIENCE_DEFAULTAUDIENCE_ONLY_ACCEPTS = "default_audience only accepts true (the broadcast's configured audience), got {got}; to choose people, pass ids, emails, recipients, per_user_data or data_file_url instead";
    AUDIENCE_NOT_AUDIENCE = "{other} is not an audience";
    AUDIENCE_ARRAY_GOT = "{name} must be an array of {what}, got {got}";
    AUDIENCE_EMPTY_GIVE_AT = "{name} is empty: give at least one {what}, or choose another audience";
    AUDIENCE_HAS_ENTRIES_ONE = "{name} has {count} entries; one trigger takes at most {max}: split them across triggers (10 s apart) or use data_file_url";
    AUDIENCE_CUSTOMER_ID_NONEMPTY = "{path} must be a customer id (a non-empty string), got {got}";
    AUDIENCE_EMAIL_ADDRESS_SUCH = "{path} must be an email address such as \"ada@example.com\", got {got}";
    AUDIENCE_HTTPS_URL_JSON = "{path} must be an http(s) URL of a JSON Lines file, got {got}";
    AUDIENCE_OBJECT_IDEMAIL_DATA = "{path} must be an object {id|email, data}, got {got}";
    AUDIENCE_TAKES_ID_OR = "{path} takes id or email, and data; got {extra} (put custom values inside data)";
    AUDIENCE_HAS_BOTH_ID = "{path} has both id and email; give exactly one";
    AUDIENCE_NEEDS_ID_OR = "{path} needs an id or an email";
    AUDIENCE_DATA_OBJECT_GOT = "{path}.data must be an object, got {got}";
    // Webhooks (src/webhook/).
    WEBHOOK_OPTIONS_OBJECT_SCHEME = "options must be an object { scheme, secret }, got {got}";
    WEBHOOK_UNKNOWN_OPTION_OPTIONS = "unknown option {unknown}; the options are scheme, secret, toleranceSeconds and now";
    WEBHOOK_UNKNOWN_SCHEME_USE = "unknown scheme {name}; use one of {names}";
    WEBHOOK_SCHEME_REQUIRED_ONE = "scheme is required: one of {names}, got {got}";
    WEBHOOK_EACH_SECRET_STRING = "each secret must be a string, got {got}";
    WEBHOOK_SECRET_LIST_1 = "secret must list 1 to {max_secrets} secrets (several only while rotating)";
    WEBHOOK_SECRET_REQUIRED_ENDPOINTS = "secret is required: the endpoint's signing secret as a string, or an array of them while rotating; got {value}";
    WEBHOOK_TOLERANCESECONDS_WHOLE_NONNEGATIVE = "toleranceSeconds must be whole, non-negative seconds, got {n}";
    WEBHOOK_TOLERANCESECONDS_NUMBER_SECONDS = "toleranceSeconds must be a number of seconds, got {got}";
    WEBHOOK_MACS_FOR_KEYS = "{count} MACs for {count} keys";
    WEBHOOK_SIGNATURE_DOES_NOT = "the {header} signature does not match the body under {secrets}: either the body was changed \
                     (verify the exact bytes received, never JSON parsed and serialized again), or the secret is not \
                     this endpoint's (while rotating, pass both: secret: [new, old])";
    // Webhook headers (src/webhook/headers.rs).
    WEBHOOK_HEADER_MISSING_DELIVERY = "the {name} header is missing: a {sender} delivery always carries it; check the scheme chosen for this endpoint, and that a proxy does not drop the header";
    WEBHOOK_HEADER_MALFORMED_EXPECTED = "the {name} header is malformed: expected {expected}";
    // Webhook tolerance (src/webhook/tolerance.rs).
    WEBHOOK_SIGNED_TIMESTAMP_S = "the signed timestamp {timestamp} is {distance} s {when}, beyond the tolerance of {tolerance} s: \
             a replayed or delayed delivery, or a clock that is off; check the server's clock, or raise toleranceSeconds";
    // Outcomes (src/policy/outcome.rs).
    OUTCOME_FINDTRIGGER_TAKES_BROADCASTID = "findTrigger takes { broadcast_id, after, before, exclude? }, got {got}";
    OUTCOME_FINDTRIGGER_HAS_NO = "findTrigger has no parameter \"{unknown}\"; its parameters are {list}";
    OUTCOME_FINDTRIGGER_NEEDS = "findTrigger needs {name}: {hint}";
    OUTCOME_AFTER_LATER_THAN = "after ({value}) is later than before ({value}): the window must run forward";
    OUTCOME_EXCLUDE_ARRAY_TRIGGER = "exclude must be an array of trigger ids you already account for, got {got}";
    OUTCOME_EXCLUDE_HAS_IDS = "exclude has {count} ids; at most {max_excluded}";
    // Operations (src/ops/trigger_broadcast.rs).
    OP_TRUE_DOES_NOT = "{name}: true does not apply to the {value} audience; it goes with {value}; remove it (false, the default, is accepted anywhere)";
    OP_DATA_OBJECT_LIQUID = "data must be an object of Liquid values ({{trigger.key}}), got {got}";
    OP_DATA_BYTES_JSON = "data is {size} bytes of JSON; Customer.io takes at most {max_data_bytes}: move per-person values into per_user_data or data_file_url";
    // Operations (src/ops/broadcasts.rs).
    OP_PERIOD = "period {unit}";
    OP_PERIOD_DEFAULT = "period {unit} (the default)";
    OP_STEPS_WHOLE_NUMBER = "steps must be a whole number from 0 to {max} with {given}, got {got}; 0 asks for the maximum, and the maximums are 24 hours, 45 days, 12 weeks, 121 months";
    // Operations (src/ops/mod.rs).
    OP_UNKNOWN_OPERATION_OPERATIONS = "unknown operation {value}; the operations are: {list}";
    OP_CHECK_GETTRIGGERS_BROADCASTID = "check getTriggers({ broadcast_id: {broadcast_id} }) for a new trigger before triggering again";
    // Operations (src/ops/sends.rs).
    OP_SEND_BYTES_JSON = "the send is {size} bytes of JSON (attachments aside); Customer.io takes at most {max_send_payload_bytes}: move large content into the template";
    OP_LOOK_IN_DELIVERY = "look in the delivery log (getMessages, or Deliveries in Customer.io) for this {operation} before sending it again";
    // Spacing (src/policy/spacing.rs).
    SPACING_BROADCAST_WAS_TRIGGERED = "broadcast {broadcast_id} was triggered less than {value} s ago (Customer.io accepts one trigger per broadcast every 10 s); the next slot is in {wait} ms, beyond the {max_wait_ms} ms this client waits: not sent, try again later";
    // Paging (src/policy/pagination.rs).
    PAGING_API_RETURNED_PAGE = "the API returned the page cursor {value} a second time; stopped paging to avoid an endless loop";
    // Retries (src/policy/retry.rs).
    RETRY_REQUEST_MAY_HAVE = "{cause}; the request may have reached Customer.io, so it was not sent again: {check_hint}";
    RETRY_REQUEST_MAY_ALREADY = "{message}; the request may already have reached Customer.io: {check_hint}";
    // Answers (src/wire/shape_check.rs).
    // Answers (src/wire/api_error.rs).
    WIRE_RETRY_AFTER_S = " (retry after {value} s)";
    WIRE_CUSTOMERIO_ANSWERED = "Customer.io answered {status}{detail}{advice}";
    // Answers (src/wire/shape.rs).
    WIRE_GOT_WHOSE_BODY = "{operation} got a {status} whose body is not the expected JSON ({why}); a proxy or an API change may be in the way";
    // Configuration (src/config.rs).
    CONFIG_BASEURL_PASS_ORIGIN = "baseUrl {why}; pass an origin such as \"http://127.0.0.1:4010\"";
    // The JS binding (src/js/params.rs).
    JS_BIGINT_WHICH_JSON = "{value} is a BigInt, which JSON cannot carry; pass a number or a string of digits";
    JS_PASS_STRING_NUMBER = "{value} is {what}; pass a string, a number, a boolean, an array, a plain object or a Date";
    JS_NESTED_MORE_THAN = "{value} is nested more than {max_depth} levels deep; flatten it";
    JS_REFERS_BACK_TO = "{value} refers back to an object that contains it (a cycle); pass a tree of plain values";
    JS_WHICH_CANNOT_SENT = "{value} is {what}, which cannot be sent; pass a finite number";
    JS_INVALID_DATE_NEW = "{value} is an Invalid Date (new Date(...) could not read its input); pass a valid Date or Unix seconds";
    JS_NOT_PLAIN_OBJECT = "{value} is a {name}, not a plain object; pass { key: value } objects, arrays and Dates";
    // The JS binding (src/js/options.rs).
    JS_OBJECT = "{what} must be an object";
    JS_HAS_NO_OPTION = "{what} has no option {value}; the options are: {list}";
    JS_STRING = "{key} must be a string";
    JS_NUMBER_MILLISECONDS_0 = "{key} must be a number of milliseconds (0 or more)";
    JS_SPACINGSCOPE_BROADCAST_OR = "spacing.scope must be \"broadcast\" or \"workspace\", got {value}";
    // The JS binding (src/js/errors.rs).
    JS_BUG_IN_CUSTOMERIOWASM = "{what} (a bug in customerio-wasm; please report it)";
    // The JS binding (src/js/call.rs).
    JS_API_ACCEPTED_SEND = "{message}; the API accepted the send ({status}): do not send it again";
    JS_TRANSPORT_THREW = "the transport threw {got}";
    JS_SPACINGACQUIRE_REFUSED_TRIGGER = "spacing.acquire refused the trigger of broadcast {broadcast_id}: {got}; not sent";
    // The JS binding (src/js/webhook.rs).
    JS_HMAC_FAILED = "HMAC-SHA256 failed: {why}";
    // The JS binding (src/js/panic.rs).
    JS_PANICKED_AT = "panicked at {file}:{line}:{column}: {message}";
    JS_PANIC_WITH_VALUES = "a message with values, which the package's wasm does not format (no std); the location says where";
}
