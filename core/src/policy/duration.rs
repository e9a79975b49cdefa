//! Business durations: `"30s"`, `"45m"`, `"1h30m"`, `"2d"` or ISO 8601 `"PT1H30M"`.

use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// An amount of open time on a target's calendar, as written in a policy.
///
/// Written compactly (`"30s"`, `"45m"`, `"1h30m"`, `"2d"`: units `d`, `h`, `m`, `s` in that
/// order, each at most once) or as an ISO 8601 duration (`"PT1H30M"`, `"P2D"`, `"P1W"`).
/// A day (`d`, `D`) is 24 hours of open time, not a working day: one 9-to-5 day is `"8h"`.
/// Years and months have no fixed length and are refused. The text is kept, so a policy
/// round-trips unchanged.
///
/// # Example
///
/// ```
/// use webcare::policy::BusinessDuration;
/// use chrono::TimeDelta;
///
/// assert_eq!("1h30m".parse::<BusinessDuration>()?.delta(), TimeDelta::minutes(90));
/// assert_eq!("PT1H30M".parse::<BusinessDuration>()?.delta(), TimeDelta::minutes(90));
/// assert_eq!("2d".parse::<BusinessDuration>()?.delta(), TimeDelta::hours(48));
/// assert_eq!("0m".parse::<BusinessDuration>().unwrap_err().code(), "non_positive_duration");
/// assert_eq!("90 minutes".parse::<BusinessDuration>().unwrap_err().code(), "invalid_duration");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BusinessDuration {
    text: String,
    delta: TimeDelta,
}

/// Longest duration a target may have: 100 years of open time.
const MAX_SECONDS: i64 = 100 * 366 * 86_400;

impl BusinessDuration {
    /// The amount of open time.
    pub fn delta(&self) -> TimeDelta {
        self.delta
    }

    /// The text as written in the policy.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// A duration from a positive `TimeDelta`, written compactly (`"1h30m"`).
    ///
    /// # Errors
    ///
    /// `non_positive_duration` when `delta` is zero or negative; `invalid_duration` when it
    /// is longer than 100 years or not a whole number of seconds.
    pub fn from_delta(delta: TimeDelta) -> Result<BusinessDuration> {
        let secs = delta.num_seconds();
        if delta <= TimeDelta::zero() {
            return Err(Error::NonPositiveDuration {
                value: format!("{}s", secs),
            });
        }
        if delta.subsec_nanos() != 0 || secs > MAX_SECONDS {
            return Err(Error::InvalidDuration {
                value: format!("{delta}"),
                reason: "not a whole number of seconds up to 100 years",
            });
        }
        let text = compact(delta);
        Ok(BusinessDuration { text, delta })
    }
}

fn invalid(text: &str, reason: &'static str) -> Error {
    Error::InvalidDuration {
        value: text.to_owned(),
        reason,
    }
}

/// Parses the digits at the front of `rest`; returns the number and the remainder.
fn number<'a>(text: &str, rest: &'a str) -> Result<(i64, &'a str)> {
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if end == 0 {
        return Err(invalid(text, "expected a number before each unit"));
    }
    let n = rest[..end]
        .parse::<i64>()
        .map_err(|_| invalid(text, "number too large"))?;
    Ok((n, &rest[end..]))
}

/// Sums `n * size` seconds, refusing overflow.
fn accumulate(text: &str, total: i64, n: i64, size: i64) -> Result<i64> {
    n.checked_mul(size)
        .and_then(|s| total.checked_add(s))
        .filter(|s| *s <= MAX_SECONDS)
        .ok_or_else(|| invalid(text, "longer than 100 years"))
}

fn parse_compact(text: &str, body: &str) -> Result<i64> {
    const UNITS: [(char, i64); 4] = [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];
    let mut rest = body;
    let mut next_unit = 0;
    let mut total = 0i64;
    if rest.is_empty() {
        return Err(invalid(text, "empty"));
    }
    while !rest.is_empty() {
        let (n, after) = number(text, rest)?;
        let unit = after
            .chars()
            .next()
            .ok_or_else(|| invalid(text, "a number needs a unit: d, h, m or s"))?;
        let pos = UNITS[next_unit..]
            .iter()
            .position(|(u, _)| *u == unit)
            .ok_or_else(|| {
                if UNITS.iter().any(|(u, _)| *u == unit) {
                    invalid(text, "units must come in the order d, h, m, s, each once")
                } else {
                    invalid(text, "unknown unit (expected d, h, m or s)")
                }
            })?;
        let (_, size) = UNITS[next_unit + pos];
        total = accumulate(text, total, n, size)?;
        next_unit += pos + 1;
        rest = &after[unit.len_utf8()..];
    }
    Ok(total)
}

