"""Extreme dates never raise in normalisation: outside 1900-2100 means undated (#15)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.timex import MAX_YEAR, MIN_YEAR, in_year_range, normalise

EXPRESSIONS = ["last week", "yesterday", "on Tuesday", "over the weekend", "earlier this month",
               "last month", "three days ago", "Two days later", "the next day", "On June 7", "in March"]
EXTREMES = [date(1, 1, 1), date(1, 1, 3), date(1899, 12, 31), date(2101, 1, 1), date(9999, 12, 31)]


@pytest.mark.parametrize("published", EXTREMES, ids=str)
@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_out_of_range_published_is_undated(expr: str, published: date) -> None:
    # Before: date(1, 1, 3) - 7 days raised OverflowError, "last month" from year 1
    # built date(0, 12, 1) ("year 0 is out of range").
    value, precision, inferred = normalise(expr, published)
    assert value is None
    assert precision in (1, 2, 3) and inferred is False


@pytest.mark.parametrize("previous", EXTREMES, ids=str)
def test_out_of_range_previous_date_is_ignored(previous: date) -> None:
    assert normalise("Two days later", date(2020, 6, 25), previous) == (None, 1, False)
    assert normalise("the next day", None, previous) == (None, 1, False)


def test_year_hint_out_of_range_is_ignored() -> None:
    assert normalise("On June 7", None, None, year_hint=99999) == (None, 1, False)
    assert normalise("On June 7", None, None, year_hint=0) == (None, 1, False)


def test_range_edges_are_kept() -> None:
    assert in_year_range(date(MIN_YEAR, 1, 1)) == date(MIN_YEAR, 1, 1)
    assert in_year_range(date(MAX_YEAR, 12, 31)) == date(MAX_YEAR, 12, 31)
    assert in_year_range(date(MAX_YEAR + 1, 1, 1)) is None
    assert normalise("last week", date(MAX_YEAR, 12, 31)) == (date(MAX_YEAR, 12, 24), 2, False)
    # A computed date that leaves the range is undated too.
    assert normalise("last week", date(MIN_YEAR, 1, 3)) == (None, 2, False)
