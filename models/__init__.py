"""SQLAlchemy 2.0 typed models of the diplo database. Alembic migrations are the schema's source of truth;
these models must match them (``alembic check`` in the tests keeps the two honest)."""

from models.base import Base
from models.country import Country
from models.document import Document, DocumentCaption, DocumentSentence
from models.entity import (
    CountryAlias,
    DocumentCountry,
    DocumentInitiative,
    DocumentParticipant,
    EntityMention,
    Initiative,
    InitiativeAlias,
    Participant,
    ParticipantAlias,
)
from models.event import Event, EventInitiative, EventMention, EventParticipant, EventReport
from models.run import EtlRun, EventBlockDirty, RejectedInputRow
from models.statement import Statement, StatementCountry, StatementInitiative

__all__ = [
    "Base",
    "Country",
    "CountryAlias",
    "Document",
    "DocumentCaption",
    "DocumentCountry",
    "DocumentInitiative",
    "DocumentParticipant",
    "DocumentSentence",
    "EntityMention",
    "EtlRun",
    "Event",
    "EventBlockDirty",
    "EventInitiative",
    "EventMention",
    "EventParticipant",
    "EventReport",
    "Initiative",
    "InitiativeAlias",
    "Participant",
    "ParticipantAlias",
    "RejectedInputRow",
    "Statement",
    "StatementCountry",
    "StatementInitiative",
]
