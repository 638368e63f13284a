"""Telling a headline from the page furniture around it, and cleaning the headline.

Scraped pages put many short lines before the headline: menus ("• Home", "Latest News",
"Portuguese / Spanish / English"), edition switchers glued together by text extraction
("Global EditionASIA 中文"), numbered "Most popular" lists, section names ("Press Releases"),
photo labels. None of them is the headline. A headline is one line of several words that
reads like a phrase about something; these rules judge one line by its form, never by site.

HTML ``<title>`` and ``og:title`` carry site suffixes ("... | DW | 19.01.2020", "... - Xinhua");
:func:`strip_site_suffix` removes the parts that name the site or date the page.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.ingest.dates import Precision, find_dates, parse_date
from etl.ingest.outlets import canonical_outlet, is_domain, known_outlet, outlet_for_domain

# Fewer words than this is a label ("Hot News", "Main results"), not a headline.
MIN_HEADLINE_WORDS = 3
# Menus and labels are short; a longer line that ends a sentence is prose.
MAX_MENU_WORDS = 12
# Short lines of capitalised words are names (a ministry, a country), not headlines.
MAX_NAME_WORDS = 6
# A title is one line of headline length; longer lines, or lines ending a sentence, are body.
MAX_TITLE_CHARS = 220
MAX_TITLE_WORDS = 35

_BULLET = re.compile(r"^[•·▪►▸●○◦※→»›✓✔\-*]\s*")
_SKIP_LINK = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|search)|jump\s+to\s+\w+|toggle\s+\w+"
    r"|main\s+(?:menu|navigation)|open\s+menu|close\s+menu|you\s+are\s+here)\b",
    re.IGNORECASE,
)
# Headings of link lists: "Latest News", "Most Read Stories", "Top Stories", "Trending Now".
_LIST_HEADING = re.compile(
    r"^(?:latest|hot|top|breaking|trending|popular|most\s+(?:popular|read|viewed|shared)"
    r"|editor'?s?\s+picks?|recommended|related|more|recent|featured|in\s+case\s+you\s+missed)"
    r"(?:\s+(?:news|stories|posts|articles|videos|headlines|now|today|reads?))*$",
    re.IGNORECASE,
)
# "Photo of the meeting", "Video: ...", "Gallery": media labels, not headlines.
_MEDIA_LABEL = re.compile(
    r"^(?:photos?|videos?|images?|pictures?|gallery|galleries|slideshow|watch|listen|audio)\b",
    re.IGNORECASE,
)
# "EditionASIA", "HomeOffice of the SpokespersonPress": words run together where a menu lost
# its line breaks (one camel-case word like "PowerPoint" is not enough).
_GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")
_GLUED_CAPS = re.compile(r"[a-z]{3}[A-Z]{3,}")
_LIST_SEPARATOR = re.compile(r"\s+[/|]\s+")
_RANKED_ITEM = re.compile(r"^\d{1,2}[.)]\s")
_FUNCTION_WORDS = frozenset(
    """
    a an the of to for in on at with from by as and or but over after before into about amid
    against between during under via than is are was were be been will would can could may
    has have had says said vs
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de", "du", "la", "le"})
_SENTENCE_END = (".", ",", ";", ":", "…")


# A speech opens by addressing or invoking someone: "Your Excellency ...", "Mr. President,",
# "In the name of God ...". A salutation is the first line of the text, not its title.
_SALUTATION = re.compile(
    r"^\W*(?:your\s+(?:excellenc|majest|highness|holiness)|excellenc|(?:mr|madam|madame|mister)\.?"
    r"\s+(?:president|chair|secretary|speaker|prime)|ladies\s+and\s+gentlemen|distinguished\s"
    r"|dear\s+(?:colleagues|friends|delegates)|in\s+the\s+name\s+of\s+(?:god|allah)"
    r"|praise\s+be\s+to|bismillah|honou?rable\s+(?:chair|president|speaker)"
    r"|on\s+behalf\s+of\s+(?:the\s+)?(?:government|delegation|people)|allow\s+me|let\s+me\s"
    r"|it\s+is\s+(?:my|an?\s+(?:great\s+)?(?:honou?r|privilege|pleasure))|thank\s+you"
    r"|i\s+(?:congratulate|wish|would|am|have|want|thank|begin|should|join|welcome)\b)",
    re.IGNORECASE,
)


def is_salutation(line: str) -> bool:
    """The address or invocation a speech opens with."""
    return _SALUTATION.match(line.strip()) is not None


