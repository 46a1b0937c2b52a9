"""Thread shape of one page's comments: reply trees, depth, reply counts.

A comment's parent is, in order of trust: the `parent` the segmenter recorded;
else, when the page shows nesting (`depth` set), the nearest earlier comment one
level up; else none. When the page shows no nesting every comment is top level.
Depths are recomputed from the parent chain so the tree is always consistent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.records import Comment

MOST_REPLIED = 5  # how many comments `most_replied` lists


@dataclass(slots=True)
class ThreadStats:
    parents: dict[int, int | None] = field(default_factory=dict)
    depths: dict[int, int] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=dict)  # direct replies, page order
    roots: list[int] = field(default_factory=list)
    max_depth: int = 0
    reply_counts: dict[int, int] = field(default_factory=dict)  # direct replies
    descendant_counts: dict[int, int] = field(default_factory=dict)  # whole subtree, minus itself
    most_replied: list[tuple[int, int]] = field(default_factory=list)  # (index, direct replies)
    nested: bool = False

    def tree(self) -> list[dict[str, Any]]:
        """The reply forest as nested ``{"index": i, "replies": [...]}`` dicts."""

        def node(i: int) -> dict[str, Any]:
            return {"index": i, "replies": [node(c) for c in self.children.get(i, [])]}

        return [node(r) for r in self.roots]

    def to_json(self) -> dict[str, Any]:
        return {
            "nested": self.nested,
            "max_depth": self.max_depth,
            "roots": list(self.roots),
            "tree": self.tree(),
            "most_replied": [{"index": i, "replies": n} for i, n in self.most_replied],
        }


def _resolve_parent(c: Comment, seen: dict[int, Comment], order: list[Comment]) -> int | None:
    if c.parent is not None and c.parent in seen and c.parent != c.index:
        return c.parent
    if c.depth is not None and c.depth > 0:
        for prev in reversed(order):
            if prev.depth is not None and prev.depth == c.depth - 1:
                return prev.index
            if prev.depth is not None and prev.depth < c.depth - 1:
                break
    return None


def thread_shape(comments: Sequence[Comment]) -> ThreadStats:
    """Reply tree and counts for one page's comments (in page order)."""
    stats = ThreadStats()
    seen: dict[int, Comment] = {}
    order: list[Comment] = []
    for c in sorted(comments, key=lambda c: c.index):
        parent = _resolve_parent(c, seen, order)
        stats.parents[c.index] = parent
        stats.depths[c.index] = 0 if parent is None else stats.depths[parent] + 1
        stats.children.setdefault(c.index, [])
        if parent is None:
            stats.roots.append(c.index)
        else:
            stats.children[parent].append(c.index)
        seen[c.index] = c
        order.append(c)
    stats.nested = any(p is not None for p in stats.parents.values())
    stats.max_depth = max(stats.depths.values(), default=0)
    stats.reply_counts = {i: len(ch) for i, ch in stats.children.items()}
    for i in reversed(list(stats.parents)):  # children come after parents on the page
        stats.descendant_counts[i] = sum(1 + stats.descendant_counts[c] for c in stats.children[i])
    ranked = sorted(((i, n) for i, n in stats.reply_counts.items() if n > 0), key=lambda x: (-x[1], x[0]))
    stats.most_replied = ranked[:MOST_REPLIED]
    return stats


def author_counts(pages: Iterable[Sequence[Comment]]) -> dict[str, dict[str, int]]:
    """Per author: comments written and pages commented on, across `pages`.

    Comments without an author are left out. Sorted by comments, most first.
    """
    comments: Counter[str] = Counter()
    pages_of: Counter[str] = Counter()
    for page in pages:
        names = [c.author for c in page if c.author]
        comments.update(names)
        pages_of.update(set(names))
    ranked = sorted(comments, key=lambda a: (-comments[a], a))
    return {a: {"comments": comments[a], "pages": pages_of[a]} for a in ranked}
