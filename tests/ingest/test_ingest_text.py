"""Plain-text dumps and every way a text file can be bad."""

from __future__ import annotations

import codecs
import pathlib
from pathlib import Path

import pytest

from sitrep.errors import SKIP_BINARY, SKIP_EMPTY, SKIP_ENCODING, SKIP_TOO_LARGE
from sitrep.ingest import MAX_TEXT_BYTES, read_inputs
from sitrep.ingest.text import read_text
from sitrep.records import DocMeta, RawDoc, Skip


def _one(path: Path) -> RawDoc | Skip:
    items = list(read_inputs([path]))
    assert len(items) == 1
    return items[0]


def test_plain_text_fixture(fixtures_dir: Path) -> None:
    doc = _one(fixtures_dir / "ingest" / "plain.txt")
    assert isinstance(doc, RawDoc)
    assert doc.name == "plain.txt"
    assert doc.origin == str(fixtures_dir / "ingest" / "plain.txt")
    assert doc.html is None
    assert doc.text is not None and doc.text.startswith("Aid convoy reaches Hill Village\n\nA convoy")
    assert doc.meta == DocMeta()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Troops left Öst.\n".encode("utf-8"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.text == "Troops left Öst.\n"


def test_utf16_with_bom_is_decoded_not_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Shelling in Pine Town.".encode("utf-16"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.text == "Shelling in Pine Town."


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file_is_skipped(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    skip = _one(path)
    assert isinstance(skip, Skip)
    assert (skip.reason, skip.origin) == (SKIP_EMPTY, str(path))


def test_binary_file_with_nul_bytes_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == SKIP_BINARY


def test_control_heavy_file_without_nul_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x01\x02\x03\x04\x05abc" * 100)
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == SKIP_BINARY


def test_few_escape_codes_do_not_make_text_binary(tmp_path: Path) -> None:
    path = tmp_path / "log.txt"
    path.write_bytes(b"\x1b[1mBold headline\x1b[0m and a long line of ordinary report text.\n" * 3)
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.text is not None and doc.text.count("\x1b[1m") == 3


def test_invalid_utf8_in_cp1252_is_decoded(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners in the na\u00efve town said \u201cthree shells\u201d landed \u2013 police."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = _one(path)
    assert isinstance(doc, RawDoc) and doc.text == text


def test_bytes_in_no_usable_encoding_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == SKIP_ENCODING


def test_text_file_that_is_html_goes_to_the_html_reader(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<!doctype html><html lang='es'><body><p>Hola mundo.</p></body></html>")
    doc = _one(path)
    assert isinstance(doc, RawDoc)
    assert doc.text is None and doc.html is not None
    assert doc.meta.language == "es"


def test_50mb_file_is_skipped_unread_and_neighbours_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "b_big.txt"
    with big.open("wb") as fh:  # sparse: no 50 MB actually written
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "a_small.txt").write_text("Small report one.")
    (tmp_path / "c_small.txt").write_text("Small report two.")

    opened: list[str] = []
    real_open = pathlib.Path.open

    def spying_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pathlib.Path, "open", spying_open)
    items = list(read_inputs([tmp_path]))

    assert [type(i).__name__ for i in items] == ["RawDoc", "Skip", "RawDoc"]
    skip = items[1]
    assert isinstance(skip, Skip)
    assert skip.reason == SKIP_TOO_LARGE and skip.origin == str(big)
    assert str(50 * 1024 * 1024) in skip.message and str(MAX_TEXT_BYTES) in skip.message
    assert "b_big.txt" not in opened
    assert [i.text for i in items if isinstance(i, RawDoc)] == ["Small report one.", "Small report two."]


def test_read_text_keeps_given_name(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Body.")
    (doc,) = read_text(path, name="custom")
    assert isinstance(doc, RawDoc) and doc.name == "custom"
