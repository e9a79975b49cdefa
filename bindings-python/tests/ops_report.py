"""Ops of the report and source (message reader) modules, through the Python API."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from typing import Any

import webcare


def _policy(value: Any) -> webcare.Policy:
    if value is None or value == "preset":
        return webcare.Policy.preset()
    return webcare.Policy.from_json(value if isinstance(value, str) else json.dumps(value))


def _mapping(value: Any) -> webcare.ColumnMapping:
    if value is None:
        return webcare.ColumnMapping()
    if value == "twcs":
        return webcare.ColumnMapping.twcs()
    return webcare.ColumnMapping.from_json(json.dumps(value))


def _from_messages(inp: dict[str, Any]) -> dict[str, Any]:
    messages = [webcare.Message.from_json(json.dumps(m)) for m in inp["messages"]]
    report = webcare.report(messages, _policy(inp.get("policy")))
    out: dict[str, Any] = json.loads(report.to_json())
    return out


def _merge_parts(inp: dict[str, Any]) -> dict[str, Any]:
    policy = _policy(inp.get("policy"))
    messages = [webcare.Message.from_json(json.dumps(m)) for m in inp["messages"]]
    latest = max((m.sent_at for m in messages), default=datetime(1970, 1, 1, tzinfo=timezone.utc))
    ats = inp.get("at") or []
    parts = []
    for i, ids in enumerate(inp["groups"]):
        inbox = webcare.Inbox(policy=policy)
        inbox.push_many([m for m in messages if m.id in ids])
        now = datetime.fromisoformat(ats[i].replace("Z", "+00:00")) if i < len(ats) else latest
        parts.append(inbox.report_part(now).to_json())
    out: dict[str, Any] = json.loads(webcare.ReportPart.merge_all(parts).finish().to_json())
    return out


def _read_csv(inp: dict[str, Any]) -> dict[str, Any]:
    mapping = _mapping(inp.get("mapping"))
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(inp["text"])
        messages = list(webcare.read_messages(path, mapping))
    finally:
        os.unlink(path)
    return {"messages": [json.loads(m.to_json()) for m in messages]}


OPS = {
    "report.from_messages": _from_messages,
    "report.merge_parts": _merge_parts,
    "source.read_csv": _read_csv,
}
