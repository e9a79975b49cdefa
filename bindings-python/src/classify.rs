//! `webcare.Classifier`, `webcare.Classification` and `webcare.Signal`, wrapping
//! `webcare::classify`.
//!
//! Spans cross as code-point offsets into the classified text, so `text[s.start:s.end]` is
//! the matched text; core's UTF-8 byte spans are converted once per result, in the same
//! call (and, for batches, with the GIL released).

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyString, PyTuple};
use serde_json::{json, Value};
use webcare::span::{convert_offsets, OffsetUnit};
use webcare::{Classification, Context, Error, Label, SeverityLevel, SignalKind, TrainOptions};

use crate::channel::extract_channel;
use crate::convert::guard;

/// One reason behind a classification: what matched, how much it weighs, and where.
///
/// `start` and `end` are code-point offsets into the classified text: `text[start:end]` is
/// the matched text.
#[pyclass(name = "Signal", module = "webcare", frozen, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct PySignal(webcare::Signal);

#[pymethods]
impl PySignal {
    /// Every signal kind code, in core's fixed order.
    #[staticmethod]
    fn kinds() -> Vec<&'static str> {
        SignalKind::ALL.iter().map(|k| k.code()).collect()
    }

    /// What kind of evidence this is (a stable snake_case code such as `still_waiting`).
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.code()
    }

    /// The label it supports.
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label.code()
    }

    /// How strongly it counts towards its label (after negation and intensifiers).
    #[getter]
    fn weight(&self) -> f64 {
        self.0.weight
    }

    /// Code-point offset of the start of the matched text.
    #[getter]
    fn start(&self) -> usize {
        self.0.span.start
    }

    /// Code-point offset just past the end of the matched text.
    #[getter]
    fn end(&self) -> usize {
        self.0.span.end
    }

    fn __repr__(&self) -> String {
        format!(
            "Signal(kind={:?}, label={:?}, weight={}, start={}, end={})",
            self.0.kind.code(),
            self.0.label.code(),
            self.0.weight,
            self.0.span.start,
            self.0.span.end
        )
    }
}

/// The result of `Classifier.classify`: a label with a score per label, the severity, the
/// detected language and the signals behind it.
///
/// Signal offsets are code points into the classified text.
#[pyclass(name = "Classification", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyClassification(pub(crate) Classification);

impl PyClassification {
    /// Wraps a core result, converting its UTF-8 byte spans into code-point offsets of `text`.
    fn new(text: &str, mut c: Classification) -> PyClassification {
        if !c.signals.is_empty() && !text.is_ascii() {
            let offsets: Vec<usize> = c
                .signals
                .iter()
                .flat_map(|s| [s.span.start, s.span.end])
                .collect();
            let points = convert_offsets(text, &offsets, OffsetUnit::CodePoint);
            for (s, p) in c.signals.iter_mut().zip(points.chunks_exact(2)) {
                s.span = p[0]..p[1];
            }
        }
        PyClassification(c)
    }

    fn view(&self) -> Value {
        let c = &self.0;
        json!({
            "label": c.label.code(),
            "scores": scores_json(c),
            "severity": c.severity.score,
            "severity_level": level_code(c.severity.level),
            "language": c.language.code(),
            "signals": c.signals.iter().map(|s| json!({
                "kind": s.kind.code(),
                "label": s.label.code(),
                "weight": s.weight,
                "start": s.span.start,
                "end": s.span.end,
            })).collect::<Vec<_>>(),
        })
    }
}

fn scores_json(c: &Classification) -> Value {
    Value::Object(
        Label::ALL
            .iter()
            .map(|l| (l.code().to_owned(), json!(c.scores.get(*l))))
            .collect(),
    )
}

/// The snake_case code of a severity level, as core serializes it.
fn level_code(level: SeverityLevel) -> String {
    match serde_json::to_value(level) {
        Ok(Value::String(code)) => code,
        _ => format!("{level:?}"),
    }
}

