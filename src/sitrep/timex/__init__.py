"""Time expressions: find them in text and turn them into ACLED dates.

`find_timex(text)` returns the expressions in a string; `normalise(expr, published,
previous)` turns one into ``(date | None, time_precision, inferred)``.

Precision follows ACLED: 1 = the day is known, 2 = the week, 3 = the month or vaguer.
The rules, in one place:

* A day without a year ("On June 7", "Late on June 24", "September 19th") takes the
  published year, or the year before when that day would lie after the published date
  (reports describe the past, never the future). Precision 1.
* A month ("Earlier in June", "in mid-March", "June 2019") is coded on the first day of
  that month, precision 3 (ACLED codes month precision with a date inside the month;
  the first day is the documented choice and what the gold set uses).
* "this month" / "earlier this month" / "last month": the first day of that month, 3.
* Vague recency ("last week", "lately", "over the past few days", "yesterday", ...) is
  a fixed number of days before the published date with a fixed precision, both read
  from `data/events/timex.yaml` (`recent`): "last week" is published - 7 days,
  precision 2; "recently" is published - 1 day, precision 3.
* "Over the weekend" (`weekend`) is the Saturday of the last weekend not after the
  published date, precision 2.
* A weekday ("on Tuesday", "last Tuesday", "Tuesday night") is the most recent such day
  not after the published date, precision 1.
* "two days later" / "the next day" count from the previous event's date; "three days
  ago" from the published date. "At the same time" keeps the previous date.
* A year alone ("in 2019", "earlier in 2021") is never an event date; it only supplies
  a year when the page has no published date (kind ``"year"``).
* Without a published date, a year comes from `year_hint` (an explicit year seen in the
  text) or the previous event's year, and the result is marked ``inferred=True``;
  with none of these the date is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError

__all__ = ["MAX_YEAR", "MIN_YEAR", "Timex", "TimexParser", "find_timex", "in_year_range", "load_timex_parser",
           "normalise"]

DAY = 1
WEEK = 2
MONTH = 3

# The years a publication or event date may carry. Modern conflict reporting starts
# well after 1900 and 2100 is far beyond any crawl; a date outside (year 0, 99999, a
# mistyped or hostile field) is treated as no date at all ("undated"), so date
# arithmetic never leaves Python's date range (OverflowError) or year 1-9999.
MIN_YEAR = 1900
MAX_YEAR = 2100


def in_year_range(value: date | None) -> date | None:
    """`value` when its year lies in MIN_YEAR..MAX_YEAR, else None (undated)."""
    if value is None or not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression found in a text: offsets into that text and its kind."""

    start: int
    end: int
    text: str
    kind: str  # day | month | month_rel | recent | weekday | relative | fixed | same | year


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _ci_phrase(p: str) -> str:
    return r"\s+".join(re.escape(w) for w in p.split())


