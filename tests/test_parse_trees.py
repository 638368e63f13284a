"""Rules that walk a parse tree end on any tree the parser can give, fragments included.

spaCy makes a new ``Token`` object on every access, so ``node.head is node`` never holds, even
at the root; a walk that stops there has to compare tokens with ``==``. These trees are built
by hand, so each test sees exactly the shape that once sent a walk round the root for ever.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import spacy
from spacy.tokens import Doc

from etl.extract.events import participants
from etl.extract.events.modality import modality


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def _expired(signum: int, frame: object) -> None:
        raise TimeoutError("the walk did not end")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    # English lexical attributes (lower_ and the like), with no model.
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def _fragment_rooted_in_preposition() -> Doc:
    # "For deepening talks": a heading the parser rooted in its preposition.
    return _doc(
        ["For", "deepening", "talks"],
        heads=[0, 0, 1],
        deps=["ROOT", "pcomp", "dobj"],
        pos=["ADP", "VERB", "NOUN"],
    )


def test_the_root_is_its_own_head_only_by_equality() -> None:
    root = _fragment_rooted_in_preposition()[0]
    assert root.head == root
    assert root.head is not root  # why the walks must not use `is`


def test_a_clause_rooted_in_a_preposition_ends_the_climb_to_its_subject() -> None:
    trigger = _fragment_rooted_in_preposition()[2]
    with _deadline(5):
        clause, subjects = participants._scope(trigger)
    assert [t.text for t in clause] == ["talks"]
    assert "For" not in [t.text for t in subjects]


def test_the_clause_verb_of_a_verbless_fragment_is_its_root() -> None:
    doc = _doc(
        ["talks", "in", "Geneva"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["NOUN", "ADP", "PROPN"]
    )
    assert participants._clause_verb(doc[2]).i == 0


def test_modality_climbs_to_the_root_and_stops() -> None:
    will = _doc(
        ["will", "hold", "talks"], [1, 1, 1], ["aux", "ROOT", "dobj"], ["AUX", "VERB", "NOUN"]
    )
    held = _doc(["held", "talks"], [0, 0], ["ROOT", "dobj"], ["VERB", "NOUN"])
    with _deadline(5):
        assert modality(will[2]) == "future"
        assert modality(held[1]) == "real"
