//! `webcare.arrow.business_elapsed` and `webcare.arrow.due`: calendar arithmetic on
//! timestamp and duration columns.

use std::sync::Arc;

use arrow_array::types::{
    DurationMicrosecondType, DurationMillisecondType, DurationNanosecondType, DurationSecondType,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{ArrayRef, PrimitiveArray};
use arrow_schema::TimeUnit;
use chrono::{DateTime, TimeDelta, Utc};
use pyo3::prelude::*;
use pyo3::types::PyDelta;
use webcare::Error;

use super::column::{same_length, ticks_of_duration, ticks_of_instant, Column};
use crate::calendar::PyCalendar;
use crate::convert::{duration, guard};

/// How fine a unit is: the finer of two inputs' units is the result's.
fn rank(unit: TimeUnit) -> u8 {
    match unit {
        TimeUnit::Second => 0,
        TimeUnit::Millisecond => 1,
        TimeUnit::Microsecond => 2,
        TimeUnit::Nanosecond => 3,
    }
}

fn finer(a: TimeUnit, b: TimeUnit) -> TimeUnit {
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// Runs `f` on the rows where both inputs are present (one core call over dense slices)
/// and puts each answer back at its row; the other rows are `None`.
fn present<A: Copy, B: Copy, T>(
    a: &[Option<A>],
    b: &[Option<B>],
    f: impl FnOnce(&[A], &[B]) -> Result<Vec<T>, Error>,
) -> Result<Vec<Option<T>>, Error> {
    let rows: Vec<(usize, A, B)> = a
        .iter()
        .zip(b)
        .enumerate()
        .filter_map(|(i, (x, y))| Some((i, (*x)?, (*y)?)))
        .collect();
    let xs: Vec<A> = rows.iter().map(|r| r.1).collect();
    let ys: Vec<B> = rows.iter().map(|r| r.2).collect();
    let answers = f(&xs, &ys)?;
    let mut out: Vec<Option<T>> = std::iter::repeat_with(|| None).take(a.len()).collect();
    for ((i, _, _), answer) in rows.into_iter().zip(answers) {
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(answer);
        }
    }
    Ok(out)
}

fn duration_array(unit: TimeUnit, values: Vec<Option<i64>>) -> ArrayRef {
    match unit {
        TimeUnit::Second => Arc::new(PrimitiveArray::<DurationSecondType>::from(values)),
        TimeUnit::Millisecond => Arc::new(PrimitiveArray::<DurationMillisecondType>::from(values)),
        TimeUnit::Microsecond => Arc::new(PrimitiveArray::<DurationMicrosecondType>::from(values)),
        TimeUnit::Nanosecond => Arc::new(PrimitiveArray::<DurationNanosecondType>::from(values)),
    }
}

fn timestamp_array(unit: TimeUnit, values: Vec<Option<i64>>) -> ArrayRef {
    match unit {
        TimeUnit::Second => {
            Arc::new(PrimitiveArray::<TimestampSecondType>::from(values).with_timezone("UTC"))
        }
        TimeUnit::Millisecond => {
            Arc::new(PrimitiveArray::<TimestampMillisecondType>::from(values).with_timezone("UTC"))
        }
        TimeUnit::Microsecond => {
            Arc::new(PrimitiveArray::<TimestampMicrosecondType>::from(values).with_timezone("UTC"))
        }
        TimeUnit::Nanosecond => {
            Arc::new(PrimitiveArray::<TimestampNanosecondType>::from(values).with_timezone("UTC"))
        }
    }
}

/// `Calendar.elapsed(starts[i], ends[i])` for every row, with the GIL released: the open
/// time between two timestamp columns, as a `pyarrow.Array` of `duration`.
///
/// `starts` and `ends` are timestamp arrays (or chunked arrays, polars `Series`) of any
/// unit with a time zone (any zone: the values are instants); a timestamp array without a
/// time zone raises `InvalidInputError` with code `naive_datetime`. The result's unit is
/// the finer of the two inputs' units, so every value is exactly the `timedelta` the
/// per-message `Calendar.elapsed` gives (up to the microsecond `timedelta` holds). A null
/// in either input gives a null. Other errors: `invalid_option` (not a timestamp array),
/// `batch_length_mismatch`.
#[pyfunction(name = "arrow_business_elapsed")]
pub fn business_elapsed<'py>(
    py: Python<'py>,
    calendar: &Bound<'py, PyCalendar>,
    starts: &Bound<'py, PyAny>,
    ends: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let starts = Column::read("starts", starts)?;
    let ends = Column::read("ends", ends)?;
    let calendar = &calendar.get().0;
    let array = guard(py, || {
        py.detach(|| {
            let (a, unit_a) = starts.instants()?;
            let (b, unit_b) = ends.instants()?;
            same_length(a.len(), b.len())?;
            let unit = finer(unit_a, unit_b);
            let elapsed = present(&a, &b, |a, b| calendar.elapsed_many(a, b))?;
            let ticks = elapsed
                .into_iter()
                .map(|d| d.map(|d| ticks_of_duration(unit, d)).transpose())
                .collect::<Result<_, _>>()?;
            Ok(duration_array(unit, ticks))
        })
    })?;
    super::to_pyarrow(py, array)
}

/// The durations argument of `due`: one column, or one `timedelta` for every row.
enum Durations {
    Column(Column),
    One(TimeDelta),
}

/// `Calendar.add(starts[i], durations[i])` for every row, with the GIL released: when
/// each clock falls due, as a `pyarrow.Array` of `timestamp` with time zone `UTC`.
///
/// `starts` is a timestamp array of any unit with a time zone (none raises
/// `naive_datetime`); `durations` a duration array of any unit, or one `timedelta` for
/// every row. The result's unit is the finer of the two (a `timedelta` counts as
/// microseconds), so every value is exactly the per-message `Calendar.add`'s. A null in
/// either input gives a null. Other errors: `invalid_option` (wrong type),
/// `batch_length_mismatch`, and those of `Calendar.add` (`beyond_horizon`, ...).
#[pyfunction(name = "arrow_due")]
pub fn due<'py>(
    py: Python<'py>,
    calendar: &Bound<'py, PyCalendar>,
    starts: &Bound<'py, PyAny>,
    durations: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let starts = Column::read("starts", starts)?;
    let durations = if durations.is_instance_of::<PyDelta>() {
        Durations::One(duration(durations)?)
    } else {
        Durations::Column(Column::read("durations", durations)?)
    };
    let calendar = &calendar.get().0;
    let array = guard(py, || {
        py.detach(|| {
            let (a, unit_a) = starts.instants()?;
            let (b, unit_b) = match &durations {
                Durations::Column(column) => column.durations()?,
                Durations::One(d) => (vec![Some(*d); a.len()], TimeUnit::Microsecond),
            };
            same_length(a.len(), b.len())?;
            let unit = finer(unit_a, unit_b);
            let due: Vec<Option<DateTime<Utc>>> = present(&a, &b, |a, b| calendar.add_many(a, b))?;
            let ticks = due
                .into_iter()
                .map(|t| t.map(|t| ticks_of_instant(unit, t)).transpose())
                .collect::<Result<_, _>>()?;
            Ok(timestamp_array(unit, ticks))
        })
    })?;
    super::to_pyarrow(py, array)
}
