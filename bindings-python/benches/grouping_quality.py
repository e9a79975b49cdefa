"""Grouping quality of ConsistencyChecker on real customer-care conversations.

In the IBM Twitter customer-care set every conversation is answered with a help article
(`agentURL.doc_id`); customers whose questions were answered with the same article asked
the same thing. This script groups the customers' first messages three ways in one run and
prints B-cubed precision, recall and F1 against the articles:

- webcare's near-linear grouping (MinHash/LSH) at several thresholds,
- webcare's exact all-pairs grouping (the reference the LSH approximates),
- a TF-IDF cosine baseline (scikit-learn), connected components above a threshold.

    python bindings-python/benches/grouping_quality.py [PATH/TO/ibm-care-dev.json]

The data is not part of webcare; without it (or without scikit-learn) the script says so
and exits 0.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import webcare

DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "data" / "support" / "ibm-care-dev.json"
THRESHOLDS = [0.2, 0.3, 0.4, 0.5]


def load(path: Path) -> tuple[list[dict], list[str]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    answers, labels = [], []
    for row in rows:
        first = row["dialogContent"][0]
        answers.append(
            {
                "channel": "x",
                "at": datetime.fromisoformat(first["datetime"].replace("Z", "+00:00")),
                "question": first["message"],
                "answer": "",
            }
        )
        labels.append(row["agentURL"]["doc_id"])
    return answers, labels


def bcubed(groups: list[list[int]], labels: list[str]) -> tuple[float, float, float]:
    cluster_of = {}
    for g, members in enumerate(groups):
        for i in members:
            cluster_of[i] = g
    n = len(labels)
    for i in range(n):  # anything left ungrouped is a group of its own
        cluster_of.setdefault(i, -1 - i)
    cluster_size = Counter(cluster_of.values())
    class_size = Counter(labels)
    both = Counter((cluster_of[i], labels[i]) for i in range(n))
    p = sum(both[(cluster_of[i], labels[i])] / cluster_size[cluster_of[i]] for i in range(n)) / n
    r = sum(both[(cluster_of[i], labels[i])] / class_size[labels[i]] for i in range(n)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tfidf_groups(texts: list[str], threshold: float) -> list[list[int]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = TfidfVectorizer().fit_transform(texts)
    sim = cosine_similarity(matrix)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if sim[i, j] >= threshold:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return list(groups.values())


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found (pass the path of ibm-care-dev.json)")
        return 0
    answers, labels = load(path)
    print(f"{len(answers)} first messages, {len(set(labels))} help articles\n")
    print(f"{'method':<34} {'precision':>9} {'recall':>7} {'F1':>6}")
    rows = []
    for t in THRESHOLDS:
        checker = webcare.ConsistencyChecker(threshold=t)
        rows.append((f"webcare LSH, threshold {t}", bcubed(checker.group(answers), labels)))
        rows.append((f"webcare exact all-pairs, {t}", bcubed(checker.group_exact(answers), labels)))
    try:
        texts = [a["question"] for a in answers]
        for t in THRESHOLDS:
            rows.append((f"TF-IDF cosine (sklearn), {t}", bcubed(tfidf_groups(texts, t), labels)))
    except ImportError:
        print("(scikit-learn not installed: TF-IDF baseline skipped)")
    rows.append(("every message alone", bcubed([], labels)))
    for name, (p, r, f) in rows:
        print(f"{name:<34} {p:9.3f} {r:7.3f} {f:6.3f}")
    best = {
        kind: max(f for name, (_, _, f) in rows if name.startswith(kind))
        for kind in ("webcare LSH", "TF-IDF")
        if any(name.startswith(kind) for name, _ in rows)
    }
    print("\nbest F1: " + ", ".join(f"{k} {v:.3f}" for k, v in best.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
