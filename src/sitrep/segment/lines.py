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
# Patterns applied to page and comment text must run in linear time: comment
# threads are hostile, and one 200,000-character token must not stall a run. A
# pattern that opens with a run (\s+, [\w.+-]+) only starts where that run starts
# (a look-behind), so it is not retried from every character inside the run;
# matches are the same as without the look-behind, because a match starting
# inside a run would also start at the run's first character.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_LINK_WORD = re.compile(r"\bLINK\b")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_CURRENCY = re.compile(r"[$€£¥₽₿]")
# A name may end with an initial or a short abbreviation ("Tomasz K.", "Ali Jr."):
# one capital plus at most one lower-case letter and a full stop, never a sentence end.
_INITIAL = re.compile(r"[A-Z][a-z]?\.")
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
    # The commenter's name when the line is a comment header ("Name · 3 May 2021,
    # 10:12", "Name says:"): furniture beside the article, an author line in a thread.
    name: str | None = None

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
    if has_contact(text):
        return False
    if has_sentence_punct_end(text) and not (len(words) >= 2 and _INITIAL.fullmatch(words[-1])):
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


_NUMERIC_DATE = re.compile(r"\b(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(\s?[ap]\.?m\.?)?\b", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
_DAY = re.compile(r"^\d{1,2}(st|nd|rd|th)?$")


def date_tokens(text: str, months: frozenset[str]) -> set[int]:
    """Indices of the words that make up a written date or clock time.

    A month name counts only next to a day number or a year ("12 March 2021",
    "Mar 3, 2021"), so "May" in a sentence is not a date.
    """
    words = text.split()
    keys = [re.sub(r"[^\w:./-]", "", w).lower().strip(".,") for w in words]
    out: set[int] = set()
    for i, k in enumerate(keys):
        if _NUMERIC_DATE.fullmatch(k) or _CLOCK.fullmatch(k):
            out.add(i)
        elif k in months:
            near = [j for j in (i - 1, i + 1, i + 2) if 0 <= j < len(keys)
                    and (_DAY.fullmatch(keys[j]) or _YEAR.fullmatch(keys[j]))]
            if near:
                out.add(i)
                out.update(near)
    return out


def is_dateline(text: str, months: frozenset[str], opens_dateline: bool, settings: SegmentSettings) -> bool:
    """A byline/dateline: a short line with a date and little else.

    Little else means at most three other words holding a letter, unless the line
    opens like a dateline ("Posted by ... on 3 May 2021"). Headlines that mention a
    date carry more words than that and stay content.
    """
    words = text.split()
    if not words or len(words) > settings.cue_max_words or is_prose(text, settings):
        return False
    dated = date_tokens(text, months)
    if not dated:
        return False
    if opens_dateline:
        return True
    others = [w for i, w in enumerate(words) if i not in dated and any(c.isalpha() for c in w)
              and w.lower() not in ("at", "on", "am", "pm", "a.m.", "p.m.")]
    return len(others) <= 3


# Separators: `(?<!\s)\s+` and `(?:(?<!\s)\s+)?` are `\s+` and `\s*` started only
# at a whitespace run's first character (linear time, same matches; see _EMAIL).
_PART_SEP = re.compile(r"(?<!\s)\s+[·|•]\s+|(?:(?<!\s)\s+)?[·|•]\s*")
_HEADER_SEP = re.compile(r"(?<!\s)\s+[·|•–—-]\s+|(?:(?<!\s)\s+)?[·|•]\s*")
_BUTTON = re.compile(r"\[[^\[\]]{0,30}\]")


def bar_parts(text: str) -> list[str]:
    """The items of a row split at separator dots and bars ("A · B | C")."""
    return [p.strip() for p in _PART_SEP.split(text) if p.strip()]


def header_parts(text: str) -> list[str]:
    """Like bar_parts, but a spaced dash also separates ("Name - 3 May 2021")."""
    return [p.strip() for p in _HEADER_SEP.split(text) if p.strip()]


def letter_words(text: str) -> list[str]:
    """The words that hold a letter (numbers and separators do not count)."""
    return [w for w in text.split() if any(c.isalpha() for c in w)]


def button_count(text: str) -> int:
    """How many bracketed button tokens ("[f]", "[ Subscribe ]") the line holds."""
    return len(_BUTTON.findall(text))


def is_button_row(text: str) -> bool:
    """A row of bracketed buttons: three or more, or nothing but buttons."""
    n = button_count(text)
    return n >= 3 or (n >= 1 and not any(c.isalpha() for c in _BUTTON.sub(" ", text)))


def is_control_bar(text: str, settings: SegmentSettings) -> bool:
    """A widget's row of controls: three or more short items between separators.

    "Order: newest first · Collapse all · Alert me" - each item a few words, none a
    sentence. Comment and article sentences do not chain short items this way.
    """
    parts = [p.strip() for p in _PART_SEP.split(text) if p.strip()]
    if len(parts) < 3:
        return False
    return all(len(p.split()) <= settings.label_max_words and not ends_sentence(p) for p in parts)


# A handle: one token of letters with digits, underscores or inner dots/hyphens
# ("desert_fox88", "d.monroe"), or a single all-lower-case word ("marsh").
# Possessive quantifiers: the same full matches as the greedy ones (a run of
# letters and digits is never split between two parts), without the quadratic
# backtracking of the overlapping runs on a long token that fails at its end.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9]*+(?:[._-][A-Za-z0-9]++)*+[A-Za-z0-9_]*+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_handle(text: str) -> bool:
    """A screen name: one token mixing letters with digits or _ . -, or all lower case."""
    t = text.strip()
    if " " in t or not _HANDLE.fullmatch(t) or sum(c.isalpha() for c in t) < 2:
        return False
    return t.islower() or any(c.isdigit() or c in "_." for c in t)


def is_person_name(text: str, settings: SegmentSettings, particles: frozenset[str]) -> bool:
    """A commenter's name rather than a subheading: a handle, or 2-4 name tokens.

    Name tokens start upper-case ("Karim", "O'Neill", "K."), are a lower-case
    particle from the cue file ("van", "al-Iraqi"), or a trailing number ("Guest
    4471"); at least two are capitalised, or one before such a number. Any other lower-case word, sentence
    punctuation or a long line makes it a heading or a sentence.
    """
    if not is_name_like(text, settings):
        return False
    words = text.split()
    if len(words) == 1:
        return is_handle(words[0])
    if len(words) > settings.name_max_tokens:
        return False
    caps = 0
    for n, w in enumerate(words):
        head = w.split("-", 1)
        if w[:1].isupper() and any(c.isalpha() for c in w) and not any(c.isdigit() for c in w):
            caps += 1
        elif w.lower() in particles or (len(head) == 2 and head[0].lower() in particles and head[1][:1].isupper()):
            continue
        elif w.isdigit() and n == len(words) - 1:
            continue
        else:
            return False
    return caps >= 2 or (caps == 1 and words[-1].isdigit())


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    r"""Where quoted speech sits: “...” and "..." (to the closing mark or the end of
    the text), and ‘...’ opening the text or after a space, when the first ’ after
    it ends a word (a ’ inside a word, "don’t", closes nothing).

    This is the pattern ``“[^”]*”?|"[^"]*"?|(?:(?<=\s)|^)‘[^’]*’(?=\W|$)`` scanned
    left to right, written out so that the position of the next ’ is found once
    and not again from every ‘ before it: a run of ‘ without a closing mark made
    the regex quadratic.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    close = -1  # the first ’ at or after i (n when there is none)
    while i < n:
        c = text[i]
        if c in "“\"":
            j = text.find("”" if c == "“" else '"', i + 1)
            end = n if j < 0 else j + 1
            spans.append((i, end))
            i = end
            continue
        if c == "‘" and (i == 0 or text[i - 1].isspace()):
            if close <= i:
                close = text.find("’", i + 1)
                close = n if close < 0 else close
            if close < n and (close + 1 == n or not (text[close + 1].isalnum() or text[close + 1] == "_")):
                spans.append((i, close + 1))
                i = close + 1
                continue
        i += 1
    return spans


def unquoted(text: str) -> str:
    """The text without quoted speech ("...", “...”, ‘...’): the writer's own words."""
    parts: list[str] = []
    pos = 0
    for start, end in _quoted_spans(text):
        parts.append(text[pos:start])
        parts.append(" ")
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def has_comment_voice(text: str, pronouns: frozenset[str]) -> bool:
    """Written by a reader rather than a reporter, outside quoted speech.

    A first/second-person word ("I saw", "you are"; an all-capitals "US" is an
    abbreviation), a question or exclamation mark, or informal writing (lower-case
    start, emoticons). Reportage speaks of third parties and quotes its sources.
    """
    own = unquoted(text)
    if "?" in own or "!" in own or is_informal(text):
        return True
    for w in _WORD.findall(own):
        if len(w) >= 2 and w.isupper():
            continue
        key = w.lower().replace("’", "'")
        if key in pronouns or key.split("'", 1)[0] in pronouns:
            return True
    return False


# Separators of a site's navigation rows: breadcrumb slashes and arrows, bars and
# dots, or a wide space between menu items ("News  Analysis  Opinion").
_CRUMB_SEP = re.compile(r"(?<!\s)\s+(?:/|>|»|›|→|\\)\s+")
_NAV_SEP = re.compile(r"(?<!\s)\s+[·|•]\s+|(?:(?<!\s)\s+)?[·|•]\s*|(?<!\s)\s+/\s+|\s{2,}|\t+")
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{2})?")


