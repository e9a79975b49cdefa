"""The case API from Python: typed events and dicts, aware datetimes, clocks with
timedeltas, errors with `.code`, pickling through the snapshot, the GIL-free batch replay."""

from __future__ import annotations

import pickle
import threading
from datetime import datetime, timedelta, timezone

import pytest

import webcare

CET = timezone(timedelta(hours=1))
UTC = timezone.utc


def at(h: int, m: int = 0, day: int = 6) -> datetime:
    return datetime(2026, 3, day, h, m, tzinfo=UTC)


def test_typed_events_and_dicts_give_the_same_case() -> None:
    typed = webcare.Case(webcare.Policy.preset())
    typed.apply(webcare.CustomerMessage("m1", at(22, 50), "x"))
    typed.apply(webcare.InternalNote("n1", at(23)))
    dicts = webcare.Case(webcare.Policy.preset())
    dicts.apply({"id": "m1", "at": "2026-03-06T23:50:00+01:00", "type": "customer_message", "channel": "x"})
    dicts.apply({"id": "n1", "at": at(23), "type": "internal_note"})
    assert typed == dicts
    assert [type(e).__name__ for e in typed.events] == ["CustomerMessage", "InternalNote"]
    assert all(isinstance(e, webcare.Event) for e in typed.events)


def test_clocks_are_typed() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply_many(
        [
            webcare.CustomerMessage("m1", at(22, 50), webcare.Channel("x")),
            webcare.InternalNote("n1", at(23)),
        ]
    )
    (first,) = case.clocks(datetime(2026, 3, 7, 0, 10, tzinfo=CET))
    assert first.metric == "first_reply"
    assert first.state == "running"
    assert first.business_left == timedelta(minutes=40)
    assert first.elapsed == timedelta(minutes=20)
    assert first.due == at(23, 50)
    assert first.due is not None and first.due.utcoffset() == timedelta(0)
    assert first.breached_by is None
    assert case.next_deadline(at(23, 10)) == first.warn_at or case.next_deadline(at(23, 10)) == first.due
    reading = case.read(at(23, 10))
    assert reading.status == "open"
    assert reading.rule == "public social"
    assert reading.no_rule_matched is False
    case.apply(webcare.ReplyPrivate("d1", at(23, 20), channel="x_dm"))
    assert case.clocks(at(23, 30))[0].state == "met"


def test_breach_is_a_timedelta() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply({"id": "m1", "at": at(10), "type": "customer_message", "channel": "facebook"})
    case.apply(webcare.ReplyPublic("r1", at(11, 15)))
    first = case.clocks(at(12))[0]
    assert first.state == "breached"
    assert first.breached_by == timedelta(minutes=15)


def test_explain_has_data_and_text() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply(webcare.CustomerMessage("m1", at(22, 50), "x"))
    case.apply(webcare.InternalNote("n1", at(23)))
    why = case.explain("first_reply", at(23, 10))
    assert why.rule == "public social"
    assert "internal note n1" in why.text
    assert str(why) == why.text
    steps = why.instances[0].steps
    assert steps[0].kind == "started" and steps[0].event == "m1"
    assert why.instances[0].spans[0].business == timedelta(minutes=20)


def test_naive_datetime_and_bad_events_raise_typed_errors() -> None:
    case = webcare.Case(webcare.Policy.preset())
    with pytest.raises(webcare.InvalidInputError) as info:
        case.apply(webcare.CustomerMessage("m1", datetime(2026, 3, 6, 10), "x"))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        case.clocks(datetime(2026, 3, 6, 10))
    assert info.value.code == "naive_datetime"
    with pytest.raises(webcare.InvalidInputError) as info:
        case.apply({"id": "m1", "at": at(10), "type": "customer_message", "channel": "x", "needsReply": False})
    assert info.value.code == "invalid_json"
    with pytest.raises(webcare.InvalidInputError) as info:
        case.apply({"id": "m1", "at": at(10), "type": "shouted"})
    assert info.value.code == "unknown_event_type"
    with pytest.raises(TypeError):
        case.apply(["not", "an", "event"])  # type: ignore[arg-type]
    with pytest.raises(webcare.InvalidInputError) as info:
        case.explain("first_answer", at(10))  # type: ignore[arg-type]
    assert info.value.code == "unknown_metric"
    assert len(case) == 0


def test_duplicate_id_and_apply_many_is_all_or_nothing() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply(webcare.CustomerMessage("m1", at(10), "x"))
    with pytest.raises(webcare.InvalidInputError) as info:
        case.apply_many([webcare.Solved("s1", at(11)), webcare.CustomerMessage("m1", at(10, 5), "x")])
    assert info.value.code == "duplicate_event_id"
    assert len(case) == 1


def test_policy_errors_name_the_value_and_policy_pickles() -> None:
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Policy.from_json(
            '{"rules": [{"name": "r", "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "ofice"}}}}]}'
        )
    assert info.value.code == "unknown_calendar"
    with pytest.raises(webcare.JsonError):
        webcare.Policy.from_json('{"rules": [], "rulez": []}')
    preset = webcare.Policy.preset()
    assert pickle.loads(pickle.dumps(preset)) == preset
    assert webcare.Policy.parse_duration("1h30m") == timedelta(minutes=90)
    assert preset.select(channel="email").rule == "email and web form"


def test_case_and_events_pickle_through_the_snapshot() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply(webcare.CustomerMessage("m1", at(10), "x", needs_reply=True, contact_tags=["VIP"]))
    case.apply(webcare.PriorityChange("p1", at(10, 20), "urgent"))
    case.apply(webcare.TagChange("t1", at(10, 25), add=["refund"]))
    again = pickle.loads(pickle.dumps(case))
    assert again == case
    assert again.to_snapshot() == case.to_snapshot()
    assert webcare.Case.from_snapshot(case.to_snapshot()) == case
    e = pickle.loads(pickle.dumps(case.events[1]))
    assert isinstance(e, webcare.PriorityChange) and e.priority == "urgent"
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Case.from_snapshot('{"version": 99, "policy": "preset", "events": []}')
    assert info.value.code == "unsupported_snapshot_version"


def test_policy_change_takes_a_policy_object() -> None:
    case = webcare.Case(webcare.Policy.preset())
    case.apply(webcare.CustomerMessage("m1", at(10), "x"))
    case.apply(webcare.PolicyChange("pc", at(10, 10), webcare.Policy.preset()))
    case.apply({"id": "pc2", "at": at(10, 20), "type": "policy_change", "policy": webcare.Policy.preset()})
    assert len(case) == 3


def test_replay_cases_releases_the_gil() -> None:
    events = {
        f"c{i}": [
            {"id": "m1", "at": at(10), "type": "customer_message", "channel": "x"},
            webcare.ReplyPublic("r1", at(10, 30)),
        ]
        for i in range(2000)
    }
    ticks = 0
    stop = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    t = threading.Thread(target=tick)
    t.start()
    try:
        out = webcare.replay_cases(webcare.Policy.preset(), events, at(12))
    finally:
        stop.set()
        t.join()
    assert len(out) == 2000
    assert out["c7"][0].state == "met"
    with pytest.raises(webcare.InvalidInputError):
        webcare.replay_cases(webcare.Policy.preset(), {"a": [{"id": "m1", "at": at(10), "type": "nope"}]}, at(12))


def test_estimator() -> None:
    now = at(12)
    samples = [("x", now - timedelta(hours=i + 1), now - timedelta(hours=i + 1) + timedelta(minutes=m)) for i, m in enumerate([12, 18, 20, 23, 9, 15])]
    (est,) = webcare.Estimator.percentile_of_last(100, 90.0).estimate(samples, now)
    assert est.channel == webcare.Channel("x")
    assert est.sample_size == 6
    assert est.time == timedelta(minutes=23)
    assert est.rounded == timedelta(minutes=25)
    assert est.sentence("en") == "We usually reply within 25 minutes"
    assert est.sentence("nl") == "Meestal reageren we binnen 25 minuten"
    with pytest.raises(webcare.InvalidInputError):
        est.sentence("de")  # type: ignore[arg-type]
    dicts = [{"channel": c, "customer_at": a, "first_reply_at": b} for c, a, b in samples]
    (few,) = webcare.Estimator.fastest_90_percent_of_30_days().with_min_samples(10).estimate(dicts, now)
    assert few.time is None and few.sentence("en") is None
    with pytest.raises(webcare.InvalidInputError) as info:
        webcare.Estimator("last_replies", 0, "percentile", 90, 5)
    assert info.value.code == "invalid_estimator_setting"
