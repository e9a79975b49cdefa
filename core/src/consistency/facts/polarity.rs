//! Yes/no polarity: whether the answer says yes or no.
//!
//! What it detects: the first yes/no cue in the first three sentences of an answer:
//! yes-words (`yes`, `ja`, `of course`, `natuurlijk`, `zeker`), no-words (`no`, `nee`), or a
//! modal (`can`, `may`, `possible`, `allowed`, `kan`, `mag`, `mogelijk`, `toegestaan`) that is
//! negative when a negation (`not`, `niet`, `never`, `geen`, `can't`, ...) stands within three
//! words of it. Why it matters: "yes, you can" on X and "unfortunately that is not
//! possible" by e-mail is the most visible inconsistency of all. Examples: `yes, you can`
//! and `ja hoor` are `yes`; `nee, helaas`, `unfortunately that is not possible` and `dat kan
//! helaas niet` are `no`. At most one polarity fact per answer; later sentences are detail,
//! not the answer.

use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static WORD: Pattern = LazyLock::new(|| Regex::new(r"[\p{L}'’]+|[.!?\n]"));

const YES: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "yup",
    "ja",
    "jazeker",
    "zeker",
    "certainly",
    "sure",
    "absolutely",
    "definitely",
    "natuurlijk",
    "uiteraard",
    "tuurlijk",
];
const NO: &[&str] = &["no", "nope", "nee", "neen"];
/// After `no`, these make it no answer ("no problem", "no worries").
const NO_EXCEPT: &[&str] = &[
    "problem", "problems", "worries", "worry", "probleem", "dank",
];
const MODAL: &[&str] = &[
    "can",
    "may",
    "possible",
    "able",
    "allowed",
    "permitted",
    "kan",
    "kunt",
    "kunnen",
    "mag",
    "mogen",
    "mogelijk",
    "toegestaan",
];
const NEGATIVE_MODAL: &[&str] = &[
    "cannot",
    "can't",
    "cant",
    "impossible",
    "unable",
    "onmogelijk",
    "won't",
    "mustn't",
];
const NEGATION: &[&str] = &[
    "not",
    "niet",
    "never",
    "nooit",
    "geen",
    "no",
    "isn't",
    "aren't",
    "don't",
    "doesn't",
    "won't",
    "wasn't",
    "unfortunately",
];

/// Words within this distance of a modal decide its sign.
const WINDOW: usize = 3;
/// Only this many sentences are read.
const SENTENCES: usize = 3;

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    let mut sentence: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    let mut sentences = 0;
    for m in compiled(&WORD)?.find_iter(scan.text) {
        let word = m.as_str();
        if matches!(word, "." | "!" | "?" | "\n") {
            if !sentence.is_empty() {
                if let Some((value, range)) = decide(&sentence) {
                    scan.push(FactKind::Polarity, None, value.to_owned(), range);
                    return Ok(());
                }
                sentences += 1;
                sentence.clear();
            }
            if sentences >= SENTENCES {
                return Ok(());
            }
            continue;
        }
        sentence.push((word.to_lowercase().replace('’', "'"), m.range()));
    }
    if let Some((value, range)) = decide(&sentence) {
        scan.push(FactKind::Polarity, None, value.to_owned(), range);
    }
    Ok(())
}

/// The polarity of one sentence and the span of its cue, if it has one.
fn decide(
    words: &[(String, std::ops::Range<usize>)],
) -> Option<(&'static str, std::ops::Range<usize>)> {
    for (i, (word, range)) in words.iter().enumerate() {
        let w = word.as_str();
        let next = words.get(i + 1).map(|(n, _)| n.as_str());
        if YES.contains(&w) {
            return Some(("yes", range.clone()));
        }
        if w == "of" && next == Some("course") {
            return Some(("yes", range.start..words[i + 1].1.end));
        }
        if NO.contains(&w) && !next.is_some_and(|n| NO_EXCEPT.contains(&n)) {
            return Some(("no", range.clone()));
        }
        if NEGATIVE_MODAL.contains(&w) {
            return Some(("no", range.clone()));
        }
        if MODAL.contains(&w) {
            let lo = i.saturating_sub(WINDOW);
            let hi = (i + WINDOW + 1).min(words.len());
            let negation = (lo..hi).find(|&j| j != i && NEGATION.contains(&words[j].0.as_str()));
            return Some(match negation {
                Some(j) => {
                    let (a, b) = (words[i.min(j)].1.start, words[i.max(j)].1.end);
                    ("no", a..b)
                }
                None => ("yes", range.clone()),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Polarity;

    #[test]
    fn yes_and_no() {
        for text in [
            "Yes, you can.",
            "Ja hoor, dat kan.",
            "Of course!",
            "You can bring it along.",
            "Dat is mogelijk.",
        ] {
            assert_eq!(values(text, Polarity), ["yes"], "{text}");
        }
        for text in [
            "Nee, helaas.",
            "Unfortunately that is not possible.",
            "Dat kan helaas niet.",
            "You cannot bring it.",
            "You can't.",
            "Hi Anna! Sorry, that is not allowed.",
            "Helaas is dat niet mogelijk.",
        ] {
            assert_eq!(values(text, Polarity), ["no"], "{text}");
        }
        assert!(values("No problem! Thanks for your message.", Polarity).is_empty());
        assert!(values("Hi. Thanks. We checked. You can call us.", Polarity).is_empty());
    }
}
