"""What the people finder knows before it reads a document: titles, known people, name
particles, words that are never names, and the seed gazetteers, compiled once per process.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata

from etl.extract import reference
from etl.extract.gazetteer import Gazetteer, Token, tokenize

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


# Lower-case name particles: "von der Leyen", "al-Sisi", "bin Zayed", "da Silva".
PARTICLES = _words(
    """
    von van der den de del della di da das dos du la le bin binti bint ibn ibni al el ben
    y
    """
)
# Words that start with a capital letter but do not belong to a person's name; a name scan
# stops at them (sentence-initial function words, calendar words, institutional nouns).
STOP = _words(
    """
    the a an and or but of in on at for to with by from as also this that these those he
    she his her it its they we our their there here after before during while when where
    who which what said says told according however meanwhile monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december government ministry summit initiative forum
    council committee party republic kingdom state states people national international
    university day year news agency office embassy administration cabinet parliament
    congress assembly bank organization organisation union commission belt road global
    south north east west thought group conference center centre institute foundation
    program programme plan strategy vision agenda declaration treaty charter fund photo
    xinhua reuters ap afp meeting talks dialogue session visit ceremony statement press
    briefing mechanism well so yes okay thanks consultations remarks yesterday today
    tomorrow tonight
    """
)
# Continents, regions and groupings that are not in the country or organization seeds.
_REGIONS = _phrases(
    """
    africa, asia, europe, america, americas, oceania, antarctica, eurasia, arctic,
    caribbean, pacific, atlantic, middle east, latin america, central asia, south asia,
    southeast asia, east asia, west asia, north africa, west africa, east africa, southern
    africa, sub-saharan africa, western europe, eastern europe, central europe, balkans,
    sahel, gulf, indo-pacific, asia-pacific, global south, global north
    """
)
REGION_WORDS = _words(
    """
    africa asia europe america americas oceania eurasia caribbean pacific balkans sahel
    """
)
# Words that introduce a person like a title but are not an office.
COUNTERPART = frozenset({"counterpart", "counterparts", "colleague", "host"})
# Titles also match in lower case ("foreign minister", "spokesperson"), except honorifics,
# royal titles and words that are ordinary in lower case ("general", "head").
_CASED_ONLY_KINDS = frozenset({"honorific", "royal"})
_CASED_ONLY_TITLES = frozenset(
    {"General", "Head", "Lord", "Speaker", "Representative", "Marshal", "Governor", "Director"}
)
# Organizations whose seat country is a nationality: "spokesperson of the State Department".
_NATIONAL_ORG_KINDS = frozenset({"state_body", "party"})
ROMAN = frozenset({"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"})
# A place noun right before a name the model guessed: "the border town of Nong Khai".
PLACE_BEFORE = re.compile(
    r"\b(?:town|city|village|province|county|district|port|capital|region|island|prefecture"
    r"|state|municipality|airport|street|square|in|near)(?:\s+of)?\s+$",
    re.IGNORECASE,
)
# A name followed by a facility or prize noun names that thing, not a person: "King Hussein
# Bin Talal Convention Centre", "the Nelson Mandela Foundation", "John F. Kennedy Airport".
FACILITY_AFTER = re.compile(
    r"^[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,2}(?:Center|Centre|Hall|Palace|Airport|Stadium"
    r"|University|Street|Avenue|Road|Bridge|Hospital|School|Foundation|Institute|Museum|Park"
    r"|Square|Library|Prize|Award|Mausoleum|Memorial|Highway|Port|Dam|Complex)\b"
)
CREDIT = re.compile(
    r"(?:photo|photograph|photographer|photographed|credit|reporter|image|file)\b[^\n]{0,40}$",
    re.IGNORECASE,
)
MAX_NAME_TOKENS = 7


def _deaccent(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Comparison key: case, accents, apostrophes and dashes do not matter."""
    return " ".join(_deaccent(text).translate(_APOSTROPHES).casefold().split())


def tokens(body: str) -> list[Token]:
    """Gazetteer tokens whose ``norm`` is also accent-free, so "Erdogan" meets "Erdoğan"."""
    return [Token(t.start, t.end, t.text, fold(t.text)) for t in tokenize(body)]


def _gazetteer(entries: list[tuple[str, str]]) -> Gazetteer:
    gaz = Gazetteer()
    for alias, key in entries:
        gaz.add(alias, key)
        plain = _deaccent(alias)
        if plain != alias:
            gaz.add(plain, key)
    return gaz


# --- reference data, compiled once per process ----------------------------------------------


@functools.cache
def titles() -> dict[str, str]:
    """Title -> kind (seeds/titles.csv)."""
    with (reference.SEEDS_DIR / "titles.csv").open(encoding="utf-8", newline="") as fh:
        return {r["title"].strip(): r["kind"].strip() for r in csv.DictReader(fh)}


@functools.cache
def title_gazetteer() -> Gazetteer:
    entries: list[tuple[str, str]] = []
    for title, kind in titles().items():
        entries.append((title, title))
        if kind not in _CASED_ONLY_KINDS and title not in _CASED_ONLY_TITLES:
            entries.append((title.lower(), title))
    return _gazetteer(entries)


