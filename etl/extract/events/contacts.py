"""Contacts: meetings, talks, calls and messages between people or states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import place_for
from etl.extract.events.context import Built, Candidate, Context, in_tokens
from etl.extract.events.lexicon import COUNT_WORDS
from etl.extract.events.participants import (
    clause_participants,
    country_label,
    participant_countries,
    participant_names,
)
from etl.facts import EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def count_of(tok: Token) -> bool:
    """ "three meetings", "met three times", "over 130 talks": a count, not one occurrence."""
    for child in tok.children:
        if child.dep_ == "nummod" or child.lower_ in COUNT_WORDS:
            return True
        if child.lower_ == "times" or (child.dep_ == "npadvmod" and "times" in child.text):
            return True
        if child.dep_ in ("npadvmod", "advmod") and any(g.lower_ == "times" for g in child.subtree):
            return True
    return False


def contact(
    ctx: Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[Candidate],
) -> Built:
    etype: str = "call" if any(w in low for w in ("phone", "telephon", "call")) else "meeting"
    if etype == "meeting" and tok.pos_ in ("NOUN", "PROPN"):
        words = {t.lower_ for t in tok.subtree}
        if {"video", "virtual"} & words:
            etype = "meeting"
        if (
            low in ("meeting", "meetings")
            and tok.head.lower_ in ("of", "at")
            and any(c.text[:1].isupper() for c in tok.children)
        ):
            return None
        if {"phone", "telephone"} & words:
            etype = "call"
    parts = clause_participants(ctx, tok, "counterpart", "counterpart")
    people = participant_names(parts, "person")
    if count_of(tok):
        etype = "other"
    elif len(people) < 2 and len(participant_countries(parts)) < 2:
        # "the meeting" alone refers back to an occurrence already reported.
        return Candidate(etype, start, end, sent, tok, "anaphor:contact", "", parts, date=date)
    if etype == "other":
        label = " and ".join(people) or " and ".join(
            country_label(c) for c in participant_countries(parts)
        )
        if not label:
            return None
        name = f"Meetings between {label}"
    else:
        label = (
            "-".join(people[:2])
            if len(people) >= 2
            else "-".join(country_label(c) for c in participant_countries(parts)[:2])
        )
        name = f"{label} {'phone call' if etype == 'call' else 'meeting'}"
    key = f"c:{etype == 'other'}:" + "|".join(sorted(people or participant_countries(parts)))
    limit = min(sent.end_char, end + 120)
    if etype != "other":
        split = _one_per_counterpart(ctx, sent, tok, etype, parts, start, end, date)
        if split:
            return split
        if len(people) >= 3 and any(t.lower_ in ("respectively", "separately") for t in sent):
            # "X met respectively with A; B and C": a list the parse did not coordinate.
            return _one_per_person(sent, tok, etype, parts, start, end, date)
    return Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        key,
        name,
        parts,
        date=date,
        location=place_for(ctx, start, end, limit),
        confidence=0.7,
    )


def message(
    ctx: Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[Candidate],
) -> Built:
    verb = tok if tok.pos_ == "VERB" else tok.head
    if tok.pos_ == "NOUN" and not re.match(
        r"(sent|send|extend|convey|deliver|offer|express)", verb.lower_
    ):
        return None
    parts = clause_participants(ctx, verb, "sender", "recipient")
    people = participant_names(parts, "person")
    if not people:
        return None
    kind = "condolences" if "condolence" in low else "congratulatory message"
    name = f"{people[0]}'s {kind}" + (f" to {people[1]}" if len(people) > 1 else "")
    return Candidate(
        "message",
        start,
        end,
        sent,
        tok,
        "m:" + "|".join(sorted(people)),
        name,
        parts,
        date=date,
        confidence=0.6,
    )


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def _own_tokens(tok: Token) -> list[Token]:
    """A conjunct's words without the conjuncts hanging from it."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.i > tok.i):
            skip.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if t.i not in skip]


