//! The Python extension module `webcare._webcare`: registration only. Every class and
//! function lives in the file named for the core module it wraps.
#![forbid(unsafe_code)]

use pyo3::prelude::*;

/// mimalloc serves the many short-lived strings of message batches faster than the system
/// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod arrow;
mod calendar;
mod case;
mod channel;
mod classify;
mod consistency;
mod contact;
mod convert;
mod error;
mod expected;
mod inbox;
mod message;
mod policy;
mod report;
mod triage;

#[pymodule]
fn _webcare(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    channel::register(m)?;
    message::register(m)?;
    contact::register(m)?;
    classify::register(m)?;
    consistency::register(m)?;
    calendar::register(m)?;
    policy::register(m)?;
    case::register(m)?;
    expected::register(m)?;
    triage::register(m)?;
    inbox::register(m)?;
    report::register(m)?;
    arrow::register(m)?;
    m.add_function(wrap_pyfunction!(convert::_panic, m)?)?;
    Ok(())
}
