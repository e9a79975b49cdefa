//! Dates and weekdays, English and Dutch.
//!
//! What it detects: `2026-03-12`, `12-03-2026` and `12/03/26` (day first), `12 March`,
//! `March 12th, 2026`, `12 maart 2026`, and weekdays (`Monday`, `maandag`). Why it matters:
//! a deadline or opening day stated differently. Example: `12 maart` and `March 12` are
//! `--03-12`; with a year, `2026-03-12`; `maandag` is `monday`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("januari", 1), ("jan", 1),
    ("february", 2), ("februari", 2), ("feb", 2),
    ("march", 3), ("maart", 3), ("mar", 3), ("mrt", 3),
    ("april", 4), ("apr", 4),
    ("may", 5), ("mei", 5),
    ("june", 6), ("juni", 6), ("jun", 6),
    ("july", 7), ("juli", 7), ("jul", 7),
    ("august", 8), ("augustus", 8), ("aug", 8),
    ("september", 9), ("sept", 9), ("sep", 9),
    ("october", 10), ("oktober", 10), ("oct", 10), ("okt", 10),
    ("november", 11), ("nov", 11),
    ("december", 12), ("dec", 12),
];

#[rustfmt::skip]
const WEEKDAYS: &[(&str, &str)] = &[
    ("monday", "monday"), ("maandag", "monday"),
    ("tuesday", "tuesday"), ("dinsdag", "tuesday"),
    ("wednesday", "wednesday"), ("woensdag", "wednesday"),
    ("thursday", "thursday"), ("donderdag", "thursday"),
    ("friday", "friday"), ("vrijdag", "friday"),
    ("saturday", "saturday"), ("zaterdag", "saturday"),
    ("sunday", "sunday"), ("zondag", "sunday"),
];

fn alternation<T>(table: &[(&str, T)]) -> String {
    let mut words: Vec<&str> = table.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

static ISO: Pattern = LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})(?-u:\b)"));
static NUMERIC: Pattern =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})(?-u:\b)"));
static DAY_MONTH: Pattern = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th|ste|de|e)?\s+(?:of\s+)?({})(?-u:\b)\.?(?:,?\s+(\d{{4}})(?-u:\b))?",
        alternation(MONTHS)
    ))
});
static MONTH_DAY: Pattern = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?",
        alternation(MONTHS)
    ))
});
static WEEKDAY: Pattern = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})s?(?-u:\b)",
        alternation(WEEKDAYS)
    ))
});

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    let text = scan.text;
    if scan.digits {
        for c in compiled(&ISO)?.captures_iter(text) {
            let year = c.get(1).and_then(|m| m.as_str().parse().ok());
            push(scan, c.get(0), year, num(c.get(2)), num(c.get(3)));
        }
        for c in compiled(&NUMERIC)?.captures_iter(text) {
            // Both separators alike: 12-03-2026, not 12-03.2026.
            if c.get(2).map(|m| m.as_str()) != c.get(4).map(|m| m.as_str()) {
                continue;
            }
            let year = c.get(5).and_then(|m| m.as_str().parse::<i32>().ok());
            let year = year.map(|y| if y < 100 { 2000 + y } else { y });
            push(scan, c.get(0), year, num(c.get(3)), num(c.get(1)));
        }
        for c in compiled(&DAY_MONTH)?.captures_iter(text) {
            let year = c.get(3).and_then(|m| m.as_str().parse().ok());
            push(scan, c.get(0), year, month(c.get(2)), num(c.get(1)));
        }
        for c in compiled(&MONTH_DAY)?.captures_iter(text) {
            let year = c.get(3).and_then(|m| m.as_str().parse().ok());
            push(scan, c.get(0), year, month(c.get(1)), num(c.get(2)));
        }
    }
    for c in compiled(&WEEKDAY)?.captures_iter(text) {
        let (Some(whole), Some(word)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let lower = word.as_str().to_lowercase();
        if let Some((_, day)) = WEEKDAYS.iter().find(|(w, _)| *w == lower) {
            scan.push(FactKind::Date, None, (*day).to_owned(), whole.range());
        }
    }
    Ok(())
}

fn num(m: Option<regex::Match<'_>>) -> Option<u32> {
    m.and_then(|m| m.as_str().parse().ok())
}

fn month(m: Option<regex::Match<'_>>) -> Option<u32> {
    let lower = m?.as_str().to_lowercase();
    MONTHS.iter().find(|(w, _)| *w == lower).map(|(_, n)| *n)
}

fn push(
    scan: &mut Scan<'_>,
    whole: Option<regex::Match<'_>>,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
) {
    let (Some(whole), Some(month), Some(day)) = (whole, month, day) else {
        return;
    };
    // Without a year, check the day against a leap year so that 29 February passes.
    let valid = NaiveDate::from_ymd_opt(year.unwrap_or(2024), month, day).is_some();
    if !valid {
        return;
    }
    let value = match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    };
    scan.push(FactKind::Date, None, value, whole.range());
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Date;

    #[test]
    fn forms() {
        assert_eq!(values("on 12 maart", Date), ["--03-12"]);
        assert_eq!(values("on March 12th", Date), ["--03-12"]);
        assert_eq!(values("by 12 March 2026.", Date), ["2026-03-12"]);
        assert_eq!(values("op 12-03-2026", Date), ["2026-03-12"]);
        assert_eq!(values("2026-03-12", Date), ["2026-03-12"]);
        assert_eq!(values("op maandag", Date), ["monday"]);
        assert_eq!(values("Mondays to Fridays", Date), ["monday", "friday"]);
        assert!(values("31 februari", Date).is_empty());
    }
}
