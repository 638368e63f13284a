"""Placeholder: being written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.entities import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def find_people(body: str, nlp_doc: Doc) -> list[Entity]:
    return []
