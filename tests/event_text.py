"""Rule tests of event extraction share these: the events the pipeline finds in a text of our
own after the model's analysis, and the parts of an event the tests look at."""

from __future__ import annotations

import datetime as dt

from etl.extract.entities import find_entities
from etl.extract.events import find_events
from etl.extract.nlp import analyze
from etl.facts import Event


def find(text: str, published: dt.date | None, dateline: str | None = None) -> list[Event]:
    """The events of ``text`` published on ``published`` (day precision), or undated."""
    doc = analyze(text)
    return find_events(
        text,
        doc,
        find_entities(text, doc),
        published_on=published,
        published_precision="day" if published else None,
        dateline_date=dateline,
    )


def people(event: Event) -> set[str]:
    return {p.name for p in event.participants if p.kind == "person" and p.name}


def countries(event: Event) -> set[str]:
    return {p.country_iso3 for p in event.participants if p.country_iso3}


def of_type(found: list[Event], *types: str) -> list[Event]:
    return [e for e in found if e.event_type in types]
