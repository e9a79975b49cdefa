//! `ConsistencyChecker` and `extractFacts`, wrapping `webcare::consistency`.
//!
//! Answers come in as plain objects `{channel, at, question, answer, topic?}` (`at` a `Date`
//! or RFC 3339 text). Each is read into the JSON shape of an answer (a `Date` becomes its
//! RFC 3339 text) and parsed by core, so missing or unknown keys get core's `invalid_json`
//! like in every other language. Reports come back as plain objects; spans as UTF-16
//! offsets, JavaScript's string indexes.

use napi::bindgen_prelude::*;
use napi::{JsDate, JsValue, ValueType};
use napi_derive::napi;
use serde_json::{json, Map, Value};
use webcare::span::{convert_offsets, OffsetUnit};
use webcare::Error;

use crate::convert::{catch, guard, instant};

/// The checker's options as an object; a missing option takes core's default (threshold
/// 0.5, shingle size 1).
#[napi(object)]
#[derive(Debug, Default)]
pub struct ConsistencyOptions {
    /// The Jaccard index of two questions' shingle sets from which they ask the same thing,
    /// in (0, 1].
    pub threshold: Option<f64>,
    /// Words per shingle, 1 to 8.
    pub shingle_size: Option<f64>,
}

/// One answer the company gave, as a plain object. `at` is a `Date` or RFC 3339 text with
/// an offset; `topic` is optional (answers with a topic are grouped by topic alone).
#[napi(object)]
#[derive(Debug)]
pub struct Answer {
    /// The channel's name (`x`, `email`, ..., `custom:<name>`).
    pub channel: String,
    /// When it was given.
    #[napi(ts_type = "Date | string")]
    pub at: String,
    /// The customer's question it answers.
    pub question: String,
    /// The answer's text.
    pub answer: String,
    /// A topic id that names the question.
    pub topic: Option<String>,
}

/// What `ConsistencyChecker.check` found.
#[napi(object)]
#[derive(Debug)]
pub struct ConsistencyReport {
    /// Groups of answers to the same question, ordered by their first answer.
    pub groups: Vec<AnswerGroup>,
    /// The share of groups answered on more than one channel that are consistent; `null`
    /// when no group spans two channels.
    pub rate: Either<f64, Null>,
    /// The same rate per pair of channels: over the groups answered on both, judging only
    /// the answers on those two channels. Ordered by channel pair.
    pub pairs: Vec<PairRate>,
}

/// One group of answers to the same question.
#[napi(object)]
#[derive(Debug)]
pub struct AnswerGroup {
    /// Positions of the answers in the input, ascending.
    pub answers: Vec<u32>,
    /// The topic id, when the group was formed by topic.
    pub topic: Option<String>,
    /// The distinct channels of the answers, sorted.
    pub channels: Vec<String>,
    /// The verdict.
    #[napi(ts_type = "'consistent' | 'incomplete' | 'conflict'")]
    pub verdict: String,
    /// Facts that disagree (empty unless the verdict is `conflict`). At most 16 per fact
    /// kind and role are listed.
    pub conflicts: Vec<Conflict>,
    /// Facts that some answers leave out (listed when a kind and role has no conflict; at
    /// most 256 per group).
    pub gaps: Vec<Gap>,
}

/// Two answers stating different values for the same fact kind and role.
#[napi(object)]
#[derive(Debug)]
pub struct Conflict {
    /// The fact kind.
    #[napi(
        ts_type = "'money' | 'duration' | 'percent' | 'count' | 'date' | 'time_of_day' | 'url' | 'phone' | 'email' | 'polarity'"
    )]
    pub kind: String,
    /// The role within the kind, if any (for counts: the thing counted).
    pub role: Option<String>,
    /// The two answers' positions in the input.
    #[napi(ts_type = "[number, number]")]
    pub answers: Vec<u32>,
    /// Their channels.
    #[napi(ts_type = "[string, string]")]
    pub channels: Vec<String>,
    /// The disagreeing normalized values, one from each answer.
    #[napi(ts_type = "[string, string]")]
    pub values: Vec<String>,
    /// Where each value stands in its answer: `[start, end]` UTF-16 offsets.
    #[napi(ts_type = "[[number, number], [number, number]]")]
    pub spans: Vec<Vec<u32>>,
}

/// A fact that some answers of a group state and others leave out.
#[napi(object)]
#[derive(Debug)]
pub struct Gap {
    /// The fact kind.
    #[napi(
        ts_type = "'money' | 'duration' | 'percent' | 'count' | 'date' | 'time_of_day' | 'url' | 'phone' | 'email' | 'polarity'"
    )]
    pub kind: String,
    /// The role within the kind, if any.
    pub role: Option<String>,
    /// The normalized value that is missing.
    pub value: String,
    /// The answers that leave it out.
    pub missing_in: Vec<u32>,
    /// Their distinct channels, sorted.
    pub channels: Vec<String>,
}

