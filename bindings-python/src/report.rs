//! `webcare.Report`, `webcare.ChannelReport`, `webcare.Figures`, `webcare.ReportPart` and
//! `webcare.report`, wrapping `webcare::report`. The nested figures (summaries, SLA attainment, consistency,
//! unresolved complaints by age, expected response time) cross as dicts with the keys of
//! the report's JSON.

use chrono::{DateTime, Utc};
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use serde::Serialize;
use webcare::report::{ChannelReport, Figures, HtmlOptions, Lang};
use webcare::{Message, Policy, Report, ReportPart};

use crate::channel::PyChannel;
use crate::convert::guard;
use crate::inbox::PyQueueItem;
use crate::message::PyMessage;
use crate::policy::PyPolicy;

/// A serializable value as the Python value `json.loads` makes of its JSON.
pub fn json_to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = guard(py, || Ok(serde_json::to_string(value)?))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A report on a stream of messages at one instant: one row per channel, the totals and
/// the consistency of the company's answers across channels.
#[pyclass(name = "Report", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyReport(pub Report);

/// One flat row of a channel's figures, for a DataFrame.
fn row<'py>(py: Python<'py>, channel: &str, f: &Figures) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("channel", channel)?;
    d.set_item("inbound", f.inbound)?;
    d.set_item("conversations", f.conversations)?;
    d.set_item("answered", f.answered)?;
    d.set_item("answered_share", f.answered_share)?;
    for (prefix, s) in [
        ("first_response", &f.first_response),
        ("first_response_business", &f.first_response_business),
    ] {
        d.set_item(format!("{prefix}_count"), s.count)?;
        d.set_item(format!("{prefix}_mean_s"), s.mean_s)?;
        d.set_item(format!("{prefix}_median_s"), s.median_s)?;
        d.set_item(format!("{prefix}_p90_s"), s.p90_s)?;
    }
    d.set_item("sla_first_reply_met", f.sla.first_reply.met)?;
    d.set_item("sla_first_reply_breached", f.sla.first_reply.breached)?;
    d.set_item("sla_first_reply_rate", f.sla.first_reply.rate)?;
    d.set_item("consistency_answers", f.consistency.answers)?;
    d.set_item("consistency_consistent", f.consistency.consistent)?;
    d.set_item("consistency_rate", f.consistency.rate)?;
    let u = &f.unresolved;
    d.set_item("unresolved_under_1h", u.under_1h)?;
    d.set_item("unresolved_from_1h_to_1d", u.from_1h_to_1d)?;
    d.set_item("unresolved_from_1d_to_7d", u.from_1d_to_7d)?;
    d.set_item("unresolved_from_1w_to_4w", u.from_1w_to_4w)?;
    d.set_item("unresolved_over_4w", u.over_4w)?;
    let e = f.expected.as_ref();
    d.set_item("expected_s", e.and_then(|e| e.seconds))?;
    d.set_item("expected_en", e.and_then(|e| e.en.clone()))?;
    d.set_item("expected_nl", e.and_then(|e| e.nl.clone()))?;
    Ok(d)
}

/// Imports a DataFrame library, with a clear message when it is not installed.
fn import_frame<'py>(
    py: Python<'py>,
    module: &str,
    method: &str,
) -> PyResult<Bound<'py, PyModule>> {
    py.import(module).map_err(|_| {
        PyImportError::new_err(format!(
            "Report.{method}() needs {module}, which is not installed: pip install {module}"
        ))
    })
}

