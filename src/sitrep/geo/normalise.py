"""Transliteration-robust keys for place names.

The rules are data (`sitrep/data/translit.yaml`): an ordered list of regex
rewrites, each with a note. This module only compiles and applies them.

* `name_key(text)`     -> the normalised key ("Ma'arat al-Numan" -> "marat numan" w/o spaces)
* `skeleton_key(text)` -> consonant skeleton of the key (last-resort blocker)
* `exact_key(text)`    -> lowercase, whitespace-collapsed form used by the exact index
* `ascii_name(text)`   -> plain-ASCII display form ("Sarāqib" -> "Saraqib"), as ACLED writes names
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    replace: str
    note: str
    # a rule that only rewrites single characters ("[aeiou]" -> "") as a str.translate
    # table: the same result, several times faster than re.sub (keys are made for
    # every gazetteer key when a resolver is built)
    table: dict[int, str] | None = None

    def apply(self, s: str) -> str:
        return s.translate(self.table) if self.table is not None else self.pattern.sub(self.replace, s)


_CHAR_CLASS = re.compile(r"\[([^\]\\^]+)\]")
_REGEX_META = frozenset(".^$*+?{}[]\\|()")


def _char_table(pattern: str, replace: str) -> dict[int, str] | None:
    """A translate table equivalent to `re.sub(pattern, replace, s)`, or None when the
    pattern is more than a set of literal characters or the replacement is a template."""
    if "\\" in replace:
        return None
    m = _CHAR_CLASS.fullmatch(pattern)
    if m is not None:
        chars = m.group(1)
        if "-" in chars[1:]:  # a range
            return None
    elif len(pattern) == 1 and pattern not in _REGEX_META:
        chars = pattern
    else:
        return None
    return {ord(c): replace for c in chars}


@dataclass(frozen=True, slots=True)
class Translit:
    """Compiled rule set. Build with `load_translit`."""

    rules: tuple[Rule, ...]
    skeleton: tuple[Rule, ...]

    def key(self, text: str) -> str:
        s = _fold(text)
        for r in self.rules:
            s = r.apply(s)
        return s.replace(" ", "")

    def skeleton_of_key(self, key: str) -> str:
        s = key
        for r in self.skeleton:
            s = r.apply(s)
        return s


def _fold(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is and there are no combining marks
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def _compile(path: str, items: object, section: str) -> tuple[Rule, ...]:
    if not isinstance(items, list):
        raise DataFileError(f"{path}: '{section}' must be a list of rules")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or "pattern" not in item or "replace" not in item:
            raise DataFileError(f"{path}: {section}[{i}] needs 'pattern' and 'replace'")
        if not item.get("note"):
            raise DataFileError(f"{path}: {section}[{i}] has no 'note' saying why")
        try:
            pat = re.compile(str(item["pattern"]))
        except re.error as exc:
            raise DataFileError(f"{path}: {section}[{i}].pattern: {exc}") from exc
        out.append(Rule(pat, str(item["replace"]), str(item["note"]),
                        _char_table(str(item["pattern"]), str(item["replace"]))))
    return tuple(out)


def load_translit(path: Path | None = None) -> Translit:
    """Read and compile a rule file (default: the shipped `translit.yaml`)."""
    doc, where = read_yaml_mapping(path, "translit.yaml")
    return Translit(
        rules=_compile(where, doc.get("rules"), "rules"),
        skeleton=_compile(where, doc.get("skeleton"), "skeleton"),
    )


@lru_cache(maxsize=1)
def default_translit() -> Translit:
    """The shipped rule set, compiled on first use (not at import)."""
    return load_translit()


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Normalised key with the shipped rules (cached)."""
    return default_translit().key(text)


@lru_cache(maxsize=65536)
def skeleton_key(text: str) -> str:
    """Consonant skeleton of `name_key(text)` (cached)."""
    t = default_translit()
    return t.skeleton_of_key(t.key(text))


def exact_key(text: str) -> str:
    """Lowercase form for exact lookups: casefold, single spaces, curly quotes as '."""
    # str.split() splits on the same Unicode whitespace as \s, and drops the ends
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


# Letters NFKD does not decompose, and ayn / hamza / apostrophe marks (dropped:
# ACLED writes "Tall Rifat", "Maarat al-Numan").
_ASCII_EXTRA = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ə": "e", "Ə": "E",
    "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th", "–": "-", "—": "-", "‐": "-", "‑": "-",
    "ʿ": None, "ʾ": None, "ʻ": None, "ʼ": None, "ʽ": None, "‘": None, "’": None, "`": None,
    "´": None, "ʹ": None, "ʺ": None, "′": None, "'": None,
})


@lru_cache(maxsize=65536)
def ascii_name(text: str) -> str:
    """Plain-ASCII form of a place name for display and export: accents stripped,
    ayn/hamza marks dropped, other non-ASCII letters transliterated or removed."""
    if text.isascii():  # NFKD and the ASCII encoding leave it as it is
        return _WS.sub(" ", text.translate(_ASCII_EXTRA)).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_ASCII_EXTRA)
    s = s.encode("ascii", "ignore").decode("ascii")
    return _WS.sub(" ", s).strip()
