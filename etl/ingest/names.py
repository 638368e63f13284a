"""People, organisations and desks told apart by the form of their names.

Bylines, credits and datelines all hold short runs of capitalised words: "Guo Jiping", "Daily
News", "Staff Reporter", "Office of the Spokesperson". These tests judge such a run by its
words alone (initials, particles, newspaper and desk words), never by a list of people.
"""

from __future__ import annotations

import re

from etl.ingest.outlets import known_outlet

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


def person_name(text: str) -> str:
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


def looks_like_org(text: str) -> bool:
    """A single brand-like token ("YCPress") or a name built from newspaper words ("Daily News")."""
    words = text.split()
    if not words or len(words) > 6 or not text[:1].isupper():
        return False
    if len(words) == 1:
        return bool(re.fullmatch(r"[A-Z][\w&.'-]{1,40}", words[0]))
    return any(w.lower() in _ORG_WORDS for w in words) and all(
        w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words
    )


def is_desk(text: str) -> bool:
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


_NON_LATIN_NAME = re.compile(r"^[^\x00-\u024f]+(?:\s+[^\x00-\u024f]+){0,3}$")


def is_non_latin_name(text: str) -> bool:
    """A short name in a script beyond Latin ("新华网"), which the word tests cannot judge."""
    return _NON_LATIN_NAME.match(text) is not None
