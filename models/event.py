"""Events: what happened, when, where and who took part, held once however many articles
report it. ``event_reports`` keeps what each document said about an event; which reports
are one occurrence is decided over all reports of a block at the end of each run
(etl/load/identity.py), and the ``events`` row and its participants are recomputed from its
reports, so the result does not depend on the order in which articles were loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Integer,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from etl.facts import EVENT_TYPES
from models.base import Base, BigIntPK

_TYPES_SQL = ", ".join(f"'{t}'" for t in EVENT_TYPES)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(f"event_type IN ({_TYPES_SQL})", name="event_type"),
        CheckConstraint("date_precision IN ('day', 'month', 'year')", name="date_precision"),
        CheckConstraint("end_date IS NULL OR start_date <= end_date", name="date_order"),
        {
            "comment": "Diplomatic events (summits, visits, meetings, calls, signings ...), one row per occurrence across all documents."
        },
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Event id.")
    event_key: Mapped[str] = mapped_column(
        Text,
        unique=True,
        comment="Identity of the occurrence: its block (type family and who took part, or the gathering's name) and its date as far as known (YYYY-MM-DD, YYYY-MM, YYYY or -).",
    )
    event_type: Mapped[str] = mapped_column(
        Text,
        index=True,
        comment="summit, forum, conference, state_visit, visit, meeting, call, signing, resolution, diplomatic_relations, launch, message, anniversary or other.",
    )
    name: Mapped[str] = mapped_column(Text, comment="Readable name, e.g. 16th BRICS Summit.")
    start_date: Mapped[dt.date | None] = mapped_column(
        Date, index=True, comment="When it started (first day of the month/year if less precise)."
    )
    end_date: Mapped[dt.date | None] = mapped_column(
        Date, comment="When it ended, if it lasted days."
    )
    date_precision: Mapped[str | None] = mapped_column(
        Text, comment="Precision of the dates: day, month or year."
    )
    location_name: Mapped[str | None] = mapped_column(Text, comment="City or place, e.g. Kazan.")
    location_country_iso3: Mapped[str | None] = mapped_column(
        CHAR(3), ForeignKey("countries.iso3"), index=True, comment="Country where it took place."
    )
    summary: Mapped[str | None] = mapped_column(Text, comment="A sentence that states the event.")


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint(
            "event_id", "participant_id", "country_iso3", "role", postgresql_nulls_not_distinct=True
        ),
        CheckConstraint("participant_id IS NOT NULL OR country_iso3 IS NOT NULL", name="someone"),
        {
            "comment": "Who took part in an event: a person or organization and/or a country, with a role."
        },
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Row id.")
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), comment="The event."
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"),
        index=True,
        comment="The person or organization, if named.",
    )
    country_iso3: Mapped[str | None] = mapped_column(
        CHAR(3),
        ForeignKey("countries.iso3"),
        index=True,
        comment="The country taking part (for a person: the country they represent).",
    )
    role: Mapped[str] = mapped_column(
        Text,
        comment="host, guest, attendee, signatory, counterpart, sender, recipient or participant.",
    )


class EventReport(Base):
    """What one document says about one event; events are recomputed from these."""

    __tablename__ = "event_reports"
    __table_args__ = (
        CheckConstraint(f"event_type IN ({_TYPES_SQL})", name="event_type"),
        {
            "comment": "What each document reports about an event (type, name, date, place, participants); events are aggregated from these."
        },
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Report id.")
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"),
        index=True,
        comment="The event (occurrence) this report is of; null until the end of the run that wrote it places it.",
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"),
        index=True,
        comment="The reporting document.",
    )
    block: Mapped[str | None] = mapped_column(
        Text,
        index=True,
        comment="The reports that may be one occurrence with this one: type family and who took part, or the name (all gatherings are one block).",
    )
    event_type: Mapped[str] = mapped_column(Text, comment="Type as this document reports it.")
    name: Mapped[str] = mapped_column(Text, comment="Name as extracted from this document.")
    start_date: Mapped[dt.date | None] = mapped_column(
        Date, comment="Start date per this document."
    )
    end_date: Mapped[dt.date | None] = mapped_column(Date, comment="End date per this document.")
    date_precision: Mapped[str | None] = mapped_column(Text, comment="day, month or year.")
    location_name: Mapped[str | None] = mapped_column(Text, comment="Place per this document.")
    location_country_iso3: Mapped[str | None] = mapped_column(
        CHAR(3), comment="Country of the place per this document."
    )
    summary: Mapped[str | None] = mapped_column(Text, comment="Sentence stating the event.")
    confidence: Mapped[float] = mapped_column(Float, comment="Extractor confidence, 0 to 1.")
    participants: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, comment="Participants per this document: role, name, kind, country_iso3."
    )
    initiatives: Mapped[list[str]] = mapped_column(
        JSONB, comment="Canonical names of initiatives the event is about, per this document."
    )


class EventMention(Base):
    __tablename__ = "event_mentions"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span"),
        ForeignKeyConstraint(
            ["document_id", "sentence_seq"],
            ["document_sentences.document_id", "document_sentences.seq"],
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["document_id", "caption_seq"],
            ["document_captions.document_id", "document_captions.seq"],
            ondelete="CASCADE",
        ),
        {"comment": "Every place a document mentions an event: the words that state it."},
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Mention id.")
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"),
        index=True,
        comment="The event; null until the end of the run that wrote it places its report.",
    )
    report_id: Mapped[int] = mapped_column(
        ForeignKey("event_reports.id", ondelete="CASCADE"),
        index=True,
        comment="The document's report of the event that this mention belongs to.",
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True, comment="The document."
    )
    caption_seq: Mapped[int | None] = mapped_column(
        Integer, comment="Set when the mention is in a photo caption; offsets index into it."
    )
    char_start: Mapped[int] = mapped_column(Integer, comment="First character in documents.body.")
    char_end: Mapped[int] = mapped_column(Integer, comment="One past the last character.")
    sentence_seq: Mapped[int | None] = mapped_column(
        Integer, comment="Sentence (document_sentences.seq) containing the mention."
    )
    sentence: Mapped[str | None] = mapped_column(Text, comment="Text of that sentence.")
    confidence: Mapped[float] = mapped_column(Float, comment="Extractor confidence, 0 to 1.")


class EventInitiative(Base):
    __tablename__ = "event_initiatives"
    __table_args__ = {"comment": "Initiatives an event is about (e.g. the launch of one)."}

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, comment="The event."
    )
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The initiative.",
    )
