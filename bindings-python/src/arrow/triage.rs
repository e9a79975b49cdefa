//! `webcare.arrow.triage`: a record batch of messages in, a record batch of triages out.

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, Float64Array, ListArray, RecordBatch, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyRecordBatch;
use webcare::triage::{Triage, TriageRow};
use webcare::{Direction, Error, Message};

use super::classify::{default_classifier, internal, nulls};
use super::column::{not_arrow, Column};
use crate::classify::PyClassifier;
use crate::convert::{guard, instant};
use crate::triage::PyTriager;

fn reason_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, true),
        Field::new("points", DataType::Float64, true),
        Field::new("detail", DataType::Utf8, true),
    ])
}

fn advice_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, true),
    ])
}

fn item(fields: Fields) -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(fields), true))
}

/// The schema of `triage`'s result.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("priority", DataType::Utf8, true),
        Field::new("score", DataType::Float64, true),
        Field::new("reasons", DataType::List(item(reason_fields())), true),
        Field::new("advice", DataType::List(item(advice_fields())), true),
        Field::new("language", DataType::Utf8, true),
    ]))
}

fn offset(n: usize) -> Result<i32, Error> {
    i32::try_from(n).map_err(|_| Error::InvalidOption {
        option: "batch",
        value: format!("{n} list items"),
        reason: "too many for one Arrow list array (at most 2^31 - 1)",
    })
}

/// The rows as a record batch of [`schema`]; a `None` row is null in every column.
fn to_batch(rows: &[Option<Triage>]) -> Result<RecordBatch, Error> {
    let n = rows.len();
    let mut priority = StringBuilder::with_capacity(n, n * 6);
    let mut language = StringBuilder::with_capacity(n, n * 2);
    let mut score = Float64Builder::with_capacity(n);
    let (mut r_kind, mut r_detail, mut r_points) =
        (StringBuilder::new(), StringBuilder::new(), Vec::new());
    let (mut a_kind, mut a_text) = (StringBuilder::new(), StringBuilder::new());
    let (mut r_offsets, mut a_offsets) = (vec![0_i32], vec![0_i32]);
    let mut valid = Vec::with_capacity(n);
    let mut advice_count = 0;
    for row in rows {
        valid.push(row.is_some());
        match row {
            None => {
                priority.append_null();
                language.append_null();
                score.append_null();
            }
            Some(t) => {
                priority.append_value(t.priority.name());
                language.append_value(t.language.code());
                score.append_value(t.score);
                for r in &t.reasons {
                    r_kind.append_value(r.kind.name());
                    r_points.push(r.points);
                    r_detail.append_value(&r.detail);
                }
                for a in &t.advice {
                    a_kind.append_value(a.kind.name());
                    a_text.append_value(&a.text);
                }
                advice_count += t.advice.len();
            }
        }
        r_offsets.push(offset(r_points.len())?);
        a_offsets.push(offset(advice_count)?);
    }
    let nulls = nulls(valid);
    let reasons = StructArray::try_new(
        reason_fields(),
        vec![
            Arc::new(r_kind.finish()) as ArrayRef,
            Arc::new(Float64Array::from(r_points)),
            Arc::new(r_detail.finish()),
        ],
        None,
    )
    .map_err(internal)?;
    let advice = StructArray::try_new(
        advice_fields(),
        vec![
            Arc::new(a_kind.finish()) as ArrayRef,
            Arc::new(a_text.finish()),
        ],
        None,
    )
    .map_err(internal)?;
    let reasons = ListArray::try_new(
        item(reason_fields()),
        OffsetBuffer::new(r_offsets.into()),
        Arc::new(reasons),
        nulls.clone(),
    )
    .map_err(internal)?;
    let advice = ListArray::try_new(
        item(advice_fields()),
        OffsetBuffer::new(a_offsets.into()),
        Arc::new(advice),
        nulls,
    )
    .map_err(internal)?;
    RecordBatch::try_new(
        schema(),
        vec![
            Arc::new(priority.finish()),
            Arc::new(score.finish()),
            Arc::new(reasons),
            Arc::new(advice),
            Arc::new(language.finish()),
        ],
    )
    .map_err(internal)
}

/// A required column, or `invalid_option` naming it.
fn required(name: &'static str, batches: &[RecordBatch]) -> Result<Column, Error> {
    Column::of_batches(name, batches).ok_or(Error::InvalidOption {
        option: name,
        value: "missing".to_owned(),
        reason: "a required column of the batch",
    })
}

/// Row `i` of an optional column.
fn at<T: Clone>(column: &Option<Vec<Option<T>>>, i: usize) -> Option<T> {
    column.as_ref().and_then(|c| c.get(i).cloned().flatten())
}

