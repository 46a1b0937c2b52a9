"""Turn a `RawDoc` into a segmented `Document`."""

from __future__ import annotations

from sitrep.records import DocMeta, Document, RawDoc
from sitrep.segment.html import segment_html
from sitrep.segment.long import split_long_spans
from sitrep.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from sitrep.segment.short import short_input_body
from sitrep.segment.text import segment_text


def normalise_newlines(text: str) -> str:
    """CRLF/CR to LF and no byte-order mark: the form all offsets refer to."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def segment(raw: RawDoc, doc_id: str, *, settings: SegmentSettings = DEFAULT_SETTINGS) -> Document:
    """Segment one page, HTML or text, keeping the reader's metadata.

    The container's stated title (`raw.meta.title`) guides title detection in text
    dumps; when the container states none, the detected title fills the gap.
    """
    if raw.html is not None:
        text, seg = segment_html(raw.html, settings=settings)
        fmt = "html"
    else:
        text = normalise_newlines(raw.text or "")
        seg = segment_text(text, title_hint=raw.meta.title, settings=settings)
        fmt = "text"
    seg = short_input_body(text, seg, settings)
    seg.body = split_long_spans(seg.body, settings.max_paragraph_chars)
    meta = raw.meta
    if seg.title is not None:
        meta = meta.merged(DocMeta(title=seg.title.text))
    return Document(doc_id=doc_id, name=raw.name, origin=raw.origin, text=text, meta=meta,
                    segmentation=seg, fmt=fmt)
