"""Event-like statements in comments, kept as rumours.

Readers write "they shelled the market yesterday" or "explosions in Tehran".
Such a sentence is worth keeping, but a comment is not reporting: it is stored
as a rumour linked to its page and comment (table ``comment_claims``), never
handed to the event extractor or to fusion.

A claim is a sentence of a comment that holds a trigger word
(``data/comments/claims.yaml``), is not a question, has at least ``min_words``
words, and has no hedge ("if", "would", "should", ...) or negation before the
trigger. Offsets are into `Document.text` (the comment's own start added).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sitrep.comments.lexicon import ClaimRules, load_claim_rules
from sitrep.records import Comment

KIND = "rumour"
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Claim:
    comment_idx: int
    start: int  # into Document.text
    end: int
    text: str
    trigger: str
    kind: str = KIND

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def find_claims(comment: Comment, rules: ClaimRules | None = None) -> list[Claim]:
    """The rumour sentences of one comment, at most one per sentence."""
    rules = rules or load_claim_rules()
    text = comment.text.replace("\u2019", "'")  # same length: offsets hold
    claims: list[Claim] = []
    for a, b in _sentences(text):
        sent = text[a:b]
        if sent.rstrip().endswith("?") or len(_WORD.findall(sent)) < rules.min_words:
            continue
        trig = rules.trigger.search(sent)
        if trig is None:
            continue
        before = sent[: trig.start()]
        if rules.hedges and rules.hedges.search(before):
            continue
        if rules.negations and rules.negations.search(before):
            continue
        claims.append(
            Claim(comment.index, comment.start + a, comment.start + b, comment.text[a:b], trig.group(0).lower())
        )
    return claims
