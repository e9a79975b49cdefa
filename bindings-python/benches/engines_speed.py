"""Speed and memory of webcare on polars and Spark, as ratios in one run.

    .venv/bin/python bindings-python/benches/engines_speed.py [--file PATH] [--large PATH]
                                                              [--skip-spark] [--skip-rss]
                                                              [--spark-columns label] [--spark-batch 50000]

- --file: JSON lines of messages (default: /tmp/webcare-engines-200k.jsonl, generated with
  `examples/data/generate.py --weeks 100` when absent, about 220,000 messages).
- --large: a second, larger file for the memory comparison (default:
  /tmp/webcare-engines-2m.jsonl if it exists; `generate.py --weeks 1000` makes ~2.2M).

Prints, on the customer texts of --file:
1. Spark: `webcare.spark.classify` over the file on `local[2]`, on `local[1]`, and on
   `local[1]` with the whole process tree (driver, JVM, Python workers) pinned to one CPU
   (each Python worker classifying on one thread: RAYON_NUM_THREADS=1), and the in-process
   Arrow path on one thread (`webcare.arrow.classify`); texts/s and the ratios of
   local[2] to each (goal >= 1.5x one core). `local[1]` alone is not one core: its JVM
   prepares the next Arrow batch on the other CPU while the worker classifies. The job
   counts complaints, so it reads back only the `label` column (`--spark-columns`), in
   Arrow batches of 50,000 rows (`--spark-batch`; Spark's default is 10,000). Spark's
   start-up is not timed; its first job warms the workers and the second is timed.
2. polars: a streaming query (`scan_ndjson`, filter, `webcare.pl.classify`, count per
   channel) against the Arrow path on the same texts already in memory, both on all cores;
   the scan alone (no classification) is timed too, so the ratio's overhead is visible.
3. Peak memory of the polars streaming classify query and of
   examples/python/polars_report.py at the two sizes (each a fresh child process): its
   ru_maxrss, which counts the pages of the input file polars maps, and its peak RssAnon
   (sampled), the memory the process holds itself.
Each measurement runs in its own child process, so thread pools and memory do not mix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT = Path("/tmp/webcare-engines-200k.jsonl")
LARGE = Path("/tmp/webcare-engines-2m.jsonl")


def child(mode: str, path: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Runs this script in `mode` on `path` in a fresh process; its JSON line plus peak RSS."""
    full = {**os.environ, **(env or {})}
    cmd = [sys.executable, __file__, "--child", mode, "--file", str(path)]
    code = (
        "import resource, subprocess, sys, json\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stderr.write(p.stderr[-2000:] if p.returncode else '')\n"
        "print(json.dumps({'rc': p.returncode, 'out': p.stdout,"
        " 'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=full)
    wrapper = json.loads(proc.stdout)
    if wrapper["rc"] != 0:
        sys.exit(f"{mode} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(wrapper["out"].strip().splitlines()[-1]) if wrapper["out"].strip() else {}
    result["rss_mb"] = wrapper["rss_kb"] / 1024
    return result


# ---- child modes -------------------------------------------------------------------------


def scan(path: Path) -> Any:
    """The file as a lazy frame with the message schema (no inference pass over the file)."""
    import polars as pl

    sys.path.insert(0, str(ROOT / "examples/python"))
    from polars_report import SCHEMA

    return pl.scan_ndjson(path, schema=SCHEMA)


def texts_of(path: Path) -> Any:
    import polars as pl

    return (
        scan(path)
        .filter(pl.col("direction") == "inbound")
        .select("text")
        .collect()["text"]
        .to_arrow()
    )


def mode_arrow(path: Path) -> dict[str, Any]:
    import webcare
    from webcare import arrow

    texts = texts_of(path)
    clf = webcare.Classifier()
    arrow.classify(texts[:2000], clf)
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        arrow.classify(texts, clf)
        best = min(best, time.perf_counter() - t)
    return {"texts": len(texts), "seconds": best}


def polars_query(path: Path) -> Any:
    import polars as pl

    import webcare.pl as wpl

    return (
        scan(path)
        .filter(pl.col("direction") == "inbound")
        .select("channel", wpl.classify("text"))
        .group_by("channel")
        .agg(pl.len(), (pl.col("classification").struct.field("label") == "complaint").sum())
    )


def mode_polars(path: Path) -> dict[str, Any]:
    t = time.perf_counter()
    out = polars_query(path).collect(engine="streaming")
    return {"texts": int(out["len"].sum()), "seconds": time.perf_counter() - t}


def mode_scan(path: Path) -> dict[str, Any]:
    import polars as pl

    t = time.perf_counter()
    out = (
        scan(path)
        .filter(pl.col("direction") == "inbound")
        .group_by("channel")
        .agg(pl.len(), pl.col("text").str.len_bytes().sum())
        .collect(engine="streaming")
    )
    return {"texts": int(out["len"].sum()), "seconds": time.perf_counter() - t}


def mode_spark(path: Path, master: str) -> dict[str, Any]:
    if master.endswith("@cpu0"):
        # Inherited by the JVM this process starts and by the Python workers it forks.
        master = master.removesuffix("@cpu0")
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    import webcare.spark as wsp

    os.environ["PYSPARK_PYTHON"] = sys.executable
    cores = int(master[len("local[") : -1])
    spark = (
        SparkSession.builder.master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        # Same split of the file for both masters: partitions are the unit of parallelism.
        .config("spark.sql.files.maxPartitionBytes", str(8 << 20))
        # Rows per Arrow batch between the JVM and the Python workers (Spark's default:
        # 10,000); larger batches spread Spark's per-batch cost over more rows.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", os.environ["WEBCARE_SPARK_BATCH"])
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.schema(wsp.MESSAGE).json(str(path)).filter(F.col("direction") == "inbound").select("text").cache()
    n = df.count()

    def job() -> float:
        t = time.perf_counter()
        columns = os.environ.get("WEBCARE_SPARK_COLUMNS") or None
        out = wsp.classify(df, columns=columns.split(",") if columns else None)
        out.agg(F.sum((F.col("label") == "complaint").cast("long"))).collect()
        return time.perf_counter() - t

    job()
    seconds = job()
    spark.stop()
    return {"texts": n, "seconds": seconds, "cores": cores}


class AnonPeak:
    """Samples the process's anonymous resident memory (RssAnon: heap and buffers, not the
    pages of files it maps) every 20 ms; polars maps its input file, so ru_maxrss grows
    with the file even when the query holds nothing."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self.running = True
        self.thread = threading.Thread(target=self.poll, daemon=True)
        self.thread.start()

    def poll(self) -> None:
        while self.running:
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            time.sleep(0.02)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak_kb / 1024


def run_child(mode: str, path: Path) -> None:
    anon = AnonPeak()
    if mode == "example":
        import contextlib
        import io
        import runpy

        sys.argv = [str(ROOT / "examples/python/polars_report.py"), str(path), "--json"]
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                runpy.run_path(sys.argv[0], run_name="__main__")
            except SystemExit:
                pass
        print(json.dumps({"anon_mb": anon.stop()}))
        return
    if mode == "arrow":
        result = mode_arrow(path)
    elif mode == "polars":
        result = mode_polars(path)
    elif mode == "scan":
        result = mode_scan(path)
    elif mode.startswith("spark:"):
        result = mode_spark(path, mode.split(":", 1)[1])
    else:
        raise SystemExit(f"unknown mode {mode}")
    result["anon_mb"] = anon.stop()
    print(json.dumps(result))


# ---- driver ------------------------------------------------------------------------------


def rate(r: dict[str, Any]) -> float:
    return r["texts"] / r["seconds"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--file", type=Path, default=DEFAULT)
    p.add_argument("--large", type=Path, default=LARGE)
    p.add_argument("--skip-spark", action="store_true")
    p.add_argument("--skip-rss", action="store_true")
    p.add_argument(
        "--spark-batch",
        type=int,
        default=50_000,
        help="spark.sql.execution.arrow.maxRecordsPerBatch for both masters (default 50000; Spark's own: 10000)",
    )
    p.add_argument(
        "--spark-columns",
        default="label",
        help="classification columns the Spark job reads back, comma-separated ('' for all; default: label)",
    )
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        run_child(args.child, args.file)
        return 0

    if not args.file.exists():
        if args.file != DEFAULT:
            sys.exit(f"{args.file}: no such file")
        print(f"generating {DEFAULT} (examples/data/generate.py --weeks 100)", file=sys.stderr)
        subprocess.run(
            [sys.executable, str(ROOT / "examples/data/generate.py"), "--weeks", "100", "--out", str(DEFAULT)], check=True
        )
    size = sum(1 for _ in args.file.open("rb"))
    print(f"{args.file}: {size} messages; {os.cpu_count()} cores")

    one = {"RAYON_NUM_THREADS": "1"}
    spark_env = {**one, "WEBCARE_SPARK_COLUMNS": args.spark_columns, "WEBCARE_SPARK_BATCH": str(args.spark_batch)}
    print("\n1. Spark classify (webcare.spark.classify, mapInArrow), one thread per Python worker")
    print(f"   columns read back: {args.spark_columns or 'all'}; {args.spark_batch:,} rows per Arrow batch")
    arrow1 = child("arrow", args.file, one)
    print(f"   in-process Arrow path, 1 thread: {rate(arrow1):>10,.0f} texts/s  ({arrow1['texts']} texts)")
    if args.skip_spark:
        print("   Spark skipped (--skip-spark)")
    else:
        s1 = child("spark:local[1]", args.file, spark_env)
        pinned = child("spark:local[1]@cpu0", args.file, spark_env)
        s2 = child("spark:local[2]", args.file, spark_env)
        print(f"   Spark local[1]:                  {rate(s1):>10,.0f} texts/s")
        print(f"   Spark local[1], one CPU:         {rate(pinned):>10,.0f} texts/s")
        print(f"   Spark local[2]:                  {rate(s2):>10,.0f} texts/s")
        print(f"   local[2] / local[1]:             {rate(s2) / rate(s1):.2f}x")
        print(f"   local[2] / local[1] on one CPU:  {rate(s2) / rate(pinned):.2f}x  (goal >= 1.5x)")
        print(f"   local[2] / Arrow path, 1 thread: {rate(s2) / rate(arrow1):.2f}x")

    print("\n2. polars streaming classify vs the Arrow path, all cores")
    arrow_all = child("arrow", args.file)
    pol = child("polars", args.file)
    scan = child("scan", args.file)
    print(f"   Arrow path (texts in memory):    {rate(arrow_all):>10,.0f} texts/s")
    print(f"   polars streaming scan+classify:  {rate(pol):>10,.0f} texts/s  ({pol['seconds']:.2f}s)")
    print(f"   polars streaming scan alone:     {pol['texts'] / scan['seconds']:>10,.0f} texts/s  ({scan['seconds']:.2f}s)")
    print(f"   polars / Arrow:                  {rate(pol) / rate(arrow_all):.2f}x")
    classify_only = max(pol["seconds"] - scan["seconds"], 1e-9)
    print(f"   polars minus scan / Arrow:       {pol['texts'] / classify_only / rate(arrow_all):.2f}x")

    if args.skip_rss:
        return 0
    print("\n3. Peak memory (MB) of the polars streaming queries: ru_maxrss (with the mapped input")
    print("   file's pages) and RssAnon (the process's own memory, sampled)")
    sizes = [args.file] + ([args.large] if args.large.exists() and args.large != args.file else [])
    if len(sizes) == 1:
        print(f"   (no {args.large}: python3 examples/data/generate.py --weeks 1000 --out {LARGE})")
    for path in sizes:
        n = sum(1 for _ in path.open("rb"))
        q = child("polars", path)
        ex = child("example", path)
        print(
            f"   {n:>9} messages: classify+count query rss {q['rss_mb']:>5.0f} anon {q['anon_mb']:>5.0f}"
            f"   polars_report.py rss {ex['rss_mb']:>5.0f} anon {ex['anon_mb']:>5.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
