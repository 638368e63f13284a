"""Participants and their roles: the people, organizations and countries in a trigger's clause,
and the labels made from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from etl.extract.events.context import Context, in_tokens
from etl.extract.events.invitation import invited, inviter_tokens
from etl.extract.events.lexicon import (
    FIRST_PERSON,
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
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            return node
        node = node.head
    return node


# Clauses inside a trigger's clause that are about something else: "at a time when X has
# vowed ...", "tariffs, which X threatens ...", "X said that ...", "and discussed X's plan".
# People named only there are mentioned, not taking part.
_SIDE_CLAUSES = frozenset({"advcl", "relcl", "ccomp", "parataxis", "acl"})


def _side_clause(tok: Token, trigger: Token) -> bool:
    verbal = tok.pos_ in ("VERB", "AUX")
    # A coordinated predicate ("met X and discussed Y") is a clause of its own too.
    coordinated = tok.dep_ == "conj" and verbal and tok.head.pos_ in ("VERB", "AUX")
    clause = tok.dep_ in _SIDE_CLAUSES and verbal  # not a noun the parser took for a clause
    if not (coordinated or clause):
        return False
    # The trigger's own clause is never a side clause.
    return not (tok.left_edge.i <= trigger.i <= tok.right_edge.i)


def argument_tokens(root: Token, trigger: Token) -> list[Token]:
    """The subtree of ``root`` without the side clauses that do not hold ``trigger``."""
    out: list[Token] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if not _side_clause(c, trigger))
    return sorted(out, key=lambda t: t.i)


def _scope(token: Token) -> tuple[int, int, list[Token]]:
    """The character range of the trigger's clause and the subject(s) it shares."""
    verb = _clause_verb(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    node = verb
    for _ in range(4):
        # "agreed to restore ...", "..., holding talks": the subject is the governing verb's.
        if subjects or node.dep_ not in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep"):
            break
        node = node.head
        # "called for deepening ties in ...": climb through the preposition to its verb.
        while node.pos_ == "ADP" and node.head != node:
            node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.pos_ in ("NOUN", "PROPN") and token != verb:
        subtree = argument_tokens(token, token)
        verb_tokens = [verb, *subjects]
        if any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in token.children):
            verb_tokens = []  # "the call between A and B": A and B, whoever mentions it
    else:
        subtree = argument_tokens(verb, token)
        verb_tokens = subjects
    return subtree, [t for s in verb_tokens for t in argument_tokens(s, token)]


_TOPIC = frozenset({"about", "regarding", "concerning", "over"})


def _locative(tok: Token) -> bool:
    """A place the clause happens in ("met in Brussels, Belgium", "talks held at Geneva"), or
    what it is about ("talks about Ukraine"): neither takes part."""
    if tok.dep_ != "pobj":
        return False
    if tok.head.lower_ in _TOPIC:
        return True
    return tok.head.lower_ in ("in", "at") and tok.ent_type_ in ("GPE", "LOC", "FAC")


def _venue_tokens(tokens: list[Token]) -> set[int]:
    return {x.i for t in tokens if _locative(t) for x in t.subtree}


