"""HTML nested deeper than libxml2's 256-element limit (#15 item 5): the text below the limit,
and everything after it, was cut and the page skipped as "no body text". Such a page is now
flattened below deep_html.MAX_DEPTH and parsed again, keeping its text and paragraphs."""

from __future__ import annotations

import pytest

from sitrep.ingest import read_path
from sitrep.ingest.deep_html import MAX_DEPTH, flatten
from sitrep.records import RawDoc
from sitrep.runner import documents
from sitrep.segment import segment

P1 = "Rebels shelled the town on Monday, killing three civilians, residents said in a statement."
P2 = "A second paragraph follows the first one here, with more details of the attack."
P3 = "After the deep part, a closing paragraph of the article sits at the top level."


def _page(depth: int, tag: str = "div", close: bool = True) -> str:
    inner = f"<p>{P1}</p><p>{P2}</p>"
    closing = f"</{tag}>" * depth if close else ""
    return (f"<html><head><title>Deep page</title></head><body>{f'<{tag}>' * depth}{inner}{closing}"
            f"<p>{P3}</p></body></html>")  # fmt: skip


@pytest.mark.parametrize("depth", [300, 1000, 5000])
def test_deep_divs_keep_their_paragraphs(depth):
    doc = segment(RawDoc("deep.html", "/in/deep.html", html=_page(depth)), "id")
    assert [s.text for s in doc.segmentation.body] == [P1, P2, P3]


@pytest.mark.parametrize("tag", ["span", "b", "section"])
def test_deep_unclosed_tags_keep_their_text(tag):
    doc = segment(RawDoc("deep.html", "/in/deep.html", html=_page(3000, tag, close=False)), "id")
    body = " ".join(s.text for s in doc.segmentation.body)
    assert P1 in body and P2 in body and P3 in body


def test_a_deep_page_file_is_read_and_segmented(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(_page(400), encoding="utf-8")
    [raw] = list(read_path(path))
    assert isinstance(raw, RawDoc)  # was Skip(no-text): the reader saw no body text
    [doc] = list(documents([path]))
    assert [s.text for s in doc.segmentation.body] == [P1, P2, P3]


def test_a_page_within_the_limit_is_not_rewritten():
    html = _page(200)
    assert flatten(html, max_depth=250) == html


def test_flatten_drops_only_tags_below_the_limit():
    html = "<div>" * 4 + "<p>x</p><br>" + "</div>" * 4
    assert flatten(html, max_depth=2) == "<div><div>  <p>x</p><br>  </div></div>"
    assert MAX_DEPTH < 256
