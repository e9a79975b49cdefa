//! Yes/no polarity: whether the answer says yes or no.
//!
//! What it detects: the first yes/no cue in the first three sentences of an answer, skipping
//! questions ("Can you share your details?"): yes-words (`yes`, `ja`, `of course`,
//! `natuurlijk`, `zeker`); `no`/`nee` standing alone at the edge of a clause ("No, ...",
//! "Sorry, no." but not "there's no limit" or "oh no!"); negative modals (`cannot`, `can't`,
//! `unable`); or a modal (`can`, `may`, `possible`, `allowed`, `kan`, `mag`, `mogelijk`,
//! `toegestaan`) that is negative when a negation (`not`, `niet`, `never`, `geen`, ...) stands
//! within three words of it in the same clause (`n't` counts too). Yes/no words count only at
//! the edge of a clause ("Sure." but not "make sure"). A positive `can`/`may`/`kan`/`mag`
//! says yes only after `you`, `that`, `it`, `u`, `je`, `dat`, `het` ("we can help" is an
//! offer, "these steps may help" a hedge; `may` needs `you`), `possible`/`allowed`/`mogelijk`
//! say yes only after a form of *be* or at a clause end, and `able` counts only negated.
//!
//! Why it matters: "yes, you can" on X and "unfortunately that is not possible" by e-mail is
//! the most visible inconsistency of all. Examples: `yes, you can` and `ja hoor` are `yes`;
//! `nee, helaas`, `unfortunately that is not possible` and `dat kan helaas niet` are `no`. At
//! most one polarity fact per answer; later sentences are detail, not the answer.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

/// A letter (`\p{L}`), for the characters outside ASCII; see [`words`].
static LETTER: Pattern = LazyLock::new(|| Regex::new(r"\A\p{L}\z"));

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
/// Modals that only count when negated: "we'll be able to help" answers nothing.
const WEAK_MODAL: &[&str] = &["able"];
/// Verbs that say yes only after one of [`ANSWER_SUBJECTS`]: "you can", "dat kan", but not
/// "we can help" (an offer) or "these steps may help" (a hedge).
const SUBJECT_MODAL: &[&str] = &["can", "may", "kan", "kunt", "kunnen", "mag", "mogen"];
const ANSWER_SUBJECTS: &[&str] = &["you", "u", "je", "jij", "that", "dat", "it", "het"];
/// `may` is a hedge after anything but the person addressed ("that may help").
const PERMISSION: &[&str] = &["may", "mag", "mogen"];
const PERSON_ADDRESSED: &[&str] = &["you", "u", "je", "jij"];
/// Adjectives that say yes only after a form of *be* ("it is possible", not "possible causes").
const PREDICATE_MODAL: &[&str] = &["possible", "allowed", "permitted", "mogelijk", "toegestaan"];
const BE: &[&str] = &[
    "is", "be", "are", "was", "been", "it's", "that's", "zijn", "wel", "ook",
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

/// Words within this distance of a modal, in the same clause, decide its sign.
const WINDOW: usize = 3;
/// Only this many sentences are read.
const SENTENCES: usize = 3;
/// Separates clauses within a sentence.
const CLAUSE: &str = ",";

type Word<'t> = (Cow<'t, str>, Range<usize>);

/// The tokens of `text` as the pattern `[\p{L}'’]+|[.!?\n]|[,;:–]` finds them (leftmost
/// first): runs of letters and apostrophes, sentence ends, clause marks; everything else
/// is skipped. Scanned by hand: a regex costs more per token than the rest of the work.
fn words(text: &str) -> Result<impl Iterator<Item = (&str, Range<usize>)>> {
    let letter = compiled(&LETTER)?;
    let is_word = move |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphabetic() || c == '\''
        } else {
            // Every letter is alphabetic; the regex decides the few alphabetic non-letters.
            c == '’' || (c.is_alphabetic() && letter.is_match(c.encode_utf8(&mut [0; 4])))
        }
    };
    let mut chars = text.char_indices().peekable();
    Ok(std::iter::from_fn(move || {
        while let Some((start, c)) = chars.next() {
            if is_word(c) {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !is_word(d) {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                return Some((&text[start..end], start..end));
            } else if matches!(c, '.' | '!' | '?' | '\n' | ',' | ';' | ':' | '–') {
                let end = start + c.len_utf8();
                return Some((&text[start..end], start..end));
            }
        }
        None
    }))
}

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    let mut sentence: Vec<Word<'_>> = Vec::new();
    let mut sentences = 0;
    for (word, range) in words(scan.text)? {
        if matches!(word, "." | "!" | "?" | "\n") {
            if !sentence.is_empty() {
                // A question ("Can you share your details?") asks; it does not answer.
                if word != "?" {
                    if let Some((value, range)) = decide(&sentence) {
                        scan.push(FactKind::Polarity, None, value.to_owned(), range);
                        return Ok(());
                    }
                }
                sentences += 1;
                sentence.clear();
            }
            if sentences >= SENTENCES {
                return Ok(());
            }
            continue;
        }
        let word = if matches!(word, ";" | ":" | "–") {
            Cow::Borrowed(CLAUSE)
        } else if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b',')
        {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase().replace('’', "'"))
        };
        sentence.push((word, range));
    }
    if let Some((value, range)) = decide(&sentence) {
        scan.push(FactKind::Polarity, None, value.to_owned(), range);
    }
    Ok(())
}

