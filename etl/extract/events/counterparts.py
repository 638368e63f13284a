"""Who a contact is with: the people and states after "with" ("spoke by phone with X"), the
two sides a name pairs ("the Japan-Iran Foreign Ministers' Telephone Talk"), and lists of
counterparts that make one contact each ("met respectively with A, B and C")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.extract.events.context import Candidate, Context, Trigger, in_tokens
from etl.extract.events.lexicon import PRONOUNS
from etl.extract.events.participants import country_label
from etl.facts import Entity, EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def spoken_with(verb: Token) -> list[Token]:
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


def partners_after(
    ctx: Context, verb: Token, parts: list[EventParticipant]
) -> list[EventParticipant]:
    """The people and states named after "with" right after the verb ("met today with ...
    (UNHCR) Filippo Grandi in Washington") that the parse left out of the verb's clause."""
    partner = spoken_with(verb) or _titled_object(verb)
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


def other_side(parts: list[EventParticipant]) -> list[str]:
    """With one person named, the states on the other side of the table ("met with the Gabonese
    Minister of Defense"): countries named beside that person, not the person's own."""
    people = [p for p in parts if p.kind == "person"]
    if len(people) != 1:
        return []
    own = people[0].country_iso3
    return [p.country_iso3 for p in parts if p.kind is None and p.country_iso3 not in (None, own)]


def paired_sides(ctx: Context, tok: Token, parts: list[EventParticipant]) -> list[EventParticipant]:
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


def with_person(ctx: Context, tok: Token) -> Entity | None:
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


def one_per_counterpart(
    ctx: Context, trigger: Trigger, etype: str, parts: list[EventParticipant]
) -> list[Candidate]:
    """ "phone conversations with the leaders of A, B and C", "met respectively with A and B":
    one occurrence per counterpart. A singular meeting with several people ("a meeting with
    A and B") stays one occurrence."""
    tok, sent = trigger.token, trigger.sentence
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
            trigger.candidate(
                etype,
                "c:False:" + "|".join(sorted({who, whom} - {""})),
                f"{who}-{whom} {label}" if who else f"{whom} {label}",
                pair,
                confidence=0.6,
            )
        )
    return out


def _names_in(ctx: Context, token_ids: set[int], sent: Span) -> set[str]:
    words = [sent.doc[i] for i in sorted(token_ids)]
    return {p.name for p in in_tokens(ctx.persons, words)}


def one_per_person(trigger: Trigger, etype: str, parts: list[EventParticipant]) -> list[Candidate]:
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
            trigger.candidate(
                etype,
                f"c:False:{host.name}|{other.name}",
                f"{host.name}-{other.name} {'phone call' if etype == 'call' else 'meeting'}",
                pair,
                confidence=0.6,
            )
        )
    return out


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
