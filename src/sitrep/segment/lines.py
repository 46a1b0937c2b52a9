"""Line model and shape features of a plain-text page.

Every rule of the cascade looks at lines through these features, so the words of
any one site never appear in code: length, word count, sentence punctuation,
letter/digit/symbol shares, long address-like tokens, e-mail/URL markers, bullets
and indentation, and the number of blank lines before a line (the page's rhythm).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.segment.settings import SegmentSettings

_TRAILING_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = (".", "!", "?", "…")
_BULLET = re.compile(r"^([•◦▪▫●○‣∙·*–—-])\s+(\S.*)$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_LINK_WORD = re.compile(r"\bLINK\b")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CURRENCY = re.compile(r"[$€£¥₽₿]")
_EMOTICON = re.compile(r"(:\)|:\(|;\)|:D|xD+|\?!|!!|\?\?)")


@dataclass(slots=True)
class Line:
    """One non-blank line: where its visible text sits and how it is shaped."""

    idx: int  # index among non-blank lines
    start: int  # offset of the first visible character
    end: int  # offset just after the last visible character
    text: str  # the visible text (stripped)
    indent: int  # leading spaces (tabs count as 4)
    gap_before: int  # blank lines between this line and the previous non-blank one
    bullet: str | None = None  # text after a bullet marker, when the line is a bullet
    kind: str | None = None  # why the line is boilerplate, when it is

    @property
    def words(self) -> list[str]:
        return self.text.split()


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with offsets into `text` and blank-line gaps."""
    out: list[Line] = []
    pos = 0
    gap = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            gap += 1
        else:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            indent = len(raw[:lead].replace("\t", "    "))
            m = _BULLET.match(stripped)
            out.append(
                Line(
                    idx=len(out),
                    start=start,
                    end=start + len(stripped),
                    text=stripped,
                    indent=indent,
                    gap_before=gap if out else 0,
                    bullet=m.group(2).strip() if m else None,
                )
            )
            gap = 0
        pos += len(raw) + 1
    return out


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence punctuation (closing quotes ignored)."""
    t = text.rstrip().rstrip(_TRAILING_CLOSERS).rstrip()
    return t.endswith(_SENTENCE_END)


def has_sentence_punct_end(text: str) -> bool:
    """Like ends_sentence, but also counts ':' ';' ',' (a name never ends so)."""
    t = text.rstrip().rstrip(_TRAILING_CLOSERS).rstrip()
    return t.endswith(_SENTENCE_END + (":", ";", ","))


def letter_share(text: str) -> float:
    """Share of letters among visible characters."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(c.isalpha() for c in visible) / len(visible)


def has_long_token(text: str, settings: SegmentSettings) -> bool:
    """A long token mixing letters and digits: a crypto address, hash or key."""
    for tok in _TOKEN.findall(text):
        if len(tok) >= settings.long_token_chars and any(c.isdigit() for c in tok) and any(
            c.isalpha() for c in tok
        ):
            return True
    return False


def has_contact(text: str) -> bool:
    """An e-mail address, a URL or a bare LINK placeholder."""
    return bool(_EMAIL.search(text) or _URL.search(text) or _LINK_WORD.search(text))


def has_currency(text: str) -> bool:
    return bool(_CURRENCY.search(text))


def is_prose(text: str, settings: SegmentSettings) -> bool:
    """Reads like article prose: enough words and a sentence end, or simply long."""
    n = len(text.split())
    return (n >= settings.prose_min_words and ends_sentence(text)) or n >= settings.prose_long_words


def is_headline(text: str, settings: SegmentSettings) -> bool:
    """Headline shape: a few capitalised words, mostly letters, no final full stop."""
    words = text.split()
    if not (settings.title_min_words <= len(words) <= settings.title_max_words):
        return False
    if len(text) < settings.title_min_chars or letter_share(text) < 0.6:
        return False
    t = text.rstrip().rstrip(_TRAILING_CLOSERS)
    if t.endswith((".", ":", ";", ",")) and not t.endswith("..."):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"


def is_name_like(text: str, settings: SegmentSettings) -> bool:
    """Could be a commenter's name: short, few words, no sentence punctuation at the end."""
    words = text.split()
    if not words or len(text) > settings.author_max_chars or len(words) > settings.author_max_words:
        return False
    if has_sentence_punct_end(text) or has_contact(text):
        return False
    return any(c.isalpha() for c in text)


def is_informal(text: str) -> bool:
    """Comment-like writing: lower-case start, emoticons, doubled punctuation."""
    t = text.lstrip("\"“‘'(")
    return bool(t and t[0].islower()) or bool(_EMOTICON.search(text))


def norm_line(text: str) -> str:
    """Comparison key for repetition: case, quotes and spacing ignored."""
    s = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().lower()
