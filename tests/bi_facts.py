"""Small documents and events built by hand for the BI tests: facts as the extractor would
give them, written through the loader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid

from etl.article import DecodedArticle
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity, Event, EventParticipant, Mention
from etl.ingest.parse import parse


def mentions(body: str, word: str) -> tuple[Mention, ...]:
    return tuple(
        Mention(m.start(), m.end(), word) for m in re.finditer(rf"\b{re.escape(word)}\b", body)
    )


def document(
    source: str,
    body: str,
    published: dt.date | None,
    facts: dict[str, list[str]],
    events: list[Event],
    precision: str | None = "day",
) -> Extraction:
    parsed = parse(DecodedArticle(source, uuid.uuid5(uuid.NAMESPACE_URL, body).hex * 2, body))
    parsed = dataclasses.replace(
        parsed, published_on=published, published_precision=precision if published else None
    )
    entities = []
    for iso3, word in facts.get("countries", []):
        entities.append(Entity("country", iso3, mentions(body, word)))
    for kind, name, iso3, word in facts.get("people", []):
        entities.append(Entity(kind, name, mentions(body, word), country_iso3=iso3))
    for name, word in facts.get("initiatives", []):
        entities.append(Entity("initiative", name, mentions(body, word)))
    return Extraction(parsed, Facts(tuple(entities), tuple(events)))


def event(body: str, etype: str, date: dt.date, precision: str, *parts: EventParticipant) -> Event:
    first = body.index(".")
    return Event(
        etype,  # type: ignore[arg-type]
        f"{etype} of {date.isoformat()}",
        date,
        None,
        precision,  # type: ignore[arg-type]
        None,
        None,
        parts,
        (Mention(0, first, body[:first]),),
    )