/// The consistency rate of one pair of channels.
#[napi(object)]
#[derive(Debug)]
pub struct PairRate {
    /// The two channels, in order.
    #[napi(ts_type = "[string, string]")]
    pub channels: Vec<String>,
    /// Groups answered on both.
    pub groups: u32,
    /// Of those, the groups whose answers on these two channels are consistent.
    pub consistent: u32,
    /// `consistent / groups`.
    pub rate: f64,
}

/// One fact stated in a text, with its normalized value and where it is (`start`/`end`:
/// UTF-16 offsets).
#[napi(object)]
#[derive(Debug)]
pub struct Fact {
    /// What kind of fact this is.
    #[napi(
        ts_type = "'money' | 'duration' | 'percent' | 'count' | 'date' | 'time_of_day' | 'url' | 'phone' | 'email' | 'polarity'"
    )]
    pub kind: String,
    /// What the fact is about within its kind (for counts: the thing counted), if known.
    pub role: Option<String>,
    /// The normalized value: equal facts in other words have equal values.
    pub value: String,
    /// UTF-16 offset of the fact's first unit in the text.
    pub start: u32,
    /// UTF-16 offset one past the fact's last unit.
    pub end: u32,
}

fn n(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn names(channels: &[webcare::Channel]) -> Vec<String> {
    channels.iter().map(|c| c.name().into_owned()).collect()
}

fn verdict_name(verdict: webcare::Verdict) -> String {
    match serde_json::to_value(verdict) {
        Ok(Value::String(name)) => name,
        _ => format!("{verdict:?}").to_lowercase(),
    }
}

/// Parses the answers' JSON objects, checks them and builds the JS report, spans in UTF-16.
fn run(
    checker: &webcare::ConsistencyChecker,
    objects: Vec<Value>,
) -> std::result::Result<ConsistencyReport, Error> {
    let answers = webcare::Answer::list_from_json(&Value::Array(objects).to_string())?;
    let report = checker.check(&answers)?;
    let group = |g: webcare::AnswerGroup| AnswerGroup {
        answers: g.answers.iter().copied().map(n).collect(),
        topic: g.topic,
        channels: names(&g.channels),
        verdict: verdict_name(g.verdict),
        conflicts: g
            .conflicts
            .into_iter()
            .map(|c| Conflict {
                kind: c.kind.name().to_owned(),
                role: c.role,
                answers: c.answers.iter().copied().map(n).collect(),
                channels: names(&c.channels),
                values: c.values.to_vec(),
                spans: (0..2)
                    .map(|side| {
                        let text = &answers[c.answers[side]].answer;
                        convert_offsets(text, &c.spans[side], OffsetUnit::Utf16)
                            .into_iter()
                            .map(n)
                            .collect()
                    })
                    .collect(),
            })
            .collect(),
        gaps: g
            .gaps
            .into_iter()
            .map(|gap| Gap {
                kind: gap.kind.name().to_owned(),
                role: gap.role,
                value: gap.value,
                missing_in: gap.missing_in.iter().copied().map(n).collect(),
                channels: names(&gap.channels),
            })
            .collect(),
    };
    Ok(ConsistencyReport {
        groups: report.groups.into_iter().map(group).collect(),
        rate: match report.rate {
            Some(rate) => Either::A(rate),
            None => Either::B(Null),
        },
        pairs: report
            .pairs
            .into_iter()
            .map(|p| PairRate {
                channels: names(&p.channels),
                groups: n(p.groups),
                consistent: n(p.consistent),
                rate: p.rate,
            })
            .collect(),
    })
}

/// Reads each answer object into its JSON shape for core to parse.
fn read_answers(env: &Env, answers: &[Object<'_>]) -> Result<Vec<Value>> {
    answers
        .iter()
        .map(|obj| {
            let mut out = Map::new();
            for key in Object::keys(obj)? {
                let value: Unknown<'_> = obj.get_named_property(&key)?;
                let json = match value.get_type()? {
                    ValueType::Undefined => continue,
                    ValueType::Null => Value::Null,
                    ValueType::String => Value::String(obj.get_named_property(&key)?),
                    ValueType::Boolean => Value::Bool(obj.get_named_property(&key)?),
                    ValueType::Number => json!(obj.get_named_property::<f64>(&key)?),
                    ValueType::Object if value.is_date()? => {
                        let date: JsDate<'_> = obj.get_named_property(&key)?;
                        Value::String(webcare::format_instant(instant(env, &date)?))
                    }
                    other => {
                        return Err(napi::Error::new(
                            Status::InvalidArg,
                            format!("answer.{key} must be a string or a Date, got {other}"),
                        ))
                    }
                };
                out.insert(key, json);
            }
            Ok(Value::Object(out))
        })
        .collect()
}

/// A whole number of words per shingle, or `invalid_option`.
fn shingle_size(env: &Env, value: f64) -> Result<usize> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 {
        // A finite, non-negative whole number: `as` saturates only beyond usize::MAX.
        Ok(value as usize)
    } else {
        guard(env, || {
            Err(Error::InvalidOption {
                option: "shingle_size",
                value: value.to_string(),
                reason: "expected a non-negative integer",
            })
        })
    }
}

/// Checks that the company gives the same answer to the same question on every channel.
///
/// `new ConsistencyChecker()` takes core's defaults (threshold 0.5, shingle size 1);
/// `new ConsistencyChecker({ threshold: 0.6 })` or `new ConsistencyChecker('{"threshold": 0.6}')`
/// sets options. A threshold outside (0, 1] or a shingle size outside 1 to 8 throws an
/// `Error` with code `invalid_option`.
#[napi(js_name = "ConsistencyChecker")]
#[derive(Debug)]
pub struct JsConsistencyChecker(webcare::ConsistencyChecker);

#[napi]
impl JsConsistencyChecker {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, options: Option<Either<String, ConsistencyOptions>>) -> Result<Self> {
        match options {
            None => Ok(JsConsistencyChecker(webcare::ConsistencyChecker::default())),
            Some(Either::A(text)) => JsConsistencyChecker::from_json(env, text),
            Some(Either::B(given)) => {
                let mut options = webcare::ConsistencyOptions::default();
                if let Some(t) = given.threshold {
                    options.threshold = t;
                }
                if let Some(size) = given.shingle_size {
                    options.shingle_size = shingle_size(env, size)?;
                }
                guard(env, || webcare::ConsistencyChecker::new(options)).map(JsConsistencyChecker)
            }
        }
    }

    /// A checker from its JSON options (`{"threshold": 0.5, "shingle_size": 1}`).
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::ConsistencyChecker::from_json(&text)).map(JsConsistencyChecker)
    }

    /// The options as JSON.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The Jaccard index of two questions' shingle sets from which they ask the same thing.
    #[napi(getter, catch_unwind)]
    pub fn threshold(&self) -> f64 {
        self.0.options().threshold
    }

    /// Words per shingle.
    #[napi(getter, catch_unwind)]
    pub fn shingle_size(&self) -> u32 {
        n(self.0.options().shingle_size)
    }

    /// Groups the answers, extracts their facts and judges each group. An empty array gives
    /// an empty report. Throws `empty_question` for an answer without topic whose question
    /// is empty or blank.
    #[napi(catch_unwind)]
    pub fn check(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<Answer>")] answers: Vec<Object<'_>>,
    ) -> Result<ConsistencyReport> {
        let objects = read_answers(env, &answers)?;
        guard(env, || run(&self.0, objects))
    }

    /// `check` off the event loop: resolves to the same report.
    #[napi(catch_unwind, ts_return_type = "Promise<ConsistencyReport>")]
    pub fn check_async(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<Answer>")] answers: Vec<Object<'_>>,
    ) -> Result<AsyncTask<CheckTask>> {
        let objects = read_answers(env, &answers)?;
        Ok(AsyncTask::new(CheckTask {
            checker: self.0.clone(),
            objects: Some(objects),
        }))
    }
}

