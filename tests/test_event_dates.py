"""Dates in prose resolved against an anchor (etl.extract.dates.resolve_dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.dates import resolve_dates

ANCHOR = dt.date(2023, 6, 15)  # a Thursday


def first(text: str, anchor: dt.date | None = ANCHOR, precision: str = "day", **kw) -> tuple:
    found = resolve_dates(text, anchor, precision, **kw)  # type: ignore[arg-type]
    assert found, text
    return found[0].date, found[0].precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended on March 3, 2021 in Oslo.", (dt.date(2021, 3, 3), "day")),
        ("Ministers met on April 2nd in Hanoi.", (dt.date(2023, 4, 2), "day")),
        ("It was signed on 2022/11/05.", (dt.date(2022, 11, 5), "day")),
        ("The forum opened in October 2019.", (dt.date(2019, 10, 1), "month")),
        ("Ties were restored in 2018.", (dt.date(2018, 1, 1), "year")),
        ("The envoys met in February.", (dt.date(2023, 2, 1), "month")),
        ("The envoys met in September.", (dt.date(2022, 9, 1), "month")),  # after the anchor
        ("Last July, the two leaders met.", (dt.date(2022, 7, 1), "month")),
        ("Last March, the two leaders met.", (dt.date(2023, 3, 1), "month")),
        ("Trade rose this year.", (dt.date(2023, 1, 1), "year")),
        ("Trade rose last year.", (dt.date(2022, 1, 1), "year")),
        ("Earlier this month the pact was signed.", (dt.date(2023, 6, 1), "month")),
        ("The minister arrived on Monday.", (dt.date(2023, 6, 12), "day")),
        ("The minister arrived on Thursday night.", (dt.date(2023, 6, 15), "day")),
        ("A review at the end of the year.", (dt.date(2023, 1, 1), "year")),
        ("The fair ran from May 4 to 9.", (dt.date(2023, 5, 4), "day")),
        ("The summit ran from 27-28 May.", (dt.date(2023, 5, 27), "day")),
        ("At the April gathering, ...", (dt.date(2023, 4, 1), "month")),
    ],
)
def test_resolves_against_the_anchor(text: str, expected: tuple) -> None:
    assert first(text) == expected


def test_range_has_an_end_date() -> None:
    (found,) = resolve_dates("The fair ran from May 4 to 9.", ANCHOR, "day")
    assert found.end_date == dt.date(2023, 5, 9)


@pytest.mark.parametrize(
    "text",
    [
        "The council sat on 8 and 9 March 2021 in Vienna.",
        "The council sat on 8-9 March 2021 in Vienna.",
        "The council sat from 8 to 9 March, 2021 in Vienna.",
    ],
)
def test_day_range_with_a_year_is_its_first_day(text: str) -> None:
    (found,) = resolve_dates(text, ANCHOR, "day")
    assert (found.date, found.precision, found.end_date) == (
        dt.date(2021, 3, 8),
        "day",
        dt.date(2021, 3, 9),
    )


@pytest.mark.parametrize(
    "text",
    [
        "The envoy landed on Friday, 2 June, in the evening.",
        "The envoy landed on Friday, June 2, in the evening.",
        "The envoy landed on Friday the 2nd of June.",
    ],
)
def test_weekday_beside_an_explicit_date_gives_way_to_it(text: str) -> None:
    assert [(r.date, r.precision) for r in resolve_dates(text, ANCHOR, "day")] == [
        (dt.date(2023, 6, 2), "day")
    ]


def test_weekday_before_other_words_still_resolves() -> None:
    found = resolve_dates("On Monday, 12 envoys met in June.", ANCHOR, "day")
    assert found[0].date == dt.date(2023, 6, 12)


def test_later_counts_from_the_previous_event() -> None:
    previous = (dt.date(2021, 1, 1), "month")
    assert first("Two months later, he visited.", previous=previous) == (
        dt.date(2021, 3, 1),
        "month",
    )
    day = (dt.date(2019, 3, 20), "day")
    assert first("Three days later, it was adopted.", previous=day) == (dt.date(2019, 3, 23), "day")


def test_year_anchor_keeps_the_year_and_drops_weekdays() -> None:
    anchor = dt.date(2022, 12, 31)
    assert first("In November, they met.", anchor, "year") == (dt.date(2022, 11, 1), "month")
    assert resolve_dates("He left on Sunday.", anchor, "year") == []


def test_without_anchor_only_absolute_dates() -> None:
    assert resolve_dates("They met in May and again on Friday.", None, None) == []
    assert first("They met on May 2, 2020.", None, None) == (dt.date(2020, 5, 2), "day")


def test_month_words_need_capitals() -> None:
    assert resolve_dates("Leaders may march in support.", ANCHOR, "day") == []


def test_next_month_name_is_in_the_future() -> None:
    assert first("They will meet next March.") == (dt.date(2024, 3, 1), "month")


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # The latest such day on or before the anchor ...
        ("They met on March 10.", dt.date(2022, 3, 23), dt.date(2022, 3, 10)),
        ("They met on December 12.", dt.date(2022, 1, 5), dt.date(2021, 12, 12)),
        ("They met on September 20.", dt.date(2022, 3, 5), dt.date(2021, 9, 20)),
        # ... unless the next one is much nearer: "the March 24 summit" two days ahead.
        ("Ahead of the March 24 summit.", dt.date(2022, 3, 22), dt.date(2022, 3, 24)),
        ("At the 5 January talks.", dt.date(2021, 12, 28), dt.date(2022, 1, 5)),
        # A clause about what is to come takes the next one.
        ("The envoys will meet on May 2.", dt.date(2022, 6, 1), dt.date(2023, 5, 2)),
        ("The summit is scheduled for April 3-4.", dt.date(2022, 3, 1), dt.date(2022, 4, 3)),
    ],
)
def test_month_day_takes_the_nearest_year(text: str, anchor: dt.date, expected: dt.date) -> None:
    assert first(text, anchor) == (expected, "day")


def test_weekday_in_a_future_clause_is_the_next_one() -> None:
    # ANCHOR is a Thursday.
    assert first("The ministers will meet on Monday.") == (dt.date(2023, 6, 19), "day")
    assert first("The ministers will meet on Thursday.") == (dt.date(2023, 6, 22), "day")
    assert first("The ministers met on Monday, and will meet again.") == (
        dt.date(2023, 6, 12),
        "day",
    )


def test_a_week_inside_one_month_gives_the_month() -> None:
    # ANCHOR is Thursday, June 15, 2023.
    assert first("They spoke last week.") == (dt.date(2023, 6, 1), "month")
    assert first("They meet again next week.") == (dt.date(2023, 6, 1), "month")
    # The week of Monday, May 29 runs into June: no month fits it.
    assert resolve_dates("They met last week.", dt.date(2023, 6, 7), "day") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ANCHOR is Thursday, June 15, 2023.
        ("The envoys met three days ago.", (dt.date(2023, 6, 12), "day")),
        ("The envoys met 5 days ago.", (dt.date(2023, 6, 10), "day")),
        ("The envoys met two months ago.", (dt.date(2023, 4, 1), "month")),
        ("The envoys met three years ago.", (dt.date(2020, 1, 1), "year")),
        ("The envoys met a few days ago.", (dt.date(2023, 6, 1), "month")),
        ("The envoys met several times in recent days.", (dt.date(2023, 6, 1), "month")),
        ("Talks continued over the past few days.", (dt.date(2023, 6, 1), "month")),
        ("The minister landed last night.", (dt.date(2023, 6, 14), "day")),
        ("The minister landed this morning.", (dt.date(2023, 6, 15), "day")),
        ("The ministers spoke this evening.", (dt.date(2023, 6, 15), "day")),
        ("The minister landed the day before yesterday.", (dt.date(2023, 6, 13), "day")),
    ],
)
def test_ago_and_parts_of_the_day_count_back_from_the_anchor(text: str, expected: tuple) -> None:
    assert first(text) == expected


def test_a_count_of_months_ago_crosses_the_year() -> None:
    assert first("The envoys met two months ago.", dt.date(2024, 1, 20)) == (
        dt.date(2023, 11, 1),
        "month",
    )


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # Two weeks before Wednesday, June 28: June 11-17, all in June.
        ("The envoys met two weeks ago.", dt.date(2023, 6, 28), (dt.date(2023, 6, 1), "month")),
        # Two weeks before June 15 may be late May or early June.
        ("The envoys met two weeks ago.", dt.date(2023, 6, 15), None),
        # A few days before July 3 may be June 28 or July 1.
        ("The envoys met a few days ago.", dt.date(2023, 7, 3), None),
        # The week before June 3 runs back into May.
        ("The envoys met in recent days.", dt.date(2023, 6, 3), None),
        # A vague count of months or years has no single value.
        ("The envoys met several months ago.", dt.date(2023, 6, 15), None),
        ("The envoys met a few years ago.", dt.date(2023, 6, 15), None),
    ],
)
def test_a_vague_span_back_is_its_month_only_when_it_lies_in_one(
    text: str, anchor: dt.date, expected: tuple | None
) -> None:
    found = [(r.date, r.precision) for r in resolve_dates(text, anchor, "day")]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text", ["The envoys met three days ago.", "The minister landed last night."]
)
def test_counting_back_in_days_needs_a_day_anchor(text: str) -> None:
    assert resolve_dates(text, dt.date(2023, 12, 31), "year") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_never_raises(text: str) -> None:
    for found in resolve_dates(text, ANCHOR, "day", previous=(ANCHOR, "day")):
        assert found.precision in {"day", "month", "year"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ANCHOR is June 15, 2023.
        ("The ministers met in April of this year.", (dt.date(2023, 4, 1), "month")),
        # A month still to come in this year is not last year's.
        ("The summit is planned for November of this year.", (dt.date(2023, 11, 1), "month")),
        ("The ministers met in March of last year.", (dt.date(2022, 3, 1), "month")),
        ("The envoys signed the pact in May of the previous year.", (dt.date(2022, 5, 1), "month")),
        ("The talks will resume in February of next year.", (dt.date(2024, 2, 1), "month")),
    ],
)
def test_a_month_of_a_named_year_is_that_month_of_that_year(text: str, expected: tuple) -> None:
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day not later than the anchor's is in the anchor's month.
        ("The envoys met on the 12th.", dt.date(2023, 6, 12)),
        ("The envoys met on the 15th.", dt.date(2023, 6, 15)),
        # A later day has not come yet: the month before.
        ("The envoys met on the 23rd.", dt.date(2023, 5, 23)),
        # In a clause about the future, a day already past is next month's.
        ("The envoys will meet on the 3rd.", dt.date(2023, 7, 3)),
        ("The envoys will meet on the 20th.", dt.date(2023, 6, 20)),
    ],
)
def test_on_the_nth_is_that_day_of_the_nearest_month(text: str, expected: dt.date) -> None:
    assert first(text) == (expected, "day")


def test_on_the_nth_crosses_the_year_back() -> None:
    assert first("The envoys met on the 28th.", dt.date(2024, 1, 10)) == (
        dt.date(2023, 12, 28),
        "day",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The two states met on the 20th anniversary of their ties.",
        "The envoys agreed on the 3rd round of talks.",
        "The delegations met on the 5th floor of the ministry.",
    ],
)
def test_on_the_nth_of_something_else_is_no_date(text: str) -> None:
    assert resolve_dates(text, ANCHOR, "day") == []


def test_on_the_nth_needs_a_day_anchor() -> None:
    assert resolve_dates("The envoys met on the 12th.", dt.date(2023, 1, 1), "year") == []
