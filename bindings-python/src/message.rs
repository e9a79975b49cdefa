//! `webcare.Message`, wrapping `webcare::Message`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::channel::{extract_channel, PyChannel};
use crate::convert::{guard, instant};

/// One message on one channel.
///
/// `sent_at` must be a timezone-aware `datetime` (any zone; it is stored as UTC). A naive
/// datetime raises `InvalidInputError` with code `naive_datetime`.
#[pyclass(name = "Message", module = "webcare", frozen, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyMessage(pub webcare::Message);

#[pymethods]
impl PyMessage {
    #[new]
    #[pyo3(signature = (id, channel, direction, author, sent_at, text = "", reply_to = None, case_id = None, reach = None, promoted = false))]
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors the message's fields as keywords"
    )]
    fn new(
        py: Python<'_>,
        id: String,
        channel: &Bound<'_, PyAny>,
        direction: &str,
        author: String,
        sent_at: &Bound<'_, PyAny>,
        text: &str,
        reply_to: Option<String>,
        case_id: Option<String>,
        reach: Option<u64>,
        promoted: bool,
    ) -> PyResult<Self> {
        let channel = extract_channel(channel)?;
        let sent_at = instant(sent_at)?;
        let message = webcare::Message {
            id,
            channel,
            direction: guard(py, || direction.parse())?,
            author,
            sent_at,
            text: text.to_owned(),
            reply_to,
            case_id,
            reach,
            promoted,
        };
        guard(py, || message.validate())?;
        Ok(PyMessage(message))
    }

    /// Parses a message from its JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::Message::from_json(text)).map(PyMessage)
    }

    /// The message as JSON text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    #[getter]
    fn channel(&self) -> PyChannel {
        PyChannel(self.0.channel.clone())
    }

    #[getter]
    fn direction(&self) -> &'static str {
        self.0.direction.name()
    }

    #[getter]
    fn author(&self) -> &str {
        &self.0.author
    }

    #[getter]
    fn sent_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.sent_at
    }

    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn reply_to(&self) -> Option<&str> {
        self.0.reply_to.as_deref()
    }

    #[getter]
    fn case_id(&self) -> Option<&str> {
        self.0.case_id.as_deref()
    }

    #[getter]
    fn reach(&self) -> Option<u64> {
        self.0.reach
    }

    #[getter]
    fn promoted(&self) -> bool {
        self.0.promoted
    }

    fn __repr__(&self) -> String {
        format!("Message.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyMessage>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMessage>()
}
