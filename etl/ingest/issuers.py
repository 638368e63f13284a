"""Who issued the text, read from lines other than its byline.

A page names its publisher in its masthead ("Ministry of Foreign Affairs", "Philstar.com"),
in an editor's note or an opinion disclaimer, in a "Source:" credit, in a statement of who
issued the release and when, in a statement's title ("Federal Foreign Office on ..."), or in
the agency's signature after the last sentence ("... - Bernama").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from etl.ingest.boilerplate import editor_note
from etl.ingest.dates import Precision, parse_date
from etl.ingest.names import is_non_latin_name, looks_like_org
from etl.ingest.outlets import (
    APOSTROPHES,
    canonical_outlet,
    find_outlet,
    is_domain,
    known_outlet,
    outlet_for_url,
)

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
_SOURCE_LINE = re.compile(r"^(?:source|sources|via)\s*[:：]\s*(?P<value>\S.{0,150})$", re.I)


def is_institution(text: str) -> bool:
    """A government body's name ("U.S. Department of State", "Federal Foreign Office")."""
    return _INSTITUTION.match(text.translate(APOSTROPHES)) is not None


def is_url(text: str) -> bool:
    """A page address on a line of its own ("https://...", "www....")."""
    return _URL_LINE.match(text) is not None


def masthead_outlet(line: str) -> str | None:
    """The publisher a masthead line names: a known outlet, a site's domain, an institution."""
    text = line.strip()
    if known_outlet(text):
        return known_outlet(text)
    if is_domain(text):
        return canonical_outlet(text)
    if is_url(text):
        return outlet_for_url(text)
    if is_institution(text) and not _SPOKESPERSON.search(text):
        return " ".join(text.split())
    return None


# Where a credit's value ends when text extraction glued more onto it: a capitalised "The"
# starting a second name, another "Label:", or a control's id ("fontSize", "fontLarger").
_FIELD_END = re.compile(r"\s+(?=The\s+[A-Z]|[^\W\d]\w{0,20}\s*[:：]|[a-z]+[A-Z]\w*\b)")


def source_name(value: str) -> str | None:
    """The publisher a "Source:" credit names, or None when the value is not a name.

    "Ministry of Foreign Affairs The People's Republic of China" -> "Ministry of Foreign
    Affairs"; "fmprc.gov.cn fontLarger fontSmaller" -> "fmprc.gov.cn".
    """
    name = _FIELD_END.split(value.strip(" .,;|"), maxsplit=1)[0].strip(" .,;|")
    if not name or len(name.split()) > 8:
        return None
    if known_outlet(name) or is_domain(name) or is_institution(name):
        return canonical_outlet(name)
    if is_non_latin_name(name) or looks_like_org(name):
        return canonical_outlet(name)
    return None


def outlet_from_note(note: str) -> str | None:
    """The outlet an editor's note names: "CGTN presents ...", "... not necessarily those of CGTN"."""
    presents = re.match(
        r"^(?P<org>[A-Z][\w'’&.\-]*(?:\s+[A-Z][\w'’&.\-]*){0,4})\s+"
        r"(?:presents|brings|is\s+presenting|launches|has\s+launched|offers|is\s+running)\b",
        note,
    )
    if presents and (known_outlet(presents["org"]) or looks_like_org(presents["org"])):
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
    return canonical_outlet(org) if org and (known_outlet(org) or looks_like_org(org)) else None


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
    if not is_institution(issuer) or _SPOKESPERSON.search(issuer):
        return None
    return issuer


# "- Bernama", "— AFP": the agency's signature after the story's last sentence.
_TRAILING_CREDIT = re.compile(r"(?:^|[.!?\"”’)]\s*)[-–—]+\s*(?P<org>[A-Z][\w.&'’ -]{1,40}?)\s*$")


# "... to resume shipments. (AP)": the agency in parentheses after the last paragraph.
_PAREN_CREDIT = re.compile(r"[.!?\"”’]\s*\((?P<org>[A-Z][\w.&'’ -]{1,30})\)\s*$")
# "CGTN published an article on ...": a publisher describing its own piece in its first line.
_SELF_DESCRIBED = re.compile(
    r"^(?P<org>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+(?:has\s+)?(?:published|ran|carried"
    r"|released|aired)\s+(?:an?|its)\s+(?:article|report|commentary|editorial|story|feature"
    r"|op-ed|piece|analysis)\b"
)


def trailing_credit(line: str) -> str | None:
    """The known outlet signing the end of a story ("... the delegation. - Bernama", "(AP)")."""
    text = line.strip()
    match = _TRAILING_CREDIT.search(text) or _PAREN_CREDIT.search(text)
    return known_outlet(match["org"]) if match else None


def self_described_outlet(line: str) -> str | None:
    """The known outlet a text's opening names as its publisher ("CGTN published an article")."""
    match = _SELF_DESCRIBED.match(line.strip())
    return known_outlet(match["org"]) if match else None


def outlet_from_notes(lines: Sequence[str]) -> str | None:
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
        name = source_name(source["value"]) if source else None
        if name:
            return name
    for line in reversed(lines[-3:]):
        outlet = trailing_credit(line)
        if outlet:
            return outlet
    return None
