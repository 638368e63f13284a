"""Organizations named in a document body: international organizations, blocs, standing forums,
state bodies, parties, named groups and news agencies named as actors (GUIDELINES
"organizations").

Three passes, most trusted first:

1. the seed catalogue (``seeds/organizations.csv``) through the token gazetteer, so every
   document names a known body by the same canonical name;
2. acronyms introduced in parentheses ("the Pacific Islands Development Forum (PIDF)"), which
   link the acronym to the named body for the rest of the document, also for unseen bodies;
3. spaCy's ORG entities, kept only when they look like institutions: the head noun (the last
   word, or the word before "of"/"for"/"on") must be an institutional noun listed in
   ``seeds/org_heads.csv``; events ("the 16th BRICS Summit"), fragments ("the China-Singapore"),
   sub-bodies of a known body ("the Council of Heads of State of the SCO" is the SCO) and spans
   that overlap a known name are dropped.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.extract.catalogue import known_matches, organization_catalogue
from etl.extract.gazetteer import Gazetteer, Match
from etl.extract.initiatives import catalogue_spans
from etl.extract.reference import (
    SEEDS_DIR,
    KnownOrganization,
    country_aliases,
    country_names,
    organizations,
)
from etl.facts import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Small words allowed inside a multi-word name ("Forum on China-Africa Cooperation").
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "in", "to", "&", "de", "la", "du", "des"})
ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|\d+)$",
    re.IGNORECASE,
)
# A news agency is an actor when it reports, says or is quoted; otherwise (photo credits,
# "Xinhua News Agency reporter ...") it is a credit line, which GUIDELINES does not count.
_AGENCY_AFTER = re.compile(
    r"^\W{0,3}\s*(?:has\s+|had\s+|also\s+)?(?:reported|reports|said|says|quoted|cited|"
    r"learned|learnt|announced|published|interviewed|asked|wrote|noted|added|stated|"
    r"confirmed|released|obtained|revealed|claimed|was told|has learned)\b"
)
# "according to the official Saudi Press Agency", "broadcast through China Media Group".
_AGENCY_BEFORE = re.compile(
    r"(?:according to|told|to|by|with|in an interview with|cited by|quoted by|via|through)\s+"
    r"(?:the\s+|an?\s+)?(?:(?:official|semi-official|state|state-run|state-owned|"
    r"state-controlled|government-run|national|public|news|private|independent)\s+){0,2}$",
    re.IGNORECASE,
)
# A page that opens by describing itself ("CGTN published an article on ..."), after at most
# a date stamp: the agency is the page's outlet, not an actor in it.
_SELF_DESCRIPTION_BEFORE = re.compile(r"^\W*(?:date\b)?[\d\s/.:\-]*$", re.IGNORECASE)
_SELF_DESCRIPTION_AFTER = re.compile(
    r"^\s+(?:has\s+)?(?:published|posted|carried|ran|released)\s+(?:an?|its)\s+"
    r"(?:article|commentary|editorial|report|story|piece|op-ed|video|feature|analysis)\b",
    re.IGNORECASE,
)
_AGENCY_CREDIT_AFTER = re.compile(r"^\s*(?:reporter|photo|correspondent|/)", re.IGNORECASE)
_ACRONYM_PARENS = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&+\-]{1,11})\s*\)")
_WORD = re.compile(r"[^\W_](?:[\w’'&+\-]|\.(?=\w))*|[^\w\s]")
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "from",
        "in",
        "at",
        "on",
        "by",
        "with",
        "for",
        "as",
        "after",
        "since",
        "during",
        "under",
        "to",
        "and",
        "but",
        "or",
        "of",
        "while",
        "when",
        "where",
        "if",
        "though",
        "although",
        "meanwhile",
        "both",
        "at",
        "between",
        "among",
    ]
)
_EVENT_HEADS_IN_SEEDS = frozenset({"Expo", "Fair", "Games"})
# Modifiers that do not distinguish one body from another: "Central Committee" alone names
# nothing (it is some party's), "Supreme National Security Council" does.
_GENERIC = frozenset(
    {
        "Central",
        "National",
        "General",
        "Standing",
        "Executive",
        "Permanent",
        "Joint",
        "Supreme",
        "Special",
        "High",
        "High-Level",
        "Federal",
        "State",
        "Foreign",
        "International",
        "Political",
        "Main",
        "Senior",
        "Top",
        "Higher",
        "Lower",
        "Upper",
        "Grand",
        "Chief",
    }
)


@dataclass(slots=True)
class _Found:
    """Mentions gathered for one organization in one document."""

    name: str
    short_name: str | None = None
    country_iso3: str | None = None
    mentions: dict[int, Mention] = field(default_factory=dict)

    def add(self, body: str, start: int, end: int) -> None:
        if start not in self.mentions or self.mentions[start].end < end:
            self.mentions[start] = Mention(start, end, body[start:end])


@functools.cache
def _heads() -> dict[str, str]:
    """Head noun -> role (``org``, ``forum`` or ``event``) from ``seeds/org_heads.csv``."""
    with (SEEDS_DIR / "org_heads.csv").open(encoding="utf-8", newline="") as fh:
        return {row["word"].strip(): row["role"].strip() for row in csv.DictReader(fh)}


@functools.cache
def _countries() -> Gazetteer:
    return Gazetteer((a.alias, a.iso3) for a in country_aliases() if not a.ambiguous)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _head(words: list[str]) -> str | None:
    """The head noun of a name: the word before the first "of"/"for"/"on", else the last word."""
    for i, w in enumerate(words):
        if i and w in {"of", "for", "on"}:
            return words[i - 1]
    return words[-1] if words else None


def _strip_name(text: str, start: int) -> tuple[str, int]:
    """Drop a leading determiner, quotes and a trailing possessive from an NER span."""
    m = re.match(r"(?:(?:the|The)\s+|[“\"‘'])+", text)
    if m:
        text, start = text[m.end() :], start + m.end()
    text = re.sub(r"(?:[’']s?|[”\"’'])+$", "", text).rstrip(" ,.;:")
    # An owner in the possessive is not part of the name: "Iran's Supreme National Security
    # Council" is the Supreme National Security Council (seated in Iran).
    m = re.match(r"(?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*[’']s\s+", text)
    if m:
        text, start = text[m.end() :], start + m.end()
    return text, start


def looks_like_institution(name: str, *, with_acronym: bool = False) -> bool:
    """Whether a capitalised name reads as a standing institution rather than an event,
    a fragment or a person/place name."""
    words = _words(name)
    if len(words) < 2 or not all(_is_cap(w) or w in CONNECTORS for w in words):
        return False
    if not _is_cap(words[0]) or words[-1] in CONNECTORS or ORDINAL.match(words[0]):
        return False
    heads = _heads()
    if any(heads.get(w) == "event" for w in words if _is_cap(w)):
        return False
    if not any(_is_cap(w) and w not in heads and w not in _GENERIC for w in words):
        return False
    role = heads.get(_head(words) or "") or heads.get(words[-1])
    if role == "forum":
        # A forum is a standing body when it is a cooperation mechanism; otherwise it is
        # usually a one-off gathering ("the Forum on Global Action for Shared Development").
        return with_acronym or "Cooperation" in words
    return role == "org"


# A country's short name that takes an article inside a name: "Embassy of the United States".
_ARTICLE_BEFORE = re.compile(r"^United |Islands$|^(?:Philippines|Netherlands|Bahamas|Gambia)$")
_JOINED = frozenset({"of", "for", "to", "in", "and", "on", "with"})


@functools.cache
def _country_name_forms() -> frozenset[str]:
    """Country aliases that name the state (not adjectives): "the People's Republic of
    China", "PRC", "the Russian Federation"."""
    return frozenset(a.alias for a in country_aliases() if a.kind in ("name", "abbreviation"))


