//! Reading Arrow columns into plain Rust rows, and the typed errors for bad columns.
//!
//! Every reader takes the chunks of one argument (an array, a chunked array or a stream,
//! flattened) and gives one value per row, `None` for a null. Nothing here trusts the
//! producer: offsets and view buffers are bounds-checked and every string is validated as
//! UTF-8, so a malformed array is a typed error, never undefined behaviour or a panic.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    DurationMicrosecondType, DurationMillisecondType, DurationNanosecondType, DurationSecondType,
    Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, ArrowPrimitiveType, GenericStringArray, OffsetSizeTrait, PrimitiveArray,
    StringViewArray,
};
use arrow_buffer::ArrowNativeType;
use arrow_schema::{DataType, TimeUnit};
use chrono::{DateTime, TimeDelta, Utc};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyArray;
use webcare::{Channel, Error};

use crate::convert::guard;

/// One optional instant per row.
pub type Instants = Vec<Option<DateTime<Utc>>>;

/// The chunks of one Arrow argument: a `pyarrow.Array`, `ChunkedArray`, polars `Series` or
/// any object with `__arrow_c_array__` or `__arrow_c_stream__`.
#[derive(Debug)]
pub struct Column {
    /// The argument's name, for errors.
    pub name: &'static str,
    /// Its data type.
    pub data_type: DataType,
    /// Its chunks, in order.
    pub chunks: Vec<ArrayRef>,
}

impl Column {
    /// Imports `value` through the Arrow PyCapsule interface (no copy of the data).
    ///
    /// An object that is not an Arrow array raises `InvalidInputError` (`invalid_option`)
    /// naming the argument and the Python type found.
    pub fn read(name: &'static str, value: &Bound<'_, PyAny>) -> PyResult<Column> {
        let py = value.py();
        let array = match value.extract::<AnyArray>() {
            Ok(array) => array,
            Err(err) => {
                return guard(py, || {
                    Err(not_arrow(
                        name,
                        value,
                        &err,
                        "must be an Arrow array (an object with __arrow_c_array__ or \
                         __arrow_c_stream__, such as pyarrow.Array or polars.Series)",
                    ))
                })
            }
        };
        let chunked = array.into_chunked_array()?;
        let data_type = chunked.data_type().clone();
        let (chunks, _) = chunked.into_inner();
        Ok(Column {
            name,
            data_type,
            chunks,
        })
    }

