"""The arithmetic of scoring against gold: set counts, name normalization and one-to-one
matching. Shared by the field scorers (``evaluate`` for entities and events,
``statement_scores`` for statements)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def normalize_name(name: str) -> str:
    """Case, accents, apostrophes, hyphens, a leading "the" and spacing do not matter."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = " ".join(text.replace("-", " ").replace("–", " ").split())
    return text.removeprefix("the ")


def names_of(item: Mapping[str, Any]) -> set[str]:
    """The normalized canonical name and aliases of a gold-format entity."""
    return {normalize_name(n) for n in [item["name"], *item.get("aliases", [])] if n}


def max_matching(
    candidates: Sequence[Sequence[int]], owner: dict[int, int] | None = None
) -> dict[int, int]:
    """A maximum one-to-one matching: ``candidates[i]`` lists the predictions gold item ``i``
    may pair with; the result maps prediction -> gold item. ``owner`` is a matching to extend
    (augmenting paths may re-pair its gold items, never drop them)."""
    owner = dict(owner or {})
    matched = set(owner.values())

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(candidates)):
        if i not in matched:
            assign(i, set())
    return owner
