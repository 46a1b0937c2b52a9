from datetime import date

from sitrep.timex import find_timex, normalise

PUB = date(2020, 6, 25)  # a Thursday


def test_day_without_year_takes_published_year():
    assert normalise("On June 7", PUB) == (date(2020, 6, 7), 1, False)


def test_late_on_day_is_day_precision():
    assert normalise("Late on June 24", PUB) == (date(2020, 6, 24), 1, False)


def test_day_after_published_belongs_to_previous_year():
    assert normalise("on December 30", PUB) == (date(2019, 12, 30), 1, False)


def test_ordinal_day():
    assert normalise("On September 19th alone", date(2021, 9, 20)) == (date(2021, 9, 19), 1, False)


def test_explicit_year_day_first():
    assert normalise("On 3 May 2019", PUB) == (date(2019, 5, 3), 1, False)


def test_month_is_first_of_month_precision_3():
    assert normalise("Earlier in June", PUB) == (date(2020, 6, 1), 3, False)


def test_earlier_this_month():
    assert normalise("earlier this month", PUB) == (date(2020, 6, 1), 3, False)


def test_last_week_is_published_minus_seven():
    assert normalise("last week", PUB) == (date(2020, 6, 18), 2, False)


def test_yesterday():
    assert normalise("yesterday", PUB) == (date(2020, 6, 24), 1, False)


def test_weekday_is_most_recent_not_after_published():
    assert normalise("on Tuesday", PUB) == (date(2020, 6, 23), 1, False)


def test_relative_days_count_from_previous_event():
    assert normalise("Two days later", PUB, date(2020, 6, 10)) == (date(2020, 6, 12), 1, False)


def test_relative_without_previous_is_unknown():
    assert normalise("two days later", PUB, None) == (None, 1, False)


def test_no_published_uses_year_hint_and_marks_inferred():
    assert normalise("On June 7", None, None, 2019) == (date(2019, 6, 7), 1, True)


def test_no_published_no_hint_gives_none():
    assert normalise("On June 7", None, None) == (None, 1, False)


def test_modal_may_is_not_a_month():
    assert find_timex("militants may attack the town") == []


def test_find_reports_kind_and_offsets():
    found = find_timex("Clashes erupted last week near the town.")
    assert [(t.start, t.end, t.kind) for t in found] == [(16, 25, "recent")]
