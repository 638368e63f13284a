"""Header extraction: title, publication date, outlet, author and dateline from the first lines.

Extracted article text starts with a header whose shape varies by site: a title line (sometimes
glued to a breadcrumb and repeated), a standfirst, date lines, reading-time badges, bylines
("By Guo Jiping, People's Daily", "By AP Published Date - ...", "PTI Washington"), captions, and
then the body, whose first line may carry a dateline ("BEIJING | Xinhua |", "XI'AN --").
:func:`split_header` walks those lines once, recognising each by its form, and hands back the
header fields plus the lines that remain for the body.

Outlet names come from ``seeds/outlets.csv`` (name,aliases) so that users can add their own;
everything else is a pattern, never a per-site rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from etl.ingest.boilerplate import classify_line, editor_note
from etl.ingest.dates import Precision, is_update_label, parse_date, search_date, split_date
from etl.ingest.outlets import (
    APOSTROPHES,
    canonical_outlet,
    find_outlet,
    is_domain,
    known_outlet,
    outlet_for_url,
    outlet_pattern,
)
from etl.ingest.titles import (
    headline_rank,
    is_list_item,
    is_navigation,
    is_salutation,
    strip_site_suffix,
)

# The header is the first few lines; a date line or byline further down is part of the story.
MAX_HEADER_LINES = 40
# A title is one line of headline length; longer lines, or lines ending a sentence, are body.
MAX_TITLE_CHARS = 220
MAX_TITLE_WORDS = 35


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata read off the article's own text (container metadata may override it later)."""

    title: str | None = None
    published: tuple[dt.date, Precision] | None = None
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None
    dateline_date: str | None = None  # "Oct. 27" in "BEIJING, Oct. 27 (Xinhua) --", as printed


# --------------------------------------------------------------------------------------------
# Names: people, organisations, places

