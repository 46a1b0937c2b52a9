"""A page's own publication date, read from its text, and where each date came from.

Yearless and relative event dates ("late on June 24", "on Tuesday") are counted
from the publication date, so a page given the wrong one gets every such event
in the wrong year. A page that states its date ("Published on June 25, 2020",
"BEIRUT, June 25, 2020 (Agency) -") is therefore dated by that statement before
any date the user supplies for a whole run.

Only the head of a page is searched, and only dates with a year are accepted:
the cue words and limits live in `data/ingest/pubdate.yaml`, month names in
`data/events/timex.yaml` (the vocabulary the event dates use).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from collections.abc import Iterator
from typing import Any

from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError
from sitrep.timex import MIN_YEAR, in_year_range

log = logging.getLogger(__name__)

# HTML elements read, in document order, as the lines of an HTML page's head.
HTML_BLOCKS = ("h1", "h2", "h3", "h4", "p")

_SENTENCE_END = ('.', '!', '?', '"', "”", "’", ")")


@dataclass(frozen=True, slots=True)
class DatelineFinder:
    """Finds a stated publication date in the head of a plain-text page, and the days
    a text names without a year (the dates --published anchors, for the run report)."""

    months: dict[str, int]
    line_patterns: tuple[re.Pattern[str], ...]
    body_paragraph_words: int
    head_chars: int
    yearless_day: re.Pattern[str]

    def find(self, text: str) -> date | None:
        """The first full date a head line states as the page's date, or None."""
        for line in _head_lines(text, self.head_chars, self.body_paragraph_words):
            for pattern in self.line_patterns:
                match = pattern.match(line)
                if match:
                    found = self._date(match)
                    if found is not None:
                        return found
        return None

    def yearless_days(self, text: str) -> Iterator[str]:
        """Each 'June 24' / '24 June' in `text` that has no year after it, as written.

        One regex pass: cheap enough to run over every page a run dates by --published.
        """
        for match in self.yearless_day.finditer(text):
            yield match.group(0)

    def _date(self, match: re.Match[str]) -> date | None:
        g = match.groupdict()
        for n in "123":
            if g.get(f"y{n}"):
                name = g.get(f"mon{n}")
                month = int(g[f"m{n}"]) if g.get(f"m{n}") else self.months.get((name or "").lower())
                day, year = int(g[f"d{n}"]), int(g[f"y{n}"])
                break
        else:
            return None
        if month is None:
            return None
        try:
            found = date(year, month, day)
        except ValueError:  # 31 June, month 13
            return None
        # A page cannot have been published after today: a later "date" is a typo
        # or an announced event, not the publication date.
        return found if in_year_range(found) and found <= date.today() else None


