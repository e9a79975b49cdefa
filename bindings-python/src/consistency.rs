//! `webcare.ConsistencyChecker`, `webcare.Answer`, `webcare.extract_facts` and the report
//! classes, wrapping `webcare::consistency`.
//!
//! Answers come in as `Answer` objects, mappings or objects with the attributes `channel`,
//! `at`, `question`, `answer` and `topic`. Mappings and objects are read into the JSON shape
//! of an answer (an aware `datetime` becomes its RFC 3339 text, a `Channel` its name) and
//! parsed by core, so missing or unknown keys get core's `invalid_json` like in every other
//! language. Spans go out as code-point offsets, Python's string indexes.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyInt, PyMapping, PyString, PyTuple};
use serde_json::{json, Map, Value};
use webcare::span::{convert_offsets, OffsetUnit};
use webcare::{Answer, ConsistencyOptions, Error};

use crate::channel::{extract_channel, PyChannel};
use crate::convert::{guard, instant};

/// Checks that the company gives the same answer to the same question on every channel.
///
/// `ConsistencyChecker(threshold=None, shingle_size=None)`: `None` takes core's default
/// (threshold 0.5, shingle size 1). A threshold outside (0, 1] or a shingle size outside
/// 1 to 8 raises `InvalidInputError` with code `invalid_option`.
#[pyclass(name = "ConsistencyChecker", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyConsistencyChecker(webcare::ConsistencyChecker);

#[pymethods]
impl PyConsistencyChecker {
    #[new]
    #[pyo3(signature = (threshold = None, shingle_size = None))]
    fn new(py: Python<'_>, threshold: Option<f64>, shingle_size: Option<i64>) -> PyResult<Self> {
        guard(py, || {
            let mut options = ConsistencyOptions::default();
            if let Some(t) = threshold {
                options.threshold = t;
            }
            if let Some(n) = shingle_size {
                options.shingle_size = usize::try_from(n).map_err(|_| Error::InvalidOption {
                    option: "shingle_size",
                    value: n.to_string(),
                    reason: "expected a non-negative integer",
                })?;
            }
            webcare::ConsistencyChecker::new(options)
        })
        .map(PyConsistencyChecker)
    }

