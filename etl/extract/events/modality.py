"""Whether a trigger's clause reports an occurrence: ``real`` (it happened or is happening),
``future`` (it is announced as coming: "will visit Turkey on June 9", "is scheduled to
travel") or ``irrealis`` (modal, planned, hoped for, negated, hypothetical, or quantified away:
"could meet", "plans to visit", "did not sign", "adoption of any resolution").

A future occurrence is an event only when the text schedules it (a day-precise date of its
own, see ``find``); the rest of the irrealis family never is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from etl.extract.events.lexicon import words_of_kind

if TYPE_CHECKING:
    from spacy.tokens import Token

Modality = Literal["real", "future", "irrealis"]

# A determiner that quantifies the occurrence away ("any resolution", "no agreement", "every
# meeting"): the noun phrase does not refer to one occurrence.
_NON_REFERRING = frozenset({"any", "no", "every", "each", "whatever", "whichever", "neither"})
# Conjunctions that open a condition or a hypothesis: "if the two sides meet", "unless ...".
_CONDITIONAL = frozenset({"if", "unless", "whether", "lest", "once"})


def _non_referring(token: Token) -> bool:
    if token.pos_ in ("VERB", "AUX"):
        # "no agreement was signed", "did they sign any deal": the verb's object.
        return any(
            d.dep_ == "det" and d.lower_ in _NON_REFERRING
            for c in token.children
            if c.dep_ in ("dobj", "nsubjpass")
            for d in c.children
        )
    node = token
    for _ in range(3):
        if any(c.dep_ == "det" and c.lower_ in _NON_REFERRING for c in node.children):
            return True
        # "the adoption of any resolution": the quantifier sits on the object of "of".
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                if any(d.dep_ == "det" and d.lower_ in _NON_REFERRING for d in obj.children):
                    return True
        if node.pos_ in ("VERB", "AUX") or node.head == node:
            break
        node = node.head
    return False


def _present_at(verb: Token) -> bool:
    """ "is in Bali to attend ...": being somewhere for a purpose is the purpose under way."""
    return verb.lower_ in ("is", "was", "are", "were", "been") and any(
        c.dep_ == "prep" and c.lower_ in ("in", "at") for c in verb.children
    )


def modality(token: Token) -> Modality:
    """Walk from ``token`` up its governors: the first blocker makes the clause irrealis; a
    future marker ("will", "scheduled to") makes it future unless a blocker sits higher up."""
    blockers = words_of_kind("blocker")
    futures = words_of_kind("future")
    realizers = words_of_kind("realizer")
    if _non_referring(token):
        return "irrealis"
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in blockers:
            return "irrealis"
        if child.dep_ == "amod" and child.lower_ in futures:
            return "future"
    future = False
    node = token
    # An occurrence named after a preposition of a purpose clause ("met today to follow up on
    # the call") is not what the infinitive leaves open.
    via_prep = False
    for _ in range(12):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in blockers:
                return "irrealis"
            if child.dep_ in ("aux", "auxpass") and child.lower_ in futures:
                future = True
            if child.dep_ == "neg":
                return "irrealis"
            if child.dep_ == "mark" and child.lower_ in _CONDITIONAL:
                return "irrealis"
            if child.dep_ == "aux" and child.tag_ == "TO" and not via_prep:
                head = node.head
                if head.lower_ in futures:
                    future = True
                elif (
                    head.lower_ not in realizers
                    and not _present_at(head)
                    and node.dep_ in ("xcomp", "acl", "advcl")
                ):
                    return "irrealis"
        if node.dep_ == "pobj" and token.pos_ in ("NOUN", "PROPN"):
            via_prep = True
        if node.lower_ in blockers and node.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            return "irrealis"
        if node.lower_ in futures and node.pos_ in ("VERB", "ADJ") and node != token:
            future = True
        if node.head == node:
            break
        node = node.head
    return "future" if future else "real"
