"""Contacts: meetings, talks, calls and messages between people or states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import place_for
from etl.extract.events.context import Built, Candidate, Context, in_tokens
from etl.extract.events.lexicon import COUNT_WORDS, MET_REQUIREMENTS, PRONOUNS, words_of_kind
from etl.extract.events.participants import (
    clause_participants,
    content_key,
    country_label,
    participant_countries,
    participant_names,
)
from etl.facts import Entity, EventParticipant

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
    # "hosted the third Canada-Chile Working Group meeting": the occurrence hosted is its own
    # trigger, and the states in its name are not guests.
    objects = [o for o in objects if not _names_an_occurrence(o)]
    return any(_has_partner(ctx, _noun_phrase(o)) for o in objects)


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
        if t is head
        # A name's words before its head are the name and its title, however parsed.
        or (head.pos_ == "PROPN" and t.i < head.i)
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
    partner = _spoken_with(verb) or _titled_object(verb)
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


def _titled_object(verb: Token) -> list[Token]:
    """The words of a met person's title and name when the parse cut the name off the title
    ("meet Prime Minister the Hon X"): from the verb's object to the end of the name."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.text[:1].isupper()]
    if not objs:
        return []
    out = []
    for tok in verb.doc[objs[0].i : min(len(verb.doc), objs[0].i + 8)]:
        if not (tok.text[:1].isupper() or tok.lower_ in ("the", "of", "-")):
            break
        out.append(tok)
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
    made = _contact(ctx, sent, tok, low, start, end, date)
    topics = tuple(sorted(_topics(ctx, tok)))
    for cand in made if isinstance(made, list) else [made] if made else []:
        cand.topics = topics
    return made


