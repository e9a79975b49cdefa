"""webcare on Apache Spark: the Arrow entry points of `webcare.arrow` inside
``DataFrame.mapInArrow``, and the inbox report computed per partition and merged.

Every function works on a ``pyspark.sql.DataFrame`` and returns one; the work happens on the
executors, in Rust, on whole Arrow batches (no Python object per row). The classifier,
calendar, policy and triager travel to the executors as their JSON text, and each Python
worker rebuilds each of them once and keeps it (`_rebuilt`). The executors need the webcare
wheel installed (``pip install webcare`` on every node, or ``--py-files``/an archived venv;
see the README's "On a cluster").

- ``classify(df, text_col="text", classifier=None, *, channel_col=None, reach_col=None,
  promoted_col=None, columns=None)``: adds the columns of `webcare.arrow.classify`
  (``label``, ``scores``, ``severity``, ``severity_level``, ``language``, ``signals``; Spark
  schema `CLASSIFICATION`), or only the ones `columns` names.
- ``business_elapsed(df, calendar, start_col, end_col, out_col="business_elapsed")``: adds
  a ``DayTimeIntervalType`` column, `Calendar.elapsed` per row.
- ``due(df, calendar, start_col, duration, out_col="due")``: adds a ``TimestampType``
  column, `Calendar.add` per row; `duration` a column name or one ``timedelta``.
- ``report(df, policy=None, key="case_id", now=None, ...)``: the `webcare.Report` of all
  messages, made by one `Inbox` per partition (conversations kept whole by `key`) whose
  `ReportPart`s are merged on the driver (`ReportPart.merge_all`).

Timestamps are Spark ``TimestampType`` (instants; ``TimestampNTZType`` is naive and raises
`InvalidInputError` with code ``naive_datetime`` on the executors). An error on an executor
reaches the driver as Spark's ``PythonException`` whose text holds webcare's message and
``(code <code>)``. Spark keeps microseconds,
the unit of ``datetime``, so every value equals the per-message API's.

Speed: Spark moves rows between the JVM and the Python workers in Arrow batches of
``spark.sql.execution.arrow.maxRecordsPerBatch`` rows (default 10,000); webcare's work per
batch is small, so larger batches (50,000) spread Spark's per-batch cost over more rows. A
job that needs a few columns of the classification should ask only for those
(``columns=``): the JVM converts every column it reads back.

pyspark and pyarrow are needed only by this module: ``import webcare`` does not import them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import pyarrow as pa  # type: ignore[import-untyped]
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import to_arrow_schema
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DayTimeIntervalType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

from webcare import arrow
from webcare._webcare import Calendar, Classifier, Inbox, Policy, Report, ReportPart, WebcareError

__all__ = [
    "CLASSIFICATION",
    "MESSAGE",
    "business_elapsed",
    "classify",
    "due",
    "report",
]

CLASSIFICATION = StructType(
    [
        StructField("label", StringType()),
        StructField(
            "scores",
            StructType([StructField(k, DoubleType()) for k in ("complaint", "question", "praise", "other")]),
        ),
        StructField("severity", DoubleType()),
        StructField("severity_level", StringType()),
        StructField("language", StringType()),
        StructField(
            "signals",
            ArrayType(
                StructType(
                    [
                        StructField("kind", StringType()),
                        StructField("label", StringType()),
                        StructField("weight", DoubleType()),
                        StructField("start", LongType()),
                        StructField("end", LongType()),
                    ]
                )
            ),
        ),
    ]
)
"""The columns `classify` adds: the schema of `webcare.arrow.classify` in Spark types."""

MESSAGE = StructType(
    [
        StructField("id", StringType()),
        StructField("channel", StringType()),
        StructField("direction", StringType()),
        StructField("author", StringType()),
        StructField("sent_at", StringType()),
        StructField("text", StringType()),
        StructField("reply_to", StringType()),
        StructField("case_id", StringType()),
        StructField("reach", LongType()),
        StructField("promoted", BooleanType()),
    ]
)
"""A schema to read messages' JSON lines with (``spark.read.schema(MESSAGE).json(path)``):
the fields of `Message`'s JSON form, with ``sent_at`` kept as its RFC 3339 text (`report`
passes it on unchanged and Spark parses it where it needs an instant).
"""

_MESSAGE_FIELDS = [f.name for f in MESSAGE.fields]

# Objects rebuilt from their JSON on a Python worker, kept for the worker's life (Spark
# reuses Python workers across tasks: spark.python.worker.reuse).
_CACHE: dict[tuple[str, str | None], Any] = {}


def _rebuilt(kind: str, text: str | None) -> Any:
    """The classifier, calendar, policy or triager of this JSON text, built once per worker;
    `None` is the default (`Classifier()`, `Policy.preset()`)."""
    key = (kind, text)
    found = _CACHE.get(key)
    if found is None:
        if kind == "classifier":
            found = Classifier() if text is None else Classifier.from_json(text)
        elif kind == "calendar":
            found = Calendar.from_json(text or "")
        elif kind == "policy":
            found = Policy.preset() if text is None else Policy.from_json(text)
        else:
            raise ValueError(f"unknown kind {kind!r}")
        _CACHE[key] = found
    return found


def _arrow_schema(df: DataFrame, schema: StructType) -> pa.Schema:
    """The Arrow schema Spark expects from `mapInArrow` for `schema` in `df`'s session."""
    conf = df.sparkSession.conf
    tz = conf.get("spark.sql.session.timeZone")
    large = (conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false") or "false").lower() == "true"
    return to_arrow_schema(schema, timezone=tz, prefers_large_types=large)


def _added(df: DataFrame, fields: list[StructField]) -> StructType:
    """`df`'s schema with `fields` appended; a name already in `df` is an error."""
    taken = {f.name for f in df.schema.fields}
    clash = [f.name for f in fields if f.name in taken]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {clash}; rename them first")
    return StructType(list(df.schema.fields) + fields)


def _appending(
    df: DataFrame, fields: list[StructField], compute: Callable[[pa.RecordBatch], list[pa.Array]]
) -> DataFrame:
    """`df` with `fields` appended, computed per Arrow batch by `compute` (on executors)."""
    schema = _added(df, fields)
    target = _arrow_schema(df, schema)
    names = [f.name for f in schema.fields]

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            try:
                added = compute(batch)
            except WebcareError as e:
                # Spark passes the worker's traceback text to the driver, not the object.
                raise type(e)(f"{e} (code {e.code})") from e
            out = pa.RecordBatch.from_arrays(list(batch.columns) + list(added), names=names)
            yield out if out.schema.equals(target) else out.cast(target)

    return df.mapInArrow(run, schema)


def classify(
    df: DataFrame,
    text_col: str = "text",
    classifier: Classifier | None = None,
    *,
    channel_col: str | None = None,
    reach_col: str | None = None,
    promoted_col: str | None = None,
    columns: Sequence[str] | None = None,
) -> DataFrame:
    """`df` with the classification of `text_col` appended as the columns of `CLASSIFICATION`
    (``label``, ``scores``, ``severity``, ``severity_level``, ``language``, ``signals``,
    signal offsets in code points), each row exactly `Classifier.classify`'s. A null text
    gives nulls.

    `channel_col`, `reach_col` and `promoted_col` name optional columns of channel names,
    follower counts and booleans that raise severity as `Classifier.classify`'s keywords
    do. `classifier` (default `Classifier()`) travels to the executors as its JSON.
    `columns` keeps only the named columns of `CLASSIFICATION` (in its order): the JVM then
    reads back only those, which matters for ``signals``, the costliest to convert.
    """
    fields = list(CLASSIFICATION.fields)
    if columns is not None:
        wanted = [columns] if isinstance(columns, str) else list(columns)
        unknown = sorted(set(wanted) - set(CLASSIFICATION.names))
        if unknown or not wanted:
            raise ValueError(f"columns must name some of {CLASSIFICATION.names}; got {wanted}")
        fields = [f for f in fields if f.name in wanted]
    keep = [CLASSIFICATION.names.index(f.name) for f in fields]
    config = classifier.to_json() if classifier is not None else None
    context = {"channels": channel_col, "reach": reach_col, "promoted": promoted_col}
    context_cols = {k: v for k, v in context.items() if v is not None}

    def compute(batch: pa.RecordBatch) -> list[pa.Array]:
        clf = _rebuilt("classifier", config)
        kwargs = {k: batch.column(v) for k, v in context_cols.items()}
        result = arrow.classify(batch.column(text_col), clf, **kwargs)
        return [result.column(i) for i in keep]

    return _appending(df, fields, compute)


def business_elapsed(
    df: DataFrame, calendar: Calendar, start_col: str, end_col: str, out_col: str = "business_elapsed"
) -> DataFrame:
    """`df` with `out_col` appended: the open time of `calendar` from `start_col` to `end_col`
    (``TimestampType`` columns) as a ``DayTimeIntervalType``, each row exactly
    `Calendar.elapsed(start, end)`; null where either is null.
    """
    text = calendar.to_json()

    def compute(batch: pa.RecordBatch) -> list[pa.Array]:
        cal = _rebuilt("calendar", text)
        return [arrow.business_elapsed(cal, batch.column(start_col), batch.column(end_col))]

    return _appending(df, [StructField(out_col, DayTimeIntervalType())], compute)


def due(
    df: DataFrame, calendar: Calendar, start_col: str, duration: str | timedelta, out_col: str = "due"
) -> DataFrame:
    """`df` with `out_col` appended: when a clock started at `start_col` (``TimestampType``)
    falls due after `duration` of `calendar`'s open time, each row exactly
    `Calendar.add(start, duration)`. `duration` is a ``DayTimeIntervalType`` column name or
    one ``timedelta`` for every row.
    """
    text = calendar.to_json()

    def compute(batch: pa.RecordBatch) -> list[pa.Array]:
        cal = _rebuilt("calendar", text)
        durations = duration if isinstance(duration, timedelta) else batch.column(duration)
        return [arrow.due(cal, batch.column(start_col), durations)]

    return _appending(df, [StructField(out_col, TimestampType())], compute)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# How report() writes a TimestampType sent_at into the messages' JSON: RFC 3339 with
# microseconds and the offset (Z in UTC).
_TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"


def _instant(sent_at: Column, is_text: bool) -> Column:
    return sent_at.cast(TimestampType()) if is_text else sent_at


def _jsonl(column: pa.Array | pa.ChunkedArray) -> bytes:
    """The bytes of a string column whose every value ends in a newline: JSON lines, read
    straight from the column's data buffer (one copy, no Python object per row)."""
    if isinstance(column, pa.ChunkedArray):
        return b"".join(_jsonl(c) for c in column.chunks)
    if len(column) == 0:
        return b""
    wide = pa.types.is_large_string(column.type)
    if not (wide or pa.types.is_string(column.type)):
        column = column.cast(pa.large_string())
        wide = True
    offsets = pa.Array.from_buffers(
        pa.int64() if wide else pa.int32(), len(column) + 1, [None, column.buffers()[1]], offset=column.offset
    )
    first, last = offsets[0].as_py(), offsets[len(column)].as_py()
    data: bytes = column.buffers()[2][first:last].to_pybytes()
    return data


def report(
    df: DataFrame,
    policy: Policy | None = None,
    key: str = "case_id",
    now: datetime | None = None,
    *,
    classifier: Classifier | None = None,
    triager: str | None = None,
    repeat_window: timedelta | None = None,
    retention: timedelta | None = None,
    consistency_window: int | None = None,
    partitions: int | None = None,
) -> Report:
    """The report of every message of `df` at `now`, as `webcare.report`/`Inbox.report` gives
    it over the same messages, computed on the executors.

    `df` has the columns of `Message`'s JSON form (`MESSAGE`; others are ignored), with
    ``sent_at`` as RFC 3339 text or ``TimestampType``. Spark repartitions it by `key` (so a
    conversation's messages sit in one partition; default: ``spark.sql.shuffle.partitions``
    or `partitions`), sorts each partition by ``sent_at`` (ties in the DataFrame's order),
    runs one `Inbox` per partition over the partition's Arrow batches (JSON lines made by
    Spark, parsed in Rust by `Inbox.push_jsonl`) and emits its `ReportPart` as JSON; the
    driver merges the parts and finishes the report. `now` defaults to the latest
    ``sent_at`` (computed by Spark first). `policy` (default the preset), `classifier` and
    the other `Inbox` options travel as JSON or plain values.

    On the sample inbox the result equals `webcare.report` over the same messages in time
    order exactly (tested). What can differ on large data (see `ReportPart`): consistency
    once a partition holds more company answers than one consistency window (answers to
    one question in different partitions' windows are not compared), the conflict examples
    kept, means of fractional seconds (summed in merge order), and contacts: a customer's
    conversations in different partitions do not see each other, so triage's repeat-contact
    reason (and a priority-dependent SLA target) can differ. Handle links
    (`Inbox.link`) are not supported here.
    """
    fields = [c for c in _MESSAGE_FIELDS if c in df.columns]
    if "sent_at" not in fields or key not in df.columns:
        raise ValueError(f"report needs the columns sent_at and {key!r}; the DataFrame has {df.columns}")
    is_text = isinstance(df.schema["sent_at"].dataType, StringType)
    instant = _instant(F.col("sent_at"), is_text)
    if now is None:
        latest = df.select(F.max(F.unix_micros(instant)).alias("m")).first()
        micros = None if latest is None else latest["m"]
        if micros is None:
            raise ValueError("report needs at least one message, or `now`")
        now = _EPOCH + timedelta(microseconds=micros)
    elif now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    at = now.astimezone(timezone.utc).isoformat()

    policy_json = policy.to_json() if policy is not None else None
    classifier_json = classifier.to_json() if classifier is not None else None
    options: dict[str, Any] = {
        "triager": triager,
        "repeat_window": repeat_window,
        "retention": retention,
        "consistency_window": consistency_window,
    }

    line = F.concat(F.to_json(F.struct(*fields), {"timestampFormat": _TIMESTAMP_FORMAT}), F.lit("\n"))
    ordered = df.withColumn("__webcare_seq", F.monotonically_increasing_id())
    ordered = ordered.repartition(partitions, key) if partitions else ordered.repartition(key)
    ordered = ordered.sortWithinPartitions(instant, "__webcare_seq").select(line.alias("line"))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        inbox = Inbox(
            policy=_rebuilt("policy", policy_json),
            classifier=_rebuilt("classifier", classifier_json),
            **options,
        )
        pushed = 0
        for batch in batches:
            if batch.num_rows:
                pushed += inbox.push_jsonl(_jsonl(batch.column(0)))
        if pushed:
            ctx = TaskContext.get()
            part = inbox.report_part(datetime.fromisoformat(at)).to_json()
            yield pa.record_batch({"partition": [ctx.partitionId() if ctx else 0], "part": [part]})

    rows = ordered.mapInArrow(run, "partition long, part string").collect()
    parts = [r["part"] for r in sorted(rows, key=lambda r: r["partition"])]
    if not parts:
        return Inbox(policy=policy, classifier=classifier, **options).report(now)
    return ReportPart.merge_all(parts).finish()
