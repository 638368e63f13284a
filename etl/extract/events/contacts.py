"""Contacts: meetings, talks, calls and messages between people or states. Who is on each side
is ``counterparts``' to say; a meeting of an institution's members is ``body_meetings``'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.events.attach import place_after
from etl.extract.events.body_meetings import body_met, meeting_of_body
from etl.extract.events.context import Built, Candidate, Context, Trigger, in_tokens
from etl.extract.events.counterparts import (
    one_per_counterpart,
    one_per_person,
    other_side,
    paired_sides,
    partners_after,
    with_person,
)
from etl.extract.events.lexicon import COUNT_WORDS, MET_REQUIREMENTS, words_of_kind
from etl.extract.events.participants import (
    clause_participants,
    country_label,
    participant_countries,
    participant_names,
)
from etl.extract.events.spoken import REMOTE, SPOKEN, VOICE, has_partner, speech_contact
from etl.facts import EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Token


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


def _hosted_visits(ctx: Context, trigger: Trigger) -> list[Candidate]:
    """ "President X hosted Prime Minister Y of Z": Y's visit to X's country too, when the two
    act for different states."""
    verb = trigger.token
    subjects = [t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree]
    hosts = in_tokens(ctx.persons, subjects)
    host = hosts[0].country_iso3 if hosts else None
    if host is None:
        return []
    out: list[Candidate] = []
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        # "Prime Minister Y of Z": the state follows the name.
        named = [c.name for c in in_tokens(ctx.countries, list(obj.subtree))]
        for guest in in_tokens(ctx.persons, _noun_phrase(obj)):
            state = guest.country_iso3 or (named[0] if len(named) == 1 else None)
            if state is None or state == host:
                continue
            parts = [
                EventParticipant("guest", guest.name, "person", guest.country_iso3),
                EventParticipant("guest", None, None, state),
                EventParticipant("host", None, None, host),
            ]
            name = f"{guest.name}'s visit to {country_label(host)}"
            out.append(
                trigger.candidate("visit", f"v:{guest.name}:{host}", name, parts, confidence=0.6)
            )
    return out


def _receives_someone(ctx: Context, verb: Token) -> bool:
    """ "welcomed X to Washington", "received X", "hosted X": the object is a person or a
    state, not "the decision" or "a call"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":
        objects.append(verb.head)  # "Lee Hsien Loong, who received ..."
    # "hosted the third Canada-Chile Working Group meeting": the occurrence hosted is its own
    # trigger, and the states in its name are not guests.
    objects = [o for o in objects if not _names_an_occurrence(o)]
    return any(has_partner(ctx, _noun_phrase(o)) for o in objects)


def _names_an_occurrence(head: Token) -> bool:
    low = head.lower_.replace("’", "'")
    return low in words_of_kind("gathering") or low in words_of_kind("noun")


