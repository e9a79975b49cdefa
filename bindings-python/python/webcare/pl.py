"""webcare in polars: expressions over the Arrow entry points of `webcare.arrow`.

Each function returns a polars ``Expr`` built with ``map_batches(..., is_elementwise=True)``
and a declared return type, so it runs in eager, lazy and streaming queries alike: polars
hands webcare whole batches of a column (through the Arrow C data interface, no Python
object per row) and webcare works on them in Rust without the GIL::

    import polars as pl
    import webcare, webcare.pl as wpl

    office = webcare.Calendar.from_json('{"timezone": "Europe/Amsterdam", ...}')
    (pl.scan_ndjson("inbox.jsonl")
       .with_columns(wpl.classify("text"),
                     wpl.business_elapsed(office, "created_at", "replied_at"))
       .collect(engine="streaming"))

- ``classify(text, classifier=None, *, channel=None, reach=None, promoted=None)``: a struct
  column ``classification`` with the fields of `webcare.arrow.classify`'s record batch
  (``label``, ``scores``, ``severity``, ``severity_level``, ``language``, ``signals`` with
  code-point offsets).
- ``business_elapsed(calendar, start, end)``: a duration column ``business_elapsed``.
- ``due(calendar, start, duration)``: a ``Datetime(tz="UTC")`` column ``due``.

Column arguments are column names or expressions. Timestamps must carry a time zone: a
naive ``Datetime`` raises `webcare.InvalidInputError` (code ``naive_datetime``). To read
RFC 3339 text with offsets use ``pl.col(c).str.to_datetime(time_zone="UTC")``. Nulls in give
nulls out. Errors: polars re-raises an exception from inside a query as the same class with
the query's context appended and without attributes such as ``.code``, so webcare's
messages end in ``(code <code>)`` here. Results are exactly the per-message API's (`Classifier.classify`,
`Calendar.elapsed`, `Calendar.add`); durations and instants are in microseconds by default,
the unit of ``datetime.timedelta``.

polars (and pyarrow, which `webcare.arrow` returns) are needed only by this module:
``import webcare`` does not import them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Callable, Literal, TypeVar

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from webcare import arrow
from webcare._webcare import Calendar, Classifier, WebcareError

__all__ = [
    "CLASSIFICATION",
    "business_elapsed",
    "classify",
    "due",
]


_SCORES = pl.Struct(
    {"complaint": pl.Float64, "question": pl.Float64, "praise": pl.Float64, "other": pl.Float64}
)
_SIGNAL = pl.Struct(
    {
        "kind": pl.String,
        "label": pl.String,
        "weight": pl.Float64,
        "start": pl.Int64,
        "end": pl.Int64,
    }
)
CLASSIFICATION: pl.Struct = pl.Struct(
    {
        "label": pl.String,
        "scores": _SCORES,
        "severity": pl.Float64,
        "severity_level": pl.String,
        "language": pl.String,
        "signals": pl.List(_SIGNAL),
    }
)
"""The polars type of `classify`'s column: the schema of `webcare.arrow.classify` as a struct."""

_DEFAULT_CLASSIFIER: Classifier | None = None
_T = TypeVar("_T")


