"""One page's comment analysis: thread shape, abuse scores, topics, rumours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sitrep.comments.claims import Claim, find_claims
from sitrep.comments.lexicon import AbuseLexicon, ClaimRules, Topic, load_abuse_lexicon, load_claim_rules, load_topics
from sitrep.comments.threads import ThreadStats, thread_shape
from sitrep.comments.topics import thread_topics, topics_of
from sitrep.comments.toxicity import Hit, score_text
from sitrep.records import Comment


@dataclass(slots=True)
class CommentResult:
    index: int
    author: str | None
    parent: int | None
    depth: int
    replies: int
    toxicity: float
    toxic: bool
    flags: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["claims"] = [c.to_json() for c in self.claims]
        return d


@dataclass(slots=True)
class CommentAnalysis:
    doc_id: str
    comments: list[CommentResult] = field(default_factory=list)
    thread: ThreadStats = field(default_factory=ThreadStats)
    topics: dict[str, int] = field(default_factory=dict)  # topic -> comments about it

    @property
    def claims(self) -> list[Claim]:
        return [cl for c in self.comments for cl in c.claims]

    def by_index(self, index: int) -> CommentResult:
        for c in self.comments:
            if c.index == index:
                return c
        raise KeyError(index)

    def summary(self) -> dict[str, Any]:
        flags: dict[str, int] = {}
        for c in self.comments:
            for f in c.flags:
                flags[f] = flags.get(f, 0) + 1
        n = len(self.comments)
        return {
            "comments": n,
            "toxic": sum(c.toxic for c in self.comments),
            "mean_toxicity": round(sum(c.toxicity for c in self.comments) / n, 4) if n else 0.0,
            "flags": dict(sorted(flags.items())),
            "claims": len(self.claims),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "summary": self.summary(),
            "thread": self.thread.to_json(),
            "topics": dict(self.topics),
            "comments": [c.to_json() for c in self.comments],
        }


def analyse_comments(
    doc_id: str,
    comments: Sequence[Comment],
    *,
    lexicon: AbuseLexicon | None = None,
    topics: Sequence[Topic] | None = None,
    claim_rules: ClaimRules | None = None,
) -> CommentAnalysis:
    """Analyse one page's comments. Pure: reads nothing but the data files."""
    lexicon = lexicon or load_abuse_lexicon()
    topic_list = topics if topics is not None else load_topics()
    claim_rules = claim_rules or load_claim_rules()
    stats = thread_shape(comments)
    results: list[CommentResult] = []
    for c in sorted(comments, key=lambda c: c.index):
        tox = score_text(c.text, lexicon)
        results.append(
            CommentResult(
                index=c.index,
                author=c.author,
                parent=stats.parents[c.index],
                depth=stats.depths[c.index],
                replies=stats.reply_counts[c.index],
                toxicity=tox.score,
                toxic=tox.toxic,
                flags=tox.flags,
                topics=topics_of(c.text, topic_list),
                hits=tox.hits,
                claims=find_claims(c, claim_rules),
            )
        )
    return CommentAnalysis(doc_id, results, stats, thread_topics(r.topics for r in results))