    /// Reads an optional argument.
    pub fn read_opt(
        name: &'static str,
        value: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Column>> {
        value.map(|v| Column::read(name, v)).transpose()
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }

    /// The error for a column of the wrong type.
    pub fn wrong_type(&self, expected: &'static str) -> Error {
        wrong_type(self.name, &self.data_type, expected)
    }

    /// Strings of a `utf8`, `large_utf8` or `utf8_view` column, validated as UTF-8.
    ///
    /// # Errors
    ///
    /// `invalid_option` for another type or a malformed array; `invalid_encoding` (with the
    /// byte offset into the row's text) for a value that is not UTF-8.
    pub fn strs(&self) -> Result<Vec<Option<&str>>, Error> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            match chunk.data_type() {
                DataType::Utf8 => offset_strs(self.name, chunk.as_string::<i32>(), &mut out)?,
                DataType::LargeUtf8 => offset_strs(self.name, chunk.as_string::<i64>(), &mut out)?,
                DataType::Utf8View => view_strs(self.name, chunk.as_string_view(), &mut out)?,
                _ => return Err(self.wrong_type("must be a utf8, large_utf8 or utf8_view array")),
            }
        }
        Ok(out)
    }

    /// Channels of a string column of channel names (`x`, `email`, `custom:<name>`).
    ///
    /// # Errors
    ///
    /// Those of [`Column::strs`], and `unknown_channel` for a name that is not a channel.
    pub fn channels(&self) -> Result<Vec<Option<Channel>>, Error> {
        self.strs()?
            .into_iter()
            .map(|s| s.map(str::parse).transpose())
            .collect()
    }

    /// Non-negative counts of an integer column (any width, signed or unsigned).
    ///
    /// # Errors
    ///
    /// `invalid_option` for another type or a negative value.
    pub fn counts(&self) -> Result<Vec<Option<u64>>, Error> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            let chunk = chunk.as_ref();
            match chunk.data_type() {
                DataType::UInt8 => unsigned::<UInt8Type>(chunk, &mut out),
                DataType::UInt16 => unsigned::<UInt16Type>(chunk, &mut out),
                DataType::UInt32 => unsigned::<UInt32Type>(chunk, &mut out),
                DataType::UInt64 => unsigned::<UInt64Type>(chunk, &mut out),
                DataType::Int8 => signed::<Int8Type>(self.name, chunk, &mut out)?,
                DataType::Int16 => signed::<Int16Type>(self.name, chunk, &mut out)?,
                DataType::Int32 => signed::<Int32Type>(self.name, chunk, &mut out)?,
                DataType::Int64 => signed::<Int64Type>(self.name, chunk, &mut out)?,
                _ => return Err(self.wrong_type("must be an integer array")),
            }
        }
        Ok(out)
    }

    /// Values of a boolean column.
    ///
    /// # Errors
    ///
    /// `invalid_option` for another type.
    pub fn flags(&self) -> Result<Vec<Option<bool>>, Error> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            let Some(values) = chunk.as_boolean_opt() else {
                return Err(self.wrong_type("must be a boolean array"));
            };
            out.extend(values.iter());
        }
        Ok(out)
    }

    /// Instants of a timestamp column with a time zone, and its unit.
    ///
    /// # Errors
    ///
    /// `naive_datetime` for a timestamp column without a time zone (it does not say which
    /// instants it means); `invalid_option` for another type; `instant_out_of_range` for a
    /// value chrono cannot hold.
    pub fn instants(&self) -> Result<(Instants, TimeUnit), Error> {
        let unit = match &self.data_type {
            DataType::Timestamp(unit, Some(_)) => *unit,
            DataType::Timestamp(unit, None) => {
                return Err(Error::NaiveDatetime {
                    value: format!(
                        "{}: a timestamp[{}] array without a time zone",
                        self.name,
                        unit_code(*unit)
                    ),
                })
            }
            _ => {
                return Err(self.wrong_type("must be a timestamp array with a time zone"));
            }
        };
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            let chunk = chunk.as_ref();
            match unit {
                TimeUnit::Second => ticks::<TimestampSecondType>(chunk, &mut out),
                TimeUnit::Millisecond => ticks::<TimestampMillisecondType>(chunk, &mut out),
                TimeUnit::Microsecond => ticks::<TimestampMicrosecondType>(chunk, &mut out),
                TimeUnit::Nanosecond => ticks::<TimestampNanosecondType>(chunk, &mut out),
            }
            .ok_or_else(|| self.wrong_type("must have one timestamp type in every chunk"))?;
        }
        let values = out
            .into_iter()
            .map(|v| v.map(|v| instant_of(unit, v)).transpose())
            .collect::<Result<_, _>>()?;
        Ok((values, unit))
    }

    /// Durations of a duration column, and its unit.
    ///
    /// # Errors
    ///
    /// `invalid_option` for another type or a value out of chrono's range.
    pub fn durations(&self) -> Result<(Vec<Option<TimeDelta>>, TimeUnit), Error> {
        let DataType::Duration(unit) = self.data_type else {
            return Err(self.wrong_type("must be a duration array"));
        };
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            let chunk = chunk.as_ref();
            match unit {
                TimeUnit::Second => ticks::<DurationSecondType>(chunk, &mut out),
                TimeUnit::Millisecond => ticks::<DurationMillisecondType>(chunk, &mut out),
                TimeUnit::Microsecond => ticks::<DurationMicrosecondType>(chunk, &mut out),
                TimeUnit::Nanosecond => ticks::<DurationNanosecondType>(chunk, &mut out),
            }
            .ok_or_else(|| self.wrong_type("must have one duration type in every chunk"))?;
        }
        let values = out
            .into_iter()
            .map(|v| v.map(|v| duration_of(self.name, unit, v)).transpose())
            .collect::<Result<_, _>>()?;
        Ok((values, unit))
    }
}

/// `invalid_option` for an argument that did not import as Arrow: names the argument, the
/// Python type found and why the import failed.
pub fn not_arrow(
    name: &'static str,
    value: &Bound<'_, PyAny>,
    err: &PyErr,
    reason: &'static str,
) -> Error {
    let found = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Error::InvalidOption {
        option: name,
        value: format!("{found} ({err})"),
        reason,
    }
}

/// `invalid_option` naming the argument, the Arrow type found and what it must be.
pub fn wrong_type(name: &'static str, found: &DataType, expected: &'static str) -> Error {
    Error::InvalidOption {
        option: name,
        value: found.to_string(),
        reason: expected,
    }
}

/// `batch_length_mismatch` unless the two lengths agree.
pub fn same_length(left: usize, right: usize) -> Result<(), Error> {
    if left == right {
        Ok(())
    } else {
        Err(Error::BatchLengthMismatch { left, right })
    }
}

