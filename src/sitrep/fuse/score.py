"""Scoring fusion against gold cluster labels.

Purity: for each predicted cluster, the share of its largest gold class, weighted
by cluster size. Completeness (inverse purity): for each gold cluster, the share
held by the predicted cluster that holds most of it. B-cubed precision/recall
average the same ideas per report. All are 1.0 for a perfect clustering.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import DataFileError


@dataclass(frozen=True, slots=True)
class ClusterScore:
    purity: float
    completeness: float
    bcubed_precision: float
    bcubed_recall: float
    n_reports: int
    n_predicted: int
    n_gold: int

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _invert(labels: Mapping[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item, lab in labels.items():
        out.setdefault(lab, set()).add(item)
    return out


def score_clusters(predicted: Iterable[Iterable[str]], gold: Mapping[str, str]) -> ClusterScore:
    """Score predicted clusters (lists of report ids) against gold labels (id -> label).

    Reports missing from the prediction count as singletons; predicted ids not in
    gold are ignored.
    """
    pred: dict[str, str] = {}
    for n, cl in enumerate(predicted):
        for i in cl:
            if i in gold:
                pred[i] = f"p{n}"
    for i in gold:
        pred.setdefault(i, f"single:{i}")
    p_clusters, g_clusters = _invert(pred), _invert(gold)
    n = len(gold)
    if n == 0:
        return ClusterScore(1.0, 1.0, 1.0, 1.0, 0, 0, 0)
    purity = sum(Counter(gold[i] for i in c).most_common(1)[0][1] for c in p_clusters.values()) / n
    complete = sum(Counter(pred[i] for i in c).most_common(1)[0][1] for c in g_clusters.values()) / n
    bp = br = 0.0
    for i in gold:
        pc, gc = p_clusters[pred[i]], g_clusters[gold[i]]
        both = len(pc & gc)
        bp += both / len(pc)
        br += both / len(gc)
    return ClusterScore(purity, complete, bp / n, br / n, n, len(p_clusters), len(g_clusters))


# -- gold corpus format --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FusionGold:
    """A fusion gold file: documents with their outlet, reports, gold labels."""

    outlets: dict[str, str]  # doc_id -> outlet
    events: list[Any]  # sitrep.records.Event
    labels: dict[str, str]  # event_id -> gold cluster label


_FIELDS = {  # gold-file key -> Event field
    "date": "event_date", "tp": "time_precision", "type": "event_type", "sub": "sub_event_type",
    "actor1": "actor1", "actor2": "actor2", "inter1": "inter1", "inter2": "inter2",
    "country": "country", "admin1": "admin1", "admin2": "admin2", "location": "location",
    "lat": "latitude", "lon": "longitude", "gp": "geo_precision", "fatalities": "fatalities",
    "claimed_by": "claimed_by", "certainty": "certainty", "notes": "notes",
}  # fmt: skip


def load_fusion_gold(path: str | Path, default_country: str | None = "Syria") -> FusionGold:
    """Read a gold corpus like tests/fixtures/fuse/reports.yaml (see its header)."""
    from sitrep.records import Event

    name = str(path)
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{name}: cannot read ({exc})") from exc
    docs = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(docs, list):
        raise DataFileError(f"{name}: field 'documents': must be a list")
    outlets: dict[str, str] = {}
    events: list[Event] = []
    labels: dict[str, str] = {}
    for n, doc in enumerate(docs):
        where = f"documents[{n}]"
        if not isinstance(doc, dict) or not doc.get("doc") or not isinstance(doc.get("reports"), list):
            raise DataFileError(f"{name}: field '{where}': needs 'doc', 'outlet' and a list 'reports'")
        doc_id, outlet = str(doc["doc"]), doc.get("outlet")
        outlets[doc_id] = outlet
        for m, rep in enumerate(doc["reports"]):
            rw = f"{where}.reports[{m}]"
            unknown = set(rep) - set(_FIELDS) - {"id", "gold"}
            if unknown or not rep.get("id") or not rep.get("gold") or not rep.get("sub") or not rep.get("type"):
                raise DataFileError(f"{name}: field '{rw}': needs id, gold, type, sub (unknown: {sorted(unknown)})")
            kw = {_FIELDS[k]: v for k, v in rep.items() if k in _FIELDS}
            kw.setdefault("country", default_country)
            if isinstance(kw.get("event_date"), str):
                kw["event_date"] = date.fromisoformat(kw["event_date"])
            events.append(Event(event_id=str(rep["id"]), doc_id=doc_id, source=outlet, **kw))
            if str(rep["id"]) in labels:
                raise DataFileError(f"{name}: field '{rw}.id': '{rep['id']}' is used twice")
            labels[str(rep["id"])] = str(rep["gold"])
    return FusionGold(outlets, events, labels)
