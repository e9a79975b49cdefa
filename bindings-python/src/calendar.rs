//! `webcare.Calendar`, wrapping `webcare::Calendar`.
//!
//! Single calls take aware `datetime`s and `timedelta`s. The batch calls `add_many` and
//! `elapsed_many` take lists (any iterable) of them, or numpy `datetime64` / `timedelta64`
//! arrays when numpy is installed: the binding does not link numpy, it recognises an array
//! by its `dtype.kind` (`"M"`, `"m"`), reads the int64 values through the buffer protocol
//! (one copy of the array's memory), converts them and calls core with the GIL released,
//! and builds the result with one `numpy.frombuffer(...).view(...)` call over a
//! `bytearray` filled in place. numpy's `datetime64` is naive by numpy's convention;
//! webcare reads it as UTC.

use chrono::{DateTime, TimeDelta, Utc};
use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyTuple};
use webcare::Error;

use crate::convert::{guard, instant};

/// A business-hours calendar: when a team is open, in its own time zone.
///
/// Build it from its JSON document with `Calendar.from_json`; `Calendar.any_of` joins
/// several into a follow-the-sun desk. Instants are timezone-aware `datetime`s (any zone in,
/// UTC out; a naive datetime raises `InvalidInputError` with code `naive_datetime`),
/// durations are `timedelta`s of open time. Microseconds pass through unchanged.
#[pyclass(name = "Calendar", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCalendar(pub webcare::Calendar);

