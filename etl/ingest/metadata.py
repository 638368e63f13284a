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

import csv
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from etl.ingest.boilerplate import classify_line, editor_note, source_credit
from etl.ingest.dates import Precision, is_update_label, parse_date, search_date, split_date

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
OUTLETS_CSV = SEEDS_DIR / "outlets.csv"

# The header is the first few lines; a date line or byline further down is part of the story.
MAX_HEADER_LINES = 12
# A title is one line of headline length; longer lines, or lines ending a sentence, are body.
MAX_TITLE_CHARS = 220
MAX_TITLE_WORDS = 35

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "“": '"', "”": '"'})


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata read off the article's own text (container metadata may override it later)."""

    title: str | None = None
    published: tuple[dt.date, Precision] | None = None
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None


# --------------------------------------------------------------------------------------------
# Known outlets


def _key(name: str) -> str:
    """Lookup key for outlet names: straight apostrophes, no leading "The", case-folded."""
    text = " ".join(name.translate(_APOSTROPHES).split()).casefold()
    return text.removeprefix("the ")


@dataclass(frozen=True, slots=True)
class _Outlets:
    by_key: dict[str, str]
    pattern: re.Pattern[str]  # any alias as a whole word, case-sensitive


@cache
def _outlets() -> _Outlets:
    by_key: dict[str, str] = {}
    aliases: set[str] = set()
    with OUTLETS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["name"].strip()
            names = {name, *(a.strip() for a in (row.get("aliases") or "").split("|"))}
            for alias in filter(None, names):
                by_key.setdefault(_key(alias), name)
                aliases.add(alias.translate(_APOSTROPHES))
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return _Outlets(by_key, re.compile(rf"(?<![\w&])(?:{alternation})(?![\w&])"))


def known_outlet(name: str) -> str | None:
    """The canonical name of a known outlet given any of its surface forms, else None."""
    return _outlets().by_key.get(_key(name))


def canonical_outlet(name: str) -> str:
    """A known outlet's canonical name; otherwise the name itself with straight apostrophes."""
    cleaned = " ".join(name.translate(_APOSTROPHES).split())
    return known_outlet(cleaned) or cleaned


def find_outlet(text: str) -> str | None:
    """The first known outlet named anywhere in ``text`` (case-sensitive, whole words)."""
    match = _outlets().pattern.search(text.translate(_APOSTROPHES))
    return known_outlet(match.group()) if match else None


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
    """Credit lines without a person: "Staff Reporter", "Our Correspondent", "Agencies", "admin"."""
    words = [w.lower().strip(".") for w in text.split()]
    return bool(words) and all(w in _DESK_WORDS or w in {"our", "the", "by"} for w in words)


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
_DASH = r"(?:--|—|–|-)"
# "BEIJING | Xinhua |" (pipes around the agency)
_DATELINE_PIPES = re.compile(
    rf"^(?P<place>(?:{_CAPS_PLACE}|{_TITLE_PLACE})(?:,\s*[A-Z][\w'’.\- ]{{1,30}}?)?)\s*\|\s*"
    r"(?P<agency>[^|]{1,40}?)\s*\|\s*(?=\S)"
)
# "XI'AN --", "JAKARTA –", "WASHINGTON (AP) —", "BEIJING, Jan. 9 (Xinhua) --",
# "UNITED NATIONS, March 2 (Reuters) -", "Beijing, May 17 (Xinhua) --"
_DATELINE_DASH = re.compile(
    rf"^(?:(?P<caps>{_CAPS_PLACE})(?:,\s*(?!{_MONTH_DAY})(?P<caps_region>[A-Z][\w'’.\- ]{{1,30}}?))?"
    rf"|(?P<titled>{_TITLE_PLACE})(?=,\s*{_MONTH_DAY}|\s*\())"
    rf"(?:,\s*(?P<date>{_MONTH_DAY}))?"
    rf"(?:\s*\((?P<agency>[^()]{{1,40}})\)\s*(?:{_DASH}|:)?|\s*{_DASH})"
    r"\s+(?=[A-Z0-9\"“‘'])"
)
# "Dubai: Iran and Saudi Arabia agreed ...", "New Delhi: ..."
_DATELINE_COLON = re.compile(rf"^(?P<titled>{_CAPS_PLACE}|{_TITLE_PLACE}):\s+(?=[A-Z\"“‘])")
# "(CNN) -- ...", "(Reuters) - ...": an agency credit without a place
_DATELINE_AGENCY_ONLY = re.compile(rf"^\((?P<agency>[^()]{{1,30}})\)\s*{_DASH}\s+(?=[A-Z0-9\"“‘'])")