#[pymethods]
impl PyClassification {
    /// A classification from core's JSON form, for one made elsewhere:
    /// `{"label", "severity": {"score", "level"}, "language"}`, optionally `scores` and
    /// `signals` (spans as given, in UTF-8 bytes). This is not the shape `to_json` writes.
    /// A severity score outside 0 to 1 raises `InvalidInputError` (`invalid_option`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || Classification::from_json(text)).map(PyClassification)
    }

    /// The most likely label: `complaint`, `question`, `praise` or `other`.
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label.code()
    }

    /// A probability per label (they sum to 1).
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for l in Label::ALL {
            dict.set_item(l.code(), self.0.scores.get(l))?;
        }
        Ok(dict)
    }

    /// The severity score, from 0 (no complaint evidence) to 1; raised by the context.
    #[getter]
    fn severity(&self) -> f64 {
        self.0.severity.score
    }

    /// The severity level: `none` (not a complaint), `no_explicit_reproach`, `disapproval`,
    /// `accusation` or `blame`.
    #[getter]
    fn severity_level(&self) -> String {
        level_code(self.0.severity.level)
    }

    /// The detected language: `en`, `nl` or `unknown`.
    #[getter]
    fn language(&self) -> &'static str {
        self.0.language.code()
    }

    /// Every reason found, ordered by span.
    #[getter]
    fn signals(&self) -> Vec<PySignal> {
        self.0.signals.iter().cloned().map(PySignal).collect()
    }

    /// The result as a dict of plain values (keys as the attributes; code-point offsets).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.view().to_string();
        py.import("json")?.call_method1("loads", (text,))
    }

    /// The result as JSON text (the shape of `to_dict`).
    fn to_json(&self) -> String {
        self.view().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Classification(label={:?}, severity_level={:?}, language={:?}, signals={})",
            self.0.label.code(),
            level_code(self.0.severity.level),
            self.0.language.code(),
            self.0.signals.len()
        )
    }
}

/// Config given as JSON text or as a dict (or any value `json.dumps` accepts).
fn json_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_str()?.to_owned());
    }
    value
        .py()
        .import("json")?
        .call_method1("dumps", (value,))?
        .extract()
}

fn context(
    channel: Option<&Bound<'_, PyAny>>,
    reach: Option<u64>,
    promoted: bool,
) -> PyResult<Context> {
    Ok(Context {
        channel: channel.map(extract_channel).transpose()?,
        reach,
        promoted,
    })
}

fn train_options(py: Python<'_>, options: Option<&Bound<'_, PyAny>>) -> PyResult<TrainOptions> {
    let Some(options) = options else {
        return Ok(TrainOptions::default());
    };
    let text = json_text(options)?;
    guard(py, || {
        serde_json::from_str(&text).map_err(|e| Error::InvalidJson {
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        })
    })
}

/// The classifier: built-in English and Dutch rules, the user's words and regex rules, and
/// optionally a trained model.
///
/// `Classifier()` has the built-in rules only; `Classifier(config)` adds a config given as
/// JSON text or a dict (`{"words": [...], "rules": [...], "model": {...}}`). A bad config
/// raises `InvalidInputError` whose `.code` names the problem (`invalid_regex_rule`,
/// `regex_too_big`, `invalid_weight`, ...) or `JsonError` (`invalid_json`). Pickles as its
/// JSON.
#[pyclass(name = "Classifier", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyClassifier(pub(crate) webcare::Classifier);

