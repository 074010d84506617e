//! The sans-IO boundary: a request described as data, and an answer handed back as data. Any
//! HTTP client (fetch in JS, reqwest natively) can carry them.

use crate::prelude::*;

use crate::config::Config;
use serde::Serialize;

/// The HTTP methods the App API operations here use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Method {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// Whether sending it twice is harmless (decides retries).
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get)
    }
}

/// The placeholder that replaces the key in anything shown to a person.
pub const REDACTED_AUTHORIZATION: &str = "Bearer [REDACTED]";

/// A request ready to send: method, full URL (path and encoded query), headers and JSON body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpRequest {
    pub method: Method,
    /// Base URL + path + `?query`, percent-encoded.
    pub url: String,
    /// The path alone, e.g. `/v1/campaigns/7/triggers`.
    pub path: String,
    /// The query pairs in the order they are sent, before encoding.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The JSON body, for POSTs.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Assembles a request for `config`, adding the auth header and, with a body, the JSON
    /// content type.
    pub fn new(
        config: &Config,
        method: Method,
        path: String,
        query: Vec<(String, String)>,
        body: Option<String>,
    ) -> HttpRequest {
        let mut url = join!(config.base_url(), path);
        for (i, (name, value)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&percent_encode(name));
            url.push('=');
            url.push_str(&percent_encode(value));
        }
        let mut headers = vec![("Authorization".to_owned(), config.api_key().bearer())];
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        HttpRequest {
            method,
            url,
            path,
            query,
            headers,
            body,
        }
    }

    /// The same request with the key replaced by a placeholder: safe to print, log or return
    /// from a dry run.
    pub fn redacted(&self) -> HttpRequest {
        let mut copy = self.clone();
        for (name, value) in &mut copy.headers {
            if name.eq_ignore_ascii_case("authorization") {
                *value = REDACTED_AUTHORIZATION.to_owned();
            }
        }
        copy
    }

    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

/// An answer as received: status, headers and body bytes, plus the clock reading (Unix
/// milliseconds) when it arrived, which turns an HTTP-date `Retry-After` into a delay.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub received_at_ms: u64,
}

impl HttpResponse {
    /// The value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, name)
    }
}

fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so the result is safe in a
/// path segment and in a query value.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        }
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16)
        .unwrap_or('0')
        .to_ascii_uppercase()
}
