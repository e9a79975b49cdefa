//! `webcare.Inbox`, `webcare.QueueItem`, `webcare.ColumnMapping`, `webcare.MessageReader`
//! and `webcare.read_messages`, wrapping `webcare::inbox`: the streaming pipeline from
//! messages to a prioritized queue and a report.
//!
//! Batch entries (`push_many`, `push_jsonl`, `MessageReader.read`) do their work without the
//! GIL. `push_jsonl` parses JSON lines in Rust, so a host streams a file as byte chunks.

use std::fs::File;
use std::io::BufReader;

use chrono::{DateTime, TimeDelta, Utc};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use webcare::inbox::{Batches, ColumnMapping, Inbox, InboxOptions, MessageReader, QueueItem};
use webcare::{Error, Message, RepeatOptions, Triager};

use crate::channel::PyChannel;
use crate::classify::PyClassifier;
use crate::contact::PyHandle;
use crate::convert::{duration, guard, instant};
use crate::message::PyMessage;
use crate::policy::PyPolicy;
use crate::report::{json_to_py, PyReport, PyReportPart};

/// A handle given as `Handle` or as its text form `kind:value`.
fn extract_handle(value: &Bound<'_, PyAny>) -> PyResult<webcare::Handle> {
    if let Ok(handle) = value.cast::<PyHandle>() {
        return Ok(handle.get().0.clone());
    }
    let text: String = value.extract()?;
    guard(value.py(), || text.parse())
}

/// Parses JSON lines and pushes them: core's [`Inbox::push_json_lines`].
fn push_lines(inbox: &mut Inbox, bytes: &[u8], first_line: u64) -> Result<usize, Error> {
    inbox.push_json_lines(bytes, first_line)
}

/// The streaming pipeline: messages in, a prioritized queue and a report out.
///
/// `Inbox(policy=None, classifier=None, triager=None, repeat_window=None, retention=None,
/// consistency_window=None)`; every option left `None` takes core's default (the preset
/// policy, the default classifier and triage weights, a 7-day repeat window, a 7-day
/// retention, consistency windows of 5,000 answers). `triager` is the JSON form of the
/// triage weights (missing fields take the defaults).
#[pyclass(name = "Inbox", module = "webcare")]
#[derive(Debug)]
pub struct PyInbox(Inbox);

#[pymethods]
impl PyInbox {
    #[new]
    #[pyo3(signature = (policy = None, classifier = None, triager = None, repeat_window = None, retention = None, consistency_window = None))]
    fn new(
        py: Python<'_>,
        policy: Option<PyRef<'_, PyPolicy>>,
        classifier: Option<PyRef<'_, PyClassifier>>,
        triager: Option<&str>,
        repeat_window: Option<&Bound<'_, PyAny>>,
        retention: Option<&Bound<'_, PyAny>>,
        consistency_window: Option<usize>,
    ) -> PyResult<Self> {
        let mut options = InboxOptions::default();
        if let Some(policy) = policy {
            options.policy = policy.0.clone();
        }
        if let Some(classifier) = classifier {
            options.classifier = classifier.0.clone();
        }
        if let Some(json) = triager {
            options.triager = guard(py, || Triager::from_json(json))?;
        }
        if let Some(window) = repeat_window {
            let window = duration(window)?;
            options.repeat = guard(py, || RepeatOptions::new(window))?;
        }
        if let Some(retention) = retention {
            options.retention = duration(retention)?;
        }
        if let Some(n) = consistency_window {
            options.consistency_window = n;
        }
        Ok(PyInbox(Inbox::new(options)))
    }

    /// Records that two handles (`Handle` or `"kind:value"` text) belong to one person, with
    /// the evidence. Messages pushed afterwards see the merged contact.
    #[pyo3(signature = (a, b, evidence = ""))]
    fn link(&mut self, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, evidence: &str) -> PyResult<()> {
        let a = extract_handle(a)?;
        let b = extract_handle(b)?;
        self.0.link(a, b, evidence);
        Ok(())
    }

    /// Adds one message.
    fn push(&mut self, py: Python<'_>, message: PyRef<'_, PyMessage>) -> PyResult<()> {
        let message = message.0.clone();
        guard(py, || self.0.push(message))
    }

    /// Adds messages in order, classifying the batch's customer texts in parallel first;
    /// the same as pushing them one by one. Runs without the GIL. On an error the messages
    /// before the failing one are applied.
    fn push_many(&mut self, py: Python<'_>, messages: Vec<PyMessage>) -> PyResult<()> {
        let messages: Vec<Message> = messages.into_iter().map(|m| m.0).collect();
        let inbox = &mut self.0;
        guard(py, || py.detach(|| inbox.push_batch(&messages)))
    }

