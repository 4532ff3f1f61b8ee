"""Relative dates resolved against the publication date, as precise as the text allows."""

from datetime import date

import pytest

from kg.dates import DateSpan, find_dates


@pytest.mark.parametrize(
    "text, published, tense, expected",
    [
        ("On June 11, Lee met Zuckerberg", date(2024, 7, 4), "past", ("2024-06-11", "2024-06-11", "2024-06-11")),
        ("meetings in the U.S. last month", date(2024, 7, 4), "past", ("2024-06", "2024-06-01", "2024-06-30")),
        ("a visit to Seoul next week", date(2024, 2, 21), "future", ("2024", "2024-02-26", "2024-03-03")),
        ("met on Thursday", date(2024, 3, 1), "past", ("2024-02-29", "2024-02-29", "2024-02-29")),
        ("On Wednesday, they met", date(2024, 3, 1), "past", ("2024-02-28", "2024-02-28", "2024-02-28")),
        ("met on Tuesday", date(2025, 2, 4), "past", ("2025-02-04", "2025-02-04", "2025-02-04")),
        ("will meet on Friday", date(2025, 2, 4), "future", ("2025-02-07", "2025-02-07", "2025-02-07")),
        ("talks with him last year", date(2020, 1, 9), "past", ("2019", "2019-01-01", "2019-12-31")),
        ("in November 2018", date(2020, 1, 9), "past", ("2018-11", "2018-11-01", "2018-11-30")),
        ("met in April", date(2024, 7, 4), "past", ("2024-04", "2024-04-01", "2024-04-30")),
        ("met in December", date(2024, 7, 4), "past", ("2023-12", "2023-12-01", "2023-12-31")),
        ("for four days from June 17", date(2024, 7, 4), "past", ("2024-06", "2024-06-17", "2024-06-20")),
        ("on 28 February", date(2025, 2, 4), "past", ("2024-02-28", "2024-02-28", "2024-02-28")),
        ("Feb. 4, 2025", date(2025, 2, 4), "past", ("2025-02-04", "2025-02-04", "2025-02-04")),
        ("earlier this week", date(2024, 3, 1), "past", ("2024-02", "2024-02-26", "2024-02-29")),
        ("in 2013", date(2024, 3, 1), "past", ("2013", "2013-01-01", "2013-12-31")),
    ],
)
def test_resolves(text, published, tense, expected):
    found = find_dates(text, published, tense)
    assert found, text
    span = found[0].span
    assert (span.lexical, span.start.isoformat(), span.end.isoformat()) == expected


def test_anchored_expressions_follow_the_narrative():
    (m,) = find_dates("The previous day in Tokyo", date(2025, 2, 4), anchor=date(2025, 2, 4))
    assert m.anchored and m.span == DateSpan(date(2025, 2, 3), date(2025, 2, 3))


def test_hours_or_a_day_later_count_from_the_last_day_told_even_a_recalled_one():
    told = DateSpan(date(2025, 2, 13), date(2025, 2, 13))  # "… met Musk at Blair House on Feb. 13."
    (m,) = find_dates("Hours later Modi held talks with Trump.", date(2025, 4, 19), anchor=date(2025, 4, 18), story=told)
    assert str(m.span) == "2025-02-13"
    (m,) = find_dates("A day later he flew home.", date(2025, 4, 19), anchor=date(2025, 4, 18), story=told)
    assert str(m.span) == "2025-02-14"
    (m,) = find_dates("Later that day he flew home.", date(2025, 4, 19), anchor=date(2025, 4, 18), story=told)
    assert str(m.span) == "2025-04-18"  # the same day as the narrative's
    reported = DateSpan(date(2025, 11, 13), date(2025, 11, 13))  # "…, according to officials on Thursday."
    (m,) = find_dates("He had met Kwak the day before.", date(2025, 11, 13), anchor=date(2025, 11, 12), story=reported)
    assert str(m.span) == "2025-11-11"  # a later day of report is no day told


def test_two_years_are_two_mentions():
    assert [m.span.lexical for m in find_dates("met in Korea in 2013 and 2014.", date(2024, 3, 1))] == ["2013", "2014"]


def test_no_date_in_plain_text():
    assert find_dates("Samsung and SK Telecom will join forces.", date(2020, 1, 9)) == []


def test_datatype_follows_precision():
    assert DateSpan(date(2024, 6, 1), date(2024, 6, 30)).datatype == "gYearMonth"
    assert DateSpan(date(2024, 6, 1), date(2024, 6, 1)).datatype == "date"
    assert DateSpan(date(2024, 2, 26), date(2024, 3, 3)).datatype == "gYear"


def test_elapsed_time_counts_from_the_story_and_ago_from_publication():
    from kg.dates import DateSpan, find_dates, month

    published = date(2025, 2, 25)
    [later] = find_dates("Three months later, the plant opened.", published, story=month(2019, 8))
    assert (str(later.span), later.anchored) == ("2019-11", True)
    [earlier] = find_dates("Ten days earlier, she flew in.", published, story=DateSpan(date(2024, 3, 1), date(2024, 3, 1)))
    assert str(earlier.span) == "2024-02-20"
    [ago] = find_dates("five years ago", published)
    assert (str(ago.span), ago.anchored) == ("2020", False)
    assert find_dates("Six weeks later, it closed.", published) == []  # nothing told to count from


@pytest.mark.parametrize("text, span", [
    ("They met again last spring.", ("2024-03-01", "2024-05-31")),
    ("again in Abu Dhabi in the autumn of 2023", ("2023-09-01", "2023-11-30")),
    ("this summer", ("2025-06-01", "2025-08-31")),
    ("next winter", ("2025-12-01", "2026-02-28")),
    ("last winter", ("2023-12-01", "2024-02-29")),
])
def test_seasons(text, span):
    from kg.dates import find_dates

    (found,) = find_dates(text, date(2025, 2, 9))
    assert (found.span.start.isoformat(), found.span.end.isoformat()) == span
