"""webcare.pl: polars expressions over the Arrow entry points, in eager, lazy and streaming
queries, equal to the per-message API on the sample inbox."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

import webcare  # noqa: E402
import webcare.pl as wpl  # noqa: E402
from engines_sample import DURATIONS, SAMPLE, messages, office, reply_pairs  # noqa: E402


def test_importing_webcare_imports_no_engine() -> None:
    code = "import sys, webcare; print(sorted(m for m in ('polars', 'pyarrow', 'pyspark') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_classify_equals_per_message_on_the_sample_in_a_streaming_query() -> None:
    clf = webcare.Classifier()
    got = (
        pl.scan_ndjson(SAMPLE, infer_schema_length=None)
        .select("id", "text", "channel", "reach", "promoted", wpl.classify("text"))
        .collect(engine="streaming")
    )
    assert got.schema["classification"] == wpl.CLASSIFICATION
    sample = messages()
    assert got["id"].to_list() == [m["id"] for m in sample]
    for m, row in zip(sample, got["classification"].to_list()):
        assert row == clf.classify(m["text"]).to_dict(), m["id"]


def test_classify_with_context_columns_equals_per_message() -> None:
    clf = webcare.Classifier()
    lf = pl.scan_ndjson(SAMPLE, infer_schema_length=None).with_columns(pl.col("promoted").fill_null(False))
    got = lf.select(
        "text", "channel", "reach", "promoted", wpl.classify("text", clf, channel="channel", reach="reach", promoted="promoted")
    ).collect(engine="streaming")
    severe = 0
    for row in got.iter_rows(named=True):
        want = clf.classify(row["text"], channel=row["channel"], reach=row["reach"], promoted=row["promoted"]).to_dict()
        assert row["classification"] == want
        severe += want["severity"] > clf.classify(row["text"]).severity
    assert severe > 0, "the context raised no severity: the columns did not arrive"


def test_classify_nulls_and_unnest() -> None:
    df = pl.DataFrame({"text": ["Waar blijft mijn bestelling?", None, ""]})
    out = df.select(wpl.classify(pl.col("text")).struct.unnest())
    assert out.columns == ["label", "scores", "severity", "severity_level", "language", "signals"]
    assert out["label"].to_list()[0] == webcare.Classifier().classify("Waar blijft mijn bestelling?").label
    assert out.row(1) == (None,) * 6
    assert out["label"][2] == webcare.Classifier().classify("").label


def test_classify_uses_the_given_classifier() -> None:
    clf = webcare.Classifier({"words": [{"word": "zebra", "label": "complaint", "weight": 5.0}]})
    df = pl.DataFrame({"text": ["zebra zebra"]})
    got = df.select(wpl.classify("text", clf)).item()
    assert got == clf.classify("zebra zebra").to_dict()
    assert got["label"] == "complaint"


def pairs_frame() -> pl.DataFrame:
    pairs = reply_pairs()
    return pl.DataFrame(
        {"created_at": [a for a, _ in pairs], "replied_at": [b for _, b in pairs]},
        schema={"created_at": pl.Datetime("us", "UTC"), "replied_at": pl.Datetime("us", "UTC")},
    )


def test_business_elapsed_equals_calendar_elapsed_on_sample_pairs() -> None:
    cal = office()
    df = pairs_frame()
    out = df.lazy().select(wpl.business_elapsed(cal, "created_at", "replied_at")).collect(engine="streaming")
    assert out.schema["business_elapsed"] == pl.Duration("us")
    want = [cal.elapsed(a, b) for a, b in zip(df["created_at"], df["replied_at"])]
    assert out["business_elapsed"].to_list() == want
    assert len(set(want)) > 10


def test_business_elapsed_across_dst_in_other_zones_and_units() -> None:
    cal = office()
    # Friday evening in Amsterdam to Monday noon, over the night the clocks go forward.
    start = datetime(2026, 3, 27, 16, 30, tzinfo=timezone.utc)
    end = datetime(2026, 3, 30, 10, 0, 0, 123456, tzinfo=timezone.utc)
    df = pl.DataFrame({"s": [start, None], "e": [end, end]}).with_columns(
        pl.col("s").dt.convert_time_zone("America/New_York").dt.cast_time_unit("ns"),
        pl.col("e").dt.convert_time_zone("Asia/Tokyo").dt.cast_time_unit("ms"),
    )
    out = df.select(wpl.business_elapsed(cal, pl.col("s"), pl.col("e"), unit="ns"))
    assert out.schema["business_elapsed"] == pl.Duration("ns")
    assert out["business_elapsed"].to_list() == [cal.elapsed(start, end.replace(microsecond=123000)), None]


def test_naive_timestamps_are_an_error() -> None:
    df = pl.DataFrame({"s": [datetime(2026, 3, 23, 9)], "e": [datetime(2026, 3, 23, 10)]})
    with pytest.raises(webcare.InvalidInputError, match=r"\(code naive_datetime\)"):
        df.select(wpl.business_elapsed(office(), "s", "e"))
    with pytest.raises(webcare.InvalidInputError, match=r"\(code naive_datetime\)"):
        df.lazy().select(wpl.due(office(), "s", timedelta(hours=1))).collect(engine="streaming")


def test_due_equals_calendar_add_with_a_column_and_with_one_timedelta() -> None:
    cal = office()
    starts = pairs_frame()["created_at"]
    durations = [DURATIONS[i % len(DURATIONS)] for i in range(len(starts))]
    df = pl.DataFrame({"start": starts, "within": pl.Series(durations, dtype=pl.Duration("us"))})
    out = df.lazy().select(wpl.due(cal, "start", "within")).collect(engine="streaming")
    assert out.schema["due"] == pl.Datetime("us", "UTC")
    assert out["due"].to_list() == [cal.add(s, d) for s, d in zip(starts, durations)]
    fixed = df.select(wpl.due(cal, pl.col("start"), timedelta(hours=24)))["due"].to_list()
    assert fixed == [cal.add(s, timedelta(hours=24)) for s in starts]


def test_expressions_compose_in_one_lazy_streaming_query() -> None:
    cal = office()
    lf = pl.scan_ndjson(SAMPLE, infer_schema_length=None).with_columns(pl.col("sent_at").str.to_datetime(time_zone="UTC"))
    out = (
        lf.filter(pl.col("direction") == "inbound")
        .with_columns(wpl.classify("text"), wpl.due(cal, "sent_at", timedelta(hours=24)))
        .group_by("channel")
        .agg(
            pl.len().alias("n"),
            (pl.col("classification").struct.field("label") == "complaint").sum().alias("complaints"),
            pl.col("due").max(),
        )
        .sort("channel")
        .collect(engine="streaming")
    )
    inbound = [m for m in messages() if m["direction"] == "inbound"]
    assert out["n"].sum() == len(inbound)
    clf = webcare.Classifier()
    for row in out.iter_rows(named=True):
        ms = [m for m in inbound if m["channel"] == row["channel"]]
        assert row["complaints"] == sum(clf.classify(m["text"]).label == "complaint" for m in ms)
