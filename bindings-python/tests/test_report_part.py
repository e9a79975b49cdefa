"""Report parts from Python: inboxes over pieces of a stream merged into the report of the
whole, aware datetimes, errors with `.code`, pickling, merging JSON text."""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import webcare

UTC = timezone.utc


def at(h: int, m: int = 0) -> datetime:
    return datetime(2026, 3, 2, h, m, tzinfo=UTC)


def conversation(case: str, author: str, asked: datetime, answered: datetime | None) -> list[webcare.Message]:
    out = [webcare.Message(f"{case}q", "x", "inbound", author, asked, "Where is my bag?", case_id=case)]
    if answered is not None:
        out.append(
            webcare.Message(
                f"{case}r", "x", "outbound", "@airline", answered, "We are tracing it.", reply_to=f"{case}q", case_id=case
            )
        )
    return out


# First responses 10m, 30m and 2h on X; one unanswered.
C1 = conversation("c1", "@ann", at(10), at(10, 10))
C2 = conversation("c2", "@bob", at(10, 5), at(10, 35))
C3 = conversation("c3", "@cas", at(10, 20), at(12, 20))
C4 = conversation("c4", "@dirk", at(11), None)
NOW = at(12, 20)


def part(*convs: list[webcare.Message], now: datetime = NOW, **options: object) -> webcare.ReportPart:
    inbox = webcare.Inbox(**options)  # type: ignore[arg-type]
    inbox.push_many([m for c in convs for m in c])
    return inbox.report_part(now)


def test_parts_merge_into_the_report_of_the_whole_stream() -> None:
    whole = webcare.Inbox()
    whole.push_many(C1 + C2 + C3 + C4)
    single = whole.report(NOW)

    a = part(C1, C3)
    a.merge(part(C2))
    a.merge(part(C4))
    merged = a.finish()
    assert isinstance(merged, webcare.Report)
    assert merged == single
    x = merged.channels[0].figures
    assert (x.conversations, x.answered) == (4, 3)
    assert x.first_response["median_s"] == 1800.0
    assert x.first_response["p90_s"] == 7200.0
    assert x.first_response["mean_s"] == (600 + 1800 + 7200) / 3
    # finish leaves the part as it was: a second finish gives the same report.
    assert a.finish() == merged


def test_merge_all_takes_parts_and_json_text() -> None:
    parts = [part(C1, C3).to_json(), part(C2), part(C4).to_json()]
    merged = webcare.ReportPart.merge_all(parts)
    assert isinstance(merged, webcare.ReportPart)
    assert merged.finish().total.conversations == 4
    assert webcare.ReportPart.merge_all(iter(parts)).to_json() == merged.to_json()
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ReportPart.merge_all([])
    assert info.value.code == "invalid_option"
    with pytest.raises(TypeError):
        webcare.ReportPart.merge_all([42])  # type: ignore[list-item]


def test_a_part_merged_with_itself_counts_twice() -> None:
    p = part(C1)
    p.merge(p)
    assert p.finish().total.conversations == 2


def test_properties_are_typed_and_aware() -> None:
    p = part(C1, consistency_window=10)
    assert p.at == NOW
    assert p.at.tzinfo is not None
    assert p.consistency_window == 10
    assert p.policy == webcare.Policy.preset()
    doc = json.loads(p.to_json())
    assert doc["version"] == 1
    assert doc["at"] == "2026-03-02T12:20:00Z"
    assert doc["channels"]["x"]["inbound"] == 1
    assert "ReportPart(" in repr(p)


def test_naive_datetime_is_an_error() -> None:
    inbox = webcare.Inbox()
    with pytest.raises(webcare.InvalidInputError) as info:
        inbox.report_part(datetime(2026, 3, 2, 12))
    assert info.value.code == "naive_datetime"


def test_mismatched_parts_raise_with_the_field() -> None:
    a = part(C1)
    before = a.to_json()
    for other in [part(C2, now=NOW + timedelta(hours=1)), part(C2, consistency_window=3)]:
        with pytest.raises(webcare.InvalidInputError) as info:
            a.merge(other)
        assert info.value.code == "report_part_mismatch"
    other_policy = webcare.Policy.from_json(
        '{"calendars": {"a": {"timezone": "UTC", "always_open": true}}, "rules": [{"name": "r", '
        '"targets": {"first_reply": {"normal": {"within": "2h", "calendar": "a"}}}}]}'
    )
    with pytest.raises(webcare.InvalidInputError) as info:
        a.merge(part(C2, policy=other_policy))
    assert info.value.code == "report_part_mismatch"
    assert a.to_json() == before


def test_bad_json_raises_typed_errors() -> None:
    with pytest.raises(webcare.JsonError) as info:
        webcare.ReportPart.from_json("{not json")
    assert info.value.code == "invalid_json"
    doc = json.loads(part(C1).to_json())
    doc["version"] = 7
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ReportPart.from_json(json.dumps(doc))
    assert info.value.code == "unsupported_snapshot_version"
    doc["version"] = 1
    doc["hours"]["inbound"] = [1]
    with pytest.raises(webcare.JsonError):
        webcare.ReportPart.from_json(json.dumps(doc))


def test_pickles_through_json() -> None:
    p = part(C1, C4)
    back = pickle.loads(pickle.dumps(p))
    assert isinstance(back, webcare.ReportPart)
    assert back.to_json() == p.to_json()
    assert back.finish() == p.finish()