/// Arrow's short name of a unit, as in `timestamp[us]`.
pub fn unit_code(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Second => "s",
        TimeUnit::Millisecond => "ms",
        TimeUnit::Microsecond => "us",
        TimeUnit::Nanosecond => "ns",
    }
}

/// The instant `value` ticks of `unit` after the Unix epoch.
pub fn instant_of(unit: TimeUnit, value: i64) -> Result<DateTime<Utc>, Error> {
    match unit {
        TimeUnit::Second => DateTime::from_timestamp(value, 0),
        TimeUnit::Millisecond => DateTime::from_timestamp_millis(value),
        TimeUnit::Microsecond => DateTime::from_timestamp_micros(value),
        TimeUnit::Nanosecond => Some(DateTime::from_timestamp_nanos(value)),
    }
    .ok_or_else(|| Error::InstantOutOfRange {
        value: format!("{value} as timestamp[{}]", unit_code(unit)),
    })
}

/// The duration of `value` ticks of `unit`.
pub fn duration_of(name: &'static str, unit: TimeUnit, value: i64) -> Result<TimeDelta, Error> {
    match unit {
        TimeUnit::Second => TimeDelta::try_seconds(value),
        TimeUnit::Millisecond => TimeDelta::try_milliseconds(value),
        TimeUnit::Microsecond => Some(TimeDelta::microseconds(value)),
        TimeUnit::Nanosecond => Some(TimeDelta::nanoseconds(value)),
    }
    .ok_or_else(|| Error::InvalidOption {
        option: name,
        value: format!("{value} as duration[{}]", unit_code(unit)),
        reason: "out of range",
    })
}

/// Ticks of `unit` in an instant, or `instant_out_of_range` when they overflow `i64`.
pub fn ticks_of_instant(unit: TimeUnit, t: DateTime<Utc>) -> Result<i64, Error> {
    match unit {
        TimeUnit::Second => Some(t.timestamp()),
        TimeUnit::Millisecond => Some(t.timestamp_millis()),
        TimeUnit::Microsecond => Some(t.timestamp_micros()),
        TimeUnit::Nanosecond => t.timestamp_nanos_opt(),
    }
    .ok_or_else(|| Error::InstantOutOfRange {
        value: format!(
            "{} as timestamp[{}]",
            webcare::format_instant(t),
            unit_code(unit)
        ),
    })
}

/// Ticks of `unit` in a duration, or `instant_out_of_range` when they overflow `i64`.
pub fn ticks_of_duration(unit: TimeUnit, d: TimeDelta) -> Result<i64, Error> {
    match unit {
        TimeUnit::Second => Some(d.num_seconds()),
        TimeUnit::Millisecond => Some(d.num_milliseconds()),
        TimeUnit::Microsecond => d.num_microseconds(),
        TimeUnit::Nanosecond => d.num_nanoseconds(),
    }
    .ok_or_else(|| Error::InstantOutOfRange {
        value: format!("{d} as duration[{}]", unit_code(unit)),
    })
}

fn malformed(name: &'static str, what: &str) -> Error {
    Error::InvalidOption {
        option: name,
        value: what.to_owned(),
        reason: "malformed Arrow array",
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to() as u64,
    })
}

fn offset_strs<'a, O: OffsetSizeTrait>(
    name: &'static str,
    array: &'a GenericStringArray<O>,
    out: &mut Vec<Option<&'a str>>,
) -> Result<(), Error> {
    let offsets = array.value_offsets();
    let values = array.values().as_slice();
    let nulls = array.logical_nulls();
    // Validate the values the array spans once; a row is then a slice of it, valid when
    // both its ends fall on character boundaries. Otherwise (a value that is not UTF-8, or
    // invalid bytes under a null) the row is validated alone, which finds the bad byte.
    let base = offsets.first().map_or(0, |o| o.as_usize());
    let whole = offsets
        .last()
        .and_then(|last| values.get(base..last.as_usize()))
        .and_then(|bytes| std::str::from_utf8(bytes).ok());
    for i in 0..array.len() {
        if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
            out.push(None);
            continue;
        }
        let (Some(start), Some(end)) = (offsets.get(i), offsets.get(i + 1)) else {
            return Err(malformed(name, "offsets shorter than the array"));
        };
        let (start, end) = (start.as_usize(), end.as_usize());
        let bytes = values
            .get(start..end)
            .ok_or_else(|| malformed(name, "offsets outside the value buffer"))?;
        let text = whole.and_then(|w| w.get(start.checked_sub(base)?..end.checked_sub(base)?));
        out.push(Some(match text {
            Some(text) => text,
            None => utf8(bytes)?,
        }));
    }
    Ok(())
}

