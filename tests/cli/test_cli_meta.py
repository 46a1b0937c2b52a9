"""Meta-tests for the command line: every verb has help, errors are one line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
VERBS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_there_are_verbs():
    assert {"ingest", "docs", "show", "segment", "extract", "events", "eval", "demo", "geocode"} <= set(VERBS)


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb):
    result = runner.invoke(app, [verb, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    cmd = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == verb)
    assert (cmd.callback.__doc__ or "").strip(), f"{verb} has no docstring"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, timeout=120)


def test_missing_database_is_one_line_error(tmp_path):
    r = _run("docs", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 1
    assert r.stderr.strip().startswith("error[E004]:")
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_missing_input_is_one_line_error(tmp_path):
    r = _run("ingest", str(tmp_path / "absent"), "--db", str(tmp_path / "x.db"))
    assert r.returncode == 1
    assert r.stderr.strip() == f"error[E001]: no such file or directory: {tmp_path / 'absent'}"


def test_bad_published_flag_is_one_line_error(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("A headline\n\nSome body text that is long enough to be a paragraph of prose.\n")
    r = _run("ingest", str(page), "--db", str(tmp_path / "x.db"), "--published", "June 7")
    assert r.returncode == 1
    assert "expected a date as YYYY-MM-DD" in r.stderr and "Traceback" not in r.stderr


def test_serve_without_database_is_one_line_error(tmp_path):
    r = _run("serve", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 1 and r.stderr.strip().startswith("error[E004]:")
