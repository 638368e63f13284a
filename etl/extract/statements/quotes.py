"""Quotations: the spans of text inside quotation marks, curly or straight.

A quotation that runs over several paragraphs is printed the news way, each paragraph opening
with a mark and only the last one closing; it is one quotation here. A quotation that the page
cuts off runs to the cut.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# What may end a quoted content besides its words: dropped from a direct statement's content.
TRAILING = ",.;: \n\t"


@dataclass(frozen=True, slots=True)
class Quote:
    open: int  # offset of the opening mark
    start: int  # first character inside
    end: int  # offset of the closing mark (or the cut): the inside is text[start:end]
    close: int  # offset just after the closing mark

    def inner(self, text: str) -> tuple[int, int]:
        """The quoted words without trailing punctuation: ``"..., " X said`` gives the words."""
        end = self.end
        while end > self.start and text[end - 1] in TRAILING:
            end -= 1
        start = self.start
        while start < end and text[start].isspace():
            start += 1
        return start, end


def _opens(text: str, i: int) -> bool:
    """A straight mark opens where a word follows it and none precedes it."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-:,") and not after.isspace()


def find_quotes(text: str, limit: int | None = None) -> list[Quote]:
    """Every quotation in ``text[:limit]``, left to right, none nested."""
    end_of_text = len(text) if limit is None else limit
    quotes: list[Quote] = []
    open_at: int | None = None
    i = 0
    while i < end_of_text:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            # A paragraph ends inside a quotation: it goes on if the next paragraph reopens it.
            j = i
            while j < end_of_text and text[j].isspace():
                j += 1
            if j < end_of_text and (text[j] in OPENERS or text[j] == STRAIGHT):
                i = j + 1
                continue
            quotes.append(Quote(open_at, open_at + 1, i, i))
            open_at = None
        elif ch in OPENERS or (ch == STRAIGHT and open_at is None and _opens(text, i)):
            if open_at is not None:
                quotes.append(Quote(open_at, open_at + 1, i, i))
            open_at = i
        elif (ch in CLOSERS or ch == STRAIGHT) and open_at is not None:
            quotes.append(Quote(open_at, open_at + 1, i, i + 1))
            open_at = None
        i += 1
    if open_at is not None:
        quotes.append(Quote(open_at, open_at + 1, end_of_text, end_of_text))
    return quotes


@dataclass(frozen=True, slots=True)
class Quotes:
    """The quotations of a text, looked up by offset."""

    items: tuple[Quote, ...]
    opens: tuple[int, ...]

    @classmethod
    def of(cls, text: str, limit: int | None = None) -> Quotes:
        items = tuple(find_quotes(text, limit))
        return cls(items, tuple(q.open for q in items))

    def _last_opening_at(self, offset: int) -> Quote | None:
        k = bisect.bisect_right(self.opens, offset) - 1
        return self.items[k] if k >= 0 else None

    def covering(self, start: int, end: int) -> Quote | None:
        """The quotation whose marks enclose ``[start, end)`` (the marks themselves may be
        the span's first or last character)."""
        q = self._last_opening_at(start)
        return q if q is not None and end <= max(q.close, q.end) else None

    def inside(self, offset: int) -> Quote | None:
        """The quotation ``offset`` lies in, marks excluded."""
        q = self._last_opening_at(offset)
        return q if q is not None and q.start <= offset < q.end else None

    def starting_near(self, offset: int, text: str, reach: int = 3) -> Quote | None:
        """A quotation that opens at ``offset`` or after at most ``reach`` characters of
        space and punctuation (``said: "...``)."""
        k = bisect.bisect_left(self.opens, offset)
        if k == len(self.items):
            return None
        q = self.items[k]
        gap = text[offset : q.open]
        if len(gap) <= reach and all(c.isspace() or c in ",:—–-" for c in gap):
            return q
        return None

    def closing_near(self, offset: int, text: str, reach: int = 3) -> Quote | None:
        """A quotation that closes at most ``reach`` characters of space before ``offset``
        after a comma or other closing punctuation (``“...,” ⏎ Xi said``)."""
        k = bisect.bisect_left(self.opens, offset) - 1
        if k < 0:
            return None
        q = self.items[k]
        gap = text[q.close : offset]
        if q.close <= offset and len(gap) <= reach and not gap.strip():
            return q
        return None
