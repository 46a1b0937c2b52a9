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