def _agency_line_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<outlet>{_outlets().pattern.pattern})\s*[,|/:–—-]?\s*"
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
    for part in filter(None, _BYLINE_SPLIT.split(rest)):
        if not _read_byline_part(part, result):
            return None
    return result if (result.authors or result.outlet) else None


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
    match = _agency_line().match(text.translate(_APOSTROPHES))
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
        outlet = None
        if agency and (known_outlet(agency) or _looks_like_org(agency)):
            outlet = canonical_outlet(agency)
        elif agency and pattern is _DATELINE_PIPES:
            continue
        rest = line[match.end() :].strip()
        if len(rest.split()) < 3:
            continue
        return Dateline(place_case(place), outlet, rest)
    return None


def _same_text(a: str, b: str) -> bool:
    return _key(a) == _key(b)


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
# The header walk


@dataclass(slots=True)
class _State:
    title: str | None = None
    dates: list[tuple[dt.date, Precision, bool]] = field(default_factory=list)  # (.., is_update)
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    credits_seen: bool = False  # a byline or date line from the text itself has been read

    def add_date(self, value: tuple[dt.date, Precision] | None, line: str) -> None:
        if value is not None:
            self.dates.append((value[0], value[1], is_update_label(line)))

    def published(self) -> tuple[dt.date, Precision] | None:
        # The first publication date wins; an "Updated ..." date only when nothing else is given.
        ordered = sorted(self.dates, key=lambda d: d[2])
        return (ordered[0][0], ordered[0][1]) if ordered else None


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
        state.credits_seen = True
        return True
    byline = parse_byline(line)
    if byline is not None:
        state.authors = state.authors or byline.authors
        state.outlet = state.outlet or byline.outlet
        state.dateline = state.dateline or byline.dateline
        state.add_date(byline.published, line)
        state.credits_seen = True
        return True
    agency = parse_agency_line(line)
    if agency is not None:
        state.outlet = state.outlet or agency[0]
        state.dateline = state.dateline or agency[1]
        state.add_date(agency[2], line)
        state.credits_seen = True
        return True
    if _is_desk(line):  # "Special Correspondent", "Staff Reporter": a credit without a name
        state.credits_seen = True
        return True
    if state.title is not None and _CAPS_PLACE_LINE.match(line) and _could_be_place(line):
        state.dateline = state.dateline or place_case(line)  # "NEW DELHI" on its own line
        return True
    author_place = parse_author_in_place(line)
    if author_place is not None:
        state.authors = state.authors or [author_place[0]]
        state.dateline = state.dateline or author_place[1]
        state.credits_seen = True
        return True
    return False


def split_header(lines: Sequence[str]) -> tuple[Header, list[str]]:
    """Read the header off ``lines`` (non-empty, whitespace-normalised) and return the rest.

    The returned lines are everything that is not a header field, in order, with the first body
    line's dateline prefix removed. Boilerplate lines (captions, widgets, breadcrumbs, editor's
    notes) are left in for the caller's boilerplate filter, which also collects captions.
    """
    state = _State()
    remaining: list[str] = []
    body_index = len(lines)
    for index, original in enumerate(lines):
        if index >= MAX_HEADER_LINES:
            body_index = index
            break
        line = original
        if index == 0 and (store := _STORE_HEADER.match(line)):
            # The page store's own " date 2025-01-01 " prefix; the line goes on with text.
            state.add_date(parse_date(store["date"]), "")
            line = store["rest"].strip()
            if not line:
                continue
        kind = classify_line(line)
        if kind != "body":
            remaining.append(line)
            continue
        if _read_header_line(line, state):
            continue
        if state.title is not None and _same_text(line, state.title):
            continue  # the title printed twice (plain and curly-apostrophe copies)
        dateline = split_dateline(line)
        if dateline is not None:
            state.dateline = state.dateline or dateline.place
            state.outlet = state.outlet or dateline.outlet
            remaining.append(dateline.rest)
            body_index = index + 1
            break
        if is_title_like(line):
            if state.title is None:
                state.title = line
                continue
            if not state.credits_seen:
                continue  # a standfirst between the title and the byline
        remaining.append(line)
        body_index = index + 1
        break
    remaining.extend(lines[body_index:])

    outlet = state.outlet or _outlet_from_notes(lines)
    return (
        Header(
            title=state.title,
            published=state.published(),
            outlet=outlet,
            author=" and ".join(state.authors) or None,
            dateline=state.dateline,
        ),
        remaining,
    )


def _outlet_from_notes(lines: Sequence[str]) -> str | None:
    """Fallback outlet from an editor's note, an opinion disclaimer or a "Source:" credit."""
    for line in lines:
        note = editor_note(line)
        outlet = outlet_from_note(note) if note is not None else disclaimer_outlet(line)
        if outlet:
            return outlet
    for line in lines:
        source = source_credit(line)
        if source and (known_outlet(source) or _looks_like_org(source)):
            return canonical_outlet(source)
    return None