def _contact(
    ctx: Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
) -> Built:
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
    topics = _topics(ctx, tok)
    parts = [
        p
        for p in clause_participants(ctx, tok, "counterpart", "counterpart")
        if (p.name or p.country_iso3) not in topics
    ]
    if tok.pos_ in ("VERB", "AUX"):
        parts += _partners_after(ctx, tok, parts)
    else:
        parts = _paired_sides(ctx, tok, parts)
    people = participant_names(parts, "person")
    if tok.pos_ == "NOUN" and low in ("meeting", "meetings") and not count_of(tok):
        body = _meeting_of_body(ctx, sent, tok, parts, start, end, date)
        if body is not None:
            return body
    if count_of(tok):
        etype = "other"
    elif len(people) < 2 and len(participant_countries(parts)) < 2 and not _other_side(parts):
        other = _with_person(ctx, tok)
        if other is not None and people in ([], [other.name]):
            # "held a meeting with his envoy Hans Grundberg", "the meeting with Lighthizer on
            # the 23rd": one side is named; the other is the text's subject or speaker.
            return Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                f"c:False:{other.name}",
                f"{other.name} {'phone call' if etype == 'call' else 'meeting'}",
                parts
                or [EventParticipant("counterpart", other.name, "person", other.country_iso3)],
                date=date,
                location=place_for(ctx, start, end, min(sent.end_char, end + 120)),
                confidence=0.5,
            )
        body = _body_met(ctx, sent, tok, etype, parts, start, end, date)
        if body is not None:
            return body
        # "the meeting" alone refers back to an occurrence already reported.
        return Candidate(etype, start, end, sent, tok, "anaphor:contact", "", parts, date=date)
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
    groups = counterpart_list(tok) or _listed_people(ctx, tok)
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
    if _pronoun_subject(tok):
        # "He held discussions with A; B; C": who "he" is is not this sentence's to say.
        host, host_country = None, None
    if host is None and host_country is None and any(c for _p, c in others):
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
        who = host.name if host else country_label(host_country) if host_country else ""
        whom = person.name if person else country_label(country or "")
        out.append(
            Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                "c:False:" + "|".join(sorted({who, whom} - {""})),
                f"{who}-{whom} {label}" if who else f"{whom} {label}",
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


def _with_person(ctx: Context, tok: Token) -> Entity | None:
    """The one person after "with" on a contact noun or its verb ("a meeting with X",
    "held talks with X")."""
    owners = [tok]
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ == "dobj":
        owners.append(tok.head)
    for owner in owners:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"):
            found = in_tokens(ctx.persons, list(prep.subtree))
            if len(found) == 1:
                return found[0]
    return None


def _listed_people(ctx: Context, tok: Token) -> list[list[Token]]:
    """ "discussions with, in order, A, President of X; B, ...; C": a list the parse did not
    coordinate. Each person after "with" is a counterpart when there are three or more."""
    owners = [tok]
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ == "dobj":
        owners.append(tok.head)
    for owner in owners:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"):
            # The parse may hang the list on the noun rather than on "with".
            words = [t for t in owner.subtree if t.i > prep.i]
            if not words:
                continue
            lo, hi = words[0].idx, words[-1].idx + len(words[-1])
            spans = [(s, e) for s, e, _p in ctx.persons if lo <= s and e <= hi]
            if len(spans) >= 3:
                return [[t for t in words if s <= t.idx < e] for s, e in spans]
    return []


def _pronoun_subject(tok: Token) -> bool:
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    return any(c.dep_ == "nsubj" and c.lower_ in PRONOUNS for c in verb.children)


# Prepositions that introduce what a contact was about, not who took part ("talks on the
# situation in Ukraine", "a meeting regarding Iran").
_TOPIC_PREPS = frozenset({"on", "about", "regarding", "concerning", "over"})


def _paired_sides(
    ctx: Context, tok: Token, parts: list[EventParticipant]
) -> list[EventParticipant]:
    """The sides of a contact whose name pairs two states ("the Japan-Iran Foreign Ministers'
    Telephone Talk"): those two, whatever else the clause names. Two such talks in one
    sentence stay two."""
    before = [t for t in tok.subtree if t.i < tok.i]
    if not any(t.text in ("-", "–") for t in before):
        return parts
    paired = [c.name for c in in_tokens(ctx.countries, before)]
    if len(paired) != 2:
        return parts
    # The named sides first, in the order the name gives them.
    others = [p for p in parts if p.name is not None and p.country_iso3 in (None, *paired)]
    return [EventParticipant("counterpart", None, None, iso3) for iso3 in paired] + others


def _topics(ctx: Context, tok: Token) -> frozenset[str]:
    """The people and countries a contact was about ("held talks on the situation in X")."""
    topic: list[Token] = []
    # "held talks on X": the preposition hangs on the noun or on the verb holding it.
    owners = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    if tok.dep_ == "dobj":
        owners.append(tok.head)
    for owner in owners:
        for prep in (c for c in owner.children if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS):
            topic.extend(prep.subtree)
    if not topic:
        return frozenset()
    return frozenset(
        {e.name for e in in_tokens(ctx.countries, topic)}
        | {e.name for e in in_tokens(ctx.persons, topic)}
    )


def _meeting_of_body(
    ctx: Context,
    sent: Span,
    tok: Token,
    parts: list[EventParticipant],
    start: int,
    end: int,
    date: ResolvedDate | None,
) -> Candidate | None:
    """ "an informal meeting of the members of the European Council": a meeting of an
    institution's members is a gathering named by its phrase, its parties the institution."""
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        words = list(prep.subtree)
        bodies = in_tokens(ctx.orgs, words)
        if not bodies:
            continue
        left = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")]
        first = min((t.idx for c in left for t in c.subtree), default=tok.idx)
        last = words[-1].idx + len(words[-1])
        name = " ".join(ctx.text[first:last].split())
        name = name[:1].upper() + name[1:]
        people = [p for p in parts if p.kind == "person"]
        return Candidate(
            "meeting",
            start,
            end,
            sent,
            tok,
            "g:" + " ".join(sorted(content_key(name))),
            name,
            [
                *people,
                *(EventParticipant("attendee", b.name, "organization", None) for b in bodies),
            ],
            date=date,
            confidence=0.5,
            named=True,
        )
    return None


def _body_met(
    ctx: Context,
    sent: Span,
    tok: Token,
    etype: str,
    parts: list[EventParticipant],
    start: int,
    end: int,
    date: ResolvedDate | None,
) -> Candidate | None:
    """ "We, the Leaders of the G7, met virtually on December 6": the members of one
    institution met; the meeting is the institution's."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [t for c in tok.children if c.dep_ == "nsubj" for t in c.subtree]
    bodies = in_tokens(ctx.orgs, subjects)
    if len(bodies) != 1:
        return None
    words = {t.lower_ for t in subjects}
    who = "leaders'" if "leaders" in words else "ministers'" if "ministers" in words else ""
    kind = "call" if etype == "call" else "meeting"
    name = " ".join(filter(None, (bodies[0].short_name or bodies[0].name, who, kind)))
    if any(t.lower_ in ("virtually", "virtual", "online") for t in tok.subtree):
        name = name.replace(f" {kind}", f" virtual {kind}")
    return Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        "g:" + " ".join(sorted(content_key(name))),
        name,
        parts
        if any(p.name == bodies[0].name for p in parts)
        else [*parts, EventParticipant("attendee", bodies[0].name, "organization", None)],
        date=date,
        confidence=0.5,
        named=True,
    )
