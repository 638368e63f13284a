"""The cue lexicon: the words and phrases of saying (seeds/speech_cues.csv), expanded to every
printed form and indexed by first word, so a cue is a dictionary lookup per token.

Kinds (the ``kind`` column):

* ``clause``: a verb of saying; what follows it is what was said ("said that ...", "urged
  members to ...", "welcomed the decision");
* ``noun``: a noun of saying with its owner ("Biden's remark that ...", "his call for ...");
* ``source``: "according to X": X said the rest of the sentence;
* ``reproduced``: introduces a text printed in full ("issued the following statement:");
* ``contact``: speaking *with* someone ("spoke with", "phoned"), not a statement cue: contact
  detection (etl.extract.events) reads these, and every other row with a ``contact`` type.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from typing import Literal

from etl.extract.reference import SEEDS_DIR

CUES_CSV = SEEDS_DIR / "speech_cues.csv"
CueKind = Literal["clause", "noun", "source", "reproduced", "contact"]


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]  # lower-case printed words, curly apostrophes straightened
    lemma: str  # the row's ``cue``: "point out" for "pointed out"
    kind: CueKind
    # "drop": the verb's object is whom it was said to, not what ("told reporters that ...").
    object: str = ""
    contact: str = ""  # the event type of a contact this verb reports, for contact detection


def norm(text: str) -> str:
    return text.replace("’", "'").casefold()


@functools.cache
def cues() -> tuple[Cue, ...]:
    """Every printed form of every row of seeds/speech_cues.csv, read once."""
    out: list[Cue] = []
    with CUES_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words = norm(row["cue"]).split()
            if not words:
                continue
            forms = norm(row.get("forms") or "").split() or [words[0]]
            kind: CueKind = row["kind"].strip()  # type: ignore[assignment]
            for form in forms:
                out.append(
                    Cue(
                        (form, *words[1:]),
                        " ".join(words),
                        kind,
                        (row.get("object") or "").strip(),
                        (row.get("contact") or "").strip(),
                    )
                )
    return tuple(out)


@functools.cache
def contact_verbs() -> dict[tuple[str, ...], str]:
    """Printed forms of the verbs that report speaking with someone -> the contact's type."""
    return {c.words: c.contact for c in cues() if c.contact}


@functools.cache
def _by_first_word() -> dict[str, tuple[Cue, ...]]:
    index: dict[str, list[Cue]] = {}
    for cue in cues():
        if cue.kind != "contact":
            index.setdefault(cue.words[0], []).append(cue)
    return {w: tuple(sorted(cs, key=lambda c: -len(c.words))) for w, cs in index.items()}


def cues_at(norms: list[str], i: int) -> tuple[Cue, ...]:
    """The statement cues whose words start at ``norms[i]``, longest first."""
    found = []
    for cue in _by_first_word().get(norms[i], ()):
        n = len(cue.words)
        if tuple(norms[i : i + n]) == cue.words:
            found.append(cue)
    return tuple(found)
