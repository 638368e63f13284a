"""The people named in a document body: one Entity per real person, with every mention.

The candidate names (:mod:`etl.extract.person_candidates`) become people here. Within a
document, short forms ("Xi", "Putin", "Wang", "Prabowo") resolve to the one full name they
belong to; ambiguous or never-resolved lone words are dropped unless a title introduces them.
A full name contained in a longer one is the same person, and what the seeds or the text say
about office, country and organization becomes the person's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.extract.person_candidates import Candidate, Document, find_candidates
from etl.extract.person_lexicon import (
    PARTICLES,
    STOP,
    country_gazetteer,
    fold,
    national_org_country,
    organization_gazetteer,
    seed_by_folded_name,
    seed_by_surname,
    seed_people,
    tokens,
)
from etl.facts import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class _Person:
    name: str
    seed: str | None
    words: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    country: str | None = None
    acts_for: str | None = None


_OFFICE_OF = re.compile(r"\bof\s+(?:the\s+)?(\S.*)$")


def office_country(title: str | None) -> str | None:
    """The state an office names: "President of Cyprus" -> CYP, "Chairman of the NPC
    Standing Committee" -> CHN (a national body); None for an international organization's
    office ("President of the European Council") or a title that names no body."""
    m = _OFFICE_OF.search(title or "")
    if not m:
        return None
    rest = m.group(1)
    rest_tokens = tokens(rest)
    country = next((x for x in country_gazetteer().find(rest, rest_tokens) if x.start == 0), None)
    if country is not None:
        return country.key
    org = next((x for x in organization_gazetteer().find(rest, rest_tokens) if x.start == 0), None)
    return national_org_country().get(org.key) if org is not None else None


def _display_name(words: list[str]) -> str:
    """ "KISHIDA Fumio" -> "Fumio Kishida"; other all-capital words in title case."""
    caps = [len(w) > 1 and w.isupper() for w in words]
    if len(words) >= 2 and caps[0] and not any(caps[1:]):
        words = [*words[1:], words[0]]
    return " ".join(w.title() if len(w) > 1 and w.isupper() else w for w in words)


def _name_words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s\-]+", fold(text)) if w and w not in PARTICLES}


def _add_unlabelled_short_forms(doc: Document, people: dict[str, _Person]) -> None:
    """Mentions the model did not label ("Wang said ..."): a lone capitalized word that is
    part of exactly one person's full name in this document, standing alone (not followed or
    preceded by another name word, which would make it a different full name)."""
    owners: dict[str, list[_Person]] = {}
    for p in people.values():
        if p.mentions:
            for word in p.words:
                owners.setdefault(word, []).append(p)
    taken = {k for p in people.values() for i, j in p.mentions for k in range(i, j)}
    tokens, n = doc.tokens, len(doc.tokens)
    for i, tok in enumerate(tokens):
        hosts = owners.get(tok.norm)
        if not hosts or len(hosts) != 1 or i in taken or tok.norm in STOP:
            continue
        if doc.scan_name(i) != i + 1 or not tok.text[:1].isupper():
            continue
        if i > 0 and doc.adjacent(i) and (doc.is_name_word(i - 1) or tokens[i - 1].norm == "-"):
            continue
        if i + 1 < n and tokens[i + 1].norm in ("'", "-") and doc.glued(i + 1):
            after = tokens[i + 2].norm if i + 2 < n else ""
            if not (tokens[i + 1].norm == "'" and after == "s"):
                continue  # "Xi'an", "Wang-Smith"
        if doc.text(i, i + 1).isupper() and len(tok.text) > 1:
            continue  # a shouted word in a heading
        hosts[0].mentions.append((i, i + 1))


def _absorb(p: _Person, other: Candidate | _Person) -> None:
    """What another mention or a contained name says about the person's office."""
    p.title = p.title or other.title
    p.country = p.country or other.country
    p.acts_for = p.acts_for or other.acts_for


def find_people(body: str, nlp_doc: Doc) -> list[Entity]:
    """Every real person named in ``body``, one Entity each, mentions in order."""
    doc = Document(body)
    seeds = seed_people()
    cands = find_candidates(doc, nlp_doc)

    people: dict[str, _Person] = {}

    def person(name: str, seed: str | None) -> _Person:
        if name not in people:
            people[name] = _Person(name, seed, _name_words(name))
        return people[name]

    short: list[Candidate] = []
    for c in cands:
        text = doc.text(c.start, c.end)
        if c.seed is None:
            c.seed = seed_by_folded_name().get(fold(_display_name(text.split())))
        if c.seed is None and c.titled and len(text.split()) == 1:
            # A hyphenated surname alone: "Ambassador Thomas-Greenfield".
            c.seed = seed_by_surname(text, c.title)
        if c.seed:
            p = person(c.seed, c.seed)
        elif len(_name_words(text)) >= 2:
            p = person(_display_name(text.split()), None)
        else:
            short.append(c)
            continue
        p.words |= _name_words(text)
        p.mentions.append((c.start, c.end))
        _absorb(p, c)

    # A full name contained in a longer one is the same person ("Reina García").
    names = sorted(people, key=lambda k: -len(people[k].words))
    for name in names:
        p = people[name]
        if p.seed:
            continue
        hosts = [q for q in people.values() if q is not p and q.mentions and p.words < q.words]
        if len(hosts) == 1:
            hosts[0].mentions.extend(p.mentions)
            _absorb(hosts[0], p)
            p.mentions = []

    # Lone words resolve to the one person whose name contains them.
    for c in short:
        word = fold(doc.text(c.start, c.end))
        # "Di Maio" is one name word after its particle: "Luigi Di Maio" contains it.
        words = _name_words(doc.text(c.start, c.end)) or {word}
        hosts = [q for q in people.values() if q.mentions and words <= q.words]
        if len(hosts) == 1:
            p = hosts[0]
        elif not hosts and c.titled:
            # "Deputy Secretary Sherman": the one known person with that surname and office.
            known = seed_by_surname(word, c.title)
            if known is not None:
                p = person(known, known)
            else:
                p = person(_display_name(doc.text(c.start, c.end).split()), None)
        else:
            continue
        p.mentions.append((c.start, c.end))
        _absorb(p, c)

    _add_unlabelled_short_forms(doc, people)

    entities = []
    for p in people.values():
        if not p.mentions:
            continue
        spans = sorted(set(p.mentions))
        mentions = tuple(
            Mention(doc.tokens[i].start, doc.tokens[j - 1].end, doc.text(i, j)) for i, j in spans
        )
        seed = seeds.get(p.seed) if p.seed else None
        aliases = {m.text for m in mentions} | set(seed.aliases if seed else ())
        if seed is not None:
            acts_for = seed.acts_for
            country = None if acts_for else seed.country_iso3 or p.country
        else:
            acts_for = p.acts_for
            country = None if acts_for else p.country
        if country is None and acts_for is None:
            # A head of state or government known by office alone: "President of Cyprus".
            country = office_country((seed.title if seed else None) or p.title)
        entities.append(
            Entity(
                kind="person",
                name=p.name,
                mentions=mentions,
                country_iso3=country,
                title=(seed.title if seed else None) or p.title,
                aliases=tuple(sorted(aliases - {p.name})),
                acts_for=acts_for,
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities
