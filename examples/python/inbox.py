#!/usr/bin/env python3
"""The main example in Python: streams an inbox of messages through webcare's pipeline and
prints the work queue (what to answer first, why, by when, and how) and the report per
channel. The same program as examples/rust/inbox.rs, with the same arguments and output.

    python examples/python/inbox.py [FILE] [--links FILE] [--mapping twcs|MAPPING.json]
                                    [--now RFC3339] [--json] [--frame] [--html FILE]

- FILE: JSON lines (one message per line), or CSV when the name ends in .csv, read with the
  column mapping --mapping (twcs for the Kaggle "Customer Support on Twitter" export, or a
  mapping JSON file; default: columns named as the message fields). Without it: the sample
  inbox in examples/data/.
- --links: JSON lines {"a": "x:@ann", "b": "email:ann@example.nl", "evidence": "..."}
  linking handles of one person (default: links.jsonl beside the sample inbox).
- --now: the instant to read the queue and report at (default: the latest message).
- --json: print {"queue": [...], "report": {...}} instead of the text.
- --html FILE: also write the report as one self-contained HTML page, with the complaints
  of the queue (the top 100 waiting conversations).
- --frame: also print the report as a polars DataFrame (when polars is installed).

JSON lines are read with the standard library in chunks of whole lines and parsed in Rust
(`Inbox.push_jsonl`, one call per chunk, the work done without the GIL); CSV goes through
webcare's reader in batches. A progress bar goes to stderr for inputs over 100,000 messages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import webcare

DATA = Path(__file__).resolve().parents[1] / "data"
CHUNK = 1 << 20  # bytes of JSON lines per call: about 4,000 messages
BATCH = 4096  # CSV messages per call


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Queue and report of an inbox of messages.")
    p.add_argument("file", nargs="?", type=Path, help="JSON lines or CSV (default: the sample inbox)")
    p.add_argument("--links", type=Path, help="JSON lines of handle links")
    p.add_argument("--mapping", help="twcs or a column mapping JSON file (CSV only)")
    p.add_argument("--now", help="RFC 3339 instant to read the queue and report at")
    p.add_argument("--json", action="store_true", help="print the queue and report as JSON")
    p.add_argument("--html", type=Path, help="also write the report as an HTML page to this file")
    p.add_argument("--frame", action="store_true", help="also print the report as a polars DataFrame")
    args = p.parse_args()
    if args.file is None:
        args.file = DATA / "inbox.jsonl"
        if args.links is None:
            args.links = DATA / "links.jsonl"
    return args


def human(seconds: int) -> str:
    s = abs(seconds)
    if s < 60:
        text = f"{s}s"
    elif s < 3600:
        text = f"{s // 60}m"
    elif s < 86_400:
        text = f"{s // 3600}h{s % 3600 // 60:02}m"
    else:
        text = f"{s // 86_400}d{s % 86_400 // 3600:02}h"
    return f"-{text}" if seconds < 0 else text


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fmt_instant(t: datetime) -> str:
    """RFC 3339 in UTC with `Z`, fractions only when present (as webcare writes instants)."""
    t = t.astimezone(timezone.utc)
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        frac = f"{t.microsecond:06}"
        frac = frac[:3] if frac.endswith("000") else frac
        base += "." + frac
    return base + "Z"


class Progress:
    """A progress bar on stderr, shown past 100,000 messages."""

    def __init__(self, size: int) -> None:
        self.size = max(size, 1)
        self.started = time.perf_counter()
        self.shown = False
        self.next_at = 100_000

    def update(self, count: int, done_bytes: int) -> None:
        if count < self.next_at:
            return
        self.next_at = count + 4096 * 16
        done = done_bytes / self.size
        filled = min(int(done * 30), 30)
        rate = count / max(time.perf_counter() - self.started, 1e-9)
        print(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done * 100:>3.0f}%  {count} messages  {rate:.0f}/s", end="", file=sys.stderr)
        self.shown = True


def push_jsonl(inbox: webcare.Inbox, path: Path, progress: Progress) -> int:
    count = 0
    line = 1
    done = 0
    with open(path, "rb") as f:
        rest = b""
        while True:
            block = f.read(CHUNK)
            if not block:
                break
            done += len(block)
            data = rest + block
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            chunk, rest = data[:cut], data[cut:]
            count += inbox.push_jsonl(chunk, first_line=line)
            line += chunk.count(b"\n")
            progress.update(count, done)
        if rest.strip():
            count += inbox.push_jsonl(rest, first_line=line)
    return count


def push_csv(inbox: webcare.Inbox, path: Path, mapping: webcare.ColumnMapping, progress: Progress) -> int:
    reader = webcare.read_messages(path, mapping)
    count = 0
    skipped = 0
    while True:
        try:
            batch = reader.read(BATCH)
        except webcare.WebcareError as e:
            # A malformed row of an export (an unquoted line break in a tweet): skip it, say
            # so, and read on.
            if e.code != "invalid_record":
                raise
            skipped += 1
            if skipped <= 3:
                print(f"{path}: skipped: {e}", file=sys.stderr)
            continue
        if not batch:
            break
        inbox.push_many(batch)
        count += len(batch)
        progress.update(count, 0)
    if skipped:
        print(f"{path}: {skipped} malformed records skipped", file=sys.stderr)
    return count


def main() -> int:
    args = parse_args()
    inbox = webcare.Inbox()
    if args.links is not None and args.links.exists():
        with open(args.links, encoding="utf-8") as f:
            for text in f:
                if text.strip():
                    link = json.loads(text)
                    inbox.link(link["a"], link["b"], link.get("evidence", ""))

    progress = Progress(os.path.getsize(args.file))
    started = time.perf_counter()
    try:
        if args.file.suffix.lower() == ".csv":
            if args.mapping == "twcs":
                mapping = webcare.ColumnMapping.twcs()
            elif args.mapping is not None:
                mapping = webcare.ColumnMapping.from_json(Path(args.mapping).read_text(encoding="utf-8"))
            else:
                mapping = webcare.ColumnMapping()
            count = push_csv(inbox, args.file, mapping, progress)
        else:
            count = push_jsonl(inbox, args.file, progress)
    except webcare.WebcareError as e:
        print(f"{args.file}: {e} ({e.code})", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    if progress.shown:
        print(file=sys.stderr)

    if args.now is not None:
        now = datetime.fromisoformat(args.now.replace("Z", "+00:00"))
    elif inbox.latest is not None:
        now = inbox.latest
    else:
        print("no messages", file=sys.stderr)
        return 1
    print(
        f"{count} messages in {elapsed:.2f}s ({count / max(elapsed, 1e-9):.0f} messages/s); "
        f"{inbox.open_conversations} conversations open",
        file=sys.stderr,
    )

    queue = inbox.queue(now, 20)
    report = inbox.report(now)
    if args.html is not None:
        args.html.write_text(report.to_html(queue=inbox.queue(now, 100)), encoding="utf-8")
        print(f"wrote {args.html}", file=sys.stderr)
    if args.json:
        out: dict[str, Any] = {
            "queue": [{"conversation": q.conversation, "message_id": q.message_id, "priority": q.priority} for q in queue],
            "report": json.loads(report.to_json()),
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0

    print(f"{count} messages from {args.file.name}; queue and report at {fmt_instant(now)}\n")
    print(f"Queue: the {len(queue)} conversations to answer first")
    for i, item in enumerate(queue, 1):
        if item.due is not None:
            due = f"due {fmt_instant(item.due)} (in {human(int((item.due - now).total_seconds()))})"
        else:
            due = "no deadline"
        handle = str(item.handles[0]) if item.handles else ""
        waiting = human(int(item.waiting.total_seconds()))
        print(f"{i:>2}. {item.priority.upper():<6} {item.channel.name:<8} {shorten(handle, 28):<28} waiting {waiting:<7} {due}")
        print(f'    [{item.label}] "{shorten(item.text, 100)}"')
        triage = item.triage
        if triage is not None:
            reasons = [r["detail"] for r in triage["reasons"]]
            if reasons:
                print(f"    why: score {triage['score']:.1f}: {'; '.join(reasons)}")
            for advice in triage["advice"][:2]:
                print(f"    do:  {advice['text']}")
    print()
    print(report.to_text(), end="")
    if args.frame:
        try:
            print(report.to_polars())
        except ImportError as e:
            print(e, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
