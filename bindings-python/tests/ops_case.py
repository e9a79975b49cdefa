"""Ops of the policy, case and expected modules, through the Python API."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import webcare


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _policy(inp: dict[str, Any]) -> webcare.Policy:
    p = inp["policy"]
    if p == "preset":
        return webcare.Policy.preset()
    return webcare.Policy.from_json(p if isinstance(p, str) else json.dumps(p))


def _parse(inp: dict[str, Any]) -> dict[str, Any]:
    p = _policy(inp)
    assert webcare.Policy.from_json(p.to_json()) == p
    return {"policy": json.loads(p.to_json())}


def _select(inp: dict[str, Any]) -> dict[str, Any]:
    s = _policy(inp).select(
        channel=inp.get("channel"),
        priority=inp.get("priority"),
        language=inp.get("language"),
        tags=inp.get("tags"),
        contact_tags=inp.get("contact_tags"),
    )
    out: dict[str, Any] = {"rule": s.rule, "no_rule_matched": s.no_rule_matched}
    if s.index is not None:
        out["index"] = s.index
    return out


def _ms(d: timedelta) -> int:
    return (d.days * 86400 + d.seconds) * 1000 + d.microseconds // 1000


def _event(inp: dict[str, Any]) -> dict[str, Any]:
    # Through a dict with `at` as an aware datetime when it parses as one, else as text.
    doc = dict(inp["event"])
    if isinstance(doc.get("at"), str):
        try:
            at = _at(doc["at"])
            if at.tzinfo is not None:
                doc["at"] = at
        except ValueError:
            pass
    case = webcare.Case(webcare.Policy.preset())
    case.apply(doc)
    (e,) = case.events
    assert webcare.Event.from_json(e.to_json()) == e
    return {"event": json.loads(e.to_json())}


def _build(inp: dict[str, Any]) -> webcare.Case:
    case = webcare.Case(_policy(inp))
    for e in inp.get("events", []):
        case.apply(e)
    restored = webcare.Case.from_snapshot(case.to_snapshot())
    assert restored == case
    return case


def _s(d: timedelta | None) -> int | None:
    return None if d is None else int(d.total_seconds())


def _clock(c: webcare.Clock) -> dict[str, Any]:
    out: dict[str, Any] = {
        "metric": c.metric,
        "state": c.state,
        "started_at": c.started_at.isoformat(),
        "target_s": _s(c.target),
        "calendar": c.calendar,
        "elapsed_s": _s(c.elapsed),
    }
    for key, value in [
        ("due", c.due),
        ("warn_at", c.warn_at),
        ("stopped_at", c.stopped_at),
    ]:
        if value is not None:
            out[key] = value.isoformat()
    for key, d in [
        ("business_left_s", c.business_left),
        ("calendar_left_s", c.calendar_left),
        ("breached_by_s", c.breached_by),
        ("breached_by_calendar_s", c.breached_by_calendar),
    ]:
        if d is not None:
            out[key] = _s(d)
    return out


def _clocks(inp: dict[str, Any]) -> dict[str, Any]:
    case = _build(inp)
    now = _at(inp["at"])
    r = case.read(now)
    assert [_clock(c) for c in case.clocks(now)] == [_clock(c) for c in r.clocks]
    assert case.next_deadline(now) == r.next_deadline
    return {
        "status": r.status,
        "priority": r.priority,
        "rule": r.rule,
        "no_rule_matched": r.no_rule_matched,
        "clocks": [_clock(c) for c in r.clocks],
        "next_deadline": None if r.next_deadline is None else r.next_deadline.isoformat(),
    }


def _explain(inp: dict[str, Any]) -> dict[str, Any]:
    x = _build(inp).explain(inp["metric"], _at(inp["at"]))
    instances = []
    for t in x.instances:
        inst: dict[str, Any] = {
            "rule": t.rule,
            "within": t.within,
            "warn": t.warn,
            "kept_s": _s(t.kept),
            "spans": [
                {"from": s.start.isoformat(), "to": s.end.isoformat(), "business_s": _s(s.business)}
                for s in t.spans
            ],
            "steps": [
                {
                    k: v
                    for k, v in {
                        "at": st.at.isoformat(),
                        "kind": st.kind,
                        "event": st.event,
                        "event_type": st.event_type,
                        "detail": st.detail,
                    }.items()
                    if v is not None
                }
                for st in t.steps
            ],
            "sentence": t.text,
            "reading": None if t.reading is None else _clock(t.reading),
        }
        instances.append(inst)
    return {
        "metric": x.metric,
        "rule": x.rule,
        "no_rule_matched": x.no_rule_matched,
        "priority": x.priority,
        "instances": instances,
        "sentence": x.text,
    }


def _restore(inp: dict[str, Any]) -> dict[str, Any]:
    snap = inp["snapshot"]
    case = webcare.Case.from_snapshot(snap if isinstance(snap, str) else json.dumps(snap))
    return {"snapshot": json.loads(case.to_snapshot()), "events": len(case)}


def _response_time(inp: dict[str, Any]) -> dict[str, Any]:
    (window,) = [k for k in ("last_replies", "last_hours", "last_days") if k in inp]
    method = inp["method"]
    value = inp["percentile"] if method == "percentile" else inp["share"]
    est = webcare.Estimator(window, inp[window], method, value, inp.get("min_samples", 5))
    samples = [
        (s["channel"], _at(s["customer_at"]), _at(s["first_reply_at"])) for s in inp["samples"]
    ]
    return {
        "estimates": [
            {
                "channel": e.channel.name,
                "sample_size": e.sample_size,
                "expected_ms": None if e.time is None else _ms(e.time),
                "rounded_ms": None if e.rounded is None else _ms(e.rounded),
                "sentence_en": e.sentence("en"),
                "sentence_nl": e.sentence("nl"),
            }
            for e in est.estimate(samples, _at(inp["at"]))
        ]
    }


OPS = {
    "policy.parse": _parse,
    "policy.duration": lambda i: {"duration_ms": _ms(webcare.Policy.parse_duration(i["duration"]))},
    "policy.select": _select,
    "case.event": _event,
    "case.clocks": _clocks,
    "case.explain": _explain,
    "case.restore": _restore,
    "expected.response_time": _response_time,
}
