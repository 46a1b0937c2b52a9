"""Spark fixtures: Java via scripts/install_java.sh, one local session for the module run.

The session is `local[2,3]`: two cores like `local[2]`, and up to three attempts
per task so the retry test can fail a task once. Tests skip, saying why, when
pyspark is not installed or no Java runtime can be had.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def java() -> str:
    script = REPO / "scripts" / "install_java.sh"
    if shutil.which("java") is None:
        proc = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0 or shutil.which("java") is None:
            pytest.skip(f"Spark tests skipped: no Java runtime and {script.name} could not install one: "
                        f"{(proc.stderr or proc.stdout).strip()[-300:]}")  # fmt: skip
    return str(shutil.which("java"))


@pytest.fixture(scope="session")
def spark(java: str):
    pytest.importorskip("pyspark", reason="Spark tests skipped: pyspark is not installed in this venv")
    import os

    from pyspark import cloudpickle
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(HERE))
    import standin

    # Ship the stand-in extractor by value: the workers cannot import tests/.
    cloudpickle.register_pickle_by_value(standin)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2,3]").appName("sitrep-tests")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC").getOrCreate()
    )  # fmt: skip
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def extractor_spec():
    """The project's real extractor: the equivalence test must compare the real pipeline.

    (The fault tests use the deterministic stand-in on purpose, see test_faults.py.)
    """
    from sitrep.events import load_extractor

    load_extractor()  # fail here, loudly, if the extractor cannot load
    return "default"
