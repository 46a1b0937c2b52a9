"""Toxicity / abuse score for one reader comment, from a weighted lexicon.

Method (see also docs/comments.md):

1. Tokenise the comment into word tokens with their character spans.
2. Normalise each token against obfuscation: lower case; leetspeak undone
   (``1d10t`` -> ``idiot``, ``$hit`` -> ``shit``) when a token mixes letters
   with look-alike digits or symbols; masks matched by pattern (``f*cked``,
   ``sh#t``: each run of ``* # _`` stands for 1-3 letters, and the token takes
   the lexicon word it fully matches); runs of a repeated letter reduced to one
   or two (``stuuupid``, ``idiooot``) whichever spelling the lexicon knows.
3. Look up the normalised tokens in the lexicon (``data/comments/toxicity.yaml``):
   single words and multi-word terms (with plural / -ed / -ing forms), each with
   a category (slur, insult, dehumanising, profanity) and a weight, and run the
   phrase patterns (threats of violence, incitement) over the normalised token
   stream.
4. Adjust each hit: an insult or dehumanising word aimed at the reader ("you
   idiot", "you are scum") is multiplied by ``addressee_boost``; a hit inside
   quotation marks or a ``>`` quoted line is multiplied by ``quote_factor`` and
   raises no flag, because the writer reports words rather than uses them.
5. Score = noisy-OR of the hit weights, ``1 - prod(1 - w)``, in [0, 1]; a
   comment is toxic when the score reaches the lexicon's ``threshold``. Flags
   are the flag categories with at least one unquoted hit.

Known limits: no sense disambiguation ("rats" the animal), no negation ("you
are not an idiot" scores as an insult), sarcasm and coded language beyond the
lexicon are missed, and words split by spaces ("i d i o t") are not joined.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.comments.lexicon import AbuseLexicon, load_abuse_lexicon
from sitrep.regexgate import passes

# A token: letters/digits plus the symbols that obfuscation puts inside words.
_TOKEN = re.compile(r"[\w*#@$!]+", re.UNICODE)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_MASK = re.compile(r"[*#_]+")
_RUN = re.compile(r"([a-z])\1+")
_LONG_RUN = re.compile(r"([a-z])\1\1")
_SINGLE_QUOTED = re.compile(r"(?<!\w)'[^'\n]{1,120}'(?!\w)")
_EDGE_PUNCT = "!*#_"
_QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    norm: str  # normalised form
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon match in a comment; offsets are into the comment's text."""

    category: str
    term: str
    weight: float  # after addressee / quote adjustment
    start: int
    end: int
    quoted: bool = False


@dataclass(slots=True)
class ToxicityResult:
    score: float
    flags: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    toxic: bool = False


def _run_variants(word: str) -> Iterable[str]:
    """Spellings with each run of a repeated letter kept at one or two letters."""
    parts = re.split(r"(([a-z])\2+)", word)
    # re.split with two groups yields [text, run, letter, text, run, letter, ...]
    pieces: list[list[str]] = []
    i = 0
    while i < len(parts):
        pieces.append([parts[i]])
        if i + 1 < len(parts):
            letter = parts[i + 2]
            pieces.append([letter, letter * 2])
        i += 3
    if sum(len(p) > 1 for p in pieces) > 5:  # pathological input: just collapse
        yield _RUN.sub(r"\1\1", word)
        return
    for combo in itertools.product(*pieces):
        yield "".join(combo)


def normalise_token(raw: str, vocabulary: frozenset[str]) -> str:
    """The lexicon spelling of one token, undoing simple obfuscation.

    Tokens the lexicon does not know come back lower-cased with letter runs
    of three or more cut to two.
    """
    low = raw.lower().strip(_EDGE_PUNCT) or raw.lower()
    if low.isdigit():
        return low
    has_alpha = any(ch.isalpha() for ch in low)
    cands: list[str] = [low]
    if has_alpha and any(ch in "013457@$!" for ch in low):
        cands.append(low.translate(_LEET))
    for cand in list(cands):
        if _MASK.search(cand) and has_alpha:
            rx = re.compile("^" + "[a-z]{1,3}".join(re.escape(p) for p in _MASK.split(cand)) + "$")
            found = sorted(w for w in vocabulary if rx.match(w))
            if found:
                return found[0]
        if cand in vocabulary:
            return cand
        if _LONG_RUN.search(cand):  # "stuuupid": someone stretched the word
            for variant in _run_variants(cand):
                if variant in vocabulary:
                    return variant
    return _RUN.sub(lambda m: m.group(1) * min(2, len(m.group(0))), low)


