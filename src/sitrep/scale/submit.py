"""Entry point for spark-submit (the cluster manager chooses master and resources):

    spark-submit --master local[2] --conf spark.pyspark.python=.venv/bin/python \
        src/sitrep/scale/submit.py INPUT... --out DIR [--partitions N] [--manifest CSV]

On a cluster, ship an environment with sitrep installed to the executors (for
example a venv-pack archive: --archives env.tar.gz#env --conf
spark.pyspark.python=./env/bin/python) and give inputs on a filesystem every
executor mounts at the same path.
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="submit.py", description="sitrep pipeline on Spark")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--manifest")
    ap.add_argument("--no-fuse", action="store_true")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession

    from sitrep.scale import spark_run

    spark = SparkSession.builder.appName("sitrep spark-run").getOrCreate()  # master from spark-submit
    try:
        rep = spark_run(args.inputs, args.out, master=spark.sparkContext.master, partitions=args.partitions,
                        manifest=args.manifest, fuse=not args.no_fuse, spark=spark)  # fmt: skip
    finally:
        spark.stop()
    print(json.dumps(rep.to_json(), indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
