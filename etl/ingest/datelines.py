"""Datelines: the place (and often the agency and date) that opens a story's first line.

"BEIJING, Jan. 9 (Xinhua) --", "XI'AN --", "BEIJING | Xinhua |", "Dubai: ...", "(CNN) --":
:func:`split_dateline` reads the prefix and hands back the line without it. Places are
printed in capitals; :func:`place_case` stores them as names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from etl.ingest.dates import Precision, parse_date
from etl.ingest.names import is_desk, looks_like_org
from etl.ingest.outlets import canonical_outlet, known_outlet
from etl.ingest.titles import is_title_like

_PLACE_STOP = frozenset(
    """
    note update updated photo video watch analysis opinion exclusive breaking editorial comment
    source sources background context summary highlights live read also related q a question
    answer by the editor file explainer interview factbox timeline feature
    """.split()  # noqa: SIM905 - word lists read best as prose
)


def could_be_place(text: str) -> bool:
    """Short, and none of the label words that also sit before a colon or dash ("EXCLUSIVE -")."""
    words = [w.lower().strip(",.'’") for w in text.split()]
    return 0 < len(words) <= 5 and not is_desk(text) and not any(w in _PLACE_STOP for w in words)


def place_case(place: str) -> str:
    """Datelines are printed in capitals ("XI'AN", "ST PETERSBURG, Russia"); store them as names."""

    def fix(word: str) -> str:
        if len(word) > 1 and word.isupper():  # XI'AN -> Xi'an, BEIJING/TOKYO -> Beijing/Tokyo
            return re.sub(r"[A-Z][A-Z'’]*", lambda m: m[0][0] + m[0][1:].lower(), word)
        return word

    return " ".join(fix(w) for w in place.split()).strip(" ,")


_CAPS_PLACE = r"[A-Z][A-Z'’./\-]+(?:\s+[A-Z][A-Z'’./\-]+){0,3}"
_CAPS_PLACE_LINE = re.compile(rf"^{_CAPS_PLACE}(?:,\s*[A-Z][\w'’.\- ]{{1,30}})?$")
_TITLE_PLACE = r"[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,2}"
_MONTH_DAY = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
)
# "3rd January, 2024" (WAM and other day-first agencies put the whole date in the dateline)
_DAY_MONTH_YEAR = (
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r",?\s+\d{4}"
)
_DATELINE_DATE = rf"(?:{_MONTH_DAY}|{_DAY_MONTH_YEAR})"
_DASH = r"(?:--|—|–|-)"
# "New Delhi [India], June 27 (ANI):": the country in brackets after the city
_BRACKETED = r"(?:\s*\[[A-Z][\w'’.\- ]{1,30}\])"
# "BEIJING | Xinhua |" (pipes around the agency)
_DATELINE_PIPES = re.compile(
    rf"^(?P<place>(?:{_CAPS_PLACE}|{_TITLE_PLACE})(?:,\s*[A-Z][\w'’.\- ]{{1,30}}?)?)\s*\|\s*"
    r"(?P<agency>[^|]{1,40}?)\s*\|\s*(?=\S)"
)
# "XI'AN --", "JAKARTA –", "WASHINGTON (AP) —", "LIMA, Peru — (AP) —", "BEIJING, Jan. 9 (Xinhua) --",
# "UNITED NATIONS, March 2 (Reuters) -", "Beijing, May 17 (Xinhua) --",
# "ABU DHABI, 3rd January, 2024 (WAM) --", "New Delhi [India], June 27 (ANI/WAM):"
_DATELINE_DASH = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE})(?:,\s*(?!{_DATELINE_DATE})(?P<caps_region>[A-Z][\w'’.\- ]{{1,30}}?))?"
    rf"|(?P<titled>{_TITLE_PLACE})(?={_BRACKETED}?(?:,\s*{_DATELINE_DATE}|\s*\()))"
    rf"(?P<bracketed>{_BRACKETED})?"
    rf"(?:,\s*(?P<date>{_DATELINE_DATE}))?"
    rf"(?:\s*(?P<lead_dash>{_DASH}\s*)?\((?P<agency>[^()]{{1,40}})\)\s*(?:{_DASH}|:)?|\s*{_DASH})"
    r"\s+(?=[A-Z0-9\"“‘'])"
)
# "Dubai: Iran and Saudi Arabia agreed ...", "New Delhi: ..."
_DATELINE_COLON = re.compile(rf"^(?P<titled>{_CAPS_PLACE}|{_TITLE_PLACE}):\s+(?=[A-Z\"“‘])")
# "(CNN) -- ...", "(Reuters) - ...": an agency credit without a place
_DATELINE_AGENCY_ONLY = re.compile(rf"^\((?P<agency>[^()]{{1,30}})\)\s*{_DASH}\s+(?=[A-Z0-9\"“‘'])")


def is_place_line(line: str) -> bool:
    """A place alone on its line in capitals ("NEW DELHI"): a dateline printed above the body."""
    return _CAPS_PLACE_LINE.match(line) is not None and could_be_place(line)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    outlet: str | None
    rest: str  # the line without its dateline prefix
    published: tuple[dt.date, Precision] | None = None  # a full date in it ("3 January, 2024")
    date: str | None = None  # the date it gives, as printed ("Oct. 27")


def split_dateline(line: str) -> Dateline | None:
    """Separate a leading dateline from the first body line, keeping the sentence."""
    agency_only = _DATELINE_AGENCY_ONLY.match(line)
    if agency_only and known_outlet(agency_only["agency"]):
        rest = line[agency_only.end() :].strip()
        return Dateline(None, known_outlet(agency_only["agency"]), rest)
    for pattern in (_DATELINE_PIPES, _DATELINE_DASH, _DATELINE_COLON):
        match = pattern.match(line)
        if not match or (pattern is _DATELINE_COLON and is_title_like(line)):
            continue
        groups = match.groupdict()
        place = groups.get("place") or groups.get("caps") or groups.get("titled") or ""
        if groups.get("caps_region"):
            place = f"{place}, {groups['caps_region']}"
        if not could_be_place(place):
            continue
        if sum(c.isalpha() for c in place) < 3:
            continue
        agency = (groups.get("agency") or "").strip()
        if groups.get("lead_dash") and not known_outlet(agency):
            continue  # "KAZAN -- (Photo) ...": only an agency may sit between two dashes
        outlet = None
        shared = [known_outlet(a) for a in agency.split("/")] if "/" in agency else []
        if agency and (known_outlet(agency) or looks_like_org(agency)):
            outlet = canonical_outlet(agency)
        elif shared and all(shared):
            outlet = shared[0]  # "(ANI/WAM)": the agency that carried the other's story
        elif agency and pattern is _DATELINE_PIPES:
            continue
        rest = line[match.end() :].strip()
        if len(rest.split()) < 3:
            continue
        date = parse_date(groups["date"]) if groups.get("date") else None
        place = place_case(place)
        if groups.get("bracketed"):  # "[UAE]" is kept as written
            place = f"{place}, {groups['bracketed'].strip(' []')}"
        return Dateline(
            place, outlet, rest, date if date and date[1] == "day" else None, groups.get("date")
        )
    return None
