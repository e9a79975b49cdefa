"""The consistency API from Python: conventions the vectors do not show (input as dicts,
objects or Answer values, typed results, code-point spans, aware datetimes, errors with
.code, pickling, a batch call that releases the GIL, bad input)."""

from __future__ import annotations

import json
import math
import pickle
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

import webcare

CET = timezone(timedelta(hours=1))
AT = datetime(2026, 3, 6, 10, 0, tzinfo=CET)

ANSWERS = [
    {"channel": "x", "at": AT, "question": "How much is an extra bag?", "answer": "Het kost €25,00."},
    {"channel": "email", "at": AT, "question": "How much does an extra bag cost?", "answer": "An extra bag is £25 😀."},
    {"channel": "chat", "at": AT, "question": "Can I bring my dog?", "answer": "Yes, you can."},
    {"channel": "email", "at": AT, "question": "Can I bring my dog along?", "answer": "Yes."},
]


@dataclass
class Reply:
    channel: str
    at: datetime
    question: str
    answer: str
    topic: str | None = None


def test_report_is_typed() -> None:
    report = webcare.ConsistencyChecker().check(ANSWERS)
    assert isinstance(report, webcare.ConsistencyReport)
    assert [g.answers for g in report.groups] == [[0, 1], [2, 3]]
    bag, dog = report.groups
    assert isinstance(bag, webcare.AnswerGroup)
    assert bag.verdict == "conflict" and dog.verdict == "consistent"
    assert bag.topic is None
    assert bag.channels == [webcare.Channel("x"), webcare.Channel("email")]
    (conflict,) = bag.conflicts
    assert isinstance(conflict, webcare.Conflict)
    assert conflict.kind == "money"
    assert conflict.role is None
    assert conflict.answers == (0, 1)
    assert [c.name for c in conflict.channels] == ["x", "email"]
    assert conflict.values == ("EUR 25.00", "GBP 25.00")
    assert report.rate == 0.5
    assert all(isinstance(p, webcare.PairRate) for p in report.pairs)
    pairs = [(p.channels[0].name, p.channels[1].name, p.groups, p.consistent, p.rate) for p in report.pairs]
    assert pairs == [("x", "email", 1, 0, 0.0), ("email", "chat", 1, 1, 1.0)]


def test_spans_are_code_point_offsets() -> None:
    report = webcare.ConsistencyChecker().check(ANSWERS)
    (conflict,) = report.groups[0].conflicts
    texts = [ANSWERS[i]["answer"] for i in conflict.answers]
    spans = conflict.spans
    assert texts[0][spans[0][0] : spans[0][1]] == "€25,00"
    assert texts[1][spans[1][0] : spans[1][1]] == "£25"


def test_to_dict_and_to_json_match_the_attributes() -> None:
    report = webcare.ConsistencyChecker().check(ANSWERS)
    data = report.to_dict()
    assert data == json.loads(report.to_json())
    assert data["rate"] == report.rate
    group = data["groups"][0]
    assert group["verdict"] == "conflict"
    assert group["channels"] == [c.name for c in report.groups[0].channels]
    assert group["conflicts"][0]["spans"] == [list(s) for s in report.groups[0].conflicts[0].spans]
    assert [p["channels"] for p in data["pairs"]] == [
        [c.name for c in p.channels] for p in report.pairs
    ]


def test_dicts_objects_and_answers_give_the_same_report() -> None:
    checker = webcare.ConsistencyChecker()
    expected = checker.check(ANSWERS).to_json()
    as_objects = [Reply(**a) for a in ANSWERS]  # type: ignore[arg-type]
    as_namespaces = [SimpleNamespace(**a) for a in ANSWERS]
    as_answers = [webcare.Answer(**a) for a in ANSWERS]  # type: ignore[arg-type]
    assert checker.check(as_objects).to_json() == expected
    assert checker.check(as_namespaces).to_json() == expected
    assert checker.check(as_answers).to_json() == expected
    assert checker.check(iter(as_answers)).to_json() == expected
    mixed = [as_answers[0], ANSWERS[1], as_objects[2], as_namespaces[3]]
    assert checker.check(mixed).to_json() == expected
    with_channels = [{**a, "channel": webcare.Channel(str(a["channel"]))} for a in ANSWERS]
    assert checker.check(with_channels).to_json() == expected


