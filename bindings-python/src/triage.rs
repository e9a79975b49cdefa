//! `webcare.Triager`, `webcare.Triage`, `webcare.Reason` and `webcare.Advice`, wrapping
//! `webcare::triage`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use webcare::triage::{Advice, Reason, Triage, TriageInput, Triager};

use crate::channel::extract_channel;
use crate::classify::PyClassification;
use crate::convert::{duration, guard, instant};
use crate::message::PyMessage;

/// One reason with the points it added to the score.
#[pyclass(name = "Reason", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyReason(Reason);

#[pymethods]
impl PyReason {
    /// What it is: `severity`, `reach`, `promoted`, `public_channel`, `repeat_contact`,
    /// `unresolved_age` or `sla_time_left`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// Points added to the score.
    #[getter]
    fn points(&self) -> f64 {
        self.0.points
    }

    /// A short English description with the figure behind it ("40,000 followers").
    #[getter]
    fn detail(&self) -> &str {
        &self.0.detail
    }

    fn __repr__(&self) -> String {
        format!(
            "Reason(kind={:?}, points={}, detail={:?})",
            self.0.kind.name(),
            self.0.points,
            self.0.detail
        )
    }
}

/// One step of the suggested approach, with the reason for it.
#[pyclass(name = "Advice", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyAdvice(Advice);

#[pymethods]
impl PyAdvice {
    /// What to do: `answer_in_public`, `continue_in_private`, `apologise`, `escalate`,
    /// `do_not_delete`, `answer` or `thank`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.name()
    }

    /// The step and its reason as one sentence in the triage's language.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    fn __repr__(&self) -> String {
        format!(
            "Advice(kind={:?}, text={:?})",
            self.0.kind.name(),
            self.0.text
        )
    }
}

/// The result of triage: priority, score, reasons and the suggested approach.
///
/// Pickles as its JSON.
#[pyclass(name = "Triage", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyTriage(Triage);

#[pymethods]
impl PyTriage {
    /// Reads a triage from its JSON form (as written by `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || Triage::from_json(text)).map(PyTriage)
    }

    /// The priority the score maps to: `low`, `normal`, `high` or `urgent`.
    #[getter]
    fn priority(&self) -> &'static str {
        self.0.priority.name()
    }

    /// The sum of the reasons' points, 0 or more.
    #[getter]
    fn score(&self) -> f64 {
        self.0.score
    }

    /// Every reason that added points, largest first.
    #[getter]
    fn reasons(&self) -> Vec<PyReason> {
        self.0.reasons.iter().cloned().map(PyReason).collect()
    }

    /// What to do, each step with its reason, in `language`.
    #[getter]
    fn advice(&self) -> Vec<PyAdvice> {
        self.0.advice.iter().cloned().map(PyAdvice).collect()
    }

    /// The language of the advice texts: `en` or `nl` (English when the message is in
    /// neither).
    #[getter]
    fn language(&self) -> &'static str {
        self.0.language.code()
    }

    /// The triage as JSON text: `{"priority", "score", "reasons": [{"kind", "points",
    /// "detail"}], "advice": [{"kind", "text"}], "language"}`.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Triage(priority={:?}, score={}, reasons={}, advice={})",
            self.0.priority.name(),
            self.0.score,
            self.0.reasons.len(),
            self.0.advice.len()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyTriage>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

/// Scores inbound messages: which to answer first, and how.
///
/// `Triager()` has the default weights; `Triager(weights_json)` reads weights from JSON
/// text (missing fields take the defaults). Bad weights raise `InvalidInputError` with code
/// `invalid_option` and `.option` naming the field, or `JsonError` (`invalid_json`) for
/// malformed JSON and unknown fields. Pickles as its JSON.
#[pyclass(name = "Triager", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyTriager(pub(crate) Triager);

#[pymethods]
impl PyTriager {
    #[new]
    #[pyo3(signature = (weights_json = None))]
    fn new(py: Python<'_>, weights_json: Option<&str>) -> PyResult<Self> {
        match weights_json {
            None => Ok(PyTriager(Triager::default())),
            Some(text) => guard(py, || Triager::from_json(text)).map(PyTriager),
        }
    }

    /// A triager from the JSON form of its weights (as written by `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || Triager::from_json(text)).map(PyTriager)
    }

    /// The weights as JSON text, every field written.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Triages one inbound message.
    ///
    /// `classification` is the message's `Classification` (made without channel, reach or
    /// promoted, which triage counts itself). `now` is the aware instant of triage;
    /// `earlier_channels` the channels the customer used before this message;
    /// `unresolved_since` when the customer's complaint began to go unresolved; `sla_left`
    /// and `sla_target` (both or neither) the business time left of the case's SLA target
    /// (negative when breached) and the target.
    #[pyo3(
        signature = (message, classification, *, now, earlier_channels = None, unresolved_since = None, sla_left = None, sla_target = None),
        text_signature = "(self, message, classification, *, now, earlier_channels=(), unresolved_since=None, sla_left=None, sla_target=None)"
    )]
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors the triage input as keywords"
    )]
    fn triage(
        &self,
        py: Python<'_>,
        message: PyRef<'_, PyMessage>,
        classification: PyRef<'_, PyClassification>,
        now: &Bound<'_, PyAny>,
        earlier_channels: Option<&Bound<'_, PyAny>>,
        unresolved_since: Option<&Bound<'_, PyAny>>,
        sla_left: Option<&Bound<'_, PyAny>>,
        sla_target: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTriage> {
        let now = instant(now)?;
        let mut channels = Vec::new();
        if let Some(earlier) = earlier_channels {
            for channel in earlier.try_iter()? {
                channels.push(extract_channel(&channel?)?);
            }
        }
        let since = unresolved_since.map(instant).transpose()?;
        let sla = match (sla_left, sla_target) {
            (Some(left), Some(target)) => Some((duration(left)?, duration(target)?)),
            (None, None) => None,
            _ => {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "sla_left and sla_target are given together",
                ))
            }
        };
        let mut input =
            TriageInput::new(&message.0, &classification.0, now).with_earlier_channels(channels);
        if let Some(since) = since {
            input = input.with_unresolved_since(since);
        }
        if let Some((left, target)) = sla {
            input = input.with_sla_left(left, target);
        }
        guard(py, || Ok(self.0.triage(&input))).map(PyTriage)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyTriager>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }

    fn __repr__(&self) -> String {
        format!("Triager.from_json({:?})", self.0.to_json())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTriager>()?;
    m.add_class::<PyTriage>()?;
    m.add_class::<PyReason>()?;
    m.add_class::<PyAdvice>()
}
