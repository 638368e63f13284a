"""The facts that travel from the extract stage to the load stage: entities named in a document
(countries, people, organizations, initiatives) with every mention's span, the events it
reports (what happened, when, where, and who took part), and its statements (who said what)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from etl.article import DatePrecision

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
    country_iso3: str | None = None  # person: state acted for; org: seat; initiative: sponsor
    title: str | None = None  # person's office or role, e.g. "Foreign Minister"
    short_name: str | None = None  # organization acronym or initiative code
    year: int | None = None  # initiative: year launched
    aliases: tuple[str, ...] = ()  # known surface forms besides the mentions' texts
    # person: the international organization they act for; their country_iso3 is then None,
    # since an organization's official does not make their own state take part in anything.
    acts_for: str | None = None


EventType = Literal[
    "summit",
    "forum",
    "conference",
    "state_visit",
    "visit",
    "meeting",
    "call",
    "signing",
    "resolution",
    "diplomatic_relations",
    "launch",
    "message",
    "anniversary",
    "other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

# GUIDELINES.md: events of one family can be the same occurrence described differently.
TYPE_FAMILY: dict[str, str] = {
    "summit": "gathering",
    "forum": "gathering",
    "conference": "gathering",
    "state_visit": "visit",
    "visit": "visit",
    "meeting": "contact",
    "call": "contact",
    "message": "contact",
    "signing": "agreement",
    "resolution": "agreement",
    "diplomatic_relations": "agreement",
    "launch": "launch",
    "anniversary": "anniversary",
    "other": "other",
}

Role = Literal[
    "host", "guest", "attendee", "signatory", "counterpart", "sender", "recipient", "participant"
]


@dataclass(frozen=True, slots=True)
class EventParticipant:
    """A person or organization (by canonical name, as in Entity.name) and/or a country
    taking part in an event, with its role."""

    role: Role
    name: str | None = None
    kind: Literal["person", "organization"] | None = None
    country_iso3: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One occurrence reported by a document, with every mention of it there."""

    event_type: EventType
    name: str  # readable canonical name, e.g. "16th BRICS Summit", "Xi Jinping – Narendra Modi meeting"
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: DatePrecision | None
    location_name: str | None
    location_country_iso3: str | None
    participants: tuple[EventParticipant, ...]
    mentions: tuple[Mention, ...]
    initiatives: tuple[str, ...] = ()  # canonical names of initiatives the event is about
    summary: str | None = None  # the sentence that best states it
    confidence: float = 0.5


StatementMode = Literal["direct", "reported"]
SpeakerKind = Literal["person", "organization", "country"]


@dataclass(frozen=True, slots=True)
class Statement:
    """What one named speaker said, as one document reports it (GUIDELINES.md, statements):
    ``body[start:end] == content``, verbatim, without the cue and the speaker.

    ``speaker`` is the canonical name as in ``Entity.name`` of the document's person or
    organization, or an ISO3 code when ``speaker_kind`` is ``country``, so the loader finds the
    participant or country row the same way it does for events.
    """

    start: int
    end: int
    content: str
    speaker_kind: SpeakerKind
    speaker: str
    speaker_surface: str  # as printed: "Wang Yi", "the Secretary", "he", "Beijing"
    mode: StatementMode
    cue: str  # as printed, without adverbs or auxiliaries: "said", "called for", "according to"
    stated_on: dt.date | None = None
    stated_precision: DatePrecision | None = None
    countries: tuple[str, ...] = ()  # ISO3 codes the content itself names
    initiatives: tuple[str, ...] = ()  # canonical initiative names the content names
    # The occasion, when the text ties the words to an event of this document (a call, a
    # meeting, a press conference): the span of that event's mention in the body.
    occasion: Mention | None = None
