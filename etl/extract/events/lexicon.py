"""The trigger lexicon: the words and phrases that report an event (seeds/event_triggers.csv),
indexed by first word, and the small word lists the detectors share.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.extract.reference import SEEDS_DIR
from etl.extract.speech_cues import contact_verbs

TRIGGERS_CSV = SEEDS_DIR / "event_triggers.csv"

# Words joining the capitalised parts of a gathering's name ("Forum on China-Africa
# Cooperation", "Conference Marking the 70th Anniversary of the Five Principles").
NAME_CONNECTORS = frozenset(
    ["of", "on", "for", "the", "and", "in", "with", "&", "-", "–", "'", "’", "'s", "’s", "marking"]
)
SENTENCE_OPENERS = frozenset(
    [
        "in",
        "at",
        "on",
        "during",
        "from",
        "after",
        "before",
        "when",
        "while",
        "as",
        "the",
        "a",
        "an",
        "this",
        "last",
        "since",
        "by",
        "to",
        "with",
        "he",
        "she",
        "it",
        "they",
        "we",
        "his",
        "her",
        "its",
        "their",
    ]
)
ORDINAL_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ]
)
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
COUNT_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "many",
        "multiple",
        "numerous",
        "dozens",
        "over",
        "more",
        "hundreds",
    ]
)
PRONOUNS = frozenset(["he", "she", "his", "her", "him", "they", "their", "them"])
FIRST_PERSON = frozenset(["i", "my", "me"])
# What one meets that is not someone: "meet the goals", "meet its climate targets".
MET_REQUIREMENTS = frozenset(
    [
        *("goal", "goals", "target", "targets", "need", "needs", "demand", "demands"),
        *("standard", "standards", "criteria", "criterion", "requirement", "requirements"),
        *("obligation", "obligations", "commitment", "commitments", "expectation"),
        *("expectations", "deadline", "deadlines", "challenge", "challenges", "threshold"),
        *("conditions", "sdgs", "objective", "objectives", "benchmark", "benchmarks", "costs"),
    ]
)
# People who travel but do not visit in anyone's name: "two million tourists visited Peru".
CROWDS = frozenset(
    [
        *("tourist", "tourists", "citizen", "citizens", "people", "visitor", "visitors"),
        *("student", "students", "traveler", "travelers", "traveller", "travellers"),
        *("resident", "residents", "migrant", "migrants", "refugee", "refugees", "pilgrims"),
        *("fans", "nationals", "americans", "investors", "businesspeople", "passengers"),
    ]
)
# Heads that are gatherings whenever they name one; "Forum" also names institutions.
INSTITUTION_HEADS = frozenset({"forum"})
DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
STOP_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "the",
        "to",
        "with",
        "s",
    ]
)


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[str, ...]
    event_type: str
    # gathering | noun | verb | speech ("spoke": a contact only with a partner) |
    # receive ("welcomed": a meeting when a person or state is welcomed) | attend |
    # blocker | future | realizer | attribution ("attributable to": the line names a
    # spokesperson)
    kind: str


@functools.cache
def triggers() -> tuple[Trigger, ...]:
    """The trigger table (seeds/event_triggers.csv), read once, with the verbs of speaking
    with someone ("spoke", "phoned"), which come from the cue list statements use
    (seeds/speech_cues.csv, the rows with a ``contact`` type)."""
    with TRIGGERS_CSV.open(encoding="utf-8", newline="") as fh:
        table = [
            Trigger(tuple(r["pattern"].split()), r["event_type"], r["kind"])
            for r in csv.DictReader(fh)
            if r["pattern"].strip()
        ]
    table += [Trigger(words, etype, "speech") for words, etype in contact_verbs().items()]
    return tuple(table)


@functools.cache
def by_kind(kind: str) -> dict[tuple[str, ...], str]:
    return {t.pattern: t.event_type for t in triggers() if t.kind == kind}


@functools.cache
def words_of_kind(kind: str) -> frozenset[str]:
    return frozenset(" ".join(t.pattern) for t in triggers() if t.kind == kind)


def norm(text: str) -> str:
    return text.replace("’", "'").casefold()


@functools.cache
def _first_word_index(kind: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Patterns of a kind by their first word, longest first: a lookup per token, not a scan."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for pattern, etype in by_kind(kind).items():
        index.setdefault(pattern[0], []).append((pattern, etype))
    for patterns in index.values():
        patterns.sort(key=lambda p: -len(p[0]))
    return index


def match_at(norms: Sequence[str], i: int, kind: str) -> tuple[int, str] | None:
    """Longest pattern of ``kind`` starting at word ``i`` of ``norms`` (normalized token
    texts): (length, event type)."""
    for pattern, etype in _first_word_index(kind).get(norms[i], ()):
        n = len(pattern)
        if tuple(norms[i : i + n]) == pattern:
            return n, etype
    return None
