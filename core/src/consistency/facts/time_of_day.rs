//! Times of day, on 12- and 24-hour clocks, English and Dutch.
//!
//! What it detects: `8 pm`, `8.30am`, `20:00`, `20.00 uur`, `20.00u`, `20h00`, `om 8 uur`,
//! `tot twintig uur`, `noon`, `midnight`, `middernacht`. A bare `20.00` is not a time (it is
//! more often an amount), and neither is `24 uur` without `om`/`tot`/`vanaf` (`binnen 24
//! uur` is a duration). Why it matters: opening hours quoted differently. Example:
//! `20.00 uur` and `8 pm` are both `20:00`.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{parse_any, words_alternation};
use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static TWELVE_HOUR: Pattern = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))",
    )
});
static DUTCH_HOUR: Pattern = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<h>\d{1,2})[:.](?P<m>\d{2})\s?(?:uur|u)(?-u:\b)|(?-u:\b)(?P<h2>\d{1,2})h(?P<m2>\d{2})(?-u:\b)",
    )
});
static COLON: Pattern =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?P<h>\d{1,2}):(?P<m>\d{2})(?-u:\b)"));
static WORD_HOUR: Pattern = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:om|tot|vanaf|van|at|until|till|from)\s+(?P<h>\d{{1,2}}|{words})\s+(?:uur(?-u:\b)|o'clock(?-u:\b))|(?P<h2>(?-u:\b)\d{{1,2}}|{words})\s+o'clock(?-u:\b)",
        words = words_alternation()
    ))
});
static NAMED: Pattern =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:noon|midday|midnight|middernacht)(?-u:\b)"));

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    let text = scan.text;
    if scan.digits {
        for c in compiled(&TWELVE_HOUR)?.captures_iter(text) {
            let pm = c
                .name("ap")
                .is_some_and(|m| m.as_str().to_lowercase().starts_with('p'));
            let hour = number(c.name("h")).filter(|h| (1..=12).contains(h));
            let hour = hour.map(|h| match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            });
            push(scan, c.get(0), hour, minute(c.name("m")));
        }
        for c in compiled(&DUTCH_HOUR)?.captures_iter(text) {
            let hour = number(c.name("h").or_else(|| c.name("h2")));
            push(
                scan,
                c.get(0),
                hour,
                minute(c.name("m").or_else(|| c.name("m2"))),
            );
        }
        for c in compiled(&COLON)?.captures_iter(text) {
            push(scan, c.get(0), number(c.name("h")), minute(c.name("m")));
        }
    }
    for c in compiled(&WORD_HOUR)?.captures_iter(text) {
        let hour = number(c.name("h").or_else(|| c.name("h2")));
        push(scan, c.get(0), hour, Some(0));
    }
    for m in compiled(&NAMED)?.find_iter(text) {
        let hour = if m.as_str().to_lowercase().starts_with("mid") && m.as_str().len() > 6 {
            0
        } else {
            12
        };
        push(scan, Some(m), Some(hour), Some(0));
    }
    Ok(())
}

fn number(m: Option<regex::Match<'_>>) -> Option<u32> {
    let v = parse_any(m?.as_str())?;
    u32::try_from(v / 1000).ok().filter(|_| v % 1000 == 0)
}

fn minute(m: Option<regex::Match<'_>>) -> Option<u32> {
    match m {
        None => Some(0),
        Some(m) => m.as_str().parse().ok(),
    }
}

fn push(
    scan: &mut Scan<'_>,
    whole: Option<regex::Match<'_>>,
    hour: Option<u32>,
    minute: Option<u32>,
) {
    let (Some(whole), Some(hour), Some(minute)) = (whole, hour, minute) else {
        return;
    };
    // 24:00 is the end of the day; anything past it is no time.
    if hour > 24 || minute > 59 || (hour == 24 && minute > 0) {
        return;
    }
    scan.push(
        FactKind::TimeOfDay,
        None,
        format!("{hour:02}:{minute:02}"),
        whole.range(),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::TimeOfDay;

    #[test]
    fn forms() {
        for text in [
            "20.00 uur",
            "8 pm",
            "8pm",
            "20:00",
            "20.00u",
            "20h00",
            "om 8 uur 's avonds",
            "8 p.m.",
        ] {
            let expected = if text.starts_with("om") {
                "08:00"
            } else {
                "20:00"
            };
            assert_eq!(values(text, TimeOfDay), [expected], "{text}");
        }
        assert_eq!(values("12 am", TimeOfDay), ["00:00"]);
        assert_eq!(values("tot twintig uur", TimeOfDay), ["20:00"]);
        assert_eq!(values("at midnight", TimeOfDay), ["00:00"]);
        assert_eq!(values("at noon", TimeOfDay), ["12:00"]);
        assert!(values("25:00", TimeOfDay).is_empty());
        assert!(values("binnen 24 uur", TimeOfDay).is_empty());
    }
}
