"""Speed of webcare's classifier from Python against VADER, on the same messages.

    .venv/bin/python bindings-python/benches/classify_speed.py [--tweets N] [--emails N]

The script generates its messages (seeded, English and Dutch): tweet-length texts and 2-5 KB
emails. It prints messages per second for webcare `classify_batch` (all cores), webcare
`classify` in a Python loop (one core), and VADER (`vaderSentiment`, one core; skipped with a
message when it is not installed), and the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from typing import Callable

import webcare

OPENERS = [
    "@acme", "Hi team,", "Dear customer service,", "Beste klantenservice,", "Hallo,", "@bol",
]
SENTENCES = [
    "I am still waiting for my refund after 6 weeks",
    "my parcel was supposed to arrive on Monday but nothing",
    "the app keeps crashing when I try to log in",
    "thanks for the quick help yesterday, great service!",
    "how do I change the delivery address of my order?",
    "Ik wacht nog steeds op mijn pakket, al 3 keer gebeld",
    "de monteur zou vandaag komen maar is niet verschenen",
    "echt belachelijk hoe lang dit duurt, ik ga overstappen",
    "bedankt voor de snelle reactie, top geholpen",
    "kan ik mijn abonnement ook online opzeggen?",
    "Our order number is 123456 and the invoice shows the wrong amount",
    "This is the third time I have to explain the same problem to you",
    "The weather in Amsterdam is lovely today",
    "NOT HAPPY AT ALL!!! 😡",
    "Love the new update 😍",
]


def tweets(n: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(n):
        parts = [rng.choice(OPENERS)] + rng.sample(SENTENCES, rng.randint(1, 2))
        out.append(" ".join(parts)[:280])
    return out


def emails(n: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(n):
        size = rng.randint(2000, 5000)
        parts = [rng.choice(OPENERS)]
        length = len(parts[0])
        while length < size:
            s = rng.choice(SENTENCES) + rng.choice([". ", "! ", "? ", ".\n\n"])
            parts.append(s)
            length += len(s) + 1
        out.append(" ".join(parts)[:size])
    return out


def rate(f: Callable[[list[str]], object], texts: list[str], min_seconds: float = 1.0) -> float:
    f(texts[: max(1, len(texts) // 20)])  # warm up
    runs, start = 0, time.perf_counter()
    while True:
        f(texts)
        runs += 1
        took = time.perf_counter() - start
        if took >= min_seconds:
            return runs * len(texts) / took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tweets", type=int, default=20_000)
    ap.add_argument("--emails", type=int, default=1_000)
    args = ap.parse_args()
    rng = random.Random(7)
    sets = {"tweets": tweets(args.tweets, rng), "emails (2-5 KB)": emails(args.emails, rng)}
    classifier = webcare.Classifier()
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader: SentimentIntensityAnalyzer | None = SentimentIntensityAnalyzer()
    except ImportError:
        vader = None
        print("VADER: skipped, `vaderSentiment` is not installed")
    cores = os.cpu_count() or 1
    print(f"{cores} cores; messages per second (higher is better)")
    for name, texts in sets.items():
        avg = sum(len(t.encode()) for t in texts) / len(texts)
        batch = rate(lambda ts: classifier.classify_batch(ts), texts)
        loop = rate(lambda ts: [classifier.classify(t) for t in ts], texts)
        print(f"\n{name}: {len(texts)} messages, {avg:.0f} bytes on average")
        print(f"  webcare classify_batch (all {cores} cores) {batch:>12,.0f}/s")
        print(f"  webcare classify loop (one core)      {loop:>12,.0f}/s")
        if vader is not None:
            v = vader
            sample = texts[: max(200, len(texts) // 10)]
            peer = rate(lambda ts: [v.polarity_scores(t) for t in ts], sample)
            print(f"  VADER polarity_scores (one core)      {peer:>12,.0f}/s")
            print(f"  ratio batch / VADER                   {batch / peer:>12.1f}x")
            print(f"  ratio per core (loop / VADER)         {loop / peer:>12.1f}x")


if __name__ == "__main__":
    main()
