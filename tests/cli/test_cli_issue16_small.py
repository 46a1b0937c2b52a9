"""Issue #16 item 5, command-line half: --out folders, --version, format names, actors, date ranges."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.fuse import fuse_all, fuse_config, load_sources
from sitrep.fuse.score import load_fusion_gold
from sitrep.knowledge.actors import load_ontology
from sitrep.records import DocMeta, Document, Evidence, Segmentation, TextSpan
from sitrep.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, fixtures_dir) -> Path:
    """A file store with fused events from the fusion gold reports (no extractor needed)."""
    path = tmp_path_factory.mktemp("issue16") / "s.db"
    gold = load_fusion_gold(fixtures_dir / "fuse" / "reports.yaml")
    by_doc = defaultdict(list)
    for e in gold.events:
        by_doc[e.doc_id].append(e)
    batch = []
    for doc_id, evs in sorted(by_doc.items()):
        sentences = [f"{e.location} saw a {e.sub_event_type.lower()}." for e in evs]
        body = " ".join(sentences)
        seg = Segmentation(body=[TextSpan(0, len(body), body)])
        doc = Document(doc_id, f"{doc_id}.html", f"/pages/{doc_id}.html", body,
                       DocMeta(source=gold.outlets[doc_id]), seg, "html")  # fmt: skip
        out, pos = [], 0
        for e, s in zip(evs, sentences):
            out.append(replace(e, evidence=[Evidence("sentence", pos, pos + len(s), s)], notes=s))
            pos += len(s) + 1
        batch.append((doc, out, []))
    with Store(path) as store:
        store.write_batch(batch)
        fuse_all(store, fuse_config(sources=load_sources(fixtures_dir / "fuse" / "sources.yaml")))
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitrep", *args], capture_output=True, text=True, timeout=120)


def _one_line_error(r: subprocess.CompletedProcess[str], code: str = "E001") -> str:
    assert r.returncode == 1, r.stderr
    line = r.stderr.strip()
    assert line.startswith(f"error[{code}]:") and len(line.splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr and "E999" not in r.stderr
    return line


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- --out
@pytest.mark.parametrize("fmt", ["acled-csv", "jsonl", "parquet"])
def test_export_out_creates_missing_parent_folders(db, tmp_path, fmt):
    target = tmp_path / "missing_dir" / "deeper" / f"x.{fmt}"
    r = runner.invoke(app, ["export", "--format", fmt, "--out", str(target), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert target.is_file() and target.stat().st_size > 0
    assert "wrote" in r.output


def test_export_out_under_a_file_is_one_line_error(db, tmp_path):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("a file where a folder is wanted")
    line = _one_line_error(_run("export", "--out", str(blocker / "x.csv"), "--db", str(db)))
    assert "--out" in line and "cannot create folder" in line


# --------------------------------------------------------------------------- --version
def test_version_flag_prints_package_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.output.strip() == f"sitrep {version('sitrep')}"


def test_version_flag_through_main_exits_zero():
    r = _run("--version")
    assert r.returncode == 0 and version("sitrep") in r.stdout and r.stderr == ""


# --------------------------------------------------------------------------- format names
def test_export_accepts_csv_as_acled_csv(db):
    alias = runner.invoke(app, ["export", "--format", "csv", "--db", str(db)])
    full = runner.invoke(app, ["export", "--format", "acled-csv", "--db", str(db)])
    assert alias.exit_code == 0, alias.output
    assert alias.output == full.output
    rows = _csv_rows(alias.output)
    assert rows and "event_id_cnty" in rows[0]


def test_events_and_export_both_take_csv(db):
    assert runner.invoke(app, ["events", "--format", "csv", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--format", "csv", "--db", str(db)]).exit_code == 0


def test_unknown_export_format_lists_accepted_names(db):
    line = _one_line_error(_run("export", "--format", "xlsx", "--db", str(db)))
    for name in ("acled-csv", "csv", "geojson", "parquet", "jsonl"):
        assert name in line


# --------------------------------------------------------------------------- actors
def test_actors_without_query_lists_every_actor():
    r = runner.invoke(app, ["actors", "--format", "json"])
    assert r.exit_code == 0, r.output
    ids = {row["id"] for row in json.loads(r.output)}
    assert ids == set(load_ontology().actors) and len(ids) > 10


def test_actors_table_without_query_is_not_empty():
    r = runner.invoke(app, ["actors"])
    assert r.exit_code == 0
    assert f"{len(load_ontology().actors)} actor(s)" in r.output


def test_actors_with_query_still_searches():
    r = runner.invoke(app, ["actors", "SDF", "--format", "json"])
    rows = json.loads(r.output)
    assert 0 < len(rows) < len(load_ontology().actors)


# --------------------------------------------------------------------------- date range
def test_reversed_date_range_is_one_line_error(db):
    line = _one_line_error(_run("export", "--since", "2020-06-30", "--until", "2020-06-01", "--db", str(db)))
    assert "--since 2020-06-30 is after --until 2020-06-01" in line


def test_same_day_range_is_not_reversed(db):
    r = runner.invoke(app, ["export", "--since", "2020-06-01", "--until", "2020-06-01", "--db", str(db)])
    assert r.exit_code == 0, r.output
