"""Statements: what a named speaker said, as one document reports it (GUIDELINES.md,
statements), with the exact span of the words in the body, the speaker (a person or
organization in ``participants``, or a state), and the countries and initiatives the words
name."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK

MODES = ("direct", "reported")
PRECISIONS = ("day", "month", "year")

# The full-text index's expression: queries must spell it the same way to use the index.
CONTENT_TSVECTOR = "to_tsvector('english', content)"


class Statement(Base):
    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span"),
        CheckConstraint("mode IN ('direct', 'reported')", name="mode"),
        CheckConstraint(
            "stated_precision IN ('day', 'month', 'year')"
            " AND (stated_on IS NULL) = (stated_precision IS NULL)",
            name="stated_precision",
        ),
        CheckConstraint(
            "num_nonnulls(speaker_participant_id, speaker_country_iso3) = 1", name="one_speaker"
        ),
        ForeignKeyConstraint(
            ["document_id", "sentence_seq"],
            ["document_sentences.document_id", "document_sentences.seq"],
            ondelete="CASCADE",
        ),
        Index(None, "document_id", "char_start"),
        Index("ix_statements_content_fts", text(CONTENT_TSVECTOR), postgresql_using="gin"),
        {
            "comment": "What named speakers said, one row per reporting act: one speaker, one"
            " cue of saying, one content (GUIDELINES.md, statements)."
        },
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Statement id.")
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The reporting document."
    )
    sentence_seq: Mapped[int | None] = mapped_column(
        Integer,
        comment="Sentence (document_sentences.seq) where the content starts; null when it"
        " starts outside every sentence.",
    )
    char_start: Mapped[int] = mapped_column(
        Integer, comment="First character of the content in documents.body."
    )
    char_end: Mapped[int] = mapped_column(Integer, comment="One past the content's last character.")
    content: Mapped[str] = mapped_column(
        Text,
        comment="The words said, verbatim as printed (documents.body[char_start:char_end]),"
        " without the cue and the speaker.",
    )
    speaker_participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"),
        index=True,
        comment="The speaker when a person or an organization (participants.id); else null.",
    )
    speaker_country_iso3: Mapped[str | None] = mapped_column(
        CHAR(3),
        ForeignKey("countries.iso3"),
        index=True,
        comment="The speaker when a state ('China said', 'Beijing said', 'the Chinese side"
        " stated'); else null. A person's state is participants.country_iso3.",
    )
    speaker_surface: Mapped[str] = mapped_column(
        Text, comment="The speaker as printed: 'Wang Yi', 'the Secretary', 'he', 'Beijing'."
    )
    mode: Mapped[str] = mapped_column(
        Text,
        comment="direct (the whole content inside quotation marks, a transcript turn or a"
        " reproduced text) or reported.",
    )
    cue: Mapped[str] = mapped_column(
        Text, comment="The word or phrase of saying as printed: said, called for, according to."
    )
    stated_on: Mapped[dt.date | None] = mapped_column(
        Date,
        comment="When it was said, as the text gives it directly or through its occasion;"
        " the first day of the month or year at those precisions; null when not given.",
    )
    stated_precision: Mapped[str | None] = mapped_column(
        Text, comment="Precision of stated_on: day, month or year (null with it)."
    )
    event_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_reports.id", ondelete="SET NULL"),
        index=True,
        comment="The document's report of the occasion (a call, a meeting, a press"
        " conference) the text ties the words to; event_id follows it.",
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"),
        index=True,
        comment="The occasion as an event (events.id); null when the text names none or until"
        " the end of the run that wrote it places its report.",
    )


class StatementCountry(Base):
    __tablename__ = "statement_countries"
    __table_args__ = {"comment": "The states a statement's content itself names."}

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True, comment="The statement."
    )
    country_iso3: Mapped[str] = mapped_column(
        CHAR(3),
        ForeignKey("countries.iso3"),
        primary_key=True,
        index=True,
        comment="A country the content names (ISO3).",
    )


class StatementInitiative(Base):
    __tablename__ = "statement_initiatives"
    __table_args__ = {"comment": "The initiatives a statement's content itself names."}

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True, comment="The statement."
    )
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="An initiative the content names.",
    )
