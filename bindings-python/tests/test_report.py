"""The inbox and report API from Python: the sample inbox checked against figures worked
out here with the json module, batch entries, bad input with `.code` and line numbers,
pickling, DataFrames, the GIL released during batch work."""

from __future__ import annotations

import json
import math
import pickle
import threading
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import webcare

UTC = timezone.utc
DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
SAMPLE = DATA / "inbox.jsonl"


def at(h: int, m: int = 0, day: int = 6) -> datetime:
    return datetime(2026, 3, day, h, m, tzinfo=UTC)


def complaint(id: str = "x1", when: datetime | None = None, reach: int | None = 40000) -> webcare.Message:
    return webcare.Message(
        id,
        "x",
        "inbound",
        "@ann",
        when or at(10),
        "Still no refund after 6 weeks and nobody answers my emails! #fail",
        reach=reach,
    )


def reply(id: str = "r1", to: str = "x1", when: datetime | None = None) -> webcare.Message:
    return webcare.Message(id, "x", "outbound", "@airline", when or at(10, 20), "Sorry Ann, please DM us.", reply_to=to)


def _parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _independent_figures(lines: list[str]) -> dict[str, dict[str, Any]]:
    """Per channel: inbound count, share answered and the nearest-rank median of the
    calendar first-response time, worked out from the raw JSON (conversations by case id,
    else by the message replied to, else the message itself)."""
    conv_of: dict[str, str] = {}
    by_case: dict[str, str] = {}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[str] = set()
    for line in lines:
        if not line.strip():
            continue
        m = json.loads(line)
        if m["id"] in seen:
            continue
        seen.add(m["id"])
        if m.get("case_id"):
            key = by_case.setdefault(m["case_id"], "case:" + m["case_id"])
        elif m["id"] in conv_of:
            key = conv_of[m["id"]]
        elif m.get("reply_to"):
            key = conv_of.setdefault(m["reply_to"], "msg:" + m["reply_to"])
        else:
            key = "msg:" + m["id"]
        conv_of[m["id"]] = key
        members[key].append(m)
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"inbound": 0, "conversations": 0, "answered": 0, "times": []})
    for msgs in members.values():
        inbound = [m for m in msgs if m["direction"] == "inbound"]
        if not inbound:
            continue
        first = min(inbound, key=lambda m: (_parse_instant(m["sent_at"]), m["id"]))
        first_at = _parse_instant(first["sent_at"])
        row = out[first["channel"]]
        row["inbound"] += len(inbound)
        row["conversations"] += 1
        replies = [_parse_instant(m["sent_at"]) for m in msgs if m["direction"] == "outbound" and _parse_instant(m["sent_at"]) >= first_at]
        if replies:
            row["answered"] += 1
            row["times"].append((min(replies) - first_at).total_seconds())
    for row in out.values():
        times = sorted(row.pop("times"))
        row["share"] = row["answered"] / row["conversations"]
        row["median_s"] = times[math.ceil(len(times) * 0.5) - 1] if times else None
    return dict(out)


def test_sample_report_matches_an_independent_count() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    expected = _independent_figures(lines)
    messages = [webcare.Message.from_json(line) for line in lines if line.strip()]
    report = webcare.report(messages)
    got = {c.channel.name: c.figures for c in report.channels}
    assert set(got) == set(expected)
    for channel, want in expected.items():
        f = got[channel]
        assert f.inbound == want["inbound"], channel
        assert f.conversations == want["conversations"], channel
        assert f.answered_share == pytest.approx(want["share"]), channel
        assert f.first_response["median_s"] == want["median_s"], channel
    assert report.total.inbound == sum(w["inbound"] for w in expected.values())
    latest = max(_parse_instant(json.loads(line)["sent_at"]) for line in lines if line.strip())
    assert report.at == latest