def _head_lines(text: str, head_chars: int, body_words: int) -> list[str]:
    """Non-empty lines up to and including the first body paragraph (or `head_chars`)."""
    lines: list[str] = []
    for raw in text[:head_chars].splitlines():
        line = raw.strip()
        if not line:
            continue
        lines.append(line)
        if len(line.split()) >= body_words and line.endswith(_SENTENCE_END):
            break
    return lines


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def build_finder(data: dict[str, Any], months: dict[str, int], origin: str) -> DatelineFinder:
    """Compile the line patterns from the data file's cues and the month names."""
    try:
        cues = [" ".join(str(c).lower().split()) for c in data["cues"]]
        body_words = int(data["body_paragraph_words"])
        head_chars = int(data["head_chars"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{origin}: needs cues (a list), body_paragraph_words and head_chars: {exc}") from None
    mon = "(?i:" + _alt(list(months)) + ")"
    # Each form has its own group names (a name may occur once in a pattern).
    full_date = (
        rf"(?:(?P<mon1>{mon})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{mon})\.?,?\s+(?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    )
    weekday = r"(?:[A-Za-z]+day,?\s+)?"
    clock = r"(?:\s*[-|,@]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[apAP]\.?[mM]\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
    cue = "|".join(r"\s+".join(re.escape(w) for w in c.split()) for c in sorted(cues, key=len, reverse=True))
    patterns = (
        # "Published on Thursday, June 25, 2020 10:14" / "Posted: 25 June 2020"
        rf"(?i:{cue})\s*(?::|(?i:on|at)\b)?\s*{weekday}{full_date}\b",
        # a line that is only a date (and a time)
        rf"{weekday}{full_date}{clock}\s*$",
        # "By Jane Doe | June 25, 2020" / "By Jane Doe - 25 June 2020"
        rf"(?i:by)\s+[^|•·\n]{{1,60}}?\s*[|•·–—,-]\s*{weekday}{full_date}\b",
        # a dateline opening the first paragraph: "BEIRUT, June 25, 2020 (Agency) -"
        rf"[A-Z][\w .'’-]{{1,40}}(?:,\s*[A-Z][\w .'’-]{{1,30}})?,\s*{full_date}\s*(?:\([^)]{{1,40}}\)\s*)?[-–—:]",
    )
    compiled = tuple(re.compile(p) for p in patterns)
    no_year = r"(?!\d)(?:st|nd|rd|th)?\b(?!,?\s*\d{4})"
    # Month names as the event-date rules read them (capitalised or upper case), so
    # 'may 5' in running text is not taken for a date here either.
    mon_cased = _alt([m.capitalize() for m in months] + [m.upper() for m in months])
    yearless = re.compile(
        rf"\b(?:{mon_cased})\.?\s+\d{{1,2}}{no_year}"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{mon_cased})\b(?!\.?,?\s*\d{{4}})"
    )
    return DatelineFinder(
        months={k.lower(): int(v) for k, v in months.items()},
        line_patterns=compiled,
        body_paragraph_words=body_words,
        head_chars=head_chars,
        yearless_day=yearless,
    )


@lru_cache(maxsize=1)
def load_finder() -> DatelineFinder:
    """The packaged finder (read once: it is pure data)."""
    data, origin = read_yaml_mapping(None, "ingest/pubdate.yaml")
    timex, timex_origin = read_yaml_mapping(None, "events/timex.yaml")
    months = timex.get("months")
    if not isinstance(months, dict):
        raise DataFileError(f"{timex_origin}: 'months' must be a mapping")
    return build_finder(data, months, origin)


def text_stated_date(text: str) -> date | None:
    """The publication date a plain-text page states in its head, or None."""
    return load_finder().find(text)


def html_stated_date(tree: Any, url: str | None = None) -> date | None:
    """The date an HTML page shows beyond its meta tags (a byline, a date in its URL).

    htmldate's quick search only (`extensive_search=False`): its extensive search
    also reads dates anywhere in the text, which picks reader comments' timestamps.
    """
    tree = _without_comments(tree)
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=False, original_date=True, url=url,
                          min_date=f"{MIN_YEAR}-01-01")  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a date guess must never drop a page
        log.debug("htmldate failed: %r", exc)
        found = None
    if found:
        try:
            return in_year_range(date.fromisoformat(found))
        except ValueError:
            pass
    # The same head search as for text pages, over the page's block texts: a date
    # line or a "CITY, June 25, 2020 -" dateline in the first paragraph carries no
    # markup htmldate looks for.
    blocks = (el.text_content() for el in tree.iter(*HTML_BLOCKS) if isinstance(el.tag, str))
    return text_stated_date("\n".join(" ".join(b.split()) for b in blocks))


def _without_comments(tree: Any) -> Any:
    """A copy of `tree` without reader comments and page furniture (see metatags)."""
    from copy import deepcopy

    from sitrep.ingest.metatags import COMMENT_CONTAINER_WORDS, FURNITURE_TAGS

    words = frozenset(COMMENT_CONTAINER_WORDS)
    copy = deepcopy(tree)
    doomed = [
        el for el in copy.iter()
        if isinstance(el.tag, str)
        and (el.tag in FURNITURE_TAGS
             or words & set(re.split(r"[\s_-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())))
    ]  # fmt: skip
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return copy
