//! `webcare.Channel`, wrapping `webcare::Channel`.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::guard;

/// A channel on which customers and the company exchange messages.
///
/// `Channel("x")`, `Channel("email")`, `Channel("custom:tiktok")`; `twitter` is accepted
/// for `x`. An unknown name raises `InvalidInputError` with code `unknown_channel`.
#[pyclass(name = "Channel", module = "webcare", frozen, eq, hash, from_py_object)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyChannel(pub webcare::Channel);

#[pymethods]
impl PyChannel {
    #[new]
    fn new(py: Python<'_>, name: &str) -> PyResult<Self> {
        guard(py, || name.parse()).map(PyChannel)
    }

    /// Every built-in channel name.
    #[staticmethod]
    fn built_in() -> Vec<String> {
        webcare::Channel::BUILT_IN
            .iter()
            .map(|c| c.name().into_owned())
            .collect()
    }

    /// The canonical name (`x`, `x_dm`, ..., `custom:<name>`).
    #[getter]
    fn name(&self) -> String {
        self.0.name().into_owned()
    }

    /// Whether everyone can see messages on this channel.
    #[getter]
    fn is_public(&self) -> bool {
        self.0.is_public()
    }

    /// Whether this is a social-media channel.
    #[getter]
    fn is_social(&self) -> bool {
        self.0.is_social()
    }

    fn __str__(&self) -> String {
        self.name()
    }

    fn __repr__(&self) -> String {
        format!("Channel({:?})", self.name())
    }

    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, [self.name()])
    }
}

/// A channel given as `Channel` or as its name.
pub fn extract_channel(value: &Bound<'_, PyAny>) -> PyResult<webcare::Channel> {
    if let Ok(channel) = value.cast::<PyChannel>() {
        return Ok(channel.get().0.clone());
    }
    let name: String = value.extract()?;
    guard(value.py(), || name.parse())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyChannel>()
}
