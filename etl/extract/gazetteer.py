"""Longest-match lookup of known names (aliases) in text, on word-token boundaries.

Aliases and text are split into the same tokens, so "China" matches inside "China-Russia"
and "China's", "U.S." is one token, and a curly apostrophe equals a straight one. Matching
ignores case except where case carries meaning: an all-capitals alias (WHO, AU, CAN) matches
only in capitals, and an alias that starts with a capital letter only where the text does too
("Turkey" but not "turkey").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Dotted abbreviations (U.S., E.A.M.) stay whole; otherwise words, and each other symbol alone.
_TOKEN = re.compile(r"[^\W\d_]\.(?:[^\W\d_]\.)+|\w+|[^\w\s]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-"})


# The trie key under which a node lists the aliases that end there: no token can equal it
# (a token that folds to "" once reached an alias list and crashed the lookup).
_END = "\x00end"


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Match:
    """``key`` of the alias found at text[start:end]."""

    start: int
    end: int
    key: str
    alias: str


def tokenize(text: str) -> list[Token]:
    return list(_tokenize(text))


@functools.lru_cache(maxsize=8)
def _tokenize(text: str) -> tuple[Token, ...]:
    # Every finder tokenizes the same document text; doing it once saves a good share of the
    # extractor's own time.
    return tuple(
        Token(m.start(), m.end(), m.group(), m.group().translate(_APOSTROPHES).casefold())
        for m in _TOKEN.finditer(text)
    )


def _case_ok(alias: str, surface: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return alias.replace(" ", "") == surface.replace(" ", "").translate(_APOSTROPHES)
    if alias[:1].isupper():
        return surface[:1].isupper()
    return True


class Gazetteer:
    """A trie of alias token sequences mapping to keys; ``find`` returns non-overlapping,
    leftmost-longest matches."""

    def __init__(self, entries: Iterable[tuple[str, str]] = ()) -> None:
        self._root: dict[str, object] = {}
        self._size = 0
        for alias, key in entries:
            self.add(alias, key)

    def __len__(self) -> int:
        return self._size

    def add(self, alias: str, key: str) -> None:
        tokens = tokenize(alias.strip())
        if not tokens:
            return
        node = self._root
        for tok in tokens:
            node = node.setdefault(tok.norm, {})  # type: ignore[assignment]
        ends: list[tuple[str, str]] = node.setdefault(_END, [])  # type: ignore[assignment]
        if (alias, key) not in ends:
            ends.append((alias.strip(), key))
            self._size += 1

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        tokens = tokenize(text) if tokens is None else tokens
        matches: list[Match] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, Match] | None = None
            node = self._root
            j = i
            while j < len(tokens):
                nxt = node.get(tokens[j].norm)
                if nxt is None:
                    break
                node = nxt  # type: ignore[assignment]
                j += 1
                for alias, key in node.get(_END, ()):  # type: ignore[union-attr]
                    start, end = tokens[i].start, tokens[j - 1].end
                    if _case_ok(alias, text[start:end]):
                        best = (j, Match(start, end, key, alias))
                        break
            if best is None:
                i += 1
                continue
            i, match = best
            matches.append(match)
        return matches
