"""Paths named on the command line are read like paths in a folder walk (#15).

A path that cannot be read is a skip listed at the end with its reason and the
other inputs are ingested; only when no path can be read is it a one-line error.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import InputError

runner = CliRunner()

PAGE = (
    "Library Reopens In Brackenford\n\nThe invented town of Brackenford reopened its library on Friday after a "
    "year of repairs to the roof.\n\nThe council said opening hours would be longer on weekdays.\n"
)


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(PAGE, encoding="utf-8")
    return path


def _ingest(*paths: Path | str, db: Path):  # noqa: ANN202
    return runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db), "--no-events"])


def test_missing_path_is_a_listed_skip(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    r = _ingest(missing, _good(tmp_path), db=tmp_path / "x.db")
    assert r.exit_code == 0, r.output
    assert "read 2 input(s): 1 document(s) added" in r.output and "1 not ingested" in r.output
    assert f"{missing}: unreadable: no such file or directory" in r.output
    assert "Traceback" not in r.output


def test_name_too_long_for_the_os_is_a_listed_skip(tmp_path: Path) -> None:
    # The OS refuses even to look the name up (ENAMETOOLONG): this raised out of
    # Path.exists()/is_dir() and ended the run with an internal error, exit 2.
    long_name = tmp_path / ("n" * 300 + ".txt")
    r = _ingest(long_name, _good(tmp_path), db=tmp_path / "x.db")
    assert r.exit_code == 0, r.output
    assert "1 document(s) added" in r.output
    assert f"{long_name}: unreadable: cannot read: File name too long" in r.output
    assert "internal error" not in r.output and "Traceback" not in r.output


def test_only_unreadable_paths_is_a_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    long_name = tmp_path / ("n" * 300 + ".txt")
    r = _ingest(missing, long_name, db=tmp_path / "x.db")
    assert r.exit_code == 1
    assert isinstance(r.exception, InputError)  # main() prints it as one line, exit 1
    assert str(r.exception) == f"error[E001]: no such file or directory: {missing}, {long_name}"
    assert not (tmp_path / "x.db").exists()
