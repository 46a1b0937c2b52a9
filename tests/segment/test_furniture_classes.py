"""Three classes of page furniture seen on unseen outlets (invented pages in
tests/fixtures/segment): site navigation above the headline, the outlet's own boxes
after the article, and photo credits attached to captions; each with its counter-case."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import Segmentation
from sitrep.segment import default_cues, segment_html, segment_text

BODY_1 = ("Shells struck the grain silos beside the disused rail depot in Kessra overnight, destroying part "
          "of the roof, farmers said.")
BODY_2 = "The cooperative said a third of the stock could be saved if it was moved before the rains."


def _check(text: str, seg: Segmentation) -> None:
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text


def _seg(fixtures_dir: Path, name: str) -> tuple[str, Segmentation]:
    text = (fixtures_dir / "segment" / name).read_text(encoding="utf-8")
    seg = segment_text(text)
    _check(text, seg)
    return text, seg


# 1. Site navigation and accessibility lines at the top of the page.


def test_navigation_block_above_headline(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "nav_top.txt")
    assert seg.title is not None
    assert seg.title.text == "Water Trucks Reach Three Hamlets East Of Tell Marun After Road Reopens"
    assert seg.caption is not None
    assert seg.caption.text == "Drivers unload tanks outside the mosque in Qasr Dabil"
    assert len(seg.body) == 3
    assert seg.body[0].text.startswith("Three water trucks reached the hamlets")
    assert seg.body[-1].text.endswith("still had no steady power supply.")
    assert [b.text for b in seg.boilerplate] == [
        "Skip to content", "Toggle navigation", "Menu", "Search", "EN | AR | TR", "Log in   Subscribe",
        "Harrowfield Courier", "News  Analysis  Opinion  Video  Podcasts", "Home / News / Levant",
        "(Harrowfield Courier / Field photo)",
    ]


@pytest.mark.parametrize("top, headline", [
    ("Skip to content", "Silos hit in Kessra."),          # the headline ends in a full stop
    ("Skip to content\nJump to navigation", "Kessra silos hit"),  # too short to look like a headline
    ("Skip to main content\n\nHome / News / Syria\n\nNews  Analysis  Opinion  Video\n\nEN | AR", "Kessra: silos hit"),
])
def test_skip_link_and_navigation_rows_are_never_the_title(top: str, headline: str) -> None:
    text = f"{top}\n\n{headline}\n\n{BODY_1}\n\n{BODY_2}\n"
    seg = segment_text(text)
    _check(text, seg)
    assert seg.title is not None and seg.title.text == headline
    assert [b.text for b in seg.body] == [BODY_1, BODY_2]
    assert [b.text for b in seg.boilerplate] == [ln for ln in top.split("\n") if ln]


def test_page_of_navigation_only_has_no_title() -> None:
    text = f"Skip to main content\nHome / News / Syria\nNews  Analysis  Opinion  Video\n\n{BODY_1}\n"
    seg = segment_text(text)
    assert seg.title is None
    assert [b.text for b in seg.body] == [BODY_1]


def test_skip_link_alone_with_credit_caption(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "nav_skip_only.txt")
    assert seg.title is not None
    assert seg.title.text == "Night Shelling Damages Grain Silos Near The Old Rail Depot In Kessra"
    assert seg.caption is not None and seg.caption.text == "Part of the silo roof lies in the depot yard."
    assert [b.text for b in seg.boilerplate] == ["Skip to main content", "Photo: Omar Tessin / supplied"]
    assert len(seg.body) == 2


def test_headline_opening_with_a_menu_word_stays_the_title(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "nav_search_headline.txt")
    assert seg.title is not None
    assert seg.title.text == "Search For Missing Fishermen Called Off Near Karsa Point After Storm"
    # A parenthesised place name is caption text, not a credit.
    assert seg.caption is not None and seg.caption.text == "Boats at the Karsa Point harbour wall (Karsa)"
    assert [b.text for b in seg.boilerplate] == ["Menu", "Search"]
    assert len(seg.body) == 2

    _, seg = _seg(fixtures_dir, "nav_menu_headline.txt")
    assert seg.title is not None
    assert seg.title.text == "Menu Of Aid Options Shrinks For Families In The Brenna Camps"
    assert seg.caption is not None and seg.caption.text == "Women queue at the Brenna distribution point (Idlib)"
    assert [b.text for b in seg.boilerplate] == ["Jump to navigation"]
    assert len(seg.body) == 2


# 2. The outlet's own boxes after the article.


def test_outlet_boxes_between_article_and_comments(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "outlet_box.txt")
    assert seg.title is not None
    assert seg.title.text == "Checkpoint On The Lenner Road Closed To Lorries For A Second Week"
    assert seg.caption is not None and seg.caption.text == "Lorries parked on the verge at the Lenner junction"
    assert len(seg.body) == 3
    assert seg.body[-1].text == "A farmers' union in Lenner said about forty tonnes of apricots had already " \
                                "spoiled in parked lorries."
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Katrin Oslo", "The permits office was empty when I went on Thursday."),
        ("Bertil Ranna", "Same at the Hollin crossing, nobody answers the phone."),
    ]
    bp = [b.text for b in seg.boilerplate]
    assert bp[:3] == ["Ostrava Valley Monitor", "— AFP", "Tags: Lenner, checkpoints, trade"]
    assert bp[3:] == [
        "About us",
        "The Ostrava Valley Monitor is run by journalists from the valley towns. We are independent: we do not "
        "take money from any party, army or government, and we rely on our readers to pay for our reporting.",
        "Support our work and help us keep reporting from the valley.",
        "Sign up for our weekly briefing",
        "Every Friday we send the week's reporting from the valley to your inbox.",
        "Your e-mail address",
        "Subscribe",
        "Follow us on Telegram and Mastodon",
        "Share this article",
        "Read more:",
        "Apricot growers count their losses",
        "Lenner market closes early for the season",
        "Leave a comment",
    ]


def test_self_description_closing_the_page(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "outlet_box_end.txt")
    assert seg.title is not None and seg.title.text == "Mill Reopens In Darsk As Flour Shortage Eases"
    assert seg.caption is not None and seg.caption.text == "Sacks of flour stacked at the Darsk mill."
    assert [b.text[:30] for b in seg.body] == ["The flour mill in Darsk reopen", "The mill's manager said a gene"]
    assert seg.comments == []
    assert [b.text[:30] for b in seg.boilerplate] == [
        "(Photo: Lena Voigt/Field Agenc", "We are a small team of reporte", "Subscribe to our newsletter",
        "Enter your email", "Subscribe"]


def test_quoted_newsletter_stays_in_the_article(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "quoted_newsletter.txt")
    assert len(seg.body) == 3
    assert seg.body[-1].text.startswith("\"People trust our newsletter more than the radio now")
    assert seg.body[-1].text.endswith("who edits the sheet.")
    assert seg.boilerplate == []


def test_first_person_reportage_is_not_a_box() -> None:
    last = "We left Kessra before dark, when the shelling started again on the northern edge of the town."
    text = f"Shelling Hits Grain Silos In Kessra\n\n{BODY_1}\n\n{BODY_2}\n\n{last}\n"
    seg = segment_text(text)
    assert [b.text for b in seg.body] == [BODY_1, BODY_2, last]


def test_outlet_box_in_html() -> None:
    html = ("<html><body><article><h1>Mill Reopens In Darsk</h1>"
            "<figure><figcaption>Sacks of flour at the Darsk mill (Photo: Lena Voigt/Field Agency)</figcaption></figure>"
            f"<p>{BODY_1}</p><p>{BODY_2}</p>"
            "<p>We are an independent newsroom. We take no money from any party; support our work.</p>"
            "</article></body></html>")
    text, seg = segment_html(html)
    _check(text, seg)
    assert seg.caption is not None and seg.caption.text == "Sacks of flour at the Darsk mill"
    assert [b.text for b in seg.body] == [BODY_1, BODY_2]
    assert [b.text for b in seg.boilerplate] == [
        "(Photo: Lena Voigt/Field Agency)",
        "We are an independent newsroom. We take no money from any party; support our work."]


# 3. Photo credits attached to captions.


@pytest.mark.parametrize("line, kept", [
    ("Drivers unload tanks in Qasr Dabil (Harrowfield Courier / Field photo)", "Drivers unload tanks in Qasr Dabil"),
    ("Sacks of flour at the mill. (Photo: Lena Voigt/Field Agency)", "Sacks of flour at the mill."),
    ("Part of the silo roof in the yard. Photo: Omar Tessin / supplied", "Part of the silo roof in the yard."),
    ("Lorries parked at the Lenner junction — AFP", "Lorries parked at the Lenner junction"),
    ("Smoke rises over the ridge. Credit: Sami Halabi", "Smoke rises over the ridge."),
    ("Smoke rises over the ridge © Sami Halabi", "Smoke rises over the ridge"),
    ("Men sit by the wall (photo by Sami Halabi)", "Men sit by the wall"),
    # Counter-cases: a place name in brackets or after a dash is caption text.
    ("Women queue at the distribution point (Idlib)", "Women queue at the distribution point (Idlib)"),
    ("Smoke over the hills – Idlib province", "Smoke over the hills – Idlib province"),
    ("A well-known farm-to-market road", "A well-known farm-to-market road"),
    ("Photo: A", "Photo: A"),
])
def test_caption_credit_cut(line: str, kept: str) -> None:
    assert line[: default_cues().caption_credit_cut(line)] == kept


def test_labelled_caption_with_credit_keeps_offsets() -> None:
    cap = "Photo: Families wait at the bakery in Ariha (Field photo/Ariha Post)"
    text = f"Bread Queues Grow In Ariha\n\n{cap}\n\n{BODY_1}\n"
    seg = segment_text(text)
    _check(text, seg)
    assert seg.caption is not None and seg.caption.text == "Families wait at the bakery in Ariha"
    assert seg.caption.start == text.index("Families")
    assert [b.text for b in seg.boilerplate] == ["(Field photo/Ariha Post)"]
