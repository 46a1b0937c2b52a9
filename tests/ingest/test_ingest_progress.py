"""Progress: a bar with documents, events and rate on a terminal; nothing extra in logs."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest.progress import RunProgress


class _TwoEventsEach:
    """An event stage whose every document gives two reports (what the bar must count)."""

    def __init__(self) -> None:
        self.trace_sink: list[str] = []

    def extract(self, docs: list[str]):  # noqa: ANN201
        for d in docs:
            yield d, ["first", "second"], []


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, force_terminal=terminal, width=160, color_system=None), buf


def test_terminal_bar_counts_documents_and_events() -> None:
    console, buf = _console(True)
    with RunProgress(console, "ingest") as bar:
        counted = bar.counting(lambda: _TwoEventsEach())()  # the runner's lazy factory, called once
        list(counted.extract(["a", "b", "c"]))
        for origin in ("pages/a.txt", "https://example.org/news/b", "export/result.json#7"):
            bar.tick(origin)
        bar._progress.refresh()
        assert (bar.documents, bar.events) == (3, 6)
        assert counted.trace_sink == []  # attributes still reach the real extractor
    shown = buf.getvalue()
    assert "3 docs" in shown and "6 events" in shown and "docs/s" in shown


def test_no_terminal_no_bar() -> None:
    console, buf = _console(False)
    with RunProgress(console, "ingest") as bar:
        bar.tick("pages/a.txt")
    assert buf.getvalue() == ""
    assert bar.counting(None) is None


def test_ingest_log_is_one_summary_line(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Market Reopens In Brackenford\n\nThe invented town of Brackenford reopened its market on Friday.\n")
    r = CliRunner().invoke(app, ["ingest", str(page), "--db", str(tmp_path / "p.db"), "--no-events"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("read 1 input(s): 1 document(s) added")
    assert re.search(r"0 not ingested\s+in \d+\.\d s", r.output)
    assert "docs/s" not in r.output and "\u2501" not in r.output  # no bar (its glyph) in a log


def test_spark_gets_sitreps_log_file_unless_the_user_sets_java_options() -> None:
    from sitrep.ingest.progress import SPARK_JAVA_OPTIONS, quiet_spark

    conf = quiet_spark({"spark.driver.memory": "2g"})
    option = conf[SPARK_JAVA_OPTIONS]
    assert option.startswith("-Dlog4j2.configurationFile=file:")
    path = Path(option.split("=", 1)[1].removeprefix("file://"))
    text = path.read_text(encoding="utf-8")
    assert "rootLogger.level = warn" in text
    assert conf["spark.driver.memory"] == "2g"
    mine = {SPARK_JAVA_OPTIONS: "-Xss8m"}
    assert quiet_spark(mine) == mine


def test_tracked_counts_results_and_skips_and_passes_them_through() -> None:
    from sitrep.ingest.progress import tracked
    from sitrep.records import Skip

    doc = type("Doc", (), {"origin": "pages/a.txt"})()
    items = [(doc, ["e1", "e2", "e3"], []), Skip("pages/b.bin", "binary", "binary data, not text")]
    console, buf = _console(True)
    assert list(tracked(console, "extract", iter(items))) == items
    assert "2 docs" in buf.getvalue() and "3 events" in buf.getvalue()
    quiet, qbuf = _console(False)
    assert list(tracked(quiet, "extract", iter(items))) == items and qbuf.getvalue() == ""


def test_busy_is_silent_off_a_terminal() -> None:
    from sitrep.ingest.progress import busy

    console, buf = _console(False)
    with busy(console, "fusing"):
        pass
    assert buf.getvalue() == ""