def test_push_jsonl_bytes_str_lines_and_push_many_agree() -> None:
    raw = SAMPLE.read_bytes()
    text = raw.decode()
    now = webcare.report([webcare.Message.from_json(line) for line in text.splitlines() if line.strip()]).at
    a, b, c, d = webcare.Inbox(), webcare.Inbox(), webcare.Inbox(), webcare.Inbox()
    n = sum(1 for line in text.splitlines() if line.strip())
    assert a.push_jsonl(raw) == n
    assert b.push_jsonl(text) == n
    assert c.push_jsonl(text.splitlines()) == n
    d.push_many([webcare.Message.from_json(line) for line in text.splitlines() if line.strip()])
    reports = [x.report(now) for x in (a, b, c, d)]
    assert all(r == reports[0] for r in reports)
    assert reports[0] == webcare.report([webcare.Message.from_json(line) for line in text.splitlines() if line.strip()])
    assert [q.to_json() for q in a.queue(now)] == [q.to_json() for q in d.queue(now)]
    assert a.pushed == n and a.latest == now


def test_queue_puts_the_high_reach_repeat_complaint_first() -> None:
    inbox = webcare.Inbox()
    inbox.link("x:@ann", webcare.Handle("email", "ann@example.com"), "gave her address in a DM")
    inbox.push(webcare.Message("e1", "email", "inbound", "ann@example.com", at(9, day=5), "Where is my refund? I have been waiting for weeks."))
    inbox.push(complaint())
    inbox.push(webcare.Message("q1", "chat", "inbound", "bob", at(10, 5), "What are your opening hours?"))
    queue = inbox.queue(at(10, 10))
    assert [q.message_id for q in queue][0] == "x1"
    top = queue[0]
    assert top.priority in ("high", "urgent")
    assert top.label == "complaint"
    assert isinstance(top.sent_at, datetime) and top.sent_at == at(10)
    assert top.waiting == timedelta(minutes=10)
    assert top.triage is not None and top.triage["score"] == top.score > 0
    assert {r["kind"] for r in top.triage["reasons"]} >= {"reach", "repeat_contact"}
    assert webcare.Handle.parse("x:ann") in top.handles
    assert top.due is None or top.due > at(10, 10)
    assert len(inbox.queue(at(10, 10), limit=1)) == 1


def test_report_attributes_text_json_and_dict() -> None:
    report = webcare.report([complaint(reach=None), reply()], webcare.Policy.preset())
    (x,) = report.channels
    assert x.channel == webcare.Channel("x")
    assert x.figures.answered == 1 and x.figures.answered_share == 1.0
    assert x.figures.first_response["median_s"] == 1200.0
    assert x.figures.sla["first_reply"]["met"] == 1
    assert x.figures.unresolved["under_1h"] == 0
    assert report.total.inbound == 1
    assert report.at == at(10, 20)
    assert "20m" in report.to_text() and str(report) == report.to_text()
    assert webcare.Report.from_json(report.to_json()) == report
    assert report.to_dict()["channels"][0]["channel"] == "x"
    assert report.consistency["answers"] == 1
    rows = report.rows()
    assert [r["channel"] for r in rows] == ["x", "total"]
    assert rows[0]["first_response_median_s"] == 1200.0


def test_pickling_report_queue_item_and_mapping() -> None:
    report = webcare.report([complaint(), reply()])
    assert pickle.loads(pickle.dumps(report)) == report
    inbox = webcare.Inbox()
    inbox.push(complaint())
    (item,) = inbox.queue(at(10, 5))
    assert pickle.loads(pickle.dumps(item)) == item
    mapping = webcare.ColumnMapping.twcs()
    assert pickle.loads(pickle.dumps(mapping)) == mapping
    assert mapping != webcare.ColumnMapping()


def test_naive_datetime_is_refused() -> None:
    inbox = webcare.Inbox()
    with pytest.raises(webcare.InvalidInputError) as info:
        inbox.queue(datetime(2026, 3, 6, 10))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        inbox.report(datetime(2026, 3, 6, 10))
    assert info.value.code == "naive_datetime"


def test_malformed_line_names_its_line_and_the_lines_before_it_are_pushed() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:3]
    data = "\n".join([lines[0], lines[1], '{"id": "bad", "channel": "x",', lines[2]])
    inbox = webcare.Inbox()
    with pytest.raises(webcare.WebcareError) as info:
        inbox.push_jsonl(data.encode(), first_line=101)
    assert info.value.code == "invalid_record"
    assert info.value.line == 103  # type: ignore[attr-defined]
    assert "103" in str(info.value)
    assert inbox.pushed == 2


