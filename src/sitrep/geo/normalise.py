"""Transliteration-robust keys for place names.

The rules are data (`sitrep/data/translit.yaml`): an ordered list of regex
rewrites, each with a note. This module only compiles and applies them.

* `name_key(text)`     -> the normalised key ("Ma'arat al-Numan" -> "marat numan" w/o spaces)
* `skeleton_key(text)` -> consonant skeleton of the key (last-resort blocker)
* `exact_key(text)`    -> lowercase, whitespace-collapsed form used by the exact index
* `ascii_name(text)`   -> plain-ASCII display form ("Sarāqib" -> "Saraqib"), as ACLED writes names
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable


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


_PLAIN = re.compile(r"[a-z0-9]+")  # a pattern that is only literal letters and digits
Step = Callable[[str], str]  # one rewrite of a string, as a C-level callable where possible
_GROUP_REF = re.compile(r"\\([1-9])(?![0-9])")


def _group_template(pattern: re.Pattern[str], replace: str) -> Callable[[re.Match[str]], str] | None:
    """`replace` as a function of the match when it is literal text and `\\1`-style group
    references only (else None). re.sub given a template string calls back into the re
    module's Python code on every call, matched or not; given a function it runs in C
    until a match is found, so a rule that rarely matches costs a plain search."""
    parts = _GROUP_REF.split(replace)
    lits, groups = parts[::2], [int(g) for g in parts[1::2]]
    if any("\\" in x for x in lits) or any(g > pattern.groups for g in groups):
        return None
    if lits == ["", ""]:
        g = groups[0]
        return lambda m: m.group(g) or ""  # an unmatched group expands to "" in a template

    def expand(m: re.Match[str]) -> str:
        out = lits[0]
        for g, lit in zip(groups, lits[1:]):
            out += (m.group(g) or "") + lit
        return out
    return expand


def _compose(first: dict[int, str], then: dict[int, str]) -> dict[int, str]:
    """One translate table doing `first` and then `then` (both map characters to strings)."""
    out = {c: v.translate(then) for c, v in first.items()}
    for c, v in then.items():
        out.setdefault(c, v)
    return out


def _steps(rules: tuple[Rule, ...]) -> tuple[Step, ...]:
    """The rules as callables with the same results as applying each `Rule.apply` in turn.

    Keys are made once per mention on every cold lookup, so the per-rule overhead counts:
    adjacent character rules become one translate table, a pattern of plain letters
    `str.replace` (the same non-overlapping left-to-right rewrite, without the regex
    engine), and each other regex rule a bound `pattern.sub` (no Python frame per rule)."""
    out: list[Step] = []
    table: dict[int, str] | None = None
    for r in rules:
        if r.table is not None:
            table = r.table if table is None else _compose(table, r.table)
            continue
        if table is not None:
            out.append(_table_step(table))
            table = None
        if _PLAIN.fullmatch(r.pattern.pattern) and r.pattern.flags == re.UNICODE and "\\" not in r.replace:
            out.append(operator.methodcaller("replace", r.pattern.pattern, r.replace))  # "dh" -> "th"
            continue
        fn = _group_template(r.pattern, r.replace) if "\\" in r.replace else None
        out.append(partial(r.pattern.sub, fn if fn is not None else r.replace))
    if table is not None:
        out.append(_table_step(table))
    return tuple(out)


def _table_step(table: dict[int, str]) -> Step:
    """A translate table as a step; one character as `str.replace` (the same result, and
    several times faster than `str.translate` with a dict)."""
    if len(table) == 1:
        (c, v), = table.items()
        return operator.methodcaller("replace", chr(c), v)
    return operator.methodcaller("translate", table)


@dataclass(frozen=True, slots=True)
class Translit:
    """Compiled rule set. Build with `load_translit`."""

    rules: tuple[Rule, ...]
    skeleton: tuple[Rule, ...]
    _key_steps: tuple[Step, ...] = field(init=False, repr=False, compare=False)
    _skeleton_steps: tuple[Step, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_key_steps", _steps(self.rules))
        object.__setattr__(self, "_skeleton_steps", _steps(self.skeleton))

    def key(self, text: str) -> str:
        s = _fold(text)
        for step in self._key_steps:
            s = step(s)
        return s.replace(" ", "")

    def skeleton_of_key(self, key: str) -> str:
        s = key
        for step in self._skeleton_steps:
            s = step(s)
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
# the ASCII characters the table changes: it only drops them (checked at import, since
# ascii_name's ASCII path relies on it)
_ASCII_DROPPED = tuple(chr(k) for k in _ASCII_EXTRA if k < 128)
if any(_ASCII_EXTRA[ord(c)] is not None for c in _ASCII_DROPPED):
    raise AssertionError("_ASCII_EXTRA: an ASCII character must map to None")
if any(unicodedata.combining(c) for k, v in _ASCII_EXTRA.items() for c in chr(k) + (v or "")):
    raise AssertionError("_ASCII_EXTRA: no combining mark may be mapped or produced")


@lru_cache(maxsize=65536)
def ascii_name(text: str) -> str:
    """Plain-ASCII form of a place name for display and export: accents stripped,
    ayn/hamza marks dropped, other non-ASCII letters transliterated or removed."""
    if text.isascii():  # NFKD and the ASCII encoding leave it as it is
        # the table's ASCII entries only drop characters, and str.split() splits on the
        # same whitespace as \s and drops the ends (as _WS.sub + strip): the same result
        # without the dict translate and the regex (names are made for every cold match)
        for c in _ASCII_DROPPED:
            text = text.replace(c, "")
        return " ".join(text.split())
    decomposed = unicodedata.normalize("NFKD", text)
    # combining marks are not ASCII, and the table neither maps nor yields one (checked at
    # import): the ASCII encoding drops them, so no pass over the characters is needed
    s = decomposed.translate(_ASCII_EXTRA).encode("ascii", "ignore").decode("ascii")
    return _WS.sub(" ", s).strip()