/// The work of `checkAsync`, run on the libuv thread pool.
#[derive(Debug)]
pub struct CheckTask {
    checker: webcare::ConsistencyChecker,
    objects: Option<Vec<Value>>,
}

impl Task for CheckTask {
    type Output = std::result::Result<ConsistencyReport, Error>;
    type JsValue = ConsistencyReport;

    fn compute(&mut self) -> Result<Self::Output> {
        let objects = self.objects.take().unwrap_or_default();
        let checker = &self.checker;
        Ok(catch(|| run(checker, objects)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        guard(&env, || output)
    }
}

/// Extracts the facts stated in `text`, in order of position.
///
/// English and Dutch. Each piece of text is at most one fact; identifiers (order, booking,
/// flight and reference numbers) are no facts at all.
#[napi(catch_unwind)]
pub fn extract_facts(env: &Env, text: String) -> Result<Vec<Fact>> {
    guard(env, || {
        let facts = webcare::extract_facts(&text)?;
        let offsets: Vec<usize> = facts.iter().flat_map(|f| [f.start, f.end]).collect();
        let converted = convert_offsets(&text, &offsets, OffsetUnit::Utf16);
        Ok(facts
            .into_iter()
            .zip(converted.chunks_exact(2))
            .map(|(f, span)| Fact {
                kind: f.kind.name().to_owned(),
                role: f.role,
                value: f.value,
                start: n(span[0]),
                end: n(span[1]),
            })
            .collect())
    })
}
