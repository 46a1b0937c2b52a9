"""Long documents (#15 item 7): spaCy refuses texts over nlp.max_length (1,000,000 characters),
and the event stage parses each body paragraph as one text, so a page with a paragraph that long
was read, segmented and then dropped. Body paragraphs are now capped at
SegmentSettings.max_paragraph_chars, cut at line / sentence / word boundaries, offsets kept."""

from __future__ import annotations

import spacy

from sitrep.records import RawDoc, TextSpan
from sitrep.segment import DEFAULT_SETTINGS, SegmentSettings, segment
from sitrep.segment.long import split_span

SENTENCE = "Government forces shelled the village on Monday, killing three civilians, activists said. "
LIMIT = DEFAULT_SETTINGS.max_paragraph_chars


def _check_body(doc, limit=LIMIT):
    for s in doc.segmentation.body:
        assert doc.text[s.start : s.end] == s.text
        assert 0 < len(s.text) <= limit
    return doc.segmentation.body


def test_the_cap_is_below_spacys_limit():
    assert LIMIT < spacy.blank("en").max_length == 1_000_000


def test_a_one_line_text_page_over_a_million_characters_is_kept_in_pieces():
    body = SENTENCE * 12_000  # 1,080,000 characters on one line
    text = f"Village shelled in the north\n\n{body}\n"
    doc = segment(RawDoc("long.txt", "/in/long.txt", text=text), "id")
    spans = _check_body(doc)
    assert len(spans) == 11
    assert all(s.text.endswith("activists said.") for s in spans)  # cut at sentence ends
    assert "".join(s.text + " " for s in spans) == body  # nothing lost between the pieces
    nlp = spacy.blank("en")
    assert all(len(nlp(s.text)) > 0 for s in spans[:2])  # spaCy takes each piece (no E088)


def test_a_long_html_paragraph_is_kept_in_pieces():
    body = SENTENCE * 12_000
    html = f"<html><head><title>Village shelled</title></head><body><article><h1>Village shelled</h1><p>{body}</p></article></body></html>"
    doc = segment(RawDoc("long.html", "/in/long.html", html=html), "id")
    spans = _check_body(doc)
    assert sum(len(s.text) for s in spans) >= len(body) - len(spans)


def test_line_breaks_win_over_sentence_ends():
    text = "a" * 60 + ".\n" + "b" * 20 + ". " + "c" * 60  # a later sentence end in the window
    assert split_span(TextSpan(10, 10 + len(text), text), 200) == [TextSpan(10, 10 + len(text), text)]
    pieces = split_span(TextSpan(10, 10 + len(text), text), 100)
    assert [(p.start - 10, p.end - 10) for p in pieces] == [(0, 61), (62, 144)]
    assert [p.text for p in pieces] == ["a" * 60 + ".", "b" * 20 + ". " + "c" * 60]


def test_sentence_ends_win_over_spaces():
    text = "a" * 55 + ". " + "b" * 20 + " " + "c" * 60  # a later space in the window
    pieces = split_span(TextSpan(0, len(text), text), 100)
    assert [(p.start, p.end) for p in pieces] == [(0, 56), (57, 138)]


def test_a_run_without_spaces_is_cut_hard_at_the_limit():
    text = "x" * 250
    pieces = split_span(TextSpan(0, 250, text), 100)
    assert [(p.start, p.end) for p in pieces] == [(0, 100), (100, 200), (200, 250)]


def test_the_cap_is_a_setting():
    text = f"Village shelled in the north\n\n{SENTENCE * 40}\n"
    doc = segment(RawDoc("p.txt", "/in/p.txt", text=text), "id", settings=SegmentSettings(max_paragraph_chars=1000))
    spans = _check_body(doc, 1000)
    assert len(spans) == 4 and all(s.text.endswith("said.") for s in spans)
