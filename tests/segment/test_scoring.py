"""The segmentation scorer on hand-made gold and predictions."""

from __future__ import annotations

import json

from sitrep.eval.gold import GoldDoc, GoldSegments
from sitrep.eval.segmentation import normalise, score_segmentation
from sitrep.records import Comment, Segmentation, TextSpan


def _gold(**kw: object) -> GoldDoc:
    base = dict(title=None, caption=None, body_first=None, body_last=None, comments=None, authors=[],
                authors_include=[], boilerplate_examples=[])
    base.update(kw)
    return GoldDoc(doc="a.txt", published=None, segments=GoldSegments(**base))  # type: ignore[arg-type]


def _c(i: int, author: str | None, depth: int | None, start: int) -> Comment:
    return Comment(index=i, author=author, depth=depth, text="x", start=start, end=start + 1)


def test_normalise_quotes_and_spaces() -> None:
    assert normalise("  It’s  “fine”\n now ") == 'It\'s "fine" now'


def test_all_metrics_pass() -> None:
    gold = _gold(
        title="Boats Return",
        body_first="The boats came back",
        body_last="before dark.",
        comments=(2, 3),
        authors=[("Ana", 0), ("Bo", 1)],
        boilerplate_examples=["Donate now"],
    )
    seg = Segmentation(
        title=TextSpan(0, 12, "Boats  Return"),
        body=[TextSpan(14, 60, "The boats came back on Friday. All were fine."), TextSpan(62, 90, "They docked before dark.")],
        boilerplate=[TextSpan(92, 102, "Donate now")],
        comments=[_c(0, "Ana", 0, 110), _c(1, "Bo", 1, 120)],
    )
    r = score_segmentation([gold], {"a.txt": seg})
    d = r["documents"][0]
    assert (d["title_exact"], d["body_first_exact"], d["body_last_exact"], d["comments_in_range"]) == (True, True, True, True)
    assert (d["authors_found"], d["authors_total"], d["depths_exact"]) == (2, 2, True)
    assert d["boilerplate_in_body"] == 0 and d["boilerplate_outside_body"] == 1.0
    assert r["totals"]["body_exact"] == {"passed": 1, "total": 1, "rate": 1.0}
    json.dumps(r)


def test_failures_are_counted() -> None:
    gold = _gold(
        title="Boats Return",
        body_first="The boats came back",
        body_last="before dark.",
        comments=(2, 2),
        authors=[("Ana", 0), ("Bo", 1)],
        authors_include=["Cy"],
        boilerplate_examples=["Donate now"],
    )
    seg = Segmentation(
        title=TextSpan(0, 5, "Boats"),
        body=[TextSpan(0, 40, "Boats Return. The boats came back."), TextSpan(50, 70, "Donate now")],
        boilerplate=[TextSpan(55, 60, "ate n")],
        comments=[_c(0, "Ana", 1, 110)],
    )
    d = score_segmentation([gold], {"a.txt": seg})["documents"][0]
    assert (d["title_exact"], d["body_first_exact"], d["body_last_exact"], d["comments_in_range"]) == (False, False, False, False)
    assert (d["authors_found"], d["authors_total"], d["depths_exact"]) == (1, 2, False)
    assert (d["authors_include_found"], d["authors_include_total"]) == (0, 1)
    assert d["boilerplate_outside_body"] == 0.0
    assert d["boilerplate_in_body"] == 1


def test_missing_document() -> None:
    r = score_segmentation([_gold(title="T", comments=(0, 0))], {})
    assert r["totals"]["missing"] == 1
    assert r["documents"][0]["title_exact"] is False
    assert r["documents"][0]["comments_in_range"] is True
