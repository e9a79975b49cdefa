//! `webcare.arrow.classify`: a column of texts in, a record batch of classifications out.

use std::sync::{Arc, OnceLock};

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Float64Array, Int64Array, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3_arrow::PyRecordBatch;
use webcare::span::OffsetUnit;
use webcare::{Classification, Context, Error, Label};

use super::column::{same_length, Column};
use crate::classify::PyClassifier;
use crate::convert::guard;

/// The classifier used when none is given: core's default, built once per process.
pub fn default_classifier() -> &'static webcare::Classifier {
    static DEFAULT: OnceLock<webcare::Classifier> = OnceLock::new();
    DEFAULT.get_or_init(webcare::Classifier::default)
}

fn signal_fields() -> Fields {
    Fields::from(vec![
        Field::new("kind", DataType::Utf8, true),
        Field::new("label", DataType::Utf8, true),
        Field::new("weight", DataType::Float64, true),
        Field::new("start", DataType::Int64, true),
        Field::new("end", DataType::Int64, true),
    ])
}

fn score_fields() -> Fields {
    Label::ALL
        .iter()
        .map(|l| Field::new(l.code(), DataType::Float64, true))
        .collect()
}

fn signal_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(signal_fields()), true))
}

/// The schema of `classify`'s result.
pub fn schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("label", DataType::Utf8, true),
        Field::new("scores", DataType::Struct(score_fields()), true),
        Field::new("severity", DataType::Float64, true),
        Field::new("severity_level", DataType::Utf8, true),
        Field::new("language", DataType::Utf8, true),
        Field::new("signals", DataType::List(signal_item()), true),
    ]))
}

/// A null buffer for `valid`, or none when every row is valid.
pub fn nulls(valid: Vec<bool>) -> Option<NullBuffer> {
    let nulls = NullBuffer::from(valid);
    (nulls.null_count() > 0).then_some(nulls)
}

/// An Arrow error while assembling a result: a bug in webcare, reported as such.
pub fn internal(err: arrow_schema::ArrowError) -> Error {
    Error::Internal {
        message: format!("building an Arrow result: {err}"),
    }
}

/// The columns of one part of the rows, written while the part is classified.
struct Part {
    valid: Vec<bool>,
    label: StringBuilder,
    level: StringBuilder,
    language: StringBuilder,
    severity: Vec<f64>,
    scores: Vec<Vec<f64>>,
    offsets: Vec<i32>,
    kind: StringBuilder,
    signal_label: StringBuilder,
    weight: Vec<f64>,
    start: Vec<i64>,
    end: Vec<i64>,
    /// Set when the part has more signals than an `i32` list offset can count.
    overflow: bool,
}

impl Part {
    /// An empty part with room for `rows` rows (and a few signals each).
    fn new(rows: usize) -> Part {
        let signals = rows * 2;
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Part {
            valid: Vec::with_capacity(rows),
            label: StringBuilder::with_capacity(rows, rows * 9),
            level: StringBuilder::with_capacity(rows, rows * 8),
            language: StringBuilder::with_capacity(rows, rows * 2),
            severity: Vec::with_capacity(rows),
            scores: vec![Vec::with_capacity(rows); Label::ALL.len()],
            offsets,
            kind: StringBuilder::with_capacity(signals, signals * 12),
            signal_label: StringBuilder::with_capacity(signals, signals * 9),
            weight: Vec::with_capacity(signals),
            start: Vec::with_capacity(signals),
            end: Vec::with_capacity(signals),
            overflow: false,
        }
    }

    /// Appends one row; `None` is null in every column.
    fn push(&mut self, row: Option<&Classification>) {
        self.valid.push(row.is_some());
        match row {
            None => {
                self.label.append_null();
                self.level.append_null();
                self.language.append_null();
                self.severity.push(0.0);
                for column in &mut self.scores {
                    column.push(0.0);
                }
            }
            Some(c) => {
                self.label.append_value(c.label.code());
                self.level.append_value(c.severity.level.code());
                self.language.append_value(c.language.code());
                self.severity.push(c.severity.score);
                for (column, l) in self.scores.iter_mut().zip(Label::ALL) {
                    column.push(c.scores.get(l));
                }
                for s in &c.signals {
                    self.kind.append_value(s.kind.code());
                    self.signal_label.append_value(s.label.code());
                    self.weight.push(s.weight);
                    self.start.push(s.span.start as i64);
                    self.end.push(s.span.end as i64);
                }
            }
        }
        let count = i32::try_from(self.weight.len()).unwrap_or_else(|_| {
            self.overflow = true;
            i32::MAX
        });
        self.offsets.push(count);
    }

    /// The part as a record batch of [`schema`].
    fn finish(mut self) -> Result<RecordBatch, Error> {
        if self.overflow {
            return Err(Error::InvalidOption {
                option: "texts",
                value: format!("{} signals", self.weight.len()),
                reason: "too many signals for one Arrow list array (at most 2^31 - 1)",
            });
        }
        let nulls = nulls(self.valid);
        let scores = StructArray::try_new(
            score_fields(),
            self.scores
                .into_iter()
                .map(|v| Arc::new(Float64Array::from(v)) as ArrayRef)
                .collect(),
            nulls.clone(),
        )
        .map_err(internal)?;
        let signals = StructArray::try_new(
            signal_fields(),
            vec![
                Arc::new(self.kind.finish()),
                Arc::new(self.signal_label.finish()),
                Arc::new(Float64Array::from(self.weight)),
                Arc::new(Int64Array::from(self.start)),
                Arc::new(Int64Array::from(self.end)),
            ],
            None,
        )
        .map_err(internal)?;
        let signals = ListArray::try_new(
            signal_item(),
            OffsetBuffer::new(self.offsets.into()),
            Arc::new(signals),
            nulls.clone(),
        )
        .map_err(internal)?;
        let severity = Float64Array::try_new(self.severity.into(), nulls).map_err(internal)?;
        RecordBatch::try_new(
            schema(),
            vec![
                Arc::new(self.label.finish()),
                Arc::new(scores),
                Arc::new(severity),
                Arc::new(self.level.finish()),
                Arc::new(self.language.finish()),
                Arc::new(signals),
            ],
        )
        .map_err(internal)
    }
}

/// The parts' rows, in order, as one record batch of [`schema`].
fn concat(parts: Vec<Part>) -> Result<RecordBatch, Error> {
    let signals: usize = parts.iter().map(|p| p.weight.len()).sum();
    if i32::try_from(signals).is_err() {
        return Err(Error::InvalidOption {
            option: "texts",
            value: format!("{signals} signals"),
            reason: "too many signals for one Arrow list array (at most 2^31 - 1)",
        });
    }
    let mut batches = parts
        .into_iter()
        .map(Part::finish)
        .collect::<Result<Vec<_>, _>>()?;
    match batches.len() {
        0 => Part::new(0).finish(),
        1 => Ok(batches.swap_remove(0)),
        _ => arrow_select::concat::concat_batches(&schema(), &batches).map_err(internal),
    }
}

/// Classifies every text of an Arrow string column on all cores, with the GIL released,
/// and returns a `pyarrow.RecordBatch` with one row per text.
///
/// `texts` is any Arrow array or chunked array of `utf8`, `large_utf8` or `utf8_view` (a
/// `pyarrow.Array`, `pyarrow.ChunkedArray`, polars `Series`, or any object with
/// `__arrow_c_array__` / `__arrow_c_stream__`); a chunked input gives one batch. The
/// optional context columns have one value per text, as `Classifier.classify`'s keywords:
/// `channels` (channel names), `reach` (follower counts, any integer type, 0 or more) and
/// `promoted` (booleans); a null counts as not given. `classifier` defaults to
/// `Classifier()`.
///
/// Columns: `label` (utf8), `scores` (struct of float64 `complaint`, `question`, `praise`,
/// `other`), `severity` (float64), `severity_level` (utf8), `language` (utf8), `signals`
/// (list of struct `kind`, `label` (utf8), `weight` (float64), `start`, `end` (int64)),
/// with `start`/`end` as code-point offsets into the text, as `Signal`'s. A null text gives
/// a row that is null in every column.
///
/// Errors (`InvalidInputError`): `invalid_option` for an argument that is not an Arrow
/// array or has the wrong type (naming both), `batch_length_mismatch` for a context column
/// of another length, `invalid_encoding` for a value that is not UTF-8, `unknown_channel`,
/// `invalid_option` for a negative reach.
#[pyfunction(name = "arrow_classify")]
#[pyo3(signature = (texts, classifier = None, *, channels = None, reach = None, promoted = None))]
pub fn classify<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    classifier: Option<&Bound<'py, PyClassifier>>,
    channels: Option<&Bound<'py, PyAny>>,
    reach: Option<&Bound<'py, PyAny>>,
    promoted: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let texts = Column::read("texts", texts)?;
    let channels = Column::read_opt("channels", channels)?;
    let reach = Column::read_opt("reach", reach)?;
    let promoted = Column::read_opt("promoted", promoted)?;
    let classifier = match classifier {
        Some(c) => &c.get().0,
        None => default_classifier(),
    };
    let batch = guard(py, || {
        py.detach(|| {
            let rows = texts.strs()?;
            for column in [&channels, &reach, &promoted].into_iter().flatten() {
                same_length(rows.len(), column.len())?;
            }
            let channels = channels.as_ref().map(Column::channels).transpose()?;
            let reach = reach.as_ref().map(Column::counts).transpose()?;
            let promoted = promoted.as_ref().map(Column::flags).transpose()?;
            let context = |i: usize| Context {
                channel: channels.as_ref().and_then(|c| c.get(i).cloned().flatten()),
                reach: reach.as_ref().and_then(|r| r.get(i).copied().flatten()),
                promoted: promoted
                    .as_ref()
                    .and_then(|p| p.get(i).copied().flatten())
                    .unwrap_or_default(),
            };
            let parts = classifier.classify_rows_into(
                &rows,
                context,
                OffsetUnit::CodePoint,
                Part::new,
                Part::push,
            );
            concat(parts)
        })
    })?;
    PyRecordBatch::new(batch).into_pyarrow(py)
}