@functools.cache
def title_last_words() -> frozenset[str]:
    """Folded last words of multi-word offices ("councilor", "minister", "secretary"): never
    the first word of the name that follows them."""
    return frozenset(
        fold(t).replace("-", " ").split()[-1]
        for t, kind in titles().items()
        if kind != "honorific" and len(t.replace("-", " ").split()) > 1
    )


@functools.cache
def seed_people() -> dict[str, reference.KnownPerson]:
    return {p.name: p for p in reference.people()}


@functools.cache
def seed_gazetteer() -> Gazetteer:
    return _gazetteer(
        [(alias, p.name) for p in reference.people() for alias in (p.name, *p.aliases)]
    )


@functools.cache
def seed_by_folded_name() -> dict[str, str]:
    """Folded alias -> canonical name, also with two-word names reversed (KISHIDA Fumio)."""
    index: dict[str, str] = {}
    for p in reference.people():
        for alias in (p.name, *p.aliases):
            words = fold(alias).split()
            index.setdefault(" ".join(words), p.name)
            if len(words) == 2:
                index.setdefault(" ".join(reversed(words)), p.name)
    return index


@functools.cache
def country_gazetteer() -> Gazetteer:
    return _gazetteer(
        [(a.alias, a.iso3) for a in reference.country_aliases() if a.kind != "prefix"]
    )


@functools.cache
def organization_gazetteer() -> Gazetteer:
    return _gazetteer(
        [(alias, o.name) for o in reference.organizations() for alias in (o.name, *o.aliases)]
    )


@functools.cache
def initiative_gazetteer() -> Gazetteer:
    return _gazetteer(
        [(alias, i.name) for i in reference.initiatives() for alias in (i.name, *i.aliases)]
    )


@functools.cache
def national_org_country() -> dict[str, str]:
    return {
        o.name: o.country_iso3
        for o in reference.organizations()
        if o.country_iso3 and o.kind in _NATIONAL_ORG_KINDS
    }


@functools.cache
def not_person_names() -> frozenset[str]:
    """Folded names of countries, organizations, initiatives, regions and titles."""
    names = {fold(a.alias) for a in reference.country_aliases()}
    for o in reference.organizations():
        names.update(fold(a) for a in (o.name, *o.aliases))
    for i in reference.initiatives():
        names.update(fold(a) for a in (i.name, *i.aliases))
    names.update(fold(t) for t in titles())
    names.update(_REGIONS)
    return frozenset(names)


@functools.cache
def abbreviations() -> frozenset[str]:
    """All-capital country and organization abbreviations (US, UN, EU), never a surname."""
    forms = [a.alias for a in reference.country_aliases()]
    for o in reference.organizations():
        forms.extend((o.name, *o.aliases, o.short_name or ""))
    return frozenset(f for f in forms if f.isupper() and " " not in f)


# Countries whose names are written family name first, so "Foreign Minister Wang" is Wang Yi.
_FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "SGP", "KHM"})
_COMMON_SURNAME = 3
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr."}) | {r.casefold() for r in ROMAN}


def surnames(person: reference.KnownPerson) -> frozenset[str]:
    """Folded surnames a person may be called by alone after a title."""
    words = [w for w in fold(person.name).split() if w not in _NAME_SUFFIXES]
    words = [w for w in words if w not in PARTICLES]
    if len(words) < 2:
        return frozenset()
    found = {words[-1]}
    if person.country_iso3 in _FAMILY_NAME_FIRST:
        found.add(words[0])
    return frozenset(found)


@functools.cache
def _seeds_by_surname() -> dict[str, tuple[reference.KnownPerson, ...]]:
    index: dict[str, list[reference.KnownPerson]] = {}
    for p in reference.people():
        for s in surnames(p):
            index.setdefault(s, []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def _spelling_variant(word: str, surname: str) -> bool:
    """ "Michelle" for "Michel": a machine translation or transliteration that adds or drops
    a letter or two at the end of a long enough surname."""
    short, long_ = sorted((word, surname), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 2


def _office_words(title: str) -> frozenset[str]:
    return frozenset(fold(title).replace("-", " ").split()) - {"of", "the", "for", "and"}


def offices_agree(office: str, title: str) -> bool:
    """ "Deputy Secretary" fits "Deputy Secretary of State"; "Foreign Minister" does not fit
    "Prime Minister"."""
    a, b = _office_words(office), _office_words(title)
    return bool(a and b) and (a <= b or b <= a)


def seed_by_surname(word: str, office: str | None) -> str | None:
    """The one known person that a surname alone after an office names, or None.

    Both must fit: the surname (or a near spelling of it) and the office. A lone surname
    without an office, or one that several known people fit, stays unresolved; so does a
    common surname (three or more known people bear it: Kim, Wang, Lee), since the list of
    known people is never complete.
    """
    if office is None:
        return None
    word = fold(word)
    exact = _seeds_by_surname().get(word, ())
    if len(exact) >= _COMMON_SURNAME:
        return None
    pool = exact or tuple(
        p
        for s, people in _seeds_by_surname().items()
        if s[:1] == word[:1] and _spelling_variant(word, s)
        for p in people
    )
    fits = {p.name for p in pool if p.title and offices_agree(office, p.title)}
    return next(iter(fits)) if len(fits) == 1 else None
