"""Short inputs are bodies: a one-to-few-line report is not a headline with no article.

The cascade in `text.py` reads a page's shape: a headline-shaped first line is the
title and the body is the prose below it. A record fed on its own (a channel post,
a monitor's one-line bulletin, a wire snippet, a UCDP-style headline) has no such
shape, and the cascade would keep its only line as the title and find no body,
so no event could be read from it. `short_input_body` applies after the cascade:
when it found no body and no named commenter in a text of at most
`short_input_max_lines` lines / `short_input_max_chars` characters, every prose
line becomes body; a headline-shaped first line followed by prose stays the title.
An unsigned line after a lone headline is read by the cascade as an anonymous
comment; with no article above it there is no thread, so it is the report.
"""

from __future__ import annotations

import re

from sitrep.records import Segmentation, TextSpan
from sitrep.segment.cues import CueSet, default_cues
from sitrep.segment.settings import SegmentSettings

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]{2,}")
_END_PUNCT = (".", "!", "?", "…", "\"", "”", "'")


def _prose(text: str, settings: SegmentSettings) -> bool:
    """A line with words in it (not a bare date, number, link or sign-off)."""
    return len(_WORD.findall(text)) >= settings.title_min_words and len(text.strip()) >= settings.title_min_chars


def short_input_body(text: str, seg: Segmentation, settings: SegmentSettings,
                     cues: CueSet | None = None) -> Segmentation:
    """Make the lines of a short, body-less text its body (see module docstring)."""
    if seg.body or len(text.strip()) > settings.short_input_max_chars:
        return seg
    cues = cues or default_cues()
    if any(cues.speech_header(ln.strip()) for ln in text.split("\n") if ln.strip()):
        return seg  # "Name says:": a reader's words, whatever the cascade made of them
    if any(c.author is not None for c in seg.comments):
        return seg  # a named commenter: a thread (with its article missing), never a report
    spans = []
    for m in _LINE.finditer(text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            spans.append(TextSpan(m.start() + lead, m.start() + lead + len(body), body))
    if not spans or len(spans) > settings.short_input_max_lines:
        return seg
    prose = [sp for sp in spans if _prose(sp.text, settings)]
    if not prose:
        return seg
    title = None
    if len(prose) > 1 and seg.title is not None and prose[0].start == seg.title.start \
            and not prose[0].text.endswith(_END_PUNCT):
        title, prose = prose[0], prose[1:]
    taken = {(sp.start, sp.end) for sp in prose} | ({(title.start, title.end)} if title else set())
    boiler = [sp for sp in spans if (sp.start, sp.end) not in taken]
    caption = seg.caption if seg.caption is not None and (seg.caption.start, seg.caption.end) not in taken else None
    if caption is not None:
        boiler = [sp for sp in boiler if not (sp.start <= caption.start < sp.end)]
    return Segmentation(title=title, caption=caption, body=prose, boilerplate=boiler, comments=[])
