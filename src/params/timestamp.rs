//! Unix-seconds timestamps, the seed's pitfall ("must be Unix timestamps, not ISO strings"), and
//! the calendar arithmetic behind two helpful things: the seconds value suggested for an ISO
//! string, and HTTP-date `Retry-After` headers.

use crate::prelude::*;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::params::{describe, is_digits, whole_f64};
use core::fmt;
use serde_json::Value;

/// Values above this are taken for milliseconds: as seconds they would be past the year 5000.
const MILLISECONDS_THRESHOLD: u64 = 100_000_000_000;
/// The largest timestamp accepted as seconds (the agent tools' schemas state it as a maximum).
pub const LARGEST_SECONDS: u64 = MILLISECONDS_THRESHOLD - 1;

/// A point in time as whole, non-negative Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnixTime(u64);

impl UnixTime {
    /// Checks the range (not negative, not milliseconds).
    pub fn new(seconds: u64) -> Option<UnixTime> {
        (seconds < MILLISECONDS_THRESHOLD).then_some(UnixTime(seconds))
    }

    /// `seconds`, capped at [`LARGEST_SECONDS`]: a clock reading, which is never milliseconds.
    pub fn saturating(seconds: u64) -> UnixTime {
        UnixTime(seconds.min(LARGEST_SECONDS))
    }

    /// The seconds.
    pub fn seconds(self) -> u64 {
        self.0
    }

    /// Reads whole Unix seconds at `field`. A string of digits is accepted; an ISO string, a
    /// fraction, a negative number or milliseconds are `invalid_timestamp` with a hint.
    pub fn parse(field: &str, value: &Value) -> Result<UnixTime> {
        let fail = |hint: String| Error::at(ErrorCode::InvalidTimestamp, field, hint);
        let seconds = match value {
            Value::Number(n) => match (n.as_u64(), n.as_f64()) {
                (Some(s), _) => s,
                (None, Some(f)) if f < 0.0 => {
                    return Err(fail(msg!(TS_NOT_NEGATIVE_GOT, field, n)))
                }
                (None, f) => {
                    whole_f64(f).ok_or_else(|| fail(msg!(TS_WHOLE_UNIX_SECONDS, field, n)))?
                }
            },
            Value::String(s) if is_digits(s) => s
                .parse::<u64>()
                .map_err(|_| fail(msg!(TS_TOO_LARGE, field, s)))?,
            Value::String(s) => return Err(fail(string_hint(field, s))),
            other => return Err(fail(msg!(TS_UNIX_SECONDS_EG, field, describe(other)))),
        };
        UnixTime::new(seconds).ok_or_else(|| {
            fail(msg!(
                TS_LOOKS_LIKE_MILLISECONDS,
                field,
                seconds,
                seconds / 1000
            ))
        })
    }

    /// Checks that a window runs forward: `start` not after `end`.
    pub fn check_window(start: Option<UnixTime>, end: Option<UnixTime>) -> Result<()> {
        match (start, end) {
            (Some(s), Some(e)) if s > e => Err(refuse_at!(
                ErrorCode::InvalidTimestamp,
                &"start_ts",
                TS_STARTTS_AFTER_ENDTS,
                s.0,
                e.0
            )),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

fn string_hint(field: &str, text: &str) -> String {
    if text == "Invalid Date" {
        return msg!(TS_INVALID_DATE_NEW, field);
    }
    match parse_iso8601(text) {
        Some(seconds) => msg!(TS_UNIX_SECONDS_NOT, field, Quoted(text), seconds, seconds),
        None => msg!(
            TS_UNIX_SECONDS_EG,
            field,
            describe(&Value::String(text.to_owned()))
        ),
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn seconds_of(year: i64, month: u32, day: u32, h: u32, m: u32, s: u32) -> Option<u64> {
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && h < 24 && m < 60 && s <= 60;
    let total = days_from_civil(year, month, day) * 86_400
        + i64::from(h) * 3600
        + i64::from(m) * 60
        + i64::from(s);
    valid.then(|| u64::try_from(total).ok()).flatten()
}

fn number(text: &str) -> Option<u32> {
    is_digits(text).then(|| text.parse().ok()).flatten()
}

/// Reads `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` and `Z` (UTC only: an offset
/// makes it unreadable, and the caller then gives the generic hint).
fn parse_iso8601(text: &str) -> Option<u64> {
    let text = text.trim().trim_end_matches('Z');
    let (date, time) = text.split_once(['T', ' ']).unwrap_or((text, "00:00:00"));
    let mut d = date.splitn(3, '-');
    let (year, month, day) = (d.next()?, number(d.next()?)?, number(d.next()?)?);
    let year = i64::from(number(year).filter(|_| year.len() == 4)?);
    let time = time.split('.').next()?;
    let mut t = time.splitn(3, ':');
    let (h, m) = (number(t.next()?)?, number(t.next()?)?);
    let s = t.next().map_or(Some(0), number)?;
    seconds_of(year, month, day, h, m, s)
}

/// Reads an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the HTTP-date form `Retry-After`
/// may take, into Unix seconds.
pub fn parse_http_date(text: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?;
    let day = number(parts.next()?)?;
    let month_name = parts.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month_name)?;
    let year = i64::from(number(parts.next()?)?);
    let mut t = parts.next()?.splitn(3, ':');
    let (h, m, s) = (number(t.next()?)?, number(t.next()?)?, number(t.next()?)?);
    if !parts.next()?.eq_ignore_ascii_case("GMT") {
        return None;
    }
    seconds_of(year, u32::try_from(month).ok()? + 1, day, h, m, s)
}
