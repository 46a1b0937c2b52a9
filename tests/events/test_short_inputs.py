"""Short reports are bodies and give their events, in every reader format.

A one-, two- or three-sentence report (a channel post, a monitor's bulletin, a wire
snippet) fed as a .txt file, a JSONL record, an HTML page or a WARC record is read as
the body of a document, never as a lone title, and its event comes out.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.records import Document
from sitrep.runner import documents

REPORTS = {
    1: "Warplanes bombed the town of Saraqib on Monday.",
    2: "Government forces shelled the town of Kafr Nabl on Monday. Two civilians were killed.",
    3: ("Rebel fighters attacked army positions near the village of Hish on Monday. "
        "The fighting lasted until dawn. Local sources said four soldiers were killed."),
}
PLACE = {1: "Saraqib", 2: "Kafranbel", 3: "Hish"}  # the gazetteer's spellings


def _write(tmp: Path, fmt: str, text: str) -> Path:
    if fmt == "txt":
        p = tmp / "report.txt"
        p.write_text(text + "\n", encoding="utf-8")
    elif fmt == "jsonl":
        p = tmp / "reports.jsonl"
        p.write_text(json.dumps({"id": "r1", "text": text, "published": "2021-03-09"}) + "\n", encoding="utf-8")
    elif fmt == "html":
        p = tmp / "report.html"
        p.write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    else:
        p = tmp / "report.warc"
        buf = BytesIO()
        writer = WARCWriter(buf, gzip=False)
        body = f"<html><body><p>{text}</p></body></html>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/r1", "response",
                                                      payload=BytesIO(body), http_headers=http))
        p.write_bytes(buf.getvalue())
    return p


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "html", "warc"])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_short_report_is_a_body_and_gives_its_event(tmp_path, extractor, fmt, n):
    from sitrep.records import DocMeta
    from datetime import date

    path = _write(tmp_path, fmt, REPORTS[n])
    docs = [d for d in documents([path], defaults=DocMeta(published=date(2021, 3, 9)))
            if isinstance(d, Document)]
    assert len(docs) == 1
    doc = docs[0]
    assert doc.segmentation.title is None
    assert " ".join(p.text for p in doc.segmentation.body) == REPORTS[n]
    ((_, events, _),) = list(extractor.extract(docs))
    assert PLACE[n] in {e.location for e in events}


def test_a_headline_over_a_one_line_report_stays_the_title(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("Clashes near Hama\n\nRebels attacked army positions near the village of Hish.\n",
                 encoding="utf-8")
    (doc,) = [d for d in documents([p]) if isinstance(d, Document)]
    assert doc.segmentation.title.text == "Clashes near Hama"
    assert [b.text for b in doc.segmentation.body] == ["Rebels attacked army positions near the village of Hish."]
    assert doc.segmentation.comments == []


def test_a_reader_speech_header_keeps_a_short_text_out_of_the_body():
    from sitrep.records import Segmentation, TextSpan
    from sitrep.segment.settings import DEFAULT_SETTINGS
    from sitrep.segment.short import short_input_body

    text = "Clashes near Hama\n\nAbu Omar says:\nThis is all lies, they never attacked anything.\n"
    seg = Segmentation(title=TextSpan(0, 17, "Clashes near Hama"))
    assert short_input_body(text, seg, DEFAULT_SETTINGS) is seg


def test_a_long_text_is_left_to_the_page_cascade(tmp_path):
    from sitrep.records import RawDoc, DocMeta
    from sitrep.segment.api import segment

    lines = [f"Menu item {i}" for i in range(8)]
    doc = segment(RawDoc(name="m.txt", origin="m.txt", text="\n".join(lines), meta=DocMeta()), "m")
    assert doc.segmentation.body == []