def test_topics_group_answers() -> None:
    answers = [
        Reply("x", AT, "", "Within 14 days.", topic="refund-time"),
        Reply("email", AT, "Something else entirely", "Binnen 2 weken.", topic="refund-time"),
    ]
    (group,) = webcare.ConsistencyChecker().check(answers).groups
    assert group.topic == "refund-time"
    assert group.verdict == "consistent"


def test_gaps_report_what_is_missing() -> None:
    answers = [
        Reply("x", AT, "How long does a refund take?", "Within 14 days."),
        Reply("email", AT, "How long will my refund take?", "We will refund you."),
    ]
    (group,) = webcare.ConsistencyChecker().check(answers).groups
    assert group.verdict == "incomplete"
    (gap,) = group.gaps
    assert isinstance(gap, webcare.Gap)
    assert (gap.kind, gap.value, gap.missing_in) == ("duration", "14d", [1])
    assert [c.name for c in gap.channels] == ["email"]


def test_answer_value() -> None:
    answer = webcare.Answer("twitter", AT, "Fee?", "€25", topic="fees")
    assert answer.channel == webcare.Channel("x")
    assert answer.at == AT and answer.at.utcoffset() == timedelta(0)
    assert (answer.question, answer.answer, answer.topic) == ("Fee?", "€25", "fees")
    assert pickle.loads(pickle.dumps(answer)) == answer
    assert webcare.Answer("x", AT, "Fee?", "€25").topic is None


def test_naive_datetime_is_refused() -> None:
    naive = datetime(2026, 3, 6, 10, 0)
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Answer("x", naive, "Fee?", "€25")
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ConsistencyChecker().check([{**ANSWERS[0], "at": naive}])
    assert info.value.code == "naive_datetime"
    with pytest.raises(TypeError):
        webcare.ConsistencyChecker().check([{**ANSWERS[0], "at": 12.5j}])


def test_checker_options_defaults_json_and_pickle() -> None:
    default = webcare.ConsistencyChecker()
    assert default == webcare.ConsistencyChecker.from_json("{}")
    assert default == webcare.ConsistencyChecker(threshold=None, shingle_size=None)
    tuned = webcare.ConsistencyChecker(threshold=0.6, shingle_size=2)
    assert (tuned.threshold, tuned.shingle_size) == (0.6, 2)
    assert json.loads(tuned.to_json()) == {"threshold": 0.6, "shingle_size": 2}
    assert webcare.ConsistencyChecker.from_json(tuned.to_json()) == tuned
    again = pickle.loads(pickle.dumps(tuned))
    assert again == tuned and again != default


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.5, math.nan, math.inf])
def test_threshold_outside_zero_one_is_invalid_option(threshold: float) -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ConsistencyChecker(threshold=threshold)
    assert info.value.code == "invalid_option"
    assert info.value.option == "threshold"  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [0, 9, -1])
def test_shingle_size_out_of_range_is_invalid_option(size: int) -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ConsistencyChecker(shingle_size=size)
    assert info.value.code == "invalid_option"


def test_bad_options_json() -> None:
    with pytest.raises(webcare.JsonError) as info:
        webcare.ConsistencyChecker.from_json('{"treshold": 0.5}')
    assert info.value.code == "invalid_json"
    with pytest.raises(webcare.InvalidInputError) as info2:
        webcare.ConsistencyChecker.from_json('{"threshold": 1.5}')
    assert info2.value.code == "invalid_option"


def test_empty_list_is_an_empty_report() -> None:
    report = webcare.ConsistencyChecker().check([])
    assert report.groups == [] and report.pairs == [] and report.rate is None
    assert report.to_dict() == {"groups": [], "rate": None, "pairs": []}


