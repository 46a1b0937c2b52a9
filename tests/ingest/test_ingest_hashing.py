"""Document ids: stable across line endings, trailing spaces and blank padding."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitrep.ingest import content_hash, read_inputs
from sitrep.ingest.hashing import normalise_for_hash
from sitrep.records import RawDoc


def test_id_is_sha256_of_normalised_text_truncated_to_16() -> None:
    expected = hashlib.sha256("a\nb".encode("utf-8")).hexdigest()[:16]
    assert content_hash("a\nb") == expected
    assert len(content_hash("anything")) == 16


def test_crlf_cr_and_trailing_spaces_give_the_same_id() -> None:
    lf = "Title\n\nFirst paragraph.\nSecond line."
    variants = [
        "Title\r\n\r\nFirst paragraph.\r\nSecond line.",
        "Title\r\rFirst paragraph.\rSecond line.",
        "Title   \n\t\nFirst paragraph.  \nSecond line.\t\n\n",
        "\n\nTitle\n\n\n\n\nFirst paragraph.\nSecond line.",
    ]
    assert {content_hash(v) for v in variants} == {content_hash(lf)}


def test_nfc_and_nfd_forms_give_the_same_id() -> None:
    assert content_hash("Caf\u00e9") == content_hash("Cafe\u0301")


def test_changed_words_change_the_id() -> None:
    assert content_hash("three killed") != content_hash("four killed")


def test_single_blank_line_is_kept_distinct_from_none() -> None:
    assert normalise_for_hash("a\n\n\n\nb") == "a\n\nb"
    assert content_hash("a\n\nb") != content_hash("a\nb")


def test_same_page_ingested_twice_with_crlf_and_lf_has_same_id(tmp_path: Path) -> None:
    (tmp_path / "lf.txt").write_bytes(b"Headline\n\nBody text here.  \n")
    (tmp_path / "crlf.txt").write_bytes(b"Headline\r\n\r\nBody text here.\r\n")
    docs = list(read_inputs([tmp_path]))
    assert [d.name for d in docs] == ["crlf.txt", "lf.txt"]
    assert all(isinstance(d, RawDoc) for d in docs)
    assert docs[0].text == "Headline\n\nBody text here.\n"
    assert content_hash(docs[0].content) == content_hash(docs[1].content)


def test_html_is_hashed_over_its_raw_markup(tmp_path: Path) -> None:
    page = "<html><body><p>Same page</p></body></html>\n"
    (tmp_path / "a.html").write_text(page, newline="\n")
    (tmp_path / "b.html").write_text(page.replace("\n", "\r\n"), newline="")
    a, b = read_inputs([tmp_path])
    assert isinstance(a, RawDoc) and isinstance(b, RawDoc)
    assert a.html is not None and a.text is None
    assert content_hash(a.content) == content_hash(b.content) == content_hash(page)
