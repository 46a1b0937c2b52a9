"""HTML pages: raw markup kept, metadata read from the page's own tags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sitrep.errors import SKIP_EMPTY, SKIP_NO_TEXT
from sitrep.ingest import read_inputs
from sitrep.ingest.html import html_doc, html_meta, parse_html
from sitrep.records import DocMeta, RawDoc, Skip


def _one(path: Path) -> RawDoc | Skip:
    items = list(read_inputs([path]))
    assert len(items) == 1
    return items[0]


def test_meta_tags_fill_every_field(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "article.html"
    doc = _one(path)
    assert isinstance(doc, RawDoc)
    assert doc.name == "article.html" and doc.text is None
    assert doc.html == path.read_text(encoding="utf-8")
    assert doc.meta == DocMeta(
        url="https://news.example.org/2022/03/valley-town-shelling",
        source="Example Frontline News",
        published=date(2022, 3, 14),  # the page's local date, not converted to UTC
        language="en",
        title="Shelling reported near Valley Town",
        published_source="meta",
    )


def test_jsonld_date_canonical_link_and_content_language(fixtures_dir: Path) -> None:
    doc = _one(fixtures_dir / "ingest" / "jsonld.html")
    assert isinstance(doc, RawDoc)
    # JSON-LD beats the unrelated <time> in the body.
    assert doc.meta.published == date(2021, 11, 2)
    assert doc.meta.language == "fr"
    assert doc.meta.title == "Ceasefire talks resume"
    # A relative canonical link has no base outside a crawl: not a usable URL.
    assert doc.meta.url is None
    assert doc.meta.source is None


def test_relative_canonical_is_resolved_against_base_url(fixtures_dir: Path) -> None:
    tree = parse_html((fixtures_dir / "ingest" / "jsonld.html").read_text())
    meta = html_meta(tree, base_url="https://wire.example.com/feed/item")
    assert meta.url == "https://wire.example.com/world/ceasefire-talks-resume"


def test_time_element_date_when_nothing_else(fixtures_dir: Path) -> None:
    doc = _one(fixtures_dir / "ingest" / "time_only.html")
    assert isinstance(doc, RawDoc)
    assert doc.meta == DocMeta(
        published=date(2023, 7, 9), title="Convoy stopped at checkpoint", published_source="meta"
    )


def test_meta_name_date_and_og_title_fallback() -> None:
    page = (
        '<html><head><meta name="date" content="2018-06-28">'
        '<meta property="og:title" content="  Social   title "></head>'
        "<body><p>Text.</p></body></html>"
    )
    doc = html_doc(page, "p.html", "p.html")
    assert isinstance(doc, RawDoc)
    assert doc.meta.published == date(2018, 6, 28)
    assert doc.meta.title == "Social title"


def test_unparseable_date_values_are_passed_over() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="yesterday">'
        '<meta name="date" content="2019-02-30"></head>'
        '<body><time datetime="2019-03-01">1 March</time></body></html>'
    )
    doc = html_doc(page, "p.html", "p.html")
    assert isinstance(doc, RawDoc) and doc.meta.published == date(2019, 3, 1)


def test_container_meta_wins_over_page_meta() -> None:
    page = '<html lang="de"><head><title>Own</title></head><body><p>Text.</p></body></html>'
    doc = html_doc(page, "p", "p", meta=DocMeta(title="Given", source="Feed"))
    assert isinstance(doc, RawDoc)
    assert doc.meta == DocMeta(title="Given", source="Feed", language="de")


def test_page_without_body_text_is_skipped(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "no_body.html"
    skip = _one(path)
    assert isinstance(skip, Skip)
    assert (skip.reason, skip.origin) == (SKIP_NO_TEXT, str(path))


def test_markup_only_page_is_no_text_and_empty_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<html><head></head><body><div> </div></body></html>")
    (tmp_path / "b.htm").write_text("")
    a, b = read_inputs([tmp_path])
    assert isinstance(a, Skip) and a.reason == SKIP_NO_TEXT
    assert isinstance(b, Skip) and b.reason == SKIP_EMPTY


def test_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Удар по складу</p></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.html == page


def test_xml_declaration_does_not_break_parsing() -> None:
    page = '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Text é.</p></body></html>'
    doc = html_doc(page, "x", "x")
    assert isinstance(doc, RawDoc) and doc.html == page
