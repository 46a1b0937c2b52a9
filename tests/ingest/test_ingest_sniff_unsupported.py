"""Issue #16 item 5: files are sniffed by content; PDF, Markdown and stray gzip data are
reported as unsupported skips with a reason, never ingested as text pages."""

from __future__ import annotations

import gzip
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import SKIP_UNSUPPORTED
from sitrep.ingest import read_inputs
from sitrep.records import RawDoc, Skip

PROSE = "Shelling hit the town of Example on Monday, residents said, and two people were hurt.\n"

# A small PDF whose first block is plain ASCII object syntax: no NULs and few
# control bytes, so the binary sniff alone took it for a text page.
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n"
    b"4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Shelling hit the town) Tj ET\n"
    b"endstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
MARKDOWN = "# Weekly notes\n\n- [ ] check the [map](https://example.org)\n\n" + PROSE


def _folder(root: Path) -> Path:
    (root / "a_page.txt").write_text(PROSE, encoding="utf-8")
    (root / "report.pdf").write_bytes(PDF)
    (root / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "dump").write_bytes(gzip.compress(PROSE.encode() * 20))  # gzip, no .gz, not a WARC
    return root


def _by_name(items: list[RawDoc | Skip]) -> dict[str, RawDoc | Skip]:
    return {(i.name if isinstance(i, RawDoc) else Path(i.origin).name): i for i in items}


def test_pdf_markdown_and_stray_gzip_in_a_folder_are_unsupported_skips(tmp_path: Path) -> None:
    got = _by_name(list(read_inputs([_folder(tmp_path)])))
    assert isinstance(got["a_page.txt"], RawDoc)
    for name, words in (("report.pdf", "PDF"), ("notes.md", "Markdown"), ("dump", "gzip")):
        item = got[name]
        assert isinstance(item, Skip), f"{name} was read as a page"
        assert item.reason == SKIP_UNSUPPORTED and words in item.message


def test_pdf_is_known_by_content_whatever_its_name(tmp_path: Path) -> None:
    for name in ("saved_as.txt", "no_extension", "page.html"):
        (tmp_path / name).write_bytes(PDF)
        (item,) = read_inputs([tmp_path / name])
        assert isinstance(item, Skip) and item.reason == SKIP_UNSUPPORTED and "%PDF" in item.message


def test_gzip_with_gz_suffix_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "page.txt.gz").write_bytes(gzip.compress(PROSE.encode()))
    (item,) = read_inputs([tmp_path / "page.txt.gz"])
    assert isinstance(item, RawDoc) and item.text.startswith("Shelling")


def test_text_that_mentions_pdf_is_a_page() -> None:
    from sitrep.ingest.sniff import unsupported_format

    assert unsupported_format("p.txt", b"See the %PDF-1.4 report attached.\n") is None
    assert unsupported_format("readme.txt", MARKDOWN.encode()) is None


def test_ingest_lists_the_unsupported_files_with_their_reason(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    root = _folder(tmp_path / "in")
    r = CliRunner().invoke(app, ["ingest", str(root), "--db", str(tmp_path / "s.db"), "--no-events"])
    assert r.exit_code == 0, r.output
    assert "1 document(s) added" in r.output and "3 not ingested" in r.output