#[pymethods]
impl PyReport {
    /// A report from `to_json` output.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || Report::from_json(text)).map(PyReport)
    }

    /// The report as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The report as a plain-text table: one row per channel and a total, then the expected
    /// response times and the consistency per pair of channels.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The report as one self-contained HTML page: inline CSS and SVG charts (each with a
    /// title and a table of its figures), no script and no external resource, a narrow
    /// layout for phones and print styles. Every customer and agent text is HTML-escaped.
    /// `lang` is `"en"` or `"nl"` (English when `None`), `queue` the work queue to list
    /// (from `Inbox.queue`), `title` the page title.
    #[pyo3(signature = (lang = None, queue = None, title = None))]
    fn to_html(
        &self,
        py: Python<'_>,
        lang: Option<&str>,
        queue: Option<Vec<PyRef<'_, PyQueueItem>>>,
        title: Option<String>,
    ) -> PyResult<String> {
        let mut options = HtmlOptions {
            title,
            queue: queue.map(|q| q.iter().map(|item| item.0.clone()).collect()),
            ..HtmlOptions::default()
        };
        if let Some(lang) = lang {
            options.lang = guard(py, || lang.parse::<Lang>())?;
        }
        Ok(py.detach(|| self.0.to_html(&options)))
    }

    /// The report as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0)
    }

    /// One flat dict per channel (the figures with `_`-joined keys), then one for the total
    /// with channel `"total"`: the rows of `to_pandas` and `to_polars`.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let mut rows = self
            .0
            .channels
            .iter()
            .map(|c| row(py, &c.channel.name(), &c.figures))
            .collect::<PyResult<Vec<_>>>()?;
        rows.push(row(py, "total", &self.0.total)?);
        Ok(rows)
    }

    /// The rows as a pandas DataFrame (needs pandas; raises ImportError without it).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = import_frame(py, "pandas", "to_pandas")?;
        pandas.call_method1("DataFrame", (self.rows(py)?,))
    }

    /// The rows as a polars DataFrame (needs polars; raises ImportError without it).
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let polars = import_frame(py, "polars", "to_polars")?;
        polars.call_method1("DataFrame", (self.rows(py)?,))
    }

    /// The instant the report was read at.
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// One row per channel that has a conversation, in channel order.
    #[getter]
    fn channels(&self) -> Vec<PyChannelReport> {
        self.0
            .channels
            .iter()
            .cloned()
            .map(PyChannelReport)
            .collect()
    }

    /// All channels together (without `expected`).
    #[getter]
    fn total(&self) -> PyFigures {
        PyFigures(self.0.total.clone())
    }

    /// The overall consistency of the company's answers across channels: `answers`,
    /// `groups`, `consistent`, `rate` and `pairs` (`channels`, `groups`, `consistent`,
    /// `rate`).
    #[getter]
    fn consistency<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.consistency)
    }

    fn __str__(&self) -> String {
        self.0.to_text()
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(at={:?}, channels={}, inbound={})",
            webcare::format_instant(self.0.at),
            self.0.channels.len(),
            self.0.total.inbound
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyReport>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

/// The figures of one channel.
#[pyclass(name = "ChannelReport", module = "webcare", frozen)]
#[derive(Debug, Clone)]
pub struct PyChannelReport(ChannelReport);

#[pymethods]
impl PyChannelReport {
    /// The channel (of the conversations' first customer message).
    #[getter]
    fn channel(&self) -> PyChannel {
        PyChannel(self.0.channel.clone())
    }

    /// Its figures.
    #[getter]
    fn figures(&self) -> PyFigures {
        PyFigures(self.0.figures.clone())
    }

    fn __repr__(&self) -> String {
        format!(
            "ChannelReport(channel={:?}, inbound={})",
            self.0.channel.name(),
            self.0.figures.inbound
        )
    }
}

/// The figures of a channel, or of all channels.
#[pyclass(name = "Figures", module = "webcare", frozen)]
#[derive(Debug, Clone)]
pub struct PyFigures(Figures);

#[pymethods]
impl PyFigures {
    /// Customer messages.
    #[getter]
    fn inbound(&self) -> u64 {
        self.0.inbound
    }

    /// Conversations with at least one customer message.
    #[getter]
    fn conversations(&self) -> u64 {
        self.0.conversations
    }

    /// Conversations with a company reply after their first customer message.
    #[getter]
    fn answered(&self) -> u64 {
        self.0.answered
    }

    /// `answered / conversations`; `None` without conversations.
    #[getter]
    fn answered_share(&self) -> Option<f64> {
        self.0.answered_share
    }

    /// First-response time in calendar seconds: `count`, `mean_s`, `median_s`, `p90_s`,
    /// `exact`.
    #[getter]
    fn first_response<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.first_response)
    }

    /// First-response time in business seconds on the first-reply target's calendar.
    #[getter]
    fn first_response_business<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.first_response_business)
    }

    /// SLA attainment: `first_reply` (`met`, `breached`, `rate`) and `metrics`.
    #[getter]
    fn sla<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.sla)
    }

    /// Consistency of the answers given on this channel: `answers`, `consistent`, `rate`.
    #[getter]
    fn consistency<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.consistency)
    }

    /// Unresolved complaints by age: `under_1h`, `from_1h_to_1d`, `from_1d_to_7d`,
    /// `from_1w_to_4w`, `over_4w`.
    #[getter]
    fn unresolved<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.unresolved)
    }

    /// The expected response time to publish (per channel only): `seconds`,
    /// `sample_size`, `en`, `nl`.
    #[getter]
    fn expected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.0.expected)
    }

    fn __repr__(&self) -> String {
        format!(
            "Figures(inbound={}, conversations={}, answered={})",
            self.0.inbound, self.0.conversations, self.0.answered
        )
    }
}

