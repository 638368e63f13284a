"""Nested attribution (GUIDELINES.md): the innermost named speaker whose words are given
counts, and a cue inside what someone said is part of it, unless it goes on with the same
speaker's acts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from etl.extract.statements.clauses import Claim
from etl.extract.statements.quotes import Quotes
from etl.extract.statements.speakers import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Token


def _goes_on(
    a: Claim, b: Claim, quotes: Quotes, b_speaker: Speaker | None, speaking: set[int]
) -> bool:
    """Whether cue ``b``, inside what ``a`` says, is rather ``a``'s speaker's next act: a
    participle after a comma ("said A, noting that B"), a verb in the past tense like ``a``
    coordinated with a verb that is not ("stated that she was concerned ..., and condemned
    B", "asked X to convey ... and congratulated Y"), or a verb in ``a``'s tense with a
    that-clause of its own whose borrowed subject is nobody who speaks ("says that the use
    of force is unacceptable and states that B"), with no subject of its own; never in
    quoted words."""
    head = b.hit.head
    if any(c.dep_ == "nsubj" for c in head.children) or quotes.inside(head.idx) is not None:
        return False
    if head.dep_ == "advcl" and head.tag_ == "VBG":
        return head.left_edge.i > 0 and head.doc[head.left_edge.i - 1].text == ","
    outer = a.hit.head
    if (
        head.dep_ == "conj"
        and b_speaker is None
        and head.tag_ == outer.tag_
        and head.tag_ in ("VBD", "VBZ")
        and b.first <= b.last
        and head.doc[b.first].lower_ == "that"
    ):
        return True
    if head.head.i in speaking:
        return False  # "X has highlighted A and reaffirmed B": X's acts, inside the clause
    return (
        head.dep_ == "conj"
        and head.tag_ == "VBD"
        and outer.tag_ == "VBD"
        and head.head.tag_ != "VBD"
        and head.head.i != outer.i
    )


def _governs(top: Token, token: Token) -> bool:
    return top != token and top in token.ancestors


def innermost(
    claims: list[Claim],
    speakers: dict[int, Speaker | None],
    quotes: Quotes,
    gives_words: Callable[[Claim], bool],
) -> list[Claim]:
    """Nested attribution: a cue that heads another cue's content ("the ministry said Blinken
    offered ...", "X said ..., according to Y") relays its words, and only the innermost
    named speaker counts. A cue elsewhere inside what was said is part of it, unless it goes
    on with the same speaker's acts ("stated that A, and strongly condemned B", "said A,
    noting that B"): then what was said stops before it, and it is a statement of its own."""
    speaking = {c.hit.head.i for c in claims if speakers[c.hit.first.i] is not None}
    dropped: set[int] = set()
    cut: dict[int, int] = {}
    for a in claims:
        for b in claims:
            if a is b or not a.first <= b.hit.head.i <= a.last:
                continue
            if b.first <= a.hit.head.i <= b.last and _governs(b.hit.head, a.hit.head):
                continue  # each inside the other's words: the governing cue decides
            relay = a.hit.cue.kind == "source" or (a.root is not None and a.root.i == b.hit.head.i)
            if relay:
                # "Wang said Xi proposed the GDI": a launch relays nothing, Wang's words stay.
                if speakers[b.hit.first.i] is not None and gives_words(b):
                    dropped.add(id(a))
                continue
            if b.hit.cue.kind == "noun":
                continue  # "thanked X for his call for ...": another speaker's act, both count
            head = b.hit.head
            if (
                _goes_on(a, b, quotes, speakers[b.hit.first.i], speaking)
                and speakers[a.hit.first.i] is not None
            ):
                speakers[b.hit.first.i] = speakers[a.hit.first.i]
                cut[id(a)] = min(cut.get(id(a), a.last), head.left_edge.i - 1)
            else:
                dropped.add(id(b))
    return [
        dataclasses.replace(c, last=cut[id(c)]) if id(c) in cut else c
        for c in claims
        if id(c) not in dropped
    ]
