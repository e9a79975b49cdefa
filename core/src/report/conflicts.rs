//! Examples of conflicting answers, kept side by side with the facts they disagree on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::consistency::{Answer, ConsistencyReport, FactKind, Verdict};

/// At most this many conflict examples are kept in a report: the first found, in the order
/// the company's answers were pushed.
pub const CONFLICT_EXAMPLES: usize = 12;

/// Texts longer than this many bytes are cut to an excerpt around their facts.
const EXCERPT_BYTES: usize = 600;
/// Bytes kept before the first fact of a cut text.
const EXCERPT_LEAD: usize = 160;

/// Two answers on different channels to the same question that state different facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictExample {
    /// The customer's question the first answer replies to (cut to about 600 bytes, with
    /// `…` where cut).
    pub question: String,
    /// The two answers, in the order they were given.
    pub answers: [ExampleAnswer; 2],
    /// The facts the two answers disagree on, one entry per fact kind and role.
    pub facts: Vec<ExampleFact>,
}

/// One answer of a [`ConflictExample`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleAnswer {
    /// The channel it was given on.
    pub channel: Channel,
    /// When it was given.
    #[serde(with = "crate::instant::serde_utc")]
    pub at: DateTime<Utc>,
    /// Its text, or an excerpt of about 600 bytes around its facts with `…` where cut.
    pub text: String,
}

/// A fact two answers disagree on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleFact {
    /// The fact kind.
    pub kind: FactKind,
    /// The role within the kind, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The normalized value in each answer.
    pub values: [String; 2],
    /// Where each value stands in its answer's `text` (the excerpt): `[start, end]` byte
    /// offsets; `None` when the excerpt leaves the value out.
    pub spans: [Option<[usize; 2]>; 2],
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text`, or an excerpt of about [`EXCERPT_BYTES`] starting a little before `from`, and
/// the shift to apply to byte offsets of `text` to get offsets in the excerpt.
pub(crate) fn excerpt(text: &str, from: usize) -> (String, isize) {
    if text.len() <= EXCERPT_BYTES {
        return (text.to_owned(), 0);
    }
    let start = floor_char(text, from.saturating_sub(EXCERPT_LEAD));
    let end = ceil_char(text, start + EXCERPT_BYTES);
    let mut out = String::with_capacity(end - start + 8);
    let mut shift = -(start as isize);
    if start > 0 {
        out.push('…');
        shift += '…'.len_utf8() as isize;
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    (out, shift)
}

/// A span of the full text moved into its excerpt, if it lies inside it.
fn moved(span: [usize; 2], shift: isize, excerpt: &str) -> Option<[usize; 2]> {
    let start = usize::try_from(span[0] as isize + shift).ok()?;
    let end = usize::try_from(span[1] as isize + shift).ok()?;
    (start < end
        && end <= excerpt.len()
        && excerpt.is_char_boundary(start)
        && excerpt.is_char_boundary(end))
    .then_some([start, end])
}

/// Adds examples from one checked window of answers until there are [`CONFLICT_EXAMPLES`]:
/// per group with a conflict, the first pair of answers on different channels that
/// disagree, with every fact that pair disagrees on.
pub(crate) fn collect(
    into: &mut Vec<ConflictExample>,
    report: &ConsistencyReport,
    answers: &[Answer],
) {
    for group in &report.groups {
        if into.len() >= CONFLICT_EXAMPLES {
            return;
        }
        if group.verdict != Verdict::Conflict {
            continue;
        }
        let Some(first) = group
            .conflicts
            .iter()
            .find(|c| c.channels[0] != c.channels[1])
        else {
            continue;
        };
        let pair = first.answers;
        let (Some(a), Some(b)) = (answers.get(pair[0]), answers.get(pair[1])) else {
            continue;
        };
        let facts: Vec<_> = group
            .conflicts
            .iter()
            .filter(|c| c.answers == pair)
            .collect();
        let from = |k: usize| facts.iter().map(|c| c.spans[k][0]).min().unwrap_or(0);
        let (text_a, shift_a) = excerpt(&a.answer, from(0));
        let (text_b, shift_b) = excerpt(&b.answer, from(1));
        let facts = facts
            .iter()
            .map(|c| ExampleFact {
                kind: c.kind,
                role: c.role.clone(),
                values: c.values.clone(),
                spans: [
                    moved(c.spans[0], shift_a, &text_a),
                    moved(c.spans[1], shift_b, &text_b),
                ],
            })
            .collect();
        into.push(ConflictExample {
            question: excerpt(&a.question, 0).0,
            answers: [
                ExampleAnswer {
                    channel: a.channel.clone(),
                    at: a.at,
                    text: text_a,
                },
                ExampleAnswer {
                    channel: b.channel.clone(),
                    at: b.at,
                    text: text_b,
                },
            ],
            facts,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consistency::ConsistencyChecker;

    #[test]
    fn short_texts_stay_whole_and_long_ones_keep_their_facts() {
        assert_eq!(excerpt("short", 2), ("short".to_owned(), 0));
        let long = format!("{}a fee of EUR 25{}", "é".repeat(400), "x".repeat(700));
        let at = long.find("EUR").unwrap_or(0);
        let (text, shift) = excerpt(&long, at);
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert!(text.len() <= EXCERPT_BYTES + 8);
        let span = moved([at, at + 6], shift, &text).unwrap();
        assert_eq!(&text[span[0]..span[1]], "EUR 25");
    }

    #[test]
    fn examples_pair_answers_on_two_channels() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let answers = vec![
            Answer::new(
                Channel::Email,
                t("2026-03-02T10:00:00Z"),
                "Can I cancel for free?",
                "Yes, you can cancel free of charge within 14 days.",
            ),
            Answer::new(
                Channel::X,
                t("2026-03-02T11:00:00Z"),
                "Can I cancel for free?",
                "You can cancel within 7 days for a fee of EUR 25.",
            ),
        ];
        let report = ConsistencyChecker::default().check(&answers).unwrap();
        let mut examples = Vec::new();
        collect(&mut examples, &report, &answers);
        assert_eq!(examples.len(), 1);
        let e = &examples[0];
        assert_eq!(e.question, "Can I cancel for free?");
        assert_eq!(e.answers[0].channel, Channel::Email);
        assert_eq!(e.answers[1].channel, Channel::X);
        let duration = e
            .facts
            .iter()
            .find(|f| f.kind == FactKind::Duration)
            .unwrap();
        let [s0, s1] = [duration.spans[0].unwrap(), duration.spans[1].unwrap()];
        assert_eq!(&e.answers[0].text[s0[0]..s0[1]], "14 days");
        assert_eq!(&e.answers[1].text[s1[0]..s1[1]], "7 days");
    }
}