    /// A checker from its JSON options (`{"threshold": 0.5, "shingle_size": 1}`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::ConsistencyChecker::from_json(text)).map(PyConsistencyChecker)
    }

    /// The options as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The Jaccard index of two questions' shingle sets from which they ask the same thing.
    #[getter]
    fn threshold(&self) -> f64 {
        self.0.options().threshold
    }

    /// Words per shingle.
    #[getter]
    fn shingle_size(&self) -> usize {
        self.0.options().shingle_size
    }

    /// Groups the answers, extracts their facts and judges each group.
    ///
    /// `answers`: `Answer` objects, dicts `{channel, at, question, answer, topic?}` or
    /// objects with those attributes (`at` an aware `datetime` or RFC 3339 text). An empty
    /// list gives an empty report. Runs without the GIL. Raises `InvalidInputError` with
    /// code `empty_question` for an answer without topic whose question is empty or blank.
    fn check(&self, py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<PyConsistencyReport> {
        let read = read_answers(answers)?;
        let checker = &self.0;
        let report = guard(py, || {
            py.detach(|| {
                let answers = read.into_answers()?;
                let mut report = checker.check(&answers)?;
                to_code_points(&mut report, &answers);
                Ok(report)
            })
        })?;
        PyConsistencyReport::new(py, report)
    }

    /// Groups the answers to the same question (topic id, else question similarity by
    /// MinHash/LSH) and returns each group's answer positions. Runs without the GIL.
    fn group(&self, py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<usize>>> {
        let read = read_answers(answers)?;
        let checker = &self.0;
        guard(py, || py.detach(|| checker.group(&read.into_answers()?)))
    }

    /// The exact all-pairs grouping that `group` approximates: the reference for measuring
    /// it, quadratic in the number of answers. Runs without the GIL.
    fn group_exact(&self, py: Python<'_>, answers: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<usize>>> {
        let read = read_answers(answers)?;
        let checker = &self.0;
        guard(py, || {
            py.detach(|| checker.group_exact(&read.into_answers()?))
        })
    }

    fn __repr__(&self) -> String {
        format!("ConsistencyChecker.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyConsistencyChecker>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

/// One answer the company gave: on which channel, when, to which question, and what.
///
/// `Answer(channel, at, question, answer, topic=None)`; `at` must be timezone-aware (it is
/// kept in UTC). Answers with a topic are grouped by topic alone.
#[pyclass(name = "Answer", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyAnswer(Answer);

#[pymethods]
impl PyAnswer {
    #[new]
    #[pyo3(signature = (channel, at, question, answer, topic = None))]
    fn new(
        channel: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        question: &str,
        answer: &str,
        topic: Option<String>,
    ) -> PyResult<Self> {
        let mut value = Answer::new(extract_channel(channel)?, instant(at)?, question, answer);
        value.topic = topic;
        Ok(PyAnswer(value))
    }

    /// The channel the answer was given on.
    #[getter]
    fn channel(&self) -> PyChannel {
        PyChannel(self.0.channel.clone())
    }

    /// When it was given (UTC).
    #[getter]
    fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }

    /// The customer's question it answers.
    #[getter]
    fn question(&self) -> &str {
        &self.0.question
    }

    /// The answer's text.
    #[getter]
    fn answer(&self) -> &str {
        &self.0.answer
    }

    /// The topic id, if any.
    #[getter]
    fn topic(&self) -> Option<&str> {
        self.0.topic.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "Answer({:?}, {:?}, {:?}, {:?}, topic={})",
            self.0.channel.name(),
            webcare::format_instant(self.0.at),
            self.0.question,
            self.0.answer,
            self.0
                .topic
                .as_ref()
                .map_or_else(|| "None".to_owned(), |t| format!("{t:?}"))
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let a = &slf.get().0;
        let args = (
            a.channel.name().into_owned(),
            a.at,
            a.question.clone(),
            a.answer.clone(),
            a.topic.clone(),
        );
        Ok((
            py.get_type::<PyAnswer>().into_any(),
            args.into_pyobject(py)?,
        ))
    }
}

/// The answers as read under the GIL: `Answer` objects as they are, the others as JSON
/// objects that core parses.
struct ReadAnswers {
    /// Per position, the answer when it was an `Answer` object.
    given: Vec<Option<Answer>>,
    /// The JSON objects of the other positions, in order.
    objects: Vec<Value>,
}

impl ReadAnswers {
    fn into_answers(self) -> Result<Vec<Answer>, Error> {
        let mut parsed = if self.objects.is_empty() {
            Vec::new()
        } else {
            Answer::list_from_json(&Value::Array(self.objects).to_string())?
        }
        .into_iter();
        Ok(self
            .given
            .into_iter()
            .filter_map(|a| a.or_else(|| parsed.next()))
            .collect())
    }
}

const FIELDS: [&str; 5] = ["channel", "at", "question", "answer", "topic"];

fn read_answers(answers: &Bound<'_, PyAny>) -> PyResult<ReadAnswers> {
    let mut read = ReadAnswers {
        given: Vec::new(),
        objects: Vec::new(),
    };
    for item in answers.try_iter()? {
        let item = item?;
        if let Ok(answer) = item.cast::<PyAnswer>() {
            read.given.push(Some(answer.get().0.clone()));
            continue;
        }
        let mut object = Map::new();
        if let Ok(dict) = item.cast::<PyDict>() {
            for (key, value) in dict.iter() {
                object.insert(key.extract()?, json_value(&value)?);
            }
        } else if let Ok(mapping) = item.cast::<PyMapping>() {
            for entry in mapping.items()?.iter() {
                let (key, value): (String, Bound<'_, PyAny>) = entry.extract()?;
                object.insert(key, json_value(&value)?);
            }
        } else {
            for name in FIELDS {
                if let Some(value) = item.getattr_opt(name)? {
                    object.insert(name.to_owned(), json_value(&value)?);
                }
            }
        }
        read.given.push(None);
        read.objects.push(Value::Object(object));
    }
    Ok(read)
}

/// One field of an answer as JSON: an aware `datetime` as RFC 3339, a `Channel` as its name.
fn json_value(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.is_none() {
        Ok(Value::Null)
    } else if let Ok(text) = value.cast::<PyString>() {
        Ok(Value::String(text.to_str()?.to_owned()))
    } else if value.cast::<PyDateTime>().is_ok() {
        Ok(Value::String(webcare::format_instant(instant(value)?)))
    } else if value.cast::<PyChannel>().is_ok() {
        Ok(Value::String(extract_channel(value)?.name().into_owned()))
    } else if value.cast::<PyBool>().is_ok() {
        Ok(Value::Bool(value.extract()?))
    } else if value.cast::<PyInt>().is_ok() {
        Ok(json!(value.extract::<i64>()?))
    } else if value.cast::<PyFloat>().is_ok() {
        Ok(json!(value.extract::<f64>()?))
    } else {
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "an answer field must be str, datetime or Channel, got {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        )))
    }
}

/// Rewrites every conflict span from UTF-8 bytes to code points of its answer's text.
fn to_code_points(report: &mut webcare::ConsistencyReport, answers: &[Answer]) {
    for conflict in report
        .groups
        .iter_mut()
        .flat_map(|g| g.conflicts.iter_mut())
    {
        for side in 0..2 {
            let text = &answers[conflict.answers[side]].answer;
            let converted = convert_offsets(text, &conflict.spans[side], OffsetUnit::CodePoint);
            conflict.spans[side] = [converted[0], converted[1]];
        }
    }
}

fn verdict_name(verdict: webcare::Verdict) -> String {
    match serde_json::to_value(verdict) {
        Ok(Value::String(name)) => name,
        _ => format!("{verdict:?}").to_lowercase(),
    }
}

fn channels(list: &[webcare::Channel]) -> Vec<PyChannel> {
    list.iter().cloned().map(PyChannel).collect()
}

/// What `ConsistencyChecker.check` found.
#[pyclass(name = "ConsistencyReport", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyConsistencyReport {
    groups: Vec<Py<PyAnswerGroup>>,
    rate: Option<f64>,
    pairs: Vec<webcare::PairRate>,
}

impl PyConsistencyReport {
    fn new(py: Python<'_>, report: webcare::ConsistencyReport) -> PyResult<Self> {
        Ok(PyConsistencyReport {
            groups: report
                .groups
                .into_iter()
                .map(|g| Py::new(py, PyAnswerGroup(g)))
                .collect::<PyResult<_>>()?,
            rate: report.rate,
            pairs: report.pairs,
        })
    }
}

#[pymethods]
impl PyConsistencyReport {
    /// Groups of answers to the same question, ordered by their first answer.
    #[getter]
    fn groups(&self, py: Python<'_>) -> Vec<Py<PyAnswerGroup>> {
        self.groups.iter().map(|g| g.clone_ref(py)).collect()
    }

    /// The share of groups answered on more than one channel that are consistent; `None`
    /// when no group spans two channels.
    #[getter]
    fn rate(&self) -> Option<f64> {
        self.rate
    }

    /// The same rate per pair of channels: over the groups answered on both, judging only
    /// the answers on those two channels. Ordered by channel pair.
    #[getter]
    fn pairs(&self) -> Vec<PyPairRate> {
        self.pairs.iter().cloned().map(PyPairRate).collect()
    }

    /// The report as JSON text, in core's shape with spans as code-point offsets.
    fn to_json(&self, py: Python<'_>) -> String {
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| serde_json::to_value(&g.bind(py).get().0).unwrap_or(Value::Null))
            .collect();
        json!({"groups": groups, "rate": self.rate, "pairs": self.pairs}).to_string()
    }

    /// The report as a dict of lists, strings and numbers (the JSON shape of `to_json`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.to_json(py),))
    }

    fn __repr__(&self) -> String {
        format!(
            "ConsistencyReport(groups={}, rate={}, pairs={})",
            self.groups.len(),
            self.rate
                .map_or_else(|| "None".to_owned(), |r| r.to_string()),
            self.pairs.len()
        )
    }
}

/// One group of answers to the same question.
#[pyclass(name = "AnswerGroup", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyAnswerGroup(webcare::AnswerGroup);

#[pymethods]
impl PyAnswerGroup {
    /// Positions of the answers in the input, ascending.
    #[getter]
    fn answers(&self) -> Vec<usize> {
        self.0.answers.clone()
    }

    /// The topic id, when the group was formed by topic.
    #[getter]
    fn topic(&self) -> Option<&str> {
        self.0.topic.as_deref()
    }

    /// The distinct channels of the answers, sorted.
    #[getter]
    fn channels(&self) -> Vec<PyChannel> {
        channels(&self.0.channels)
    }

    /// The verdict: `consistent`, `incomplete` or `conflict`.
    #[getter]
    fn verdict(&self) -> String {
        verdict_name(self.0.verdict)
    }

    /// Facts that disagree (empty unless the verdict is `conflict`). At most 16 per fact
    /// kind and role are listed.
    #[getter]
    fn conflicts(&self) -> Vec<PyConflict> {
        self.0.conflicts.iter().cloned().map(PyConflict).collect()
    }

    /// Facts that some answers leave out (listed when a kind and role has no conflict; at
    /// most 256 per group).
    #[getter]
    fn gaps(&self) -> Vec<PyGap> {
        self.0.gaps.iter().cloned().map(PyGap).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "AnswerGroup(answers={:?}, verdict={:?}, conflicts={}, gaps={})",
            self.0.answers,
            verdict_name(self.0.verdict),
            self.0.conflicts.len(),
            self.0.gaps.len()
        )
    }
}

