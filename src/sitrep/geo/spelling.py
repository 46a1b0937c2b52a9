"""How closely a mention is written like a place's names (a tie-breaker).

The normalised key deliberately forgets the article, doubled letters and the
final -ah / -a, so several villages of one governorate often share a key
(Al Manşūrah and Manşūr in Al-Hasakeh are both `mansur`). Between such candidates the
letters the writer kept are the only evidence left: a mention written with the
article and a final -a ("al-Mansoura") is more likely the village whose gazetteer spelling has
them. `written_similarity` measures that on plain lowercase ASCII forms; the
resolver adds a small share of it to a candidate's score (see W_SPELLING in
thresholds.py), too small to outweigh context, stage or feature rank.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz

from sitrep.geo.normalise import ascii_name

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=131072)
def written_form(text: str) -> str:
    """Lowercase ASCII letters and digits, single spaces ("Al-Manşūrah" -> "al mansurah").
    Empty for a name in another script (nothing to compare)."""
    return _NON_ALNUM.sub(" ", ascii_name(text).casefold()).strip()


_LATIN_MAX = 0x24F  # end of Latin Extended-B: letters past it are other scripts


def _latin(name: str) -> bool:
    """Is the first letter of the name a Latin one (plain or accented)?"""
    for c in name:
        if c.isalpha():
            return ord(c) <= _LATIN_MAX
    return False


def written_similarity(mention: str, names: Iterable[str]) -> float:
    """Best rapidfuzz ratio (0-100) between the mention and any of `names`, as written.

    Plain-ASCII names are compared first (their folding is cheap) and a perfect match
    ends the search; accented Latin names are folded only when needed, and names in
    other scripts never (they fold to nothing)."""
    m = written_form(mention)
    if not m:
        return 0.0
    best = 0.0
    later = []
    for n in names:
        if not n.isascii():
            later.append(n)
            continue
        r = fuzz.ratio(m, written_form(n))
        if r > best:
            best = r
            if best == 100.0:
                return best
    for n in later:
        if not _latin(n):
            continue
        w = written_form(n)
        if w:
            r = fuzz.ratio(m, w)
            if r > best:
                best = r
                if best == 100.0:
                    break
    return best
