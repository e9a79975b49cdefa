//! Conversions between Python values and core types, and the panic guard.
//!
//! Instants cross as timezone-aware `datetime` (any zone in, UTC out); a naive `datetime`
//! is refused with `naive_datetime`, because it does not say which instant it means.
//! Durations cross as `timedelta`. Python carries microseconds, which chrono holds exactly,
//! so a value passed through webcare comes back unchanged.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use pyo3::prelude::*;
use pyo3::types::PyDateTime;
use webcare::Error;

use crate::error::{to_py_err, IntoPyResult};

/// An aware `datetime` as a UTC instant.
pub fn instant(value: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let py = value.py();
    let datetime = value.cast::<PyDateTime>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a timezone-aware datetime, got {}",
            value
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let aware =
        !datetime.getattr("tzinfo")?.is_none() && !datetime.call_method0("utcoffset")?.is_none();
    if !aware {
        let text: String = datetime.call_method0("isoformat")?.extract()?;
        return Err(to_py_err(py, Error::NaiveDatetime { value: text }));
    }
    let fixed: DateTime<FixedOffset> = datetime.extract()?;
    Ok(fixed.with_timezone(&Utc))
}

/// A `timedelta` as a chrono duration.
pub fn duration(value: &Bound<'_, PyAny>) -> PyResult<TimeDelta> {
    value.extract::<TimeDelta>()
}

/// Runs a core call, turning a panic into `webcare.InternalError` instead of letting
/// pyo3's `PanicException` (a `BaseException`, missed by `except Exception`) escape.
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.py_err(py),
        Err(payload) => Err(to_py_err(py, Error::from_panic(payload.as_ref()))),
    }
}

/// Panics inside a guarded core call. Exists so the test suite can prove that a panic in
/// core surfaces as `webcare.InternalError` and never takes the interpreter down.
#[pyfunction]
pub fn _panic(py: Python<'_>, message: &str) -> PyResult<()> {
    guard(py, || webcare::__private::panic_for_tests(message))
}