    /// Parses JSON lines in Rust and pushes them as one batch: `data` is `bytes`/`str` (lines
    /// separated by newlines; blank lines are skipped) or a list of lines. `first_line` is
    /// the number of the data's first line, so a host streaming a file in chunks gets
    /// errors (`invalid_record`) with the file's line numbers. The messages before a
    /// malformed line are pushed. Returns how many messages were pushed. Runs without the
    /// GIL.
    #[pyo3(signature = (data, first_line = 1))]
    fn push_jsonl(
        &mut self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        first_line: u64,
    ) -> PyResult<usize> {
        let inbox = &mut self.0;
        if let Ok(bytes) = data.cast::<PyBytes>() {
            let bytes = bytes.as_bytes();
            return guard(py, || py.detach(|| push_lines(inbox, bytes, first_line)));
        }
        let text: String = if let Ok(s) = data.cast::<PyString>() {
            s.to_str()?.to_owned()
        } else if let Ok(list) = data.cast::<PyList>() {
            let lines: Vec<String> = list.extract()?;
            lines.join("\n")
        } else {
            return Err(PyTypeError::new_err(
                "push_jsonl takes bytes, str or a list of str",
            ));
        };
        guard(py, || {
            py.detach(|| push_lines(inbox, text.as_bytes(), first_line))
        })
    }

    /// The conversations waiting for an answer at `now`, most urgent first (priority, next
    /// deadline, triage score, longest waiting); at most `limit`.
    #[pyo3(signature = (now, limit = 20))]
    fn queue(&self, now: &Bound<'_, PyAny>, limit: usize) -> PyResult<Vec<PyQueueItem>> {
        let now = instant(now)?;
        Ok(self
            .0
            .queue(now, limit)
            .into_iter()
            .map(PyQueueItem)
            .collect())
    }

    /// The report at `now`: the folded-in conversations and answers, plus the open ones
    /// read at `now`.
    fn report(&self, py: Python<'_>, now: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        let now = instant(now)?;
        let inbox = &self.0;
        guard(py, || Ok(py.detach(|| inbox.report(now)))).map(PyReport)
    }

    /// What `report(now)` folds, before it becomes figures: a `ReportPart` that merges with
    /// the parts of other inboxes (each holding whole conversations) into one report.
    /// Runs without the GIL.
    fn report_part(&self, py: Python<'_>, now: &Bound<'_, PyAny>) -> PyResult<PyReportPart> {
        let now = instant(now)?;
        let inbox = &self.0;
        guard(py, || Ok(py.detach(|| inbox.report_part(now)))).map(PyReportPart)
    }

    /// Messages pushed (duplicates included).
    #[getter]
    fn pushed(&self) -> u64 {
        self.0.pushed()
    }

    /// Conversations held open now.
    #[getter]
    fn open_conversations(&self) -> usize {
        self.0.open_conversations()
    }

    /// Contacts held now (those that wrote within the repeat window).
    #[getter]
    fn open_contacts(&self) -> usize {
        self.0.open_contacts()
    }

    /// The latest message instant seen; `None` before the first message.
    #[getter]
    fn latest(&self) -> Option<DateTime<Utc>> {
        self.0.latest()
    }

    fn __repr__(&self) -> String {
        format!(
            "Inbox(pushed={}, open_conversations={})",
            self.0.pushed(),
            self.0.open_conversations()
        )
    }
}

/// One conversation waiting for an answer.
#[pyclass(name = "QueueItem", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyQueueItem(pub QueueItem);

#[pymethods]
impl PyQueueItem {
    /// A queue item from its JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || Ok(serde_json::from_str::<QueueItem>(text)?)).map(PyQueueItem)
    }

    /// The queue item as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// The conversation's id: its case id, or the id of the message that started it.
    #[getter]
    fn conversation(&self) -> &str {
        &self.0.conversation
    }

    /// The channel of the waiting customer message.
    #[getter]
    fn channel(&self) -> PyChannel {
        PyChannel(self.0.channel.clone())
    }

    /// The customers' handles in the conversation, normalized.
    #[getter]
    fn handles(&self) -> Vec<PyHandle> {
        self.0.handles.iter().cloned().map(PyHandle).collect()
    }

    /// The id of the latest unanswered customer message.
    #[getter]
    fn message_id(&self) -> &str {
        &self.0.message_id
    }

    /// Its text.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// When it was sent.
    #[getter]
    fn sent_at(&self) -> DateTime<Utc> {
        self.0.sent_at
    }

    /// Its classification label (`complaint`, `question`, `praise`, `other`).
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label.code()
    }

    /// Its severity score, from 0 to 1.
    #[getter]
    fn severity(&self) -> f64 {
        self.0.severity.score
    }

    /// The conversation's priority (`low`, `normal`, `high`, `urgent`): the highest any
    /// triage of it gave.
    #[getter]
    fn priority(&self) -> &'static str {
        self.0.priority.name()
    }

    /// The latest triage of the conversation as a dict: `priority`, `score`, `reasons`
    /// (`kind`, `points`, `detail`), `advice` (`kind`, `text`) and `language`.
    #[getter]
    fn triage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.triage)
    }

    /// The triage score (0 without a triage).
    #[getter]
    fn score(&self) -> f64 {
        self.0.triage.as_ref().map_or(0.0, |t| t.score)
    }

    /// The case's next deadline after now (a warning point or a due instant), if any.
    #[getter]
    fn due(&self) -> Option<DateTime<Utc>> {
        self.0.due
    }

    /// How long the customer has been waiting: since the oldest unanswered message.
    #[getter]
    fn waiting(&self) -> TimeDelta {
        TimeDelta::seconds(self.0.waiting_s)
    }

    fn __repr__(&self) -> String {
        format!(
            "QueueItem(conversation={:?}, priority={:?}, message_id={:?})",
            self.0.conversation,
            self.0.priority.name(),
            self.0.message_id
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyQueueItem>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().to_json()])?))
    }
}

