"""Cue phrases from `sitrep/data/segment_cues.yaml`, compiled once.

Cues are domain knowledge (what comment widgets and donation boxes say), kept in a
data file so that adding a language or a site family needs no code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import DataFileError

KINDS = ("thread", "trailing", "furniture")
_EDGE_PUNCT = " \t.,:;!?*\"'()[]{}<>|-–—…•·"


def normalise_cue_text(line: str) -> str:
    """Lower-case, straighten quotes, collapse spaces, drop edge punctuation."""
    s = line.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"\s+", " ", s).strip().lower()
    return s.strip(_EDGE_PUNCT)


@dataclass(frozen=True, slots=True)
class CueSet:
    """Compiled cues per kind: prefix phrases, exact lines and regexes."""

    phrases: dict[str, tuple[str, ...]]
    exact: dict[str, frozenset[str]]
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    # Dateline knowledge (section `dates`): month names and abbreviations, and the
    # words a byline/dateline starts with ("posted", "updated"). Empty when absent.
    months: frozenset[str] = frozenset()
    dateline_phrases: tuple[str, ...] = ()
    # Relative timestamps ("3 hours ago"), section `dates.relative` (full match).
    relative_dates: tuple[re.Pattern[str], ...] = ()
    # Reader voice and names (section `voice`): first/second-person words, and the
    # lower-case particles a personal name may hold. Empty when absent.
    pronouns: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    # Commenter names (section `names`): placeholders that name nobody ("Anonymous"),
    # and the verbs a comment header may end with ("Name says:").
    anonymous: frozenset[str] = frozenset()
    speech_verbs: tuple[str, ...] = ()
    # Labels that open a photo caption ("Photo:", "Image:"), section `captions`.
    caption_labels: tuple[str, ...] = ()
    # Phrases opening a wire-style credit line ("(Reporting by ...; Editing by ...)"),
    # section `credits`: the article is over.
    credit_phrases: tuple[str, ...] = ()
    # Site navigation (section `navigation`): accessibility skip links (regexes), link
    # words of a site's menus, language names of a language switcher.
    skip_links: tuple[re.Pattern[str], ...] = ()
    nav_exact: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    # The outlet's own boxes (section `outlet_box`): first-person-plural words,
    # imperatives addressed to the reader, and terms of an outlet's self-description.
    self_words: frozenset[str] = frozenset()
    imperatives: tuple[str, ...] = ()
    box_terms: tuple[str, ...] = ()
    # Photo credits after a caption (section `captions`).
    credit_labels: tuple[str, ...] = ()
    credit_words: tuple[str, ...] = ()

    def is_skip_link(self, line: str) -> bool:
        """An accessibility skip link ("Skip to content", "Jump to navigation")."""
        norm = normalise_cue_text(line)
        return bool(norm) and any(p.fullmatch(norm) for p in self.skip_links)

    def is_nav_word(self, item: str) -> bool:
        """One item of a site menu or a language switcher ("Menu", "Log in", "EN")."""
        norm = normalise_cue_text(item)
        return bool(norm) and (norm in self.nav_exact or norm in self.languages)

    def opens_imperative(self, sentence: str) -> bool:
        """The sentence opens with a verb addressed to the reader ("Support our work")."""
        norm = normalise_cue_text(sentence)
        return any(norm == v or norm.startswith(v + " ") for v in self.imperatives)

    def has_box_term(self, text: str) -> bool:
        """The text holds a term of an outlet's self-description ("independent")."""
        norm = " " + normalise_cue_text(text)
        return any(" " + t in norm for t in self.box_terms)

    def caption_credit_start(self, text: str) -> int | None:
        """Offset where a trailing photo credit starts in a caption line, else None.

        Three shapes: a parenthesised tail, a tail after a spaced dash, a labelled
        tail ("Photo: Name / supplied", "Credit: X", "(c) X") after the descriptive
        sentence. The tail is a credit when it opens with a credit label, holds a
        slash or a copyright sign, is all capitals, or ends with a credit word; at
        least three words of caption must stay in front of it.
        """
        cands: list[int] = []
        m = re.search(r"\(([^()]{1,80})\)[\s.]*$", text)
        if m and self._is_credit(m.group(1)):
            cands.append(m.start())
        m = re.search(r"\s[—–-]{1,2}\s+([^—–]{1,60})$", text)
        if m and self._is_credit(m.group(1)):
            cands.append(m.start())
        labels = "|".join(re.escape(lb) for lb in sorted(self.credit_labels, key=len, reverse=True) if lb != "©")
        if labels:
            for m in re.finditer(rf"(?i)(?<![\w(])(?:{labels})s?(?:\s+by\s+|\s*:\s*)(?=\S)", text):
                before = text[: m.start()].rstrip()
                if before and before[-1] in ".!?…\"”’,;|/—–-":
                    cands.append(m.start())
                    break
        m = re.search(r"\s©", text)
        if m:
            cands.append(m.start())
        for start in sorted(cands):
            kept = text[:start].rstrip(" \t,;|/—–-")
            if len(kept.split()) >= 3:
                return start
        return None

    def caption_credit_cut(self, text: str) -> int:
        """Length of the caption text kept in front of its credit (len(text) if none)."""
        start = self.caption_credit_start(text)
        if start is None:
            return len(text)
        return len(text[:start].rstrip(" \t,;|/—–-"))

    def _is_credit(self, tail: str) -> bool:
        t = tail.strip()
        norm = normalise_cue_text(t)
        if not norm:
            return False
        if "/" in t or "©" in t:
            return True
        if re.fullmatch(r"[A-Z]{2,}(?:[ /-][A-Z]{2,})*", t):
            return True
        if any(norm == lb or norm.startswith(lb + " ") or norm.startswith(lb + ":") for lb in self.credit_labels):
            return True
        return any(norm == w or norm.endswith(" " + w) for w in self.credit_words)

    def is_relative_date(self, text: str) -> bool:
        """A relative timestamp ("3 hours ago", "yesterday at 10:12")."""
        norm = normalise_cue_text(text)
        return bool(norm) and any(p.fullmatch(norm) for p in self.relative_dates)

    def is_anonymous(self, name: str) -> bool:
        """A placeholder in the name slot ("Anonymous", "Guest"): nobody is named."""
        return normalise_cue_text(name) in self.anonymous

    def speech_header(self, line: str) -> str | None:
        """The name in a "Name says:" comment header, or None."""
        # `\s*(?::\s*)?$` rather than `\s*:?\s*$`: the same lines, but a long run of
        # spaces is not split between two adjacent \s* in every possible way.
        m = re.match(r"^(.*\S)\s+(\w+)\s*(?::\s*)?$", line.strip())
        if m and m.group(2).lower() in self.speech_verbs:
            return m.group(1)
        return None

    def caption_label_end(self, line: str) -> int | None:
        """Offset just past a caption label ("Photo: ") opening the line, else None."""
        m = re.match(r"^([^\W\d_][\w' ]{0,20}?)\s*:\s+(?=\S)", line)
        if m and normalise_cue_text(m.group(1)) in self.caption_labels:
            return m.end()
        return None

    def is_credit(self, line: str, *, max_words: int) -> bool:
        """A credit line closing a wire story: "(Reporting by X; Editing by Y)"."""
        t = line.strip()
        boxed = t.startswith("(") and t.rstrip(".").endswith(")")
        if not boxed and len(t.split()) > max_words:
            return False
        norm = normalise_cue_text(t)
        return any(norm.startswith(p + " ") for p in self.credit_phrases)

    def starts_dateline(self, line: str) -> bool:
        """The line opens like a byline or dateline ("Posted on ...", "Updated: ...")."""
        norm = normalise_cue_text(line)
        return any(norm == p or (norm.startswith(p) and not norm[len(p)].isalnum()) for p in self.dateline_phrases)

    def kind_of(self, line: str, *, max_words: int) -> str | None:
        """The cue kind a line matches, or None. Long lines never match."""
        norm = normalise_cue_text(line)
        if not norm or len(norm.split()) > max_words:
            return None
        for kind in KINDS:
            if norm in self.exact[kind]:
                return kind
            for phrase in self.phrases[kind]:
                if norm == phrase or norm.startswith(phrase + " ") or (
                    norm.startswith(phrase) and not norm[len(phrase)].isalnum()
                ):
                    return kind
            if any(p.fullmatch(norm) for p in self.patterns[kind]):
                return kind
        return None


