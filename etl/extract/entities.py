"""The extract stage for entities: countries, people, organizations and initiatives named in a
document body, each with every mention's exact span.

Each kind has its own module (``countries``, ``people``, ``organizations``, ``initiatives``
in this package) exposing one pure function ``find_<kind>(body, nlp_doc) -> list[Entity]``;
this module runs the statistical model once and composes them.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.extract.countries import find_countries
from etl.extract.initiatives import find_initiatives
from etl.extract.organizations import find_organizations
from etl.extract.people import find_people
from etl.facts import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_entities(text: str, nlp_doc: Doc) -> list[Entity]:
    """Every entity named in ``text`` (analysed as ``nlp_doc``), each with its mentions."""
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
