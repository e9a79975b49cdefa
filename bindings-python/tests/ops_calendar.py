"""Ops of the calendar module, through the Python API."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import webcare

# Vector cases the Python runner does not run, with the reason.
NOT_SUPPORTED: dict[str, str] = {
    "calendar/errors/garbage-instant": (
        "the instant 'yesterday' has no Python datetime to pass: Python's datetime cannot be "
        "invalid, and a str is refused with TypeError before webcare sees it (Node runs it "
        "as an invalid Date)"
    ),
}


def _calendar(inp: dict[str, Any]) -> webcare.Calendar:
    doc = inp["calendar"]
    return webcare.Calendar.from_json(doc if isinstance(doc, str) else json.dumps(doc))


def _instant(text: str) -> datetime:
    # A vector instant without an offset becomes a naive datetime, which webcare refuses.
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _ms(d: timedelta) -> int:
    return d // timedelta(milliseconds=1)


def _doc(cal: webcare.Calendar) -> dict[str, Any]:
    return {"calendar": json.loads(cal.to_json())}


def _add_many(inp: dict[str, Any]) -> dict[str, Any]:
    due = _calendar(inp).add_many(
        [_instant(s) for s in inp["starts"]],
        [timedelta(milliseconds=d) for d in inp["durations_ms"]],
    )
    return {"due": [t.isoformat() for t in due]}


def _elapsed_many(inp: dict[str, Any]) -> dict[str, Any]:
    elapsed = _calendar(inp).elapsed_many(
        [_instant(s) for s in inp["from"]], [_instant(s) for s in inp["to"]]
    )
    return {"elapsed_ms": [_ms(d) for d in elapsed]}


OPS = {
    "calendar.parse": lambda i: _doc(_calendar(i)),
    "calendar.add": lambda i: {
        "due": _calendar(i)
        .add(_instant(i["start"]), timedelta(milliseconds=i["duration_ms"]))
        .isoformat()
    },
    "calendar.sub": lambda i: {
        "start": _calendar(i)
        .sub(_instant(i["end"]), timedelta(milliseconds=i["duration_ms"]))
        .isoformat()
    },
    "calendar.elapsed": lambda i: {
        "elapsed_ms": _ms(_calendar(i).elapsed(_instant(i["from"]), _instant(i["to"])))
    },
    "calendar.is_open": lambda i: {"open": _calendar(i).is_open(_instant(i["at"]))},
    "calendar.next_open": lambda i: {"at": _calendar(i).next_open(_instant(i["at"])).isoformat()},
    "calendar.next_close": lambda i: {
        "at": _calendar(i).next_close(_instant(i["at"])).isoformat()
    },
    "calendar.add_many": _add_many,
    "calendar.elapsed_many": _elapsed_many,
    "calendar.import_ics": lambda i: _doc(_calendar(i).with_ics_holidays(i["ics"])),
}
