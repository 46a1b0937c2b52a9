"""Cap the length of body paragraphs so that every one fits the NLP stage.

Why: `sitrep.events` parses each body paragraph as one spaCy text, and spaCy refuses
texts over `nlp.max_length` (1,000,000 characters); long before that, a paragraph of
hundreds of thousands of characters costs gigabytes. A page read from a 20 MB file
with few or no line breaks was read and segmented, then dropped whole at extraction.
Here such a paragraph becomes several body spans, cut at the last line break, else
the last sentence end, else the last space inside the limit (a hard cut only for a
run with no space at all), so evidence offsets still point into `Document.text`.
"""

from __future__ import annotations

import re

from sitrep.records import TextSpan

# A sentence end: closing punctuation, optional closing quotes/brackets, then space.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s")
_SPACE = re.compile(r"\s")


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece of `text` starting at `start` ends: at most `limit` characters on,
    at the best boundary in the window's second half."""
    end = start + limit
    floor = start + limit // 2  # never cut pieces shorter than half the limit
    nl = text.rfind("\n", floor, end)
    if nl != -1:
        return nl + 1
    last = None
    for m in _SENTENCE_END.finditer(text, floor, end):
        last = m
    if last is not None:
        return last.end()
    for i in range(end - 1, floor - 1, -1):  # the last whitespace, scanning back
        if text[i].isspace():
            return i + 1
    return end


def split_span(span: TextSpan, limit: int) -> list[TextSpan]:
    """`span` as pieces of at most `limit` characters, blank edges trimmed, offsets kept."""
    text = span.text
    if len(text) <= limit:
        return [span]
    pieces: list[TextSpan] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        end = len(text) if len(text) - pos <= limit else _cut(text, pos, limit)
        stop = end
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            pieces.append(TextSpan(span.start + pos, span.start + stop, text[pos:stop]))
        pos = end
    return pieces


def split_long_spans(spans: list[TextSpan], limit: int) -> list[TextSpan]:
    """Every span of `spans` no longer than `limit`; short spans are returned as they are."""
    if all(len(s.text) <= limit for s in spans):
        return spans
    out: list[TextSpan] = []
    for s in spans:
        out.extend(split_span(s, limit))
    return out