/// The polarity of one sentence and the span of its cue, if it has one.
fn decide(words: &[Word<'_>]) -> Option<(&'static str, Range<usize>)> {
    let word = |i: usize| words.get(i).map(|(w, _)| w.as_ref());
    for (i, (w, range)) in words.iter().enumerate() {
        let w = w.as_ref();
        let prev = i.checked_sub(1).and_then(word);
        let next = word(i + 1);
        // "Yes, ...", "Sure." and "No, ..." stand at the edge of a clause; "make sure" and
        // "there's no limit" do not answer.
        let standalone = matches!(prev, None | Some(CLAUSE)) || matches!(next, None | Some(CLAUSE));
        if YES.contains(&w) && standalone {
            return Some(("yes", range.clone()));
        }
        if w == "of" && next == Some("course") {
            return Some(("yes", range.start..words[i + 1].1.end));
        }
        let exclamation = prev == Some("oh") || next.is_some_and(|n| NO_EXCEPT.contains(&n));
        if NO.contains(&w) && standalone && !exclamation {
            return Some(("no", range.clone()));
        }
        if NEGATIVE_MODAL.contains(&w) {
            return Some(("no", range.clone()));
        }
        if MODAL.contains(&w) {
            if let Some(j) = negation_near(words, i) {
                let (a, b) = (words[i.min(j)].1.start, words[i.max(j)].1.end);
                return Some(("no", a..b));
            }
            let subjects = if PERMISSION.contains(&w) {
                PERSON_ADDRESSED
            } else {
                ANSWER_SUBJECTS
            };
            let subject_ok =
                !SUBJECT_MODAL.contains(&w) || prev.is_some_and(|p| subjects.contains(&p));
            let predicate_ok = !PREDICATE_MODAL.contains(&w)
                || next.is_none_or(|n| n == CLAUSE)
                || prev.is_some_and(|p| BE.contains(&p));
            if WEAK_MODAL.contains(&w) || !subject_ok || !predicate_ok {
                continue;
            }
            return Some(("yes", range.clone()));
        }
    }
    None
}

/// A negation within [`WINDOW`] words of `i`, not crossing a clause boundary.
fn negation_near(words: &[Word<'_>], i: usize) -> Option<usize> {
    let left = (1..=WINDOW)
        .map_while(|d| i.checked_sub(d))
        .take_while(|&j| words[j].0 != CLAUSE);
    let right = (i + 1..(i + 1 + WINDOW).min(words.len())).take_while(|&j| words[j].0 != CLAUSE);
    left.chain(right).find(|&j| {
        let w = words[j].0.as_ref();
        NEGATION.contains(&w) || w.ends_with("n't")
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Polarity;

    #[test]
    fn words_are_what_the_pattern_finds() {
        let pattern = regex::Regex::new(r"[\p{L}'’]+|[.!?\n]|[,;:–]").unwrap();
        for text in [
            "Yes, you can't! Één keer—of twee? Ja: 'natuurlijk’; nee – niet.\nOK",
            "Ⅻ ǅ ʰ ā a\u{301}b 中文 ٣٤ émoji 😀 x\u{2160}y ß İ ﬁ",
            "",
            "...,,;;",
        ] {
            let expected: Vec<_> = pattern
                .find_iter(text)
                .map(|m| (m.as_str(), m.range()))
                .collect();
            assert_eq!(
                super::words(text).unwrap().collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

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
        for text in [
            "Oh no! Let us check.",
            "There's no limit on programs.",
            "Can you share your details?",
            "We can help with that.",
            "Our team will be able to help.",
        ] {
            assert!(values(text, Polarity).is_empty(), "{text}");
        }
        assert_eq!(values("Sorry, no.", Polarity), ["no"]);
        assert_eq!(
            values("If this doesn't work, you can call us.", Polarity),
            ["yes"]
        );
        assert_eq!(values("We cannot remove it.", Polarity), ["no"]);
        assert_eq!(values("You will not be able to save it.", Polarity), ["no"]);
        assert_eq!(
            values("It wouldn’t be possible to do so.", Polarity),
            ["no"]
        );
        for text in [
            "Please make sure you are signed in.",
            "These steps may help.",
            "It is certainly strange.",
            "This article outlines possible causes.",
            "That may help.",
        ] {
            assert!(values(text, Polarity).is_empty(), "{text}");
        }
    }
}