def _strings(section: dict[str, Any], key: str, where: str) -> list[str]:
    value = section.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}.{key}: expected a list of strings")
    return value


def load_cues(path: str | Path | None = None) -> CueSet:
    """Read and compile a cue file (the shipped one when `path` is None)."""
    if path is None:
        text = resources.files("sitrep").joinpath("data", "segment_cues.yaml").read_text(encoding="utf-8")
        where = "segment_cues.yaml"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{where}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a mapping of cue kinds")
    phrases: dict[str, tuple[str, ...]] = {}
    exact: dict[str, frozenset[str]] = {}
    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for kind in KINDS:
        section = data.get(kind) or {}
        if not isinstance(section, dict):
            raise DataFileError(f"{where}.{kind}: expected a mapping")
        phrases[kind] = tuple(normalise_cue_text(p) for p in _strings(section, "phrases", f"{where}.{kind}"))
        exact[kind] = frozenset(normalise_cue_text(p) for p in _strings(section, "exact", f"{where}.{kind}"))
        compiled = []
        for pat in _strings(section, "patterns", f"{where}.{kind}"):
            try:
                compiled.append(re.compile(pat))
            except re.error as exc:
                raise DataFileError(f"{where}.{kind}.patterns: bad regex {pat!r}: {exc}") from exc
        patterns[kind] = tuple(compiled)
    dates = data.get("dates") or {}
    if not isinstance(dates, dict):
        raise DataFileError(f"{where}.dates: expected a mapping")
    months = frozenset(m.lower().strip(".") for m in _strings(dates, "months", f"{where}.dates"))
    dateline = tuple(normalise_cue_text(p) for p in _strings(dates, "dateline_phrases", f"{where}.dates"))
    relative = []
    for pat in _strings(dates, "relative", f"{where}.dates"):
        try:
            relative.append(re.compile(pat))
        except re.error as exc:
            raise DataFileError(f"{where}.dates.relative: bad regex {pat!r}: {exc}") from exc
    voice = data.get("voice") or {}
    if not isinstance(voice, dict):
        raise DataFileError(f"{where}.voice: expected a mapping")
    pronouns = frozenset(w.strip().lower() for w in _strings(voice, "pronouns", f"{where}.voice"))
    particles = frozenset(w.strip().lower() for w in _strings(voice, "name_particles", f"{where}.voice"))
    names = _section(data, "names", where)
    anonymous = frozenset(normalise_cue_text(w) for w in _strings(names, "anonymous", f"{where}.names"))
    verbs = tuple(w.strip().lower() for w in _strings(names, "speech_verbs", f"{where}.names"))
    captions = _section(data, "captions", where)
    labels = tuple(normalise_cue_text(w) for w in _strings(captions, "labels", f"{where}.captions"))
    credit_labels = tuple(w.strip().lower() for w in _strings(captions, "credit_labels", f"{where}.captions"))
    credit_words = tuple(normalise_cue_text(w) for w in _strings(captions, "credit_words", f"{where}.captions"))
    credits = _section(data, "credits", where)
    credit = tuple(normalise_cue_text(w) for w in _strings(credits, "phrases", f"{where}.credits"))
    nav = _section(data, "navigation", where)
    skip = []
    for pat in _strings(nav, "skip_links", f"{where}.navigation"):
        try:
            skip.append(re.compile(pat))
        except re.error as exc:
            raise DataFileError(f"{where}.navigation.skip_links: bad regex {pat!r}: {exc}") from exc
    nav_exact = frozenset(normalise_cue_text(w) for w in _strings(nav, "exact", f"{where}.navigation"))
    languages = frozenset(normalise_cue_text(w) for w in _strings(nav, "languages", f"{where}.navigation"))
    box = _section(data, "outlet_box", where)
    self_words = frozenset(w.strip().lower() for w in _strings(box, "self_words", f"{where}.outlet_box"))
    imperatives = tuple(normalise_cue_text(w) for w in _strings(box, "imperatives", f"{where}.outlet_box"))
    terms = tuple(normalise_cue_text(w) for w in _strings(box, "terms", f"{where}.outlet_box"))
    return CueSet(phrases=phrases, exact=exact, patterns=patterns, months=months, dateline_phrases=dateline,
                  pronouns=pronouns, name_particles=particles, anonymous=anonymous, speech_verbs=verbs,
                  caption_labels=labels, credit_phrases=credit,
                  relative_dates=tuple(relative), skip_links=tuple(skip), nav_exact=nav_exact,
                  languages=languages, self_words=self_words, imperatives=imperatives, box_terms=terms,
                  credit_labels=credit_labels, credit_words=credit_words)


def _section(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    section = data.get(key) or {}
    if not isinstance(section, dict):
        raise DataFileError(f"{where}.{key}: expected a mapping")
    return section


@lru_cache(maxsize=1)
def default_cues() -> CueSet:
    """The shipped cue set, loaded once per process."""
    return load_cues()
