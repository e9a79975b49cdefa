"""The triage API from Python: conventions the vectors do not show (types, aware datetimes,
errors with codes and fields, pickling, bad input)."""

from __future__ import annotations

import json
import pickle
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import webcare

STUBS = Path(webcare.__file__).with_name("_webcare.pyi")
AMSTERDAM = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 6, 11, 30, tzinfo=AMSTERDAM)


def literal(name: str) -> list[str]:
    match = re.search(rf"^{name} = Literal\[(.*?)\]$", STUBS.read_text(), re.M | re.S)
    assert match, name
    return [s.strip().strip('"') for s in match.group(1).split(",") if s.strip()]


def message(channel: str = "x", **extra: object) -> webcare.Message:
    return webcare.Message(
        "m1",
        channel,
        "inbound",
        "@ann",
        datetime(2026, 3, 6, 10, 0, tzinfo=timezone.utc),
        "Still waiting for my refund after 6 weeks #fail",
        **extra,  # type: ignore[arg-type]
    )


def complaint(score: float = 0.5, language: str = "en") -> webcare.Classification:
    return webcare.Classification.from_json(
        json.dumps(
            {
                "label": "complaint",
                "severity": {"score": score, "level": "disapproval"},
                "language": language,
            }
        )
    )


def test_result_types() -> None:
    t = webcare.Triager().triage(message(), complaint(), now=NOW)
    assert isinstance(t, webcare.Triage)
    assert t.priority == "high"
    assert t.score == 30.0
    assert [type(r) for r in t.reasons] == [webcare.Reason, webcare.Reason]
    assert [(r.kind, r.points) for r in t.reasons] == [("severity", 20.0), ("public_channel", 10.0)]
    assert all(isinstance(r.detail, str) and r.detail for r in t.reasons)
    assert all(isinstance(a, webcare.Advice) for a in t.advice)
    assert t.advice[0].kind == "answer_in_public"
    assert t.language == "en"
    assert t.priority in literal("_Priority")
    assert {r.kind for r in t.reasons} <= set(literal("_ReasonKind"))
    assert {a.kind for a in t.advice} <= set(literal("_AdviceKind"))
    assert "Triage(priority=" in repr(t)


def test_classification_from_the_classifier() -> None:
    m = message(reach=40000)
    c = webcare.Classifier().classify(m.text)
    t = webcare.Triager().triage(m, c, now=NOW)
    assert t.priority in ("high", "urgent")
    assert "reach" in {r.kind for r in t.reasons}
    assert "escalate" in [a.kind for a in t.advice]


def test_all_inputs_as_keywords() -> None:
    t = webcare.Triager().triage(
        message("facebook"),
        complaint(0.25, "nl"),
        now=NOW,
        earlier_channels=[webcare.Channel("email"), "phone", "facebook"],
        unresolved_since=NOW - timedelta(weeks=2),
        sla_left=timedelta(minutes=30),
        sla_target=timedelta(hours=1),
    )
    points = {r.kind: r.points for r in t.reasons}
    # 10 severity + 10 public + 2 x 15 repeat (own channel ignored) + 2 x 8 weeks + 10 SLA.
    assert points == {
        "severity": 10.0,
        "public_channel": 10.0,
        "repeat_contact": 30.0,
        "unresolved_age": 16.0,
        "sla_time_left": 10.0,
    }
    assert t.score == 76.0
    assert t.priority == "urgent"
    assert t.language == "nl"
    assert t.advice[0].text.startswith("Reageer eerst openbaar")


def test_instants_in_any_zone_and_naive_refused() -> None:
    triager = webcare.Triager()
    a = triager.triage(message(), complaint(), now=NOW, unresolved_since=NOW - timedelta(weeks=1))
    utc = NOW.astimezone(timezone.utc)
    b = triager.triage(message(), complaint(), now=utc, unresolved_since=utc - timedelta(weeks=1))
    assert a == b
    with pytest.raises(webcare.InvalidInputError) as info:
        triager.triage(message(), complaint(), now=datetime(2026, 3, 6, 11, 30))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        triager.triage(
            message(), complaint(), now=NOW, unresolved_since=datetime(2026, 3, 1, 0, 0)
        )
    assert info.value.code == "naive_datetime"


def test_bad_weights_raise_with_code_and_field() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Triager('{"reach": -1}')
    assert info.value.code == "invalid_option"
    assert info.value.option == "reach"  # type: ignore[attr-defined]
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Triager.from_json('{"thresholds": {"high": 80}}')
    assert info.value.option == "thresholds"  # type: ignore[attr-defined]
    with pytest.raises(webcare.JsonError) as json_info:
        webcare.Triager('{"severty": 40}')
    assert json_info.value.code == "invalid_json"
    assert isinstance(json_info.value, ValueError)


def test_bad_input() -> None:
    triager = webcare.Triager()
    with pytest.raises(webcare.InvalidInputError) as info:
        triager.triage(message(), complaint(), now=NOW, earlier_channels=["fax"])
    assert info.value.code == "unknown_channel"
    with pytest.raises(TypeError):
        triager.triage(message(), complaint(), now=NOW, sla_left=timedelta(minutes=5))
    with pytest.raises(TypeError):
        triager.triage(message(), complaint())  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        triager.triage("m1", complaint(), now=NOW)  # type: ignore[arg-type]
    with pytest.raises(webcare.InvalidInputError) as info:
        complaint(1.5)
    assert info.value.code == "invalid_option"
    with pytest.raises(webcare.JsonError):
        webcare.Classification.from_json('{"label": "complaint"}')


def test_weights_round_trip_and_pickle() -> None:
    triager = webcare.Triager('{"promoted": 40}')
    written = json.loads(triager.to_json())
    assert written["promoted"] == 40
    assert written["severity"] == 40  # the default, filled in
    again = pickle.loads(pickle.dumps(triager))
    assert isinstance(again, webcare.Triager)
    assert again.to_json() == triager.to_json()
    assert webcare.Triager.from_json(triager.to_json()).to_json() == triager.to_json()
    assert webcare.Triager().to_json() == webcare.Triager(None).to_json()


def test_triage_json_and_pickle() -> None:
    t = webcare.Triager().triage(message(promoted=True), complaint(), now=NOW)
    doc = json.loads(t.to_json())
    assert doc["priority"] == "urgent"
    assert doc["score"] == 55
    assert [r["kind"] for r in doc["reasons"]] == ["promoted", "severity", "public_channel"]
    assert webcare.Triage.from_json(t.to_json()) == t
    assert pickle.loads(pickle.dumps(t)) == t
