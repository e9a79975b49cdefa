//! Instants at the edges: RFC 3339 text with an explicit UTC offset in, UTC inside.
//!
//! webcare stores every instant as `DateTime<Utc>`. Text is accepted with any offset
//! (`Z`, `+01:00`, `-05:00`) and converted; text without an offset is refused, because a
//! wall-clock reading alone does not say which instant it is.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};

use crate::error::{Error, Result};

/// Parses an RFC 3339 timestamp with an explicit offset into a UTC instant.
///
/// A space may stand for the `T`, and the fraction may have up to nine digits.
///
/// # Errors
///
/// `naive_datetime` when the text is a valid date and time without an offset,
/// `invalid_datetime` when it is not a timestamp at all.
///
/// # Example
///
/// ```
/// let t = webcare::parse_instant("2026-03-06T23:50:00+01:00")?;
/// assert_eq!(webcare::format_instant(t), "2026-03-06T22:50:00Z");
/// assert_eq!(webcare::parse_instant("2026-03-06T23:50:00").unwrap_err().code(), "naive_datetime");
/// # Ok::<(), webcare::Error>(())
/// ```
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>> {
    let trimmed = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(trimmed) {
        return Ok(t.with_timezone(&Utc));
    }
    // RFC 3339 allows a space for the `T`; chrono's strict parser does not.
    if let Ok(t) = DateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S%.f%:z") {
        return Ok(t.with_timezone(&Utc));
    }
    for naive_format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if NaiveDateTime::parse_from_str(trimmed, naive_format).is_ok() {
            return Err(Error::NaiveDatetime {
                value: text.to_owned(),
            });
        }
    }
    Err(Error::InvalidDatetime {
        value: text.to_owned(),
    })
}

/// Formats a UTC instant as RFC 3339 with `Z`, with as many fraction digits as it needs.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// serde support for `DateTime<Utc>` fields that must carry an offset in their text form.
pub(crate) mod serde_utc {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_instant(*t))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_instant(&text).map_err(serde::de::Error::custom)
    }
}

/// Serde for optional instants: RFC 3339 text or null.
pub(crate) mod serde_opt_utc {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&crate::instant::format_instant(*t)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        text.map(|t| crate::instant::parse_instant(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_offsets_and_space_separator() {
        let a = parse_instant("2026-03-06T23:50:00+01:00").unwrap();
        let b = parse_instant("2026-03-06 22:50:00Z").unwrap();
        let c = parse_instant("2026-03-06T17:50:00.000-05:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn naive_and_garbage_are_typed_errors() {
        assert_eq!(
            parse_instant("2026-03-06T23:50:00").unwrap_err().code(),
            "naive_datetime"
        );
        assert_eq!(
            parse_instant("2026-03-06 23:50").unwrap_err().code(),
            "naive_datetime"
        );
        assert_eq!(
            parse_instant("2026-13-06T23:50:00Z").unwrap_err().code(),
            "invalid_datetime"
        );
        assert_eq!(
            parse_instant("yesterday").unwrap_err().code(),
            "invalid_datetime"
        );
        assert_eq!(parse_instant("").unwrap_err().code(), "invalid_datetime");
    }

    #[test]
    fn format_keeps_sub_second_precision() {
        let t = parse_instant("2026-03-06T23:50:00.123456789+01:00").unwrap();
        assert_eq!(format_instant(t), "2026-03-06T22:50:00.123456789Z");
    }
}