#[pymethods]
impl PyClassifier {
    #[new]
    #[pyo3(signature = (config = None))]
    fn new(py: Python<'_>, config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(config) = config else {
            return Ok(PyClassifier(webcare::Classifier::default()));
        };
        let text = json_text(config)?;
        guard(py, || webcare::Classifier::from_json(&text)).map(PyClassifier)
    }

    /// A classifier from a JSON config (as written by `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::Classifier::from_json(text)).map(PyClassifier)
    }

    /// Every label code, in core's order.
    #[staticmethod]
    fn labels() -> Vec<&'static str> {
        Label::ALL.iter().map(|l| l.code()).collect()
    }

    /// Fits a model on labelled examples (label codes, as many as texts) with the built-in
    /// rules, and returns the classifier that combines both. `options` is a dict or JSON
    /// text of the training options (`seed`, `epochs`, `learning_rate`, `l2`, `hash_bits`,
    /// `char_ngrams`, `balance_labels`, `runs`, `average`); missing ones take core's
    /// defaults. Deterministic for a seed. Releases the GIL while training.
    #[staticmethod]
    #[pyo3(signature = (texts, labels, options = None))]
    fn train(
        py: Python<'_>,
        texts: Vec<PyBackedStr>,
        labels: Vec<PyBackedStr>,
        options: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = train_options(py, options)?;
        let labels = guard(py, || {
            labels
                .iter()
                .map(|l| l.parse::<Label>())
                .collect::<Result<Vec<_>, _>>()
        })?;
        guard(py, || {
            py.detach(|| webcare::Classifier::train_texts(&texts, &labels, &options))
        })
        .map(PyClassifier)
    }

    /// Whether a trained model is part of this classifier.
    #[getter]
    fn has_model(&self) -> bool {
        self.0.has_model()
    }

    /// The configuration as JSON text, trained weights included; `from_json` loads it.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || self.0.to_json())
    }

    /// Classifies one message. `channel`, `reach` (followers) and `promoted` describe where
    /// it was posted; they raise severity, never change the label.
    #[pyo3(signature = (text, channel = None, reach = None, promoted = false))]
    fn classify(
        &self,
        text: &str,
        channel: Option<&Bound<'_, PyAny>>,
        reach: Option<u64>,
        promoted: bool,
    ) -> PyResult<PyClassification> {
        let ctx = context(channel, reach, promoted)?;
        let c = self.0.classify(text, &ctx);
        Ok(PyClassification::new(text, c))
    }

    /// Classifies UTF-8 bytes; offsets are code points of the decoded text. Invalid UTF-8
    /// raises `InvalidInputError` with code `invalid_encoding` and `.offset`.
    #[pyo3(signature = (data, channel = None, reach = None, promoted = false))]
    fn classify_bytes(
        &self,
        py: Python<'_>,
        data: PyBackedBytes,
        channel: Option<&Bound<'_, PyAny>>,
        reach: Option<u64>,
        promoted: bool,
    ) -> PyResult<PyClassification> {
        let ctx = context(channel, reach, promoted)?;
        let c = guard(py, || self.0.classify_bytes(&data, &ctx))?;
        // classify_bytes succeeded, so the bytes are UTF-8.
        let text = std::str::from_utf8(&data).unwrap_or_default();
        Ok(PyClassification::new(text, c))
    }

    /// Classifies many messages on all cores, in input order, with the GIL released.
    #[pyo3(signature = (texts, channel = None, reach = None, promoted = false))]
    fn classify_batch(
        &self,
        py: Python<'_>,
        texts: Vec<PyBackedStr>,
        channel: Option<&Bound<'_, PyAny>>,
        reach: Option<u64>,
        promoted: bool,
    ) -> PyResult<Vec<PyClassification>> {
        let ctx = context(channel, reach, promoted)?;
        guard(py, || {
            Ok(py.detach(|| {
                let out = self.0.classify_batch(&texts, &ctx);
                texts
                    .iter()
                    .zip(out)
                    .map(|(t, c)| PyClassification::new(t, c))
                    .collect()
            }))
        })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let json = guard(py, || slf.get().0.to_json())?;
        let from_json = py.get_type::<PyClassifier>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [json])?))
    }

    fn __repr__(&self) -> String {
        let c = self.0.config();
        format!(
            "Classifier(words={}, rules={}, model={})",
            c.words.len(),
            c.rules.len(),
            self.0.has_model()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClassifier>()?;
    m.add_class::<PyClassification>()?;
    m.add_class::<PySignal>()
}
