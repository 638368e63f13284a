from __future__ import annotations

import datetime as dt

from sqlalchemy import CHAR, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, BigIntPK, CreatedAt, Timestamp

SOURCE_PATH_COMMENT = (
    "Absolute path of the source file, or <stdin>. Rows loaded by earlier versions may hold"
    " the relative path given at load time."
)
SOURCE_RECORD_COMMENT = (
    "For a record of a JSON Lines file or JSON array: its identity within the file"
    " (id=..., url=..., or sha256=... of its content), never its line. Null for a file that"
    " is one document."
)


class Document(Base):
    """One article: clean body and metadata. Everything derived from it cascades from here."""

    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint(
            "published_precision IN ('day', 'month', 'year')", name="published_precision"
        ),
        CheckConstraint("word_count >= 0", name="word_count"),
        Index("ix_documents_source", "source_path", "source_record"),
        {"comment": "One row per loaded article, identified by the SHA-256 of its content."},
    )

    id: Mapped[BigIntPK] = mapped_column(comment="Document id.")
    source_path: Mapped[str] = mapped_column(
        Text,
        comment=SOURCE_PATH_COMMENT,
    )
    source_record: Mapped[str | None] = mapped_column(Text, comment=SOURCE_RECORD_COMMENT)
    content_sha256: Mapped[str] = mapped_column(
        CHAR(64), unique=True, comment="SHA-256 (hex) of the input bytes; identifies the document."
    )
    url: Mapped[str | None] = mapped_column(Text, comment="Original URL when the input gave one.")
    title: Mapped[str | None] = mapped_column(Text, comment="Headline as printed, if any.")
    published_on: Mapped[dt.date | None] = mapped_column(
        Date,
        index=True,
        comment="Publication date; first day of the month/year when less precise.",
    )
    published_precision: Mapped[str | None] = mapped_column(
        Text, comment="Precision of published_on: day, month or year."
    )
    outlet: Mapped[str | None] = mapped_column(Text, comment="Publishing outlet or agency.")
    author: Mapped[str | None] = mapped_column(Text, comment="Byline person.")
    dateline: Mapped[str | None] = mapped_column(Text, comment="Dateline place, e.g. BEIJING.")
    language: Mapped[str] = mapped_column(Text, comment="ISO 639-1 language code of the body.")
    body: Mapped[str] = mapped_column(
        Text, comment="Article text without boilerplate; offsets in other tables index into it."
    )
    word_count: Mapped[int] = mapped_column(Integer, comment="Whitespace-separated words in body.")
    extractor_version: Mapped[str] = mapped_column(
        Text, comment="Version of the parser/extractor that produced this row."
    )
    parser_version: Mapped[str] = mapped_column(
        Text,
        comment="Version of the reader and parser that made body and metadata from the file;"
        " a load re-parses documents of older parsers.",
    )
    loaded_at: Mapped[CreatedAt] = mapped_column(comment="When the document was first loaded.")
    updated_at: Mapped[Timestamp] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
        comment="When the row was last written.",
    )

    sentences: Mapped[list[DocumentSentence]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class DocumentSentence(Base):
    """Sentence boundaries in documents.body; later evidence rows point at these."""

    __tablename__ = "document_sentences"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span"),
        {"comment": "Sentences of each document body as character offsets [char_start, char_end)."},
    )

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The document.",
    )
    seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Sentence number in the document, from 0."
    )
    paragraph: Mapped[int] = mapped_column(Integer, comment="Paragraph number, from 0.")
    char_start: Mapped[int] = mapped_column(Integer, comment="First character (0-based).")
    char_end: Mapped[int] = mapped_column(Integer, comment="One past the last character.")

    document: Mapped[Document] = relationship(back_populates="sentences")


class DocumentCaption(Base):
    """Photo captions and credits, kept apart from the body so they never count as content."""

    __tablename__ = "document_captions"
    __table_args__ = {
        "comment": "Photo captions and credits found in an article, outside the body."
    }

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        comment="The document.",
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Order in the article.")
    text: Mapped[str] = mapped_column(Text, comment="Caption or credit text.")