/// The accumulators of a report before they become figures (from `Inbox.report_part`): a
/// piece of a report that merges with the parts of other inboxes into one report, for a
/// report made on many machines. Put each conversation's messages in one part and read
/// every part at the same instant under the same policy. Pickles through its JSON.
#[pyclass(name = "ReportPart", module = "webcare")]
#[derive(Debug, Clone)]
pub struct PyReportPart(pub ReportPart);

#[pymethods]
impl PyReportPart {
    /// A part from `to_json` output. Raises `InvalidJsonError` for text that is not a
    /// report part and `InvalidInputError` (`unsupported_snapshot_version`) for a part of
    /// another format version.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || py.detach(|| ReportPart::from_json(text))).map(PyReportPart)
    }

    /// The part as JSON text.
    fn to_json(&self, py: Python<'_>) -> String {
        let part = &self.0;
        py.detach(|| part.to_json())
    }

    /// Adds `other`'s accumulators to this part. Raises `InvalidInputError`
    /// (`report_part_mismatch`) when the parts were read at different instants, under
    /// different policies or with different consistency windows; this part is then
    /// unchanged. Runs without the GIL.
    fn merge(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) -> PyResult<()> {
        let py = slf.py();
        let theirs = other.borrow().0.clone();
        let mut mine = slf.borrow_mut();
        let part = &mut mine.0;
        guard(py, || py.detach(|| part.merge(theirs)))
    }

    /// All `parts` (`ReportPart`s or their JSON text) merged into one. Raises
    /// `InvalidInputError` (`invalid_option`) for no part at all and
    /// (`report_part_mismatch`) for a part that does not match the first. Runs without
    /// the GIL.
    #[staticmethod]
    fn merge_all(py: Python<'_>, parts: &Bound<'_, PyAny>) -> PyResult<Self> {
        let mut all = Vec::new();
        for item in parts.try_iter()? {
            let item = item?;
            if let Ok(part) = item.cast::<PyReportPart>() {
                all.push(part.borrow().0.clone());
            } else {
                let text: String = item.extract()?;
                all.push(guard(py, || py.detach(|| ReportPart::from_json(&text)))?);
            }
        }
        guard(py, || py.detach(|| ReportPart::merge_all(all))).map(PyReportPart)
    }

    /// The report: checks the pending answers for consistency and turns every
    /// accumulator into figures. The part stays as it is. Runs without the GIL.
    fn finish(&self, py: Python<'_>) -> PyResult<PyReport> {
        let part = self.0.clone();
        guard(py, || Ok(py.detach(|| part.finish()))).map(PyReport)
    }

    /// The instant the part was read at (the report's `at`).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.0.at()
    }

    /// The policy the part was made under.
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy(self.0.policy().clone())
    }

    /// The consistency window of the inbox the part came from.
    #[getter]
    fn consistency_window(&self) -> usize {
        self.0.consistency_window()
    }

    fn __repr__(&self) -> String {
        format!(
            "ReportPart(at={:?}, pending_answers={})",
            webcare::format_instant(self.0.at()),
            self.0.pending_answers().len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyReportPart>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.borrow().0.to_json()])?))
    }
}

/// Runs an inbox with default options and `policy` (the preset when `None`) over
/// `messages` in the order given and reports at the latest instant among them. Runs
/// without the GIL.
#[pyfunction]
#[pyo3(signature = (messages, policy = None))]
pub fn report(
    py: Python<'_>,
    messages: Vec<PyMessage>,
    policy: Option<PyRef<'_, PyPolicy>>,
) -> PyResult<PyReport> {
    let messages: Vec<Message> = messages.into_iter().map(|m| m.0).collect();
    let policy = policy.map_or_else(Policy::preset, |p| p.0.clone());
    guard(py, || {
        py.detach(|| Report::from_messages(&messages, &policy))
    })
    .map(PyReport)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReport>()?;
    m.add_class::<PyChannelReport>()?;
    m.add_class::<PyFigures>()?;
    m.add_class::<PyReportPart>()?;
    m.add_function(wrap_pyfunction!(report, m)?)
}
