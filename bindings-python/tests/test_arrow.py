"""webcare.arrow: Arrow in, Arrow out. The Arrow paths give exactly the per-message API's
answers on the sample inbox, and cover units, zones, nulls, chunking, string layouts,
polars input, typed errors and the released GIL."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")

import webcare  # noqa: E402
from engines_sample import instant, messages, reply_pairs  # noqa: E402
from webcare import arrow  # noqa: E402

OFFICE = """{"timezone": "Europe/Amsterdam",
  "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
            "thu": ["09:00-17:00"], "fri": ["09:00-17:00"], "sun": ["01:00-04:00"]}}"""
UTC = timezone.utc


def reply_columns() -> tuple[list[datetime], list[datetime]]:
    """The sample's reply pairs as two columns: customer message instants and reply instants."""
    pairs = reply_pairs()
    return [start for start, _ in pairs], [end for _, end in pairs]


# --- classify ------------------------------------------------------------------------


def test_classify_equals_the_per_message_api_on_the_sample() -> None:
    texts = [m["text"] for m in messages()]
    classifier = webcare.Classifier()
    batch = arrow.classify(pa.array(texts))
    assert isinstance(batch, pa.RecordBatch)
    assert batch.num_rows == len(texts)
    expected = [classifier.classify(t).to_dict() for t in texts]
    assert batch.to_pylist() == expected
    # Some sample texts are not ASCII, so code points and UTF-8 bytes differ there.
    assert any(not t.isascii() and row["signals"] for t, row in zip(texts, expected))


def test_classify_with_context_columns_equals_the_per_message_api() -> None:
    sample = messages()
    classifier = webcare.Classifier()
    batch = arrow.classify(
        pa.array([m["text"] for m in sample]),
        classifier,
        channels=pa.array([m["channel"] for m in sample]),
        reach=pa.array([m.get("reach") for m in sample], pa.int64()),
        promoted=pa.array([m.get("promoted") for m in sample], pa.bool_()),
    )
    expected = [
        classifier.classify(
            m["text"], channel=m["channel"], reach=m.get("reach"), promoted=m.get("promoted", False)
        ).to_dict()
        for m in sample
    ]
    assert batch.to_pylist() == expected
    assert any(m.get("reach") for m in sample)


