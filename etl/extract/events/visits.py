"""Visits: who travelled where, one candidate per destination."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.events.contacts import count_of
from etl.extract.events.context import Built, Candidate, Context, Trigger, in_tokens
from etl.extract.events.invitation import inviters_countries
from etl.extract.events.lexicon import CROWDS, PRONOUNS
from etl.extract.events.participants import clause_participants, country_label, previous_subject
from etl.extract.places import Place
from etl.facts import EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Token

_REGION_WORDS = re.compile(
    r"\b(?:to|in)\s+(?P<r>Europe|Asia|Africa|Latin America|Central Asia|Southeast Asia|the Middle East"
    r"|South America|North America|the Pacific|the Caribbean|Oceania|the Gulf)\b"
)

# A destination in a visit's list: "to (the) X", "and X", ", X" ("visit to the People's
# Republic of China").
_LISTED = re.compile(r"(?:\bto|\band|,)\s+(?:the\s+)?$")


def _crowd(subject: Token) -> bool:
    """A subject that is many people, not an envoy: "tourists", "two million Americans",
    "thousands of students"."""
    if subject.lower_ in ("thousands", "millions", "hundreds", "dozens"):
        return True
    if subject.pos_ != "NOUN" and subject.lower_ not in CROWDS:
        return False
    return subject.lower_ in CROWDS or any(c.dep_ == "nummod" for c in subject.children)


def visit(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok, low, start, end = trigger.token, trigger.low, trigger.start, trigger.end
    etype: str = "state_visit" if low.startswith("state visit") else "visit"
    if count_of(tok) and not low.startswith("state"):
        return None
    if tok.pos_ == "VERB" and any(_crowd(c) for c in tok.children if c.dep_ == "nsubj"):
        return None
    parts = clause_participants(ctx, tok, "guest", "host")
    # Destinations: "visit(ed) X", "visit(s) to X and Y", "to Europe in May".
    dest_countries: list[str] = []
    dest_regions: list[tuple[int, str]] = []
    node_tokens = (
        list(tok.subtree)
        if tok.pos_ != "VERB"
        else [t for c in tok.children if c.dep_ in ("dobj", "prep") for t in c.subtree]
    )
    span_start = min((t.idx for t in node_tokens), default=end)
    span_end = max((t.idx + len(t) for t in node_tokens), default=end)
    for s, e, ent in ctx.countries:
        if span_start <= s and e <= span_end and s >= start:
            before = ctx.text[max(0, s - 12) : s].casefold()
            listed = tok.pos_ == "VERB" or bool(_LISTED.search(before))
            if listed and ent.name not in dest_countries:
                dest_countries.append(ent.name)
    for m in _REGION_WORDS.finditer(ctx.text, start, max(span_end, end)):
        dest_regions.append((m.start("r"), m.group("r")))
    subj_people = [p for p in parts if p.kind == "person" and p.role == "guest"]
    possessive = [t for t in tok.children if t.dep_ == "poss"]
    visitor = subj_people[0].name if subj_people else None
    visitor_country = subj_people[0].country_iso3 if subj_people else None
    if visitor is None:
        guest_countries = [p.country_iso3 for p in parts if p.role == "guest" and p.country_iso3]
        visitor_country = guest_countries[0] if guest_countries else None
        if possessive and visitor is None:
            owner = in_tokens(ctx.persons, list(possessive[0].subtree))
            if owner:
                visitor, visitor_country = owner[0].name, owner[0].country_iso3
                parts.append(
                    EventParticipant("guest", owner[0].name, "person", owner[0].country_iso3)
                )
            elif possessive[0].lower_ in PRONOUNS:
                prev = previous_subject(ctx, tok)
                if prev:
                    visitor, visitor_country = prev[0].name, prev[0].country_iso3
                    parts.append(
                        EventParticipant("guest", prev[0].name, "person", prev[0].country_iso3)
                    )
    if not dest_countries and visitor:
        dest_countries = inviters_countries(ctx, tok, start, max(span_end, end), visitor)
    dest_countries = [c for c in dest_countries if c != visitor_country]
    dest_city = None
    if not dest_countries and not dest_regions:
        # "travelled to Islamabad", "his visit to the UN General Assembly in New York": a city
        # names the destination country.
        cities = [
            p
            for p in ctx.places
            if p.kind == "city" and span_start <= p.start and p.end <= span_end and p.start >= start
        ]
        if cities and cities[0].country_iso3 != visitor_country:
            dest_city = cities[0]
            dest_countries = [dest_city.country_iso3]
    if not dest_countries and not dest_regions:
        if tok.pos_ == "VERB":
            return None
        # "Modi's state visit last week": a named visitor's visit stands for itself when no
        # earlier visit of the text is the one it points back at.
        own = possessive and visitor and possessive[0].lower_ not in PRONOUNS
        label = f"{visitor}'s {'state visit' if etype == 'state_visit' else 'visit'}"
        return trigger.candidate(etype, "anaphor:visit", label if own else "", parts)
    who = visitor or (country_label(visitor_country) + "'s leaders" if visitor_country else "")
    if not who:
        return None
    # "Laos's leaders' visit", not "leaders's".
    whose = who + ("'" if who.endswith("leaders") else "'s")
    out_parts = [p for p in parts if p.country_iso3 in (visitor_country, *dest_countries) or p.kind]
    kind_label = "state visit" if etype == "state_visit" else "visit"
    if dest_countries:
        dest = dest_countries[0]
        extra = [
            trigger.candidate(
                etype,
                f"v:{who}:{c}",
                f"{whose} {kind_label} to {country_label(c)}",
                [*_visit_parts(out_parts, visitor_country, c)],
                confidence=0.7,
            )
            for c in dest_countries[1:]
        ]
        cand = trigger.candidate(
            etype,
            f"v:{who}:{dest}",
            f"{whose} {kind_label} to {country_label(dest)}",
            _visit_parts(out_parts, visitor_country, dest),
            confidence=0.7,
        )
        cand.location = dest_city
        return [cand, *extra]
    _region_start, region = dest_regions[0]
    cand = trigger.candidate(
        etype,
        f"v:{who}:{region}",
        f"{whose} {kind_label} to {region}",
        [p for p in out_parts if p.role == "guest"] or out_parts,
        confidence=0.6,
    )
    extra = []
    for r_start, r in dest_regions[1:]:
        extra.append(
            Candidate(
                etype,
                r_start,
                r_start + len(r),
                trigger.sentence,
                tok,
                f"v:{who}:{r}",
                f"{whose} {kind_label} to {r}",
                list(cand.participants),
                confidence=0.6,
            )
        )
    return [cand, *extra]


def _visit_parts(
    parts: list[EventParticipant], visitor: str | None, dest: str
) -> list[EventParticipant]:
    out = [p for p in parts if p.kind is not None and p.role == "guest"]
    if visitor and not any(p.country_iso3 == visitor for p in out):
        out.append(EventParticipant("guest", None, None, visitor))
    out.append(EventParticipant("host", None, None, dest))
    return out


def arrival(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    """ "Xi arrived in Kuala Lumpur on Tuesday to pay a state visit", "landed in the Pakistani
    capital to attend ...", "arrived here today for an official visit" (here: the dateline's
    place): a visit to the place of arrival by the one who arrived."""
    tok = trigger.token
    place = _arrival_place(ctx, tok)
    if place is None:
        return None
    parts = clause_participants(ctx, tok, "guest", "host")
    guests = [p for p in parts if p.kind == "person" and p.role == "guest"]
    if not guests:
        return None
    visitor = guests[0]
    dest = place.country_iso3
    if dest == visitor.country_iso3:
        return None  # back home
    words = {t.lower_ for t in tok.subtree}
    state = any(
        t.lower_ == "visit" and t.i > 0 and t.nbor(-1).lower_ == "state" for t in tok.subtree
    )
    etype = "state_visit" if state else "visit"
    purpose = ("visit", "delegation", "talks", "meet", "discuss")
    if not state and not _attends(tok) and not any(w in words for w in purpose):
        return None  # "arrived in Beijing" alone is travel, not yet a visit
    kind_label = "state visit" if state else "visit"
    cand = trigger.candidate(
        etype,
        f"v:{visitor.name}:{dest}",
        f"{visitor.name}'s {kind_label} to {country_label(dest)}",
        _visit_parts([visitor], visitor.country_iso3, dest),
        confidence=0.6,
    )
    cand.location = place if place.kind == "city" else None
    return cand


def _attends(tok: Token) -> bool:
    return any(t.lower_ in ("attend", "attending", "participate", "join") for t in tok.subtree)


def _arrival_place(ctx: Context, tok: Token) -> Place | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            toks = list(child.subtree)
            lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1])
            inside = [p for p in ctx.places if lo <= p.start and p.end <= hi]
            cities = [p for p in inside if p.kind == "city"]
            if cities or inside:
                return (cities or inside)[0]
            nations = [(s, e, c) for s, e, c in ctx.countries if lo <= s and e <= hi]
            if nations:
                s, e, c = nations[0]
                return Place(s, e, ctx.text[s:e], c.name, c.name, "country")
        if child.dep_ == "advmod" and child.lower_ == "here":
            return _dateline_place(ctx)
    return None


def _dateline_place(ctx: Context) -> Place | None:
    """The place of a dateline ("SINGAPORE:", "BEIJING, Oct. 27 (Xinhua) --") near the top."""
    for m in re.finditer(r"(?m)^\s*(?:date [\d-]+\s+)?([A-Z][A-Z .'-]{2,30})(?:,|:| --)", ctx.text):
        if m.start() > 600:
            break
        for p in ctx.places:
            if m.start(1) <= p.start and p.end <= m.end(1):
                return p
    return None
