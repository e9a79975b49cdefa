"""Events per second for replaying 1 million events across 100,000 cases through Python,
the same conversations as the Rust bench (`cd benches && cargo run --release --bin cases`).

    .venv/bin/python bindings-python/benches/case_replay.py

Prints three figures: the batch `replay_cases` on event dicts with aware datetimes
(converted and replayed in one call, clocks read at the end), the same on event objects
built beforehand (`CustomerMessage(...)`, ...; the build is timed apart), and `Case.apply`
one event at a time from a Python loop (on a tenth of the cases).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import webcare

CASES = 100_000
BASE = 1_772_000_000
CHANNELS = ["x", "email", "whatsapp", "facebook"]
# (minutes after the start, event fields): the Rust bench's conversation.
STEPS: list[tuple[int, dict[str, object]]] = [
    (0, {"type": "customer_message"}),
    (7, {"type": "internal_note"}),
    (31, {"type": "reply_public"}),
    (45, {"type": "customer_message"}),
    (80, {"type": "reply_private"}),
    (81, {"type": "waiting_on_customer"}),
    (300, {"type": "customer_message"}),
    (320, {"type": "priority_change", "priority": "high"}),
    (340, {"type": "solved"}),
    (345, {"type": "customer_message", "needs_reply": False}),
]


def conversation(n: int) -> list[dict[str, object]]:
    start = datetime.fromtimestamp(BASE + (n % 10_000) * 337, tz=timezone.utc)
    channel = CHANNELS[n % 4]
    events = []
    for i, (minutes, fields) in enumerate(STEPS):
        e: dict[str, object] = {"id": f"c{n}-e{i}", "at": start + timedelta(minutes=minutes), **fields}
        if e["type"] == "customer_message":
            e["channel"] = channel
        events.append(e)
    events.reverse()  # out of order, as the Rust bench applies them
    return events


def main() -> None:
    t0 = time.perf_counter()
    by_case = {f"c{n}": conversation(n) for n in range(CASES)}
    total = sum(len(v) for v in by_case.values())
    print(f"generated {total} events across {len(by_case)} cases in {time.perf_counter() - t0:.1f}s")
    policy = webcare.Policy.preset()
    now = datetime.fromtimestamp(BASE + 10_000 * 337 + 86_400, tz=timezone.utc)
    for round in range(3):
        t1 = time.perf_counter()
        out = webcare.replay_cases(policy, by_case, now)
        t2 = time.perf_counter()
        clocks = sum(len(c) for c in out.values())
        print(
            f"round {round}: replay_cases {total / (t2 - t1):,.0f} events/s "
            f"({t2 - t1:.2f}s, {clocks} clock readings)"
        )
    kinds = {
        "customer_message": lambda e: webcare.CustomerMessage(
            e["id"], e["at"], e["channel"], needs_reply=e.get("needs_reply")
        ),
        "internal_note": lambda e: webcare.InternalNote(e["id"], e["at"]),
        "reply_public": lambda e: webcare.ReplyPublic(e["id"], e["at"]),
        "reply_private": lambda e: webcare.ReplyPrivate(e["id"], e["at"]),
        "waiting_on_customer": lambda e: webcare.WaitingOnCustomer(e["id"], e["at"]),
        "priority_change": lambda e: webcare.PriorityChange(e["id"], e["at"], e["priority"]),
        "solved": lambda e: webcare.Solved(e["id"], e["at"]),
    }
    t5 = time.perf_counter()
    typed = {k: [kinds[str(e["type"])](e) for e in v] for k, v in by_case.items()}
    t6 = time.perf_counter()
    out = webcare.replay_cases(policy, typed, now)
    t7 = time.perf_counter()
    print(
        f"event objects: built {total / (t6 - t5):,.0f} events/s; "
        f"replay_cases on them {total / (t7 - t6):,.0f} events/s ({t7 - t6:.2f}s)"
    )
    some = list(by_case.values())[: CASES // 10]
    n_events = sum(len(v) for v in some)
    t3 = time.perf_counter()
    for events in some:
        case = webcare.Case(policy)
        for e in events:
            case.apply(e)
        case.clocks(now)
    t4 = time.perf_counter()
    print(f"Case.apply one by one + clocks: {n_events / (t4 - t3):,.0f} events/s ({len(some)} cases)")


if __name__ == "__main__":
    main()