/// Which CSV column holds which message field. `ColumnMapping()` reads a CSV whose header
/// uses the message's JSON field names; `ColumnMapping.twcs()` the Kaggle "Customer Support
/// on Twitter" export; `ColumnMapping.from_json(text)` any other.
#[pyclass(name = "ColumnMapping", module = "webcare", frozen, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyColumnMapping(pub ColumnMapping);

#[pymethods]
impl PyColumnMapping {
    #[new]
    fn new() -> Self {
        PyColumnMapping(ColumnMapping::default())
    }

    /// The Kaggle "Customer Support on Twitter" export (`twcs.csv`), every message on `x`.
    #[staticmethod]
    fn twcs() -> Self {
        PyColumnMapping(ColumnMapping::twcs())
    }

    /// A mapping from its JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || ColumnMapping::from_json(text)).map(PyColumnMapping)
    }

    /// The mapping as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!("ColumnMapping.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyColumnMapping>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

type Reader = Box<dyn Iterator<Item = Result<Message, Error>> + Send>;

/// Messages read from a file one record at a time (JSON lines, or CSV through a column
/// mapping); iterate for one `Message` at a time or call `read(n)` for batches.
#[pyclass(name = "MessageReader", module = "webcare")]
pub struct PyMessageReader(std::sync::Mutex<Batches<Reader>>);

impl std::fmt::Debug for PyMessageReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MessageReader")
    }
}

#[pymethods]
impl PyMessageReader {
    /// Up to `n` messages; an empty list at the end. Runs without the GIL. A bad record
    /// (`invalid_record`, with the line and column) ends a batch: the messages before it
    /// come back, and the next call raises its error; reading can continue after that.
    fn read(&mut self, py: Python<'_>, n: usize) -> PyResult<Vec<PyMessage>> {
        let batches = self.0.get_mut().unwrap_or_else(|e| e.into_inner());
        let batch = guard(py, || py.detach(|| batches.next_batch(n)))?;
        Ok(batch.into_iter().map(PyMessage).collect())
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyMessage>> {
        let batches = self.0.get_mut().unwrap_or_else(|e| e.into_inner());
        match batches.next() {
            None => Ok(None),
            Some(m) => guard(py, || m).map(|m| Some(PyMessage(m))),
        }
    }
}

/// Opens a file of messages. CSV when `mapping` is given or the path ends in `.csv`
/// (`mapping` defaults to `ColumnMapping()`), else JSON lines; `format` (`"jsonl"` or
/// `"csv"`) says so explicitly.
#[pyfunction]
#[pyo3(signature = (path, mapping = None, format = None))]
pub fn read_messages(
    py: Python<'_>,
    path: std::path::PathBuf,
    mapping: Option<PyColumnMapping>,
    format: Option<&str>,
) -> PyResult<PyMessageReader> {
    let csv = match format {
        Some("csv") => true,
        Some("jsonl") => false,
        Some(other) => {
            return guard(py, || {
                Err(Error::InvalidOption {
                    option: "format",
                    value: other.to_owned(),
                    reason: "expected jsonl or csv",
                })
            })
        }
        None => {
            mapping.is_some()
                || path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        }
    };
    let file = BufReader::with_capacity(1 << 16, File::open(&path)?);
    let reader: Reader = if csv {
        let mapping = mapping.map(|m| m.0).unwrap_or_default();
        Box::new(guard(py, || MessageReader::csv(file, mapping))?)
    } else {
        Box::new(MessageReader::json_lines(file))
    };
    Ok(PyMessageReader(std::sync::Mutex::new(Batches::new(reader))))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyInbox>()?;
    m.add_class::<PyQueueItem>()?;
    m.add_class::<PyColumnMapping>()?;
    m.add_class::<PyMessageReader>()?;
    m.add_function(wrap_pyfunction!(read_messages, m)?)
}
