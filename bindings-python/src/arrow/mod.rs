//! `webcare.arrow`: Arrow arrays in, Arrow arrays out.
//!
//! Arguments cross through the Arrow PyCapsule interface (pyo3-arrow), so any producer
//! works: pyarrow, polars, arro3, nanoarrow. The data is read in place, converted to core
//! values, computed by core and assembled into Arrow arrays with the GIL released; no
//! Python object is made per row. Results are `pyarrow` objects. The Python functions are
//! `_webcare.arrow_*`, re-exported without the prefix by `webcare/arrow.py`.

use arrow_array::ArrayRef;
use pyo3::prelude::*;
use pyo3_arrow::PyArray;

mod classify;
mod column;
mod time;
mod triage;

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(classify::classify, m)?)?;
    m.add_function(wrap_pyfunction!(time::business_elapsed, m)?)?;
    m.add_function(wrap_pyfunction!(time::due, m)?)?;
    m.add_function(wrap_pyfunction!(triage::triage, m)?)
}

/// An Arrow array as a `pyarrow.Array` (through the PyCapsule interface, no copy).
fn to_pyarrow(py: Python<'_>, array: ArrayRef) -> PyResult<Bound<'_, PyAny>> {
    let array = PyArray::from_array_ref(array).into_pyobject(py)?;
    py.import("pyarrow")?.getattr("array")?.call1((array,))
}
