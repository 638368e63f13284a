"""Countries named in a document body: sovereign states (plus Palestine) referred to by name,
short form, abbreviation, national adjective or demonym, or a combining form such as "Sino-".

One gazetteer holds the country aliases (seeds/country_aliases.csv) together with the world
regions, seas and groupings of seeds/regions.csv and a few other non-country phrases. Its
leftmost-longest matching lets a region swallow the country word inside it ("Latin American"
is not USA, "Indian Ocean" is not India, "Gulf of Guinea" is not Guinea); region matches are
then dropped. Aliases flagged ambiguous ("Jordan", "Chad", "Georgia", "US" ...) get a context
check, which uses the spaCy entities where those help (a longer PERSON span around the word).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.extract.gazetteer import Gazetteer, Match, Token, tokenize
from etl.extract.reference import SEEDS_DIR, country_aliases
from etl.facts import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

_BLOCK = "-"  # key prefix of gazetteer entries that are not countries

_NON_SOVEREIGN_CODES = (
    "ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK CUW CXR CYM ESH FLK FRO GGY GIB GLP GRL GUF "
    "GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK PCN PRI PYF REU SGS SHN SJM SPM "
    "SXM TCA TKL UMI VGB VIR WLF"
)
# ISO 3166-1 codes of dependent territories and other non-sovereign areas: GUIDELINES count
# sovereign states (plus Palestine) only. Taiwan (TWN) stays, as the ISO list has it.
NON_SOVEREIGN: frozenset[str] = frozenset(_NON_SOVEREIGN_CODES.split())

# Names that contain a country word without referring to the country: media outlets and
# companies (an outlet's name is a byline or a source, not the state), cities named after
# their country, and peoples. Region-like phrases live in seeds/regions.csv instead.
NOT_COUNTRY_PHRASES: tuple[str, ...] = (
    "Air China",
    "Bank of America",
    "China Daily",
    "China Central Television",
    "China Global Television Network",
    "China Media Group",
    "China Radio International",
    "China Mobile",
    "China Telecom",
    "China Unicom",
    "China Eastern",
    "China Southern",
    "Voice of America",
    "Radio Free Asia",
    "Japan Times",
    "Korea Herald",
    "Korea Times",
    "Times of India",
    "Press Trust of India",
    "Hindustan Times",
    "Turkish Airlines",
    "Qatar Airways",
    "Singapore Airlines",
    "Air India",
    "Air France",
    "Mexico City",
    "Kuwait City",
    "Panama City",
    "Guatemala City",
    "Belize City",
    "Djibouti City",
    "Georgia Tech",
    "Native American",
    "Native Americans",
    "American Indian",
    "American Indians",
    "African American",
    "African Americans",
    "Asian American",
    "Asian Americans",
    "Arab American",
    "Arab Americans",
)

# Words that, next to "Georgia", mean the US state rather than the Caucasus republic.
_US_STATE_WORDS = (
    "atlanta savannah augusta macon peach gop republican republicans democrat democrats "
    "senator senate congressman congresswoman county counties governor legislature lawmaker "
    "lawmakers"
)
_US_STATE_CUES = frozenset(_US_STATE_WORDS.split())
_HONORIFIC_WORDS = "mr mrs ms dr miss sir"
_HONORIFICS = frozenset(_HONORIFIC_WORDS.split())
# Before an all-capitals "US", these words leave it a country ("THE US", "CHINA AND US").
_CAPS_US_WORDS = "the and of in vs versus"
_CAPS_US_ANTECEDENTS = frozenset(_CAPS_US_WORDS.split())


@dataclass(frozen=True, slots=True)
class _Alias:
    iso3: str
    kind: str
    ambiguous: bool


@functools.cache
def region_rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, kind, aliases) rows of seeds/regions.csv: regions, seas and groupings."""
    with (SEEDS_DIR / "regions.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            (
                row["name"].strip(),
                row["kind"].strip(),
                tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            )
            for row in csv.DictReader(fh)
        )


@functools.cache
def _gazetteer() -> tuple[Gazetteer, dict[tuple[str, str], _Alias]]:
    """The compiled gazetteer and the alias metadata by (alias, iso3).

    Blockers are added first: on an exact tie ("Central African", region or the Central
    African Republic's adjective) the region wins, a longer country name still wins.
    """
    gaz = Gazetteer()
    for name, _kind, aliases in region_rows():
        for alias in (name, *aliases):
            gaz.add(alias, _BLOCK + name)
    for phrase in NOT_COUNTRY_PHRASES:
        gaz.add(phrase, _BLOCK + phrase)
    meta: dict[tuple[str, str], _Alias] = {}
    for rec in country_aliases():
        # territories are added too, so that "American Samoa" is one match rather than a
        # country word inside it; find_countries drops them
        gaz.add(rec.alias, rec.iso3)
        meta[(rec.alias, rec.iso3)] = _Alias(rec.iso3, rec.kind, rec.ambiguous)
    return gaz, meta


