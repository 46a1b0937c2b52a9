"""HTML pages: article from the container, thread structure from nested markup."""

from __future__ import annotations

from pathlib import Path

from sitrep.records import RawDoc
from sitrep.segment import segment, segment_html


def test_wordpress_thread(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "segment" / "wp_thread.html").read_text(encoding="utf-8")
    text, seg = segment_html(html)
    assert seg.title is not None and seg.title.text == "Ferry Service Resumes Across Lake Varenna After Storm"
    assert text.startswith(seg.title.text + "\n")
    assert seg.caption is not None and seg.caption.text == "A ferry docked at the northern pier"
    assert [p.text[:30] for p in seg.body] == [
        "Ferry crossings between the tw",
        "Operators said the first boats",
        "Harbour officials expect the f",
    ]
    assert [b.text for b in seg.boilerplate] == ["Support us"]
    assert [(c.author, c.depth, c.parent) for c in seg.comments] == [
        ("Marta Quill", 0, None),
        ("Otto Brandvik", 1, 0),
        ("Marta Quill", 2, 1),
        ("Lena Ostrova", 0, None),
    ]
    assert seg.comments[1].text == "The evening boat was still cancelled yesterday.\nCheck the board first."
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        assert sp is not None and text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text
    assert "Reply" not in text and "says:" not in text and "Leave a Reply" not in text


def test_nested_div_thread_without_article_tag(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "segment" / "div_thread.html").read_text(encoding="utf-8")
    text, seg = segment_html(html)
    assert seg.title is not None and seg.title.text == "Market Hall Roof Finished Ahead Of Schedule"
    assert len(seg.body) == 2
    assert [(c.author, c.depth, c.parent, c.text) for c in seg.comments] == [
        ("harbourcat", 0, None, "Finally a project that finished early."),
        ("Sven O.", 1, 0, "Early and on budget, for once."),
        (None, 0, None, "Will the fish stalls be inside too?"),
    ]


def test_segment_dispatch_html(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "segment" / "div_thread.html").read_text(encoding="utf-8")
    doc = segment(RawDoc(name="p.html", origin="p.html", html=html), "id1")
    assert doc.fmt == "html"
    assert doc.meta.title == "Market Hall Roof Finished Ahead Of Schedule"
    assert len(doc.segmentation.comments) == 3


def test_empty_html() -> None:
    text, seg = segment_html("   ")
    assert text == "" and seg.body == [] and seg.comments == []
