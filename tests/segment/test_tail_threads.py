"""Comment threads with no widget, cue line or wide gap before them (invented pages).

The segmenter reads them from shape: a trailing run of (name line, text) pairs, or
of short blocks in a reader's voice after the article's last paragraph. The counter
cases are articles with Title-Case subheadings, a source credit, a single
paragraph, and pages that speak to the reader throughout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import Segmentation
from sitrep.segment import DEFAULT_SETTINGS, default_cues, segment_text
from sitrep.segment.lines import has_comment_voice, is_handle, is_person_name, unquoted


def _seg(fixtures_dir: Path, name: str) -> Segmentation:
    text = (fixtures_dir / "segment" / name).read_text(encoding="utf-8")
    return _check(text)


def _check(text: str) -> Segmentation:
    seg = segment_text(text)
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text
    return seg


def test_two_named_comments_without_any_cue(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "tail_two_named.txt")
    assert seg.title is not None
    assert seg.title.text == "Militia Council Meets Farmers Over Canal Repairs Near Qasrik"
    assert [b.text[:40] for b in seg.body] == [
        "Farmers from four villages near Qasrik m",
        "The council agreed to send a work crew o",
        "Officials did not say how the repairs wo",
    ]
    assert seg.body[-1].text.endswith("set for the end of the month.")
    assert [(c.author, c.text, c.depth) for c in seg.comments] == [
        ("Selim Aydar", "The crew came last year too and left after two days, we are still waiting.", None),
        ("Nora Bexley", "You people will believe any promise they make.", None),
    ]
    assert seg.boilerplate == []


def test_three_named_comments_with_a_handle(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "tail_three_handle.txt")
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("during daylight hours only.")
    assert [c.author for c in seg.comments] == ["desert_fox88", "Yara Minette", "Tomas Okoro Leffe"]
    # The handle's comment has no first/second person: the run as a whole carries it.
    assert seg.comments[0].text == "Daylight only means the night smugglers get the road to themselves."
    assert seg.comments[1].text == "My brother drives that road every week. Is it safe now or not?"
    assert [c.index for c in seg.comments] == [0, 1, 2]


def test_title_case_subheadings_to_the_end_are_not_a_thread(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "tail_subheadings.txt")
    assert seg.comments == []
    assert len(seg.body) == 11
    assert [b.text for b in seg.body if len(b.text.split()) <= 3] == [
        "Housing First", "Schools And Clinics", "Reactions Abroad", "Next Steps"]
    assert seg.body[-1].text.endswith("a list of eligible households.")
    assert seg.boilerplate == []


def test_source_credit_after_the_last_paragraph(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "tail_source_line.txt")
    assert len(seg.body) == 3
    assert seg.body[-1].text == "Repair crews worked through the night under the protection of local police, the company added in a statement."
    assert seg.comments == []
    assert [b.text for b in seg.boilerplate] == ["Source: regional power company statement and local residents"]


def test_anonymous_short_blocks_after_the_article(fixtures_dir: Path) -> None:
    seg = _seg(fixtures_dir, "tail_anonymous.txt")
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("since the start of the year.")
    assert [(c.author, c.text) for c in seg.comments] == [
        (None, "about time, people there have been eating grass for weeks"),
        (None, "Who decides which villages get the lorries and which do not?"),
        (None, "Twenty lorries for three villages will last a week at most!"),
    ]


ARTICLE = (
    "Ferry Crossing At Lenmouth Closed After Storm Damage\n\n"
    "The ferry crossing at Lenmouth was closed on Friday after a storm damaged the landing stage, the port office said.\n\n"
    "Engineers expect repairs to take at least two weeks, and passengers have been told to use the bridge upstream.\n\n"
)


def test_one_pair_before_a_repeated_reply_link() -> None:
    text = ARTICLE + (
        "Ilka Brandes\n\nWe waited three hours at the landing before anyone told us.\n\nReply\n\n"
        "Oren Salt\n\nYou should have taken the bridge then.\n\nReply\n"
    )
    seg = _check(text)
    assert len(seg.body) == 2
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Ilka Brandes", "We waited three hours at the landing before anyone told us."),
        ("Oren Salt", "You should have taken the bridge then."),
    ]
    assert [b.text for b in seg.boilerplate] == ["Reply", "Reply"]


def test_named_run_before_a_trailing_share_bar() -> None:
    text = ARTICLE + (
        "Ilka Brandes\n\nWe waited three hours at the landing before anyone told us.\n\n"
        "Oren Salt\n\nYou should have taken the bridge then.\n\nShare this\n"
    )
    seg = _check(text)
    assert len(seg.body) == 2
    assert [c.author for c in seg.comments] == ["Ilka Brandes", "Oren Salt"]
    assert [b.text for b in seg.boilerplate] == ["Share this"]


def test_single_article_paragraph_is_never_a_comment() -> None:
    one = "Ferry Crossing At Lenmouth Closed After Storm Damage\n\n" + (
        "The ferry crossing at Lenmouth was closed on Friday after a storm damaged the landing stage, the port office said.\n"
    )
    seg = _check(one)
    assert len(seg.body) == 1 and seg.comments == []
    # Two reader-voiced blocks after a single paragraph: too little article to contrast with.
    seg = _check(one + "\nwhy does this always happen in winter\n\nWe need a new landing, not repairs!\n")
    assert len(seg.body) == 3 and seg.comments == []
    # A named run keeps the one paragraph as the article.
    seg = _check(one + "\nIlka Brandes\n\nWe waited three hours.\n\nOren Salt\n\nYou should have taken the bridge.\n")
    assert [b.text[:20] for b in seg.body] == ["The ferry crossing a"]
    assert [c.author for c in seg.comments] == ["Ilka Brandes", "Oren Salt"]


def test_reader_addressed_page_gives_no_anonymous_thread() -> None:
    # An explainer that speaks to the reader throughout: its short closing lines are
    # the article's own, not comments.
    text = (
        "What To Do If The Lenmouth Ferry Is Closed\n\n"
        "If you travel between the two banks every day, the closure of the ferry will change your route for a while.\n\n"
        "The bridge upstream is open day and night, and buses run to it from the old market every twenty minutes.\n\n"
        "Will the ferry be back before the holidays?\n\n"
        "Keep your ticket: the port office says it will be refunded!\n"
    )
    seg = _check(text)
    assert seg.comments == []
    assert len(seg.body) == 4


def test_subheading_with_one_paragraph_each_after_quoted_speech() -> None:
    # Quoted first-person speech is the source's voice, not the writer's.
    text = (
        "Clinic Reopens In Varrow After Repairs\n\n"
        "The district clinic in Varrow reopened on Monday after three months of repairs to its roof and generator.\n\n"
        "Staff And Supplies\n\n"
        "\"We have enough medicine for the winter,\" the head nurse told reporters at the reopening on Monday.\n\n"
        "Road Access\n\n"
        "The road to the clinic remains closed to lorries, and supplies are carried from the main road by van.\n"
    )
    seg = _check(text)
    assert seg.comments == []
    assert seg.body[-1].text.startswith("The road to the clinic remains closed")
    assert len(seg.body) == 5


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Karim Haddad", True),
        ("Pieter van Dam", True),
        ("Abu Hadi al-Iraqi", True),
        ("Tomasz K.", True),
        ("Guest 4471", True),
        ("desert_fox88", True),
        ("d.monroe", True),
        ("Dredging plans", False),  # sentence case: a heading
        ("Talks in Afrin", False),  # a lower-case word that is no name particle
        ("Rustam", False),  # one capitalised word: a name only when its comment reads as one
        ("They Shelled The Old Market Again", False),  # too many tokens
        ("Karim Haddad.", False),
    ],
)
def test_person_name_shapes(line: str, expected: bool) -> None:
    assert is_person_name(line, DEFAULT_SETTINGS, default_cues().name_particles) is expected


def test_handles() -> None:
    assert [is_handle(t) for t in ["desert_fox88", "marsh", "Sergei_V", "Rustam", "ab", "x"]] == [
        True, True, True, False, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They shelled the market yesterday, I saw the smoke myself.", True),
        ("You are a liar.", True),
        ("Who pays for this", False),
        ("Who pays for this?", True),
        ("the usual story", True),  # lower-case start
        ("The US base was hit again, officials said.", False),  # "US" is an abbreviation
        ("\"We will not leave,\" the mayor said on Monday.", False),  # quoted speech
        ("“I saw nothing,” a guard said.", False),
        ("Officials said the talks ended without an agreement.", False),
        ("I'm not surprised at all.", True),
    ],
)
def test_comment_voice(text: str, expected: bool) -> None:
    assert has_comment_voice(text, default_cues().pronouns) is expected


def test_unquoted_drops_quoted_speech() -> None:
    assert unquoted("He said “we stay” and left.").split() == ["He", "said", "and", "left."]