_NAME_PARTICLES = frozenset(
    "de da di del della van von der den du le la bin binti al el ul dos das".split()  # noqa: SIM905
)
_HONORIFICS = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|amb|h\.e|sir|dame)\.?\s+)+", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_DESK_WORDS = frozenset(
    """
    staff reporter reporters writer writers correspondent correspondents desk bureau agencies
    agency editor editors editorial board team contributor contributors newsroom online web news
    service wires senior chief special political diplomatic foreign associate deputy managing
    contributing guest columnist analyst photographer admin administrator webmaster
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_ORG_WORDS = frozenset(
    """
    news press times daily post agency media network tv television radio herald tribune journal
    gazette monitor review online wire service observer express chronicle telegraph mail today
    weekly magazine broadcasting corporation channel newspaper insider diplomat report pulse
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_PLACE_STOP = frozenset(
    """
    note update updated photo video watch analysis opinion exclusive breaking editorial comment
    source sources background context summary highlights live read also related q a question
    answer by the editor file explainer interview factbox timeline feature
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_NOT_NAME_WORDS = _DESK_WORDS | _ORG_WORDS


def looks_like_person(text: str) -> bool:
    """2-4 capitalised words (initials and particles allowed) that are not an outlet or a desk."""
    name = _HONORIFICS.sub("", text.strip())
    words = name.split()
    if not 2 <= len(words) <= 4 or known_outlet(name):
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words):
        return False
    if words[0].lower() in _NAME_PARTICLES or words[-1].lower() in _NAME_PARTICLES:
        return False
    if all(w.isupper() for w in words):  # "By ZHANG SAN": judge the name, not the typesetting
        words = [w.title() for w in words]
    return all(_is_name_word(w) or w.lower() in _NAME_PARTICLES for w in words)


def _person_name(text: str) -> str:
    """A byline name without honorifics, and in name case when it was typeset in capitals."""
    name = " ".join(_HONORIFICS.sub("", text).split())
    return name.title() if name.isupper() else name


def _is_name_word(word: str) -> bool:
    """ "Li", "O'Brien", "McDonald", "Xiao-ming", "Đặng", or an initial "J." / "J.R."."""
    if _INITIALS.match(word):
        return True
    return (
        word[0].isupper()
        and any(c.islower() for c in word)
        and all(c.isalpha() or c in "'’-" for c in word)
    )


def _looks_like_org(text: str) -> bool:
    """A single brand-like token ("YCPress") or a name built from newspaper words ("Daily News")."""
    words = text.split()
    if not words or len(words) > 6 or not text[:1].isupper():
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z][\w&.'-]{1,40}", words[0]))
    return any(w.lower() in _ORG_WORDS for w in words) and all(
        w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words
    )


def _is_desk(text: str) -> bool:
    """Credit lines without a person: "Staff Reporter", "Our Correspondent", "Agencies", "admin",
    "By Office of the Spokesperson"."""
    words = [w.lower().strip(".") for w in text.split()]
    if words and _SPOKESPERSON_DESK.match(text.strip()):
        return True
    return bool(words) and all(w in _DESK_WORDS or w in {"our", "the", "by"} for w in words)


_SPOKESPERSON_DESK = re.compile(
    r"^(?:by\s+)?(?:the\s+)?(?:office\s+of\s+the\s+spokes(?:person|man|woman)"
    r"|spokes(?:person|man|woman)'?s?\s+office|press\s+office|media\s+office)$",
    re.IGNORECASE,
)


def _could_be_place(text: str) -> bool:
    """Short, and none of the label words that also sit before a colon or dash ("EXCLUSIVE -")."""
    words = [w.lower().strip(",.'’") for w in text.split()]
    return 0 < len(words) <= 5 and not _is_desk(text) and not any(w in _PLACE_STOP for w in words)


def place_case(place: str) -> str:
    """Datelines are printed in capitals ("XI'AN", "ST PETERSBURG, Russia"); store them as names."""

    def fix(word: str) -> str:
        if len(word) > 1 and word.isupper():  # XI'AN -> Xi'an, BEIJING/TOKYO -> Beijing/Tokyo
            return re.sub(r"[A-Z][A-Z'’]*", lambda m: m[0][0] + m[0][1:].lower(), word)
        return word

    return " ".join(fix(w) for w in place.split()).strip(" ,")


# --------------------------------------------------------------------------------------------
# Line recognisers

_STORE_HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?P<rest>.*)$")
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


def _agency_line_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<outlet>{outlet_pattern().pattern})\s*[,|/:–—-]?\s*"
        r"(?P<place>[A-Z][\w'’.\-]*(?:,?\s+[A-Z][\w'’.\-]*){0,3})?\s*[,|/–—-]?\s*$"
    )


_agency_line = cache(_agency_line_pattern)


@dataclass(slots=True)
class _Byline:
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None
    published: tuple[dt.date, Precision] | None = None


def parse_byline(line: str) -> _Byline | None:
    """Read a "By ..." line, or None when the words after "By" are not names.

    "By Guo Jiping, People's Daily" -> author and outlet; "by YCPress" -> an outlet (a single
    token is never a person); "By AP Published Date - 11:05 PM, Fri - 10 March 23" -> outlet
    and date; "By Zhang San in Beijing" -> author and dateline.
    """
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    rest = match["rest"].strip().rstrip(".")
    result = _Byline()
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


def _read_byline_field(text: str, result: _Byline) -> None:
    """A field after "|" in a byline ("By Ana Ruiz | New Delhi | China Daily"): an outlet or a
    place, never another author (authors are listed before the first "|")."""
    if not text:
        return
    if known_outlet(text):
        result.outlet = result.outlet or known_outlet(text)
    elif len(text.split()) > 1 and _looks_like_org(text):
        result.outlet = result.outlet or canonical_outlet(text)
    elif re.fullmatch(r"[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*", text):  # "TNN", "NewsNow": a brand
        result.outlet = result.outlet or text
    elif _could_be_place(text) and text[:1].isupper():
        result.dateline = result.dateline or place_case(text)


def _read_byline_part(part: str, result: _Byline) -> bool:
    outlet = known_outlet(part)
    if outlet:
        result.outlet = result.outlet or outlet
    elif looks_like_person(part):
        result.authors.append(_person_name(part))
    elif _is_desk(part):
        pass  # "Staff Reporter", "Agencies": credit lines without a person
    elif (affiliation := _AFFILIATION.match(part)) and looks_like_person(affiliation["person"]):
        result.authors.append(_person_name(affiliation["person"]))
        org = affiliation["org"]
        if known_outlet(org) or _looks_like_org(org):
            result.outlet = result.outlet or canonical_outlet(org)
    elif _looks_like_org(part):
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
    if place and not _could_be_place(place):
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
    return _person_name(match["who"]), place_case(match["place"])


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
        if not _could_be_place(place):
            continue
        if sum(c.isalpha() for c in place) < 3:
            continue
        agency = (groups.get("agency") or "").strip()
        if groups.get("lead_dash") and not known_outlet(agency):
            continue  # "KAZAN -- (Photo) ...": only an agency may sit between two dashes
        outlet = None
        shared = [known_outlet(a) for a in agency.split("/")] if "/" in agency else []
        if agency and (known_outlet(agency) or _looks_like_org(agency)):
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


def _fold(text: str) -> str:
    return " ".join(text.translate(APOSTROPHES).split()).casefold()


def _same_text(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def is_title_like(line: str) -> bool:
    """A headline: one short line with words, not ending as a sentence or a lead-in does."""
    text = line.strip()
    words = text.split()
    if len(words) < 2 or len(text) > MAX_TITLE_CHARS or len(words) > MAX_TITLE_WORDS:
        return False
    if not any(c.isalpha() for c in text):
        return False
    last = text.rstrip("\"'”’)]»").strip()[-1:]
    return last not in {".", ",", ";", ":", "…"}


def outlet_from_note(note: str) -> str | None:
    """The outlet an editor's note names: "CGTN presents ...", "... not necessarily those of CGTN"."""
    presents = re.match(
        r"^(?P<org>[A-Z][\w'’&.\-]*(?:\s+[A-Z][\w'’&.\-]*){0,4})\s+"
        r"(?:presents|brings|is\s+presenting|launches|has\s+launched|offers|is\s+running)\b",
        note,
    )
    if presents and (known_outlet(presents["org"]) or _looks_like_org(presents["org"])):
        return canonical_outlet(presents["org"])
    return disclaimer_outlet(note) or find_outlet(note)


_DISCLAIMER = re.compile(
    r"(?:not|n['’]t)\s+necessarily\s+(?:reflect\s+)?"
    r"(?:those|the\s+views?|the\s+opinions?|the\s+position|the\s+stance)"
    r"\s+of\s+(?P<org>[A-Z][\w'’&.\-]*(?:\s+[A-Z][\w'’&.\-]*){0,4})"
)


def disclaimer_outlet(text: str) -> str | None:
    """The publisher an opinion disclaimer names: "... do not necessarily reflect those of CGTN"."""
    match = _DISCLAIMER.search(text)
    org = match["org"].rstrip(".") if match else ""
    return canonical_outlet(org) if org and (known_outlet(org) or _looks_like_org(org)) else None


# --------------------------------------------------------------------------------------------
# Metadata lines of scraped pages

# "Ministry of Foreign Affairs", "U.S. Department of State", "Federal Foreign Office": the
# publishing institution's name printed as the page's masthead.
_INSTITUTION_HEAD = (
    r"(?:Ministry|Department|Office|Embassy|Consulate(?:\s+General)?|Permanent\s+Mission"
    r"|Mission|Secretariat|Commission|Presidency|Government|Chancellery|Cabinet\s+Office)"
)
_NAME_WORD = r"[A-Z][\w.'’&-]*"
_INSTITUTION_OF = (
    rf"\s+(?:of|for)\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:and\s+|&\s+)?{_NAME_WORD}){{0,3}}"
)
# A bare "The Ministry" is a menu item; a name qualifies the head word before or after it.
_INSTITUTION = re.compile(
    rf"^(?:The\s+)?(?:(?:(?!The\b){_NAME_WORD}\s+){{1,3}}{_INSTITUTION_HEAD}(?:{_INSTITUTION_OF})?"
    rf"|{_INSTITUTION_HEAD}{_INSTITUTION_OF})$"
)
# "Office of the Spokesperson" is a desk of the institution, not its name.
_SPOKESPERSON = re.compile(r"\b(?:spokes(?:person|man|woman)|press|media)\b", re.IGNORECASE)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# A label before a value: "Source:Xinhua", "Date Add in:2024-06-08", "Published in: News".
_LABELLED = re.compile(r"^(?P<label>[^\W\d][\w ]{0,20}?)\s*[:：]\s*(?P<value>.*)$")
_SOURCE_LINE = re.compile(r"^(?:source|sources|via)\s*[:：]\s*(?P<value>\S.{0,150})$", re.I)
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
_NON_LATIN_NAME = re.compile(r"^[^\x00-\u024f]+(?:\s+[^\x00-\u024f]+){0,3}$")


def masthead_outlet(line: str) -> str | None:
    """The publisher a masthead line names: a known outlet, a site's domain, an institution."""
    text = line.strip()
    if known_outlet(text):
        return known_outlet(text)
    if is_domain(text):
        return canonical_outlet(text)
    if _URL_LINE.match(text):
        return outlet_for_url(text)
    if _INSTITUTION.match(text.translate(APOSTROPHES)) and not _SPOKESPERSON.search(text):
        return " ".join(text.split())
    return None


# Where a credit's value ends when text extraction glued more onto it: a capitalised "The"
# starting a second name, another "Label:", or a control's id ("fontSize", "fontLarger").
_FIELD_END = re.compile(r"\s+(?=The\s+[A-Z]|[^\W\d]\w{0,20}\s*[:：]|[a-z]+[A-Z]\w*\b)")


def _source_name(value: str) -> str | None:
    """The publisher a "Source:" credit names, or None when the value is not a name.

    "Ministry of Foreign Affairs The People's Republic of China" -> "Ministry of Foreign
    Affairs"; "fmprc.gov.cn fontLarger fontSmaller" -> "fmprc.gov.cn".
    """
    name = _FIELD_END.split(value.strip(" .,;|"), maxsplit=1)[0].strip(" .,;|")
    if not name or len(name.split()) > 8:
        return None
    if known_outlet(name) or is_domain(name) or _INSTITUTION.match(name.translate(APOSTROPHES)):
        return canonical_outlet(name)
    if _NON_LATIN_NAME.match(name) or _looks_like_org(name):
        return canonical_outlet(name)
    return None


def parse_meta_line(line: str) -> _Byline | None:
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
    result = _Byline(published=(found.date, found.precision))
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


def _read_meta_segment(segment: str, result: _Byline, *, leading: bool) -> None:
    labelled = _LABELLED.match(segment)
    label = labelled["label"].strip().lower() if labelled else ""
    value = labelled["value"].strip() if labelled else segment
    if label in _SOURCE_LABELS or (not label and leading and _NON_LATIN_NAME.match(value)):
        result.outlet = result.outlet or _source_name(value)
    elif label in _AUTHOR_LABELS and looks_like_person(value):
        result.authors.append(_person_name(value))
    elif not label and known_outlet(value.strip("()[] ")):
        result.outlet = result.outlet or known_outlet(value.strip("()[] "))
    elif not label and (byline := parse_byline(value)) is not None:
        result.authors.extend(a for a in byline.authors if a not in result.authors)
        result.outlet = result.outlet or byline.outlet
    elif not label and leading and looks_like_person(value):
        result.authors.append(_person_name(value))  # "Jane Doe • 15 June 2022"


# "The press release issued by the Foreign Office on 20 September 2023.",
# "U.S. Department of State published this content on October 20, 2025, and is ..."
_ISSUED_BY = re.compile(
    r"^(?i:(?:the|this)\s+(?:press\s+release|news\s+release|statement|readout|release"
    r"|communiqu[eé]|transcript)\s+(?:was\s+)?(?:issued|published|released)\s+by\s+(?:the\s+)?)"
    r"(?P<org>[A-Z0-9][^,;]{1,60}?)\s+on\s+(?P<date>[^.;]{6,40}?)\s*\.?$"
)
_PUBLISHED_THIS = re.compile(
    r"^(?P<org>[A-Z0-9][^,;.]{1,60}?)\s+published\s+this\s+(?:content|release|statement)\s+on\s+"
    r"(?P<date>[^;]{6,30}?\d{4})\b"
)


def parse_publisher_statement(line: str) -> tuple[str, tuple[dt.date, Precision]] | None:
    """A line saying who issued the text and when: "The press release issued by X on <date>."."""
    text = line.strip()
    if " by " not in text and " published this " not in text:
        return None  # the common case, decided without the patterns
    match = _ISSUED_BY.match(text) or _PUBLISHED_THIS.match(text)
    if not match:
        return None
    published = parse_date(match["date"])
    org = match["org"].strip()
    if published is None:
        return None
    return canonical_outlet(org), published


# "Federal Foreign Office on the phone call of ...", "Statement by the Ministry of Ports on ...":
# a government statement's title names the institution that issued it.
_ISSUER_TITLE = re.compile(
    r"^(?:(?:statement|press\s+release|readout|remarks|communiqu[eé])\s+(?:by|of|from)\s+"
    r"(?:the\s+)?)?(?P<issuer>.+?)\s+on\s+\S",
    re.IGNORECASE,
)


def title_issuer(title: str) -> str | None:
    """The institution a statement's title opens with, when it says what it is "on"."""
    match = _ISSUER_TITLE.match(title.strip())
    if not match:
        return None
    issuer = match["issuer"].strip()
    if not _INSTITUTION.match(issuer.translate(APOSTROPHES)) or _SPOKESPERSON.search(issuer):
        return None
    return issuer


# "- Bernama", "— AFP": the agency's signature after the story's last sentence.
_TRAILING_CREDIT = re.compile(r"(?:^|[.!?\"”’)]\s*)[-–—]+\s*(?P<org>[A-Z][\w.&'’ -]{1,40}?)\s*$")


def trailing_credit(line: str) -> str | None:
    """The known outlet signing the end of a story ("... the delegation. - Bernama")."""
    match = _TRAILING_CREDIT.search(line.strip())
    return known_outlet(match["org"]) if match else None


# "Tag: Foreign Office", "Category: Diplomacy", "Archives: 2023": a list of articles, whose
# headlines are all titles of other pages.
_LISTING = re.compile(r"^(?:tags?|category|categories|archives?|topics?|posts\s+tagged)\s*:", re.I)
# "...Britain, FranceBy Yonhap": a byline glued to the title by text extraction.
_GLUED_BYLINE = re.compile(r"(?<=[a-z.,!?\]\)\"”’'])(?=By\s+[A-Z])")
_BARE_BY = re.compile(r"^(?:by|written\s+by|reported\s+by)\s*:?$", re.IGNORECASE)
_AND_NAME = re.compile(r"^(?:and|&)\s+\S", re.IGNORECASE)


def _prepare(lines: Sequence[str]) -> list[str]:
    """Undo two accidents of text extraction in the header: bylines glued to the title, and
    bylines broken over lines ("By" / "John Smith" / "and Jane Doe")."""
    split: list[str] = []
    for line in lines:
        if "By " not in line or len(line) > MAX_TITLE_CHARS + 80:
            split.append(line)  # only a headline-length line can have a byline glued to it
            continue
        parts = _GLUED_BYLINE.split(line, maxsplit=1)
        if len(parts) == 2 and parse_byline(parts[1]) is not None and is_title_like(parts[0]):
            split.extend(part.strip() for part in parts)
        else:
            split.append(line)
    joined: list[str] = []
    for line in split:
        previous = joined[-1] if joined else ""
        if _BARE_BY.match(previous) and looks_like_person(line.rstrip(",")):
            joined[-1] = f"{previous.rstrip(':')} {line}"
        elif (
            _AND_NAME.match(line)
            and parse_byline(previous) is not None
            and parse_byline(f"{previous} {line}") is not None
        ):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


# Words of a job title in a credit ("Department Spokesperson", "Examplian Ferry Minister").
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
        if not _names_outlet(p, outlet)
        and not _is_desk(p)
        and not _INSTITUTION.match(p.translate(APOSTROPHES))
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
    if known_outlet(part) or is_domain(part) or _URL_LINE.match(part):
        return True
    return bool(outlet) and canonical_outlet(part) == canonical_outlet(outlet or "")


# --------------------------------------------------------------------------------------------
# The header walk


@dataclass(slots=True)
class _State:
    candidates: list[str] = field(default_factory=list)  # headline-like lines, in order
    candidates_before_credits: int | None = None
    dates: list[tuple[dt.date, Precision, bool]] = field(default_factory=list)  # (.., is_update)
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    dateline_date: str | None = None

    @property
    def credits_seen(self) -> bool:
        """A byline or date line from the text itself has been read."""
        return self.candidates_before_credits is not None

    def credit(self) -> None:
        if self.candidates_before_credits is None:
            self.candidates_before_credits = len(self.candidates)

    def add_date(self, value: tuple[dt.date, Precision] | None, line: str) -> None:
        if value is not None:
            self.dates.append((value[0], value[1], is_update_label(line)))

    def add_byline(self, byline: _Byline, line: str) -> None:
        self.authors = self.authors or byline.authors
        self.outlet = self.outlet or byline.outlet
        self.dateline = self.dateline or byline.dateline
        self.add_date(byline.published, line)
        self.credit()

    def published(self) -> tuple[dt.date, Precision] | None:
        # The first publication date wins; an "Updated ..." date only when nothing else is given.
        ordered = sorted(self.dates, key=lambda d: d[2])
        return (ordered[0][0], ordered[0][1]) if ordered else None

    def title(self) -> str | None:
        """The first headline-like candidate, or the first candidate when none reads as one.

        Candidates after the credits count only when none came before them: a page may print
        its masthead and date first and the headline after them.
        """
        pool = self.candidates
        if self.candidates_before_credits:
            pool = pool[: self.candidates_before_credits]
        ranked = sorted(range(len(pool)), key=lambda i: (headline_rank(pool[i]), i))
        return pool[ranked[0]] if ranked else None


_DATE_THEN_BY = re.compile(r"^(?P<date>.+?)\s+(?P<by>by\s+.+)$", re.IGNORECASE)


def _read_header_line(line: str, state: _State) -> bool:
    """Consume ``line`` as a header field; False when it is not one."""
    value = parse_date(line)
    if value is None and (date_by := _DATE_THEN_BY.match(line)):
        # "Posted on January 9, 2024 by Zhang San": a date line with a byline after it.
        value = parse_date(date_by["date"])
        if value is not None:
            _read_header_line(date_by["by"], state)
    if value is not None:
        state.add_date(value, line)
        state.credit()
        return True
    for reader in (parse_byline, parse_meta_line):
        byline = reader(line)
        if byline is not None:
            state.add_byline(byline, line)
            return True
    agency = parse_agency_line(line)
    if agency is not None:
        state.outlet = state.outlet or agency[0]
        state.dateline = state.dateline or agency[1]
        state.add_date(agency[2], line)
        state.credit()
        return True
    statement = parse_publisher_statement(line)
    if statement is not None:
        state.outlet = state.outlet or statement[0]
        state.add_date(statement[1], line)
        state.credit()
        return True
    if _is_desk(line):  # "Special Correspondent", "Staff Reporter": a credit without a name
        state.credit()
        return True
    person, comma, desk = line.partition(",")
    if comma and _is_desk(desk.strip()) and looks_like_person(person):
        state.authors = state.authors or [_person_name(person)]  # "Ana Ruiz, Staff Writer"
        state.credit()
        return True
    if state.credits_seen and _INSTITUTION.match(line.translate(APOSTROPHES)):
        # "By Office of the Spokesperson" / "U.S. Department of State": the issuer under a credit
        state.outlet = state.outlet or masthead_outlet(line)
        return True
    if is_domain(line) or _URL_LINE.match(line):  # "Philstar.com": the site's name or address
        state.outlet = state.outlet or masthead_outlet(line)
        state.credit()
        return True
    if state.candidates and _CAPS_PLACE_LINE.match(line) and _could_be_place(line):
        state.dateline = state.dateline or place_case(line)  # "NEW DELHI" on its own line
        return True
    author_place = parse_author_in_place(line)
    if author_place is not None:
        state.authors = state.authors or [author_place[0]]
        state.dateline = state.dateline or author_place[1]
        state.credit()
        return True
    return False


def split_header(lines: Sequence[str]) -> tuple[Header, list[str]]:
    """Read the header off ``lines`` (non-empty, whitespace-normalised) and return the rest.

    The header is everything before the first line of prose or the first dateline: menus,
    masthead, headline, standfirst, bylines and date lines, in any order. The returned lines
    are everything that is not a header field, in order, with the first body line's dateline
    prefix removed. Boilerplate lines (captions, widgets, breadcrumbs, editor's notes) are left
    in for the caller's boilerplate filter, which also collects captions.
    """
    state = _State()
    remaining: list[str] = []
    head = list(lines[:MAX_HEADER_LINES])
    rest_of_text = list(lines[MAX_HEADER_LINES:])
    if head and (store := _STORE_HEADER.match(head[0])):
        # The page store's own " date 2025-01-01 " prefix; the line goes on with text.
        state.add_date(parse_date(store["date"]), "")
        head[0] = store["rest"].strip()
        if not head[0]:
            head = head[1:]
    listing = bool(head) and _LISTING.match(head[0]) is not None
    head = _prepare(head)
    body_index = len(head)
    previous: str | None = None
    named: str | None = None  # a lone name under the headline, waiting for its date line
    for index, line in enumerate(head):
        before, previous = previous, line
        kind = classify_line(line)
        if kind != "body":
            remaining.append(line)
            continue
        dates_before = len(state.dates)
        if _read_header_line(line, state):
            if named and len(state.dates) > dates_before and not state.authors:
                # "Ana Ruiz" / "June 5, 2022": a byline without "By" over its date line
                state.authors = [_person_name(named)]
                if state.candidates and state.candidates[-1] == named:
                    state.candidates.pop()
            named = None
            continue
        named = line if state.candidates and looks_like_person(line) else None
        if not state.candidates and not state.credits_seen and (outlet := masthead_outlet(line)):
            state.outlet = state.outlet or outlet
            continue
        if any(_same_text(line, c) for c in state.candidates):
            continue  # the title printed twice (plain and curly-apostrophe copies)
        dateline = split_dateline(line)
        if dateline is not None:
            state.dateline = state.dateline or dateline.place
            state.dateline_date = dateline.date
            state.outlet = state.outlet or dateline.outlet
            state.add_date(dateline.published, "")
            remaining.append(dateline.rest)
            body_index = index + 1
            break
        if is_title_like(line) or is_navigation(line):
            if is_navigation(line) or is_list_item(line, before):
                continue  # menus, labels, ranked lists: page furniture, not the story
            if is_salutation(line):
                remaining.append(line)  # a speech begins: no header above it
                body_index = index + 1
                break
            if not state.credits_seen or not state.candidates:
                # A headline, a standfirst or a tag line; after the credits only the headline
                # of a page that prints its date first.
                state.candidates.append(line)
                continue
        remaining.append(line)
        body_index = index + 1
        break
    remaining.extend(head[body_index:])
    remaining.extend(rest_of_text)
    title = None if listing else state.title()
    if title:
        title = strip_site_suffix(title)[0]  # the page's <title> printed as its first line
    if not any(classify_line(line) == "body" for line in remaining):
        # Only headline-like lines and no prose (a short Q&A, a list of points): they are the
        # text, not a header around it.
        remaining = [c for c in state.candidates if c != title] + remaining

    outlet = state.outlet or _outlet_from_notes(lines) or (title and title_issuer(title))
    return (
        Header(
            title=title,
            published=state.published() or _publisher_date(lines) or _closing_date(lines),
            outlet=outlet,
            author=" and ".join(state.authors) or None,
            dateline=state.dateline,
            dateline_date=state.dateline_date,
        ),
        remaining,
    )


def _publisher_date(lines: Sequence[str]) -> tuple[dt.date, Precision] | None:
    """A date from a publisher statement anywhere in the text (syndication footers)."""
    for line in lines:
        statement = parse_publisher_statement(line)
        if statement is not None:
            return statement[1]
    return None


def _closing_date(lines: Sequence[str]) -> tuple[dt.date, Precision] | None:
    """A date line that closes the text ("- 14 November 2024, 04:46"): when the header has none,
    the page printed its date after the story."""
    for line in lines[-2:]:
        value = parse_date(line.strip(" -–—|"))
        if value is not None and value[1] == "day":
            return value
    return None


def _outlet_from_notes(lines: Sequence[str]) -> str | None:
    """Fallback outlet: an editor's note, an opinion disclaimer, a publisher statement, a
    "Source:" credit, or the agency signing the story's last lines."""
    for line in lines:
        note = editor_note(line)
        outlet = outlet_from_note(note) if note is not None else disclaimer_outlet(line)
        if outlet:
            return outlet
    for line in lines:
        statement = parse_publisher_statement(line)
        if statement is not None:
            return statement[0]
    for line in lines:
        source = _SOURCE_LINE.match(line)
        name = _source_name(source["value"]) if source else None
        if name:
            return name
    for line in reversed(lines[-3:]):
        outlet = trailing_credit(line)
        if outlet:
            return outlet
    return None
