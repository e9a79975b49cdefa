//! Conversions between JS values and core types, and the panic guard.
//!
//! Instants cross as `Date` (milliseconds, Node's precision); an invalid `Date` (NaN) is
//! refused with `invalid_datetime` rather than read as the epoch, and a `Date` beyond the
//! range chrono represents with `instant_out_of_range`. Durations cross as milliseconds.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, TimeDelta, Utc};
use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;
use webcare::Error;

use crate::error::{to_js, IntoJsResult};

/// A `Date`'s milliseconds as a UTC instant.
pub fn instant_from_millis(env: &Env, ms: f64) -> Result<DateTime<Utc>> {
    if !ms.is_finite() {
        return Err(to_js(
            env,
            Error::InvalidDatetime {
                value: "Invalid Date".to_owned(),
            },
        ));
    }
    // A JS Date holds whole milliseconds; `as` is exact for every finite Date value.
    DateTime::from_timestamp_millis(ms.trunc() as i64)
        .ok_or(Error::InstantOutOfRange {
            value: format!("{ms} ms since the Unix epoch"),
        })
        .js_err(env)
}

/// A JS `Date` as a UTC instant.
pub fn instant(env: &Env, date: &JsDate<'_>) -> Result<DateTime<Utc>> {
    instant_from_millis(env, date.value_of()?)
}

/// Milliseconds as a duration.
pub fn duration_from_millis(env: &Env, ms: f64) -> Result<TimeDelta> {
    if !ms.is_finite() {
        return Err(to_js(
            env,
            Error::InvalidOption {
                option: "duration",
                value: ms.to_string(),
                reason: "must be a finite number of milliseconds",
            },
        ));
    }
    TimeDelta::try_milliseconds(ms.trunc() as i64)
        .ok_or(Error::InvalidOption {
            option: "duration",
            value: ms.to_string(),
            reason: "out of range",
        })
        .js_err(env)
}

/// Runs a core call, turning a panic into an `Error` with code `internal` rather than
/// letting it abort the process.
pub fn guard<T>(env: &Env, f: impl FnOnce() -> std::result::Result<T, Error>) -> Result<T> {
    catch(f).js_err(env)
}

/// Runs a core call where no JS environment is at hand (an `AsyncTask`'s `compute`, off the
/// JS thread), keeping a panic as the core `internal` error; the JS error is built later,
/// on the JS thread.
pub fn catch<T>(
    f: impl FnOnce() -> std::result::Result<T, Error>,
) -> std::result::Result<T, Error> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(Error::from_panic(payload.as_ref())))
}

/// Panics inside a guarded core call, so the test suite can prove that a panic in core
/// surfaces as an `Error` with code `internal` and never takes the process down.
#[napi(js_name = "_panic", catch_unwind)]
pub fn panic_for_tests(env: &Env, message: String) -> Result<()> {
    guard(env, || webcare::__private::panic_for_tests(&message))
}
