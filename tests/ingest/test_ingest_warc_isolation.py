"""One bad WARC record is one counted skip; the records after it are still read (#15)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from sitrep.errors import SKIP_BAD_RECORD, SKIP_TRUNCATED
from sitrep.ingest import read_inputs
from sitrep.records import RawDoc, Skip


def _record(uri: str, body: bytes, headers: str = "") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2022-08-09T10:11:12Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"{headers}Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _page(n: int) -> bytes:
    return f"<html><body><p>Report {n}: the ferry to the invented island of Corran ran on time.</p></body></html>".encode()


GOOD = [_record(f"http://example.org/news/report-{n}", _page(n)) for n in (1, 3, 4)]
BAD_URI = _record("http://[::1", _page(2))


def _write(path: Path, records: list[bytes], gzipped: bool) -> Path:
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gzipped else b"".join(records))
    return path


def _read(path: Path) -> tuple[list[str], list[Skip]]:
    items = list(read_inputs([path]))
    return [i.name for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, Skip)]


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_bad_target_uri_is_one_skip_and_later_records_are_read(tmp_path: Path, gzipped: bool) -> None:
    path = _write(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), [GOOD[0], BAD_URI, GOOD[1], GOOD[2]], gzipped)
    docs, skips = _read(path)
    assert docs == ["report-1", "report-3", "report-4"]
    assert [(s.origin, s.reason, s.message) for s in skips] == [
        (f"{path}#2", SKIP_BAD_RECORD, "bad WARC-Target-URI 'http://[::1': Invalid IPv6 URL")
    ]


def _corrupt_member(record: bytes) -> bytes:
    member = bytearray(gzip.compress(record))
    for i in range(12, len(member) // 2):  # the deflate data, not the gzip header
        member[i] ^= 0x5A
    return bytes(member)


def test_broken_gzip_member_is_one_skip_and_later_records_are_read(tmp_path: Path) -> None:
    bad = _corrupt_member(_record("http://example.org/news/report-2", _page(2)))
    path = tmp_path / "c.warc.gz"
    path.write_bytes(gzip.compress(GOOD[0]) + bad + gzip.compress(GOOD[1]) + gzip.compress(GOOD[2]))
    docs, skips = _read(path)
    assert docs == ["report-1", "report-3", "report-4"]
    assert len(skips) == 1
    skip = skips[0]
    assert (skip.origin, skip.reason) == (f"{path}#2", SKIP_BAD_RECORD)
    assert skip.message.startswith("damaged record at byte ") and "reading on from byte" in skip.message
    assert "\n" not in skip.message


def test_broken_last_gzip_member_is_one_skip(tmp_path: Path) -> None:
    bad = _corrupt_member(_record("http://example.org/news/report-9", _page(9)))
    path = tmp_path / "c.warc.gz"
    path.write_bytes(gzip.compress(GOOD[0]) + bad)
    docs, skips = _read(path)
    assert docs == ["report-1"]
    assert len(skips) == 1 and skips[0].reason in (SKIP_BAD_RECORD, SKIP_TRUNCATED)
    assert "\n" not in skips[0].message


def test_garbled_header_block_in_plain_warc(tmp_path: Path) -> None:
    garbled = b"WARC/1.0\r\nthis is not a header\r\n\x00\x01\x02 nonsense\r\n\r\nmore nonsense\r\n\r\n"
    path = _write(tmp_path / "c.warc", [GOOD[0], garbled, GOOD[1], GOOD[2]], gzipped=False)
    docs, skips = _read(path)
    assert docs == ["report-1", "report-3", "report-4"]
    assert len(skips) == 1 and skips[0].reason == SKIP_BAD_RECORD and skips[0].origin == f"{path}#2"
