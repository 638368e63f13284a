"""The publication date a page prints outside its date lines.

A page's metadata line sets the date among short fields ("29 Oct, 2021 | Source:Xinhua |
Hits:2232"), a syndication footer says who published the text on which day, and some pages
print their date only after the story ("- 14 November 2024, 04:46").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from etl.ingest.bylines import Byline, parse_byline
from etl.ingest.dates import Precision, parse_date, split_date
from etl.ingest.issuers import parse_publisher_statement, source_name
from etl.ingest.names import is_non_latin_name, looks_like_person, person_name
from etl.ingest.outlets import known_outlet

# A label before a value: "Source:Xinhua", "Date Add in:2024-06-08", "Published in: News".
_LABELLED = re.compile(r"^(?P<label>[^\W\d][\w ]{0,20}?)\s*[:：]\s*(?P<value>.*)$")
_SOURCE_LABELS = frozenset({"source", "sources", "from", "via", "publisher", "origin", "agency"})
_AUTHOR_LABELS = frozenset({"by", "author", "authors", "written by", "reporter", "writer"})
_META_SEPARATOR = re.compile(r"\s*(?:[|•·▪]|\s[-–—]+\s|[()\[\]]|,)\s*")
# What may sit right before a date in a metadata line: the line start, a separator, a label's
# colon, a weekday or a time ("Xinhua) 08:08, April 16, 2025").
_DATE_LEAD = re.compile(
    r"(?:^|[|•·▪:：(\[]|\s[-–—]+|,|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?\s*,?)\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"^\s*(?:,|at|-)?\s*\d{1,2}:\d{2}")
_MAX_META_SEGMENT_WORDS = 5
_MAX_SOURCE_WORDS = 12


def parse_meta_line(line: str) -> Byline | None:
    """A page's metadata line: a date among short labelled or separated fields.

    "29 Oct, 2021 | Source:Xinhua | Hits:2232", "Xinhua) 08:08, April 16, 2025",
    "Wahyu Dwi Anggoro • 15 June 2022 13:59", "From:新华网 | Date Add in:2024-06-08 11:26:00",
    "Thursday, September 26, 2019, 6:48 p.m. New York City". The date must stand apart (at the
    start, after a separator, label, weekday or time, or followed by a time) and every other
    field must be short: a sentence that mentions a date is not a metadata line.
    """
    text = line.strip()
    if len(text) > 160:
        return None
    found, _ = split_date(text)
    if found is None or found.precision != "day":
        return None
    standing_apart = _DATE_LEAD.search(text[: found.start]) or _TIME_AFTER.match(text[found.end :])
    if not standing_apart:
        return None
    result = Byline(published=(found.date, found.precision))
    before = text[: found.start]
    for position, piece in ((0, before), (1, text[found.end :])):
        _, residue = split_date(piece)
        for segment in _META_SEPARATOR.split(residue):
            segment = segment.strip(" :;-–—")
            if not segment:
                continue
            limit = _MAX_META_SEGMENT_WORDS
            if (labelled := _LABELLED.match(segment)) and labelled[
                "label"
            ].lower() in _SOURCE_LABELS:
                limit = _MAX_SOURCE_WORDS  # "Source: Ministry of ... The Republic of ..."
            if len(segment.split()) > limit:
                return None
            _read_meta_segment(segment, result, leading=position == 0)
    return result


def _read_meta_segment(segment: str, result: Byline, *, leading: bool) -> None:
    labelled = _LABELLED.match(segment)
    label = labelled["label"].strip().lower() if labelled else ""
    value = labelled["value"].strip() if labelled else segment
    if label in _SOURCE_LABELS or (not label and leading and is_non_latin_name(value)):
        result.outlet = result.outlet or source_name(value)
    elif label in _AUTHOR_LABELS and looks_like_person(value):
        result.authors.append(person_name(value))
    elif not label and known_outlet(value.strip("()[] ")):
        result.outlet = result.outlet or known_outlet(value.strip("()[] "))
    elif not label and (byline := parse_byline(value)) is not None:
        result.authors.extend(a for a in byline.authors if a not in result.authors)
        result.outlet = result.outlet or byline.outlet
    elif not label and leading and looks_like_person(value):
        result.authors.append(person_name(value))  # "Jane Doe • 15 June 2022"


def publisher_date(lines: Sequence[str]) -> tuple[dt.date, Precision] | None:
    """A date from a publisher statement anywhere in the text (syndication footers)."""
    for line in lines:
        statement = parse_publisher_statement(line)
        if statement is not None:
            return statement[1]
    return None


def closing_date(lines: Sequence[str]) -> tuple[dt.date, Precision] | None:
    """A date line that closes the text ("- 14 November 2024, 04:46"): when the header has none,
    the page printed its date after the story."""
    for line in lines[-2:]:
        value = parse_date(line.strip(" -–—|"))
        if value is not None and value[1] == "day":
            return value
    return None


# "Copyright © 2014, Ministry of ...", "© 2009-2024 The Outlet", "(c) 2021": the site's notice.
_COPYRIGHT_YEARS = re.compile(
    r"(?:copyright|©|&copy;|\(c\))\s*(?:©\s*)?(?:\d{4}\s*[-–]\s*)?(?P<year>\d{4})", re.IGNORECASE
)


def extractor_date(guess: str | None, html: str) -> str | None:
    """The HTML extractor's date guess, unless it is only the page's copyright year.

    When the markup states no date, the extractor falls back to a year it finds in the page
    and reports it as the first of January; a copyright notice's year is not when a text was
    published (a site's footer can be years older or newer than its pages), so such a guess is
    dropped and the date is left to the text's own lines or to nobody.
    """
    if not guess:
        return guess
    found = re.fullmatch(r"(\d{4})-01-01", guess.strip()[:10])
    if found is None:
        return guess
    copyright_years = {m.group("year") for m in _COPYRIGHT_YEARS.finditer(html)}
    return None if found.group(1) in copyright_years else guess
