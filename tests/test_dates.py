"""The date resolver: one date expression in, (date, precision) or None out."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.ingest.dates import find_dates, format_date, is_update_label, parse_date, search_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 4, 2023", (dt.date(2023, 3, 4), "day")),
        ("4 March 2023", (dt.date(2023, 3, 4), "day")),
        ("Sept. 12, 2022", (dt.date(2022, 9, 12), "day")),
        ("Dec 1st, 2019", (dt.date(2019, 12, 1), "day")),
        ("the 3rd of May, 2021", None),  # "the" is prose, not a date label
        ("3rd of May, 2021", (dt.date(2021, 5, 3), "day")),
        ("2022/11/05", (dt.date(2022, 11, 5), "day")),
        ("2022-11-05", (dt.date(2022, 11, 5), "day")),
        ("2022-11-05 09:30", (dt.date(2022, 11, 5), "day")),
        ("2022-11-05T09:30:00+08:00", (dt.date(2022, 11, 5), "day")),
        ("Mon, 07 Nov 2022 10:00:00 GMT", (dt.date(2022, 11, 7), "day")),
        ("Updated 2022/11/05 at 6:02 AM", (dt.date(2022, 11, 5), "day")),
        ("Published: Tuesday, June 6, 2023 | 14:05 IST", (dt.date(2023, 6, 6), "day")),
        ("Sat - 4 February 23", (dt.date(2023, 2, 4), "day")),
        ("Sat - 4 February 75", (dt.date(1975, 2, 4), "day")),
        ("November 2, 2021 08:12 GMT", (dt.date(2021, 11, 2), "day")),
        ("15.08.2021", (dt.date(2021, 8, 15), "day")),
        ("08/15/2021", (dt.date(2021, 8, 15), "day")),  # only month-first is possible
        ("June 2022", (dt.date(2022, 6, 1), "month")),
        ("Sept 2022", (dt.date(2022, 9, 1), "month")),
        ("2019", (dt.date(2019, 1, 1), "year")),
    ],
)
def test_parse_date_examples(text: str, expected: tuple[dt.date, str] | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Foreign ministers met on March 4, 2023 in Geneva.",
        "2021 was a busy year for diplomacy",
        "February 30, 2023",
        "2023-02-30",
        "2023-13-01",
        "31/31/2023",
        "5 Min Read",
        "March 4",  # no year: relative dates are resolved elsewhere, against publication
        "99999",
    ],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_search_date_finds_date_inside_byline() -> None:
    found = search_date("By Staff Published Date - 9:40 AM, Tue - 7 June 22")
    assert found is not None
    assert (found.date, found.precision) == (dt.date(2022, 6, 7), "day")


def test_find_dates_reports_bare_years_only_when_asked() -> None:
    assert find_dates("Talks resumed in 2019 after a pause.") == []
    assert [m.precision for m in find_dates("in 2019", allow_year=True)] == ["year"]


def test_find_dates_prefers_the_most_precise_reading() -> None:
    (match,) = find_dates("on 12 May 2022")
    assert (match.date, match.precision) == (dt.date(2022, 5, 12), "day")


def test_update_label() -> None:
    assert is_update_label("Last updated: 2022-11-05")
    assert not is_update_label("Published: 2022-11-05")


def test_format_date_truncates_to_precision() -> None:
    day = dt.date(2022, 6, 1)
    assert [format_date(day, p) for p in ("day", "month", "year")] == [
        "2022-06-01",
        "2022-06",
        "2022",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_parse_date_never_raises_and_returns_valid_dates(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        value, precision = result
        assert isinstance(value, dt.date)
        assert precision in {"day", "month", "year"}
        if precision != "day":
            assert value.day == 1


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 31),
    st.sampled_from(["Jan", "February", "mar.", "Sept", "DECEMBER"]),
    st.integers(0, 9999),
)
def test_generated_day_month_year_is_valid_or_none(day: int, month: str, year: int) -> None:
    result = parse_date(f"{day} {month} {year}")
    if result is not None:
        assert 1800 <= result[0].year <= 2199
