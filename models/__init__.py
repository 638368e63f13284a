"""SQLAlchemy 2.0 typed models of the diplo database. Alembic migrations are the schema's source of truth;
these models must match them (``alembic check`` in the tests keeps the two honest)."""

from models.base import Base
from models.country import Country
from models.document import Document, DocumentCaption, DocumentSentence
from models.run import EtlRun, RejectedInputRow

__all__ = [
    "Base",
    "Country",
    "Document",
    "DocumentCaption",
    "DocumentSentence",
    "EtlRun",
    "RejectedInputRow",
]
