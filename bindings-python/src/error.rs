//! `webcare::Error` -> Python exceptions.
//!
//! `WebcareError(Exception)` is the root. Each error family is a subclass that also
//! inherits the builtin a Python user would catch: `InvalidInputError(WebcareError,
//! ValueError)`, `JsonError(InvalidInputError)`, `NotFoundError(WebcareError, LookupError)`
//! and `InternalError(WebcareError, RuntimeError)`. Every exception carries `.code` (the
//! core's stable code) and the variant's fields as attributes. The classes are made with
//! `type()` at import, because `create_exception!` allows one base only.

use pyo3::exceptions::{PyException, PyLookupError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use webcare::{Error, ErrorFamily, ErrorField};

struct Classes {
    root: Py<PyType>,
    invalid_input: Py<PyType>,
    json: Py<PyType>,
    not_found: Py<PyType>,
    internal: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn make_class<'py>(
    py: Python<'py>,
    name: &str,
    bases: &[Bound<'py, PyAny>],
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "webcare")?;
    namespace.set_item("__doc__", doc)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, namespace))?;
    Ok(class.cast_into::<PyType>()?)
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let root = make_class(
            py,
            "WebcareError",
            &[py.get_type::<PyException>().into_any()],
            "Root of every error webcare raises. `.code` is the stable snake_case error code.",
        )?;
        let invalid_input = make_class(
            py,
            "InvalidInputError",
            &[
                root.clone().into_any(),
                py.get_type::<PyValueError>().into_any(),
            ],
            "A value passed to webcare is malformed or out of range.",
        )?;
        let json = make_class(
            py,
            "JsonError",
            &[invalid_input.clone().into_any()],
            "A JSON document did not parse or had the wrong shape. `.line`, `.column`, `.detail`.",
        )?;
        let not_found = make_class(
            py,
            "NotFoundError",
            &[
                root.clone().into_any(),
                py.get_type::<PyLookupError>().into_any(),
            ],
            "An id that does not exist.",
        )?;
        let internal = make_class(
            py,
            "InternalError",
            &[
                root.clone().into_any(),
                py.get_type::<PyRuntimeError>().into_any(),
            ],
            "A bug in webcare (a caught panic). Please report it.",
        )?;
        Ok(Classes {
            root: root.unbind(),
            invalid_input: invalid_input.unbind(),
            json: json.unbind(),
            not_found: not_found.unbind(),
            internal: internal.unbind(),
        })
    })
}

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("WebcareError", c.root.bind(py))?;
    m.add("InvalidInputError", c.invalid_input.bind(py))?;
    m.add("JsonError", c.json.bind(py))?;
    m.add("NotFoundError", c.not_found.bind(py))?;
    m.add("InternalError", c.internal.bind(py))?;
    Ok(())
}

/// Converts a core error into the Python exception of its family, with `.code` and fields.
pub fn to_py_err(py: Python<'_>, err: Error) -> PyErr {
    match build(py, &err) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn build(py: Python<'_>, err: &Error) -> PyResult<PyErr> {
    let c = classes(py)?;
    let class = match err.family() {
        ErrorFamily::InvalidInput => &c.invalid_input,
        ErrorFamily::Json => &c.json,
        ErrorFamily::Lookup => &c.not_found,
        ErrorFamily::Internal => &c.internal,
        // A family added in core without a class here still reaches Python as WebcareError.
        _ => &c.root,
    };
    let instance = class.bind(py).call1((err.to_string(),))?;
    instance.setattr("code", err.code())?;
    for (name, value) in err.fields() {
        match value {
            ErrorField::Text(text) => instance.setattr(name, text)?,
            ErrorField::UInt(n) => instance.setattr(name, n)?,
            ErrorField::Int(n) => instance.setattr(name, n)?,
            _ => instance.setattr(name, value.to_string())?,
        }
    }
    Ok(PyErr::from_value(instance))
}

/// `Result<T, webcare::Error>` -> `PyResult<T>`.
pub trait IntoPyResult<T> {
    /// Maps the error to its Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}
