"""The date resolver: dates in prose ("last August", "on Tuesday", "March 24-25") resolved
against an anchor, the publication date, or the year the article is about when the publication
date is unknown. Absolute date strings are parsed by :mod:`etl.ingest.dates`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.ingest.dates import MAX_YEAR, MIN_YEAR, MONTHS, Precision, find_dates, make_date

_WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|march|mar\.|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Relative and partial expressions; the named groups say how each one resolves. Month names
# are case-sensitive here ("May" the month, not "may" the verb; "March" not "march").
# Month names must be capitalised here ("May" the month, not "may" the verb).
_CAP_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|Mar|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
_NUM = r"\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# Relative and partial expressions; the named groups say how each one resolves.
_RELATIVE = re.compile(
    rf"(?P<range>\b(?:(?i:from)\s+)?(?P<r_mon>{_CAP_MONTH})\.?\s+(?P<r_d1>[0-3]?\d){_ORD}"
    rf"\s*(?:-|–|(?i:to|until|through|and))\s*(?P<r_d2>[0-3]?\d){_ORD}\b"
    r"(?:,?\s+(?P<r_year>\d{4}))?)"
    rf"|(?P<drange>\b(?P<d_d1>[0-3]?\d){_ORD}\s*(?:-|–|(?i:to|and))\s*(?P<d_d2>[0-3]?\d){_ORD}"
    rf"\s+(?P<d_mon>{_CAP_MONTH})\b\.?(?:,?\s+(?P<d_year>\d{{4}}))?)"
    rf"|(?P<md>\b(?P<md_mon>{_CAP_MONTH})\.?\s+(?P<md_day>[0-3]?\d){_ORD}\b(?![,\s]*\d{{4}}))"
    rf"|(?P<dm>\b(?P<dm_day>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<dm_mon>{_CAP_MONTH})\b"
    r"(?![,\s]*\d{4}))"
    rf"|(?P<qmonth>\b(?P<q>(?i:last|next|coming|this|past))\s+(?P<q_mon>{_CAP_MONTH})\b)"
    rf"|(?P<ofyear>\b(?:(?i:in|during|by|since|until|early|late)\s+)?(?P<o_mon>{_CAP_MONTH})\s+(?i:of\s+(?:the\s+)?)(?P<o_q>(?i:this|last|next"
    r"|previous|current))\s+(?i:year)\b)"
    r"|(?P<month>\b(?i:in|since|during|by|until|of|early|late|mid|end\s+of|beginning\s+of)"
    rf"[\s-]+(?i:early\s+|late\s+|mid-?)?(?P<m_mon>{_CAP_MONTH})\b(?![,\s]*\d{{4}})"
    rf"|\b(?P<p_mon>{_CAP_MONTH})(?='s\s|’s\s)"
    rf"|(?<=\b[Tt]he\s)(?P<a_mon>{_CAP_MONTH})(?=\s+[a-z]))"
    r"|(?P<nth>(?<!\w)(?i:on)\s+the\s+(?P<nth_day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:[A-Z0-9]"
    r"|(?i:of|anniversary|century|session|meeting|summit|round|day|floor|time|edition)\b)))"
    r"|(?P<weekday>\b(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)"
    r"|(?P<thisyear>(?i:\b(?:this|the\s+current)\s+year\b|\byear[\s-]end\b"
    r"|\bend\s+of\s+the\s+year\b))"
    r"|(?P<lastyear>(?i:\b(?:last|previous)\s+year\b))"
    r"|(?P<pastyear>(?i:\b(?:the\s+)?past\s+(?:year|12\s+months|twelve\s+months)\b))"
    r"|(?P<nextyear>(?i:\bnext\s+year\b))"
    r"|(?P<week>(?i:\b(?P<wk>last|this|next|past|previous|coming)\s+week\b))"
    r"|(?P<thismonth>(?i:\b(?:this|the\s+same)\s+month\b))"
    r"|(?P<lastmonth>(?i:\blast\s+month\b))"
    r"|(?P<daybefore>(?i:\bthe\s+day\s+before\s+yesterday\b))"
    r"|(?P<yesterday>(?i:\byesterday\b|\blast\s+night\b))"
    r"|(?P<today>(?i:\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b))"
    rf"|(?P<ago>(?i:\b(?P<ago_n>{_NUM}|a\s+few|several|a\s+couple\s+of)\s+"
    r"(?P<ago_unit>days?|weeks?|months?|years?)\s+ago\b))"
    r"|(?P<recentdays>(?i:\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last)\s+(?:few\s+)?"
    r"days\b))"
    rf"|(?P<later>(?i:\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+"
    r"(?P<dir>later|after(?:wards)?|earlier)\b))"
    r"|(?P<sameday>(?i:\b(?:the\s+same\s+day|later\s+that\s+day|that\s+day|the\s+next\s+day"
    r"|the\s+following\s+day)\b))"
    r"|(?P<year>(?i:\b(?:in|during|throughout|since|by|of|early|late|mid|for|the\s+year"
    r"(?:\s+of)?)[\s-]+(?:early\s+|late\s+|mid-?)?)(?P<y>(?:19|20)\d{2})\b(?![\d.,]\d))"
    r"|(?P<bareyear>(?<![\w.,/-])(?P<by>(?:19|20)\d{2})"
    r"(?![\w.,/-]|\s*(?:%|(?i:percent))|\s+[A-Z]))"
)

# "17 and 18 February 2022": a day range with its year, dated by its first day. The absolute
# date parser alone would see only "18 February 2022".
_DAY_RANGE_WITH_YEAR = re.compile(
    rf"\b(?P<d1>[0-3]?\d){_ORD}\s*(?:-|–|(?i:to|and))\s*(?P<d2>[0-3]?\d){_ORD}"
    rf"\s+(?P<mon>{_CAP_MONTH})\b\.?,?\s+(?P<year>\d{{4}})\b"
)
# "June 27-June 30", "from May 31 to June 6": a range across months (or naming its month twice).
# Read as one range first: the absolute parser alone reads "27-June 30" as June 27, 2030.
_MONTHS_RANGE = re.compile(
    rf"\b(?:(?i:from)\s+)?(?P<mon1>{_CAP_MONTH})\.?\s+(?P<d1>[0-3]?\d){_ORD}"
    rf"\s*(?:-|–|(?i:to|until|through))\s*(?P<mon2>{_CAP_MONTH})\.?\s+(?P<d2>[0-3]?\d){_ORD}\b"
    r"(?!\d)(?:,?\s+(?P<year>\d{4})\b)?"
)


def _range_nearest(
    m1: int, d1: int, m2: int, d2: int, anchor: dt.date, precision: Precision
) -> tuple[dt.date, dt.date] | None:
    """The occurrence of a yearless range nearest the anchor: the one that holds it, else the
    one that ends or starts closest to it. A report rarely speaks of a trip a year ahead or a
    year back when one this week fits."""
    options = []
    years = (
        (anchor.year,) if precision == "year" else (anchor.year - 1, anchor.year, anchor.year + 1)
    )
    for y in years:
        first = make_date(y - 1 if m1 > m2 else y, m1, d1)
        last = make_date(y, m2, d2)
        if first is None or last is None or first > last:
            continue
        gap = (
            0
            if first <= anchor <= last
            else min(abs((first - anchor).days), abs((last - anchor).days))
        )
        options.append((gap, first, last))
    if not options:
        return None
    _gap, first, last = min(options)
    return first, last


# A weekday standing next to the date it names ("Monday, 10 June", "Tuesday, June 11"): the
# explicit date says which day it is, so the weekday is not resolved on its own.
_DATE_AFTER_WEEKDAY = re.compile(
    rf",?\s*(?:the\s+)?(?:[0-3]?\d{_ORD}\s+(?:of\s+)?{_CAP_MONTH}\b|{_CAP_MONTH}\.?\s+[0-3]?\d\b)"
)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date expression in prose with the date it stands for, resolved against an anchor.

    ``relative`` is True when the value depends on the anchor (no year in the text); ``end``
    is the last day of a range ("from September 4 to 9"), else None.
    """

    date: dt.date
    precision: Precision
    start: int
    end: int
    relative: bool = False
    end_date: dt.date | None = None


