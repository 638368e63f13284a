"""Contacts: meetings, talks, calls and messages between people or states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import place_for
from etl.extract.events.context import Built, Candidate, Context, in_tokens
from etl.extract.events.lexicon import COUNT_WORDS, words_of_kind
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


# What makes a contact remote ("spoke by phone", "held a video call") or face to face
# ("spoke on the sidelines of", "in person").
_REMOTE = frozenset(
    ["phone", "telephone", "telephonically", "video", "videoconference", "virtually", "call"]
)
_VOICE = frozenset(["phone", "telephone", "telephonically"])
_IN_PERSON = frozenset(["sidelines", "margins", "person", "face-to-face"])
# The verbs of which a bare "call" is the object: "held a call with", "joined a call".
_CALL_VERBS = frozenset(
    [
        "hold",
        "held",
        "holds",
        "holding",
        "have",
        "had",
        "has",
        "having",
        "join",
        "joined",
        "conduct",
        "conducted",
        "convened",
        "host",
        "hosted",
    ]
)


def _has_partner(ctx: Context, tokens: list[Token]) -> bool:
    """A person or country named among ``tokens``: someone to speak with."""
    spans = [(t.idx, t.idx + len(t)) for t in tokens]
    return any(
        a <= s < b
        for items in (ctx.persons, ctx.countries)
        for s, _e, _n in items
        for a, b in spans
    )


def _spoken_with(verb: Token) -> list[Token]:
    """The words naming whom ``verb`` spoke with: "with"/"to" and what follows it, right after
    the verb and its adverbials ("spoke today by phone with X"), up to the next clause ("to
    follow up on ...", "about ...", ", reaffirming ..."). The parse is not used for the
    attachment: it often hangs "with X to discuss" on the infinitive."""
    # The text's sentence, not the parser's: the parser may end one inside a long title.
    end = min(verb.sent.end + 40, len(verb.doc))
    k = verb.i + 1
    while k < end and k - verb.i <= 6:
        tok = verb.doc[k]
        if tok.lower_ in ("with", "to") and tok.tag_ != "TO":
            break
        if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
            return []
        k += 1
    else:
        return []
    out = []
    for tok in verb.doc[k : min(end, k + 40)]:
        if tok.tag_ == "TO" or tok.lower_ in ("about", "regarding", "concerning", "on"):
            break
        if tok.text in (".", "!", "?") or tok.is_space:
            break
        if tok.pos_ == "VERB" or tok.text in (";", ":"):
            break
        out.append(tok)
    return out


def speech_contact(ctx: Context, verb: Token) -> str | None:
    """ "spoke today with X", "talked by telephone to X", "phoned X": a call, or a meeting when
    the clause puts the two in one place; None when nobody is spoken with ("spoke to reporters",
    "called for restraint")."""
    partner = _spoken_with(verb)
    if verb.lower_ in ("called", "phoned"):
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "npadvmod", "appos"):
                partner.extend(child.subtree)
    if not partner or not _has_partner(ctx, partner):
        return None
    # How they spoke: the words between the verb and its partner ("spoke today by phone
    # with") and the verb's own adverbials ("on the sidelines of", "virtually"), not a clause
    # after it ("to follow up on their meeting").
    first = min(t.i for t in partner)
    words = {t.lower_ for t in verb.doc[verb.i : first]}
    for child in verb.children:
        if child.dep_ in ("prep", "advmod") and child.i not in {t.i for t in partner}:
            words.update(t.lower_ for t in child.subtree)
    if words & _REMOTE:
        return "call"
    if words & _IN_PERSON:
        return "meeting"
    return "call"


def _receives_someone(ctx: Context, verb: Token) -> bool:
    """ "welcomed X to Washington", "received X", "hosted X": the object is a person or a
    state, not "the decision" or "a call"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":
        objects.append(verb.head)  # "Lee Hsien Loong, who received ..."
    return any(_has_partner(ctx, _noun_phrase(o)) for o in objects)


def _noun_phrase(head: Token) -> list[Token]:
    """The words of a name headed by ``head`` ("Foreign Minister Arjun Rao" of "Rao"), without
    its prepositional tail ("a call from X" is not X)."""
    return [
        t
        for t in head.subtree
        if t is head
        or (t.head is head and t.dep_ in ("compound", "amod", "nmod", "poss"))
        or t.head.dep_ == "compound"
    ]


def _clause_words(verb: Token) -> set[str]:
    """The words of a verb's own clause, without the clauses under it."""
    own = {t.i for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") for t in c.subtree}
    return {t.lower_ for t in verb.subtree if t.i not in own}


def _partners_after(
    ctx: Context, verb: Token, parts: list[EventParticipant]
) -> list[EventParticipant]:
    """The people and states named after "with" right after the verb ("met today with ...
    (UNHCR) Filippo Grandi in Washington") that the parse left out of the verb's clause."""
    partner = _spoken_with(verb)
    if not partner:
        return []
    names = {p.name for p in parts if p.name}
    states = {p.country_iso3 for p in parts if p.country_iso3}
    out = [
        EventParticipant("counterpart", e.name, "person", e.country_iso3)
        for e in in_tokens(ctx.persons, partner)
        if e.name not in names
    ]
    states |= {p.country_iso3 for p in out if p.country_iso3}
    out += [
        EventParticipant("counterpart", None, None, e.name)
        for e in in_tokens(ctx.countries, partner)
        if e.name not in states
    ]
    return out


def _other_side(parts: list[EventParticipant]) -> list[str]:
    """With one person named, the states on the other side of the table ("met with the Gabonese
    Minister of Defense"): countries named beside that person, not the person's own."""
    people = [p for p in parts if p.kind == "person"]
    if len(people) != 1:
        return []
    own = people[0].country_iso3
    return [p.country_iso3 for p in parts if p.kind is None and p.country_iso3 not in (None, own)]


def _is_call_noun(tok: Token) -> bool:
    """A bare "call" is a contact when it is made with someone or held ("a call with",
    "the call between", "held a call"), not an appeal ("a call for restraint")."""
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if preps & {"for", "to", "on"}:
        return False
    if preps & {"with", "between", "among"}:
        return True
    if "from" in preps and tok.head.lower_ in ("received", "receives", "took"):
        return True
    if any(c.lower_ in _REMOTE - {"call"} for c in tok.children):
        return True
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lower_ in _CALL_VERBS


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
    if "courtesy" in low:
        etype = "meeting"  # "paid a courtesy call on the President": a visit to someone
    if low in words_of_kind("speech"):
        kind = speech_contact(ctx, tok)
        if kind is None:
            return None
        etype = kind
    elif low in words_of_kind("receive"):
        if not _receives_someone(ctx, tok):
            return None
    elif low in ("call", "calls") and not _is_call_noun(tok):
        return None
    elif etype == "meeting" and tok.pos_ in ("VERB", "AUX") and _clause_words(tok) & _VOICE:
        # "held talks by phone", "exchanged views over the telephone"; "met virtually" is
        # still a meeting
        etype = "call"
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
    if tok.pos_ in ("VERB", "AUX"):
        parts += _partners_after(ctx, tok, parts)
    people = participant_names(parts, "person")
    if count_of(tok):
        etype = "other"
    elif len(people) < 2 and len(participant_countries(parts)) < 2 and not _other_side(parts):
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
        other = _other_side(parts)
        label = (
            "-".join(people[:2])
            if len(people) >= 2
            else f"{people[0]}-{country_label(other[0])}"
            if len(people) == 1 and other
            else "-".join(country_label(c) for c in participant_countries(parts)[:2])
        )
        name = f"{label} {'phone call' if etype == 'call' else 'meeting'}"
    sides = people + _other_side(parts) if len(people) == 1 else people
    key = f"c:{etype == 'other'}:" + "|".join(sorted(sides or participant_countries(parts)))
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
                    "c:False:" + "|".join(sorted([host.name or "", other.name or ""])),
                    f"{host.name}-{other.name} {'phone call' if etype == 'call' else 'meeting'}",
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
