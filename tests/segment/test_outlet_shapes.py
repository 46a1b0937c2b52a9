"""Page shapes of outlets the seeds and the demo do not show (invented pages in
tests/fixtures/segment): comment headers with a timestamp or a speech verb,
labelled photo captions, boxed and form widgets, link lists, control rows with
counters, multi-name bylines, wire credit lines and title copies with a site suffix."""

from __future__ import annotations

from pathlib import Path

from sitrep.records import Segmentation
from sitrep.segment import segment_text


def _seg(fixtures_dir: Path, name: str) -> Segmentation:
    text = (fixtures_dir / "segment" / name).read_text(encoding="utf-8")
    seg = segment_text(text)
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text
    return seg


def test_name_timestamp_headers_boxes_and_link_lists(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "header_timestamps.txt")
    assert seg.title is not None
    # The site-suffixed document title repeats the headline; the metadata row is no title.
    assert seg.title.text == "Flood barriers hold along the Lower Merrin as river peaks overnight"
    # The caption's text starts after its label.
    assert seg.caption is not None and seg.caption.text == "Sandbags stacked along the quay at Orlen (Ledger reader)"
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("until Friday.")
    # "Name · date" and "Name · 2 hours ago" headers; "Anonymous" names nobody.
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Tove Marsk", "Our street in Orlen stayed dry for the first time in years. Good job by the crews."),
        ("river_rat77", "The pumps were running all night, I could hear them from my window."),
        (None, "Who pays for all of this?"),
    ]
    bp = [b.text for b in seg.boilerplate]
    for furniture in ("RIVER DESK No. 42  ·  Coverage: 4 March 2024  ·  Reading time 2 min",
                      "→ Castvik ferry timetable after the floods", "The Ledger morning mail: one message a day.",
                      "We never pass your address on.", "© 2024 Valley Ledger · Privacy · Contact"):
        assert furniture in bp


def test_says_headers_credit_line_donation_box_and_comment_form(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "says_headers.txt")
    assert seg.title is not None
    assert seg.title.text == "Night market returns to Pelmo square after two quiet winters"
    # The tagline under the first title copy is no caption; the labelled photo line is,
    # though it is long.
    assert seg.caption is not None and seg.caption.text.startswith("Lanterns strung over the stalls")
    assert len(seg.body) == 3
    assert seg.body[0].text.startswith("More than forty stalls")
    assert seg.body[-1].text.endswith("the committee said.")
    # "Benno says:" is a header because the page's other "says:" headers are confirmed.
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Greta Olm", "Wonderful evening, the soup stall was the best."),
        ("Benno", "Parking was a nightmare though."),
        (None, "Too loud for the people who live on the square."),
    ]
    bp = [b.text for b in seg.boilerplate]
    for furniture in ("(Reporting by Eda Quint; Editing by Bo Lark)", "Pelmo Post is paid for by its readers. Nobody else pays us.",
                      "TOP STORIES", "1. School roof repairs finished early", "9 Comments (showing 3)",
                      "Your e-mail stays private. Boxes with a star must be filled in.", "Your comment *  Your name *  [Post]"):
        assert furniture in bp


def test_wire_page_with_bulleted_thread_and_reaction_rows(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "wire_bullets.txt")
    assert seg.title is not None
    assert seg.title.text == "Harbour cranes idle as dock workers strike for second day"
    assert seg.caption is None
    assert len(seg.body) == 2
    assert seg.body[0].text.startswith("KESTRA, June 5 (Northline)")
    assert seg.body[-1].text.endswith("go on until then.")
    assert [(c.author, c.depth) for c in seg.comments] == [("harbour_jo", 0), ("K. Aldren", 1), (None, 0)]
    assert all("likes" not in c.text for c in seg.comments)
    bp = [b.text for b in seg.boilerplate]
    for furniture in ("By Ines Vallo and Petr Onsk", "[f] [x] [mail] [print]   Purchase licensing rights",
                      "MOST READ", "Reply · 12 likes", "Terms of use · Privacy · © 2023 Northline Wire. All rights reserved."):
        assert furniture in bp


def test_header_thread_right_after_the_article() -> None:
    text = (
        "Village well repaired after a month without water\n\n"
        "Engineers from the district finished repairing the pump of the village well on Tuesday, a month after it broke down in the heat.\n\n"
        "Families had carried water from the river in the meantime, the village head said, and the school had closed early.\n\n"
        "Mara Lind · 12 Jul 2023, 18:02\n"
        "Finally, we waited far too long for this.\n\n"
        "Osk Verre · 12 Jul 2023, 19:30\n"
        "Thanks to the engineers who came on a holiday.\n"
    )
    seg = segment_text(text)
    assert len(seg.body) == 2 and seg.body[-1].text.endswith("closed early.")
    assert [c.author for c in seg.comments] == ["Mara Lind", "Osk Verre"]


def test_article_lines_stay_content() -> None:
    """Shapes close to the new furniture that are article text."""
    text = (
        "Council approves new bridge over the Tarn after long debate\n\n"
        "The town council approved the new bridge over the Tarn on Monday after a debate that lasted most of the night.\n\n"
        "The mayor says:\n\n"
        "\"We will start building in the spring and finish before the winter of next year, whatever the weather does.\"\n\n"
        "Work is expected to cost about four million and will be paid for by the region and the town together.\n"
    )
    seg = segment_text(text)
    assert seg.comments == []
    assert seg.body[-1].text.startswith("Work is expected")