def is_navigation(line: str) -> bool:
    """Menu items, skip links, list headings, language and edition switchers, media labels."""
    text = line.strip()
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) < MIN_HEADLINE_WORDS:
        return True
    if len(words) > MAX_MENU_WORDS and text.rstrip("\"'”’)]»").endswith((".", "!", "?")):
        return False  # a sentence, however it is punctuated inside
    if _BULLET.match(text) or _SKIP_LINK.match(text) or _LIST_HEADING.match(text):
        return True
    if _MEDIA_LABEL.match(text) and len(words) <= MAX_NAME_WORDS:
        return True
    if _RANKED_ITEM.match(text):
        return True
    if len(_LIST_SEPARATOR.findall(text)) >= 2:  # "Portuguese / Spanish / English"
        return True
    return len(_GLUED_WORDS.findall(text)) >= 2 or _GLUED_CAPS.search(text) is not None


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


def is_list_item(line: str, previous: str | None) -> bool:
    """A headline in a numbered list: the line before it is only the rank ("1", "2.")."""
    return previous is not None and re.fullmatch(r"\d{1,2}[.)]?", previous.strip()) is not None


def is_name_shaped(line: str) -> bool:
    """Only capitalised words (and "of", "the", ...), few of them: "The People's Republic of
    China", "Ministry of Foreign Affairs". Such a line names something; it says nothing."""
    words = line.strip().split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words if w[:1].isalpha())


# "... a difference. And you can, too": two sentences make a promotion, not a headline.
_TWO_SENTENCES = re.compile(r"[a-z]{2,}[.!?]\s+[A-Z]")


def headline_rank(line: str) -> int:
    """0 for a line that reads like a headline, 1 for a weaker candidate (a name, a tag list,
    a promotional line of two sentences)."""
    words = [w.strip("\"'“”‘’,:;()[]").lower() for w in line.split()]
    if is_name_shaped(line) or not any(w in _FUNCTION_WORDS for w in words):
        return 1
    return 1 if _TWO_SENTENCES.search(line) else 0


# --------------------------------------------------------------------------------------------
# Titles from HTML metadata

_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_GLUED_SUFFIX = re.compile(r"^(?P<head>.*\w\S*\s\S.*?)[-–|](?P<tail>[A-Z][\w.&'’ ]{1,40})$")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _names_site(part: str, site: str | None) -> bool:
    part = part.strip()
    if not part:
        return False
    if site and (_same(part, site) or canonical_outlet(part) == canonical_outlet(site)):
        return True
    return known_outlet(part) is not None or (
        is_domain(part) and outlet_for_domain(part) is not None
    )


def strip_site_suffix(
    title: str, site: str | None = None, h1: str | None = None
) -> tuple[str, tuple[dt.date, Precision] | None]:
    """The headline without trailing parts that name the site or date the page, and that date.

    "Berlin confronts ... | DW | 19.01.2020" -> ("Berlin confronts ...", 2020-01-19); a suffix
    is cut when it is a known outlet, the page's own site name, a date, or when the part
    before it is exactly the page's <h1>.
    """
    date: tuple[dt.date, Precision] | None = None
    glued = _GLUED_SUFFIX.match(title)
    if glued and known_outlet(glued["tail"]):
        title = glued["head"]  # "Chinese FM holds talks-Xinhua"
    changed = True
    while changed:
        changed = False
        for sep in _TITLE_SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or len(head.split()) < 2:
                continue
            tail_date = parse_date(tail.strip()) if len(tail) <= 40 else None
            if tail_date or _names_site(tail, site) or (h1 and _same(head, h1)):
                date = date or tail_date
                title = head.strip()
                changed = True
                break
    return title, date


# --------------------------------------------------------------------------------------------
# Dates named by a title

# "Foreign Ministry Spokesperson X's Regular Press Conference on October 25, 2018": a record of
# one dated occasion, published that day. Kept to record-like words: a headline such as
# "Leaders to meet on May 5, 2024" announces an event, it does not date the page.
_RECORD_WORDS = re.compile(
    r"\b(?:press\s+conference|(?:press|news|media)\s+briefing|briefing|remarks|statement"
    r"|press\s+release|readout|transcript)\b",
    re.IGNORECASE,
)
_BEFORE_DATE = re.compile(r"\b(?:on|dated)\s*$", re.IGNORECASE)


def title_record_date(title: str) -> tuple[dt.date, Precision] | None:
    """The date a title gives for the briefing/press conference/statement it is the record of.

    The title must name such a record and end with "on <date>".
    """
    text = title.strip().rstrip(".)] ")
    dates = find_dates(text)
    if not dates or dates[-1].precision != "day" or dates[-1].end != len(text):
        return None
    last = dates[-1]
    head = text[: last.start]
    if not _BEFORE_DATE.search(head) or not _RECORD_WORDS.search(head):
        return None
    return last.date, last.precision
