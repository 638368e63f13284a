"""Placeholder: being written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.entities import Entity
from etl.event_types import Event

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_events(
    text: str,
    nlp_doc: Doc,
    entities: Sequence[Entity],
    *,
    published_on: dt.date | None,
    published_precision: DatePrecision | None,
) -> list[Event]:
    return []