def _coded(f: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """Calls `f`; a webcare error gets its code into its message. polars re-creates an
    exception raised inside a query as the same class with its own context appended, which
    drops attributes such as `.code`; the text keeps it."""
    try:
        return f(*args, **kwargs)
    except WebcareError as e:
        raise type(e)(f"{e} (code {e.code})") from e


def _column(c: str | pl.Expr) -> pl.Expr:
    return pl.col(c) if isinstance(c, str) else c


def _series(name: str, values: pa.Array | pa.ChunkedArray, dtype: pl.DataType) -> pl.Series:
    """A pyarrow result as a polars Series of the declared type."""
    s = pl.Series(name, values)
    return s if s.dtype == dtype else s.cast(dtype)


def _default_classifier() -> Classifier:
    global _DEFAULT_CLASSIFIER
    if _DEFAULT_CLASSIFIER is None:
        _DEFAULT_CLASSIFIER = Classifier()
    return _DEFAULT_CLASSIFIER


def classify(
    text: str | pl.Expr,
    classifier: Classifier | None = None,
    *,
    channel: str | pl.Expr | None = None,
    reach: str | pl.Expr | None = None,
    promoted: str | pl.Expr | None = None,
) -> pl.Expr:
    """Classifies a text column: a struct column named ``classification`` (type
    `CLASSIFICATION`), one row per text, null for a null text.

    `channel`, `reach` and `promoted` are optional columns (names or expressions) of channel
    names, follower counts and booleans that raise severity exactly as the keywords of
    `Classifier.classify` do; a null counts as not given. `classifier` defaults to
    `Classifier()`. Rename the result with ``.alias``; unnest it with
    ``.struct.unnest()``.
    """
    clf = classifier if classifier is not None else _default_classifier()
    context = {"channels": channel, "reach": reach, "promoted": promoted}
    given = {k: _column(v) for k, v in context.items() if v is not None}

    if not given:

        def one(s: pl.Series) -> pl.Series:
            batch = _coded(arrow.classify, s, clf)
            return _series(s.name, batch.to_struct_array(), CLASSIFICATION)

        expr = _column(text).map_batches(one, return_dtype=CLASSIFICATION, is_elementwise=True)
        return expr.alias("classification")

    names = list(given)

    def many(series: Sequence[pl.Series]) -> pl.Series:
        texts, rest = series[0], series[1:]
        batch = _coded(arrow.classify, texts, clf, **dict(zip(names, rest)))
        return _series(texts.name, batch.to_struct_array(), CLASSIFICATION)

    expr = pl.map_batches(
        [_column(text), *given.values()], many, return_dtype=CLASSIFICATION, is_elementwise=True
    )
    return expr.alias("classification")


def business_elapsed(
    calendar: Calendar,
    start: str | pl.Expr,
    end: str | pl.Expr,
    *,
    unit: Literal["ms", "us", "ns"] = "us",
) -> pl.Expr:
    """The open time of `calendar` between two timestamp columns: a ``Duration(unit)`` column
    named ``business_elapsed``, negative where `end` is before `start`, null where either is
    null. Each value equals `Calendar.elapsed(start, end)` (a ``timedelta``, microseconds:
    the default `unit`; ``"ns"`` keeps nanosecond inputs exact).
    """
    dtype = pl.Duration(unit)

    def f(series: Sequence[pl.Series]) -> pl.Series:
        starts, ends = series
        return _series(starts.name, _coded(arrow.business_elapsed, calendar, starts, ends), dtype)

    expr = pl.map_batches([_column(start), _column(end)], f, return_dtype=dtype, is_elementwise=True)
    return expr.alias("business_elapsed")


def due(
    calendar: Calendar,
    start: str | pl.Expr,
    duration: str | pl.Expr | timedelta,
    *,
    unit: Literal["ms", "us", "ns"] = "us",
) -> pl.Expr:
    """When a clock started at `start` falls due after `duration` of `calendar`'s open time:
    a ``Datetime(unit, "UTC")`` column named ``due``, null where an input is null. `duration`
    is a duration column (name or expression) or one ``timedelta`` for every row. Each value
    equals `Calendar.add(start, duration)`.
    """
    dtype = pl.Datetime(unit, "UTC")

    if isinstance(duration, timedelta):
        fixed = duration

        def one(s: pl.Series) -> pl.Series:
            return _series(s.name, _coded(arrow.due, calendar, s, fixed), dtype)

        expr = _column(start).map_batches(one, return_dtype=dtype, is_elementwise=True)
        return expr.alias("due")

    def f(series: Sequence[pl.Series]) -> pl.Series:
        starts, durations = series
        return _series(starts.name, _coded(arrow.due, calendar, starts, durations), dtype)

    expr = pl.map_batches([_column(start), _column(duration)], f, return_dtype=dtype, is_elementwise=True)
    return expr.alias("due")
