"""What the statement rules read: the text and its parse, where each entity is named (by token),
the quotations, and the paragraphs."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.extract.statements.quotes import Quotes
from etl.facts import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# When mentions overlap on a token, the more specific speaker wins.
_PRIORITY = {"person": 0, "organization": 1, "country": 2, "initiative": 3}
_PARAGRAPH = re.compile(r"\n")


@dataclass(frozen=True, slots=True)
class Named:
    """One entity mention: ``text[start:end]`` names ``entity``."""

    start: int
    end: int
    entity: Entity

    @property
    def kind(self) -> str:
        return self.entity.kind

    @property
    def name(self) -> str:
        return self.entity.name


@dataclass(slots=True)
class Context:
    text: str
    doc: Doc
    body_end: int  # statements lie in the body, not in the captions appended to it
    named: list[Named]  # by start
    starts: list[int]  # each mention's start, for bisection
    by_token: dict[int, Named]  # token index -> the mention covering it
    quotes: Quotes
    line_starts: list[int]
    title: str | None = None

    def named_in(self, start: int, end: int, kinds: Sequence[str] = ()) -> list[Named]:
        """Mentions lying inside ``[start, end)``, of the given kinds (all if none given)."""
        k = bisect.bisect_left(self.starts, start)
        out = []
        for n in self.named[k:]:
            if n.start >= end:
                break
            if n.end <= end and (not kinds or n.kind in kinds):
                out.append(n)
        return out

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_span(self, offset: int) -> tuple[int, int]:
        k = self.line_of(offset)
        start = self.line_starts[k]
        end = self.line_starts[k + 1] - 1 if k + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def mention(self, token: Token) -> Named | None:
        return self.by_token.get(token.i)

    def sentences(self) -> list[Span]:
        return [s for s in self.doc.sents if s.start_char < self.body_end]


def build_context(
    text: str, doc: Doc, entities: Sequence[Entity], body_end: int, title: str | None
) -> Context:
    named = sorted(
        (Named(m.start, m.end, e) for e in entities for m in e.mentions if m.end <= len(text)),
        key=lambda n: (n.start, -n.end),
    )
    by_token: dict[int, Named] = {}
    for n in named:
        span = doc.char_span(n.start, n.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            old = by_token.get(tok.i)
            if old is None or _PRIORITY[n.kind] < _PRIORITY[old.kind]:
                by_token[tok.i] = n
    line_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    return Context(
        text=text,
        doc=doc,
        body_end=body_end,
        named=named,
        starts=[n.start for n in named],
        by_token=by_token,
        quotes=Quotes.of(text, body_end),
        line_starts=line_starts,
        title=title,
    )
