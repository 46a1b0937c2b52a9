"""Plain HTML page shapes without an article container: each gives its body text.

The pages (tests/fixtures/ingest/shape_*.html) carry the same invented story in the
markup shapes a scraper meets most: paragraphs straight in <body>, in <main>, in a
div.content, in nested divs, text separated by <br>, and inside <article>. All but
the last reach the segmenter's trafilatura stage, so a broken extractor import
(lxml 6 without lxml_html_clean) shows up here as missing body text.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.ingest import read_inputs
from sitrep.records import RawDoc
from sitrep.segment import segment
from sitrep.segment.html import CASCADE_EXTRACTORS

SHAPES = ("body_p", "main_p", "div_content", "nested_divs", "br_text", "article")
TITLE = "Pumping Station Repaired In Marlow Ferry"
BODY = [
    "Engineers in the invented river town of Marlow Ferry finished repairing the pumping station on "
    "Thursday, two weeks after floodwater reached its control room.",
    "The district water board said every household on the eastern bank had running water again by the "
    "evening, and that tankers would stop their rounds on Saturday.",
    "Residents queued outside the town hall to collect vouchers for replacement boilers, which the board "
    "will pay for until the end of the month.",
]

runner = CliRunner()


@pytest.mark.parametrize("module", CASCADE_EXTRACTORS)
def test_every_cascade_extractor_imports(module: str) -> None:
    # Fails (ImportError) when the pinned environment lacks a dependency of an
    # extractor, e.g. jusText's lxml.html.clean, which lxml 6 split out.
    assert importlib.import_module(module) is not None


def _page(fixtures_dir: Path, shape: str) -> Path:
    return fixtures_dir / "ingest" / f"shape_{shape}.html"


@pytest.mark.parametrize("shape", SHAPES)
def test_reader_and_segmenter_give_the_body(fixtures_dir: Path, shape: str) -> None:
    items = list(read_inputs([_page(fixtures_dir, shape)]))
    assert len(items) == 1 and isinstance(items[0], RawDoc), items
    doc = segment(items[0], "d1")
    seg = doc.segmentation
    assert seg.title is not None and seg.title.text == TITLE
    assert [sp.text for sp in seg.body] == BODY
    for sp in seg.body:
        assert doc.text[sp.start : sp.end] == sp.text


@pytest.mark.parametrize("shape", SHAPES)
def test_cli_segment_gives_the_body(fixtures_dir: Path, shape: str) -> None:
    r = runner.invoke(app, ["segment", str(_page(fixtures_dir, shape)), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["title"] == TITLE
    assert data["body"] == BODY


@pytest.mark.parametrize("shape", SHAPES)
def test_cli_ingest_adds_the_page(fixtures_dir: Path, shape: str, tmp_path: Path) -> None:
    r = runner.invoke(app, ["ingest", str(_page(fixtures_dir, shape)), "--db", str(tmp_path / "x.db"), "--no-events"])
    assert r.exit_code == 0, r.output
    assert "1 document(s) added" in r.output and "0 not ingested" in r.output
