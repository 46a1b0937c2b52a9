#!/usr/bin/env python3
"""Build the demo WARC (src/sitrep/demo/pages/crawl.warc.gz) from the HTML in warc_src/.

The output is byte-for-byte reproducible: record ids and WARC-Dates are fixed, the
HTTP headers are fixed, and warcio's gzip members carry no timestamp. Re-run after
editing the source page and commit the result:

    .venv/bin/python scripts/make_demo_warc.py
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEMO = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "demo"
SOURCE = DEMO / "warc_src" / "009_bukamal_convoy_strike.html"
TARGET = DEMO / "pages" / "crawl.warc.gz"

# One page: (target URI, WARC-Date, response record id, server Date header).
TARGET_URI = "https://www.jazira-dispatch.example/news/2021/07/bukamal-convoy-strike"
WARC_DATE = "2021-07-02T09:30:00Z"
HTTP_DATE = "Fri, 02 Jul 2021 09:30:00 GMT"
WARCINFO_ID = "<urn:uuid:5d1c0a8e-0000-4000-8000-00000000d001>"
RESPONSE_ID = "<urn:uuid:5d1c0a8e-0000-4000-8000-00000000d002>"


def build(source: Path = SOURCE, target: Path = TARGET) -> bytes:
    """Return the gzipped WARC bytes for `source` and write them to `target`."""
    body = source.read_bytes()
    out = BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")

    info = (
        "software: sitrep scripts/make_demo_warc.py\r\n"
        "format: WARC File Format 1.1\r\n"
        "description: sitrep demo crawl (fiction written for the project)\r\n"
    ).encode("utf-8")
    warcinfo = writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(info),
        length=len(info),
        warc_content_type="application/warc-fields",
        warc_headers_dict={
            "WARC-Record-ID": WARCINFO_ID,
            "WARC-Date": WARC_DATE,
            "WARC-Filename": target.name,
        },
    )
    writer.write_record(warcinfo)

    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Date", HTTP_DATE),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        TARGET_URI,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": RESPONSE_ID,
            "WARC-Date": WARC_DATE,
            "WARC-Warcinfo-ID": WARCINFO_ID,
        },
    )
    writer.write_record(response)

    data = out.getvalue()
    target.write_bytes(data)
    return data


def main() -> int:
    data = build()
    print(f"wrote {TARGET} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
