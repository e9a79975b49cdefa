"""`Report.to_html` from Python: the page of the sample inbox with its queue, Dutch labels,
hostile texts shown as text, figures marked with their JSON values, a bad language."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

import webcare

UTC = timezone.utc
SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "inbox.jsonl"


def sample() -> tuple[webcare.Report, list[webcare.QueueItem]]:
    inbox = webcare.Inbox()
    inbox.push_jsonl(SAMPLE.read_text(encoding="utf-8"))
    now = inbox.latest
    assert now is not None
    return inbox.report(now), inbox.queue(now, 50)


def test_sample_page_carries_the_report_figures() -> None:
    report, queue = sample()
    html = report.to_html(queue=queue, title="Velder, week 13")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html and "<title>Velder, week 13</title>" in html
    assert "<script" not in html.lower()
    figures = dict(re.findall(r'data-figure="([^"]+)" data-value="([^"]*)"', html))
    data = report.to_dict()
    assert float(figures["total.inbound"]) == data["total"]["inbound"] == 1277
    x = next(c for c in data["channels"] if c["channel"] == "x")
    assert float(figures["x.answered_share"]) == pytest.approx(x["answered_share"])
    assert [float(figures[f"hours.inbound.{i}"]) for i in range(168)] == data["hours"]["inbound"]
    assert sum(data["hours"]["inbound"]) == 1277
    # The high-reach complaint left waiting is in the queue section, by priority.
    assert "m0001843" not in html  # ids are not shown, the text is
    assert any(q.message_id == "m0001843" for q in queue)


def test_dutch_labels_and_no_queue() -> None:
    report, _ = sample()
    html = report.to_html(lang="nl")
    assert '<html lang="nl">' in html
    assert "Per uur van de week" in html and "Bij dit rapport is geen wachtrij meegegeven." in html


def test_hostile_text_is_escaped() -> None:
    t = datetime(2026, 3, 6, 10, tzinfo=UTC)
    text = "<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3) still no refund, terrible!"
    inbox = webcare.Inbox()
    inbox.push(webcare.Message("m1", "x", "inbound", "@ann", t, text))
    html = inbox.report(t).to_html(queue=inbox.queue(t))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<script" not in html and "<img" not in html


def test_bad_language_is_an_error_with_a_code() -> None:
    report, _ = sample()
    with pytest.raises(webcare.WebcareError) as e:
        report.to_html(lang="de")  # type: ignore[arg-type]
    assert e.value.code == "invalid_option"
    assert isinstance(e.value, ValueError)
    assert json.loads(report.to_json())["hours"]["timezone"] == "Europe/Amsterdam"