def counterpart_list(tok: Token) -> list[list[Token]]:
    """The coordinated counterparts after "with" ("with A, B and C", "with leaders of A, B and
    C"), each as its own words; empty unless there are two or more."""
    owners = [tok]
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ == "dobj":
        owners.append(tok.head)  # "held talks with ...": the "with" may hang on the verb
    for owner in owners:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                items = _conjuncts(obj)
                if len(items) < 2:
                    inner = [
                        g
                        for p in obj.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children
                        if g.dep_ == "pobj"
                    ]
                    if inner and len(_conjuncts(inner[0])) >= 2:
                        items = _conjuncts(inner[0])
                if len(items) >= 2:
                    return [_own_tokens(t) for t in items]
    return []


def _one_per_counterpart(
    ctx: Context,
    sent: Span,
    tok: Token,
    etype: str,
    parts: list[EventParticipant],
    start: int,
    end: int,
    date: ResolvedDate | None,
) -> list[Candidate]:
    """ "phone conversations with the leaders of A, B and C", "met respectively with A and B":
    one occurrence per counterpart. A singular meeting with several people ("a meeting with
    A and B") stays one occurrence."""
    plural = tok.tag_ in ("NNS", "NNPS") or any(
        t.lower_ in ("respectively", "separately") for t in sent
    )
    if not plural and not (etype == "call" and tok.pos_ in ("VERB", "AUX")):
        return []
    groups = counterpart_list(tok)
    if not groups:
        return []
    others: list[tuple[EventParticipant | None, str | None]] = []
    inside: set[int] = set()
    for words in groups:
        inside.update(t.i for t in words)
        people = in_tokens(ctx.persons, words)
        nations = in_tokens(ctx.countries, words)
        if people:
            p = people[0]
            others.append((EventParticipant("counterpart", p.name, "person", p.country_iso3), None))
        elif nations:
            others.append((None, nations[0].name))
    if len(others) < 2:
        return []
    hosts = [p for p in parts if p.kind == "person" and p.name not in _names_in(ctx, inside, sent)]
    host = hosts[0] if hosts else None
    host_country = host.country_iso3 if host else None
    if host is None:
        side = [p.country_iso3 for p in parts if p.kind is None and p.country_iso3]
        host_country = next(
            (
                c
                for c in side
                if all(c != o[1] and (o[0] is None or c != o[0].country_iso3) for o in others)
            ),
            None,
        )
    if host is None and host_country is None:
        return []
    out: list[Candidate] = []
    label = "phone call" if etype == "call" else "meeting"
    for person, country in others:
        pair: list[EventParticipant] = [host] if host else []
        other_country = person.country_iso3 if person else country
        if person:
            pair.append(person)
        covered = {p.country_iso3 for p in pair}
        pair += [
            EventParticipant("counterpart", None, None, c)
            for c in dict.fromkeys((host_country, other_country))
            if c and c not in covered
        ]
        who = host.name if host else country_label(host_country or "")
        whom = person.name if person else country_label(country or "")
        out.append(
            Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                "c:False:" + "|".join(sorted({who, whom})),
                f"{who}-{whom} {label}",
                pair,
                date=date,
                confidence=0.6,
            )
        )
    return out


def _names_in(ctx: Context, token_ids: set[int], sent: Span) -> set[str]:
    words = [sent.doc[i] for i in sorted(token_ids)]
    return {p.name for p in in_tokens(ctx.persons, words)}


def _one_per_person(
    sent: Span,
    tok: Token,
    etype: str,
    parts: list[EventParticipant],
    start: int,
    end: int,
    date: ResolvedDate | None,
) -> list[Candidate]:
    host = next(p for p in parts if p.kind == "person")
    out = []
    for other in (p for p in parts if p.kind == "person" and p.name != host.name):
        pair = [host, other]
        pair += [
            EventParticipant("counterpart", None, None, c)
            for c in dict.fromkeys((host.country_iso3, other.country_iso3))
            if c is not None
        ]
        out.append(
            Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                f"c:False:{host.name}|{other.name}",
                f"{host.name}-{other.name} {'phone call' if etype == 'call' else 'meeting'}",
                pair,
                date=date,
                confidence=0.6,
            )
        )
    return out