def country_normal_form(name: str) -> str:
    """``name`` with every country in it written as its short name, after "of":
    "Ministry of Foreign Affairs The People's Republic of China" and "Ministry of Foreign
    Affairs of the PRC" are both "Ministry of Foreign Affairs of China". A name that is only
    the country, or that holds it as an adjective ("Chinese Foreign Ministry"), is unchanged.
    """
    out: list[str] = []
    pos = 0
    for m in _countries().find(name):
        if m.alias not in _country_name_forms() or m.start == 0:
            continue
        before = re.sub(r"\b(?:the|The)\s+$", "", name[pos : m.start])
        short = country_names().get(m.key, m.alias)
        words = before.split()
        if words and words[-1] not in _JOINED:
            before = before.rstrip() + " of "
        article = "the " if _ARTICLE_BEFORE.search(short) else ""
        out.append(before + article + short)
        pos = m.end
    return "".join(out) + name[pos:] if out else name


@functools.cache
def _catalogue_by_normal_form() -> dict[str, str]:
    """Folded country-normal form of every catalogue name and alias -> canonical name."""
    index: dict[str, str] = {}
    for org in organizations():
        for alias in (org.name, *org.aliases):
            index.setdefault(country_normal_form(alias).casefold(), org.name)
    return index


def canonical_name(name: str) -> str:
    """A found name as the catalogue writes it, or in its country-normal form."""
    normal = country_normal_form(name)
    return _catalogue_by_normal_form().get(normal.casefold(), normal)


