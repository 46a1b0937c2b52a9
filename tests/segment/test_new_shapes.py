"""Page shapes beyond the seed outlets (invented pages in tests/fixtures/segment)."""

from __future__ import annotations

from pathlib import Path

from sitrep.records import Segmentation
from sitrep.segment import segment_text


def _seg(fixtures_dir: Path, name: str) -> tuple[str, Segmentation]:
    text = (fixtures_dir / "segment" / name).read_text(encoding="utf-8")
    seg = segment_text(text)
    for sp in [seg.title, seg.caption, *seg.body, *seg.boilerplate]:
        if sp is not None:
            assert text[sp.start : sp.end] == sp.text
    for c in seg.comments:
        assert text[c.start : c.end] == c.text
    return text, seg


def test_counted_thread_with_reply_links_and_timestamps(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "reply_links.txt")
    assert seg.title is not None
    assert seg.title.text == "Ferry Service Resumes Across The Lower Varn After Two Weeks Of Floods"
    assert seg.caption is not None and seg.caption.text == "A repaired ferry at the Ostrel landing"
    assert len(seg.body) == 3
    assert seg.body[-1].text.endswith("lost buyers during the closure.")
    # Names ending in an initial, a short unpunctuated comment, a "Reply" link under each.
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Dana R.", "Finally. My uncle waited a week to sell his barley."),
        ("Piotr Lenk", "so glad"),
        ("marsh_hen", "The timber came from our village, nobody paid us yet."),
        ("Dana R.", "They will pay, the authority always pays late."),
    ]
    bp = [b.text for b in seg.boilerplate]
    assert bp.count("Reply") == 4
    assert "4 comments" in bp and "14 March 2023 at 09:12" in bp


def test_share_bar_call_to_action_and_newsletter_stay_out(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "share_newsletter.txt")
    assert seg.title is not None
    assert seg.title.text == "Night Curfew Lifted In Old Tessaly Quarter As Market Reopens"
    assert seg.caption is not None and seg.caption.text == "Stalls set up again on Weaver Street in Old Tessaly"
    assert len(seg.body) == 3
    assert seg.body[0].text.startswith("The district council lifted the night curfew")
    assert seg.body[-1].text.endswith("released on bail.")
    assert [(c.author, c.depth) for c in seg.comments] == [
        ("Hedda Voss", None), ("Arno Pell", None), ("Hedda Voss", None)]
    bp = [b.text for b in seg.boilerplate]
    for widget in ("Share this:", "Print", "Enjoyed this report? Tell a friend about us.",
                   "The Week in Tessaly", "Email address*", "Subscribe", "Leave a comment"):
        assert widget in bp


def test_site_name_byline_and_dateline_around_the_title(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "byline_dateline.txt")
    assert seg.title is not None
    assert seg.title.text == "Bridge Repairs Close The Only Road Into Fennick For A Month"
    assert seg.caption is not None
    assert seg.caption.text == "Workers at the Fennick bridge, photographed from the south bank"
    assert len(seg.body) == 3
    assert seg.body[0].text.startswith("The only road bridge into the hill town")
    assert seg.body[-1].text.endswith("found the cracks had widened.")
    assert seg.comments == []
    bp = [b.text for b in seg.boilerplate]
    assert bp[:3] == ["Marrow Valley Gazette", "By Iris Calloway", "Updated 3 June 2022, 14:05"]
    assert "Fennick school gets new roof" in bp


def test_short_unpunctuated_comment_does_not_swallow_next_name(fixtures_dir: Path) -> None:
    _, seg = _seg(fixtures_dir, "short_comment_chain.txt")
    assert seg.title is not None
    assert seg.title.text == "Volunteers Clear Storm Debris From Harbour Road In Lissmore"
    assert seg.caption is None
    assert len(seg.body) == 2
    assert [c.author for c in seg.comments] == ["Oskar Brandt", "Mira Quell", "Oskar Brandt"]
    assert seg.comments[0].text.endswith("wheelbarrows.\n\nwell done all")
    assert seg.comments[1].text == "no power here still"


def test_title_hint_wins_over_shape(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "segment" / "byline_dateline.txt").read_text(encoding="utf-8")
    seg = segment_text(text, title_hint="Marrow Valley Gazette")
    assert seg.title is not None and seg.title.text == "Marrow Valley Gazette"


def test_title_hint_with_site_suffix(fixtures_dir: Path) -> None:
    text = (fixtures_dir / "segment" / "share_newsletter.txt").read_text(encoding="utf-8")
    hint = "Stalls set up again on Weaver Street in Old Tessaly | Tessaly Weekly"
    seg = segment_text(text, title_hint=hint)
    assert seg.title is not None and seg.title.text == "Stalls set up again on Weaver Street in Old Tessaly"
