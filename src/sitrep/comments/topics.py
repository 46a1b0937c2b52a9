"""Keyword topics of comments (Russia, Turkey, Kurds, oil, ...).

A topic is a set of keywords in ``data/comments/topics.yaml``; a comment is
about every topic one of whose keywords it contains. A thread's topics count
the comments about each topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sitrep.comments.lexicon import Topic, load_topics


def topics_of(text: str, topics: Sequence[Topic] | None = None) -> list[str]:
    """Topics `text` mentions, in the data file's order."""
    found: list[str] = []
    for t in topics if topics is not None else load_topics():
        if (t.pattern and t.pattern.search(text)) or (t.exact and t.exact.search(text)):
            found.append(t.name)
    return found


def thread_topics(per_comment: Iterable[Sequence[str]]) -> dict[str, int]:
    """Topic -> number of comments about it, most discussed first."""
    counts: Counter[str] = Counter()
    for names in per_comment:
        counts.update(set(names))
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
