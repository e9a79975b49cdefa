//! Cross-channel consistency: does the company give the same answer to the same question
//! on every channel?
//!
//! [`ConsistencyChecker::check`] takes the company's [`Answer`]s, groups the answers to the
//! same question (by topic id when given, else by question similarity; see [`group`]),
//! extracts the [facts](extract_facts) each answer states, and judges every group
//! `consistent`, `incomplete` or `conflict` (rules in [`verdict`]).
//!
//! # Example
//!
//! ```
//! use webcare::consistency::{Answer, ConsistencyChecker, Verdict};
//! use webcare::{parse_instant, Channel};
//!
//! let at = parse_instant("2026-03-06T10:00:00+01:00")?;
//! let answers = [
//!     Answer::new(Channel::X, at, "How long does a refund take?", "Within 14 days."),
//!     Answer::new(Channel::Email, at, "How long will my refund take?", "Binnen twee weken."),
//!     Answer::new(Channel::Chat, at, "Can I bring my dog?", "Yes, you can."),
//!     Answer::new(Channel::Email, at, "Can I bring my dog along?", "Unfortunately that is not possible."),
//! ];
//! let report = ConsistencyChecker::default().check(&answers)?;
//! assert_eq!(report.groups.len(), 2);
//! assert_eq!(report.groups[0].verdict, Verdict::Consistent);
//! assert_eq!(report.groups[1].verdict, Verdict::Conflict);
//! assert_eq!(report.groups[1].conflicts[0].values, ["yes", "no"]);
//! assert_eq!(report.rate, Some(0.5));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::{Error, Result};

pub mod facts;
pub mod group;
mod report;
pub mod verdict;

pub use facts::{extract_facts, Fact, FactKind};
pub use report::{AnswerGroup, Conflict, ConsistencyReport, Gap, PairRate};
pub use verdict::Verdict;

/// One answer the company gave: on which channel, when, to which question, and what.
///
/// JSON: `{"channel": "x", "at": "2026-03-06T10:00:00+01:00", "question": "...",
/// "answer": "...", "topic": "refunds"}`; `topic` is optional, `at` needs a UTC offset
/// (any offset; it is kept in UTC) and unknown keys are an error.
///
/// An answer with a topic is grouped by its topic alone and may have an empty question.
/// Without a topic the question decides its group, so an empty or blank question is an
/// error (`empty_question`) rather than a silent group of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAnswer")]
pub struct Answer {
    /// The channel the answer was given on.
    pub channel: Channel,
    /// When it was given.
    #[serde(serialize_with = "crate::instant::serde_utc::serialize")]
    pub at: DateTime<Utc>,
    /// The customer's question it answers.
    pub question: String,
    /// The answer's text.
    pub answer: String,
    /// A topic id that names the question, when the helpdesk knows it. Answers with a topic
    /// are grouped by topic alone; an empty topic counts as none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

/// The JSON shape of an [`Answer`], read as text so that bad values get typed errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    channel: String,
    at: String,
    question: String,
    answer: String,
    #[serde(default)]
    topic: Option<String>,
}

impl TryFrom<RawAnswer> for Answer {
    type Error = Error;

    fn try_from(raw: RawAnswer) -> Result<Answer> {
        Ok(Answer {
            channel: raw.channel.parse()?,
            at: crate::instant::parse_instant(&raw.at)?,
            question: raw.question,
            answer: raw.answer,
            topic: raw.topic,
        })
    }
}

impl Answer {
    /// An answer without a topic.
    pub fn new(channel: Channel, at: DateTime<Utc>, question: &str, answer: &str) -> Answer {
        Answer {
            channel,
            at,
            question: question.to_owned(),
            answer: answer.to_owned(),
            topic: None,
        }
    }

    /// The same answer with a topic id.
    pub fn with_topic(mut self, topic: &str) -> Answer {
        self.topic = Some(topic.to_owned());
        self
    }