@lru_cache(maxsize=1 << 16)
def _normalised(raw: str, vocabulary: frozenset[str]) -> str:
    """`normalise_token`, remembered: threads repeat their words, and a token's normal
    form depends only on it and the vocabulary (97k tokens in 3k bench comments took
    0.4 s of CPU to normalise one by one)."""
    return normalise_token(raw, vocabulary)


def tokenize(text: str, vocabulary: frozenset[str]) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group(0)
        if raw.startswith("@") and len(raw) > 1 and raw[1].isupper():
            continue  # an @Name mention, not a word
        stripped = raw.strip(_EDGE_PUNCT)
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip(_EDGE_PUNCT))
        start = m.start() + lead
        norm = _normalised(stripped, vocabulary)
        # An apostrophe-free stream: "you're" arrives as "you" + "re" already.
        out.append(Token(stripped, norm, start, start + len(stripped)))
    return out


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` the writer quotes rather than says."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith(">"):
            ranges.append((pos, pos + len(line)))
        pos += len(line)
    ranges.extend((m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(text))
    for left, right in _QUOTE_PAIRS:
        i = 0
        while True:
            a = text.find(left, i)
            if a < 0:
                break
            b = text.find(right, a + 1)
            if b < 0:
                break
            ranges.append((a, b + 1))
            i = b + 1
    return ranges


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def score_text(text: str, lexicon: AbuseLexicon | None = None) -> ToxicityResult:
    """Score one comment's text; see the module docstring for the method."""
    lex = lexicon or load_abuse_lexicon()
    tokens = tokenize(text, lex.vocabulary)
    quotes = quoted_ranges(text)
    hits: list[Hit] = []

    # single and multi-word terms, longest match first
    i = 0
    norms = [t.norm for t in tokens]
    while i < len(tokens):
        matched = 0
        for n in range(min(lex.max_term_len, len(tokens) - i), 0, -1):
            term = lex.terms.get(tuple(norms[i : i + n]))
            if term is None:
                continue
            weight = term.weight
            if term.category in lex.boost_categories:
                window = norms[max(0, i - lex.addressee_window) : i]
                if any(w in lex.addressee_words for w in window):
                    weight = min(lex.max_weight, weight * lex.addressee_boost)
            start, end = tokens[i].start, tokens[i + n - 1].end
            hits.append(Hit(term.category, " ".join(term.words), weight, start, end, _inside(start, quotes)))
            matched = n
            break
        i += matched or 1

    # phrase patterns over the normalised stream, mapped back to characters
    stream_parts: list[str] = []
    starts: list[int] = []  # stream offset of each token
    pos = 0
    for t in tokens:
        starts.append(pos)
        stream_parts.append(t.norm)
        pos += len(t.norm) + 1
    stream = " ".join(stream_parts)
    for ph in lex.phrases:
        if not passes(ph.gate, stream):
            continue  # the comment lacks every word a match of this phrase needs
        for m in ph.pattern.finditer(stream):
            first = _token_at(starts, m.start())
            last = _token_at(starts, max(m.start(), m.end() - 1))
            start, end = tokens[first].start, tokens[last].end
            hits.append(Hit(ph.category, m.group(0), ph.weight, start, end, _inside(start, quotes)))

    keep = 1.0
    adjusted: list[Hit] = []
    for h in hits:
        w = h.weight * lex.quote_factor if h.quoted else h.weight
        adjusted.append(Hit(h.category, h.term, round(w, 4), h.start, h.end, h.quoted))
        keep *= 1.0 - w
    score = round(1.0 - keep, 4)
    flags = sorted({h.category for h in adjusted if not h.quoted and h.category in lex.flag_categories})
    adjusted.sort(key=lambda h: (h.start, h.end, h.category))
    return ToxicityResult(score=score, flags=flags, hits=adjusted, toxic=score >= lex.threshold)


def _token_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # last token whose start <= offset
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
