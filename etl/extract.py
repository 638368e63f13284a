"""The extract stage: facts found in a parsed document (entities now; events build on them)."""

from __future__ import annotations

from dataclasses import dataclass

from etl.article import ParsedDocument
from etl.entities import Entity, extract_entities
from etl.parse import EXTRACTOR_VERSION as PARSER_VERSION

ENTITIES_VERSION = "entities-1"
# Stored on every document; a change makes `diplo reextract` rebuild the derived rows.
EXTRACTOR_VERSION = f"{PARSER_VERSION}+{ENTITIES_VERSION}"


@dataclass(frozen=True, slots=True)
class Extraction:
    """A document with everything extracted from it, ready to load in one transaction."""

    document: ParsedDocument
    entities: tuple[Entity, ...]


def extract(doc: ParsedDocument) -> Extraction:
    return Extraction(document=doc, entities=tuple(extract_entities(doc.body, doc.captions)))
