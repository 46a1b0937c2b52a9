"""`sitrep extract` and `sitrep ingest` date pages alike and say where each date came from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pubdate"


def _date_lines(output: str) -> list[str]:
    lines = output.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("publication dates:"))
    return [ln for ln in lines[start:] if ln.startswith(("publication dates:", "  ")) or "publication-date note" in ln]


@pytest.fixture(scope="module")
def extracted():
    r = CliRunner().invoke(app, ["extract", str(PAGES), "--published", "2020-06-08"])
    assert r.exit_code == 0, r.output
    return r.output


def test_yearless_date_is_anchored_on_the_pages_own_date(extracted: str) -> None:
    events = {json.loads(ln)["doc"]: json.loads(ln) for ln in extracted.splitlines() if ln.startswith("{")}
    # "Late on June 24" on a page published 2020-06-25: not 2019-06-24 (the flag's year before).
    assert events["a_drone.txt"]["event_date"] == "2020-06-24"
    # A page without a date of its own still takes --published.
    assert events["b_shelling.txt"]["event_date"] == "2020-06-03"


def test_extract_lists_pages_whose_own_date_was_used(extracted: str) -> None:
    lines = _date_lines(extracted)
    assert lines[0] == "publication dates: 2 dateline, 2 --published"
    assert "  a_drone.txt: states its own date 2020-06-25 (dateline), used instead of --published 2020-06-08" in lines
    assert "  c_wire.txt: states its own date 2020-06-20 (dateline), used instead of --published 2020-06-08" in lines


def test_ingest_reports_and_stores_the_same(extracted: str, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    r = CliRunner().invoke(app, ["ingest", str(PAGES), "--published", "2020-06-08", "--no-events", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert _date_lines(r.output) == _date_lines(extracted)
    with sqlite3.connect(db) as conn:
        rows = dict((n, (p, s)) for n, p, s in conn.execute("SELECT name, published, published_source FROM documents"))
    assert rows == {
        "a_drone.txt": ("2020-06-25", "dateline"),
        "b_shelling.txt": ("2020-06-08", "--published"),
        "c_wire.txt": ("2020-06-20", "dateline"),
        "d_brief.txt": ("2020-06-08", "--published"),
    }
    listed = CliRunner().invoke(app, ["docs", "--db", str(db)])
    row = next(ln for ln in listed.output.splitlines() if "a_drone.txt" in ln)
    assert "2020-06-25" in row and "dateline" in row


def test_ingest_names_an_unmatched_manifest_row_and_an_undated_page(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("doc,published\nb_shelling.txt,2020-06-05\nb-shelling.txt,2020-06-05\n")
    r = CliRunner().invoke(app, ["ingest", str(PAGES), "--manifest", str(manifest), "--no-events",
                                 "--db", str(tmp_path / "m.db")])  # fmt: skip
    assert r.exit_code == 0, r.output
    lines = _date_lines(r.output)
    assert lines[0] == "publication dates: 2 dateline, 1 manifest, 1 none"
    assert "  manifest row 'b-shelling.txt': matches no input read in this run: its date and source were not used" in lines
    assert any(ln.startswith("  d_brief.txt: no publication date") and ln.endswith("are undated") for ln in lines)