def _national_seat(name: str) -> str | None:
    found = {m.key for m in _countries().find(name)}
    return found.pop() if len(found) == 1 else None


def _is_actor_agency(body: str, m: Match) -> bool:
    after = body[m.end : m.end + 40]
    if _AGENCY_CREDIT_AFTER.match(after):
        return False
    if _SELF_DESCRIPTION_BEFORE.match(body[: m.start]) and _SELF_DESCRIPTION_AFTER.match(
        body[m.end : m.end + 60]
    ):
        return False
    return bool(
        _AGENCY_AFTER.match(after) or _AGENCY_BEFORE.search(body[max(0, m.start - 40) : m.start])
    )


def _preceded_by_ordinal(body: str, start: int) -> bool:
    before = _words(body[max(0, start - 30) : start])
    if before and before[-1] in {"the", "The"}:
        before = before[:-1]
    return bool(before) and bool(ORDINAL.match(before[-1]))


def _inside_longer_name(body: str, m: Match) -> bool:
    """Whether a match ending in an institutional head noun is the tail of a longer capitalised
    name ("Supreme National" + "Security Council"); such names are left to the NER pass."""
    surface = _words(body[m.start : m.end])
    if not surface or _heads().get(surface[-1]) != "org":
        return False
    before = re.search(r"([^\W_][\w.\-]*)[ \t]+$", body[max(0, m.start - 40) : m.start])
    if before is None:
        return False
    word = before.group(1)
    if not word[:1].isupper() or word.casefold() in _FUNCTION_WORDS or ORDINAL.match(word):
        return False
    # A capitalised word that opens a sentence or a line is not part of the name.
    ahead = body[max(0, m.start - 42) : m.start - len(before.group())]
    return not (
        ahead.strip() == ""
        or "\n" in ahead[len(ahead.rstrip()) :]
        or ahead.rstrip().endswith((".", "!", "?", ":"))
    )


def _names_its_event(body: str, m: Match, org: KnownOrganization) -> bool:
    """Whether a forum alias names one of its gatherings rather than the body ("the
    China-Central Asia Summit" of the China-Central Asia mechanism); when the body's own name
    is in the phrase ("FOCAC summit", "the 16th BRICS Summit") the body is still named."""
    last = _words(body[m.start : m.end])[-1]
    if _heads().get(last.capitalize()) != "event" or _words(org.name)[-1] == last:
        return False
    own = {org.name.casefold(), (org.short_name or "").casefold()}
    surface = body[m.start : m.end].casefold()
    return not any(o and o in surface for o in own)


def _is_session(body: str, m: Match) -> bool:
    """Whether a forum's own name is used for one numbered session ("the third Belt and Road
    Forum"); in "the 31st APEC Economic Leaders' Meeting" the event is the longer name and
    APEC is still named."""
    if not _preceded_by_ordinal(body, m.start):
        return False
    nxt = _words(body[m.end : m.end + 30])
    return not (nxt and nxt[0][:1].isupper())


def _party_organ_parent(surface: str) -> str | None:
    """The party a party organ belongs to when its name says so: "Political Bureau of the
    Communist Party of China Central Committee" is reported as the Communist Party of China
    (analysts file party organs under the party; state organs keep their own rows)."""
    for pattern, name in _party_patterns():
        if pattern.search(surface):
            return name
    return None


