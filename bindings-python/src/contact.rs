//! `webcare.Handle`, `webcare.ContactBook`, `webcare.Contact` and `webcare.RepeatContact`,
//! wrapping `webcare::contact`.

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use webcare::{ContactId, RepeatOptions};

use crate::channel::{extract_channel, PyChannel};
use crate::convert::{duration, guard};
use crate::message::PyMessage;

/// A normalized handle: a kind and a value such that two spellings of one address are
/// equal. `Handle("email", " Ann@Example.NL")`, `Handle.parse("x:@KLM")`.
#[pyclass(
    name = "Handle",
    module = "webcare",
    frozen,
    eq,
    hash,
    ord,
    from_py_object
)]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyHandle(pub webcare::Handle);

#[pymethods]
impl PyHandle {
    #[new]
    fn new(py: Python<'_>, kind: &str, value: &str) -> PyResult<Self> {
        guard(py, || webcare::Handle::new(kind.parse()?, value)).map(PyHandle)
    }

    /// Parses the text form `kind:value`.
    #[staticmethod]
    fn parse(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || text.parse()).map(PyHandle)
    }

    /// The handle of a message's author on `channel`.
    #[staticmethod]
    fn for_channel(py: Python<'_>, channel: &Bound<'_, PyAny>, author: &str) -> PyResult<Self> {
        let channel = extract_channel(channel)?;
        guard(py, || webcare::Handle::for_channel(&channel, author)).map(PyHandle)
    }

    /// The kind (`email`, `phone`, `x`, `instagram`, `facebook`, `chat`, `custom:<name>`).
    #[getter]
    fn kind(&self) -> String {
        self.0.kind().name().into_owned()
    }

    /// The normalized value.
    #[getter]
    fn value(&self) -> &str {
        self.0.value()
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Handle.parse({:?})", self.0.to_string())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let parse = py.get_type::<PyHandle>().getattr("parse")?;
        Ok((parse, PyTuple::new(py, [slf.get().0.to_string()])?))
    }
}

/// A handle given as `Handle` or as its text form.
fn extract_handle(value: &Bound<'_, PyAny>) -> PyResult<webcare::Handle> {
    if let Ok(handle) = value.cast::<PyHandle>() {
        return Ok(handle.get().0.clone());
    }
    let text: String = value.extract()?;
    guard(value.py(), || text.parse())
}

/// One person as the book knows them: a snapshot of every handle and message.
#[pyclass(name = "Contact", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyContact {
    /// The contact's canonical id.
    #[pyo3(get)]
    id: u64,
    /// Every handle, in the order added.
    #[pyo3(get)]
    handles: Vec<PyHandle>,
    /// Every message, in time order.
    #[pyo3(get)]
    messages: Vec<PyMessage>,
    /// The distinct channels of the contact's inbound messages, sorted by name.
    #[pyo3(get)]
    channels: Vec<PyChannel>,
}

#[pymethods]
impl PyContact {
    fn __repr__(&self) -> String {
        let handles: Vec<String> = self.handles.iter().map(|h| h.0.to_string()).collect();
        format!(
            "Contact(id={}, handles={:?}, messages={})",
            self.id,
            handles,
            self.messages.len()
        )
    }
}

impl From<webcare::Contact<'_>> for PyContact {
    fn from(c: webcare::Contact<'_>) -> PyContact {
        PyContact {
            id: c.id().get(),
            handles: c.handles().cloned().map(PyHandle).collect(),
            messages: c.messages().into_iter().cloned().map(PyMessage).collect(),
            channels: c.channels().into_iter().map(PyChannel).collect(),
        }
    }
}

/// One episode of repeat contact: one person on several channels within the window.
#[pyclass(name = "RepeatContact", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyRepeatContact {
    /// The contact's id.
    #[pyo3(get)]
    contact: u64,
    /// Every handle of the contact.
    #[pyo3(get)]
    handles: Vec<PyHandle>,
    /// The episode's distinct channels, in the order first used.
    #[pyo3(get)]
    channels: Vec<PyChannel>,
    /// The ids of the episode's inbound messages, in time order.
    #[pyo3(get)]
    messages: Vec<String>,
    /// The first message's instant (UTC).
    #[pyo3(get)]
    first_at: DateTime<Utc>,
    /// The last message's instant (UTC).
    #[pyo3(get)]
    last_at: DateTime<Utc>,
}