def nav_items(text: str) -> list[str]:
    """The items of a navigation row, split at any separator it uses."""
    return [p.strip() for p in _NAV_SEP.split(text.strip()) if p.strip()]


def is_nav_row(text: str, settings: SegmentSettings, is_nav_word) -> bool:  # noqa: ANN001
    """A site's navigation row: breadcrumbs, a row of section names, a language switcher.

    Shape: at least two short link-like items (a few words each, none ending a
    sentence, none a digit-led count) between separators; a breadcrumb ("Home /
    News / Syria") or a row of section names ("News  Analysis  Opinion  Video")
    needs three items each opening upper-case, unless every item is a menu word from
    the cue file ("Log in | Subscribe"); a language switcher is two or more
    language codes ("EN | AR | TR") or language names.
    """
    t = text.strip()
    if ends_sentence(t) or t.endswith((":", ",", ";")):
        return False
    crumbs = [p.strip() for p in _CRUMB_SEP.split(t) if p.strip()]
    items = crumbs if len(crumbs) >= 2 else nav_items(t)
    if len(items) < 2:
        return False
    if any(len(letter_words(p)) == 0 or len(p.split()) > settings.menu_max_words or ends_sentence(p) for p in items):
        return False
    if all(is_nav_word(p) for p in items):
        return True
    if all(_LANG_CODE.fullmatch(p) and (p.isupper() or p.islower()) for p in items):
        return True
    return len(items) >= 3 and all(p[0].isupper() for p in items)
