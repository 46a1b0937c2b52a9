"""What a run did with publication dates, for the end-of-run table.

A wrong or missing publication date is silent damage: every yearless or relative
event date on the page is counted from it. So the run says, for `sitrep ingest`
and `sitrep extract` alike, where each page's date came from, and lists the cases
an analyst should look at:

* pages that state a date of their own different from --published or from their
  manifest row (their own date was used; the flag or row was not);
* one --published date applied to several pages that state none (it is a guess
  for each of them), and pages it dates that name a day without a year falling
  after it ("June 24" under --published 2020-06-08 is counted as 2019-06-24,
  the symptom of a page published later than the flag says);
* manifest rows that match no input (their metadata went nowhere);
* pages with no date at all (their yearless and relative event dates are undated).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sitrep.ingest.dates import SOURCE_FLAG, SOURCE_NONE
from sitrep.records import DocMeta
from sitrep.timex import normalise

# Names listed per note before "... and N more": enough to find the pattern,
# short enough that a million-page crawl's report stays readable.
MAX_LISTED = 10

UNDATED = ("no publication date from the page, a WARC header, the manifest or --published: "
           "events with a yearless or relative date are undated")


@dataclass(frozen=True, slots=True)
class DateNote:
    """One row of the report: the page (or manifest row) and what happened to its date."""

    subject: str
    message: str

    def line(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass(slots=True)
class DateAudit:
    """Collects, document by document, where publication dates came from."""

    manifest_names: frozenset[str] = frozenset()
    flag: date | None = None
    sources: Counter[str] = field(default_factory=Counter)
    matched: set[str] = field(default_factory=set)
    overrode_flag: list[tuple[str, date, str]] = field(default_factory=list)
    overrode_manifest: list[tuple[str, date, str, date]] = field(default_factory=list)
    flag_applied: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    rolled_back: list[tuple[str, str, date]] = field(default_factory=list)

    def start(self, manifest: Mapping[str, DocMeta], defaults: DocMeta | None) -> None:
        """Note what the user supplied before any document is read."""
        self.manifest_names = frozenset(manifest)
        self.flag = defaults.published if defaults is not None else None

    def observe(self, name: str, own: DocMeta, row: DocMeta | None, final: DocMeta, text: str | None = None) -> None:
        """Record one document: its own metadata, its manifest row, the result, and its text (for text pages)."""
        source = final.published_source if final.published else SOURCE_NONE
        self.sources[source or SOURCE_NONE] += 1
        if row is not None:
            self.matched.add(name)
        if own.published is not None:
            if self.flag is not None and own.published != self.flag:
                self.overrode_flag.append((name, own.published, own.published_source or ""))
            if row is not None and row.published is not None and own.published != row.published:
                self.overrode_manifest.append((name, own.published, own.published_source or "", row.published))
        if final.published is None:
            self.undated.append(name)
        elif final.published_source == SOURCE_FLAG:
            self.flag_applied.append(name)
            later = _day_after(text, final.published) if text else None
            if later is not None:
                self.rolled_back.append((name, *later))

    def summary(self) -> str:
        """'publication dates: 3 dateline, 1 meta, 2 --published, 1 none'."""
        parts = ", ".join(f"{n} {src}" for src, n in self.sources.most_common())
        return f"publication dates: {parts or 'no documents'}"

    def notes(self) -> list[DateNote]:
        """The rows to show at the end of a run, most consequential first."""
        rows = _capped([
            DateNote(name, f"states its own date {own} ({src}), used instead of --published {self.flag}")
            for name, own, src in self.overrode_flag
        ], "state their own date, used instead of --published")
        rows += _capped([
            DateNote(name, f"states its own date {own} ({src}), used instead of the manifest's {given}")
            for name, own, src, given in self.overrode_manifest
        ], "state their own date, used instead of the manifest's")
        rows += _capped([
            DateNote(name, f"mentions {expr!r}, after --published {self.flag} in its year, so it is counted as "
                           f"{value}: give the page its own date (--manifest) if it was published later")
            for name, expr, value in self.rolled_back
        ], "mention a day after --published, counted a year earlier")
        if len(self.flag_applied) > 1:
            rows.append(DateNote(
                f"--published {self.flag}",
                f"applied to {len(self.flag_applied)} pages that state no date of their own ({_listed(self.flag_applied)}): "
                "their yearless and relative event dates are counted from it; give each its date in a --manifest "
                "if they were not all published that day",
            ))  # fmt: skip
        rows.extend(
            DateNote(f"manifest row {name!r}", "matches no input read in this run: its date and source were not used")
            for name in sorted(self.manifest_names - self.matched)
        )
        rows += _capped([DateNote(name, UNDATED) for name in self.undated], UNDATED)
        return rows

    def lines(self) -> list[str]:
        """The summary, then one line per note (what the CLI prints after a run)."""
        notes = self.notes()
        head = [self.summary()]
        if notes:
            head.append(f"{len(notes)} publication-date note(s):")
        return head + [f"  {n.line()}" for n in notes]


def _day_after(text: str, published: date) -> tuple[str, date] | None:
    """The first day named without a year that lies after `published` in its year.

    The event-date rules (sitrep.timex.normalise) count such a day in the year
    before, since reports tell the past: right for a page published that day, a
    year off for one published later.
    """
    from sitrep.ingest.pubdate import load_finder

    for expr in load_finder().yearless_days(text):
        value, _, _ = normalise(expr, published)
        if value is not None and value.year < published.year:
            return " ".join(expr.split()), value
    return None


def _capped(rows: list[DateNote], what: str) -> list[DateNote]:
    """The first MAX_LISTED rows, then one row counting the rest."""
    if len(rows) <= MAX_LISTED:
        return rows
    return rows[:MAX_LISTED] + [DateNote(f"... and {len(rows) - MAX_LISTED} more", what)]


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown if len(names) <= MAX_LISTED else f"{shown}, ... and {len(names) - MAX_LISTED} more"
