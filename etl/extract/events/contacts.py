"""Contacts: meetings, talks, calls and messages between people or states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import place_for
from etl.extract.events.context import Built, Candidate, Context
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
    subjects = [p for p in parts if p.kind == "person" and p.role == "counterpart"]
    if (
        etype != "other"
        and len(people) >= 3
        and any(t.lower_ in ("respectively", "separately") for t in sent)
    ):
        # "X met respectively with A, B and C": one meeting per counterpart.
        host = next(p for p in parts if p.kind == "person")
        split = []
        for other in (p for p in subjects if p.name != host.name):
            pair = [host, other]
            pair += [
                EventParticipant("counterpart", None, None, c)
                for c in {host.country_iso3, other.country_iso3} - {None}
            ]
            split.append(
                Candidate(
                    etype,
                    start,
                    end,
                    sent,
                    tok,
                    f"c:False:{host.name}|{other.name}",
                    f"{host.name}-{other.name} meeting",
                    pair,
                    date=date,
                    confidence=0.6,
                )
            )
        return split
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
