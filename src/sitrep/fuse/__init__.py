"""Cross-document fusion: event reports from many pages -> merged, source-attributed events."""

from sitrep.fuse.config import FusionRules, Outlet, SourceBook, load_rules, load_sources
from sitrep.fuse.core import (
    CONTESTED,
    CORROBORATED,
    SINGLE,
    MergedEvent,
    SourceReport,
    assign_ids,
    block_keys,
    candidate_pairs,
    cluster,
    compatible,
    founding_id,
    fuse,
    merge_cluster,
    merged_id,
    prepare,
)
from sitrep.fuse.score import ClusterScore, score_clusters
from sitrep.fuse.store import FuseConfig, FuseStats, fuse_all, fuse_config, fuse_incremental, load_events

__all__ = [
    "CONTESTED", "CORROBORATED", "SINGLE", "ClusterScore", "FuseConfig", "FuseStats", "FusionRules",
    "MergedEvent", "Outlet", "SourceBook", "SourceReport", "assign_ids", "block_keys", "candidate_pairs", "cluster",
    "compatible", "founding_id", "fuse", "fuse_all", "fuse_config", "fuse_incremental", "load_events", "load_rules",
    "load_sources", "merge_cluster", "merged_id", "prepare", "score_clusters",
]  # fmt: skip
