//! Counts: a number of things.
//!
//! What it detects: a number (digits or a number word) followed by a noun: `2 bags`,
//! `one piece of hand luggage`, `twee koffers`. Why it matters: "2 bags" on one channel and
//! "3 bags" on another. The role is the noun, lowercased with a plural ending dropped, so
//! `2 bags` and `1 laptop` never disagree but `2 bags` and `three bags` do. Numbers of more
//! than five digits, years (1900-2100 before a non-noun), and numbers before stop words or
//! unit words are no counts. `een`/`a` are articles, not counts.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{parse_any, render, words_alternation};
use super::{compiled, FactKind, Pattern, Scan};
use crate::consistency::group::is_stop_word;
use crate::error::Result;

static COUNT: Pattern = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<n>(?-u:\b)\d{{1,5}}|{})\s+(?P<noun>\p{{L}}{{3,}})",
        words_alternation()
    ))
});

/// Words after a number that make it no count: units handled elsewhere, or words that make
/// the number an ordinal, a score or a time.
const NOT_NOUNS: &[&str] = &[
    "percent", "procent", "euro", "euros", "pound", "pounds", "dollar", "dollars", "uur", "uren",
    "hour", "hours", "minute", "minutes", "minuten", "day", "days", "dag", "dagen", "week",
    "weeks", "weken", "month", "months", "maand", "maanden", "year", "years", "jaar", "jaren",
    "times", "keer", "maal", "more", "meer", "less", "minder", "extra", "per",
];

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for c in compiled(&COUNT)?.captures_iter(scan.text) {
        let (Some(whole), Some(n), Some(noun)) = (c.get(0), c.name("n"), c.name("noun")) else {
            continue;
        };
        let lower = noun.as_str().to_lowercase();
        if is_stop_word(&lower) || NOT_NOUNS.contains(&lower.as_str()) {
            continue;
        }
        if inside_number(scan.text, n.start()) || after_name(scan.text, n.start(), n.as_str()) {
            continue;
        }
        let Some(value) = parse_any(n.as_str()) else {
            continue;
        };
        if (1_900_000..=2_100_000).contains(&value) {
            continue;
        }
        scan.push(
            FactKind::Count,
            Some(singular(&lower)),
            render(value),
            whole.range(),
        );
    }
    Ok(())
}

/// Whether the number continues a longer token: `4,000`, `1-888-907-0345`, `2/2`, `K-12`.
fn inside_number(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | '-' | '/' | '#'))
}

/// Whether the number is part of a name: it follows a word with a capital that does not
/// start a sentence (`PlayStation 4 issue`, `iPhone 11 Pro`), or it is a capitalized number
/// word inside a sentence (`Xbox One console`, `Google One hotel deals`).
fn after_name(text: &str, start: usize, number: &str) -> bool {
    let before = text[..start].trim_end();
    if number.starts_with(char::is_uppercase) {
        // "One bag is free." starts a sentence; "Xbox One console" does not.
        return !before.is_empty() && !before.ends_with(['.', '!', '?', ':', '\n']);
    }
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let prev_word = &before[word_start..];
    let starts_sentence = before[..word_start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n'));
    prev_word.chars().any(char::is_uppercase) && !starts_sentence
}

/// A crude singular, the same for every answer: `bags` → `bag`, `koffers` → `koffer`,
/// `pieces` → `piece`, `tassen` → `tass`. Only equality between answers matters.
fn singular(word: &str) -> String {
    let chars = word.chars().count();
    if chars > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if chars > 4 && word.ends_with("en") {
        return word[..word.len() - 2].to_owned();
    }
    if chars > 3 && word.ends_with('s') && !word.ends_with("ss") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::extract_facts;

    fn counts(text: &str) -> Vec<(String, String)> {
        extract_facts(text)
            .unwrap()
            .into_iter()
            .filter(|f| f.kind == super::FactKind::Count)
            .map(|f| (f.role.unwrap_or_default(), f.value))
            .collect()
    }

    #[test]
    fn role_is_the_thing_counted() {
        assert_eq!(
            counts("You may bring 2 bags."),
            [("bag".into(), "2".into())]
        );
        assert_eq!(
            counts("You may bring three bags."),
            [("bag".into(), "3".into())]
        );
        assert_eq!(
            counts("Je mag twee koffers meenemen."),
            [("koffer".into(), "2".into())]
        );
        assert!(counts("one of our colleagues").is_empty());
        assert!(counts("In 2026 we fly").is_empty());
        for text in [
            "more than 4,000 public watch hours",
            "call 1-888-907-0345 between 4 and 7",
            "2/2 Also, check this",
            "your PlayStation 4 issue",
            "the iPhone 11 Pro",
            "your Xbox One console",
        ] {
            assert!(counts(text).is_empty(), "{text}");
        }
        assert_eq!(counts("One bag is free."), [("bag".into(), "1".into())]);
        assert_eq!(counts("Bring 2 bags."), [("bag".into(), "2".into())]);
    }
}
