#!/usr/bin/env python3
"""webcare in polars: a per-channel table of an inbox export, computed by lazy streaming
queries with webcare's expressions (`webcare.pl`), no Python loop over messages.

    python examples/python/polars_report.py [FILE] [--json]

- FILE: JSON lines, one message per line (default: the sample inbox in examples/data/; try
  `python3 examples/data/generate.py --weeks 1000 --out /tmp/inbox-2m.jsonl`).
- --json: print the table as JSON (one object per channel) instead of text.

Two queries, both scanned lazily with `pl.scan_ndjson` and collected by the streaming engine:
1. every customer message classified (`webcare.pl.classify`, with its channel, reach and
   promotion) and counted per channel: memory stays flat in the number of messages;
2. the first reply of each conversation paired with its first customer message on a narrow
   projection (case_id, channel, direction, sent_at), and the business response time and the
   first-reply due instant computed with the preset policy's calendar and target for the
   conversation's channel at normal priority (`webcare.pl.business_elapsed`,
   `webcare.pl.due`). The pairing groups by conversation, so it holds those four columns per
   conversation; nothing else.

A conversation is a case_id, counted under the channel of its first customer message; its
conversations, answered, median and p90 (nearest rank) response times are the figures of
webcare's own report (`Inbox.report`); SLA met/breached here use the normal-priority target.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl

import webcare
import webcare.pl as wpl

DATA = Path(__file__).resolve().parents[1] / "data"

SCHEMA = {
    "id": pl.String,
    "channel": pl.String,
    "direction": pl.String,
    "author": pl.String,
    "sent_at": pl.String,
    "text": pl.String,
    "reply_to": pl.String,
    "case_id": pl.String,
    "reach": pl.Int64,
    "promoted": pl.Boolean,
}


def instant(column: str) -> pl.Expr:
    """RFC 3339 text with any offset (or Z) as a UTC instant."""
    text = pl.col(column).str.replace(r"Z$", "+00:00")
    return text.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f%:z", time_zone="UTC")


def nearest_rank(x: pl.Expr, p: float) -> pl.Expr:
    """The nearest-rank percentile, as webcare's report computes it: the smallest value with
    at least ceil(p * n) values at or below it."""
    values = x.drop_nulls().sort()
    return values.get((values.len() * p).ceil().cast(pl.Int64) - 1, null_on_oob=True)


def first_reply_targets(policy: webcare.Policy) -> dict[str, tuple[str, timedelta]]:
    """Per channel: the calendar name and target of the first reply at normal priority, from
    the first rule of `policy` that matches the channel."""
    doc = json.loads(policy.to_json())
    rules = {r["name"]: r for r in doc["rules"]}
    targets = {}
    for channel in webcare.Channel.built_in():
        rule = policy.select(channel=channel).rule
        target = rules[rule]["targets"].get("first_reply", {}).get("normal") if rule else None
        if target is not None:
            targets[channel] = (target["calendar"], webcare.Policy.parse_duration(target["within"]))
    return targets


def classified(lf: pl.LazyFrame) -> pl.LazyFrame:
    """Query 1: per channel, the customer messages and their classification."""
    label = pl.col("classification").struct.field("label")
    return (
        lf.filter(pl.col("direction") == "inbound")
        .select(
            "channel",
            wpl.classify("text", channel="channel", reach="reach", promoted=pl.col("promoted").fill_null(False)),
        )
        .group_by("channel")
        .agg(
            pl.len().alias("inbound"),
            (label == "complaint").sum().alias("complaints"),
            (label == "question").sum().alias("questions"),
            (label == "praise").sum().alias("praise"),
            pl.col("classification").struct.field("severity").mean().alias("mean_severity"),
            (pl.col("classification").struct.field("language") == "nl").mean().alias("dutch_share"),
        )
    )


def responses(lf: pl.LazyFrame, policy: webcare.Policy, now: Any) -> pl.LazyFrame:
    """Query 2: per channel, first replies and their business response times."""
    doc = json.loads(policy.to_json())
    calendars = {name: webcare.Calendar.from_json(json.dumps(c)) for name, c in doc["calendars"].items()}
    targets = first_reply_targets(policy)

    # The narrow projection: per message a key, its channel, its direction and its instant.
    inbound = pl.col("inbound")
    first_in = pl.when(inbound).then(pl.col("at")).min()
    conversations = (
        lf.select(
            "case_id",
            pl.col("channel").cast(pl.Categorical),
            (pl.col("direction") == "inbound").alias("inbound"),
            instant("sent_at").alias("at"),
        )
        .group_by("case_id")
        .agg(
            first_in.alias("first_in"),
            # The channel of the first customer message in the file (files are in time order).
            pl.col("channel").filter(inbound).first().cast(pl.String).alias("channel"),
            pl.when(~inbound & (pl.col("at") > first_in)).then(pl.col("at")).min().alias("first_reply"),
        )
        .filter(pl.col("first_in").is_not_null())
    )

    target = pl.col("channel").replace_strict(
        {c: t for c, (_, t) in targets.items()}, default=None, return_dtype=pl.Duration("us")
    )
    # Each calendar's business time and due instant on every row; the channel picks its own.
    elapsed: pl.Expr = pl.lit(None, dtype=pl.Duration("us"))
    due: pl.Expr = pl.lit(None, dtype=pl.Datetime("us", "UTC"))
    for name, cal in calendars.items():
        mine = pl.col("channel").is_in([c for c, (n, _) in targets.items() if n == name])
        elapsed = pl.when(mine).then(wpl.business_elapsed(cal, "first_in", "first_reply")).otherwise(elapsed)
        due = pl.when(mine).then(wpl.due(cal, "first_in", pl.col("target"))).otherwise(due)

    calendar_s = (pl.col("first_reply") - pl.col("first_in")).dt.total_seconds()
    business_s = pl.col("business").dt.total_seconds()
    met = pl.col("first_reply").is_not_null() & (pl.col("first_reply") <= pl.col("due"))
    breached = pl.col("due").is_not_null() & ~met & (pl.col("first_reply").is_not_null() | (pl.col("due") <= now))
    return (
        conversations.with_columns(target.alias("target"))
        .with_columns(elapsed.alias("business"), due.alias("due"))
        .group_by("channel")
        .agg(
            pl.len().alias("conversations"),
            pl.col("first_reply").is_not_null().sum().alias("answered"),
            nearest_rank(calendar_s, 0.5).alias("median_response_s"),
            nearest_rank(business_s, 0.5).alias("median_business_s"),
            nearest_rank(business_s, 0.9).alias("p90_business_s"),
            met.sum().alias("sla_met"),
            breached.sum().alias("sla_breached"),
        )
    )


def main() -> int:
    p = argparse.ArgumentParser(description="Per-channel table of an inbox with polars and webcare.")
    p.add_argument("file", nargs="?", type=Path, default=DATA / "inbox.jsonl", help="JSON lines of messages")
    p.add_argument("--json", action="store_true", help="print the table as JSON")
    args = p.parse_args()

    lf = pl.scan_ndjson(args.file, schema=SCHEMA)
    policy = webcare.Policy.preset()
    latest = lf.select(instant("sent_at").max()).collect(engine="streaming").item()
    if latest is None:
        print("no messages", file=sys.stderr)
        return 1
    counts = classified(lf).collect(engine="streaming")
    times = responses(lf, policy, latest).collect(engine="streaming")
    table = counts.join(times, on="channel", how="full", coalesce=True).sort("channel")

    if args.json:
        print(json.dumps(table.to_dicts(), default=str))
        return 0
    print(f"{table['inbound'].sum()} customer messages from {args.file.name}; read at {latest:%Y-%m-%d %H:%M} UTC\n")
    with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, float_precision=2, tbl_hide_dataframe_shape=True):
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