@functools.cache
def _party_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"), org.name)
        for org in organizations()
        if org.kind == "party"
        for alias in sorted({org.name, *org.aliases}, key=len, reverse=True)
    )


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_organizations(body: str, nlp_doc: Doc) -> list[Entity]:
    """One Entity per organization named in ``body``, each with its mentions in order."""
    _, by_name = organization_catalogue()
    found: dict[str, _Found] = {}
    taken: list[tuple[int, int]] = []  # spans already explained by a known name

    def entity(name: str) -> _Found:
        if name not in found:
            known = by_name.get(name)
            found[name] = _Found(
                name,
                known.short_name if known else None,
                known.country_iso3 if known else None,
            )
        return found[name]

    # 1. Seed catalogue.
    sessions: dict[str, int] = {}  # forum -> end of its last mention read as a session
    for m in known_matches(body):
        if _inside_longer_name(body, m):
            continue  # "Iran's Supreme National Security Council" is not the UN's
        taken.append((m.start, m.end))
        org = by_name[m.key]
        if org.kind == "agency" and not _is_actor_agency(body, m):
            continue
        if org.kind == "forum" and (
            _is_session(body, m)
            or _words(org.name)[-1] in _EVENT_HEADS_IN_SEEDS
            or _names_its_event(body, m, org)
            or re.fullmatch(r"\s*\(\s*", body[sessions.get(m.key, -9) : m.start]) is not None
        ):
            # "the third Belt and Road Forum (BRF)": one session, i.e. an event, and the
            # acronym that it introduces is the session's too.
            sessions[m.key] = m.end
            continue
        name = m.key
        if org.kind == "state_body":
            name = _party_organ_parent(body[m.start : m.end]) or name
        entity(name).add(body, m.start, m.end)

    # The Party: in a document naming exactly one party, a capitalised "the Party" (also "Party
    # Central Committee") is that party, as in Chinese state media.
    parties = [n for n in found if by_name.get(n) and by_name[n].kind == "party"]
    if len(parties) == 1:
        for pm in re.finditer(
            r"(?<=\b[Tt]he )Party(?: Central Committee)?\b|\bParty Central Committee\b", body
        ):
            if not _covered(taken, pm.start(), pm.end()):
                entity(parties[0]).add(body, pm.start(), pm.end())
                taken.append((pm.start(), pm.end()))

    # 2. Acronyms introduced in parentheses.
    acronyms: dict[str, str] = {}
    for am in _ACRONYM_PARENS.finditer(body):
        acro = am.group(1)
        owner = _owner_before(body, am.start(), acro, found, taken)
        if owner is None:
            continue
        name, start = owner
        if name not in found:
            if not looks_like_institution(name, with_acronym=True) or _covered(
                catalogue_spans(body), start, am.start()
            ):
                continue
            name = canonical_name(name)
            entity(name).short_name = entity(name).short_name or acro
            entity(name).country_iso3 = _national_seat(name)
            entity(name).add(body, start, am.start())
            taken.append((start, am.start()))
        acronyms[acro] = name
    for acro, name in acronyms.items():
        for om in re.finditer(rf"(?<![\w-]){re.escape(acro)}(?![\w-])", body):
            if not _covered(taken, om.start(), om.end()) or any(
                mm.start == om.start() for mm in found[name].mentions.values()
            ):
                found[name].add(body, om.start(), om.end())
                taken.append((om.start(), om.end()))

    # 3. Statistical NER, filtered for institutions.
    initiative_spans = catalogue_spans(body)
    for ent in nlp_doc.ents:
        if ent.label_ != "ORG":
            continue
        text, start = _strip_name(ent.text, ent.start_char)
        owner = re.search(
            r"((?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*)[’']s\s+$", body[max(0, start - 40) : start]
        )
        owner_seat = _national_seat(owner.group(1)) if owner else None
        end = start + len(text)
        text, end = _extend_of_tail(body, start, end)
        if not text or _covered(taken, start, end) or _covered(initiative_spans, start, end):
            continue
        if _preceded_by_ordinal(body, start) or _is_sub_body(body, end, taken):
            continue
        if re.search(r"[)\w][ \t]*$", body[max(0, start - 3) : start]) and any(
            e in range(start - 3, start + 1) for _, e in taken
        ):
            continue  # "the Communist Party of China (CPC) Central Committee": part of it
        if not looks_like_institution(text):
            continue
        f = entity(canonical_name(text))
        if f.country_iso3 is None:
            f.country_iso3 = _national_seat(text) or owner_seat
        f.add(body, start, end)
        taken.append((start, end))
        # Later bare repeats of a discovered name ("the Pacific Fisheries Council ... the
        # Council" is left alone; exact repeats are mentions).
        for rm in re.finditer(rf"(?<![\w-]){re.escape(text)}(?![\w-])", body):
            if not _covered(taken, rm.start(), rm.end()):
                f.add(body, rm.start(), rm.end())
                taken.append((rm.start(), rm.end()))

    return [
        Entity(
            kind="organization",
            name=f.name,
            mentions=tuple(sorted(f.mentions.values(), key=lambda mm: mm.start)),
            country_iso3=f.country_iso3,
            short_name=f.short_name,
        )
        for f in found.values()
        if f.mentions
    ]


