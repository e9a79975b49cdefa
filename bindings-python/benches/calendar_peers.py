"""Calendar.elapsed per call, and elapsed_many over 1 million pairs, against the PyPI peers
`businesstime`, `businesstimedelta` and `workclock` on the same inputs (issue 3, item 7).

The calendar: 9-to-5 Monday-Friday in Europe/Amsterdam with 10 holidays a year. The spans:
30 minutes and 30 business days (240 open hours), from 1,000 starts inside opening hours
spread over 2026. Each peer is optional and skipped with a message when not installed
(none is in requirements-dev.txt):

    .venv/bin/pip install businesstime businesstimedelta workclock numpy   # once, optional
    .venv/bin/python bindings-python/benches/calendar_peers.py [--pairs 1000000]

`businesstime` has no time zones: it gets the same instants as naive Amsterdam wall-clock
times. Every number is the best of a few repeats; the ratios are peer time / webcare time
(above 1: webcare is faster).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, time as dtime, timedelta, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

import webcare

AMS = ZoneInfo("Europe/Amsterdam")
UTC = timezone.utc
HOLIDAYS = [
    # 2026
    "2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05",
    "2026-05-14", "2026-05-25", "2026-12-24", "2026-12-25", "2026-12-31",
    # 2027
    "2027-01-01", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-05",
    "2027-05-06", "2027-05-17", "2027-12-24", "2027-12-27", "2027-12-31",
]
DAYS = ["mon", "tue", "wed", "thu", "fri"]
CALENDAR_JSON = (
    '{"timezone": "Europe/Amsterdam", "hours": {'
    + ", ".join(f'"{d}": ["09:00-17:00"]' for d in DAYS)
    + '}, "holidays": ['
    + ", ".join(f'"{h}"' for h in HOLIDAYS)
    + "]}"
)
SPANS = {"30 minutes": timedelta(minutes=30), "30 business days": timedelta(hours=8 * 30)}


def best(run: Callable[[], Any], repeats: int = 5) -> float:
    """The best wall time of `repeats` runs, in seconds."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def starts(cal: webcare.Calendar, n: int) -> list[datetime]:
    """`n` instants inside opening hours in 2026, the same on every run."""
    rng = random.Random(7)
    out: list[datetime] = []
    t0 = datetime(2026, 1, 5, tzinfo=UTC)
    while len(out) < n:
        t = t0 + timedelta(minutes=rng.randrange(0, 330 * 24 * 60))
        if cal.is_open(t):
            out.append(t)
    return out


def per_call(name: str, fn: Callable[[Any, Any], Any], pairs: list[tuple[Any, Any]]) -> float:
    """Seconds per call of `fn` over `pairs`."""

    def run() -> None:
        for a, b in pairs:
            fn(a, b)

    return best(run) / len(pairs)


def peers(dates: list[date]) -> dict[str, tuple[Callable[[Any, Any], Any], str]]:
    """Each installed peer as (elapsed function, input kind: aware / naive)."""
    found: dict[str, tuple[Callable[[Any, Any], Any], str]] = {}
    try:
        from businesstime import BusinessTime

        bt = BusinessTime(business_hours=(dtime(9), dtime(17)), weekends=(5, 6), holidays=dates)
        found["businesstime"] = (bt.businesstimedelta, "naive")
    except ImportError:
        print("businesstime: not installed, skipped (pip install businesstime)")
    try:
        import businesstimedelta as btd
        import pytz

        tz = pytz.timezone("Europe/Amsterdam")
        rules = btd.Rules(
            [
                btd.WorkDayRule(dtime(9), dtime(17), working_days=[0, 1, 2, 3, 4], tz=tz),
                btd.HolidayRule(dates, tz=tz),
            ]
        )
        found["businesstimedelta"] = (rules.difference, "aware")
    except ImportError:
        print("businesstimedelta: not installed, skipped (pip install businesstimedelta)")
    try:
        import workclock

        schedule = workclock.Schedule(
            [workclock.WorkDay(dtime(9), dtime(17)), workclock.Holidays(dates)],
            time_zone="Europe/Amsterdam",
        )
        found["workclock"] = (schedule.between, "aware")
        found["workclock (batch)"] = (schedule.between_many, "batch")
    except ImportError:
        print("workclock: not installed, skipped (pip install workclock)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=1_000_000, help="pairs in the batch")
    parser.add_argument("--calls", type=int, default=1_000, help="distinct pairs per call test")
    args = parser.parse_args()

    cal = webcare.Calendar.from_json(CALENDAR_JSON)
    dates = [date.fromisoformat(h) for h in HOLIDAYS]
    found = peers(dates)
    calls = [(name, fn) for name, (fn, kind) in found.items() if kind != "batch"]
    print(f"webcare {webcare.__version__}, Python {sys.version.split()[0]}")
    print(f"calendar: {CALENDAR_JSON}\n")

    a = starts(cal, args.calls)
    for label, span in SPANS.items():
        b = cal.add_many(a, [span] * len(a))
        aware = list(zip(a, b))
        naive = [(x.astimezone(AMS).replace(tzinfo=None), y.astimezone(AMS).replace(tzinfo=None)) for x, y in aware]
        ours = per_call("webcare", cal.elapsed, aware)
        print(f"elapsed per call, {label}: webcare {ours * 1e9:,.0f} ns")
        for name, fn in calls:
            kind = found[name][1]
            theirs = per_call(name, fn, naive if kind == "naive" else aware)
            print(f"  {name:<18} {theirs * 1e9:>12,.0f} ns   ratio {theirs / ours:7.1f}x")
        if "workclock" in found:
            wc = found["workclock"][0]
            agree = sum(wc(x, y) == span for x, y in aware)
            print(f"  (workclock agrees with webcare on {agree} of {len(aware)} pairs)")
        print()

    n = args.pairs
    span = SPANS["30 business days"]
    b = cal.add_many(a, [span] * len(a))
    big_a = (a * (n // len(a) + 1))[:n]
    big_b = (b * (n // len(b) + 1))[:n]
    print(f"elapsed over {n:,} pairs (30 business days each):")
    batch = best(lambda: cal.elapsed_many(big_a, big_b), 3)
    print(f"  webcare elapsed_many, lists       {batch:8.3f} s  ({batch / n * 1e9:,.0f} ns a pair)")
    loop = best(lambda: [cal.elapsed(x, y) for x, y in zip(big_a, big_b)], 3)
    print(f"  webcare elapsed in a Python loop  {loop:8.3f} s   ratio {loop / batch:6.1f}x")
    try:
        import numpy as np

        na = np.array([t.replace(tzinfo=None) for t in big_a], dtype="datetime64[us]")
        nb = np.array([t.replace(tzinfo=None) for t in big_b], dtype="datetime64[us]")
        arrays = best(lambda: cal.elapsed_many(na, nb), 3)
        print(f"  webcare elapsed_many, numpy       {arrays:8.3f} s   ratio {loop / arrays:6.1f}x"
              " (Python loop / numpy batch)")
    except ImportError:
        np = None
        print("  numpy: not installed, numpy batch skipped")
    if "workclock (batch)" in found:
        many = found["workclock (batch)"][0]
        theirs = best(lambda: many(big_a, big_b), 3)
        print(f"  workclock between_many, lists     {theirs:8.3f} s   ratio {theirs / batch:6.1f}x")
        if np is not None:
            theirs = best(lambda: many(na, nb), 3)
            print(f"  workclock between_many, numpy     {theirs:8.3f} s   ratio {theirs / arrays:6.1f}x")


if __name__ == "__main__":
    main()
