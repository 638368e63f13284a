"""The extract stage for entities: countries, people, organizations and initiatives named in a
document body, each with every mention's exact span.

Each kind has its own module (``etl.countries``, ``etl.people``, ``etl.organizations``,
``etl.initiatives``) exposing one pure function ``find_<kind>(body, nlp_doc) -> list[Entity]``;
this module runs the statistical model once and composes them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from etl.nlp import analyze, load_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CombinedText", "Entity", "Mention", "analyze", "find_entities", "load_nlp"]

EntityKind = Literal["country", "person", "organization", "initiative"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence: ``body[start:end] == text``, or, when ``caption`` is set, the same
    offsets into that photo caption (captions are kept out of the body but name people and
    countries too)."""

    start: int
    end: int
    text: str
    caption: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity found in one document, with all its mentions there.

    ``name`` is the ISO 3166-1 alpha-3 code for a country and the canonical name otherwise
    (the same string in every document, so documents share one row per entity).
    """

    kind: EntityKind
    name: str
    mentions: tuple[Mention, ...]
    country_iso3: str | None = None  # person: nationality; organization: seat; initiative: sponsor
    title: str | None = None  # person's office or role, e.g. "Foreign Minister"
    short_name: str | None = None  # organization acronym or initiative code
    year: int | None = None  # initiative: year launched
    aliases: tuple[str, ...] = ()  # known surface forms besides the mentions' texts


def find_entities(text: str, nlp_doc: Doc) -> list[Entity]:
    """Every entity named in ``text`` (analysed as ``nlp_doc``), each with its mentions."""
    from etl.countries import find_countries
    from etl.initiatives import find_initiatives
    from etl.organizations import find_organizations
    from etl.people import find_people

    found: list[Entity] = []
    for finder in (find_countries, find_people, find_organizations, find_initiatives):
        found.extend(finder(text, nlp_doc))
    return found


# Paragraph breaks keep sentences and names from running across the join.
CAPTION_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class CombinedText:
    """A body with its photo captions appended, analysed as one text so that a caption's
    "Jaishankar" and the body's "Subrahmanyam Jaishankar" resolve to one person; ``locate``
    maps offsets in the combined text back to the body or a caption."""

    text: str
    body_length: int
    caption_starts: tuple[int, ...]

    @classmethod
    def of(cls, body: str, captions: Sequence[str] = ()) -> CombinedText:
        text, starts = body, []
        for caption in captions:
            text += CAPTION_SEPARATOR
            starts.append(len(text))
            text += caption
        return cls(text, len(body), tuple(starts))

    def locate(self, mention: Mention) -> Mention | None:
        """The mention relative to the body or its caption; None if it straddles a join."""
        if mention.end <= self.body_length:
            return mention
        k = bisect.bisect_right(self.caption_starts, mention.start) - 1
        if k < 0:
            return None
        offset = self.caption_starts[k]
        return Mention(mention.start - offset, mention.end - offset, mention.text, caption=k)

    def relocate(self, mentions: Sequence[Mention]) -> tuple[Mention, ...]:
        located = (self.locate(m) for m in mentions)
        return tuple(m for m in located if m is not None)
