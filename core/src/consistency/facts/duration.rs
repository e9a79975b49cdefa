//! Durations, English and Dutch.
//!
//! What it detects: a number (digits, a number word, or `a`/`an`/`een` for one) or a range
//! (`3-5`, `3 to 5`, `3 tot 5`) followed by a unit: minutes, hours (`uur`, `h`), days
//! (`dagen`), business days (`working days`, `werkdagen`), weeks (`weken`), months
//! (`maanden`), years (`jaar`). Why it matters: "refund within 14 days" on one channel and
//! "within a month" on another.
//!
//! Normalization: "a week" is 7 days and a day 24 hours, so `14 days`, `2 weeks`,
//! `2 weken` and `twee weken` are all `14d`, and `48 hours` is `2d`. The value uses the
//! largest unit that divides it exactly (`d`, `h`, `m`, `s`). Business days (`bd`), months
//! (`mo`) and years (`y`) have no fixed length and stay in their own unit. A range is
//! `3d-5d`.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{parse_any, words_alternation};
use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static DURATION: Pattern = LazyLock::new(|| {
    let words = words_alternation();
    let number = format!(r"\d+(?:[.,]\d+)?|{words}");
    Regex::new(&format!(
        r"(?i)(?P<n>(?-u:\b)(?:\d+(?:[.,]\d+)?|an?|een)|{words})(?:\s*(?:-|–|to|tot|or|of)\s*(?P<n2>{number}))?[\s-]*(?P<u>business\s+days?|working\s+days?|work\s?days?|werkdagen|werkdag|minutes?|minuten|minuut|mins?|hours?|hrs?|uren|uur|h|u|days?|dagen|dag|d|weeks?|weken|months?|maanden|maand|years?|jaren|jaar)(?-u:\b)"
    ))
});

/// A unit: seconds per unit, or a named unit without a fixed length.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Seconds(i64),
    Named(&'static str),
}

fn unit(text: &str) -> Option<Unit> {
    let lower = text.to_lowercase();
    let word = lower.split_whitespace().next().unwrap_or("");
    Some(match word {
        "business" | "working" | "work" | "workday" | "workdays" | "werkdag" | "werkdagen" => {
            Unit::Named("bd")
        }
        "minute" | "minutes" | "minuut" | "minuten" | "min" | "mins" => Unit::Seconds(60),
        "hour" | "hours" | "hr" | "hrs" | "uur" | "uren" | "h" | "u" => Unit::Seconds(3600),
        "day" | "days" | "dag" | "dagen" | "d" => Unit::Seconds(86_400),
        "week" | "weeks" | "weken" => Unit::Seconds(7 * 86_400),
        "month" | "months" | "maand" | "maanden" => Unit::Named("mo"),
        "year" | "years" | "jaar" | "jaren" => Unit::Named("y"),
        _ => return None,
    })
}

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for c in compiled(&DURATION)?.captures_iter(scan.text) {
        let (Some(whole), Some(n), Some(u)) = (c.get(0), c.name("n"), c.name("u")) else {
            continue;
        };
        let n_text = n.as_str();
        let is_article = matches!(n_text.to_lowercase().as_str(), "a" | "an" | "een");
        let unit_text = u.as_str();
        // Single-letter units only directly after digits ("48h", "2d"), never after words.
        let short_unit = unit_text.len() == 1;
        if short_unit && (is_article || !n_text.starts_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        if is_article && c.name("n2").is_some() {
            continue;
        }
        let Some(unit) = unit(unit_text) else {
            continue;
        };
        let first = if is_article {
            Some(1000)
        } else {
            amount(n_text)
        };
        let Some(first) = first.and_then(|v| render(v, unit)) else {
            continue;
        };
        let value = match c.name("n2") {
            None => first,
            Some(n2) => match amount(n2.as_str()).and_then(|v| render(v, unit)) {
                Some(second) => format!("{first}-{second}"),
                None => continue,
            },
        };
        scan.push(FactKind::Duration, None, value, whole.range());
    }
    Ok(())
}

/// A number in thousandths, reading a lone separator as a decimal mark (`1,5 uur`).
fn amount(text: &str) -> Option<i64> {
    parse_any(&text.replace(',', "."))
}

fn render(thousandths: i64, unit: Unit) -> Option<String> {
    match unit {
        Unit::Named(name) => Some(format!("{}{name}", super::numbers::render(thousandths))),
        Unit::Seconds(per_unit) => {
            let millis = thousandths.checked_mul(per_unit)?;
            if millis % 1000 != 0 {
                return None;
            }
            let seconds = millis / 1000;
            Some(match seconds {
                s if s % 86_400 == 0 => format!("{}d", s / 86_400),
                s if s % 3600 == 0 => format!("{}h", s / 3600),
                s if s % 60 == 0 => format!("{}m", s / 60),
                s => format!("{s}s"),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Duration;

    #[test]
    fn a_week_is_seven_days() {
        for text in [
            "14 days",
            "2 weeks",
            "2 weken",
            "twee weken",
            "fourteen days",
            "14 dagen",
        ] {
            assert_eq!(values(text, Duration), ["14d"], "{text}");
        }
        assert_eq!(values("within a week", Duration), ["7d"]);
        assert_eq!(values("binnen een week", Duration), ["7d"]);
        assert_eq!(values("binnen één week", Duration), ["7d"]);
        assert_eq!(values("Binnen één week", Duration), ["7d"]);
        assert_eq!(values("within 48 hours", Duration), ["2d"]);
        assert_eq!(values("binnen 24 uur", Duration), ["1d"]);
        assert_eq!(values("48h", Duration), ["2d"]);
        assert_eq!(values("1,5 uur", Duration), ["90m"]);
        assert_eq!(values("5 werkdagen", Duration), ["5bd"]);
        assert_eq!(values("5 working days", Duration), ["5bd"]);
        assert_eq!(values("3-5 days", Duration), ["3d-5d"]);
        assert_eq!(values("drie tot vijf dagen", Duration), ["3d-5d"]);
        assert_eq!(values("a month", Duration), ["1mo"]);
        assert!(values("a day-to-day thing", Duration).len() == 1);
    }
}
