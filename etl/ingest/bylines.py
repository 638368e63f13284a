"""Bylines and author credits: who wrote the story, and for which outlet.

"By Guo Jiping, People's Daily", "By AP Published Date - ...", "PTI Washington", "Innocent
Madonko in ST PETERSBURG, Russia": each reader takes one line and returns the authors, the
outlet, the place and the date it names. :func:`clean_author` keeps only the people of an
author credit that a container (JSON, HTML <meta>) states.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from etl.ingest.datelines import could_be_place, place_case
from etl.ingest.dates import Precision, search_date, split_date
from etl.ingest.issuers import is_institution, is_url
from etl.ingest.names import is_desk, looks_like_org, looks_like_person, person_name
from etl.ingest.outlets import (
    APOSTROPHES,
    canonical_outlet,
    is_domain,
    known_outlet,
    outlet_pattern,
)

_BYLINE = re.compile(
    r"^(?:by|written\s+by|reported\s+by|story\s+by|text\s+by)[:\s]\s*(?P<rest>\S.{0,150})$",
    re.IGNORECASE,
)
_BYLINE_TAIL = re.compile(
    r"\s*(?:\b(?:published|updated|posted|last\s+updated|date)\b|\s[-–—]\s).*$", re.IGNORECASE
)
_BYLINE_SPLIT = re.compile(r"\s*(?:[,;|/]|\band\b|&)\s*")
_AFFILIATION = re.compile(r"^(?P<person>.+?)\s+(?:for|of|from|at|with)\s+(?P<org>[A-Z].*)$")
_IN_PLACE = re.compile(
    r"^(?P<who>.+?)\s+in\s+(?P<place>[A-Z][\w'’.\-]*(?:[ ,]+[A-Za-z][\w'’.\-]*){0,4})$"
)


def _agency_line_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<outlet>{outlet_pattern().pattern})\s*[,|/:–—-]?\s*"
        r"(?P<place>[A-Z][\w'’.\-]*(?:,?\s+[A-Z][\w'’.\-]*){0,3})?\s*[,|/–—-]?\s*$"
    )


_agency_line = cache(_agency_line_pattern)


@dataclass(slots=True)
class Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None
    published: tuple[dt.date, Precision] | None = None


def parse_byline(line: str) -> Byline | None:
    """Read a "By ..." line, or None when the words after "By" are not names.

    "By Guo Jiping, People's Daily" -> author and outlet; "by YCPress" -> an outlet (a single
    token is never a person); "By AP Published Date - 11:05 PM, Fri - 10 March 23" -> outlet
    and date; "By Zhang San in Beijing" -> author and dateline.
    """
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    rest = match["rest"].strip().rstrip(".")
    result = Byline()
    found = search_date(rest)
    if found:
        result.published = (found.date, found.precision)
        rest = rest[: found.start]
    rest = _BYLINE_TAIL.sub("", rest).strip(" ,|-–—")
    in_place = _IN_PLACE.match(rest)
    if in_place and not known_outlet(rest):
        result.dateline = place_case(in_place["place"])
        rest = in_place["who"]
    if not rest:
        return None
    if known_outlet(rest):  # before splitting: "Voice of America", "Agence France-Presse"
        result.outlet = known_outlet(rest)
        return result
    names, *fields = rest.split("|")
    for part in filter(None, _BYLINE_SPLIT.split(names)):
        if not _read_byline_part(part, result):
            return None
    for field_text in fields:
        _read_byline_field(field_text.strip(" ,-–—"), result)
    return result if (result.authors or result.outlet) else None


def _read_byline_field(text: str, result: Byline) -> None:
    """A field after "|" in a byline ("By Ana Ruiz | New Delhi | China Daily"): an outlet or a
    place, never another author (authors are listed before the first "|")."""
    if not text:
        return
    if known_outlet(text):
        result.outlet = result.outlet or known_outlet(text)
    elif len(text.split()) > 1 and looks_like_org(text):
        result.outlet = result.outlet or canonical_outlet(text)
    elif re.fullmatch(r"[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*", text):  # "TNN", "NewsNow": a brand
        result.outlet = result.outlet or text
    elif could_be_place(text) and text[:1].isupper():
        result.dateline = result.dateline or place_case(text)


def _read_byline_part(part: str, result: Byline) -> bool:
    outlet = known_outlet(part)
    if outlet:
        result.outlet = result.outlet or outlet
    elif looks_like_person(part):
        result.authors.append(person_name(part))
    elif is_desk(part):
        pass  # "Staff Reporter", "Agencies": credit lines without a person
    elif (affiliation := _AFFILIATION.match(part)) and looks_like_person(affiliation["person"]):
        result.authors.append(person_name(affiliation["person"]))
        org = affiliation["org"]
        if known_outlet(org) or looks_like_org(org):
            result.outlet = result.outlet or canonical_outlet(org)
    elif looks_like_org(part):
        result.outlet = result.outlet or canonical_outlet(part)
    else:
        return False
    return True


def parse_agency_line(line: str) -> tuple[str, str | None, tuple[dt.date, Precision] | None] | None:
    """ "PTI Washington", "Xinhua | Beijing", "AFP, 21 January 2024" -> (outlet, place, date)."""
    text = line.strip()
    if len(text) > 80:
        return None
    found, text = split_date(text)
    published = (found.date, found.precision) if found else None
    text = text.strip(" ,|/:–—-")
    match = _agency_line().match(text.translate(APOSTROPHES))
    if not match:
        return None
    outlet = known_outlet(match["outlet"])
    if outlet is None:
        return None
    place = match["place"]
    if place and not could_be_place(place):
        return None
    return outlet, (place_case(place) if place else None), published


def parse_author_in_place(line: str) -> tuple[str, str] | None:
    """ "Innocent Madonko in ST PETERSBURG, Russia" -> (author, dateline).

    The place must start in capitals, as datelines are printed; "Xi Jinping in Moscow" is more
    likely a headline than a byline.
    """
    match = _IN_PLACE.match(line.strip())
    if not match or not looks_like_person(match["who"]):
        return None
    first = match["place"].split()[0].strip(",")
    if not (len(first) > 1 and first.isupper()):
        return None
    return person_name(match["who"]), place_case(match["place"])


_OFFICE = re.compile(
    r"\b(?:minister|secretary|spokes(?:person|man|woman)|president|premier|chancellor|ambassador"
    r"|director|advis[eo]r|department|ministry|office|chair(?:man|woman|person)?|governor|envoy"
    r"|coordinator|administrator|commissioner|representative|king|queen|prince|princess)\b",
    re.IGNORECASE,
)


def clean_author(author: str | None, outlet: str | None = None) -> str | None:
    """The people of an author credit, without the outlets, desks and job titles in it; None
    when it names no one.

    "Deutsche Welle (www.dw.com)" -> None; "Jane Doe and John Roe, CNN" -> "Jane Doe and John
    Roe"; "Office of the Spokesperson" -> None; "Ana Ruiz, Department Spokesperson" -> "Ana Ruiz".
    """
    if not author:
        return None
    text = re.sub(r"\s*\((?:[^()]*\.[a-z]{2,}[^()]*)\)", "", author).strip()  # "(www.dw.com)"
    parts: list[str] = []
    for part in re.split(r"\s*[,;]\s*", text):
        names = [n for n in re.split(r"\s*(?:\band\b|&)\s*", part) if n]
        # "Ana Ruiz and Tom Baker" are two people; "Bureau of Asian and Pacific Affairs" is one
        # title, whose "and" is not a separator.
        parts.extend(names if all(looks_like_person(n) for n in names) else [part])
    kept = [
        p
        for p in parts
        if not _names_outlet(p, outlet) and not is_desk(p) and not is_institution(p)
    ]
    people = [p for p in kept if looks_like_person(p) and not _OFFICE.search(p)]
    if people:
        kept = people  # "Ana Ruiz, Department Spokesperson": the title is not an author
    if not kept:
        return None
    if len(kept) == len(parts):
        return author.strip()
    return kept[0] if len(kept) == 1 else f"{', '.join(kept[:-1])} and {kept[-1]}"


def _names_outlet(part: str, outlet: str | None) -> bool:
    part = part.strip()
    if known_outlet(part) or is_domain(part) or is_url(part):
        return True
    return bool(outlet) and canonical_outlet(part) == canonical_outlet(outlet or "")
