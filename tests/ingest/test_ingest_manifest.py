"""The manifest CSV and the metadata precedence: record, then manifest, then defaults."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import ManifestError
from sitrep.ingest import load_manifest, read_inputs
from sitrep.records import DocMeta, RawDoc


def _csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text(body, encoding="utf-8")
    return path


def test_reads_rows_with_extra_columns(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "doc,published,source,language,url\n"
        "a.txt,2020-06-08,Outlet A,en-US,https://a.example/1\n"
        "b.txt,,Outlet B,,\n"
        "\n",
    )
    assert load_manifest(path) == {
        "a.txt": DocMeta(
            url="https://a.example/1", source="Outlet A", published=date(2020, 6, 8), language="en"
        ),
        "b.txt": DocMeta(source="Outlet B"),
    }


def test_only_doc_column_is_required(tmp_path: Path) -> None:
    assert load_manifest(_csv(tmp_path, "doc\nx.txt\n")) == {"x.txt": DocMeta()}


def test_missing_file_raises_one_line_manifest_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as info:
        load_manifest(tmp_path / "nope.csv")
    assert str(info.value) == f"error[E002]: manifest not found: {tmp_path / 'nope.csv'}"


def test_missing_doc_column_raises(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="missing column.*doc"):
        load_manifest(_csv(tmp_path, "file,published\na.txt,2020-01-01\n"))


def test_bad_date_names_the_row(tmp_path: Path) -> None:
    path = _csv(tmp_path, "doc,published\na.txt,2020-01-01\nb.txt,08/06/2020\n")
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    assert "row 3" in info.value.message and "'b.txt'" in info.value.message
    assert "\n" not in str(info.value)


def test_duplicate_doc_raises(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="listed twice"):
        load_manifest(_csv(tmp_path, "doc\na.txt\na.txt\n"))


def test_precedence_record_then_manifest_then_defaults(tmp_path: Path) -> None:
    (tmp_path / "own.html").write_text(
        '<html><head><meta property="article:published_time" content="2021-01-01"></head>'
        "<body><p>Page with its own date.</p></body></html>"
    )
    (tmp_path / "listed.txt").write_text("Listed in the manifest.")
    (tmp_path / "unlisted.txt").write_text("Not in the manifest.")
    manifest = {
        "own.html": DocMeta(published=date(2022, 2, 2), source="Manifest Outlet"),
        "listed.txt": DocMeta(published=date(2022, 3, 3), language="uk"),
    }
    defaults = DocMeta(published=date(2023, 4, 4), source="Flag Outlet")
    docs = {d.name: d.meta for d in read_inputs([tmp_path], manifest=manifest, defaults=defaults) if isinstance(d, RawDoc)}
    assert docs == {
        "listed.txt": DocMeta(published=date(2022, 3, 3), language="uk", source="Flag Outlet",
                              published_source="manifest"),
        "own.html": DocMeta(published=date(2021, 1, 1), source="Manifest Outlet", published_source="meta"),
        "unlisted.txt": DocMeta(published=date(2023, 4, 4), source="Flag Outlet", published_source="--published"),
    }


def test_seed_pages_get_manifest_dates(seeds_dir: Path, gold_dir: Path) -> None:
    manifest = load_manifest(gold_dir / "manifest.csv")
    items = list(read_inputs([seeds_dir], manifest=manifest))
    assert len(items) == 5
    assert all(isinstance(i, RawDoc) and i.text for i in items)
    assert {i.name: i.meta.published for i in items if isinstance(i, RawDoc)} == {
        doc: meta.published for doc, meta in manifest.items()
    }
    assert {i.meta.source for i in items if isinstance(i, RawDoc)} == {"SouthFront"}
