"""Entities named in documents: countries, participants (people and organizations) and
initiatives, each linked to documents with a mention count and, in ``entity_mentions``, with
the exact span of every mention."""

from __future__ import annotations

from sqlalchemy import (
    CHAR,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    SmallInteger,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigIntPK

ENTITY_KINDS = ("country", "person", "organization", "initiative")


def _country_fk(comment: str) -> Mapped[str | None]:
    return mapped_column(CHAR(3), ForeignKey("countries.iso3"), index=True, comment=comment)


class CountryAlias(Base):
    __tablename__ = "country_aliases"
    __table_args__ = {
        "comment": "Names, abbreviations and adjectives by which texts refer to a country."
    }

    country_iso3: Mapped[str] = mapped_column(
        CHAR(3),
        ForeignKey("countries.iso3", ondelete="CASCADE"),
        primary_key=True,
        comment="The country.",
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True, comment="Surface form, e.g. U.S.")
    kind: Mapped[str] = mapped_column(
        Text, comment="name, abbreviation, adjective, demonym or prefix."
    )


class Participant(Base):
    """A person or organization, one row across all documents."""

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("kind", "name"),
        CheckConstraint("kind IN ('person', 'organization')", name="kind"),
        {"comment": "People and organizations named in documents, one row per canonical name."},
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Participant id.")
    kind: Mapped[str] = mapped_column(Text, comment="person or organization.")
    name: Mapped[str] = mapped_column(Text, comment="Canonical name, e.g. Xi Jinping, BRICS.")
    country_iso3: Mapped[str | None] = _country_fk(
        "Nationality of a person, seat of a national body, where known."
    )
    title: Mapped[str | None] = mapped_column(
        Text, comment="Office or role of a person where known, e.g. Foreign Minister."
    )
    short_name: Mapped[str | None] = mapped_column(
        Text, comment="Acronym of an organization, e.g. SCO."
    )


class ParticipantAlias(Base):
    __tablename__ = "participant_aliases"
    __table_args__ = {"comment": "Every surface form seen or known for a participant."}

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The participant.",
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True, comment="Surface form.")


class Initiative(Base):
    __tablename__ = "initiatives"
    __table_args__ = {
        "comment": "Named initiatives, programmes, doctrines and declarations of principle."
    }

    id: Mapped[BigIntPK] = mapped_column(comment="Initiative id.")
    name: Mapped[str] = mapped_column(Text, unique=True, comment="Canonical name.")
    short_code: Mapped[str | None] = mapped_column(Text, comment="Short code, e.g. BRI, GDI.")
    sponsor_iso3: Mapped[str | None] = _country_fk("Country that launched it, where known.")
    year_launched: Mapped[int | None] = mapped_column(
        SmallInteger, comment="Year launched, where known."
    )
    kind: Mapped[str | None] = mapped_column(
        Text, comment="initiative, doctrine, declaration, agenda, agreement, programme, principle."
    )


class InitiativeAlias(Base):
    __tablename__ = "initiative_aliases"
    __table_args__ = {"comment": "Every surface form seen or known for an initiative."}

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The initiative.",
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True, comment="Surface form.")


class DocumentCountry(Base):
    __tablename__ = "document_countries"
    __table_args__ = {"comment": "Countries a document mentions, with how many times."}

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, comment="The document."
    )
    country_iso3: Mapped[str] = mapped_column(
        CHAR(3),
        ForeignKey("countries.iso3"),
        primary_key=True,
        index=True,
        comment="The country.",
    )
    mentions: Mapped[int] = mapped_column(Integer, comment="Number of mentions.")


class DocumentParticipant(Base):
    __tablename__ = "document_participants"
    __table_args__ = {"comment": "People and organizations a document names, with how many times."}

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, comment="The document."
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The participant.",
    )
    mentions: Mapped[int] = mapped_column(Integer, comment="Number of mentions.")


class DocumentInitiative(Base):
    __tablename__ = "document_initiatives"
    __table_args__ = {"comment": "Initiatives a document names, with how many times."}

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, comment="The document."
    )
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
        comment="The initiative.",
    )
    mentions: Mapped[int] = mapped_column(Integer, comment="Number of mentions.")


class EntityMention(Base):
    """Evidence: the exact words in a document body that mention an entity."""

    __tablename__ = "entity_mentions"
    __table_args__ = (
        CheckConstraint(
            "entity_kind IN ('country', 'person', 'organization', 'initiative')", name="entity_kind"
        ),
        CheckConstraint(
            "(entity_kind = 'country') = (country_iso3 IS NOT NULL)"
            " AND (entity_kind IN ('person', 'organization')) = (participant_id IS NOT NULL)"
            " AND (entity_kind = 'initiative') = (initiative_id IS NOT NULL)",
            name="one_entity",
        ),
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
        Index(None, "document_id", "char_start"),
        {"comment": "Every mention of an entity: document, character span in the body, sentence."},
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Mention id.")
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), comment="The document."
    )
    entity_kind: Mapped[str] = mapped_column(
        Text, comment="country, person, organization or initiative."
    )
    country_iso3: Mapped[str | None] = _country_fk("The country mentioned (entity_kind country).")
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"),
        index=True,
        comment="The person or organization mentioned.",
    )
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"),
        index=True,
        comment="The initiative mentioned.",
    )
    caption_seq: Mapped[int | None] = mapped_column(
        Integer,
        comment="Set when the mention is in a photo caption (document_captions.seq), not the body;"
        " the offsets then index into that caption's text.",
    )
    char_start: Mapped[int] = mapped_column(
        Integer, comment="First character in documents.body (or in the caption)."
    )
    char_end: Mapped[int] = mapped_column(Integer, comment="One past the last character.")
    sentence_seq: Mapped[int | None] = mapped_column(
        Integer, comment="Sentence (document_sentences.seq) containing the mention."
    )
    surface: Mapped[str] = mapped_column(Text, comment="The words as written in the body.")