def _owner_before(
    body: str,
    paren: int,
    acronym: str,
    found: dict[str, _Found],
    taken: list[tuple[int, int]],
) -> tuple[str, int] | None:
    """The name an acronym in parentheses at ``paren`` introduces: a known organization whose
    mention ends there, else the capitalised name just before it (for unseen bodies)."""
    for f in found.values():
        for m in f.mentions.values():
            if m.end == paren:
                return f.name, m.start
    if any(s < paren <= e for s, e in taken):
        return None
    start = capitalised_name_start(body, paren)
    if start is None:
        return None
    return _fit_acronym(body, start, paren, acronym)


def _initials(words: list[str]) -> str:
    return "".join(p[0] for w in words if _is_cap(w) for p in w.split("-") if p).upper()


def _fit_acronym(body: str, start: int, end: int, acronym: str) -> tuple[str, int] | None:
    """The part of the capitalised run before "(ACR)" that the acronym abbreviates: the
    suffix whose initials spell it ("Ministers of the Pacific Fisheries Council (PFC)" is the
    Pacific Fisheries Council), else the whole run when the first letters agree."""
    starts = [start + m.start() for m in re.finditer(r"\S+", body[start:end])]
    want = re.sub(r"[^A-Z]", "", acronym.upper())
    for s in starts:
        words = _words(body[s:end])
        if _is_cap(words[0]) and words[0] not in {"The", "A", "An"} and _initials(words) == want:
            return body[s:end], s
    words = _words(body[start:end])
    if want and _initials(words)[:1] == want[:1]:
        return body[start:end], start
    return None


def capitalised_name_start(body: str, end: int, max_words: int = 12) -> int | None:
    """Start offset of the capitalised multi-word name ending at ``end`` (connectors such as
    "of the" allowed inside, never at either edge), or None when there is none."""
    words = list(re.finditer(r"[^\s(),;:“”\"]+", body[max(0, end - 200) : end]))
    offset = max(0, end - 200)
    start: int | None = None
    pending = 0
    for w in reversed(words[-max_words:]):
        tok = w.group()
        if _is_cap(tok) and tok not in {"The", "A", "An"}:
            start = offset + w.start()
            pending = 0
        elif tok in CONNECTORS and start is not None and pending < 2:
            pending += 1
        else:
            break
        if body[offset + w.end() : (start if start is not None else end)].count("\n"):
            break
    return start


# " of Destiny", " of the People's Republic of China": capitalised words, "of"/"and"/"the"
# allowed between them.
_OF_TAIL = re.compile(
    r"\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:(?:of|and|the)\s+)*[A-Z][\w’'\-]*)*"
)


def _extend_of_tail(body: str, start: int, end: int) -> tuple[str, int]:
    """Extend an NER span over a trailing "of/for/on + capitalised words" the model cut off
    ("the Asia-Pacific Community" + " of Destiny")."""
    m = _OF_TAIL.match(body, end)
    if m and "\n" not in m.group():
        end += len(m.group().rstrip())
    return body[start:end], end


def _is_sub_body(body: str, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the name ending at ``end`` continues "of (the) <known organization>": a
    sub-body such as "the Council of Heads of State of the Shanghai Cooperation Organization"
    is reported as the known organization itself."""
    m = re.match(r"\s+of\s+(?:the\s+)?", body[end:])
    if not m:
        return False
    at = end + m.end()
    return any(s == at for s, _ in taken)