    /// Parses a JSON array of answers.
    ///
    /// # Errors
    ///
    /// `invalid_json` when the text is not an array of answer objects (missing or unknown
    /// keys included), `unknown_channel`, `naive_datetime` or `invalid_datetime` for a bad
    /// channel or time.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::consistency::Answer;
    ///
    /// let answers = Answer::list_from_json(
    ///     r#"[{"channel": "x", "at": "2026-03-06T10:00:00+01:00", "question": "Fee?", "answer": "€25"}]"#,
    /// )?;
    /// assert_eq!(answers[0].channel, webcare::Channel::X);
    /// let naive = r#"[{"channel": "x", "at": "2026-03-06T10:00:00", "question": "Fee?", "answer": "€25"}]"#;
    /// assert_eq!(Answer::list_from_json(naive).unwrap_err().code(), "naive_datetime");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list_from_json(text: &str) -> Result<Vec<Answer>> {
        let raw: Vec<RawAnswer> = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        raw.into_iter().map(Answer::try_from).collect()
    }

    fn topic_id(&self) -> Option<&str> {
        self.topic.as_deref().filter(|t| !t.trim().is_empty())
    }
}

/// The checker's options. JSON: `{"threshold": 0.5, "shingle_size": 1}`; missing keys take
/// these defaults, unknown keys are an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConsistencyOptions {
    /// The Jaccard index of two questions' shingle sets from which they ask the same thing,
    /// in (0, 1]. Default 0.5.
    pub threshold: f64,
    /// Words per shingle, 1 to 8. Default 1 (single words); larger values make word order
    /// count.
    pub shingle_size: usize,
}

impl Default for ConsistencyOptions {
    fn default() -> ConsistencyOptions {
        ConsistencyOptions {
            threshold: 0.5,
            shingle_size: 1,
        }
    }
}

/// Checks that the company gives the same answer to the same question on every channel.
///
/// Serializes as its [`ConsistencyOptions`]; deserializing validates them.
///
/// # Example
///
/// ```
/// use webcare::consistency::ConsistencyChecker;
///
/// let checker = ConsistencyChecker::from_json(r#"{"threshold": 0.6}"#)?;
/// assert_eq!(checker.options().threshold, 0.6);
/// assert_eq!(ConsistencyChecker::from_json(&checker.to_json())?, checker);
/// let err = ConsistencyChecker::from_json(r#"{"threshold": 1.5}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_option");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(try_from = "ConsistencyOptions", into = "ConsistencyOptions")]
pub struct ConsistencyChecker {
    options: ConsistencyOptions,
}

impl TryFrom<ConsistencyOptions> for ConsistencyChecker {
    type Error = Error;

    fn try_from(options: ConsistencyOptions) -> Result<ConsistencyChecker> {
        ConsistencyChecker::new(options)
    }
}

impl From<ConsistencyChecker> for ConsistencyOptions {
    fn from(checker: ConsistencyChecker) -> ConsistencyOptions {
        checker.options
    }
}

impl ConsistencyChecker {
    /// A checker with these options.
    ///
    /// # Errors
    ///
    /// `invalid_option` when `threshold` is not in (0, 1] (NaN included) or `shingle_size`
    /// is not in 1..=8.
    pub fn new(options: ConsistencyOptions) -> Result<ConsistencyChecker> {
        let t = options.threshold;
        if !(t > 0.0 && t <= 1.0) {
            return Err(Error::InvalidOption {
                option: "threshold",
                value: t.to_string(),
                reason: "expected a number in (0, 1]",
            });
        }
        if !(1..=8).contains(&options.shingle_size) {
            return Err(Error::InvalidOption {
                option: "shingle_size",
                value: options.shingle_size.to_string(),
                reason: "expected an integer from 1 to 8",
            });
        }
        Ok(ConsistencyChecker { options })
    }

