"""Loading and validating the comment-analysis data files.

The domain words (abuse lexicon, topic keywords, claim triggers) live in
``sitrep/data/comments/*.yaml``; this module reads them once, checks their
shape and raises `DataFileError` naming the file and the field when one is
malformed. Callers may pass their own path to any loader (tests, user files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError
from sitrep.regexgate import Gate, required_literals

DATA_PACKAGE = "sitrep.data"
DATA_DIR = "comments"

# Inflections a lexicon word also matches in ("idiot" -> "idiots").
SUFFIXES = ("", "s", "es", "ed", "d", "ing", "er", "ers", "y")


def _read_yaml(name: str, path: str | Path | None) -> tuple[str, Any]:
    data, label = read_yaml_mapping(path, f"{DATA_DIR}/{name}")
    return label, data


def _need(cond: bool, label: str, where: str, what: str) -> None:
    if not cond:
        raise DataFileError(f"{label}: field '{where}' {what}")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


# -- abuse lexicon -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]
    category: str
    weight: float


@dataclass(frozen=True, slots=True)
class Phrase:
    category: str
    weight: float
    pattern: re.Pattern[str]
    gate: Gate | None = None  # words every match contains (sitrep.regexgate); None: always run


@dataclass(slots=True)
class AbuseLexicon:
    threshold: float
    quote_factor: float
    addressee_boost: float
    addressee_window: int
    max_weight: float
    addressee_words: frozenset[str]
    flag_categories: tuple[str, ...]
    boost_categories: frozenset[str] = frozenset()
    terms: dict[tuple[str, ...], Term] = field(default_factory=dict)  # every inflected form
    phrases: list[Phrase] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()  # every word a token may be normalised to
    max_term_len: int = 1


def load_abuse_lexicon(path: str | Path | None = None) -> AbuseLexicon:
    """Read ``toxicity.yaml`` (or `path`) into an `AbuseLexicon`."""
    return _load_abuse(None if path is None else str(path))


@lru_cache(maxsize=8)
def _load_abuse(path: str | None) -> AbuseLexicon:
    label, raw = _read_yaml("toxicity.yaml", path)
    _need(isinstance(raw, dict), label, "<root>", "must be a mapping")
    for key in ("threshold", "quote_factor", "addressee_boost", "max_weight"):
        _need(isinstance(raw.get(key), (int, float)), label, key, "must be a number")
    _need(isinstance(raw.get("terms"), dict), label, "terms", "must map category -> {weight: [words]}")
    lex = AbuseLexicon(
        threshold=float(raw["threshold"]),
        quote_factor=float(raw["quote_factor"]),
        addressee_boost=float(raw["addressee_boost"]),
        addressee_window=int(raw.get("addressee_window", 3)),
        max_weight=float(raw["max_weight"]),
        addressee_words=frozenset(str(w).lower() for w in raw.get("addressee_words") or []),
        flag_categories=tuple(raw.get("flag_categories") or ()),
        boost_categories=frozenset(raw.get("boost_categories") or ()),
    )
    vocab: set[str] = set(lex.addressee_words)
    exact: dict[tuple[str, ...], Term] = {}
    for category, by_weight in raw["terms"].items():
        _need(isinstance(by_weight, dict), label, f"terms.{category}", "must map weight -> [words]")
        for weight, words in by_weight.items():
            _need(isinstance(weight, (int, float)) and 0 < weight <= 1, label, f"terms.{category}.{weight}",
                  "weight must be a number in (0, 1]")  # fmt: skip
            _need(isinstance(words, list), label, f"terms.{category}.{weight}", "must be a list of words")
            for w in words:
                base = _words(str(w))
                _need(bool(base), label, f"terms.{category}.{weight}", "holds an empty word")
                exact[base] = Term(base, str(category), float(weight))
    # Inflected forms never override a word the lexicon lists itself.
    inflected: dict[tuple[str, ...], Term] = {}
    for base, term in exact.items():
        for suf in SUFFIXES[1:]:
            form = base[:-1] + (base[-1] + suf,)
            if form not in exact and (form not in inflected or inflected[form].weight < term.weight):
                inflected[form] = term
        lex.max_term_len = max(lex.max_term_len, len(base))
    lex.terms = {**inflected, **exact}
    for form in lex.terms:
        vocab.update(form)
    for category, items in (raw.get("phrases") or {}).items():
        _need(isinstance(items, list), label, f"phrases.{category}", "must be a list")
        for i, item in enumerate(items):
            where = f"phrases.{category}[{i}]"
            _need(isinstance(item, dict) and "pattern" in item and "weight" in item, label, where,
                  "needs 'pattern' and 'weight'")  # fmt: skip
            try:
                pat = re.compile(str(item["pattern"]))
            except re.error as exc:
                raise DataFileError(f"{label}: field '{where}.pattern' is not a valid regex ({exc})") from exc
            lex.phrases.append(Phrase(str(category), float(item["weight"]), pat, required_literals(pat)))
            vocab.update(re.findall(r"[a-z]{2,}", re.sub(r"\\[a-z]", " ", str(item["pattern"]))))
    lex.vocabulary = frozenset(vocab)
    return lex


# -- topics --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    pattern: re.Pattern[str] | None  # case-insensitive terms
    exact: re.Pattern[str] | None  # case-sensitive terms (acronyms that are also words: "US")


def _alternation(terms: list[str]) -> str:
    alts = sorted({re.escape(t.strip()) for t in terms if t.strip()}, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """Read ``topics.yaml`` (or `path`): topic -> {terms: [...], exact: [...]}."""
    return list(_load_topics(None if path is None else str(path)))


@lru_cache(maxsize=8)
def _load_topics(path: str | None) -> tuple[Topic, ...]:
    label, raw = _read_yaml("topics.yaml", path)
    _need(isinstance(raw, dict) and isinstance(raw.get("topics"), dict), label, "topics",
          "must map topic name -> {terms, exact}")  # fmt: skip
    out: list[Topic] = []
    for name, spec in raw["topics"].items():
        _need(isinstance(spec, dict), label, f"topics.{name}", "must be a mapping with 'terms'")
        terms = [str(t) for t in spec.get("terms") or []]
        exact = [str(t) for t in spec.get("exact") or []]
        _need(bool(terms or exact), label, f"topics.{name}", "has no terms")
        out.append(
            Topic(
                str(name),
                re.compile(_alternation(terms), re.IGNORECASE) if terms else None,
                re.compile(_alternation(exact)) if exact else None,
            )
        )
    return tuple(out)


# -- claim triggers ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimRules:
    trigger: re.Pattern[str]
    hedges: re.Pattern[str] | None  # words that make a sentence hypothetical
    negations: re.Pattern[str] | None
    min_words: int


def load_claim_rules(path: str | Path | None = None) -> ClaimRules:
    """Read ``claims.yaml`` (or `path`): trigger words and the cues that cancel them."""
    return _load_claims(None if path is None else str(path))


@lru_cache(maxsize=8)
def _load_claims(path: str | None) -> ClaimRules:
    label, raw = _read_yaml("claims.yaml", path)
    _need(isinstance(raw, dict), label, "<root>", "must be a mapping")
    triggers = raw.get("triggers")
    _need(isinstance(triggers, list) and bool(triggers), label, "triggers", "must be a non-empty list")
    hedges = [str(h) for h in raw.get("hedges") or []]
    negs = [str(n) for n in raw.get("negations") or []]
    return ClaimRules(
        trigger=re.compile(_alternation([str(t) for t in triggers]), re.IGNORECASE),
        hedges=re.compile(_alternation(hedges), re.IGNORECASE) if hedges else None,
        negations=re.compile(_alternation(negs), re.IGNORECASE) if negs else None,
        min_words=int(raw.get("min_words", 3)),
    )