/// Two answers stating different values for the same fact kind and role.
#[pyclass(name = "Conflict", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyConflict(webcare::Conflict);

#[pymethods]
impl PyConflict {
    /// The fact kind.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// The role within the kind, if any (for counts: the thing counted).
    #[getter]
    fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }

    /// The two answers' positions in the input.
    #[getter]
    fn answers(&self) -> (usize, usize) {
        (self.0.answers[0], self.0.answers[1])
    }

    /// Their channels.
    #[getter]
    fn channels(&self) -> (PyChannel, PyChannel) {
        let [a, b] = self.0.channels.clone();
        (PyChannel(a), PyChannel(b))
    }

    /// The disagreeing normalized values, one from each answer.
    #[getter]
    fn values(&self) -> (String, String) {
        let [a, b] = self.0.values.clone();
        (a, b)
    }

    /// Where each value stands in its answer: `(start, end)` code-point offsets.
    #[getter]
    fn spans(&self) -> ((usize, usize), (usize, usize)) {
        let [a, b] = self.0.spans;
        ((a[0], a[1]), (b[0], b[1]))
    }

    fn __repr__(&self) -> String {
        format!(
            "Conflict(kind={:?}, answers={:?}, values={:?})",
            self.0.kind.name(),
            self.0.answers,
            self.0.values
        )
    }
}