#[pymethods]
impl PyCalendar {
    /// Parses a calendar from its JSON document.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::Calendar::from_json(text)).map(PyCalendar)
    }

    /// The calendar's JSON document, as it was given.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// A follow-the-sun calendar: open whenever any of `members` is open.
    #[staticmethod]
    fn any_of(py: Python<'_>, members: &Bound<'_, PyAny>) -> PyResult<Self> {
        let members = members
            .try_iter()?
            .map(|m| Ok(m?.cast::<PyCalendar>()?.get().0.clone()))
            .collect::<PyResult<Vec<_>>>()?;
        guard(py, || webcare::Calendar::any_of(members)).map(PyCalendar)
    }

    /// This calendar with the all-day events of an iCalendar (`.ics`) document added as
    /// closed holidays. Dates that are already holidays keep their entry.
    fn with_ics_holidays(&self, py: Python<'_>, ics: &str) -> PyResult<Self> {
        guard(py, || self.0.with_ics_holidays(ics)).map(PyCalendar)
    }

    /// The due instant: the first instant `u >= start` with `elapsed(start, u) == duration`.
    /// `add(t, timedelta(0))` is `t`, also while closed.
    fn add(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        duration: &Bound<'_, PyAny>,
    ) -> PyResult<DateTime<Utc>> {
        let (start, duration) = (instant(start)?, crate::convert::duration(duration)?);
        guard(py, || self.0.add(start, duration))
    }

    /// The latest instant `u <= end` with `elapsed(u, end) == duration`: when work must
    /// start to be done by `end`.
    fn sub(
        &self,
        py: Python<'_>,
        end: &Bound<'_, PyAny>,
        duration: &Bound<'_, PyAny>,
    ) -> PyResult<DateTime<Utc>> {
        let (end, duration) = (instant(end)?, crate::convert::duration(duration)?);
        guard(py, || self.0.sub(end, duration))
    }

    /// The open time between `start` and `end`; negative when `end` is before `start`.
    fn elapsed(
        &self,
        py: Python<'_>,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<TimeDelta> {
        let (start, end) = (instant(start)?, instant(end)?);
        guard(py, || self.0.elapsed(start, end))
    }

    /// Whether the calendar is open at `t` (open at an interval's start, closed at its end).
    fn is_open(&self, t: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.is_open(instant(t)?))
    }

    /// The first instant at or after `t` at which the calendar is open.
    fn next_open(&self, py: Python<'_>, t: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
        let t = instant(t)?;
        guard(py, || self.0.next_open(t))
    }

    /// The first instant at or after `t` at which the calendar is closed.
    fn next_close(&self, py: Python<'_>, t: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
        let t = instant(t)?;
        guard(py, || self.0.next_close(t))
    }

    /// `add(starts[i], durations[i])` for every `i`, in one call that releases the GIL.
    ///
    /// Lists of aware `datetime` and `timedelta` give a list of `datetime`. numpy
    /// `datetime64[s|ms|us|ns]` (read as UTC) and `timedelta64[s|ms|us|ns]` arrays are
    /// accepted too; when either argument is one, the result is a `datetime64` array in the
    /// finest unit of the inputs (`us` for a list).
    fn add_many(
        &self,
        py: Python<'_>,
        starts: &Bound<'_, PyAny>,
        durations: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let starts = Batch::read(starts, Kind::Instant)?;
        let durations = Batch::read(durations, Kind::Duration)?;
        let unit = Unit::of(&starts, &durations);
        let starts = starts.ready(instant)?;
        let durations = durations.ready(crate::convert::duration)?;
        let cal = &self.0;
        // Raw numpy values are converted, computed and converted back without the GIL.
        let out = guard(py, || {
            py.detach(|| {
                let starts = starts.values(Unit::instant)?;
                let due = cal.add_many(&starts, &durations.values(Unit::duration)?)?;
                Out::of(due, unit, Unit::ticks_of_instant)
            })
        })?;
        out.into_py(py, "datetime64")
    }

    /// `elapsed(starts[i], ends[i])` for every `i`, in one call that releases the GIL.
    ///
    /// Lists of aware `datetime` give a list of `timedelta`. numpy `datetime64[s|ms|us|ns]`
    /// arrays (read as UTC) are accepted too; when either argument is one, the result is a
    /// `timedelta64` array in the finest unit of the inputs (`us` for a list).
    fn elapsed_many(
        &self,
        py: Python<'_>,
        starts: &Bound<'_, PyAny>,
        ends: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let starts = Batch::read(starts, Kind::Instant)?;
        let ends = Batch::read(ends, Kind::Instant)?;
        let unit = Unit::of(&starts, &ends);
        let (starts, ends) = (starts.ready(instant)?, ends.ready(instant)?);
        let cal = &self.0;
        // Raw numpy values are converted, computed and converted back without the GIL.
        let out = guard(py, || {
            py.detach(|| {
                let starts = starts.values(Unit::instant)?;
                let elapsed = cal.elapsed_many(&starts, &ends.values(Unit::instant)?)?;
                Out::of(elapsed, unit, Unit::ticks_of_duration)
            })
        })?;
        out.into_py(py, "timedelta64")
    }

    fn __repr__(&self) -> String {
        format!("Calendar.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyCalendar>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

/// What a batch argument holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Instant,
    Duration,
}

impl Kind {
    fn numpy_kind(self) -> &'static str {
        match self {
            Kind::Instant => "M",
            Kind::Duration => "m",
        }
    }

    fn numpy_name(self) -> &'static str {
        match self {
            Kind::Instant => "datetime64",
            Kind::Duration => "timedelta64",
        }
    }
}

/// A numpy time unit that webcare reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    S,
    Ms,
    Us,
    Ns,
}

impl Unit {
    fn parse(code: &str) -> Option<Unit> {
        match code {
            "s" => Some(Unit::S),
            "ms" => Some(Unit::Ms),
            "us" => Some(Unit::Us),
            "ns" => Some(Unit::Ns),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Unit::S => "s",
            Unit::Ms => "ms",
            Unit::Us => "us",
            Unit::Ns => "ns",
        }
    }

    /// The unit of a result: `None` (Python objects) when both arguments are Python
    /// objects, else the finest unit of the two, a Python argument counting as `us`.
    fn of(a: &Batch<'_, '_>, b: &Batch<'_, '_>) -> Option<Unit> {
        let unit = |x: &Batch<'_, '_>| x.unit().unwrap_or(Unit::Us);
        (a.is_numpy() || b.is_numpy()).then(|| unit(a).max(unit(b)))
    }

