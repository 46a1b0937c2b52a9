"""Word-level helpers of the place resolver: tokens, capitals, stop and cue words.

Every stage asks the same questions of a piece of text (is it only function, date or
cue words? does it hold a capitalised word? which filler prefix does it start with?),
so the regexes are compiled once here and the answers that need the cue lists are the
`WordTests` part of `PlaceResolver`.
"""

from __future__ import annotations

import re

from sitrep.geo.state import ResolverState

_WORD = re.compile(r"[^\s,;:()\"“”]+")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])(?=\s|$)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?|\d+[/.-]\d+(?:[/.-]\d+)?")
_CAP_SPLIT = re.compile(r"[\s\-'’]+")
# compiled once here, not on a lookup's first use (a cold lookup paid the compile)
_QUAL_SPLIT = re.compile(r"[\s\-]+")
_SPACES = re.compile(r"\s+")
_PAREN = re.compile(r"\(([^()]*)\)")
_PAREN_DROP = re.compile(r"\s*\([^()]*\)\s*")
_PAREN_TAIL = re.compile(r"(.*\S)\s*\(([^()]+)\)")


def _norm_word(w: str) -> str:
    w = w.lower().replace("’", "'").strip(".'-")
    return w[:-2] if w.endswith("'s") else w


def _words(text: str) -> list[str]:
    return [w for w in (_norm_word(t) for t in _WORD.findall(text)) if w]


def _has_capital(text: str) -> bool:
    """A word starting with a capital (or a letter of a caseless script, e.g. Arabic)."""
    return any(p[:1].isalpha() and not p[0].islower() for p in _CAP_SPLIT.split(text))


def _strip_prefix(text: str, options) -> tuple[str, str | None]:
    low = text.lower()
    for opt in options:
        cue = opt if isinstance(opt, str) else opt[0]
        if low.startswith(cue + " "):
            return text[len(cue) + 1:].lstrip(), (opt if isinstance(opt, str) else opt[1])
    return text, None


class WordTests(ResolverState):
    """Part of `PlaceResolver`: word tests against the cue lists (resolve.yaml)."""

    def _only_stop_words(self, text: str) -> bool:
        stop, seen = self.cues.stop, False
        for t in _WORD.findall(text):  # lazily: the first name word decides
            w = _norm_word(t)
            if not w:
                continue
            if not self._is_stop(w, stop):
                return False
            seen = True
        return seen

    @staticmethod
    def _is_stop(w: str, words: frozenset[str]) -> bool:
        # _NUMBER starts with \d (a decimal digit): skip the regex for other words
        if w in words or (w[0].isdecimal() and _NUMBER.fullmatch(w)):
            return True
        if "-" not in w:
            return False
        parts = [x for x in w.split("-") if x]
        return len(parts) > 1 and all(x in words or _NUMBER.fullmatch(x) for x in parts)

    def _has_content_uncached(self, text: str) -> bool:
        """Any word that is not a cue, function, feature, date or owner word (or a number)."""
        return any(not self._is_stop(w, self.cues.noise) for w in _words(text))

    def _strip_fillers_uncached(self, text: str) -> str:
        while True:
            new, hit = _strip_prefix(text, self.cues.fillers)
            if hit is None:
                return text
            text = new