/// A fact that some answers of a group state and others leave out.
#[pyclass(name = "Gap", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyGap(webcare::Gap);

#[pymethods]
impl PyGap {
    /// The fact kind.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// The role within the kind, if any.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }

    /// The normalized value that is missing.
    #[getter]
    fn value(&self) -> &str {
        &self.0.value
    }

    /// The answers that leave it out.
    #[getter]
    fn missing_in(&self) -> Vec<usize> {
        self.0.missing_in.clone()
    }

    /// Their distinct channels, sorted.
    #[getter]
    fn channels(&self) -> Vec<PyChannel> {
        channels(&self.0.channels)
    }

    fn __repr__(&self) -> String {
        format!(
            "Gap(kind={:?}, value={:?}, missing_in={:?})",
            self.0.kind.name(),
            self.0.value,
            self.0.missing_in
        )
    }
}

/// The consistency rate of one pair of channels.
#[pyclass(name = "PairRate", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyPairRate(webcare::PairRate);

#[pymethods]
impl PyPairRate {
    /// The two channels, in order.
    #[getter]
    fn channels(&self) -> (PyChannel, PyChannel) {
        let [a, b] = self.0.channels.clone();
        (PyChannel(a), PyChannel(b))
    }

    /// Groups answered on both.
    #[getter]
    fn groups(&self) -> usize {
        self.0.groups
    }

