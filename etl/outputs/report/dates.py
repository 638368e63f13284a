"""The report's units of time: a count per month and key, and a date said as far as it is
known. Shared by the report's queries (:mod:`~etl.outputs.report.data`,
:mod:`~etl.outputs.report.statement_data`) and its charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: dt.date
    key: str
    value: int


def format_day(day: dt.date | None, precision: str | None) -> str:
    """A date as far as it is known: "4 March 2024", "March 2024", "2024" or "undated"."""
    if day is None:
        return "undated"
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"
