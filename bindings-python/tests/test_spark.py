"""webcare.spark on a local Spark (local[2]): mapInArrow classification and calendar columns
equal to the per-message API, and the report made of merged partition parts equal to one
inbox's. Needs pyspark and Java 17; without Java the module is skipped."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark tests need Java 17 (`java` on PATH or JAVA_HOME); .ci/run installs it", allow_module_level=True)
pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")

from pyspark.sql import DataFrame, SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import webcare  # noqa: E402
import webcare.spark as wsp  # noqa: E402
from engines_sample import DURATIONS, SAMPLE, instant, messages, office, reply_pairs  # noqa: E402

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("webcare-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "3")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def sample(spark: SparkSession) -> DataFrame:
    return spark.read.schema(wsp.MESSAGE).json(str(SAMPLE))


def utc(micros: int | None) -> datetime | None:
    return None if micros is None else EPOCH + timedelta(microseconds=micros)


def plain(value: Any) -> Any:
    """A Row (and the Rows inside it) as plain dicts and lists."""
    if hasattr(value, "asDict"):
        return {k: plain(v) for k, v in value.asDict().items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def test_classify_equals_per_message_on_the_sample(sample: DataFrame) -> None:
    clf = webcare.Classifier()
    out = wsp.classify(sample, "text", channel_col="channel", reach_col="reach", promoted_col="promoted")
    fields = ["label", "scores", "severity", "severity_level", "language", "signals"]
    assert out.schema.fields[len(sample.columns) :] == wsp.CLASSIFICATION.fields
    rows = {r["id"]: r for r in out.select("id", *fields).collect()}
    sample_messages = messages()
    assert len(rows) == len(sample_messages)
    for m in sample_messages:
        want = clf.classify(m["text"], channel=m["channel"], reach=m.get("reach"), promoted=m.get("promoted", False))
        got = {k: plain(rows[m["id"]][k]) for k in fields}
        assert got == want.to_dict(), m["id"]


def test_classify_travels_the_classifier_and_keeps_the_columns(spark: SparkSession) -> None:
    clf = webcare.Classifier({"words": [{"word": "zebra", "label": "complaint", "weight": 5.0}]})
    df = spark.createDataFrame([("a", "zebra zebra"), ("b", None)], "id string, text string")
    rows = wsp.classify(df, classifier=clf).orderBy("id").collect()
    assert [r["id"] for r in rows] == ["a", "b"]
    assert plain(rows[0]["signals"]) == clf.classify("zebra zebra").to_dict()["signals"]
    assert rows[0]["label"] == "complaint"
    assert rows[1]["label"] is None and rows[1]["signals"] is None
    with pytest.raises(ValueError, match="already has column"):
        wsp.classify(wsp.classify(df))


def test_classify_keeps_only_the_columns_asked_for(sample: DataFrame) -> None:
    clf = webcare.Classifier()
    out = wsp.classify(sample, columns=["severity", "label"])
    assert out.columns == [*sample.columns, "label", "severity"]
    rows = {r["id"]: r for r in out.select("id", "label", "severity").collect()}
    for m in messages()[:200]:
        want = clf.classify(m["text"])
        assert (rows[m["id"]]["label"], rows[m["id"]]["severity"]) == (want.label, want.severity), m["id"]
    assert wsp.classify(sample, columns="language").columns[-1] == "language"
    for bad in (["label", "sentiment"], []):
        with pytest.raises(ValueError, match="columns must name some of"):
            wsp.classify(sample, columns=bad)


def test_business_elapsed_and_due_equal_the_calendar_on_sample_pairs(spark: SparkSession) -> None:
    cal = office()
    pairs = reply_pairs()
    rows = [(i, a, b, DURATIONS[i % len(DURATIONS)]) for i, (a, b) in enumerate(pairs)]
    df = spark.createDataFrame(rows, "i long, created_at timestamp, replied_at timestamp, within interval day to second")
    out = wsp.business_elapsed(df, cal, "created_at", "replied_at")
    out = wsp.due(out, cal, "created_at", "within")
    out = wsp.due(out, cal, "created_at", timedelta(hours=24), out_col="due_24h")
    got = out.select("i", "business_elapsed", F.unix_micros("due").alias("due"), F.unix_micros("due_24h").alias("d24")).collect()
    got.sort(key=lambda r: r["i"])
    assert len(got) == len(pairs)
    for r, (i, a, b, d) in zip(got, rows):
        assert r["business_elapsed"] == cal.elapsed(a, b), (a, b)
        assert utc(r["due"]) == cal.add(a, d)
        assert utc(r["d24"]) == cal.add(a, timedelta(hours=24))


def test_naive_timestamps_are_an_error_on_the_executor(spark: SparkSession) -> None:
    df = spark.createDataFrame([(datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))], "s timestamp_ntz, e timestamp_ntz")
    with pytest.raises(Exception, match=r"\(code naive_datetime\)"):
        wsp.business_elapsed(df, office(), "s", "e").collect()


def sorted_messages() -> list[webcare.Message]:
    """The sample's messages in time order (ties in file order), as `report` feeds each
    partition's inbox."""
    ms = messages()
    order = sorted(range(len(ms)), key=lambda i: (instant(ms[i]["sent_at"]), i))
    return [webcare.Message.from_json(json.dumps(ms[i])) for i in order]


def test_report_equals_one_inbox_over_the_sample(sample: DataFrame) -> None:
    policy = webcare.Policy.preset()
    got = wsp.report(sample, policy)
    want = webcare.report(sorted_messages(), policy)
    assert json.loads(got.to_json()) == json.loads(want.to_json())
    assert got.total.inbound == sum(m["direction"] == "inbound" for m in messages())
    assert got.at == max(instant(m["sent_at"]) for m in messages())


def test_report_with_timestamps_more_partitions_and_a_given_now(sample: DataFrame) -> None:
    now = datetime(2026, 3, 30, 12, tzinfo=timezone.utc)
    typed = sample.withColumn("sent_at", F.col("sent_at").cast("timestamp"))
    got = wsp.report(typed, now=now, partitions=7)
    inbox = webcare.Inbox()
    inbox.push_many(sorted_messages())
    assert json.loads(got.to_json()) == json.loads(inbox.report(now).to_json())