    /// Of those, the groups whose answers on these two channels are consistent.
    #[getter]
    fn consistent(&self) -> usize {
        self.0.consistent
    }

    /// `consistent / groups`.
    #[getter]
    fn rate(&self) -> f64 {
        self.0.rate
    }

    fn __repr__(&self) -> String {
        let [a, b] = &self.0.channels;
        format!(
            "PairRate(channels=({:?}, {:?}), groups={}, consistent={})",
            a.name(),
            b.name(),
            self.0.groups,
            self.0.consistent
        )
    }
}

/// One fact stated in an answer, with its normalized value and where it is
/// (`start`/`end`: code-point offsets into the text).
#[pyclass(name = "Fact", module = "webcare", frozen, eq)]
#[derive(Debug, PartialEq)]
pub struct PyFact(webcare::Fact);

#[pymethods]
impl PyFact {
    /// What kind of fact this is.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// What the fact is about within its kind (for counts: the thing counted), if known.
    #[getter]
    fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }

    /// The normalized value: equal facts in other words have equal values.
    #[getter]
    fn value(&self) -> &str {
        &self.0.value
    }

    /// Code-point offset of the fact's first character in the text.
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// Code-point offset one past the fact's last character.
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    fn __repr__(&self) -> String {
        format!(
            "Fact(kind={:?}, value={:?}, start={}, end={})",
            self.0.kind.name(),
            self.0.value,
            self.0.start,
            self.0.end
        )
    }
}

/// Extracts the facts stated in `text`, in order of position.
///
/// English and Dutch. Each piece of text is at most one fact; identifiers (order, booking,
/// flight and reference numbers) are no facts at all.
#[pyfunction]
fn extract_facts(py: Python<'_>, text: &str) -> PyResult<Vec<PyFact>> {
    let facts = guard(py, || {
        py.detach(|| {
            let mut facts = webcare::extract_facts(text)?;
            let offsets: Vec<usize> = facts.iter().flat_map(|f| [f.start, f.end]).collect();
            let converted = convert_offsets(text, &offsets, OffsetUnit::CodePoint);
            for (fact, pair) in facts.iter_mut().zip(converted.chunks_exact(2)) {
                fact.start = pair[0];
                fact.end = pair[1];
            }
            Ok(facts)
        })
    })?;
    Ok(facts.into_iter().map(PyFact).collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyConsistencyChecker>()?;
    m.add_class::<PyAnswer>()?;
    m.add_class::<PyConsistencyReport>()?;
    m.add_class::<PyAnswerGroup>()?;
    m.add_class::<PyConflict>()?;
    m.add_class::<PyGap>()?;
    m.add_class::<PyPairRate>()?;
    m.add_class::<PyFact>()?;
    m.add_function(wrap_pyfunction!(extract_facts, m)?)
}
