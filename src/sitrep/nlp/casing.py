"""Title-case headlines read as running text.

An English headline in title case ("Warplanes Bomb A Village In The Countryside Of X")
makes the small tagger read every word as a proper noun: no verb, no event. Before parsing,
`HeadlineCasing` lower-cases, in such a sentence only, the capitalised words that are common
words (stop words and the event lexicon's words, with plain inflections); names stay as
written. The text keeps its length, so every character offset still points into the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a sentence-like chunk: up to a full stop, question or exclamation mark (or the end)
_CHUNK = re.compile(r"[^.!?…]+[.!?…]*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# four capitalised words in a row (a short lower-case word may sit between two): a title may
# be here; only then are the sentences looked at word by word
_TITLE_HINT = re.compile(r"[A-Z][A-Za-z'’-]*(?:[ ,]+(?:[a-z]{1,4} )?[A-Z][A-Za-z'’-]*){3}")
# a title has at least this many content words, nearly all capitalised (a writer may miss one)
MIN_TITLE_WORDS = 4
TITLE_SHARE = 0.9
# inflections tried, in order, to find a word's dictionary form ("Explosions", "Killed")
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


class HeadlineCasing:
    """Lower-case the common words of title-case sentences (see module docstring)."""

    def __init__(self, stop_words: Iterable[str], common_words: Iterable[str]) -> None:
        self.stop = frozenset(w.lower() for w in stop_words)
        self.common = frozenset(w.lower() for w in common_words) | self.stop

    def _is_common(self, word: str) -> bool:
        w = word.lower()
        if w in self.common:
            return True
        return any(w.endswith(suf) and len(w) - len(suf) >= 3 and w[: len(w) - len(suf)] + add in self.common
                   for suf, add in _SUFFIXES)

    def _title(self, words: list[str]) -> bool:
        # short particles of names ("al") are not content words
        content = [w for w in words[1:] if w.lower() not in self.stop and len(w) > 2]
        if len(content) < MIN_TITLE_WORDS or sum(1 for w in content if w[0].isupper()) < TITLE_SHARE * len(content):
            return False
        # capitalised function words, or content words the lexicon knows, mark a title
        # rather than a run of names ("Syrian Democratic Forces Media Center")
        return sum(1 for w in content if not w.isupper() and self._is_common(w)) >= 2

    def __call__(self, text: str) -> str:
        if _TITLE_HINT.search(text) is None:
            return text  # no run of capitalised words: the common case, one regex scan
        out = None
        for chunk in _CHUNK.finditer(text):
            words = _WORD.findall(chunk.group())
            if len(words) < MIN_TITLE_WORDS + 1 or not self._title(words):
                continue
            if out is None:
                out = list(text)
            first = True
            for m in _WORD.finditer(chunk.group()):
                w = m.group()
                if first:
                    first = False
                    continue
                start = chunk.start() + m.start()
                joined = (start > 0 and text[start - 1] == "-") or text[start + len(w): start + len(w) + 1] == "-"
                if w[0].isupper() and not (len(w) > 1 and w.isupper()) and not joined and self._is_common(w):
                    out[start: start + len(w)] = w.lower()
        return "".join(out) if out is not None else text
