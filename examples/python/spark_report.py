#!/usr/bin/env python3
"""webcare on Apache Spark: the per-channel report of an inbox export, made on the executors.

    python examples/python/spark_report.py [FILE] [--master local[2]] [--partitions N] [--json]

- FILE: JSON lines, one message per line (default: the sample inbox in examples/data/; any
  path Spark reads: a local file, a directory of files, hdfs://, s3a://).
- --master: the Spark master when the program is not started by spark-submit (default
  local[2]: two cores of this machine).
- --partitions: how many partitions the messages are spread over by conversation (default:
  spark.sql.shuffle.partitions).
- --json: print the report as JSON instead of text.

Spark reads the file, spreads the messages by conversation (case_id) so each conversation
sits in one partition, and each executor runs a webcare Inbox over its partition's Arrow
batches and sends back a small report part; the driver merges the parts into the report
(`webcare.spark.report`). The same program runs on a cluster with spark-submit (see the
README, "On a cluster").
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pyspark import SparkConf
from pyspark.sql import SparkSession

import webcare
import webcare.spark as wsp

DATA = Path(__file__).resolve().parents[1] / "data"


def main() -> int:
    p = argparse.ArgumentParser(description="Per-channel report of an inbox on Apache Spark.")
    p.add_argument("file", nargs="?", default=str(DATA / "inbox.jsonl"), help="JSON lines of messages")
    p.add_argument("--master", help="Spark master when not run by spark-submit (default local[2])")
    p.add_argument("--partitions", type=int, help="partitions to spread conversations over")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    args = p.parse_args()

    builder = (
        SparkSession.builder.appName("webcare report")
        .config("spark.ui.showConsoleProgress", "false")
        # Larger Arrow batches between the JVM and the Python workers (Spark's default:
        # 10,000 rows): webcare's work per batch is small next to Spark's cost per batch.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "50000")
    )
    if args.master is not None or not SparkConf().contains("spark.master"):
        # Run locally: the executors' Python is this one (which has webcare installed).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.master(args.master or "local[2]").config("spark.ui.enabled", "false")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        messages = spark.read.schema(wsp.MESSAGE).json(args.file)
        report = wsp.report(messages, webcare.Policy.preset(), key="case_id", partitions=args.partitions)
    finally:
        spark.stop()
    print(report.to_json() if args.json else report.to_text(), end="\n" if args.json else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
