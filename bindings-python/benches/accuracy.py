"""Accuracy of webcare's classifier on real data the project did not write.

    .venv/bin/python bindings-python/benches/accuracy.py [DATA_DIR]

DATA_DIR defaults to ../shared/data relative to the repository root (see its README.md).
When it is absent the script says so and exits 0, so a fresh clone still passes.

Prints, on complaints/dev.csv, the macro F1 (complaint vs not) and the complaint class's
precision, recall and F1 for (a) the built-in rules alone, (b) a model trained on
complaints/train.csv through `Classifier.train`, (c) VADER (`vaderSentiment`, compound
< -0.05 counts as complaint) and (d) TF-IDF word and character n-grams with logistic
regression (scikit-learn). (c) and (d) are optional peers: each is skipped with a message
when its package is not installed. Then the negative-vs-rest F1 of the rules alone on
airline/train.csv and on dutch/political-polarity.csv (Dutch).
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path
from typing import Callable

import webcare

ROOT = Path(__file__).resolve().parents[2]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def prf(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(gold: list[bool], pred: list[bool]) -> float:
    pos = prf(gold, pred)[2]
    neg = prf([not g for g in gold], [not p for p in pred])[2]
    return (pos + neg) / 2


def line(name: str, gold: list[bool], pred: list[bool], seconds: float) -> None:
    p, r, f = prf(gold, pred)
    print(
        f"  {name:<36} macro F1 {macro_f1(gold, pred):.3f}   complaint P {p:.3f} R {r:.3f} "
        f"F1 {f:.3f}   ({seconds:.2f} s)"
    )


def timed(f: Callable[[], list[bool]]) -> tuple[list[bool], float]:
    start = time.perf_counter()
    out = f()
    return out, time.perf_counter() - start


def vader(test: list[str]) -> list[bool] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyzer = SentimentIntensityAnalyzer()
    return [analyzer.polarity_scores(t)["compound"] < -0.05 for t in test]


def tfidf(train: list[str], labels: list[bool], test: list[str]) -> list[bool] | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union
    except ImportError:
        return None
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
        LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000),
    )
    model.fit(train, labels)
    return [bool(p) for p in model.predict(test)]


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    if not (data / "complaints" / "dev.csv").is_file():
        print(f"skip: no data at {data} (see ../shared/data/README.md); nothing measured")
        return 0

    rules = webcare.Classifier()
    train_rows = read(data / "complaints" / "train.csv")
    dev_rows = read(data / "complaints" / "dev.csv")
    train_texts = [r["text"] for r in train_rows]
    train_gold = [r["complaint"] == "1" for r in train_rows]
    dev_texts = [r["text"] for r in dev_rows]
    gold = [r["complaint"] == "1" for r in dev_rows]

    print(f"complaints/dev.csv: {len(dev_rows)} tweets ({sum(gold)} complaints); "
          f"trained on complaints/train.csv: {len(train_rows)}")
    pred, s = timed(lambda: [c.label == "complaint" for c in rules.classify_batch(dev_texts)])
    line("(a) webcare rules", gold, pred, s)

    start = time.perf_counter()
    model = webcare.Classifier.train(
        train_texts, ["complaint" if g else "other" for g in train_gold]
    )
    pred = [c.label == "complaint" for c in model.classify_batch(dev_texts)]
    line("(b) webcare trained (train + rules)", gold, pred, time.perf_counter() - start)

    start = time.perf_counter()
    peer = vader(dev_texts)
    if peer is None:
        print("  (c) VADER: skipped, `vaderSentiment` is not installed")
    else:
        line("(c) VADER compound < -0.05", gold, peer, time.perf_counter() - start)

    start = time.perf_counter()
    peer = tfidf(train_texts, train_gold, dev_texts)
    if peer is None:
        print("  (d) TF-IDF + LogisticRegression: skipped, `scikit-learn` is not installed")
    else:
        line("(d) TF-IDF word+char + LogReg", gold, peer, time.perf_counter() - start)

    print("\nnegative vs rest, rules only:")
    for name, path, field in [
        ("airline/train.csv", data / "airline" / "train.csv", "sentiment"),
        ("dutch/political-polarity.csv", data / "dutch" / "political-polarity.csv", "polarity"),
    ]:
        if not path.is_file():
            print(f"  {name}: skipped, not found")
            continue
        rows = read(path)
        g = [r[field] == "negative" for r in rows]
        pred, s = timed(
            lambda: [c.label == "complaint" for c in rules.classify_batch([r["text"] for r in rows])]
        )
        p, r, f = prf(g, pred)
        print(f"  {name:<30} {len(rows):>6} rows   negative P {p:.3f} R {r:.3f} F1 {f:.3f}   "
              f"macro F1 {macro_f1(g, pred):.3f}   ({s:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
