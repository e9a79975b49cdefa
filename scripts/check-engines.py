#!/usr/bin/env python3
"""Runs the polars and Spark examples on the sample inbox and checks their output against
webcare's own report of the same messages (an Inbox in Rust, no engine).

- examples/python/polars_report.py --json: per channel, the conversations, answered, median
  and p90 first-response times (calendar and business) equal the report's; the customer
  messages and complaints add up to the sample's (classified one by one).
- examples/python/spark_report.py --json (local[2]): the report equals the inbox's exactly.
  Skipped, saying so, when Java is missing.

Run by scripts/test with the project venv's Python. Exits non-zero on the first difference.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import webcare

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "inbox.jsonl"


def fail(message: str) -> None:
    sys.exit(f"engines: {message}")


def run(cmd: list[str]) -> Any:
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, env=os.environ)
    if proc.returncode != 0:
        fail(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')[-3000:]}")
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        fail(f"{' '.join(cmd)} printed no JSON ({e}): {proc.stdout[:300]!r}")


def sample() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def reference() -> dict[str, Any]:
    """The report of one inbox over the sample in time order (ties in file order)."""
    ms = sample()
    order = sorted(range(len(ms)), key=lambda i: (datetime.fromisoformat(ms[i]["sent_at"].replace("Z", "+00:00")), i))
    report = webcare.report([webcare.Message.from_json(json.dumps(ms[i])) for i in order], webcare.Policy.preset())
    return json.loads(report.to_json())


def check_polars(want: dict[str, Any]) -> None:
    rows = {r["channel"]: r for r in run([sys.executable, "examples/python/polars_report.py", "--json"])}
    channels = {c["channel"]: c for c in want["channels"]}
    if set(rows) != set(channels):
        fail(f"polars channels {sorted(rows)} != report channels {sorted(channels)}")
    for name, c in channels.items():
        r = rows[name]
        pairs = {
            "conversations": c["conversations"],
            "answered": c["answered"],
            "median_response_s": c["first_response"]["median_s"],
            "median_business_s": c["first_response_business"]["median_s"],
            "p90_business_s": c["first_response_business"]["p90_s"],
        }
        for key, value in pairs.items():
            if r[key] != value:
                fail(f"polars {name} {key} = {r[key]}, the report says {value}")
    inbound = [m for m in sample() if m["direction"] == "inbound"]
    if sum(r["inbound"] for r in rows.values()) != len(inbound):
        fail("polars counts another number of customer messages than the sample has")
    clf = webcare.Classifier()
    complaints = sum(
        clf.classify(m["text"], channel=m["channel"], reach=m.get("reach"), promoted=m.get("promoted", False)).label
        == "complaint"
        for m in inbound
    )
    if sum(r["complaints"] for r in rows.values()) != complaints:
        fail(f"polars counts {sum(r['complaints'] for r in rows.values())} complaints, classify one by one {complaints}")
    print(f"polars example agrees with the report on {len(rows)} channels")


def check_spark(want: dict[str, Any]) -> None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("spark example skipped: no Java (.ci/run installs openjdk-17-jre-headless)")
        return
    got = run([sys.executable, "examples/python/spark_report.py", "--json"])
    if got != want:
        fail(f"the Spark report differs from the inbox's:\n{json.dumps(got)[:1500]}\n{json.dumps(want)[:1500]}")
    print(f"spark example equals the inbox report ({got['total']['inbound']} customer messages)")


def main() -> None:
    want = reference()
    check_polars(want)
    check_spark(want)


if __name__ == "__main__":
    main()
