"""WARC crawls built here with warcio: records, names, dates and truncation."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import SKIP_EMPTY, SKIP_TRUNCATED, SKIP_UNSUPPORTED
from sitrep.ingest import read_inputs
from sitrep.records import DocMeta, RawDoc, Skip

WARC_DATE = "2021-03-04T05:06:07Z"

PAGE_WITH_DATE = (
    b'<html lang="en"><head><title>Bridge damaged</title>'
    b'<meta property="article:published_time" content="2021-02-27"></head>'
    b"<body><p>The old bridge at Fern Crossing was damaged by a blast.</p></body></html>"
)
PAGE_WITHOUT_DATE = b"<html><body><p>Patrols resumed along the fictional canal.</p></body></html>"


def _response(writer: WARCWriter, uri: str, body: bytes, ctype: str, status: str = "200 OK"):  # type: ignore[no-untyped-def]
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )


def write_warc(path: Path, gzip: bool) -> None:
    """Six records: a request, then responses: dated page, image, 404, nameless URI, text."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(
            writer.create_warc_record(
                "http://example.org/news/fern-crossing",
                "request",
                payload=BytesIO(b""),
                http_headers=StatusAndHeaders(
                    "GET /news/fern-crossing HTTP/1.1", [("Host", "example.org")], is_http_request=True
                ),
            )
        )
        writer.write_record(
            _response(writer, "http://example.org/news/fern-crossing/", PAGE_WITH_DATE, "text/html; charset=utf-8")
        )
        writer.write_record(_response(writer, "http://example.org/img/logo.png", b"\x89PNG\x00", "image/png"))
        writer.write_record(
            _response(writer, "http://example.org/missing", b"<html><body>gone</body></html>", "text/html", "404 Not Found")
        )
        writer.write_record(_response(writer, "http://example.org/", PAGE_WITHOUT_DATE, "text/html"))
        writer.write_record(
            _response(writer, "http://example.org/feeds/brief%20one.txt", b"Brief: calm night in Oak Town.", "text/plain")
        )


def test_warc_gz_records_become_docs(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    items = list(read_inputs([path]))
    docs = [i for i in items if isinstance(i, RawDoc)]
    skips = [i for i in items if isinstance(i, Skip)]

    assert [(d.name, d.origin) for d in docs] == [
        ("fern-crossing", f"{path}#2"),
        ("record-5", f"{path}#5"),
        ("brief one.txt", f"{path}#6"),
    ]
    first, second, third = docs
    assert first.html is not None and first.html.startswith("<html lang=")
    assert first.meta == DocMeta(
        url="http://example.org/news/fern-crossing/",
        published=date(2021, 2, 27),  # the page's own date beats the capture date
        language="en",
        title="Bridge damaged",
        published_source="meta",
    )
    assert second.meta == DocMeta(url="http://example.org/", published=date(2021, 3, 4), published_source="warc")
    assert third.text == "Brief: calm night in Oak Town." and third.html is None
    assert third.meta.published == date(2021, 3, 4)

    assert [(s.origin, s.reason, s.message) for s in skips] == [
        (f"{path}#3", SKIP_UNSUPPORTED, "content type image/png"),
        (f"{path}#4", SKIP_UNSUPPORTED, "HTTP status 404"),
    ]


def test_plain_warc_reads_the_same(tmp_path: Path) -> None:
    gz, plain = tmp_path / "a.warc.gz", tmp_path / "b.warc"
    write_warc(gz, gzip=True)
    write_warc(plain, gzip=False)
    from_gz = [(d.name, d.content, d.meta) for d in read_inputs([gz]) if isinstance(d, RawDoc)]
    from_plain = [(d.name, d.content, d.meta) for d in read_inputs([plain]) if isinstance(d, RawDoc)]
    assert len(from_gz) == 3 and from_gz == from_plain


def test_truncated_warc_gz_yields_records_so_far_and_one_truncated_skip(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full, gzip=True)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 60])  # inside the last record's gzip member
    items = list(read_inputs([cut]))
    docs = [i.name for i in items if isinstance(i, RawDoc)]
    truncated = [i for i in items if isinstance(i, Skip) and i.reason == SKIP_TRUNCATED]
    assert docs == ["fern-crossing", "record-5"]
    assert len(truncated) == 1
    assert items[-1] is truncated[0]


def test_warc_gz_cut_inside_first_record_is_one_truncated_skip(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    write_warc(full, gzip=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full.read_bytes()[:40])
    items = list(read_inputs([cut]))
    assert len(items) == 1
    assert isinstance(items[0], Skip) and items[0].reason == SKIP_TRUNCATED


def test_plain_warc_cut_mid_body_reports_that_record(tmp_path: Path) -> None:
    full = tmp_path / "full.warc"
    write_warc(full, gzip=False)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 15])  # inside the text/plain body of record 6
    items = list(read_inputs([cut]))
    assert [i.name for i in items if isinstance(i, RawDoc)] == ["fern-crossing", "record-5"]
    last = items[-1]
    assert isinstance(last, Skip)
    assert (last.origin, last.reason) == (f"{cut}#6", SKIP_TRUNCATED)


def test_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.warc"
    bogus.write_text("just some notes, not an archive")
    empty = tmp_path / "void.warc"
    empty.write_bytes(b"")
    items = list(read_inputs([bogus, empty]))
    assert [(i.reason, i.origin) for i in items if isinstance(i, Skip)] == [
        (SKIP_UNSUPPORTED, str(bogus)),
        (SKIP_EMPTY, str(empty)),
    ]
    assert len(items) == 2


def test_warc_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "crawl-dump"
    write_warc(path, gzip=True)
    names = [d.name for d in read_inputs([path]) if isinstance(d, RawDoc)]
    assert names == ["fern-crossing", "record-5", "brief one.txt"]