def test_classify_schema() -> None:
    batch = arrow.classify(pa.array(["Still waiting for my refund!!"]))
    score = pa.struct([(k, pa.float64()) for k in ("complaint", "question", "praise", "other")])
    signal = pa.struct(
        [
            ("kind", pa.string()),
            ("label", pa.string()),
            ("weight", pa.float64()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    )
    assert batch.schema.names == ["label", "scores", "severity", "severity_level", "language", "signals"]
    assert batch.schema.field("label").type == pa.string()
    assert batch.schema.field("scores").type == score
    assert batch.schema.field("severity").type == pa.float64()
    assert batch.schema.field("signals").type == pa.list_(signal)


def test_signal_offsets_are_code_points() -> None:
    text = "€€€ 😀 still waiting for my refund!! 😡"
    row = arrow.classify(pa.array([text])).to_pylist()[0]
    assert row["signals"]
    for s in row["signals"]:
        assert text[s["start"] : s["end"]].strip()
    assert row == webcare.Classifier().classify(text).to_dict()


def test_nulls_in_give_null_rows_out() -> None:
    batch = arrow.classify(pa.array(["Dank je wel!", None, "How do I change my delivery address?"]))
    rows = batch.to_pylist()
    assert rows[1] == {k: None for k in batch.schema.names}
    assert rows[0]["label"] == "praise"
    assert rows[2]["label"] == "question"
    for column in batch.columns:
        assert column.null_count == 1


def test_many_rows_with_nulls_keep_their_order() -> None:
    # Enough rows for the work to be cut into several parts; nulls fall inside every part.
    sample = [m["text"] for m in messages()]
    texts = [None if i % 7 == 3 else sample[i % len(sample)] for i in range(3 * len(sample))]
    classifier = webcare.Classifier()
    batch = arrow.classify(pa.array(texts), classifier)
    nulls = {k: None for k in batch.schema.names}
    expected = [nulls if t is None else classifier.classify(t).to_dict() for t in texts]
    assert batch.to_pylist() == expected


def test_empty_input() -> None:
    batch = arrow.classify(pa.array([], pa.string()))
    assert batch.num_rows == 0
    assert batch.schema.names[0] == "label"


@pytest.mark.parametrize("type_", ["string", "large_string", "string_view"])
def test_every_string_layout(type_: str) -> None:
    texts = ["Still no refund after 6 weeks", None, "x" * 40 + " thanks!", "kort"]
    batch = arrow.classify(pa.array(texts, getattr(pa, type_)()))
    expected = [None if t is None else webcare.Classifier().classify(t).to_dict() for t in texts]
    rows = batch.to_pylist()
    assert [None if r["label"] is None else r for r in rows] == expected


def test_sliced_and_chunked_input() -> None:
    texts = [m["text"] for m in messages()[:50]]
    whole = arrow.classify(pa.array(texts)).to_pylist()
    chunked = pa.chunked_array([pa.array(texts[:20]), pa.array([], pa.string()), pa.array(texts[20:])])
    assert arrow.classify(chunked).to_pylist() == whole
    assert arrow.classify(pa.array(texts).slice(5, 10)).to_pylist() == whole[5:15]
    assert arrow.classify(pa.chunked_array([], pa.string())).num_rows == 0


def test_polars_series_input() -> None:
    pl = pytest.importorskip("polars")
    texts = [m["text"] for m in messages()[:100]] + [None]
    series = pl.Series("text", texts)
    expected = arrow.classify(pa.array(texts)).to_pylist()
    assert arrow.classify(series).to_pylist() == expected
    reach = pl.Series("reach", [10] * 101, dtype=pl.UInt32)
    with_reach = arrow.classify(series, reach=reach).to_pylist()
    assert with_reach[0] == webcare.Classifier().classify(texts[0], reach=10).to_dict()


def test_wrong_types_and_lengths_are_typed_errors() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(pa.array([1, 2]))
    assert info.value.code == "invalid_option"
    assert info.value.option == "texts"
    assert "int64" in info.value.value.lower()
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(["a list", "is not Arrow"])
    assert info.value.code == "invalid_option"
    assert "list" in info.value.value
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(pa.array(["a", "b"]), reach=pa.array([1]))
    assert info.value.code == "batch_length_mismatch"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(pa.array(["a"]), reach=pa.array([-1]))
    assert info.value.code == "invalid_option"
    assert info.value.option == "reach"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(pa.array(["a"]), channels=pa.array(["telegraph"]))
    assert info.value.code == "unknown_channel"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(pa.array(["a"]), promoted=pa.array(["yes"]))
    assert info.value.option == "promoted"


def test_invalid_utf8_is_a_typed_error() -> None:
    data = b"fine" + b"ok \xff!"
    offsets = pa.array([0, 4, 9], pa.int32()).buffers()[1]
    array = pa.Array.from_buffers(pa.string(), 2, [None, offsets, pa.py_buffer(data)])
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.classify(array)
    assert info.value.code == "invalid_encoding"
    assert info.value.offset == 3


def test_classify_releases_the_gil() -> None:
    texts = pa.array(["Waarom is mijn pakket nog steeds niet bezorgd? Ik wacht al 3 weken! " * 8] * 20_000)
    took: list[float] = []

    def work() -> None:
        start = time.perf_counter()
        arrow.classify(texts)
        took.append(time.perf_counter() - start)

    worker = threading.Thread(target=work)
    worker.start()
    gaps = []
    last = time.perf_counter()
    while worker.is_alive():
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    # Holding the GIL for the whole batch would stall this loop for all of it.
    assert max(gaps) < took[0] / 2, (max(gaps), took[0])


# --- business_elapsed and due ---------------------------------------------------------


def ticks(values: Any, unit: str) -> list[int | None]:
    return values.cast(pa.int64()).to_pylist()  # type: ignore[no-any-return]


PER_UNIT = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": None}


def as_ticks(d: timedelta | datetime | None, unit: str) -> int | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        d = d - datetime(1970, 1, 1, tzinfo=UTC)
    micros = (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds
    per = PER_UNIT[unit]
    if per is None:
        return micros * 1_000
    assert micros % per == 0
    return micros // per


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
@pytest.mark.parametrize("zone", ["UTC", "Europe/Amsterdam", "+05:30"])
def test_business_elapsed_equals_the_per_message_api(unit: str, zone: str) -> None:
    calendar = webcare.Calendar.from_json(OFFICE)
    starts, ends = reply_columns()
    assert len(starts) > 500
    typ = pa.timestamp(unit, tz=zone)
    out = arrow.business_elapsed(calendar, pa.array(starts, typ), pa.array(ends, typ))
    assert out.type == pa.duration(unit)
    expected = [as_ticks(calendar.elapsed(a, b), unit) for a, b in zip(starts, ends)]
    assert ticks(out, unit) == expected
    # The sample week holds the spring-forward night; some pairs span it.
    dst = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert any(a < dst < b for a, b in zip(starts, ends))


def test_business_elapsed_takes_the_finer_unit_and_nulls() -> None:
    calendar = webcare.Calendar.from_json(OFFICE)
    a = datetime(2026, 3, 27, 16, 59, 59, tzinfo=UTC)
    b = datetime(2026, 3, 30, 8, 0, 0, 250_000, tzinfo=UTC)
    starts = pa.array([a, None, a], pa.timestamp("s", tz="UTC"))
    ends = pa.array([b, b, None], pa.timestamp("ms", tz="Europe/Amsterdam"))
    out = arrow.business_elapsed(calendar, starts, ends)
    assert out.type == pa.duration("ms")
    assert out.to_pylist() == [calendar.elapsed(a, b), None, None]
    empty = pa.array([], pa.timestamp("us", tz="UTC"))
    assert len(arrow.business_elapsed(calendar, empty, empty)) == 0


def test_due_equals_the_per_message_api() -> None:
    calendar = webcare.Calendar.from_json(OFFICE)
    starts, ends = reply_columns()
    durations = [timedelta(minutes=37 * (i % 17), seconds=i % 60) for i in range(len(starts))]
    for unit in ["s", "ms", "us", "ns"]:
        out = arrow.due(calendar, pa.array(starts, pa.timestamp(unit, tz="Europe/Amsterdam")), pa.array(durations, pa.duration(unit)))
        assert out.type == pa.timestamp(unit, tz="UTC")
        assert ticks(out, unit) == [as_ticks(calendar.add(s, d), unit) for s, d in zip(starts, durations)]
    one = arrow.due(calendar, pa.array(starts, pa.timestamp("s", tz="UTC")), timedelta(hours=4))
    assert one.type == pa.timestamp("us", tz="UTC")
    assert one.to_pylist() == [calendar.add(s, timedelta(hours=4)) for s in starts]


def test_due_nulls_and_chunks() -> None:
    calendar = webcare.Calendar.from_json(OFFICE)
    t = datetime(2026, 3, 27, 16, 0, tzinfo=UTC)
    starts = pa.chunked_array([pa.array([t, None], pa.timestamp("us", tz="UTC")), pa.array([t], pa.timestamp("us", tz="UTC"))])
    durations = pa.array([timedelta(hours=2), timedelta(hours=1), None], pa.duration("us"))
    assert arrow.due(calendar, starts, durations).to_pylist() == [calendar.add(t, timedelta(hours=2)), None, None]


def test_polars_timestamps() -> None:
    pl = pytest.importorskip("polars")
    calendar = webcare.Calendar.from_json(OFFICE)
    starts, ends = reply_columns()
    s = pl.Series("s", starts).dt.convert_time_zone("Europe/Amsterdam")
    e = pl.Series("e", ends).dt.convert_time_zone("UTC")
    out = arrow.business_elapsed(calendar, s, e)
    assert out.to_pylist() == [calendar.elapsed(a, b) for a, b in zip(starts, ends)]


def test_time_errors_are_typed() -> None:
    calendar = webcare.Calendar.from_json(OFFICE)
    naive = pa.array([datetime(2026, 3, 27, 9, 0)], pa.timestamp("us"))
    aware = pa.array([datetime(2026, 3, 27, 9, 0, tzinfo=UTC)], pa.timestamp("us", tz="UTC"))
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.business_elapsed(calendar, naive, aware)
    assert info.value.code == "naive_datetime"
    assert "starts" in info.value.value
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.due(calendar, naive, timedelta(hours=1))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.business_elapsed(calendar, aware, pa.array(["2026-03-27"]))
    assert info.value.code == "invalid_option"
    assert info.value.option == "ends"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.business_elapsed(calendar, aware, pa.concat_arrays([aware, aware]))
    assert info.value.code == "batch_length_mismatch"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.due(calendar, aware, pa.array([1], pa.int64()))
    assert info.value.code == "invalid_option"
    assert info.value.option == "durations"


# --- triage --------------------------------------------------------------------------

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def inbound() -> list[dict[str, Any]]:
    return [m for m in messages() if m["direction"] == "inbound"]


def table(sample: list[dict[str, Any]], **extra: Any) -> Any:
    columns = {
        "id": pa.array([m["id"] for m in sample]),
        "channel": pa.array([m["channel"] for m in sample]),
        "direction": pa.array([m["direction"] for m in sample]),
        "author": pa.array([m["author"] for m in sample]),
        "sent_at": pa.array([instant(m["sent_at"]) for m in sample], pa.timestamp("s", tz="UTC")),
        "text": pa.array([m["text"] for m in sample]),
        "reach": pa.array([m.get("reach") for m in sample], pa.uint64()),
        "promoted": pa.array([m.get("promoted") for m in sample], pa.bool_()),
        **extra,
    }
    return pa.record_batch(columns)


def test_triage_equals_the_per_message_api_on_the_sample() -> None:
    sample = inbound()
    n = len(sample)
    earlier = [["email", "phone"] if i % 5 == 0 else None for i in range(n)]
    since = [instant(m["sent_at"]) - timedelta(days=i % 30) if i % 3 == 0 else None for i, m in enumerate(sample)]
    left = [timedelta(hours=(i % 9) - 3) if i % 4 == 0 else None for i in range(n)]
    target = [timedelta(hours=8) if i % 4 == 0 else None for i in range(n)]
    batch = table(
        sample,
        earlier_channels=pa.array(earlier, pa.list_(pa.string())),
        unresolved_since=pa.array(since, pa.timestamp("us", tz="Europe/Amsterdam")),
        sla_left=pa.array(left, pa.duration("ms")),
        sla_target=pa.array(target, pa.duration("s")),
    )
    triager, classifier = webcare.Triager(), webcare.Classifier()
    out = arrow.triage(batch, triager, classifier, now=NOW)
    assert isinstance(out, pa.RecordBatch)
    assert out.schema.names == ["priority", "score", "reasons", "advice", "language"]
    expected = []
    for i, m in enumerate(sample):
        message = webcare.Message.from_json(json.dumps(m))
        t = triager.triage(
            message,
            classifier.classify(m["text"]),
            now=NOW,
            earlier_channels=earlier[i] or (),
            unresolved_since=since[i],
            sla_left=left[i],
            sla_target=target[i],
        )
        expected.append(json.loads(t.to_json()))
    assert out.to_pylist() == expected
    assert {r["priority"] for r in expected} >= {"low", "high"}


def test_triage_defaults_nulls_and_tables() -> None:
    sample = inbound()[:30]
    batch = table(sample)
    whole = arrow.triage(batch, now=NOW).to_pylist()
    assert whole == arrow.triage(pa.Table.from_batches([batch.slice(0, 10), batch.slice(10)]), now=NOW).to_pylist()
    texts = batch.column("text").to_pylist()
    texts[3] = None
    with_null = batch.set_column(batch.schema.get_field_index("text"), "text", pa.array(texts))
    rows = arrow.triage(with_null, now=NOW).to_pylist()
    assert rows[3] == {"priority": None, "score": None, "reasons": None, "advice": None, "language": None}
    assert rows[:3] == whole[:3]
    without_direction = batch.drop_columns(["direction"])
    assert arrow.triage(without_direction, now=NOW).to_pylist() == whole


def test_triage_polars_frame() -> None:
    pl = pytest.importorskip("polars")
    batch = table(inbound()[:40])
    frame = pl.from_arrow(batch)
    assert arrow.triage(frame, now=NOW).to_pylist() == arrow.triage(batch, now=NOW).to_pylist()


def test_triage_errors_are_typed() -> None:
    batch = table(inbound()[:3])
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage(batch.drop_columns(["author"]), now=NOW)
    assert info.value.code == "invalid_option"
    assert info.value.option == "author"
    naive = batch.set_column(4, "sent_at", batch.column("sent_at").cast(pa.timestamp("s")))
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage(naive, now=NOW)
    assert info.value.code == "naive_datetime"
    bad = batch.set_column(1, "channel", pa.array(["x", "telegraph", "x"]))
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage(bad, now=NOW)
    assert info.value.code == "unknown_channel"
    half = batch.append_column("sla_left", pa.array([timedelta(hours=1)] * 3, pa.duration("s")))
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage(half, now=NOW)
    assert info.value.code == "invalid_option"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage(batch, now=datetime(2026, 3, 30, 9, 0))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        arrow.triage({"id": [1]}, now=NOW)
    assert info.value.option == "batch"
