"""The extract stage: the facts in a parsed document — entities, then the events they take
part in and the statements their speakers make. The statistical model runs once over the
body and its captions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.article import DatePrecision, ParsedDocument
from etl.extract.entities import CombinedText, find_entities
from etl.extract.events import find_events
from etl.extract.nlp import analyze
from etl.extract.statements import find_statements
from etl.facts import Entity, Event, Statement
from etl.ingest.parse import PARSER_VERSION

if TYPE_CHECKING:
    from spacy.tokens import Doc

ENTITIES_VERSION = "facts-4"  # 4: statements, corpus-level identity, announcements
# Stored on every document; a change makes `diplo reextract` rebuild the derived rows.
EXTRACTOR_VERSION = f"{PARSER_VERSION}+{ENTITIES_VERSION}"


@dataclass(frozen=True, slots=True)
class Facts:
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """A document with everything extracted from it, ready to load in one transaction."""

    document: ParsedDocument
    facts: Facts

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self.facts.entities

    @property
    def events(self) -> tuple[Event, ...]:
        return self.facts.events

    @property
    def statements(self) -> tuple[Statement, ...]:
        return self.facts.statements


def extract_facts(
    body: str,
    captions: Sequence[str] = (),
    *,
    published_on: dt.date | None = None,
    published_precision: DatePrecision | None = None,
    dateline_date: str | None = None,
    nlp_doc: Doc | None = None,
    title: str | None = None,
) -> Facts:
    """Entities, events and statements of a body and its captions; mentions located in either
    (statements only in the body). ``title`` names a transcript's speaker.

    ``nlp_doc`` is the model's analysis of ``analysis_text(body, captions)`` when the caller
    ran the model over many documents at once (``nlp.pipe`` is faster than one at a time).
    """
    combined = CombinedText.of(body, captions)
    if nlp_doc is None:
        nlp_doc = analyze(combined.text)
    entities = find_entities(combined.text, nlp_doc)
    events = find_events(
        combined.text,
        nlp_doc,
        entities,
        published_on=published_on,
        published_precision=published_precision,
        dateline_date=dateline_date,
        title=title,
    )
    statements, speakers = find_statements(
        combined.text,
        nlp_doc,
        entities,
        events,
        body_end=combined.body_length,
        title=title,
        published_on=published_on,
        published_precision=published_precision,
        dateline_date=dateline_date,
    )
    located_entities = tuple(
        e
        for e in (dataclasses.replace(e, mentions=combined.relocate(e.mentions)) for e in entities)
        if e.mentions
    )
    # A speaker the document names only in its title (a press conference's spokesperson) is
    # one of its participants all the same, with no mention in the body.
    located_entities += tuple(speakers)
    located_events = tuple(
        e
        for e in (dataclasses.replace(e, mentions=combined.relocate(e.mentions)) for e in events)
        if e.mentions
    )
    return Facts(located_entities, located_events, tuple(statements))


def analysis_text(doc: ParsedDocument) -> str:
    """The text the model analyses for ``doc``: its body with the captions appended."""
    return CombinedText.of(doc.body, doc.captions).text


def extract(doc: ParsedDocument, nlp_doc: Doc | None = None) -> Extraction:
    facts = extract_facts(
        doc.body,
        doc.captions,
        published_on=doc.published_on,
        published_precision=doc.published_precision,
        dateline_date=doc.dateline_date,
        nlp_doc=nlp_doc,
        title=doc.title,
    )
    return Extraction(document=doc, facts=facts)