#[pymethods]
impl PyRepeatContact {
    fn __repr__(&self) -> String {
        let channels: Vec<String> = self
            .channels
            .iter()
            .map(|c| c.0.name().into_owned())
            .collect();
        format!(
            "RepeatContact(contact={}, channels={:?}, messages={:?})",
            self.contact, channels, self.messages
        )
    }
}

/// Knows which handles belong to one person and keeps every message each person sent.
#[pyclass(name = "ContactBook", module = "webcare")]
#[derive(Debug, Default)]
pub struct PyContactBook(webcare::ContactBook);

#[pymethods]
impl PyContactBook {
    #[new]
    fn new() -> Self {
        PyContactBook::default()
    }

    /// Adds a handle (`Handle` or `"kind:value"`) and returns its contact id.
    fn add_handle(&mut self, handle: &Bound<'_, PyAny>) -> PyResult<u64> {
        let handle = extract_handle(handle)?;
        Ok(self.0.add_handle(handle).get())
    }

    /// Records that `a` and `b` belong to one person; returns the merged contact's id.
    #[pyo3(signature = (a, b, evidence = ""))]
    fn link(
        &mut self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
        evidence: &str,
    ) -> PyResult<u64> {
        let (a, b) = (extract_handle(a)?, extract_handle(b)?);
        guard(py, || self.0.link(a, b, evidence)).map(ContactId::get)
    }

    /// Adds a message under its author's handle; returns the author's contact id.
    fn add_message(&mut self, py: Python<'_>, message: PyRef<'_, PyMessage>) -> PyResult<u64> {
        let message = message.0.clone();
        guard(py, || self.0.add_message(message)).map(ContactId::get)
    }

    /// Adds many messages, all or none; returns each message's contact id.
    fn add_messages(&mut self, py: Python<'_>, messages: Vec<PyMessage>) -> PyResult<Vec<u64>> {
        let messages = messages.into_iter().map(|m| m.0).collect();
        let book = &mut self.0;
        let ids = guard(py, || py.detach(|| book.add_messages(messages)))?;
        Ok(ids.into_iter().map(ContactId::get).collect())
    }

    /// The contact id of a handle, or `None` when the book does not know it.
    fn contact_of(&self, handle: &Bound<'_, PyAny>) -> PyResult<Option<u64>> {
        let handle = extract_handle(handle)?;
        Ok(self.0.contact_of(&handle).map(ContactId::get))
    }

    /// The contact with this id; raises `NotFoundError` for an id the book never issued.
    fn contact(&self, py: Python<'_>, id: u64) -> PyResult<PyContact> {
        guard(py, || {
            self.0.contact(ContactId::from_u64(id)).map(PyContact::from)
        })
    }

    /// Every contact, in the order its first handle was added.
    fn contacts(&self) -> Vec<PyContact> {
        self.0.contacts().map(PyContact::from).collect()
    }

    /// Every episode of repeat contact. `window` and `min_channels` default to core's
    /// defaults (7 days, 2 channels).
    #[pyo3(signature = (window = None, min_channels = None))]
    fn repeat_contacts(
        &self,
        py: Python<'_>,
        window: Option<&Bound<'_, PyAny>>,
        min_channels: Option<usize>,
    ) -> PyResult<Vec<PyRepeatContact>> {
        let window = window.map(duration).transpose()?;
        let options = guard(py, || {
            let mut options = match window {
                Some(w) => RepeatOptions::new(w)?,
                None => RepeatOptions::default(),
            };
            if let Some(n) = min_channels {
                options = options.with_min_channels(n)?;
            }
            Ok(options)
        })?;
        Ok(self
            .0
            .repeat_contacts(&options)
            .into_iter()
            .map(|r| PyRepeatContact {
                contact: r.contact.get(),
                handles: r.handles.into_iter().map(PyHandle).collect(),
                channels: r.channels.into_iter().map(PyChannel).collect(),
                messages: r.messages,
                first_at: r.first_at,
                last_at: r.last_at,
            })
            .collect())
    }

    /// The number of messages.
    #[getter]
    fn message_count(&self) -> usize {
        self.0.message_count()
    }

    /// The book as JSON text (its handles, links and messages).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Loads a book from its JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::ContactBook::from_json(text)).map(PyContactBook)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __getstate__(&self) -> String {
        self.0.to_json()
    }

    fn __setstate__(&mut self, py: Python<'_>, state: &str) -> PyResult<()> {
        self.0 = guard(py, || webcare::ContactBook::from_json(state))?;
        Ok(())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyHandle>()?;
    m.add_class::<PyContact>()?;
    m.add_class::<PyRepeatContact>()?;
    m.add_class::<PyContactBook>()
}
