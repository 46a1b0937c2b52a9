"""Score segmentations against the `segments` part of a gold file.

Metrics per document (None when the gold does not annotate the field):

* ``title_exact``        - predicted title equals the gold title (whitespace and
                           quote style ignored);
* ``body_first_exact``   - the gold `body_first` is a prefix of the first body
                           paragraph (so the body starts exactly where gold says);
* ``body_last_exact``    - the gold `body_last` is a suffix of the last paragraph;
* ``comments_in_range``  - the number of comments lies in the gold [min, max];
* ``authors_found``      - share of gold author names recovered (multiset, order
                           ignored); ``authors_include_found`` the same for the
                           `authors_include` names (presence only);
* ``depths_exact``       - where gold gives reply depths: the predicted named
                           comments, in order, carry exactly the gold (name, depth);
* ``boilerplate_outside_body`` - share of gold boilerplate examples not inside any
                           body paragraph;
* ``boilerplate_in_body`` - body paragraphs that are not article text: one that
                           contains a gold boilerplate example, repeats the title or
                           caption, or overlaps a predicted boilerplate or comment
                           span (goal: 0).

Totals count passes over the documents where a metric applies. Everything returned
is plain dicts, lists, numbers and strings (JSON-able).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sitrep.eval.gold import GoldDoc
from sitrep.records import Segmentation, TextSpan

_QUOTES = str.maketrans({"’": "'", "‘": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def normalise(text: str | None) -> str:
    """Whitespace- and quote-insensitive comparison form (case is kept)."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def _overlaps(a: TextSpan, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _authors_found(gold: list[str], predicted: list[str]) -> tuple[int, int]:
    g = Counter(normalise(n) for n in gold)
    p = Counter(normalise(n) for n in predicted)
    return sum(min(c, p[n]) for n, c in g.items()), sum(g.values())


def score_document(gold: GoldDoc, seg: Segmentation | None) -> dict[str, Any]:
    """All segmentation metrics for one document (see the module docstring)."""
    gs = gold.segments
    out: dict[str, Any] = {"doc": gold.doc, "found": seg is not None}
    if gs is None:
        return out
    seg = seg or Segmentation()
    body = seg.body
    first = normalise(body[0].text) if body else ""
    last = normalise(body[-1].text) if body else ""
    out["title_exact"] = None if gs.title is None else (
        seg.title is not None and normalise(seg.title.text) == normalise(gs.title)
    )
    out["caption_exact"] = None if gs.caption is None else (
        seg.caption is not None and normalise(seg.caption.text) == normalise(gs.caption)
    )
    out["body_first_exact"] = None if gs.body_first is None else bool(body) and first.startswith(
        normalise(gs.body_first)
    )
    out["body_last_exact"] = None if gs.body_last is None else bool(body) and last.endswith(
        normalise(gs.body_last)
    )
    n = len(seg.comments)
    out["comments"] = n
    out["comments_range"] = list(gs.comments) if gs.comments else None
    out["comments_in_range"] = None if gs.comments is None else gs.comments[0] <= n <= gs.comments[1]

    predicted_names = [c.author for c in seg.comments if c.author]
    if gs.authors:
        found, total = _authors_found([a for a, _ in gs.authors], predicted_names)
        out["authors_found"] = found
        out["authors_total"] = total
    else:
        out["authors_found"] = out["authors_total"] = None
    if gs.authors_include:
        present = {normalise(n) for n in predicted_names}
        hit = sum(1 for a in gs.authors_include if normalise(a) in present)
        out["authors_include_found"] = hit
        out["authors_include_total"] = len(gs.authors_include)
    else:
        out["authors_include_found"] = out["authors_include_total"] = None

    if gs.authors and all(d is not None for _, d in gs.authors):
        want = [(normalise(a), d) for a, d in gs.authors]
        got = [(normalise(c.author), c.depth) for c in seg.comments if c.author]
        out["depths_exact"] = want == got
    else:
        out["depths_exact"] = None

    if gs.boilerplate_examples:
        inside = [ex for ex in gs.boilerplate_examples if any(normalise(ex) in normalise(p.text) for p in body)]
        out["boilerplate_outside_body"] = (len(gs.boilerplate_examples) - len(inside)) / len(gs.boilerplate_examples)
        out["boilerplate_examples_in_body"] = inside
    else:
        out["boilerplate_outside_body"] = None
        out["boilerplate_examples_in_body"] = []

    bad: list[str] = []
    not_article = {normalise(gs.title), normalise(gs.caption)} - {""}
    for p in body:
        np_ = normalise(p.text)
        if (
            np_ in not_article
            or any(normalise(ex) in np_ for ex in gs.boilerplate_examples)
            or any(_overlaps(p, b) for b in seg.boilerplate)
            or any(_overlaps(p, c) for c in seg.comments if c.end > c.start)
        ):
            bad.append(p.text[:80])
    out["boilerplate_in_body"] = len(bad)
    out["boilerplate_in_body_examples"] = bad
    return out


def _rate(passed: int, total: int) -> float | None:
    return None if total == 0 else passed / total


def score_segmentation(gold_docs: list[GoldDoc], segmentations: dict[str, Segmentation]) -> dict[str, Any]:
    """Per-document and total segmentation metrics; `segmentations` keyed by gold `doc`."""
    per_doc = [score_document(g, segmentations.get(g.doc)) for g in gold_docs if g.segments is not None]
    totals: dict[str, Any] = {"docs": len(per_doc), "missing": sum(1 for d in per_doc if not d["found"])}
    for key in ("title_exact", "caption_exact", "body_first_exact", "body_last_exact", "comments_in_range",
                "depths_exact"):
        vals = [d[key] for d in per_doc if d.get(key) is not None]
        totals[key] = {"passed": sum(bool(v) for v in vals), "total": len(vals), "rate": _rate(sum(map(bool, vals)), len(vals))}
    both = [d for d in per_doc if d.get("body_first_exact") is not None and d.get("body_last_exact") is not None]
    ok = sum(1 for d in both if d["body_first_exact"] and d["body_last_exact"])
    totals["body_exact"] = {"passed": ok, "total": len(both), "rate": _rate(ok, len(both))}
    found = sum(d["authors_found"] or 0 for d in per_doc)
    total = sum(d["authors_total"] or 0 for d in per_doc)
    totals["authors_found"] = {"found": found, "total": total, "rate": _rate(found, total)}
    inc_found = sum(d["authors_include_found"] or 0 for d in per_doc)
    inc_total = sum(d["authors_include_total"] or 0 for d in per_doc)
    totals["authors_include_found"] = {"found": inc_found, "total": inc_total, "rate": _rate(inc_found, inc_total)}
    all_found = found + inc_found
    all_total = total + inc_total
    totals["named_authors_found"] = {"found": all_found, "total": all_total, "rate": _rate(all_found, all_total)}
    bp = [d["boilerplate_outside_body"] for d in per_doc if d.get("boilerplate_outside_body") is not None]
    totals["boilerplate_outside_body"] = None if not bp else sum(bp) / len(bp)
    totals["boilerplate_in_body"] = sum(d.get("boilerplate_in_body", 0) for d in per_doc)
    return {"documents": per_doc, "totals": totals}