fn view_strs<'a>(
    name: &'static str,
    array: &'a StringViewArray,
    out: &mut Vec<Option<&'a str>>,
) -> Result<(), Error> {
    // A view is 16 bytes: length (u32), then either the string itself (up to 12 bytes) or
    // a 4-byte prefix, the buffer index (u32) and the offset into that buffer (u32).
    let views = array.views().inner().as_slice();
    let buffers = array.data_buffers();
    let nulls = array.logical_nulls();
    for (i, view) in array.views().iter().enumerate() {
        if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
            out.push(None);
            continue;
        }
        let len = *view as u32 as usize;
        let bytes = if len <= 12 {
            views.get(16 * i + 4..16 * i + 4 + len)
        } else {
            let index = (*view >> 64) as u32 as usize;
            let offset = (*view >> 96) as u32 as usize;
            buffers
                .get(index)
                .and_then(|b| b.as_slice().get(offset..offset + len))
        }
        .ok_or_else(|| malformed(name, "a view outside its buffers"))?;
        out.push(Some(utf8(bytes)?));
    }
    Ok(())
}

fn unsigned<T>(chunk: &dyn Array, out: &mut Vec<Option<u64>>)
where
    T: ArrowPrimitiveType,
    T::Native: Into<u64>,
{
    if let Some(values) = chunk.as_primitive_opt::<T>() {
        out.extend(values.iter().map(|v| v.map(Into::into)));
    }
}

fn signed<T>(name: &'static str, chunk: &dyn Array, out: &mut Vec<Option<u64>>) -> Result<(), Error>
where
    T: ArrowPrimitiveType,
    T::Native: Into<i64>,
{
    let Some(values) = chunk.as_primitive_opt::<T>() else {
        return Ok(());
    };
    for v in values.iter() {
        out.push(match v.map(Into::into) {
            None => None,
            Some(v) => Some(u64::try_from(v).map_err(|_| Error::InvalidOption {
                option: name,
                value: v.to_string(),
                reason: "must be 0 or more",
            })?),
        });
    }
    Ok(())
}

/// The raw `i64` values of a primitive chunk of type `T`; `None` when it is another type.
fn ticks<T>(chunk: &dyn Array, out: &mut Vec<Option<i64>>) -> Option<()>
where
    T: ArrowPrimitiveType<Native = i64>,
{
    let values: &PrimitiveArray<T> = chunk.as_primitive_opt::<T>()?;
    out.extend(values.iter());
    Some(())
}

impl Column {
    /// The column `name` of a table given as record batches, if it has one.
    pub fn of_batches(name: &'static str, batches: &[arrow_array::RecordBatch]) -> Option<Column> {
        let schema = batches.first()?.schema();
        let (index, field) = schema.column_with_name(name)?;
        Some(Column {
            name,
            data_type: field.data_type().clone(),
            chunks: batches
                .iter()
                .filter_map(|b| b.columns().get(index).cloned())
                .collect(),
        })
    }

    /// Channel lists of a `list<utf8>` (or `large_list`, any string type) column.
    ///
    /// # Errors
    ///
    /// `invalid_option` for another type or a malformed array, `unknown_channel`.
    pub fn channel_lists(&self) -> Result<Vec<Option<Vec<Channel>>>, Error> {
        let mut out = Vec::with_capacity(self.len());
        for chunk in &self.chunks {
            let (values, offsets): (ArrayRef, Vec<usize>) = match chunk.data_type() {
                DataType::List(_) => {
                    let list = chunk.as_list::<i32>();
                    let o = list.value_offsets().iter().map(|o| o.as_usize()).collect();
                    (list.values().clone(), o)
                }
                DataType::LargeList(_) => {
                    let list = chunk.as_list::<i64>();
                    let o = list.value_offsets().iter().map(|o| o.as_usize()).collect();
                    (list.values().clone(), o)
                }
                _ => return Err(self.wrong_type("must be a list array of channel names")),
            };
            let inner = Column {
                name: self.name,
                data_type: values.data_type().clone(),
                chunks: vec![values],
            };
            let channels = inner.channels()?;
            let nulls = chunk.logical_nulls();
            for i in 0..chunk.len() {
                if nulls.as_ref().is_some_and(|n| n.is_null(i)) {
                    out.push(None);
                    continue;
                }
                let range = offsets.get(i).copied().zip(offsets.get(i + 1).copied());
                let items = range
                    .and_then(|(a, b)| channels.get(a..b))
                    .ok_or_else(|| malformed(self.name, "list offsets outside the values"))?;
                out.push(Some(items.iter().flatten().cloned().collect()));
            }
        }
        Ok(out)
    }
}
