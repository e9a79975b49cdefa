"""Ops of the consistency module, through the Python API. Spans come back as code-point
offsets; the vectors pin UTF-8 byte offsets, so they are converted back here."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import webcare


def _byte(text: str, i: int) -> int:
    return len(text[:i].encode())


def _at(value: Any) -> Any:
    """A vector's instant as a datetime (naive when the text has no offset); text that is
    no timestamp at all stays text, for core to refuse."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value


def _with_role(out: dict[str, Any], role: str | None) -> dict[str, Any]:
    if role is not None:
        out["role"] = role
    return out


def _check(inp: dict[str, Any]) -> dict[str, Any]:
    options = inp.get("options")
    checker = (
        webcare.ConsistencyChecker.from_json(json.dumps(options))
        if options is not None
        else webcare.ConsistencyChecker()
    )
    answers = [{**a, "at": _at(a["at"])} if "at" in a else a for a in inp["answers"]]
    texts = [a.get("answer", "") for a in answers]
    report = checker.check(answers)
    groups = []
    for g in report.groups:
        group: dict[str, Any] = {
            "answers": g.answers,
            "channels": [c.name for c in g.channels],
            "verdict": g.verdict,
            "conflicts": [
                _with_role(
                    {
                        "kind": c.kind,
                        "answers": list(c.answers),
                        "channels": [ch.name for ch in c.channels],
                        "values": list(c.values),
                        "spans": [
                            [_byte(texts[a], s[0]), _byte(texts[a], s[1])]
                            for a, s in zip(c.answers, c.spans)
                        ],
                    },
                    c.role,
                )
                for c in g.conflicts
            ],
            "gaps": [
                _with_role(
                    {
                        "kind": gap.kind,
                        "value": gap.value,
                        "missing_in": gap.missing_in,
                        "channels": [ch.name for ch in gap.channels],
                    },
                    gap.role,
                )
                for gap in g.gaps
            ],
        }
        if g.topic is not None:
            group["topic"] = g.topic
        groups.append(group)
    return {
        "groups": groups,
        "rate": report.rate,
        "pairs": [
            {
                "channels": [c.name for c in p.channels],
                "groups": p.groups,
                "consistent": p.consistent,
                "rate": p.rate,
            }
            for p in report.pairs
        ],
    }


def _facts(inp: dict[str, Any]) -> dict[str, Any]:
    text = inp["text"]
    return {
        "facts": [
            _with_role(
                {
                    "kind": f.kind,
                    "value": f.value,
                    "start": _byte(text, f.start),
                    "end": _byte(text, f.end),
                },
                f.role,
            )
            for f in webcare.extract_facts(text)
        ]
    }


OPS = {
    "consistency.check": _check,
    "consistency.facts": _facts,
}