def _token_index(tokens: list[Token], start: int) -> int:
    """Index of the token starting at ``start`` (matches start on token boundaries)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _sentence(body: str, start: int, end: int) -> str:
    left = max(body.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (body.find(c, end) for c in ".!?\n") if i != -1]
    return body[left : min(rights) if rights else len(body)]


def _inside_longer_person(match: Match, nlp_doc: Doc) -> bool:
    """True when spaCy tags a PERSON span in which the match is part of the name itself
    ("Michael Jordan", "Chad Smith"): a bare "Niger" mislabelled PERSON stays a country, and
    so does "Jordan" in a span like "King Abdullah of Jordan" or "Jordan's King Abdullah"."""
    text = nlp_doc.text
    for ent in nlp_doc.ents:
        if ent.label_ != "PERSON" or ent.start_char > match.start or ent.end_char < match.end:
            continue
        before = text[ent.start_char : match.start].split()
        after = text[match.end : ent.end_char]
        if re.match(r"\s+[A-Z][^\W\d_]", after):
            return True
        if before and before[-1][:1].isupper() and before[-1].isalpha():
            return True
    return False


def _is_all_caps_line(body: str, start: int, end: int) -> bool:
    left = body.rfind("\n", 0, start) + 1
    right = body.find("\n", end)
    line = body[left : right if right != -1 else len(body)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and not any(c.islower() for c in letters)


def _keep(match: Match, alias: _Alias, body: str, tokens: list[Token], nlp_doc: Doc) -> bool:
    """Context check for one country match; only ambiguous aliases and "US" can fail it."""
    surface = body[match.start : match.end]
    if surface == "US" and _is_all_caps_line(body, match.start, match.end):
        # "HELP US", "JOIN US" in a capitals headline are the pronoun
        i = _token_index(tokens, match.start)
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if not (
            prev is None
            or not prev.text.isalpha()
            or prev.norm in _CAPS_US_ANTECEDENTS
            or (nxt is not None and nxt.text in "-/'’")
        ):
            return False
    if not alias.ambiguous:
        return True
    if alias.kind == "abbreviation" and _is_all_caps_line(body, match.start, match.end):
        return False  # "CAR", "ROC", "PH" in a capitals headline are most likely words
    i = _token_index(tokens, match.start)
    if i > 0 and tokens[i - 1].norm in _HONORIFICS:
        return False  # "Mr. Jordan"
    if i > 1 and tokens[i - 1].text == "." and tokens[i - 2].norm in _HONORIFICS:
        return False
    if _inside_longer_person(match, nlp_doc):
        return False
    if alias.iso3 == "GEO":
        words = {
            w.casefold() for w in re.findall(r"[^\W\d_]+", _sentence(body, match.start, match.end))
        }
        before = body[max(0, match.start - 20) : match.start].casefold()
        if words & _US_STATE_CUES or re.search(r"\bstate of\s*$", before):
            return False
        after = body[match.end : match.end + 12]
        if re.match(r"\s*(?:,\s*)?(?:U\.S\.|US|USA)\b", after):
            return False
    return True


_DEFINED = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for|on)\s+)*)+)\(([A-Z]{2,6})\)")


def _defined_acronyms(body: str, matches: list[Match]) -> dict[str, tuple[int, str | None]]:
    """Acronyms the text defines, "Republic of Cyprus (ROC)": each to where its definition
    ends and to the country its long form names (None when the long form is no country). The
    text's own definition wins over the gazetteer's reading of the acronym."""
    defined: dict[str, tuple[int, str | None]] = {}
    for m in _DEFINED.finditer(body):
        words = m.group(1).split()
        acronym = m.group(2)
        every = "".join(w[0] for w in words).upper()
        capitals = "".join(w[0] for w in words if w[0].isupper())
        if not (every.endswith(acronym) or capitals.endswith(acronym)):
            continue
        long_end = m.start(1) + len(m.group(1).rstrip())
        iso3 = next(
            (x.key for x in matches if x.end == long_end and x.start >= m.start(1)),
            None,
        )
        defined.setdefault(acronym, (m.end(2), iso3))
    return defined


def find_countries(body: str, nlp_doc: Doc) -> list[Entity]:
    """One Entity per sovereign state named in ``body`` (ISO3 as name), mentions in order,
    entities in order of first mention."""
    gaz, meta = _gazetteer()
    tokens = tokenize(body)
    found: dict[str, list[Mention]] = {}
    matches = list(gaz.find(body, tokens))
    defined = _defined_acronyms(body, matches)
    for match in matches:
        surface = body[match.start : match.end]
        if surface in defined and match.start >= defined[surface][0] - len(surface):
            iso3 = defined[surface][1]
            if iso3 is not None and iso3 not in NON_SOVEREIGN:
                found.setdefault(iso3, []).append(Mention(match.start, match.end, surface))
            continue
        if match.key.startswith(_BLOCK) or match.key in NON_SOVEREIGN:
            continue
        alias = meta[(match.alias, match.key)]
        if not _keep(match, alias, body, tokens, nlp_doc):
            continue
        end = match.end
        if alias.kind == "prefix":
            end = match.start + len(body[match.start : match.end].rstrip("-–—‐ "))
        found.setdefault(match.key, []).append(Mention(match.start, end, body[match.start : end]))
    return [Entity(kind="country", name=iso3, mentions=tuple(ms)) for iso3, ms in found.items()]
