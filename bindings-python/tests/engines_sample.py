"""The sample inbox as the Arrow, polars and Spark tests use it: messages, and pairs of a customer
message with the next company reply in its conversation (for business_elapsed and due)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import webcare

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "inbox.jsonl"


def messages() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def office() -> webcare.Calendar:
    """The preset policy's office calendar (Amsterdam, weekdays 9 to 5): the sample's week
    ends on the night Amsterdam moves its clocks (2026-03-29)."""
    doc = json.loads(webcare.Policy.preset().to_json())
    return webcare.Calendar.from_json(json.dumps(doc["calendars"]["office"]))


def reply_pairs() -> list[tuple[datetime, datetime]]:
    """(customer message, next company reply in the same conversation) instants, in UTC;
    customer messages without a later reply are left out."""
    by_case: dict[str, list[dict[str, Any]]] = {}
    for m in messages():
        by_case.setdefault(m["case_id"], []).append(m)
    pairs = []
    for case in by_case.values():
        case.sort(key=lambda m: instant(m["sent_at"]))
        for i, m in enumerate(case):
            if m["direction"] != "inbound":
                continue
            start = instant(m["sent_at"])
            reply = next((r for r in case[i + 1 :] if r["direction"] == "outbound"), None)
            if reply is not None:
                pairs.append((start.astimezone(timezone.utc), instant(reply["sent_at"]).astimezone(timezone.utc)))
    return pairs


DURATIONS = [timedelta(minutes=5), timedelta(hours=1), timedelta(hours=24), timedelta(seconds=1, microseconds=7)]
