"""Reading the publication dates that containers state (meta tags, WARC, JSONL, manifest)."""

from __future__ import annotations

import re
from datetime import date

# An ISO date, optionally followed by a time part. Only the date is kept, as the
# page states it: converting to UTC would move late-evening articles to the next
# day, and the outlet's own calendar date is what "published" means in ACLED.
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\S*)?$")


def parse_iso_date(value: object) -> date | None:
    """The date part of an ISO date or datetime string, or None when it is not one."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
