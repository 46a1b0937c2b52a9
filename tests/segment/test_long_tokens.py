"""One very long token in a comment does not stall segmentation (#15).

Comment threads are hostile: a reader can paste a 200,000-character token. Every
pattern applied to page text must run in linear time; before this, the e-mail
pattern alone backtracked quadratically (100,000 characters cost ~50 s). Each case
runs under a generous alarm (no timing asserts) and must give the same segments
as the page with a short token.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from sitrep.ingest.hashing import content_hash
from sitrep.segment import segment_html, segment_text

LONG = 200_000
# Generous: each case takes well under a second; the quadratic patterns took minutes.
ALARM_SECONDS = 20

TOKENS = {
    "letters": lambda n: "q" * n,
    "underscored": lambda n: ("k_" * n)[:n],
    "dotted": lambda n: ("w." * n)[:n],
    "hyphenated": lambda n: ("z-" * n)[:n],
    "after-at": lambda n: "m@" + "r" * n,
    "capitals": lambda n: "Q" * n,
}

TITLE = "Water Pipes Replaced In Elm Hollow"
BODY = [
    "Workers in the invented village of Elm Hollow replaced the main water pipes on Monday, the council said.",
    "The council said the work would finish before the end of the month, and that supply would not be cut again.",
]


def _text_page(token: str) -> str:
    return (
        f"{TITLE}\n\n{BODY[0]}\n\n{BODY[1]}\n\n3 Comments\n\n"
        f"Ruth Ashdown · 4 May 2021\nI watched the crews at work, {token} and they were quick!\n\n"
        "Tom Ferris · 4 May 2021\nGood news for the village at last.\n"
    )


def _html_page(token: str) -> str:
    return (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"<p>{BODY[0]}</p><p>{BODY[1]}</p></article>"
        "<ol class='comment-list'>"
        "<li class='comment'><div class='comment-author'><cite class='fn'>Ruth Ashdown</cite> says:</div>"
        f"<div class='comment-content'><p>I watched the crews at work, {token} and they were quick!</p></div></li>"
        "<li class='comment'><div class='comment-author'><cite class='fn'>Tom Ferris</cite> says:</div>"
        "<div class='comment-content'><p>Good news for the village at last.</p></div></li>"
        "</ol></body></html>"
    )


@pytest.fixture
def alarm() -> Iterator[None]:
    def _timeout(signum, frame):  # noqa: ANN001
        raise TimeoutError(f"segmentation still running after {ALARM_SECONDS} s")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(ALARM_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _shape(seg) -> tuple:  # noqa: ANN001
    return (
        seg.title.text if seg.title else None,
        [sp.text for sp in seg.body],
        [(c.author, c.depth) for c in seg.comments],
    )


@pytest.mark.parametrize("kind", sorted(TOKENS))
def test_long_token_in_a_text_comment(kind: str, alarm: None) -> None:
    token = TOKENS[kind](LONG)
    seg = segment_text(_text_page(token))
    assert _shape(seg) == _shape(segment_text(_text_page(TOKENS[kind](12))))
    assert seg.title is not None and seg.title.text == TITLE
    assert [sp.text for sp in seg.body] == BODY
    assert [c.author for c in seg.comments] == ["Ruth Ashdown", "Tom Ferris"]
    assert seg.comments[0].text == f"I watched the crews at work, {token} and they were quick!"


@pytest.mark.parametrize("kind", sorted(TOKENS))
def test_long_token_in_an_html_comment(kind: str, alarm: None) -> None:
    token = TOKENS[kind](LONG)
    text, seg = segment_html(_html_page(token))
    assert seg.title is not None and seg.title.text == TITLE
    assert [sp.text for sp in seg.body] == BODY
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Ruth Ashdown", f"I watched the crews at work, {token} and they were quick!"),
        ("Tom Ferris", "Good news for the village at last."),
    ]
    assert text[seg.comments[0].start : seg.comments[0].end] == seg.comments[0].text


@pytest.mark.parametrize(
    "token", ["7" * LONG, ("x9" * LONG)[:LONG], "http://" + "p" * LONG], ids=["digits", "letters-and-digits", "url"]
)
def test_long_number_address_or_link_in_a_comment(token: str, alarm: None) -> None:
    # A line holding a long number, an address-like token or a link is furniture (a
    # donation widget's amount or wallet, a link row): that line goes, the article stays.
    seg = segment_text(_text_page(token))
    assert seg.title is not None and seg.title.text == TITLE
    assert [sp.text for sp in seg.body] == BODY
    assert [c.author for c in seg.comments][-1] == "Tom Ferris"


def test_long_token_as_title_hint_and_comment_line(alarm: None) -> None:
    token = "n" * LONG
    seg = segment_text(_text_page(token), title_hint=f"{token} | Outlet")
    assert seg.title is not None and seg.title.text == TITLE
    assert [c.author for c in seg.comments] == ["Ruth Ashdown", "Tom Ferris"]


@pytest.mark.parametrize(
    "filler",
    [" " * LONG, "\u00a0" * LONG, "\u2018 " * (LONG // 2), "\u2018" * LONG, ", " * (LONG // 2)],
    ids=["spaces", "nbsp", "open-quotes-spaced", "open-quotes", "commas"],
)
def test_long_runs_inside_a_comment(filler: str, alarm: None) -> None:
    seg = segment_text(_text_page(f"then{filler}done"))
    assert seg.title is not None and seg.title.text == TITLE
    assert [sp.text for sp in seg.body] == BODY
    assert [c.author for c in seg.comments] == ["Ruth Ashdown", "Tom Ferris"]
    assert seg.comments[0].text.startswith("I watched the crews at work, then")
    assert seg.comments[0].text.endswith("done and they were quick!")


def test_content_hash_of_a_long_space_run(alarm: None) -> None:
    # Trailing-space stripping runs per line; a long run inside a line is not trailing.
    assert content_hash("a" + " " * LONG + "b\n") != content_hash("ab\n")
    assert content_hash("a" + " " * LONG + "\nb") == content_hash("a\nb")