/// Reads the rows of the table: a row with a null required field is `None`.
fn rows(batches: &[RecordBatch]) -> Result<Vec<Option<TriageRow>>, Error> {
    let get = |name| Column::of_batches(name, batches);
    let ids = required("id", batches)?;
    let ids = ids.strs()?;
    let channels = required("channel", batches)?.channels()?;
    let authors = required("author", batches)?;
    let authors = authors.strs()?;
    let (sent, _) = required("sent_at", batches)?.instants()?;
    let texts = required("text", batches)?;
    let texts = texts.strs()?;
    let directions = get("direction");
    let directions = directions.as_ref().map(Column::strs).transpose()?;
    let reply_to = get("reply_to");
    let reply_to = reply_to.as_ref().map(Column::strs).transpose()?;
    let case_id = get("case_id");
    let case_id = case_id.as_ref().map(Column::strs).transpose()?;
    let reach = get("reach").as_ref().map(Column::counts).transpose()?;
    let promoted = get("promoted").as_ref().map(Column::flags).transpose()?;
    let earlier = get("earlier_channels")
        .as_ref()
        .map(Column::channel_lists)
        .transpose()?;
    let since = get("unresolved_since")
        .as_ref()
        .map(Column::instants)
        .transpose()?
        .map(|(v, _)| v);
    let left = get("sla_left")
        .as_ref()
        .map(Column::durations)
        .transpose()?
        .map(|(v, _)| v);
    let target = get("sla_target")
        .as_ref()
        .map(Column::durations)
        .transpose()?
        .map(|(v, _)| v);
    let mut out = Vec::with_capacity(ids.len());
    for i in 0..ids.len() {
        let (Some(id), Some(channel), Some(author), Some(sent_at), Some(text)) = (
            ids.get(i).copied().flatten(),
            channels.get(i).cloned().flatten(),
            authors.get(i).copied().flatten(),
            sent.get(i).copied().flatten(),
            texts.get(i).copied().flatten(),
        ) else {
            out.push(None);
            continue;
        };
        let direction = match at(&directions, i) {
            Some(d) => d.parse()?,
            None => Direction::Inbound,
        };
        let message = Message {
            id: id.to_owned(),
            channel,
            direction,
            author: author.to_owned(),
            sent_at,
            text: text.to_owned(),
            reply_to: at(&reply_to, i).map(str::to_owned),
            case_id: at(&case_id, i).map(str::to_owned),
            reach: at(&reach, i),
            promoted: at(&promoted, i).unwrap_or_default(),
        };
        message.validate()?;
        let sla_left = match (at(&left, i), at(&target, i)) {
            (Some(l), Some(t)) => Some((l, t)),
            (None, None) => None,
            (l, _) => {
                return Err(Error::InvalidOption {
                    option: if l.is_some() {
                        "sla_target"
                    } else {
                        "sla_left"
                    },
                    value: format!("null in row {i}"),
                    reason: "sla_left and sla_target are given together",
                })
            }
        };
        out.push(Some(TriageRow {
            message,
            earlier_channels: at(&earlier, i).unwrap_or_default(),
            unresolved_since: at(&since, i),
            sla_left,
        }));
    }
    Ok(out)
}

/// Triages every message of an Arrow table on all cores, with the GIL released, and
/// returns a `pyarrow.RecordBatch` with one row per message: what `Triager.triage` gives
/// for each message with `Classifier.classify(text)` (no context) at `now`.
///
/// `batch` is a record batch, table or stream (`pyarrow.RecordBatch`, `pyarrow.Table`,
/// polars `DataFrame`, anything with `__arrow_c_array__` / `__arrow_c_stream__`) whose
/// columns are named as the message's JSON form: `id`, `channel` (a channel name),
/// `author`, `text` (strings), `sent_at` (timestamp with a time zone), and optionally
/// `direction` (`inbound`/`outbound`; without the column every row is inbound),
/// `reply_to`, `case_id` (strings), `reach` (integers, 0 or more), `promoted` (booleans;
/// null is false), plus triage's inputs `earlier_channels` (list of channel names),
/// `unresolved_since` (timestamp with a time zone), `sla_left` and `sla_target` (durations,
/// both or neither in a row). A row with a null `id`, `channel`, `author`, `sent_at` or
/// `text` gives a row that is null in every column. `triager` and `classifier` default to
/// `Triager()` and `Classifier()`; `now` is an aware `datetime`.
///
/// Columns: `priority` (utf8), `score` (float64), `reasons` (list of struct `kind`
/// (utf8), `points` (float64), `detail` (utf8)), `advice` (list of struct `kind`, `text`
/// (utf8)), `language` (utf8): the fields of `Triage.to_json`.
///
/// Errors (`InvalidInputError`): `invalid_option` for a missing column or a column of the
/// wrong type (naming both), `naive_datetime` for a timestamp column without a time zone,
/// `unknown_channel`, `unknown_direction`, `empty_field`, `invalid_encoding`.
#[pyfunction(name = "arrow_triage")]
#[pyo3(signature = (batch, triager = None, classifier = None, *, now))]
pub fn triage<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    triager: Option<&Bound<'py, PyTriager>>,
    classifier: Option<&Bound<'py, PyClassifier>>,
    now: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let now = instant(now)?;
    let input = match batch.extract::<AnyRecordBatch>() {
        Ok(input) => input,
        Err(err) => {
            return guard(py, || {
                Err(not_arrow(
                    "batch",
                    batch,
                    &err,
                    "must be an Arrow record batch or table (an object with \
                     __arrow_c_array__ or __arrow_c_stream__)",
                ))
            })
        }
    };
    let batches = input
        .into_reader()?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let default_triager;
    let triager = match triager {
        Some(t) => &t.get().0,
        None => {
            default_triager = webcare::Triager::default();
            &default_triager
        }
    };
    let classifier = match classifier {
        Some(c) => &c.get().0,
        None => default_classifier(),
    };
    let out = guard(py, || {
        py.detach(|| {
            let rows = rows(&batches)?;
            to_batch(&triager.triage_rows(classifier, &rows, now))
        })
    })?;
    PyRecordBatch::new(out).into_pyarrow(py)
}