def clause_participants(
    ctx: Context,
    token: Token,
    role_subject: Role,
    role_other: Role,
) -> list[EventParticipant]:
    """The people, organizations and countries that are arguments of the trigger's clause.

    A country named as where the clause happens, or as what it is about, is not a party to
    it; nor is anyone named only in a side clause or a coordinated predicate.
    """
    clause_tokens, subject_tokens = _scope(token)
    venue = _venue_tokens([*clause_tokens, *subject_tokens])
    clause_tokens = [t for t in clause_tokens if t.i not in venue]
    # "At the invitation of Premier X, Y paid a visit ...": X receives, Y is the subject.
    invited_by = inviter_tokens([*clause_tokens, *subject_tokens])
    subject_tokens = [t for t in subject_tokens if t.i not in venue and t.i not in invited_by]
    guests: list[Entity] = []
    if invited_by:
        # The parse often takes the one invited for another inviter (the verb has no subject)
        # or the last inviter for the subject: the one invited is named last before the verb.
        found = invited(ctx, token, invited_by)
        guests = [ent for _s, _e, ent in found]
        if found:
            cut = found[0][0]
            own = [t for t in token.doc if t.i in invited_by and t.idx >= cut]
            invited_by -= {t.i for t in own}
            subject_tokens += own
    if invited_by:
        seen = {t.i for t in clause_tokens}
        clause_tokens += [t for t in token.doc if t.i in invited_by and t.i not in seen]
    subj_people = guests or in_tokens(ctx.persons, subject_tokens)
    subj_countries = in_tokens(ctx.countries, subject_tokens)
    subj_orgs = in_tokens(ctx.orgs, subject_tokens)
    if not subj_people and any(t.lower_ in PRONOUNS for t in subject_tokens):
        # "He met X", "I will visit X": the pronoun is the subject, whoever else is named.
        subj_people = previous_subject(ctx, token)
    elif not subj_people and any(t.lower_ in FIRST_PERSON for t in subject_tokens):
        subj_people = speaker(ctx, token)
    people = subj_people + [
        p for p in in_tokens(ctx.persons, clause_tokens) if p not in subj_people
    ]
    countries = subj_countries + [
        c for c in in_tokens(ctx.countries, clause_tokens) if c not in subj_countries
    ]
    orgs = subj_orgs + [o for o in in_tokens(ctx.orgs, clause_tokens) if o not in subj_orgs]
    out: list[EventParticipant] = []
    for p in people:
        role = role_subject if p in subj_people or not subj_people else role_other
        out.append(EventParticipant(role, p.name, "person", p.country_iso3))
    for o in orgs:
        role = role_subject if o in subj_orgs else role_other
        out.append(EventParticipant(role, o.name, "organization", None))
    # An organization's official brings the organization, not their own state.
    named = {o.name for o in orgs}
    for p in people:
        if p.acts_for and p.acts_for not in named:
            named.add(p.acts_for)
            role = role_subject if p in subj_people or not subj_people else role_other
            out.append(EventParticipant(role, p.acts_for, "organization", None))
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


# Verbs that introduce what someone says: their subject is who "I" is in the quote.
_SAYING = frozenset(
    [
        *("said", "says", "say", "stated", "states", "told", "tells", "added", "adds"),
        *("wrote", "writes", "noted", "notes", "remarked", "announced", "declared", "stressed"),
    ]
)
# How far after a quote its speaker may be named ('"I will visit ...," Wong said.').
_SPEAKER_AFTER = 400


def speaker(ctx: Context, token: Token) -> list[Entity]:
    """The person who says "I" at ``token``: the nearest one named as the subject of a verb
    of saying ("Wong said in a statement"), before the sentence or just after it."""
    if ctx.speakers is None:
        ctx.speakers = []
        for s, e, ent in ctx.persons:
            span = ctx.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in _SAYING:
                ctx.speakers.append((s, ent))
    at = token.sent.start_char
    before = [ent for s, ent in ctx.speakers if s < at]
    if before:
        return before[-1:]
    after = [ent for s, ent in ctx.speakers if at <= s < token.sent.end_char + _SPEAKER_AFTER]
    return after[:1]


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
    officials = {e.name for _s, _e, e in ctx.persons if e.acts_for}
    if any(p.kind == "person" and p.name in officials for p in parts):
        # The actors are named and act for organizations: no state takes part through them,
        # and a state merely named nearby does not either.
        return []
    # Where the sentence's occurrence took place ("in Brussels, Belgium") is not who took part.
    found = _countries_not_venues(ctx, list(sent))
    if not found:
        paragraph = ctx.paragraph_of(sent.start_char)
        start = ctx.paragraph_starts[paragraph]
        before = ctx.doc.char_span(start, sent.start_char, alignment_mode="expand")
        found = _countries_not_venues(ctx, list(before) if before is not None else [])
    return [
        EventParticipant("participant", None, None, c.name) for c in found if c.name not in have
    ]


def _countries_not_venues(ctx: Context, tokens: list[Token]) -> list[Entity]:
    venue = _venue_tokens(tokens)
    return in_tokens(ctx.countries, [t for t in tokens if t.i not in venue])
