"""`sitrep eval`: score the system on a gold set of pages.

Reads every page in PAGES_DIR (any reader format), matches them to gold entries
by document name, and reports segmentation metrics, event metrics and the
geocoding figure for the gold's place names. The published date of each page
comes from the gold file's own `published` field (or a manifest.csv beside it),
as a crawl would carry it in its metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.errors import GoldError
from sitrep.eval.gold import GoldDoc, load_gold
from sitrep.records import DocMeta, Document, Event


def _manifest(gold_path: Path, gold: list[GoldDoc]) -> dict[str, DocMeta]:
    from sitrep.ingest import load_manifest

    base = gold_path if gold_path.is_dir() else gold_path.parent
    manifest: dict[str, DocMeta] = {}
    if (base / "manifest.csv").is_file():
        manifest = load_manifest(base / "manifest.csv")
    for g in gold:
        own = DocMeta(published=g.published)
        manifest[g.doc] = manifest.get(g.doc, DocMeta()).merged(own)
    return manifest


def read_pages(pages_dir: Path, manifest: dict[str, DocMeta]) -> dict[str, Document]:
    from sitrep.runner import documents

    docs: dict[str, Document] = {}
    for item in documents([pages_dir], manifest=manifest):
        if isinstance(item, Document):
            docs[item.name] = item
    return docs


def evaluate(gold_path: str | Path, pages_dir: str | Path, *, events: bool = True) -> dict[str, Any]:
    """Score segmentation, events and geocoding; returns plain JSON-able data."""
    gp = Path(gold_path)
    gold = load_gold(gp)
    pd = Path(pages_dir)
    if not pd.exists():
        raise GoldError(f"{pages_dir}: pages directory not found")
    docs = read_pages(pd, _manifest(gp, gold))
    missing = [g.doc for g in gold if g.doc not in docs]
    report: dict[str, Any] = {"gold": str(gp), "pages": str(pd), "documents": len(gold), "missing_pages": missing}

    from sitrep.eval.segmentation import score_segmentation

    report["segmentation"] = score_segmentation(
        [g for g in gold if g.doc in docs and g.segments], {n: d.segmentation for n, d in docs.items()}
    )
    report["geocoding"] = geocoding_figure(gold)
    if events:
        from sitrep.eval.events import score_events
        from sitrep.runner import load_extractor

        extractor = load_extractor()
        predicted: dict[str, list[Event]] = {name: [] for name in docs}
        texts: dict[str, Document] = {}
        for doc, evs, _ in extractor.extract([docs[g.doc] for g in gold if g.doc in docs]):
            predicted[doc.name] = list(evs)
            texts[doc.name] = doc
        report["events"] = score_events([g for g in gold if g.doc in docs], predicted, docs=texts)
    return report


def geocoding_figure(gold: list[GoldDoc]) -> dict[str, Any]:
    """How many gold event locations geocode within their radius from the gold spelling."""
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.resolve import PlaceResolver
    from sitrep.geo.distance import haversine_km

    resolver = PlaceResolver(load_gazetteer())
    rows = []
    for g in gold:
        for e in g.events:
            m = resolver.resolve_phrase(e.location)
            km = haversine_km(m.latitude, m.longitude, e.lat, e.lon) if m else None
            rows.append(
                {"doc": g.doc, "location": e.location, "resolved": m.name if m else None,
                 "km": round(km, 1) if km is not None else None, "radius": e.km,
                 "ok": km is not None and km <= e.km}
            )  # fmt: skip
    ok = sum(r["ok"] for r in rows)
    return {"within_radius": ok, "total": len(rows), "rate": round(ok / len(rows), 3) if rows else None, "rows": rows}
