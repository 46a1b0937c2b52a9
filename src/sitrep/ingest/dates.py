"""Reading the publication dates that containers state (meta tags, WARC, JSONL, manifest)."""

from __future__ import annotations

import re
from datetime import date

from sitrep.timex import MAX_YEAR, MIN_YEAR, in_year_range

# Where a document's publication date came from (DocMeta.published_source), most
# trusted first. The page's own statement beats a crawler's capture time, which
# beats what the user supplies for pages that state nothing: a manifest row, then
# the one --published date given for a whole run.
SOURCE_META = "meta"  # HTML meta tags / JSON-LD / <time>, or a JSONL/Parquet field
SOURCE_DATELINE = "dateline"  # a date line in the page's text ("Published on ...", "CITY, June 25, 2020 -")
SOURCE_WARC = "warc"  # the WARC-Date capture header
SOURCE_MANIFEST = "manifest"
SOURCE_FLAG = "--published"
SOURCE_NONE = "none"  # no date from anywhere: reported, never stored as a value

# An ISO date, optionally followed by a time part. Only the date is kept, as the
# page states it: converting to UTC would move late-evening articles to the next
# day, and the outlet's own calendar date is what "published" means in ACLED.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\S*)?$")
# The same shape with any number of year digits and an optional sign: a date, but
# one whose year no news page carries ("0000-01-01", "99999-01-01", "-0044-03-15").
_ISO_SHAPED = re.compile(r"^[+-]?\d+-\d{2}-\d{2}(?:[T ]\S*)?$")


def parse_iso_date(value: object) -> date | None:
    """The date part of an ISO date or datetime string, or None when it is not one
    or its year is outside MIN_YEAR..MAX_YEAR (then the document is undated)."""
    if isinstance(value, date):
        return in_year_range(value)
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def is_out_of_range_date(value: object) -> bool:
    """An ISO-shaped date string whose year is outside MIN_YEAR..MAX_YEAR."""
    if not isinstance(value, str) or not _ISO_SHAPED.match(value.strip()):
        return False
    year = value.strip().lstrip("+-").split("-", 1)[0]
    return value.strip().startswith("-") or not MIN_YEAR <= int(year) <= MAX_YEAR
