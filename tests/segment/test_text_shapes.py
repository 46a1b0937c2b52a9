"""Plain-text dumps in each raw shape (invented pages in tests/fixtures/segment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import DocMeta, RawDoc, Segmentation
from sitrep.segment import segment, segment_text


def _seg(fixtures_dir: Path, name: str) -> tuple[str, Segmentation]:
    text = (fixtures_dir / "segment" / name).read_text(encoding="utf-8")
    return text, segment_text(text)


def _offsets_hold(text: str, seg: Segmentation) -> None:
    spans = [seg.title, seg.caption, *seg.body, *seg.boilerplate]
    for sp in spans:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text


def test_donation_widget_and_author_comments(fixtures_dir: Path) -> None:
    text, seg = _seg(fixtures_dir, "donation_authors.txt")
    _offsets_hold(text, seg)
    assert seg.title is not None
    assert seg.title.text == "Water Pumps Restored In Three Villages Near Korvale"
    assert seg.caption is not None and seg.caption.text == "Engineers working near the river pumps at Korvale"
    assert len(seg.body) == 4
    assert seg.body[0].text.startswith("Engineers from the district water board")
    assert seg.body[-1].text.endswith("queues have vanished.")
    bp = [b.text for b in seg.boilerplate]
    assert bp[:3] == ["0 €", "1,200 €", "4,000 €"]
    assert "Help Keep The Ledger Free" in bp
    assert any(b.startswith("ETH: 0x7a3f") for b in bp)
    assert any("desk@ledger-example.org" in b for b in bp)
    assert bp.count("Water Pumps Restored In Three Villages Near Korvale") == 1  # the repeated copy
    assert [(c.author, c.depth, c.parent) for c in seg.comments] == [
        ("Tobias Renn", None, None),
        ("Ilse Marrow", None, None),
        ("Tobias Renn", None, None),
        ("Juno Akers", None, None),
    ]
    assert seg.comments[1].text == (
        "Two days of work after months of waiting. Why so slow?\n\n"
        "The parts were in a warehouse all along, I heard."
    )
    assert [c.index for c in seg.comments] == [0, 1, 2, 3]


def test_anonymous_comments_split_on_wide_gaps(fixtures_dir: Path) -> None:
    text, seg = _seg(fixtures_dir, "anonymous_gaps.txt")
    _offsets_hold(text, seg)
    assert seg.caption is None
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("a thin layer of ice.")
    assert [c.author for c in seg.comments] == [None, None, None, None]
    assert [c.text for c in seg.comments] == [
        "This happens every few years and nobody plans for it.",
        "my uncle lost half his trees in the last one, the insurance paid nothing",
        "Sprinklers work if you have the water rights.\nMost small growers do not.",
        "Buy local apples this autumn, they will need it.",
    ]
    assert seg.boilerplate == []


def test_bulleted_thread_depths_and_parents(fixtures_dir: Path) -> None:
    text, seg = _seg(fixtures_dir, "bulleted_thread.txt")
    _offsets_hold(text, seg)
    assert seg.title is not None and seg.title.text == "Bridge Inspection Closes Harbor Road For Two Weeks"
    assert [b.text for b in seg.boilerplate] == [
        "Loading the video...",
        "Bridge Inspection Closes Harbor Road For Two Weeks",
    ]
    assert len(seg.body) == 3
    assert [(c.author, c.depth, c.parent) for c in seg.comments] == [
        ("Renata", 0, None),
        ("Hollis Varga", 0, None),
        ("pim_d", 1, 1),
        ("Renata", 2, 2),
        ("Aldo Kest", 1, 1),
        ("Morwen Tull", 0, None),
        ("Hollis Varga", 1, 5),
    ]
    assert seg.comments[5].text == ""  # a reply-only bullet with no text of its own
    assert seg.comments[3].text == "Rusty is not the same as cracked though."


def test_page_without_comments(fixtures_dir: Path) -> None:
    text, seg = _seg(fixtures_dir, "no_comments.txt")
    _offsets_hold(text, seg)
    assert seg.caption is not None and seg.caption.text == "Readers at the main hall of the Eastmarsh library"
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("could be reused.")
    assert seg.comments == []
    assert seg.boilerplate == []


def test_only_widgets_after_body(fixtures_dir: Path) -> None:
    text, seg = _seg(fixtures_dir, "trailing_widgets.txt")
    _offsets_hold(text, seg)
    assert len(seg.body) == 2
    assert seg.body[-1].text.endswith("refitted with new bunks.")
    assert seg.comments == []
    assert [b.text for b in seg.boilerplate] == [
        "Support The Transit Desk",
        "Did this story help you? Chip in today!",
        "Leave a comment",
        "Name *",
        "Email *",
        "Share this",
    ]


def test_subheadings_do_not_end_the_article() -> None:
    text = (
        "Council Approves New Harbour Budget\n\n"
        "The city council approved a new harbour budget on Monday after a long debate about dredging costs.\n\n"
        "Dredging plans\n\n"
        "The budget sets aside money to deepen the outer channel so that larger cargo ships can dock.\n\n"
        "Fishing quotas\n\n"
        "Fishers asked the council to protect the inner basin, where nets are mended each winter.\n"
    )
    seg = segment_text(text)
    assert seg.comments == []
    assert [b.text for b in seg.body][1:3] == [
        "Dredging plans",
        "The budget sets aside money to deepen the outer channel so that larger cargo ships can dock.",
    ]
    assert seg.body[-1].text.endswith("mended each winter.")


def test_title_hint_and_empty_text() -> None:
    text = "Weather Desk Daily\n\nStorm Warning Lifted For The Islands\n\nThe weather office lifted its storm warning for the outer islands on Sunday morning.\n"
    seg = segment_text(text, title_hint="Storm Warning Lifted For The Islands")
    assert seg.title is not None and seg.title.text == "Storm Warning Lifted For The Islands"
    assert segment_text("") == Segmentation()
    assert segment_text("\n\n  \n") == Segmentation()


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_segment_dispatch_text_normalises_newlines(fixtures_dir: Path, newline: str) -> None:
    text = (fixtures_dir / "segment" / "no_comments.txt").read_text(encoding="utf-8")
    raw = RawDoc(name="n.txt", origin="n.txt", text=text.replace("\n", newline), meta=DocMeta(source="Invented"))
    doc = segment(raw, "abc")
    assert doc.fmt == "text" and doc.doc_id == "abc" and doc.name == "n.txt"
    assert doc.text == text
    assert doc.meta.title == "Library Reopens After Roof Repairs In Eastmarsh"
    assert doc.meta.source == "Invented"
    assert len(doc.segmentation.body) == 3