    fn instant(self, value: i64) -> Result<DateTime<Utc>, Error> {
        if value == i64::MIN {
            return Err(Error::InvalidDatetime {
                value: "NaT".to_owned(),
            });
        }
        let t = match self {
            Unit::S => DateTime::from_timestamp(value, 0),
            Unit::Ms => DateTime::from_timestamp_millis(value),
            Unit::Us => DateTime::from_timestamp_micros(value),
            Unit::Ns => Some(DateTime::from_timestamp_nanos(value)),
        };
        t.ok_or_else(|| Error::InstantOutOfRange {
            value: format!("{value} as datetime64[{}]", self.code()),
        })
    }

    fn duration(self, value: i64) -> Result<TimeDelta, Error> {
        if value == i64::MIN {
            return Err(Error::InvalidOption {
                option: "duration",
                value: "NaT".to_owned(),
                reason: "not a time",
            });
        }
        let d = match self {
            Unit::S => TimeDelta::try_seconds(value),
            Unit::Ms => TimeDelta::try_milliseconds(value),
            Unit::Us => Some(TimeDelta::microseconds(value)),
            Unit::Ns => Some(TimeDelta::nanoseconds(value)),
        };
        d.ok_or_else(|| Error::InvalidOption {
            option: "duration",
            value: format!("{value} as timedelta64[{}]", self.code()),
            reason: "out of range",
        })
    }

    fn ticks_of_instant(self, t: &DateTime<Utc>) -> Result<i64, Error> {
        match self {
            Unit::S => Some(t.timestamp()),
            Unit::Ms => Some(t.timestamp_millis()),
            Unit::Us => Some(t.timestamp_micros()),
            Unit::Ns => t.timestamp_nanos_opt(),
        }
        .ok_or_else(|| Error::InstantOutOfRange {
            value: format!(
                "{} as datetime64[{}]",
                webcare::format_instant(*t),
                self.code()
            ),
        })
    }

    fn ticks_of_duration(self, d: &TimeDelta) -> Result<i64, Error> {
        match self {
            Unit::S => Some(d.num_seconds()),
            Unit::Ms => Some(d.num_milliseconds()),
            Unit::Us => d.num_microseconds(),
            Unit::Ns => d.num_nanoseconds(),
        }
        .ok_or_else(|| Error::InstantOutOfRange {
            value: format!("{d} as timedelta64[{}]", self.code()),
        })
    }
}

/// One batch argument: a Python iterable, or the raw values of a numpy array.
#[derive(Debug)]
enum Batch<'a, 'py> {
    Objects(&'a Bound<'py, PyAny>),
    Numpy(Vec<i64>, Unit),
}

impl<'a, 'py> Batch<'a, 'py> {
    /// Reads a numpy array of `kind` in one call, or keeps any other object to iterate.
    fn read(value: &'a Bound<'py, PyAny>, kind: Kind) -> PyResult<Batch<'a, 'py>> {
        let Some(dtype_kind) = numpy_kind(value) else {
            return Ok(Batch::Objects(value));
        };
        if dtype_kind != "M" && dtype_kind != "m" {
            // Not a time array (an object array, say): read it element by element.
            return Ok(Batch::Objects(value));
        }
        let dtype = value.getattr("dtype")?;
        let dtype_text: String = dtype.getattr("str")?.extract()?;
        let code = dtype_text
            .split_once('[')
            .and_then(|(_, rest)| rest.strip_suffix(']'))
            .unwrap_or("");
        let unit = Unit::parse(code).filter(|_| dtype_kind == kind.numpy_kind());
        let ndim: usize = value.getattr("ndim")?.extract()?;
        let Some(unit) = unit.filter(|_| ndim == 1) else {
            return Err(PyTypeError::new_err(format!(
                "expected a 1-D {name}[s|ms|us|ns] array, got a {ndim}-D array of {dtype}",
                name = kind.numpy_name(),
                dtype = dtype.str()?,
            )));
        };
        // In native byte order (no copy when it already is), seen as int64 (never a copy),
        // read through the buffer protocol in one copy, strided arrays included.
        let native = format!("={}8[{}]", kind.numpy_kind(), unit.code());
        let ints = value
            .call_method1("astype", (native, "K", "unsafe", true, false))?
            .call_method1("view", ("=i8",))?;
        let values = PyBuffer::<i64>::get(&ints)?.to_vec(value.py())?;
        Ok(Batch::Numpy(values, unit))
    }

