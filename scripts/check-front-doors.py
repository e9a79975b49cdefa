#!/usr/bin/env python3
"""Runs the three front doors (the Rust, Python and Node inbox examples) on the sample inbox
with --json and checks that they agree exactly and that the output makes sense; then feeds
the sample inbox to the Node bot and checks its replies.

Run by scripts/test with the project venv's Python (webcare installed, the Node addon and
the Rust example built). Exits non-zero with a message on the first disagreement.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "inbox.jsonl"
PRIORITIES = {"low", "normal", "high", "urgent"}


def run(name: str, cmd: list[str], stdin: bytes | None = None) -> str:
    proc = subprocess.run(cmd, cwd=ROOT, input=stdin, capture_output=True, env=os.environ)
    if proc.returncode != 0:
        sys.exit(f"{name} failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
    return proc.stdout.decode()


def fail(message: str) -> None:
    sys.exit(f"front doors: {message}")


def main() -> None:
    doors = {
        "rust": ["cargo", "run", "--quiet", "-p", "webcare", "--example", "inbox", "--", "--json"],
        "python": [sys.executable, "examples/python/inbox.py", "--json"],
        "node": ["node", "examples/node/inbox.mjs", "--json"],
    }
    outputs: dict[str, Any] = {}
    for name, cmd in doors.items():
        text = run(name, cmd)
        try:
            outputs[name] = json.loads(text)
        except json.JSONDecodeError as e:
            fail(f"{name} printed no JSON ({e}): {text[:200]!r}")
    rust = outputs["rust"]
    for name in ("python", "node"):
        if outputs[name] != rust:
            for key in ("queue", "report"):
                if outputs[name][key] != rust[key]:
                    fail(f"{name} and rust disagree on {key}:\n{json.dumps(outputs[name][key])[:800]}\n{json.dumps(rust[key])[:800]}")

    messages = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    inbound = [m for m in messages if m["direction"] == "inbound"]
    queue, report = rust["queue"], rust["report"]
    if not queue:
        fail("the queue is empty")
    if len(queue) > 20 or any(q["priority"] not in PRIORITIES for q in queue):
        fail(f"odd queue: {queue}")
    order = ["urgent", "high", "normal", "low"]
    ranks = [order.index(q["priority"]) for q in queue]
    if ranks != sorted(ranks):
        fail(f"the queue is not by priority: {[q['priority'] for q in queue]}")
    ids = {m["id"] for m in inbound}
    if any(q["message_id"] not in ids for q in queue):
        fail("a queue item names a message that is not a customer message of the sample")
    if report["total"]["inbound"] != len(inbound):
        fail(f"report counts {report['total']['inbound']} customer messages, the sample has {len(inbound)}")
    if not report["channels"]:
        fail("the report has no channels")
    loud = [m for m in inbound if m["channel"] == "x" and (m.get("reach") or 0) >= 40_000]
    if loud:
        top = {q["message_id"] for q in queue[:3]} | {q["conversation"] for q in queue[:3]}
        wanted = {m["id"] for m in loud} | {m.get("case_id") for m in loud if m.get("case_id")}
        if not top & wanted:
            fail(f"no 40k-reach X complaint ({sorted(wanted)}) among the top 3 of the queue: {queue[:3]}")

    replies = [json.loads(line) for line in run("bot", ["node", "examples/node/bot.mjs"], SAMPLE.read_bytes()).splitlines() if line.strip()]
    if [r["id"] for r in replies] != [m["id"] for m in inbound]:
        fail("the bot did not answer every customer mention exactly once, in order")
    for r in replies:
        if r["priority"] not in PRIORITIES or not r["reply"] or r["language"] not in ("en", "nl"):
            fail(f"odd bot reply: {r}")
    print(f"front doors agree: {len(queue)} queue items, {len(report['channels'])} channels, {len(replies)} bot replies")


if __name__ == "__main__":
    main()
