"""The fuzz suite's settings and figures.

`make test` runs each target with FUZZ_EXAMPLES (200) cases and no deadline; `make fuzz`
sets SITREP_FUZZ_EXAMPLES (1,500 per target, 10,500 in all), a per-case deadline
(SITREP_FUZZ_DEADLINE_MS, 5,000 ms: a case over it fails as DeadlineExceeded) and
SITREP_FUZZ_OUT, where the session writes its figures: cases, slowest case and
failures per target (bench/results/fuzz.json).
"""

from __future__ import annotations

import json
import os
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES = 200
_STATS: dict[str, dict[str, float]] = {}
_FAILED: list[str] = []
_START = time.perf_counter()


def fuzz_settings() -> settings:
    examples = int(os.environ.get("SITREP_FUZZ_EXAMPLES", FUZZ_EXAMPLES))
    deadline_ms = os.environ.get("SITREP_FUZZ_DEADLINE_MS")
    return settings(
        max_examples=examples,
        deadline=timedelta(milliseconds=int(deadline_ms)) if deadline_ms else None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )


class Stats:
    @contextmanager
    def case(self, target: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            dt = time.perf_counter() - t0
            s = _STATS.setdefault(target, {"cases": 0, "max_case_seconds": 0.0, "total_seconds": 0.0})
            s["cases"] += 1
            s["total_seconds"] += dt
            s["max_case_seconds"] = max(s["max_case_seconds"], dt)


@pytest.fixture(scope="session")
def stats() -> Stats:
    return Stats()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and "tests/fuzz/" in report.nodeid.replace("\\", "/"):
        _FAILED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = os.environ.get("SITREP_FUZZ_OUT")
    if not out or not _STATS:
        return
    targets = {k: {"cases": int(v["cases"]), "max_case_seconds": round(v["max_case_seconds"], 3),
                   "total_seconds": round(v["total_seconds"], 1)} for k, v in sorted(_STATS.items())}  # fmt: skip
    doc = {
        "command": "make fuzz",
        "examples_per_target": int(os.environ.get("SITREP_FUZZ_EXAMPLES", FUZZ_EXAMPLES)),
        "deadline_ms": int(os.environ.get("SITREP_FUZZ_DEADLINE_MS", "0")) or None,
        "total_cases": sum(t["cases"] for t in targets.values()),
        "failures": len(_FAILED),
        "failed_tests": _FAILED,
        "wall_seconds": round(time.perf_counter() - _START, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}",
        "targets": targets,
    }
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
