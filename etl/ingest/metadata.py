"""Header extraction: title, publication date, outlet, author and dateline from the first lines.

Extracted article text starts with a header whose shape varies by site: a title line (sometimes
glued to a breadcrumb and repeated), a standfirst, date lines, reading-time badges, bylines
("By Guo Jiping, People's Daily", "By AP Published Date - ...", "PTI Washington"), captions, and
then the body, whose first line may carry a dateline ("BEIJING | Xinhua |", "XI'AN --").
:func:`split_header` walks those lines once, recognising each by its form, and hands back the
header fields plus the lines that remain for the body.

Each kind of line has its reader in a module of its own: ``titles`` (headlines), ``bylines``
(authors), ``datelines``, ``published`` (dates among other fields) and ``issuers`` (the
publisher named outside the byline), all on the name tests of ``names``. This module walks
the lines and picks among what they find.

Outlet names come from ``seeds/outlets.csv`` (name,aliases) so that users can add their own;
everything else is a pattern, never a per-site rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.ingest.boilerplate import classify_line
from etl.ingest.bylines import (
    Byline,
    parse_agency_line,
    parse_author_in_place,
    parse_byline,
)
from etl.ingest.datelines import is_place_line, place_case, split_dateline
from etl.ingest.dates import Precision, is_update_label, parse_date
from etl.ingest.issuers import (
    is_institution,
    is_url,
    masthead_outlet,
    outlet_from_notes,
    parse_publisher_statement,
    self_described_outlet,
    title_issuer,
)
from etl.ingest.names import is_desk, looks_like_person, person_name
from etl.ingest.outlets import APOSTROPHES, is_domain, known_outlet
from etl.ingest.published import closing_date, parse_meta_line, publisher_date
from etl.ingest.titles import (
    MAX_TITLE_CHARS,
    headline_rank,
    is_list_item,
    is_navigation,
    is_salutation,
    is_title_like,
    strip_site_suffix,
)

# The header is the first few lines; a date line or byline further down is part of the story.
MAX_HEADER_LINES = 40


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata read off the article's own text (container metadata may override it later)."""

    title: str | None = None
    published: tuple[dt.date, Precision] | None = None
    outlet: str | None = None
    author: str | None = None
    dateline: str | None = None
    dateline_date: str | None = None  # "Oct. 27" in "BEIJING, Oct. 27 (Xinhua) --", as printed


# The page store's own " date 2025-01-01 " prefix on the first line.
_STORE_HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*(?P<rest>.*)$")
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
        in_byline = parse_byline(previous) is not None
        core = line.removesuffix(" and")
        if in_byline and _fold(core) in _fold(previous) and looks_like_credit(core):
            # A byline printed name by name under its linked copy: "By" / "X" / "X and" / ...
            joined[-1] = f"{previous} and" if core != line else previous
            continue
        if in_byline and line.casefold() == "and":
            joined[-1] = f"{previous} and"  # "By X" / "and" / "The Associated Press"
            continue
        if previous.endswith(" and") and parse_byline(f"{previous} {line}") is not None:
            joined[-1] = f"{previous} {line}"
            continue
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


def looks_like_credit(line: str) -> bool:
    """A person's name or an outlet's, as a byline prints them one per line."""
    return looks_like_person(line) or known_outlet(line) is not None


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

    def add_byline(self, byline: Byline, line: str) -> None:
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
    if is_desk(line):  # "Special Correspondent", "Staff Reporter": a credit without a name
        state.credit()
        return True
    person, comma, desk = line.partition(",")
    if comma and is_desk(desk.strip()) and looks_like_person(person):
        state.authors = state.authors or [person_name(person)]  # "Ana Ruiz, Staff Writer"
        state.credit()
        return True
    if state.credits_seen and is_institution(line):
        # "By Office of the Spokesperson" / "U.S. Department of State": the issuer under a credit
        state.outlet = state.outlet or masthead_outlet(line)
        return True
    if is_domain(line) or is_url(line):  # "Philstar.com": the site's name or address
        state.outlet = state.outlet or masthead_outlet(line)
        state.credit()
        return True
    if state.candidates and is_place_line(line):
        state.dateline = state.dateline or place_case(line)  # "NEW DELHI" on its own line
        return True
    author_place = parse_author_in_place(line)
    if author_place is not None:
        state.authors = state.authors or [author_place[0]]
        state.dateline = state.dateline or author_place[1]
        state.credit()
        return True
    return False


def _fold(text: str) -> str:
    return " ".join(text.translate(APOSTROPHES).split()).casefold()


def _same_text(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


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
    opening = head[0] if head else ""
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
                state.authors = [person_name(named)]
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

    outlet = (
        state.outlet
        or outlet_from_notes(lines)
        or self_described_outlet(opening)
        or (title and title_issuer(title))
    )
    return (
        Header(
            title=title,
            published=state.published() or publisher_date(lines) or closing_date(lines),
            outlet=outlet,
            author=" and ".join(state.authors) or None,
            dateline=state.dateline,
            dateline_date=state.dateline_date,
        ),
        remaining,
    )
