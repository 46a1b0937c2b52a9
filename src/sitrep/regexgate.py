"""Words a regex cannot match without, to skip texts it cannot match.

Why: sitrep runs lists of cue patterns from data files over every sentence or
comment, and almost none of them can match a given text. The relation cues
(`data/relations.yaml`) start with an actor-name group that the regex engine tries
at every capitalised word, backtracking through its nested repeats, although almost
no sentence holds the cue's verb ("backed", "member of", "coalition"); on the bench
corpus that scan was 0.8 s of CPU per 268 pages, most of the relations step. A plain
substring test for the words every match must contain rules a text out first.

The words are read from the compiled pattern's own parse tree, so they are exact,
never a guess: each match of the pattern contains at least one of the strings
`required_literals` returns. A pattern whose tree gives no such set (or that
ignores case) gets None and is always run.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the parser's opcode names
import re._parser as P  # noqa: N812
from typing import Any

Gate = frozenset[str]

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}


def required_literals(pattern: re.Pattern[str]) -> Gate | None:
    """Strings one of which every match of `pattern` contains, or None when unknown."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _sequence(list(P.parse(pattern.pattern, pattern.flags)))


def passes(gate: Gate | None, text: str) -> bool:
    """False only when no match of the gated pattern can be in `text`."""
    if gate is None:
        return True
    for word in gate:  # a plain loop: called per sentence and per cue, a generator costs more
        if word in text:
            return True
    return False


def _sequence(items: list[tuple[Any, Any]]) -> Gate | None:
    """The best gate among a sequence's parts: every match of the sequence matches each part."""
    options: list[Gate] = []
    run = ""
    for op, av in items + [(None, None)]:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        if op is not None and (gate := _item(op, av)) is not None:
            options.append(gate)
    # the longest shortest word rules out the most sentences
    return max(options, key=lambda g: (min(map(len, g)), -len(g)), default=None)


def _item(op: Any, av: Any) -> Gate | None:
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, body = av
        return None if add_flags & C.SRE_FLAG_IGNORECASE else _sequence(list(body))
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    if op is C.BRANCH:
        words: set[str] = set()
        for alternative in av[1]:
            gate = _sequence(list(alternative))
            if gate is None:
                return None  # one alternative can match without any fixed word
            words |= gate
        return frozenset(words)
    return None  # classes, anchors, look-arounds, back-references: no fixed word
