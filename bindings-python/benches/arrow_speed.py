"""Speed of webcare.arrow.classify against the other ways to classify the same texts
(issue 9, item 5), in one run:

- `webcare.arrow.classify` on a `pyarrow` string array,
- `Classifier.classify_batch(list[str])`,
- a bare Python loop of `Classifier.classify` (timed on a subset, scaled to texts per
  second): the classifications as Python objects, no table,
- a Python loop that produces the same table (timed on the same subset): per text,
  classify, read label, scores, severity, level, language and every signal's fields into
  column lists, then `pyarrow.RecordBatch.from_arrays` with the Arrow path's schema; this is
  the work `webcare.arrow.classify` replaces,
- the Rust core's own `Classifier::classify_batch`, run as a subprocess
  (`benches/src/bin/classify_file.rs`) on the same texts, written to a temporary file.

    .venv/bin/python bindings-python/benches/arrow_speed.py [--file PATH] [--rows N]
        [--rounds R] [--threads 1,2]

Without `--file`, the texts are those of examples/data/inbox.jsonl repeated to `--rows`
(default 200,000). `--file` reads the `text` field of a JSON-lines message file, such as the
generated 2 million message file (`examples/data/generate.py --weeks 1000`). Each thread
count runs in a child process with `RAYON_NUM_THREADS` set, so every path uses the same
number of threads. Build both sides in release first for meaningful figures:

    .venv/bin/maturin develop --release -m bindings-python/Cargo.toml
    (cd benches && cargo build --release --bin classify_file)

Prints texts per second per path and the ratios against the goals: arrow vs core (within
1.3x), arrow vs list (faster), arrow vs Python loop (at least 20x), the last against both
loops.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "inbox.jsonl"


def read_texts(path: Path, rows: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    if rows is not None:
        texts = (texts * (rows // len(texts) + 1))[:rows]
    return texts


def median_seconds(run: Callable[[], object], rounds: int) -> float:
    run()  # warm-up: the thread pool, per-thread buffers, page cache
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def core_rate(text_file: Path, rounds: int, threads: int) -> float:
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    command = ["cargo", "run", "--quiet", "--release", "--bin", "classify_file", "--"]
    out = subprocess.run(
        [*command, str(text_file), "--rounds", str(rounds)],
        cwd=ROOT / "benches", env=env, check=True, capture_output=True, text=True,
    ).stdout
    fields = dict(part.split("=") for part in out.split())
    return float(fields["texts_per_second"])


def table_loop(classifier: object, texts: list[str], schema: object) -> object:
    """The Arrow path's table, built by a Python loop of `classify`."""
    import pyarrow as pa

    label: list[str] = []
    scores: list[dict[str, float]] = []
    severity: list[float] = []
    level: list[str] = []
    language: list[str] = []
    signals: list[list[dict[str, object]]] = []
    for text in texts:
        c = classifier.classify(text)  # type: ignore[attr-defined]
        label.append(c.label)
        scores.append(c.scores)
        severity.append(c.severity)
        level.append(c.severity_level)
        language.append(c.language)
        signals.append([{"kind": s.kind, "label": s.label, "weight": s.weight, "start": s.start, "end": s.end}
                        for s in c.signals])
    columns = [label, scores, severity, level, language, signals]
    arrays = [pa.array(column, type=field.type) for column, field in zip(columns, schema)]  # type: ignore[call-overload]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def child(args: argparse.Namespace) -> None:
    """Measures the Python paths in this process (RAYON_NUM_THREADS already set)."""
    import pyarrow as pa

    import webcare
    from webcare import arrow

    texts = json.loads(Path(args.child).read_text(encoding="utf-8"))
    classifier = webcare.Classifier()
    array = pa.array(texts, pa.string())
    n = len(texts)
    arrow_s = median_seconds(lambda: arrow.classify(array, classifier), args.rounds)
    list_s = median_seconds(lambda: classifier.classify_batch(texts), args.rounds)
    subset = texts[: max(1, min(n, args.loop_rows))]
    loop_s = median_seconds(lambda: [classifier.classify(t) for t in subset], 1)
    schema = arrow.classify(pa.array(subset[:1], pa.string()), classifier).schema
    table = table_loop(classifier, subset, schema)
    if not table.equals(arrow.classify(pa.array(subset, pa.string()), classifier)):
        raise SystemExit("the Python loop's table differs from webcare.arrow.classify's")
    table_s = median_seconds(lambda: table_loop(classifier, subset, schema), 1)
    print(json.dumps({"arrow": n / arrow_s, "list": n / list_s, "loop": len(subset) / loop_s,
                      "table_loop": len(subset) / table_s}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, help="JSON-lines message file (default: the sample inbox, repeated)")
    parser.add_argument("--rows", type=int, default=None, help="texts to use (default 200,000 for the sample; all of --file)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="comma-separated RAYON_NUM_THREADS values")
    parser.add_argument("--loop-rows", type=int, default=20_000, help="texts timed in the Python loop")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.file is not None and not args.file.exists():
        print(f"skipped: {args.file} does not exist")
        return
    path = args.file or SAMPLE
    rows = args.rows if args.rows is not None else (None if args.file else 200_000)
    texts = read_texts(path, rows)
    print(f"{len(texts):,} texts from {path}")
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "texts.jsonl"
        text_file.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
        child_file = Path(tmp) / "texts.json"
        child_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        for threads in [int(t) for t in args.threads.split(",")]:
            env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(child_file), "--rounds", str(args.rounds),
                 "--loop-rows", str(args.loop_rows)],
                env=env, check=True, capture_output=True, text=True,
            ).stdout
            rates = json.loads(out)
            rates["core"] = core_rate(text_file, args.rounds, threads)
            print(f"\nRAYON_NUM_THREADS={threads}")
            for name, label in [("core", "Rust core classify_batch"), ("arrow", "webcare.arrow.classify (pyarrow)"),
                                ("list", "Classifier.classify_batch(list[str])"),
                                ("loop", "Python loop of classify (bare)"),
                                ("table_loop", "Python loop building the same table")]:
                print(f"  {label:40} {rates[name]:>12,.0f} texts/s")
            print(f"  arrow vs core: core is {rates['core'] / rates['arrow']:.2f}x arrow (goal <= 1.3x)")
            print(f"  arrow vs list: {rates['arrow'] / rates['list']:.2f}x (goal > 1x)")
            print(f"  arrow vs bare Python loop of classify: {rates['arrow'] / rates['loop']:.1f}x (goal >= 20x)")
            print(f"  arrow vs Python loop building the same table: {rates['arrow'] / rates['table_loop']:.1f}x"
                  " (goal >= 20x)")


if __name__ == "__main__":
    main()
