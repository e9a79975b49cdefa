//! One opening interval of a day, such as `09:00-17:00` or `22:00-02:00`, in local
//! wall-clock seconds counted from midnight of the day it starts on.

use crate::error::{Error, Result};

/// Seconds in a (wall-clock) day.
pub(crate) const DAY: u32 = 86_400;

/// An opening interval in local wall-clock seconds from midnight of its start day.
///
/// `start < DAY` always; `end > start` and `end <= start + DAY`, so an interval that runs
/// past midnight (`22:00-02:00`) has `end > DAY` and never reaches the day after next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    /// Parses `HH:MM-HH:MM`. Hours are two digits `00`-`23` (`24:00` only as an end);
    /// an end before the start runs past midnight; an end equal to the start is an error.
    pub(crate) fn parse(text: &str) -> Result<Span> {
        let bad = |reason: &'static str| Error::InvalidInterval {
            value: text.to_owned(),
            reason,
        };
        let (a, b) = text
            .split_once('-')
            .ok_or_else(|| bad("expected HH:MM-HH:MM"))?;
        let start = parse_clock(a).ok_or_else(|| bad("expected HH:MM-HH:MM"))?;
        let end = parse_clock(b).ok_or_else(|| bad("expected HH:MM-HH:MM"))?;
        if start == DAY {
            return Err(bad("24:00 is only allowed as an end"));
        }
        if start == end {
            return Err(Error::EmptyInterval {
                value: text.to_owned(),
            });
        }
        // An end before the start runs past midnight into the next day.
        let end = if end < start { end + DAY } else { end };
        Ok(Span { start, end })
    }

    /// Length in wall-clock seconds.
    pub(crate) fn len(self) -> u32 {
        self.end - self.start
    }
}

/// `HH:MM` with two-digit hours 00-24 and minutes 00-59 (`24:00` only with `00`).
fn parse_clock(text: &str) -> Option<u32> {
    let b = text.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return None;
    }
    let h = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let m = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 3600 + m * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_overnight_and_whole_day() {
        assert_eq!(
            Span::parse("09:00-17:00").unwrap(),
            Span {
                start: 32_400,
                end: 61_200
            }
        );
        assert_eq!(
            Span::parse("22:00-02:00").unwrap(),
            Span {
                start: 79_200,
                end: 93_600
            }
        );
        assert_eq!(
            Span::parse("00:00-24:00").unwrap(),
            Span { start: 0, end: DAY }
        );
        assert_eq!(
            Span::parse("22:00-00:00").unwrap(),
            Span {
                start: 79_200,
                end: DAY
            }
        );
        assert_eq!(
            Span::parse("22:00-24:00").unwrap(),
            Span {
                start: 79_200,
                end: DAY
            }
        );
    }

    #[test]
    fn rejects_malformed_and_empty() {
        for bad in [
            "9:00-17:00",
            "09:00",
            "09:00-25:00",
            "24:00-02:00",
            "09:60-10:00",
            "09:00-17:00x",
            "",
            "ab:cd-ef:gh",
        ] {
            assert_eq!(
                Span::parse(bad).unwrap_err().code(),
                "invalid_interval",
                "{bad}"
            );
        }
        assert_eq!(
            Span::parse("09:00-09:00").unwrap_err().code(),
            "empty_interval"
        );
        assert_eq!(
            Span::parse("00:00-00:00").unwrap_err().code(),
            "empty_interval"
        );
    }
}
