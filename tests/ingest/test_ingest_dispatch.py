"""Walking inputs and choosing a reader by extension or by sniffing."""

from __future__ import annotations

import gzip
from pathlib import Path

from sitrep.errors import SKIP_BINARY, SKIP_TRUNCATED, SKIP_UNREADABLE
from sitrep.ingest import iter_files, read_inputs
from sitrep.records import RawDoc, Skip


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "b" / "inner.txt").write_text("Inner report.")
    (root / "a.txt").write_text("First report.")
    (root / "c").write_text("Report saved without an extension.")
    (root / ".hidden.txt").write_text("Editor backup, not input.")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (root / "d.bin").write_bytes(b"\x00\x01\x02binary")
    (root / "e.html.gz").write_bytes(gzip.compress(b"<html><body><p>Zipped page.</p></body></html>"))


def test_directory_walk_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == [
        "a.txt",
        "b/inner.txt",
        "c",
        "d.bin",
        "e.html.gz",
    ]


def test_each_file_goes_to_the_right_reader(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_inputs([tmp_path]))
    assert [
        (i.name, "html" if i.html else "text") if isinstance(i, RawDoc) else (i.reason, Path(i.origin).name)
        for i in items
    ] == [
        ("a.txt", "text"),
        ("inner.txt", "text"),
        ("c", "text"),
        (SKIP_BINARY, "d.bin"),
        ("e.html.gz", "html"),
    ]


def test_missing_path_is_a_skip_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.")
    missing = tmp_path / "missing.txt"
    items = list(read_inputs([missing, tmp_path / "ok.txt"]))
    assert isinstance(items[0], Skip)
    assert (items[0].origin, items[0].reason) == (str(missing), SKIP_UNREADABLE)
    assert isinstance(items[1], RawDoc) and items[1].text == "Fine."


def test_single_path_string_is_not_split_into_characters(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Only file.")
    assert [d.name for d in read_inputs(str(tmp_path))] == ["one.txt"]  # type: ignore[arg-type]


def test_truncated_gzip_text(tmp_path: Path) -> None:
    data = gzip.compress(("A long report. " * 2000).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    (skip,) = read_inputs([path])
    assert isinstance(skip, Skip) and skip.reason == SKIP_TRUNCATED


def test_read_inputs_is_lazy(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Report {n}.")
    stream = read_inputs([tmp_path])
    first = next(stream)
    (tmp_path / "2.txt").unlink()  # removed after the run started: read lazily, so it is missed
    rest = list(stream)
    assert isinstance(first, RawDoc) and first.name == "0.txt"
    assert [getattr(i, "name", None) or i.reason for i in rest] == ["1.txt", SKIP_UNREADABLE]
