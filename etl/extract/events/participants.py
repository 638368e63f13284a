"""Participants and their roles: the people, organizations and countries in a trigger's clause,
and the labels made from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from etl.extract.events.context import Context, in_tokens, within
from etl.extract.events.lexicon import (
    ORDINAL,
    ORDINAL_WORDS,
    PRONOUNS,
    STOP_NAME_WORDS,
    norm,
)
from etl.extract.events.modality import modality
from etl.extract.reference import country_names
from etl.facts import Entity, EventParticipant, Role

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def is_irrealis(token: Token) -> bool:
    """Future, modal, planned, negated or quantified away: the clause does not report an
    occurrence that happened (a scheduled one is ``modality(token) == "future"``)."""
    return modality(token) != "real"


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _scope(token: Token) -> tuple[int, int, list[Token]]:
    """The character range of the trigger's clause and the subject(s) it shares."""
    verb = _clause_verb(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    node = verb
    for _ in range(4):
        # "agreed to restore ...", "..., holding talks": the subject is the governing verb's.
        if subjects or node.dep_ not in ("conj", "xcomp", "advcl", "acl", "pcomp"):
            break
        node = node.head
        # "called for deepening ties in ...": climb through the preposition to its verb.
        while node.pos_ == "ADP" and node.head is not node:
            node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.pos_ in ("NOUN", "PROPN") and token is not verb:
        subtree = list(token.subtree)
        verb_tokens = [verb, *subjects]
    else:
        subtree = list(verb.subtree)
        verb_tokens = subjects
    start = min(t.idx for t in subtree)
    end = max(t.idx + len(t) for t in subtree)
    return start, end, [t for s in verb_tokens for t in s.subtree]


def clause_participants(
    ctx: Context, token: Token, role_subject: Role, role_other: Role
) -> list[EventParticipant]:
    start, end, subject_tokens = _scope(token)
    subj_people = in_tokens(ctx.persons, subject_tokens)
    subj_countries = in_tokens(ctx.countries, subject_tokens)
    subj_orgs = in_tokens(ctx.orgs, subject_tokens)
    people = subj_people + [p for p in within(ctx.persons, start, end) if p not in subj_people]
    countries = subj_countries + [
        c for c in within(ctx.countries, start, end) if c not in subj_countries
    ]
    orgs = subj_orgs + [o for o in within(ctx.orgs, start, end) if o not in subj_orgs]
    if not people and any(t.lower_ in PRONOUNS for t in subject_tokens):
        people = previous_subject(ctx, token)
    out: list[EventParticipant] = []
    for p in people:
        role = role_subject if p in subj_people or not subj_people else role_other
        out.append(EventParticipant(role, p.name, "person", p.country_iso3))
    for o in orgs:
        role = role_subject if o in subj_orgs else role_other
        out.append(EventParticipant(role, o.name, "organization", None))
    covered = {p.country_iso3 for p in out if p.country_iso3}
    for c in countries:
        if c.name not in covered:
            role = role_subject if c in subj_countries else role_other
            out.append(EventParticipant(role, None, None, c.name))
    return out


def previous_subject(ctx: Context, token: Token) -> list[Entity]:
    """The person a pronoun subject ("He also attended ...") most likely refers to: the last
    person named before this sentence."""
    before = [ent for s, _e, ent in ctx.persons if s < token.sent.start_char]
    return before[-1:] if before else []


def participant_names(parts: Iterable[EventParticipant], kind: str) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p.kind == kind and p.name and p.name not in out:
            out.append(p.name)
    return out


def country_label(iso3: str) -> str:
    return country_names().get(iso3, iso3)


def participant_countries(parts: Iterable[EventParticipant]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p.country_iso3 and p.country_iso3 not in out:
            out.append(p.country_iso3)
    return out


def content_key(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", norm(text))
    return frozenset(
        w
        for w in words
        if w not in STOP_NAME_WORDS and not ORDINAL.match(w) and w not in ORDINAL_WORDS
    )


def phrase(tok: Token) -> str:
    sub = [t for t in tok.subtree if not t.is_punct or t.text in ("-", "'", "’")]
    if not sub:
        return tok.text
    text = tok.doc.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
    text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())[:120]


def sentence_countries(
    ctx: Context, sent: Span, parts: list[EventParticipant]
) -> list[EventParticipant]:
    """Countries of an occurrence whose actors are not named ("The countries renewed ..."):
    those of its sentence, else of the sentence before it in the paragraph."""
    have = {p.country_iso3 for p in parts}
    found = within(ctx.countries, sent.start_char, sent.end_char)
    if not found:
        paragraph = ctx.paragraph_of(sent.start_char)
        start = ctx.paragraph_starts[paragraph]
        found = within(ctx.countries, start, sent.start_char)
    return [
        EventParticipant("participant", None, None, c.name) for c in found if c.name not in have
    ]
