"""Date strings: turn the absolute date expressions found in headers and text into ``datetime.date`` values.

Every date carries a precision ("day", "month" or "year"); a less precise date is stored as
the first day of its month or year, so comparisons and database columns stay simple.

Only small regular expressions and ``datetime`` are used: this runs on every header line of
every article, and a general-purpose parser (dateparser) is far too slow and far too willing
to read a date into ordinary words. Nothing here raises on arbitrary text and nothing returns
an impossible date: every candidate goes through ``datetime.date`` and is dropped if invalid.

Dates in prose, resolved against the publication date, are the extract stage's
(:mod:`etl.extract.dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.article import DatePrecision

Precision = DatePrecision

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

# Years outside this window are almost certainly not publication or event dates.
MIN_YEAR = 1800
MAX_YEAR = 2199

# Two-digit years follow the POSIX strptime pivot: 00-68 -> 2000s, 69-99 -> 1900s.
_TWO_DIGIT_PIVOT = 69

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>\d{4})"

# Each pattern is tried on the whole text; the leftmost match wins (ties: the most precise).
_DAY_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2024-01-21, 2024/01/21, 2024.01.21, ISO datetimes (2024-01-21T08:17:00+08:00)
    re.compile(
        r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)"
        r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])"
    ),
    # January 21, 2024 / Jan. 9, 2024 / Jan 9th 2024 / March 10, '23 / June11, 2018 (typeset)
    re.compile(
        rf"\b{_MONTH}\s*{_DAY},?\s+(?:(?P<year>\d{{4}})|'(?P<yy>\d{{2}}))(?!\d)",
        re.IGNORECASE,
    ),
    # 21 January 2024 / 9th of Jan. 2024 / 10 March 23 (two-digit year) / 03-Jan-2024
    re.compile(
        rf"(?<![\d.:/-])\b{_DAY}(?:\s+(?:of\s+)?|-){_MONTH}(?:,?\s+|-)"
        r"(?:(?P<year>\d{4})|'?(?P<yy>\d{2}))(?![\d:])",
        re.IGNORECASE,
    ),
    # 21/01/2024, 21.01.2024 (day first unless that is impossible; see _numeric_dmy)
    re.compile(
        r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>\d{4})(?![\d])"
    ),
)
_MONTH_PATTERN = re.compile(rf"\b{_MONTH},?\s+{_YEAR4}(?!\d)", re.IGNORECASE)
_YEAR_PATTERN = re.compile(r"(?<![\d.,:/-])(?P<year>\d{4})(?![\d.:/-]\d)")

# What may surround a date in a date line without making it something else: labels, weekday
# names, times, time zones. Anything left over means the line is prose that mentions a date.
_TIME = re.compile(
    r"\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*[ap]\.?m\.?)?(?![\w])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)"
    r"|(?:\b(?:gmt|utc))?[+-]\d{2}:?\d{2}\b|\b(?:gmt|utc)\s*[+-]\d{1,2}\b"
    r"|\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b",
    re.IGNORECASE,
)
_ALLOWED_WORDS = frozenset(
    """
    updated update published publish posted post date dated last modified on at time created
    first released release issued edited am pm a m p local hrs hours h t z ago just now
    mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday
    sun sunday
    ist gmt utc bst est edt cst cdt pst pdt mst mdt cet cest eet eest jst kst wib wita hkt sgt
    pht msk sast wat eat cat aest aedt pkt npt ict myt bjt beijing
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_WORD = re.compile(r"[^\W\d_]+|\d+")
_WORD_OR_OTHER = re.compile(r"[^\W\d_]+|\d+|[^\w]+|_+")
_UPDATE_LABEL = re.compile(r"\b(?:updated|modified|last\s+edited)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a text: its value, precision and character span."""

    date: dt.date
    precision: Precision
    start: int
    end: int


def _year(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("yy"):
        yy = int(groups["yy"])
        return 2000 + yy if yy < _TWO_DIGIT_PIVOT else 1900 + yy
    return None


def make_date(year: int | None, month: int, day: int) -> dt.date | None:
    """A valid date or None: impossible dates (Feb 30, month 13, year 40000) never escape."""
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _numeric_dmy(a: int, b: int, year: int | None) -> dt.date | None:
    # Outside the US, numeric dates are day first; fall back to month first when the day-first
    # reading is impossible (01/21/2024).
    return make_date(year, b, a) or make_date(year, a, b)


def _day_match(pattern_index: int, match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = _year(match)
    if pattern_index == 0:
        return make_date(year, int(groups["month"]), int(groups["day"]))
    if pattern_index in (1, 2):
        return make_date(year, MONTHS[groups["mon"].lower()], int(groups["day"]))
    return _numeric_dmy(int(groups["a"]), int(groups["b"]), year)


def find_dates(text: str, *, allow_year: bool = False) -> list[DateMatch]:
    """All non-overlapping date expressions in ``text``, left to right.

    A bare year ("2024") is only reported when ``allow_year`` is set: in prose a four-digit
    number is more often a count or a year that is not a date of the article.
    """
    candidates: list[DateMatch] = []
    for index, pattern in enumerate(_DAY_PATTERNS):
        for match in pattern.finditer(text):
            value = _day_match(index, match)
            if value is not None:
                candidates.append(DateMatch(value, "day", match.start(), match.end()))
    for match in _MONTH_PATTERN.finditer(text):
        value = make_date(int(match["year"]), MONTHS[match["mon"].lower()], 1)
        if value is not None:
            candidates.append(DateMatch(value, "month", match.start(), match.end()))
    if allow_year:
        for match in _YEAR_PATTERN.finditer(text):
            value = make_date(int(match["year"]), 1, 1)
            if value is not None:
                candidates.append(DateMatch(value, "year", match.start(), match.end()))

    rank = {"day": 0, "month": 1, "year": 2}
    candidates.sort(key=lambda m: (m.start, rank[m.precision], -m.end))
    chosen: list[DateMatch] = []
    for candidate in candidates:
        if all(candidate.start >= c.end or candidate.end <= c.start for c in chosen):
            chosen.append(candidate)
    return chosen


def search_date(text: str, *, allow_year: bool = False) -> DateMatch | None:
    """The first date expression anywhere in ``text`` (e.g. inside a byline), or None."""
    found = find_dates(text, allow_year=allow_year)
    return found[0] if found else None


def split_date(text: str, *, allow_year: bool = False) -> tuple[DateMatch | None, str]:
    """The first date in ``text`` and what is left once every date, time and date label is removed.

    "Xinhua | Updated: 2024-01-09 10:00" -> (2024-01-09, "Xinhua |"); a date line leaves no words.
    """
    found = find_dates(text, allow_year=allow_year)
    pieces: list[str] = []
    position = 0
    for match in found:
        pieces.append(text[position : match.start])
        position = match.end
    pieces.append(text[position:])
    residue = _TIME.sub(" ", " ".join(pieces))
    words = (m for m in _WORD_OR_OTHER.finditer(residue))
    kept = "".join(m.group() for m in words if m.group().lower() not in _ALLOWED_WORDS)
    return (found[0] if found else None), " ".join(kept.split())


def parse_date(text: str) -> tuple[dt.date, Precision] | None:
    """Read ``text`` as one date expression, or return None if it is anything else.

    Labels, weekday names, times and time zones may surround the date ("Updated 2024/01/21 at
    8:17 PM", "Fri - 10 March 23", "October 30, 2022 17:49 IST"), but no other words: a sentence
    that merely contains a date is not a date line.
    """
    if len(text) > 120:  # a date line is short; prose is not worth scanning
        return None
    first, residue = split_date(text, allow_year=True)
    if first is None or _WORD.search(residue):
        return None
    return first.date, first.precision


def is_update_label(text: str) -> bool:
    """True for "Updated ..." / "Last modified ..." lines, which give a later date than publication."""
    return _UPDATE_LABEL.search(text) is not None


def format_date(value: dt.date, precision: Precision) -> str:
    """ISO form truncated to the precision: "2024-01-21", "2024-01" or "2024"."""
    if precision == "day":
        return value.isoformat()
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"