fn parse_iso(text: &str, body: &str) -> Result<i64> {
    // body starts after the `P`.
    let (date, time) = match body.split_once(['T', 't']) {
        Some((d, t)) => {
            if t.is_empty() {
                return Err(invalid(
                    text,
                    "a T must be followed by hours, minutes or seconds",
                ));
            }
            (d, Some(t))
        }
        None => (body, None),
    };
    if date.is_empty() && time.is_none() {
        return Err(invalid(text, "empty"));
    }
    let mut total = 0i64;
    for (is_date, part, units) in [
        (true, date, &[('W', 604_800i64), ('D', 86_400)][..]),
        (
            false,
            time.unwrap_or(""),
            &[('H', 3_600), ('M', 60), ('S', 1)][..],
        ),
    ] {
        let mut rest = part;
        let mut next_unit = 0;
        while !rest.is_empty() {
            let (n, after) = number(text, rest)?;
            let unit = after
                .chars()
                .next()
                .map(|c| c.to_ascii_uppercase())
                .ok_or_else(|| invalid(text, "a number needs a unit"))?;
            if is_date && (unit == 'Y' || unit == 'M') {
                return Err(invalid(text, "years and months have no fixed length"));
            }
            let pos = units[next_unit..]
                .iter()
                .position(|(u, _)| *u == unit)
                .ok_or_else(|| invalid(text, "unknown or misplaced ISO 8601 unit"))?;
            let (_, size) = units[next_unit + pos];
            total = accumulate(text, total, n, size)?;
            next_unit += pos + 1;
            rest = &after[unit.len_utf8()..];
        }
    }
    Ok(total)
}

impl FromStr for BusinessDuration {
    type Err = Error;

    fn from_str(text: &str) -> Result<BusinessDuration> {
        let trimmed = text.trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let seconds = match body.strip_prefix(['P', 'p']) {
            Some(iso) => parse_iso(text, iso)?,
            None => parse_compact(text, body)?,
        };
        if negative || seconds == 0 {
            return Err(Error::NonPositiveDuration {
                value: text.to_owned(),
            });
        }
        Ok(BusinessDuration {
            text: text.to_owned(),
            delta: TimeDelta::seconds(seconds),
        })
    }
}

impl fmt::Display for BusinessDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for BusinessDuration {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for BusinessDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<BusinessDuration, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Says a duration the way a person writes it: `"1h30m"`, `"25m"`, `"2d3h"`.
pub(crate) fn compact(delta: TimeDelta) -> String {
    let secs = delta.num_seconds();
    if secs <= 0 {
        return "0s".into();
    }
    let mut out = String::new();
    let parts = [
        (secs / 86_400, 'd'),
        ((secs % 86_400) / 3_600, 'h'),
        ((secs % 3_600) / 60, 'm'),
        (secs % 60, 's'),
    ];
    for (n, unit) in parts {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        text.parse::<BusinessDuration>()
            .unwrap()
            .delta()
            .num_seconds()
    }

    fn code(text: &str) -> &'static str {
        text.parse::<BusinessDuration>().unwrap_err().code()
    }

    #[test]
    fn compact_forms() {
        assert_eq!(secs("30s"), 30);
        assert_eq!(secs("45m"), 2_700);
        assert_eq!(secs("1h30m"), 5_400);
        assert_eq!(secs("2d"), 172_800);
        assert_eq!(secs("1d2h3m4s"), 93_784);
        assert_eq!(secs("90m"), 5_400);
    }

    #[test]
    fn iso_forms() {
        assert_eq!(secs("PT1H30M"), 5_400);
        assert_eq!(secs("PT30M"), 1_800);
        assert_eq!(secs("P2D"), 172_800);
        assert_eq!(secs("P1DT1H"), 90_000);
        assert_eq!(secs("P1W"), 604_800);
        assert_eq!(secs("PT45S"), 45);
    }

    #[test]
    fn bad_forms() {
        for bad in [
            "", "h", "1", "1x", "30m1h", "1h1h", "PT", "P", "P1M", "P1Y", "PT1D", "1.5h", "1 h",
        ] {
            assert_eq!(code(bad), "invalid_duration", "{bad:?}");
        }
        for bad in ["0s", "0m", "-30m", "PT0S", "-PT1H", "0d0h"] {
            assert_eq!(code(bad), "non_positive_duration", "{bad:?}");
        }
        assert_eq!(code("999999999999h"), "invalid_duration");
    }

    #[test]
    fn compact_says_it() {
        assert_eq!(compact(TimeDelta::minutes(90)), "1h30m");
        assert_eq!(compact(TimeDelta::hours(49)), "2d1h");
        assert_eq!(
            BusinessDuration::from_delta(TimeDelta::seconds(3_725))
                .unwrap()
                .as_str(),
            "1h2m5s"
        );
    }
}
