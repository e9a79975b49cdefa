//! Facts in an answer: amounts, durations, dates, contact points and yes/no, normalized.
//!
//! Each fact kind has its own extractor in its own file. Extractors run in a fixed order
//! over the same text and *claim* the bytes they match, so one piece of text is at most
//! one fact: `€20.00` is money, never also a time of day, and `+31 20 474 7747` is a phone
//! number, never also a count. Identifiers (order, booking and flight numbers, reference
//! codes) are claimed first and produce no fact, so they never conflict.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod count;
mod date;
mod duration;
mod email;
mod identifier;
mod money;
pub(crate) mod numbers;
mod percent;
mod phone;
mod polarity;
mod time_of_day;
mod url;

/// The kind of a [`Fact`]. Two facts can only disagree when their kinds (and roles) match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FactKind {
    /// An amount of money with its currency; value `EUR 25.00`.
    Money,
    /// A length of time; value `14d`, `48h` → `2d`, `90m`, `5bd` (business days), `1mo`,
    /// `1y`, or a range `3d-5d`.
    Duration,
    /// A percentage; value `10%`, `12.5%`.
    Percent,
    /// A number of things; the role is the thing (`bag`), the value the number (`2`).
    Count,
    /// A calendar date (`2026-03-12`, or `--03-12` without a year) or a weekday (`monday`).
    Date,
    /// A time of day on a 24-hour clock; value `20:00`.
    TimeOfDay,
    /// A web address without scheme and `www.`; value `klm.com/refunds`.
    Url,
    /// A phone number: national form with a leading `0` for known country codes
    /// (+31, +32, +33, +44, +49), else `+` and the digits.
    Phone,
    /// An e-mail address, lowercased.
    Email,
    /// The answer's yes or no; value `yes` or `no`. At most one per answer.
    Polarity,
}

impl FactKind {
    /// The kind's snake_case name, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            FactKind::Money => "money",
            FactKind::Duration => "duration",
            FactKind::Percent => "percent",
            FactKind::Count => "count",
            FactKind::Date => "date",
            FactKind::TimeOfDay => "time_of_day",
            FactKind::Url => "url",
            FactKind::Phone => "phone",
            FactKind::Email => "email",
            FactKind::Polarity => "polarity",
        }
    }
}

/// One fact stated in an answer, with its normalized value and where it is.
///
/// `start..end` is a byte range into the answer text (UTF-8), on character boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fact {
    /// What kind of fact this is.
    pub kind: FactKind,
    /// What the fact is about within its kind (for counts: the thing counted), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The normalized value: equal facts in other words have equal values.
    pub value: String,
    /// Byte offset of the first byte of the fact in the answer.
    pub start: usize,
    /// Byte offset one past the last byte of the fact in the answer.
    pub end: usize,
}

/// Extracts the facts stated in `text`, in order of position.
///
/// English and Dutch. Each piece of text is at most one fact; identifiers (order, booking,
/// flight and reference numbers) are no facts at all.
///
/// # Errors
///
/// `internal` only if a built-in pattern fails to compile, which is a bug.
///
/// # Example
///
/// ```
/// use webcare::consistency::{extract_facts, FactKind};
///
/// let facts = extract_facts("Yes, you get €25,00 back within 2 weken (order 123456).")?;
/// let values: Vec<_> = facts.iter().map(|f| (f.kind, f.value.as_str())).collect();
/// assert_eq!(values, [
///     (FactKind::Polarity, "yes"),
///     (FactKind::Money, "EUR 25.00"),
///     (FactKind::Duration, "14d"),
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extract_facts(text: &str) -> Result<Vec<Fact>> {
    let mut scan = Scan::new(text);
    // Order matters: earlier extractors claim text that later ones must not reread.
    email::extract(&mut scan)?;
    url::extract(&mut scan)?;
    identifier::extract(&mut scan)?;
    money::extract(&mut scan)?;
    percent::extract(&mut scan)?;
    date::extract(&mut scan)?;
    time_of_day::extract(&mut scan)?;
    phone::extract(&mut scan)?;
    duration::extract(&mut scan)?;
    count::extract(&mut scan)?;
    polarity::extract(&mut scan)?;
    let mut facts = scan.facts;
    facts.sort_by_key(|f| (f.start, f.end));
    Ok(facts)
}

/// The text being scanned, the byte ranges already claimed, and the facts found so far.
#[derive(Debug)]
pub(crate) struct Scan<'t> {
    pub(crate) text: &'t str,
    /// Whether the text may hold a digit (`\d`, Unicode): an ASCII digit or any character
    /// outside ASCII. Patterns that need a digit are not run when it does not.
    pub(crate) digits: bool,
    /// Claimed ranges, start → end; they never overlap.
    claimed: BTreeMap<usize, usize>,
    facts: Vec<Fact>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Scan<'t> {
        Scan {
            text,
            digits: text.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii()),
            claimed: BTreeMap::new(),
            facts: Vec::new(),
        }
    }

    /// Whether no claimed range overlaps `range`.
    pub(crate) fn is_free(&self, range: &Range<usize>) -> bool {
        match self.claimed.range(..range.end).next_back() {
            Some((_, &end)) => end <= range.start,
            None => true,
        }
    }

    /// Claims `range` without a fact (identifiers). Returns false when it was taken.
    pub(crate) fn claim(&mut self, range: Range<usize>) -> bool {
        if range.is_empty() || !self.is_free(&range) {
            return false;
        }
        self.claimed.insert(range.start, range.end);
        true
    }

    /// Claims `range` and records a fact there, unless the range is taken.
    pub(crate) fn push(
        &mut self,
        kind: FactKind,
        role: Option<String>,
        value: String,
        range: Range<usize>,
    ) -> bool {
        if !self.claim(range.clone()) {
            return false;
        }
        self.facts.push(Fact {
            kind,
            role,
            value,
            start: range.start,
            end: range.end,
        });
        true
    }
}

/// A built-in pattern, compiled on first use.
pub(crate) type Pattern = LazyLock<std::result::Result<Regex, regex::Error>>;

/// The compiled regex of a built-in pattern.
pub(crate) fn compiled(pattern: &'static Pattern) -> Result<&'static Regex> {
    pattern.as_ref().map_err(|e| Error::Internal {
        message: format!("built-in fact pattern does not compile: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn values(text: &str, kind: FactKind) -> Vec<String> {
        extract_facts(text)
            .unwrap()
            .into_iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.value)
            .collect()
    }

    #[test]
    fn spans_point_at_the_fact() {
        let text = "Het kost €25,00 per tas.";
        let facts = extract_facts(text).unwrap();
        assert_eq!(&text[facts[0].start..facts[0].end], "€25,00");
    }

    #[test]
    fn identifiers_are_not_facts() {
        for text in [
            "Your booking number 123456 is confirmed.",
            "Flight KL1234 leaves from gate D7.",
            "Ordernummer: 98765432",
            "Reference ABC-12345",
        ] {
            let facts = extract_facts(text).unwrap();
            assert!(facts.is_empty(), "{text}: {facts:?}");
        }
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let big = "€1.000,00 binnen 14 dagen op maandag 12 maart om 20.00 uur. ".repeat(20_000);
        let facts = extract_facts(&big).unwrap();
        assert_eq!(facts.len(), 5 * 20_000);
        let digits = "9".repeat(1_000_000);
        assert!(extract_facts(&digits).is_ok());
        assert!(
            extract_facts("€€€ 0,,,, ..., +++ @@ http:// 99999999999999999999999 euro").is_ok()
        );
    }
}