def test_unknown_channel_is_an_error_with_its_line() -> None:
    line = json.dumps({"id": "m1", "channel": "pigeon_post", "direction": "inbound", "author": "ann", "sent_at": "2026-03-06T10:00:00Z", "text": "hi"})
    with pytest.raises(webcare.WebcareError) as info:
        webcare.Inbox().push_jsonl([line])
    assert info.value.code == "invalid_record"
    assert info.value.line == 1  # type: ignore[attr-defined]
    assert "unknown channel" in str(info.value) or "pigeon_post" in str(info.value)
    with pytest.raises(webcare.InvalidInputError) as info2:
        webcare.Message("m1", "pigeon_post", "inbound", "ann", at(10), "hi")
    assert info2.value.code == "unknown_channel"


def test_duplicate_id_with_other_content_is_an_error() -> None:
    inbox = webcare.Inbox()
    inbox.push(complaint())
    inbox.push(complaint())  # the same message again is ignored
    with pytest.raises(webcare.WebcareError) as info:
        inbox.push(complaint(when=at(11)))
    assert info.value.code == "duplicate_message_id"


def test_options_and_bad_triage_weights() -> None:
    inbox = webcare.Inbox(
        policy=webcare.Policy.preset(),
        classifier=webcare.Classifier(),
        triager="{}",
        repeat_window=timedelta(days=3),
        retention=timedelta(days=1),
        consistency_window=100,
    )
    inbox.push(complaint())
    assert inbox.open_conversations == 1
    with pytest.raises(webcare.JsonError):
        webcare.Inbox(triager='{"no_such_weight": 1}')
    with pytest.raises(webcare.WebcareError):
        webcare.Inbox(triager='{"reach": -1}')


def test_read_messages_csv_and_jsonl(tmp_path: Path) -> None:
    csv = tmp_path / "twcs.csv"
    csv.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "2,115712,True,Tue Oct 31 22:08:27 +0000 2017,@sprintcare my phone is broken,1,\n"
        "1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 We can help.,,2.0\n",
        encoding="utf-8",
    )
    messages = list(webcare.read_messages(csv, webcare.ColumnMapping.twcs()))
    assert [m.id for m in messages] == ["2", "1"]
    assert messages[1].reply_to == "2" and messages[1].channel == webcare.Channel("x")
    reader = webcare.read_messages(str(SAMPLE))
    first = reader.read(5)
    rest = reader.read(100_000)
    assert len(first) == 5 and reader.read(10) == []
    assert len(first) + len(rest) == sum(1 for line in SAMPLE.read_text().splitlines() if line.strip())
    bad = tmp_path / "bad.csv"
    bad.write_text("id,author,direction,sent_at,text,channel\nm1,ann,sideways,2026-03-02T10:00:00Z,hi,email\n")
    with pytest.raises(webcare.WebcareError) as info:
        webcare.read_messages(bad).read(10)
    assert info.value.code == "invalid_record"
    assert info.value.line == 2  # type: ignore[attr-defined]
    with pytest.raises(webcare.InvalidInputError):
        webcare.read_messages(bad, format="xml")
    with pytest.raises(OSError):
        webcare.read_messages(tmp_path / "absent.jsonl")


def test_dataframes_or_a_clear_import_error() -> None:
    report = webcare.report([complaint(), reply()])
    for method, module in (("to_pandas", "pandas"), ("to_polars", "polars")):
        try:
            __import__(module)
        except ImportError:
            with pytest.raises(ImportError, match=f"pip install {module}"):
                getattr(report, method)()
            continue
        frame = getattr(report, method)()
        assert frame.shape[0] == 2


def test_push_many_releases_the_gil() -> None:
    messages = [
        webcare.Message(f"m{i}", "x", "inbound", f"@user{i}", at(10) + timedelta(seconds=i), "Still no refund after 6 weeks, terrible service #fail")
        for i in range(20_000)
    ]
    inbox = webcare.Inbox()
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        inbox.push_many(messages)
    finally:
        done.set()
        t.join()
    assert inbox.pushed == 20_000
    assert ticks > 1000
