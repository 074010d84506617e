//! Where requests go and how they are signed: the region (or a base URL) and the App API key.

use crate::prelude::*;

use crate::error::{Error, Result};
use core::fmt;

/// The data centre of the workspace. The region is chosen by host; there is no region header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// `https://api.customer.io`
    #[default]
    Us,
    /// `https://api-eu.customer.io`
    Eu,
}

impl Region {
    /// The origin of the App API in this region.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://api.customer.io",
            Region::Eu => "https://api-eu.customer.io",
        }
    }

    /// Reads `"us"` or `"eu"` (any case).
    pub fn parse(name: &str) -> Result<Region> {
        match name.to_ascii_lowercase().as_str() {
            "us" => Ok(Region::Us),
            "eu" => Ok(Region::Eu),
            _ => Err(Error::invalid(
                "region",
                // The value is not echoed: configuration values can be a secret mixed up by mistake.
                "region must be \"us\" or \"eu\"; use baseUrl for any other host",
            )),
        }
    }
}

/// The App API key. Its `Debug` and `Display` never show it, so it cannot leak through a log
/// line or an error message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Checks that the key is usable in an `Authorization` header.
    pub fn new(key: &str) -> Result<ApiKey> {
        let key = key.trim();
        if key.is_empty() {
            return Err(Error::invalid(
                "apiKey",
                "apiKey is empty: pass your App API key (Settings → API credentials → App API keys)",
            ));
        }
        if key.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::invalid(
                "apiKey",
                "apiKey contains whitespace or control characters: copy the key again without spaces or line breaks",
            ));
        }
        // A header value is a byte string: fetch refuses any character above U+00FF, so such a
        // key would fail every call (after every retry) instead of failing here once.
        if key.chars().any(|c| u32::from(c) > 0xFF) {
            return Err(Error::invalid(
                "apiKey",
                "apiKey contains a character that cannot go in an HTTP header (beyond Latin-1, e.g. a typographic quote or an emoji pasted with it): App API keys are plain ASCII, copy the key again",
            ));
        }
        Ok(ApiKey(key.to_owned()))
    }

    /// The value of the `Authorization` header.
    pub fn bearer(&self) -> String {
        join!("Bearer ", self.0)
    }

    /// The key itself, for transports that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// Per-attempt timeout in milliseconds when the caller sets none: long enough for a trigger with a
/// large audience to be accepted, short enough that a hung connection does not hold a Worker.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// Everything a request needs besides its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    base_url: String,
    api_key: ApiKey,
}

impl Config {
    /// A config for a region's public host.
    pub fn for_region(region: Region, api_key: &str) -> Result<Config> {
        Ok(Config {
            base_url: region.base_url().to_owned(),
            api_key: ApiKey::new(api_key)?,
        })
    }

    /// A config for any origin (the sandbox, a proxy, a test server). The `/v1/...` paths are
    /// appended to it, so it must be an origin (optionally with a path prefix), not an API path.
    pub fn for_base_url(base_url: &str, api_key: &str) -> Result<Config> {
        Ok(Config {
            base_url: check_base_url(base_url)?,
            api_key: ApiKey::new(api_key)?,
        })
    }

    /// The origin requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The key requests are signed with.
    pub fn api_key(&self) -> &ApiKey {
        &self.api_key
    }
}

/// Refuses a base URL that could not be an origin for the App API, saying why. The value itself
/// is never echoed: configuration values can be a secret mixed up by mistake.
fn check_base_url(url: &str) -> Result<String> {
    let refuse = |why: &str| Err(invalid!(&"baseUrl", CONFIG_BASEURL_PASS_ORIGIN, why));
    if url.chars().any(char::is_control) {
        return refuse("contains a control character (a line break or tab pasted with it?)");
    }
    let trimmed = url.trim().trim_end_matches('/');
    let Some(rest) = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
    else {
        return refuse("must be an http(s) origin: it starts with http:// or https://");
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('\\') {
        // Browsers and fetch read a backslash as a slash in http(s) URLs, so the host fetch would
        // use is not the one this text seems to name.
        return refuse("has a backslash in its host part, which fetch reads as a slash (sending to another host than it seems)");
    }
    if authority.contains('@') {
        return refuse("must not carry credentials (user:password@): they would show in String(client), prepared requests and errors; the App API key is the only credential, and a proxy's own credentials belong in a custom fetch");
    }
    if trimmed.contains(['?', '#', ' ']) {
        return refuse("must not contain a query, a fragment or spaces");
    }
    let (host, port) = split_host_port(authority);
    if host.is_empty() {
        return refuse("has no host");
    }
    if let Some(port) = port {
        let valid = is_ascii_digits(port) && port.parse::<u16>().is_ok_and(|p| p > 0);
        if !valid {
            return refuse("has an invalid port: a port is a number from 1 to 65535");
        }
    }
    if trimmed.ends_with("/v1") {
        return Err(Error::invalid(
            "baseUrl",
            "baseUrl must not end in /v1: the client appends /v1/... itself; pass the origin, e.g. \"https://api.customer.io\"",
        ));
    }
    Ok(trimmed.to_owned())
}

/// `host[:port]`, with a bracketed IPv6 host (`[::1]:4010`) kept whole.
fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if authority.starts_with('[') {
        return match authority.split_once(']') {
            Some((host, "")) => (host, None),
            Some((host, rest)) => (host, Some(rest.strip_prefix(':').unwrap_or(rest))),
            None => ("", None),
        };
    }
    match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    }
}

fn is_ascii_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