def _month_number(name: str) -> int | None:
    key = name.lower().rstrip(".")
    if key not in MONTHS:
        return None
    # "May"/"March" as words are only months when capitalised; the caller's text is checked.
    return MONTHS[key]


def _recent_month(month: int, anchor: dt.date, precision: Precision) -> dt.date:
    """The most recent ``month`` not after the anchor month (the anchor year when only the
    year of the anchor is known)."""
    if precision == "year" or month <= anchor.month:
        return dt.date(anchor.year, month, 1)
    return dt.date(anchor.year - 1, month, 1)


def _recent_day(
    month: int, day: int, anchor: dt.date, precision: Precision, *, future: bool = False
) -> dt.date | None:
    """The year of a month-day given without one ("March 24").

    A report is mostly about the past, so the day is the latest one on or before the anchor,
    unless the next one after it is much nearer: "the March 24 summit" in a release of March 22
    is two days ahead, not a year back. In a clause about what is to come (``future``) it is the
    first one on or after the anchor.
    """
    if precision == "year":
        return make_date(anchor.year, month, day)
    options = [
        d
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := make_date(y, month, day))
    ]
    past = max((d for d in options if d <= anchor), default=None)
    ahead = min((d for d in options if d >= anchor), default=None)
    if future and ahead is not None:
        return ahead
    if ahead is not None and (past is None or 2 * (ahead - anchor).days < (anchor - past).days):
        return ahead
    return past


