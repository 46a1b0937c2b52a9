"""Mastheads above the navigation row and rule lines that close the article
(invented pages in tests/fixtures/segment, with their counter-cases)."""

from __future__ import annotations

from pathlib import Path

from sitrep.records import Segmentation
from sitrep.segment import segment_text


def _check(text: str) -> Segmentation:
    seg = segment_text(text)
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    return seg


def _seg(fixtures_dir: Path, name: str) -> Segmentation:
    return _check((fixtures_dir / "segment" / name).read_text(encoding="utf-8"))


def test_masthead_above_nav_row_is_never_the_title(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "masthead_nav.txt")
    # The site name is repeated in the footer, yet the sentence-case headline after
    # the navigation row is the title; the byline row under it is no caption.
    assert seg.title is not None
    assert seg.title.text == "Nine policemen killed in Dresk ambush as the valley slides back toward war"
    assert seg.caption is None
    assert [b.text[:20] for b in seg.body] == ["Gunmen opened fire o", "The attack was the d"]
    bp = [b.text for b in seg.boilerplate]
    assert bp[:4] == ["THE ORVAN LANTERN", "Independent news from the Orvan highlands",
                      "Home | Politics | Security | Economy | Culture | About",
                      "Field correspondent | Dresk | 6 May 2020"]
    assert seg.comments == []


def test_page_without_nav_row_keeps_its_headline() -> None:
    text = (
        "Harbour Notes\n\n"
        "Fishing fleet stays in port as storm warning is extended\n\n"
        "The fishing fleet of Tarsk stayed in port for a third day on Wednesday after the coast guard extended its storm warning.\n\n"
        "Skippers said the lost catch would cost the town's market several weeks of income.\n"
    )
    seg = _check(text)
    assert seg.title is not None and seg.title.text == "Fishing fleet stays in port as storm warning is extended"
    assert [b.text for b in seg.boilerplate] == ["Harbour Notes"]
    assert len(seg.body) == 2


def test_headline_above_a_breadcrumb_is_no_masthead() -> None:
    text = (
        "Fishing fleet stays in port as storm warning is extended\n"
        "Home | Coast | Weather\n\n"
        "The fishing fleet of Tarsk stayed in port for a third day on Wednesday after the coast guard extended its storm warning.\n\n"
        "Skippers said the lost catch would cost the town's market several weeks of income.\n"
    )
    seg = _check(text)
    assert seg.title is not None and seg.title.text == "Fishing fleet stays in port as storm warning is extended"
    assert [b.text for b in seg.boilerplate] == ["Home | Coast | Weather"]


def test_rule_line_then_outlet_voice_ends_the_article(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "rule_end.txt")
    assert seg.title is not None
    assert seg.title.text == "Ferry service to Kalvo island resumes after storm damage is repaired"
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("the island council said.")
    assert [b.text for b in seg.boilerplate] == [
        "---",
        "We do not take money from governments or parties, so that we can report freely on the islands and the coast.",
        "Support independent reporting from the coast: become a member for the price of a coffee a month.",
        "Sign up for the weekly Coastline Briefing",
    ]
    assert seg.comments == []


def test_rule_line_as_section_break_keeps_reportage(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "rule_section.txt")
    assert len(seg.body) == 4
    assert seg.body[2].text.startswith("In the neighbouring district")
    assert seg.body[-1].text.endswith("told reporters.")
    assert [b.text for b in seg.boilerplate] == ["***"]
    assert seg.comments == []


def test_rule_line_then_cta_before_comments() -> None:
    text = (
        "Ferry service to Kalvo island resumes after storm damage is repaired\n\n"
        "The ferry between Tarsk harbour and Kalvo island resumed service on Thursday, nine days after a storm tore the landing ramp from its moorings.\n\n"
        "Port officials said the repaired ramp had passed its inspection and that crossings would run at the usual times from Friday.\n\n"
        "___\n\n"
        "Get our newsletter\n\n"
        "We report from the coast every week and our work is paid for by readers like you.\n\n"
        "Comments\n\n"
        "Mara Lind · 12 Jul 2023, 18:02\n"
        "Finally, the island can breathe again.\n\n"
        "Osk Verre · 12 Jul 2023, 19:30\n"
        "Thanks to the port crews.\n"
    )
    seg = _check(text)
    assert len(seg.body) == 2 and seg.body[-1].text.endswith("from Friday.")
    assert [c.author for c in seg.comments] == ["Mara Lind", "Osk Verre"]
    bp = [b.text for b in seg.boilerplate]
    assert "___" in bp and "Get our newsletter" in bp
    assert "We report from the coast every week and our work is paid for by readers like you." in bp
