"""Visits: who travelled where, one candidate per destination."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.contacts import count_of
from etl.extract.events.context import Built, Candidate, Context, in_tokens
from etl.extract.events.lexicon import PRONOUNS
from etl.extract.events.participants import clause_participants, country_label, previous_subject
from etl.facts import EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_REGION_WORDS = re.compile(
    r"\b(?:to|in)\s+(?P<r>Europe|Asia|Africa|Latin America|Central Asia|Southeast Asia|the Middle East"
    r"|South America|North America|the Pacific|the Caribbean|Oceania|the Gulf)\b"
)


def visit(
    ctx: Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[Candidate],
) -> Built:
    etype: str = "state_visit" if low.startswith("state visit") else "visit"
    if count_of(tok) and not low.startswith("state"):
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
            before = ctx.text[max(0, s - 6) : s].casefold()
            listed = tok.pos_ == "VERB" or "to " in before or "and " in before or ", " in before
            if listed and ent.name not in dest_countries:
                dest_countries.append(ent.name)
    for m in _REGION_WORDS.finditer(ctx.text, start, max(span_end, end)):
        dest_regions.append((m.start("r"), m.group("r")))
    subj_people = [p for p in parts if p.kind == "person" and p.role == "guest"]
    visitor = subj_people[0].name if subj_people else None
    visitor_country = subj_people[0].country_iso3 if subj_people else None
    if visitor is None:
        guest_countries = [p.country_iso3 for p in parts if p.role == "guest" and p.country_iso3]
        visitor_country = guest_countries[0] if guest_countries else None
        possessive = [t for t in tok.children if t.dep_ == "poss"]
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
    dest_countries = [c for c in dest_countries if c != visitor_country]
    if not dest_countries and not dest_regions:
        if tok.pos_ == "VERB":
            return None
        return Candidate(etype, start, end, sent, tok, "anaphor:visit", "", parts, date=date)
    who = visitor or (country_label(visitor_country) + "'s leaders" if visitor_country else "")
    if not who:
        return None
    out_parts = [p for p in parts if p.country_iso3 in (visitor_country, *dest_countries) or p.kind]
    kind_label = "state visit" if etype == "state_visit" else "visit"
    if dest_countries:
        dest = dest_countries[0]
        extra = [
            Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                f"v:{who}:{c}",
                f"{who}'s {kind_label} to {country_label(c)}",
                [*_visit_parts(out_parts, visitor_country, c)],
                date=date,
                confidence=0.7,
            )
            for c in dest_countries[1:]
        ]
        cand = Candidate(
            etype,
            start,
            end,
            sent,
            tok,
            f"v:{who}:{dest}",
            f"{who}'s {kind_label} to {country_label(dest)}",
            _visit_parts(out_parts, visitor_country, dest),
            date=date,
            confidence=0.7,
        )
        cand.location = None
        return [cand, *extra]
    _region_start, region = dest_regions[0]
    cand = Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        f"v:{who}:{region}",
        f"{who}'s {kind_label} to {region}",
        [p for p in out_parts if p.role == "guest"] or out_parts,
        date=date,
        confidence=0.6,
    )
    extra = []
    for r_start, r in dest_regions[1:]:
        extra.append(
            Candidate(
                etype,
                r_start,
                r_start + len(r),
                sent,
                tok,
                f"v:{who}:{r}",
                f"{who}'s {kind_label} to {r}",
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