# Words that put a clause in the future ("will meet on Friday", "is scheduled for March 3").
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|due|scheduled|expected|slated)\s+(?:to|for)|to\s+be\s+held"
    r"|upcoming|forthcoming)\b",
    re.IGNORECASE,
)


def _is_future(text: str, start: int) -> bool:
    """Whether the clause before ``start`` (back to the last sentence or clause break) speaks of
    what is to come."""
    clause = re.split(r"[.;:!?]\s|,\s+(?:and|but|while)\s", text[max(0, start - 120) : start])[-1]
    return bool(_FUTURE.search(clause))


def _shift(value: dt.date, precision: Precision, n: int, unit: str) -> tuple[dt.date, Precision]:
    unit = unit.rstrip("s")
    if unit == "day":
        return value + dt.timedelta(days=n), precision
    if unit == "week":
        return value + dt.timedelta(weeks=n), precision
    if unit == "month":
        months = value.year * 12 + value.month - 1 + n
        return dt.date(months // 12, months % 12 + 1, 1), (
            "year" if precision == "year" else "month"
        )
    return dt.date(value.year + n, 1, 1), "year"


# A vague count ("a few days ago") spans this many units back from the anchor.
_VAGUE_COUNTS = {"a few": (2, 5), "several": (3, 7), "a couple of": (2, 3)}


def _ago(anchor: dt.date, n_text: str | None, unit: str | None) -> tuple[dt.date | None, Precision]:
    """ "Three days ago" is a day; "two weeks ago", "a few days ago" and "in recent days" are
    the month they fall in when the days they may mean all lie in one month, else nothing;
    "two months ago" a month, "three years ago" a year."""
    if n_text is None or unit is None:  # "in recent days": the week before the anchor
        lo, hi, unit = 1, 7, "day"
    else:
        words = " ".join(n_text.lower().split())
        if words in _VAGUE_COUNTS:
            lo, hi = _VAGUE_COUNTS[words]
        else:
            lo = hi = int(words) if words.isdigit() else _NUMBER_WORDS[words]
        unit = unit.lower().rstrip("s")
    if unit == "year":
        return (dt.date(anchor.year - hi, 1, 1), "year") if lo == hi else (None, "year")
    if unit == "month":
        value, _ = _shift(dt.date(anchor.year, anchor.month, 1), "month", -hi, "month")
        return (value, "month") if lo == hi else (None, "month")
    days = 7 if unit == "week" else 1
    early = anchor - dt.timedelta(days=hi * days + (3 if unit == "week" else 0))
    late = anchor - dt.timedelta(days=lo * days - (3 if unit == "week" else 0))
    if unit == "day" and lo == hi:
        return early, "day"
    if (early.year, early.month) != (late.year, late.month):
        return None, "month"
    return dt.date(early.year, early.month, 1), "month"


def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def resolve_dates(
    text: str,
    anchor: dt.date | None,
    anchor_precision: Precision | None = "day",
    *,
    previous: tuple[dt.date, Precision] | None = None,
) -> list[ResolvedDate]:
    """Every date expression in ``text`` with its value, left to right, without overlaps.

    Absolute dates ("December 12, 2024", "2024/01/21", "in September 2023", "in 2023") need no
    anchor. Partial and relative ones are resolved against ``anchor``: a month alone ("in
    March") is the most recent such month not after the anchor, "last August" the most recent
    August before the anchor month, a weekday the latest such day on or before the anchor,
    "this year" / "last year" / "the past year" the anchor's year (or the one before),
    "earlier this month" the anchor month. With an anchor known only to the year
    (``anchor_precision == "year"``) day-less expressions keep that year and weekdays give
    nothing; without an anchor only absolute dates are returned. "Two months later" and "the
    same day" count from ``previous`` (an earlier dated event), falling back to the anchor.
    """
    found: list[ResolvedDate] = []
    for m in _MONTHS_RANGE.finditer(text):
        m1, m2 = _month_number(m["mon1"]), _month_number(m["mon2"])
        if m1 is None or m2 is None:
            continue
        d1, d2 = int(m["d1"]), int(m["d2"])
        span: tuple[dt.date, dt.date] | None = None
        if m["year"]:
            year = int(m["year"])
            a, b = make_date(year - 1 if m1 > m2 else year, m1, d1), make_date(year, m2, d2)
            span = (a, b) if a is not None and b is not None and a <= b else None
        elif anchor is not None:
            span = _range_nearest(m1, d1, m2, d2, anchor, anchor_precision or "day")
        if span is not None and _valid_year(span[0].year):
            relative = not m["year"]
            found.append(ResolvedDate(span[0], "day", m.start(), m.end(), relative, span[1]))
    for m in _DAY_RANGE_WITH_YEAR.finditer(text):
        if not all(m.end() <= r.start or m.start() >= r.end for r in found):
            continue
        month = _month_number(m["mon"])
        first = make_date(int(m["year"]), month, int(m["d1"])) if month else None
        last = make_date(int(m["year"]), month, int(m["d2"])) if month else None
        if first is not None and last is not None and first < last and _valid_year(first.year):
            found.append(ResolvedDate(first, "day", m.start(), m.end(), False, last))
    for match in find_dates(text):
        if all(match.end <= r.start or match.start >= r.end for r in found):
            found.append(ResolvedDate(match.date, match.precision, match.start, match.end))
    taken = [(m.start, m.end) for m in found]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    day_anchor = anchor if anchor is not None and anchor_precision == "day" else None
    if anchor is not None and anchor_precision == "month":
        day_anchor = None
    a_prec: Precision = anchor_precision or "day"
    for m in _RELATIVE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value: dt.date | None = None
        precision: Precision = "day"
        end_value: dt.date | None = None
        relative = True
        kind = m.lastgroup
        try:
            if m["range"] or m["drange"]:
                mon_text = m["r_mon"] or m["d_mon"]
                month = _month_number(mon_text)
                if month is None:
                    continue
                d1 = int(m["r_d1"] or m["d_d1"])
                d2 = int(m["r_d2"] or m["d_d2"])
                year_text = m["r_year"] or m["d_year"]
                if year_text:
                    value, relative = make_date(int(year_text), month, d1), False
                elif anchor is not None:
                    value = _recent_day(
                        month, d1, anchor, a_prec, future=_is_future(text, m.start())
                    )
                if value is not None:
                    end_value = make_date(value.year, month, d2)
            elif m["md"] or m["dm"]:
                month = _month_number(m["md_mon"] or m["dm_mon"])
                day = int(m["md_day"] or m["dm_day"])
                if month is None or anchor is None:
                    continue
                value = _recent_day(month, day, anchor, a_prec, future=_is_future(text, m.start()))
            elif m["qmonth"]:
                month = _month_number(m["q_mon"])
                if month is None or anchor is None:
                    continue
                q = m["q"].lower()
                precision = "month"
                if q in ("next", "coming"):
                    year = anchor.year + (1 if month <= anchor.month else 0)
                    if a_prec == "year":
                        year = anchor.year
                    value = make_date(year, month, 1)
                elif q == "this" or a_prec == "year":
                    value = make_date(anchor.year, month, 1)
                else:
                    year = anchor.year if month < anchor.month else anchor.year - 1
                    value = make_date(year, month, 1)
            elif m["ofyear"]:
                month = _month_number(m["o_mon"])
                if month is None or anchor is None:
                    continue
                shift = {"last": -1, "previous": -1, "next": 1}.get(m["o_q"].lower(), 0)
                value, precision = make_date(anchor.year + shift, month, 1), "month"
            elif m["month"]:
                mon_text = m["m_mon"] or m["p_mon"] or m["a_mon"]
                month = _month_number(mon_text)
                if month is None or anchor is None:
                    continue
                value, precision = _recent_month(month, anchor, a_prec), "month"
            elif m["nth"]:
                # "on the 23rd" (Japanese and Korean government English): that day of the
                # reference month, or of the month before when it has not come yet.
                if day_anchor is None:
                    continue
                day = int(m["nth_day"])
                month_start = dt.date(day_anchor.year, day_anchor.month, 1)
                future = _is_future(text, m.start())
                if (day > day_anchor.day) != future:
                    month_start, _ = _shift(month_start, "month", 1 if future else -1, "month")
                value = make_date(month_start.year, month_start.month, day)
            elif m["weekday"]:
                if day_anchor is None or _DATE_AFTER_WEEKDAY.match(text, m.end()):
                    continue
                wd = _WEEKDAYS[m["wd"].lower()]
                if _is_future(text, m.start()):
                    # "will meet on Friday": the next Friday after the reference date
                    value = day_anchor + dt.timedelta(days=(wd - day_anchor.weekday() - 1) % 7 + 1)
                else:
                    back = (day_anchor.weekday() - wd) % 7
                    value = day_anchor - dt.timedelta(days=back)
            elif kind in ("thisyear", "lastyear", "nextyear", "pastyear"):
                if anchor is None:
                    continue
                precision = "year"
                if kind == "thisyear":
                    value = dt.date(anchor.year, 1, 1)
                elif kind == "lastyear":
                    value = dt.date(anchor.year - 1, 1, 1)
                elif kind == "nextyear":
                    value = dt.date(anchor.year + 1, 1, 1)
                else:  # the twelve months before the anchor: mostly the anchor's previous year
                    ref = anchor if a_prec == "year" else anchor - dt.timedelta(days=182)
                    value = dt.date(ref.year, 1, 1)
            elif kind == "week":
                # A week has no precision of its own: its month when the whole week lies in
                # one month ("last week" in a release of March 23 is March), else nothing.
                if day_anchor is None:
                    continue
                shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}
                monday = day_anchor - dt.timedelta(days=day_anchor.weekday())
                monday += dt.timedelta(weeks=shift.get(m["wk"].lower(), 0))
                sunday = monday + dt.timedelta(days=6)
                if (monday.year, monday.month) != (sunday.year, sunday.month):
                    continue
                value, precision = dt.date(monday.year, monday.month, 1), "month"
            elif kind in ("thismonth", "lastmonth"):
                if anchor is None or a_prec == "year":
                    continue
                precision = "month"
                value = dt.date(anchor.year, anchor.month, 1)
                if kind == "lastmonth":
                    value, _ = _shift(value, "month", -1, "month")
            elif kind in ("yesterday", "today", "daybefore"):
                if day_anchor is None:
                    continue
                back = {"today": 0, "yesterday": 1, "daybefore": 2}[kind]
                value = day_anchor - dt.timedelta(days=back)
            elif kind in ("ago", "recentdays"):
                if day_anchor is None:
                    continue
                value, precision = _ago(day_anchor, m["ago_n"], m["ago_unit"])
                if value is None:
                    continue
            elif kind == "later":
                base = previous or ((anchor, a_prec) if anchor is not None else None)
                if base is None:
                    continue
                n_text = m["n"].lower()
                n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
                if m["dir"].lower() == "earlier":
                    n = -n
                value, precision = _shift(base[0], base[1], n, m["unit"].lower())
                if base[1] == "year" or (base[1] == "month" and precision == "day"):
                    precision = base[1]
                    value = dt.date(value.year, value.month if precision == "month" else 1, 1)
            elif kind == "sameday":
                base = previous or ((day_anchor, "day") if day_anchor is not None else None)
                if base is None:
                    continue
                value, precision = base
                later = "next" in m.group().lower() or "following" in m.group().lower()
                if later and precision == "day":
                    value = value + dt.timedelta(days=1)
            elif m["year"] or m["bareyear"]:
                year = int(m["y"] or m["by"])
                if not _valid_year(year):
                    continue
                value, precision, relative = dt.date(year, 1, 1), "year", False
        except (ValueError, OverflowError, KeyError):
            continue
        if value is None or not _valid_year(value.year):
            continue
        found.append(ResolvedDate(value, precision, m.start(), m.end(), relative, end_value))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda r: r.start)
    return found
