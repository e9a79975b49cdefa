"""Ops of the triage module, through the Python API."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import webcare


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _triager(inp: dict[str, Any]) -> webcare.Triager:
    weights = inp.get("weights")
    if weights is None:
        return webcare.Triager()
    return webcare.Triager(weights if isinstance(weights, str) else json.dumps(weights))


def _one(inp: dict[str, Any]) -> dict[str, Any]:
    triager = _triager(inp)
    message = webcare.Message.from_json(json.dumps(inp["message"]))
    if "classification" in inp:
        classification = webcare.Classification.from_json(json.dumps(inp["classification"]))
    else:
        classification = webcare.Classifier().classify(message.text)
    sla: dict[str, timedelta] = {}
    if "sla_left_ms" in inp:
        sla = {
            "sla_left": timedelta(milliseconds=inp["sla_left_ms"]),
            "sla_target": timedelta(milliseconds=inp["sla_target_ms"]),
        }
    since = inp.get("unresolved_since")
    t = triager.triage(
        message,
        classification,
        now=_instant(inp["now"]),
        earlier_channels=inp.get("earlier_channels", ()),
        unresolved_since=None if since is None else _instant(since),
        **sla,
    )
    return {
        "priority": t.priority,
        "score": t.score,
        "reasons": [{"kind": r.kind, "points": r.points, "detail": r.detail} for r in t.reasons],
        "points": {r.kind: r.points for r in t.reasons},
        "advice": [{"kind": a.kind, "text": a.text} for a in t.advice],
        "advice_kinds": [a.kind for a in t.advice],
        "language": t.language,
    }


def _weights(inp: dict[str, Any]) -> dict[str, Any]:
    written = _triager(inp).to_json()
    return {
        "weights": json.loads(written),
        "round_trips": webcare.Triager.from_json(written).to_json() == written,
    }


OPS = {
    "triage.one": _one,
    "triage.weights": _weights,
}