def _for_a_gathering(verb: Token) -> bool:
    """ "Delegations met in Nairobi for the second Energy Policy Dialogue": the meeting is
    that gathering, reported by its own name."""
    return any(
        o.lower_ in words_of_kind("gathering")
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _noun_phrase(head: Token) -> list[Token]:
    """The words of a name headed by ``head`` ("Foreign Minister Arjun Rao" of "Rao"), without
    its prepositional tail ("a call from X" is not X)."""
    return [
        t
        for t in head.subtree
        if t == head
        # A name's words before its head are the name and its title, however parsed.
        or (head.pos_ == "PROPN" and t.i < head.i)
        # An owner in the possessive is not the one received: "Rao's counterpart" is not Rao.
        or (t.head == head and t.dep_ in ("compound", "amod", "nmod"))
        or t.head.dep_ == "compound"
    ]


def _clause_words(verb: Token) -> set[str]:
    """The words of a verb's own clause, without the clauses under it."""
    own = {t.i for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") for t in c.subtree}
    return {t.lower_ for t in verb.subtree if t.i not in own}


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
    if any(c.lower_ in REMOTE - {"call"} for c in tok.children):
        return True
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lower_ in _CALL_VERBS


def contact(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    made = _contact(ctx, trigger)
    topics = tuple(sorted(_topics(ctx, trigger.token)))
    assumed = trigger.low in words_of_kind("speech") and (
        speech_contact(ctx, trigger.token) == SPOKEN
    )
    for cand in made if isinstance(made, list) else [made] if made else []:
        cand.topics = topics
        cand.assumed = assumed and cand.event_type == "call"
    if made and trigger.low in ("hosted", "hosts", "hosting"):
        visits = _hosted_visits(ctx, trigger)
        if visits:
            return [*(made if isinstance(made, list) else [made]), *visits]
    return made


def _contact(ctx: Context, trigger: Trigger) -> Built:
    tok, low, sent = trigger.token, trigger.low, trigger.sentence
    if tok.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lower_ in MET_REQUIREMENTS for c in tok.children
    ):
        return None  # "helping the region meet its climate targets"
    if tok.pos_ == "VERB" and _for_a_gathering(tok):
        return None
    etype: str = "call" if any(w in low for w in ("phone", "telephon", "call")) else "meeting"
    if "courtesy" in low:
        etype = "meeting"  # "paid a courtesy call on the President": a visit to someone
    if low in words_of_kind("speech"):
        kind = speech_contact(ctx, tok)
        if not kind:
            return None
        etype = "call" if kind == SPOKEN else kind
    elif low in words_of_kind("receive"):
        if not _receives_someone(ctx, tok):
            return None
    elif low in ("call", "calls") and not _is_call_noun(tok):
        return None
    elif etype == "meeting" and tok.pos_ in ("VERB", "AUX") and _clause_words(tok) & VOICE:
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
    topics = _topics(ctx, tok)
    parts = [
        p
        for p in clause_participants(ctx, tok, "counterpart", "counterpart")
        if (p.name or p.country_iso3) not in topics
    ]
    if tok.pos_ in ("VERB", "AUX"):
        parts += partners_after(ctx, tok, parts)
    else:
        parts = paired_sides(ctx, tok, parts)
    people = participant_names(parts, "person")
    if tok.pos_ == "NOUN" and low in ("meeting", "meetings") and not count_of(tok):
        body = meeting_of_body(ctx, trigger, parts)
        if body is not None:
            return body
    if count_of(tok):
        etype = "other"
    elif len(people) < 2 and len(participant_countries(parts)) < 2 and not other_side(parts):
        other = with_person(ctx, tok)
        if other is not None and people in ([], [other.name]):
            # "held a meeting with his envoy Hans Grundberg", "the meeting with Lighthizer on
            # the 23rd": one side is named; the other is the text's subject or speaker.
            return trigger.candidate(
                etype,
                f"c:False:{other.name}",
                f"{other.name} {'phone call' if etype == 'call' else 'meeting'}",
                parts
                or [EventParticipant("counterpart", other.name, "person", other.country_iso3)],
                location=place_after(ctx, trigger, 120),
                confidence=0.5,
            )
        body = body_met(ctx, trigger, etype, parts)
        if body is not None:
            return body
        # "the meeting" alone refers back to an occurrence already reported.
        return trigger.candidate(etype, "anaphor:contact", "", parts)
    if etype == "other":
        states = in_tokens(ctx.countries, list(sent))
        if len(states) >= 2 and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.subtree):
            # "China and Brazil held two dialogues, and four meetings of their working groups":
            # "their" is the states the sentence names.
            parts = [EventParticipant("counterpart", None, None, c.name) for c in states]
            people = []
        label = " and ".join(people) or " and ".join(
            country_label(c) for c in participant_countries(parts)
        )
        if not label:
            return None
        name = f"Meetings between {label}"
    else:
        other = other_side(parts)
        label = (
            "-".join(people[:2])
            if len(people) >= 2
            else f"{people[0]}-{country_label(other[0])}"
            if len(people) == 1 and other
            else "-".join(country_label(c) for c in participant_countries(parts)[:2])
        )
        name = f"{label} {'phone call' if etype == 'call' else 'meeting'}"
    sides = people + other_side(parts) if len(people) == 1 else people
    key = f"c:{etype == 'other'}:" + "|".join(sorted(sides or participant_countries(parts)))
    if etype != "other":
        split = one_per_counterpart(ctx, trigger, etype, parts)
        if split:
            return split
        if len(people) >= 3 and any(t.lower_ in ("respectively", "separately") for t in sent):
            # "X met respectively with A; B and C": a list the parse did not coordinate.
            return one_per_person(trigger, etype, parts)
    return trigger.candidate(
        etype, key, name, parts, location=place_after(ctx, trigger, 120), confidence=0.7
    )


def message(ctx: Context, trigger: Trigger, gatherings: list[Candidate]) -> Built:
    tok = trigger.token
    verb = tok if tok.pos_ == "VERB" else tok.head
    if tok.pos_ == "NOUN" and not re.match(
        r"(sent|send|extend|convey|deliver|offer|express)", verb.lower_
    ):
        return None
    parts = clause_participants(ctx, verb, "sender", "recipient")
    people = participant_names(parts, "person")
    if not people:
        return None
    kind = "condolences" if "condolence" in trigger.low else "congratulatory message"
    name = f"{people[0]}'s {kind}" + (f" to {people[1]}" if len(people) > 1 else "")
    return trigger.candidate(
        "message", "m:" + "|".join(sorted(people)), name, parts, confidence=0.6
    )


# Prepositions that introduce what a contact was about, not who took part ("talks on the
# situation in Ukraine", "a meeting regarding Iran").
_TOPIC_PREPS = frozenset({"on", "about", "regarding", "concerning", "over"})


def _topics(ctx: Context, tok: Token) -> frozenset[str]:
    """The people and countries a contact was about ("held talks on the situation in X")."""
    topic: list[Token] = []
    # "held talks on X": the preposition hangs on the noun or on the verb holding it.
    owners = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    if tok.dep_ == "dobj":
        owners.append(tok.head)
    for owner in owners:
        # "a courtesy call on the President": whom the call is paid to, not its topic.
        paid = owner.lower_ in ("call", "calls", "called")
        for prep in (
            c
            for c in owner.children
            if c.dep_ == "prep"
            and c.lower_ in _TOPIC_PREPS
            and not (paid and c.lower_ in ("on", "upon"))
        ):
            topic.extend(prep.subtree)
    if not topic:
        return frozenset()
    return frozenset(
        {e.name for e in in_tokens(ctx.countries, topic)}
        | {e.name for e in in_tokens(ctx.persons, topic)}
    )