class TimexParser:
    """Compiled patterns built once from the timex vocabulary file."""

    def __init__(self, vocab: dict[str, Any], origin: str = "timex.yaml") -> None:
        try:
            self.months: dict[str, int] = {k.lower(): int(v) for k, v in vocab["months"].items()}
            self.weekdays: dict[str, int] = {k.lower(): int(v) for k, v in vocab["weekdays"].items()}
            self.numbers: dict[str, int] = {k.lower(): int(v) for k, v in vocab["numbers"].items()}
            self.recent: dict[str, tuple[int, int]] = {
                " ".join(k.lower().split()): (int(v["days"]), int(v["precision"]))
                for k, v in vocab["recent"].items()
            }
            self.same: list[str] = [s.lower() for s in vocab["same_as_previous"]]
            self.direction: dict[str, int] = {k.lower(): int(v) for k, v in vocab["relative_direction"].items()}
            self.fixed: dict[str, int] = {
                " ".join(k.lower().split()): int(v) for k, v in vocab["relative_fixed"].items()
            }
            self.units: dict[str, int] = {k.lower(): int(v) for k, v in vocab["units"].items()}
            self.weekend: list[str] = [" ".join(str(w).lower().split()) for w in vocab.get("weekend") or ()]
            self.month_rel: dict[str, int | None] = {
                " ".join(k.lower().split()): (None if v is None else int(v))
                for k, v in vocab["month_relative"].items()
            }
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{origin}: bad or missing field ({exc})") from exc

        # Month and weekday names must be capitalised in the text ("may" is a verb).
        mon = "(?:" + _alt([m.capitalize() for m in self.months] + [m.upper() for m in self.months]) + r")\.?"
        wd = "(?:" + _alt([w.capitalize() for w in self.weekdays]) + ")"
        num = r"(?:\d{1,3}|(?i:" + _alt(list(self.numbers)) + "))"
        d = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        y = r"(?P<y>(?:19|20)\d\d)"
        edge = r"(?i:(?:(?:late|early)\s+)?(?:on\s+)?(?:the\s+)?)"
        self._patterns: list[tuple[str, re.Pattern[str]]] = [
            ("day", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
            ("day", re.compile(rf"\b{edge}(?P<mon>{mon})\s+{d}\b(?:\s*,?\s*{y}\b)?")),
            ("day", re.compile(rf"\b{edge}{d}(?i:\s+of)?\s+(?P<mon>{mon})(?:\s*,?\s*{y}\b)?")),
            ("month", re.compile(
                rf"(?i:\b(?:(?:earlier|later|early|late|mid|since|by|until|the\s+end\s+of|the\s+beginning\s+of|end\s+of|beginning\s+of)\s*-?\s*)?"
                rf"(?:in|during|of|since|by|until|mid)\s*-?\s*)(?P<mon>{mon})(?:\s*,?\s*{y}\b)?\b")),
            ("month", re.compile(rf"\b(?P<mon>{mon})\s+{y}\b")),
            ("month_rel", re.compile(r"(?i:\b(?P<p>" + "|".join(_ci_phrase(p) for p in sorted(self.month_rel, key=len, reverse=True)) + r")\b)")),
            ("recent", re.compile(r"(?i:\b(?P<p>" + "|".join(_ci_phrase(p) for p in sorted(self.recent, key=len, reverse=True)) + r")\b)")),
            ("weekend", re.compile(r"(?i:\b(?P<p>" + "|".join(_ci_phrase(p) for p in sorted(self.weekend, key=len, reverse=True)) + r")\b)"
                                   if self.weekend else r"(?!x)x")),
            ("weekday", re.compile(rf"\b(?i:(?:(?:last|on|this|past|early|late)\s+)?(?:on\s+)?)(?P<wd>{wd})\b(?i:\s+(?:night|morning|evening|afternoon))?")),
            ("relative", re.compile(
                rf"(?i:\b(?P<n>{num})\s+(?P<u>" + _alt(list(self.units)) + r")\s+(?P<dir>" + _alt(list(self.direction)) + r")\b)")),
            ("fixed", re.compile(r"(?i:\b(?P<p>" + "|".join(_ci_phrase(p) for p in sorted(self.fixed, key=len, reverse=True)) + r")\b)")),
            ("same", re.compile(r"(?i:\b(?P<p>" + "|".join(_ci_phrase(p) for p in sorted(self.same, key=len, reverse=True)) + r")\b)")),
            ("year", re.compile(rf"(?i:\b(?:in|since|during|of|earlier\s+in|later\s+in|early|late)\s+){y}\b")),
        ]

    # ------------------------------------------------------------------ finding
    def find(self, text: str) -> list[Timex]:
        """All non-overlapping expressions, earlier patterns and longer spans first."""
        found: list[tuple[int, int, int, str]] = []
        for rank, (kind, rx) in enumerate(self._patterns):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), rank, kind))
        found.sort(key=lambda t: (t[2], -(t[1] - t[0]), t[0]))
        taken: list[tuple[int, int, str]] = []
        for s, e, _, kind in found:
            if any(s < te and ts < e for ts, te, _k in taken):
                continue
            taken.append((s, e, kind))
        taken.sort()
        return [Timex(s, e, text[s:e], k) for s, e, k in taken]

    # -------------------------------------------------------------- normalising
    def normalise(
        self,
        expr: str,
        published: date | None,
        previous: date | None = None,
        year_hint: int | None = None,
    ) -> tuple[date | None, int, bool]:
        """Normalise the first time expression in `expr` (see the module docstring).

        Dates outside MIN_YEAR..MAX_YEAR, given or computed, count as no date.
        """
        published, previous = in_year_range(published), in_year_range(previous)
        if year_hint is not None and not MIN_YEAR <= year_hint <= MAX_YEAR:
            year_hint = None
        for kind, rx in self._patterns:
            m = rx.search(expr)
            if m:
                try:
                    value, precision, inferred = self._value(kind, m, published, previous, year_hint)
                except OverflowError:  # cannot happen inside the year range; kept as a guard
                    return None, DAY, False
                return in_year_range(value), precision, inferred
        return None, MONTH, False

    def _year(self, month: int, day: int, published: date | None, previous: date | None,
              year_hint: int | None) -> tuple[int | None, bool]:
        if published is not None:
            y = published.year
            if _safe_date(y, month, day) and _safe_date(y, month, day) > published:
                y -= 1
            return y, False
        if year_hint is not None:
            return year_hint, True
        if previous is not None:
            return previous.year, True
        return None, False

    def _value(self, kind: str, m: re.Match[str], published: date | None,
               previous: date | None, year_hint: int | None) -> tuple[date | None, int, bool]:
        g = m.groupdict()
        if kind in ("day", "month"):
            month = int(g["m"]) if g.get("m") else self.months[g["mon"].rstrip(".").lower()]
            day = int(g["d"]) if kind == "day" else 1
            if g.get("y"):
                return _safe_date(int(g["y"]), month, day), DAY if kind == "day" else MONTH, False
            year, inferred = self._year(month, day, published, previous, year_hint)
            if year is None:
                return None, DAY if kind == "day" else MONTH, False
            return _safe_date(year, month, day), DAY if kind == "day" else MONTH, inferred
        if kind == "month_rel":
            back = self.month_rel[" ".join(g["p"].lower().split())]
            if published is None or back is None:
                return None, MONTH, False
            y, mo = published.year, published.month - back
            while mo < 1:
                mo += 12
                y -= 1
            return date(y, mo, 1), MONTH, False
        if kind == "recent":
            days, prec = self.recent[" ".join(g["p"].lower().split())]
            anchor = published
            if anchor is None:
                return None, prec, False
            return anchor - timedelta(days=days), prec, False
        if kind == "weekend":
            # the Saturday of the most recent weekend before publication, week precision
            if published is None:
                return None, WEEK, False
            return published - timedelta(days=(published.weekday() - 5) % 7), WEEK, False
        if kind == "weekday":
            if published is None:
                return None, DAY, False
            want = self.weekdays[g["wd"].lower()]
            back = (published.weekday() - want) % 7
            return published - timedelta(days=back), DAY, False
        if kind == "relative":
            raw = g["n"].lower()
            n = int(raw) if raw.isdigit() else self.numbers[raw]
            days = n * self.units[g["u"].lower()]
            sign = self.direction[g["dir"].lower()]
            prec = DAY if self.units[g["u"].lower()] == 1 else WEEK
            if sign == 0:
                return (published - timedelta(days=days), prec, False) if published else (None, prec, False)
            if previous is None:
                return None, prec, False
            return previous + timedelta(days=sign * days), prec, published is None
        if kind == "fixed":
            if previous is None:
                return None, DAY, False
            return previous + timedelta(days=self.fixed[" ".join(g["p"].lower().split())]), DAY, published is None
        if kind == "same":
            return previous, DAY, False
        if kind == "year":
            return _safe_date(int(g["y"]), 1, 1), MONTH, False
        return None, MONTH, False


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _read_vocab(path: Path | None) -> tuple[dict[str, Any], str]:
    return read_yaml_mapping(path, "events/timex.yaml")


def load_timex_parser(path: str | Path | None = None) -> TimexParser:
    """Build a parser from a vocabulary file (default: the shipped one)."""
    vocab, origin = _read_vocab(Path(path) if path else None)
    return TimexParser(vocab, origin)


@lru_cache(maxsize=1)
def _default_parser() -> TimexParser:
    return load_timex_parser()


def find_timex(text: str) -> list[Timex]:
    """Time expressions in `text` with the shipped vocabulary."""
    return _default_parser().find(text)


def normalise(
    expr: str,
    published: date | None,
    previous: date | None = None,
    year_hint: int | None = None,
) -> tuple[date | None, int, bool]:
    """``(date | None, time_precision, inferred)`` for one expression (shipped vocabulary)."""
    return _default_parser().normalise(expr, published, previous, year_hint)