def test_answer_without_question_is_empty_question() -> None:
    answers = [ANSWERS[0], {**ANSWERS[1], "question": "  "}]
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ConsistencyChecker().check(answers)
    assert info.value.code == "empty_question"
    assert info.value.index == 1  # type: ignore[attr-defined]
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.ConsistencyChecker().check([webcare.Answer("x", AT, "", "Yes.")])
    assert info.value.code == "empty_question"


def test_missing_or_unknown_fields_are_json_errors() -> None:
    missing = {k: v for k, v in ANSWERS[0].items() if k != "question"}
    with pytest.raises(webcare.JsonError) as info:
        webcare.ConsistencyChecker().check([missing])
    assert info.value.code == "invalid_json"
    with pytest.raises(webcare.JsonError):
        webcare.ConsistencyChecker().check([{**ANSWERS[0], "topic_id": "fees"}])
    with pytest.raises(webcare.InvalidInputError) as info2:
        webcare.ConsistencyChecker().check([{**ANSWERS[0], "channel": "telegraph"}])
    assert info2.value.code == "unknown_channel"


def test_one_megabyte_answers() -> None:
    chunk = "Refunds take 14 days; het kost €25,00 — zie klm.com/refunds. 😀 "
    big = chunk * (1_000_000 // len(chunk.encode()) + 1)
    assert len(big.encode()) > 1_000_000
    answers = [
        Reply("x", AT, "How long does a refund take?", big),
        Reply("email", AT, "How long will my refund take?", big.replace("14 days", "30 days")),
    ]
    report = webcare.ConsistencyChecker().check(answers)
    (group,) = report.groups
    assert group.verdict == "conflict"
    conflict = next(c for c in group.conflicts if c.kind == "duration")
    (s0, e0), (s1, e1) = conflict.spans
    assert answers[0].answer[s0:e0] == "14 days"
    assert answers[1].answer[s1:e1] == "30 days"
    for side, (start, end) in zip(conflict.answers, conflict.spans):
        assert 0 <= start < end <= len(answers[side].answer)
    facts = webcare.extract_facts(big)
    assert facts and all(big[f.start : f.end] for f in facts)
    assert facts[-1].end <= len(big)


def test_extract_facts_is_typed_with_code_point_offsets() -> None:
    text = "😀 Ja, u krijgt €25,00 terug binnen 2 weken."
    facts = webcare.extract_facts(text)
    assert all(isinstance(f, webcare.Fact) for f in facts)
    assert [(f.kind, f.value) for f in facts] == [
        ("polarity", "yes"),
        ("money", "EUR 25.00"),
        ("duration", "14d"),
    ]
    money = facts[1]
    assert text[money.start : money.end] == "€25,00"
    assert money.role is None
    assert webcare.extract_facts("") == []


def test_check_releases_the_gil() -> None:
    text = "Within 14 days, €25,00, call +31 20 474 7747 or mail care@klm.com. " * 300
    answers = [
        webcare.Answer("x" if i % 2 else "email", AT, f"Question number {i % 50} about refunds?", text)
        for i in range(400)
    ]
    checker = webcare.ConsistencyChecker()
    done = threading.Event()
    timing: dict[str, float] = {}

    def work() -> None:
        timing["start"] = time.perf_counter()
        checker.check(answers)
        timing["end"] = time.perf_counter()
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    ticks = []
    while not done.is_set():
        ticks.append(time.perf_counter())
    worker.join()
    duration = timing["end"] - timing["start"]
    inside = [t for t in ticks if timing["start"] <= t <= timing["end"]]
    gaps = [b - a for a, b in zip(inside, inside[1:])] or [duration]
    # Holding the GIL through the core call would stall this thread for nearly all of it.
    assert duration > 0.02, "input too small to tell"
    assert max(gaps) < duration / 2, (max(gaps), duration)