    fn unit(&self) -> Option<Unit> {
        match self {
            Batch::Objects(_) => None,
            Batch::Numpy(_, unit) => Some(*unit),
        }
    }

    fn is_numpy(&self) -> bool {
        matches!(self, Batch::Numpy(..))
    }

    /// Converts Python objects with `convert` now (that needs the GIL); numpy values stay
    /// raw.
    fn ready<T>(self, convert: impl Fn(&Bound<'py, PyAny>) -> PyResult<T>) -> PyResult<Ready<T>> {
        match self {
            Batch::Objects(value) => Ok(Ready::Values(
                value
                    .try_iter()?
                    .map(|v| convert(&v?))
                    .collect::<PyResult<_>>()?,
            )),
            Batch::Numpy(values, unit) => Ok(Ready::Ticks(values, unit)),
        }
    }
}

/// A batch argument ready for core: converted Python objects, or raw numpy values.
#[derive(Debug)]
enum Ready<T> {
    Values(Vec<T>),
    Ticks(Vec<i64>, Unit),
}

impl<T> Ready<T> {
    /// The values, numpy ticks converted with `convert` (no GIL needed).
    fn values(self, convert: impl Fn(Unit, i64) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        match self {
            Ready::Values(values) => Ok(values),
            Ready::Ticks(ticks, unit) => ticks.into_iter().map(|v| convert(unit, v)).collect(),
        }
    }
}

/// A batch result: Python objects to build, or numpy ticks of a unit.
enum Out<T> {
    Values(Vec<T>),
    Ticks(Vec<i64>, Unit),
}

impl<T> Out<T> {
    /// `values` as they are (`unit` is `None`) or as ticks of `unit`.
    fn of(
        values: Vec<T>,
        unit: Option<Unit>,
        ticks: impl Fn(Unit, &T) -> Result<i64, Error>,
    ) -> Result<Out<T>, Error> {
        Ok(match unit {
            None => Out::Values(values),
            Some(unit) => Out::Ticks(
                values
                    .iter()
                    .map(|v| ticks(unit, v))
                    .collect::<Result<_, _>>()?,
                unit,
            ),
        })
    }
}

impl<T: for<'py> IntoPyObject<'py>> Out<T> {
    fn into_py(self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        match self {
            Out::Values(values) => Ok(values.into_pyobject(py)?.into_any().unbind()),
            Out::Ticks(values, unit) => numpy_array(py, &values, name, unit),
        }
    }
}

/// `dtype.kind` of a numpy array (any object with a `dtype` that has a `kind`).
fn numpy_kind(value: &Bound<'_, PyAny>) -> Option<String> {
    value
        .getattr("dtype")
        .ok()?
        .getattr("kind")
        .ok()?
        .extract()
        .ok()
}

/// A numpy array of `values` as `<name>[<unit>]`, built in one `frombuffer` call over a
/// writable `bytearray`.
fn numpy_array(py: Python<'_>, values: &[i64], name: &str, unit: Unit) -> PyResult<Py<PyAny>> {
    let buffer = PyByteArray::new_with(py, values.len() * 8, |bytes| {
        for (word, v) in bytes.chunks_exact_mut(8).zip(values) {
            word.copy_from_slice(&v.to_ne_bytes());
        }
        Ok(())
    })?;
    let array = py
        .import("numpy")?
        .call_method1("frombuffer", (buffer, "=i8"))?
        .call_method1("view", (format!("{name}[{}]", unit.code()),))?;
    Ok(array.unbind())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCalendar>()
}