    /// A checker from its JSON options.
    ///
    /// # Errors
    ///
    /// `invalid_json` for text that is not an options object, `invalid_option` as in
    /// [`ConsistencyChecker::new`].
    pub fn from_json(text: &str) -> Result<ConsistencyChecker> {
        let options: ConsistencyOptions =
            serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        ConsistencyChecker::new(options)
    }

    /// The options as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.options).unwrap_or_default()
    }

    /// The options.
    pub fn options(&self) -> &ConsistencyOptions {
        &self.options
    }

    /// Groups the answers, extracts their facts and judges each group.
    ///
    /// An empty list gives an empty report. The groups and verdicts do not depend on the
    /// order of the answers (only the positions they report do).
    ///
    /// # Errors
    ///
    /// `empty_question` for an answer whose question is empty or blank and that has no
    /// topic: nothing says which question it answers.
    pub fn check(&self, answers: &[Answer]) -> Result<ConsistencyReport> {
        let formed = self.form(answers, group::group_similar)?;
        // A lone answer agrees with itself whatever it states: only answers that share a
        // group need their facts.
        let mut facts = vec![Vec::new(); answers.len()];
        for group in formed.iter().filter(|g| g.answers.len() > 1) {
            for &i in &group.answers {
                if let (Some(slot), Some(answer)) = (facts.get_mut(i), answers.get(i)) {
                    *slot = extract_facts(&answer.answer)?;
                }
            }
        }
        let channels: Vec<&Channel> = answers.iter().map(|a| &a.channel).collect();
        Ok(report::build(formed, &channels, &facts))
    }

    /// Only the grouping of [`check`](Self::check): the answers' positions, per group.
    ///
    /// # Errors
    ///
    /// As [`check`](Self::check).
    pub fn group(&self, answers: &[Answer]) -> Result<Vec<Vec<usize>>> {
        Ok(self
            .form(answers, group::group_similar)?
            .into_iter()
            .map(|g| g.answers)
            .collect())
    }

    /// The grouping with every pair of questions compared exactly instead of MinHash/LSH.
    /// Quadratic in the number of distinct questions: a reference for tests and for
    /// measuring what LSH misses, not for production.
    ///
    /// # Errors
    ///
    /// As [`check`](Self::check).
    pub fn group_exact(&self, answers: &[Answer]) -> Result<Vec<Vec<usize>>> {
        Ok(self
            .form(answers, group::group_exact)?
            .into_iter()
            .map(|g| g.answers)
            .collect())
    }

    fn form(
        &self,
        answers: &[Answer],
        similar: fn(Vec<Vec<u64>>, f64) -> Vec<Vec<usize>>,
    ) -> Result<Vec<report::Formed>> {
        let mut formed: Vec<report::Formed> = Vec::new();
        let mut by_topic: HashMap<&str, usize> = HashMap::new();
        let mut untopical = Vec::new();
        for (i, answer) in answers.iter().enumerate() {
            match answer.topic_id() {
                Some(topic) => {
                    let next = formed.len();
                    let g = *by_topic.entry(topic).or_insert(next);
                    if g == next {
                        formed.push(report::Formed {
                            answers: Vec::new(),
                            topic: Some(topic.to_owned()),
                        });
                    }
                    formed[g].answers.push(i);
                }
                None if answer.question.trim().is_empty() => {
                    return Err(Error::EmptyQuestion { index: i });
                }
                None => untopical.push(i),
            }
        }
        let sets = untopical
            .iter()
            .map(|&i| group::shingles(&answers[i].question, self.options.shingle_size))
            .collect();
        for members in similar(sets, self.options.threshold) {
            formed.push(report::Formed {
                answers: members.into_iter().map(|m| untopical[m]).collect(),
                topic: None,
            });
        }
        formed.sort_by_key(|g| g.answers.first().copied());
        Ok(formed)
    }
}

#[cfg(test)]
mod tests;
