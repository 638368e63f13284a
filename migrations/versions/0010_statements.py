"""Statements: who said what, about whom, and when

Revision ID: 0010
Revises: 0009
Create Date: 2027-01-14 10:00:00

Why: most of what diplomatic text reports is speech, and the extraction finds it
(etl/extract/statements/); these tables keep it, one row per reporting act:

* ``statements``: the content's span in ``documents.body`` and its words, the speaker (a
  participant, or a state), mode, cue, date and the occasion (an event), with a GIN index on
  ``to_tsvector('english', content)`` for ``diplo statements --search``;
* ``statement_countries`` and ``statement_initiatives``: what the content itself names.

The column names of ``statements`` are a contract other tools read. The tables start empty:
documents loaded before get their statements when re-extracted (``diplo reextract``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statements",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False, comment="Statement id."),
        sa.Column("document_id", sa.BigInteger(), nullable=False, comment="The reporting document."),
        sa.Column(
            "sentence_seq",
            sa.Integer(),
            nullable=True,
            comment="Sentence (document_sentences.seq) where the content starts; null when it"
            " starts outside every sentence.",
        ),
        sa.Column(
            "char_start",
            sa.Integer(),
            nullable=False,
            comment="First character of the content in documents.body.",
        ),
        sa.Column(
            "char_end", sa.Integer(), nullable=False, comment="One past the content's last character."
        ),
        sa.Column(
            "content",
            sa.Text(),
            nullable=False,
            comment="The words said, verbatim as printed (documents.body[char_start:char_end]),"
            " without the cue and the speaker.",
        ),
        sa.Column(
            "speaker_participant_id",
            sa.BigInteger(),
            nullable=True,
            comment="The speaker when a person or an organization (participants.id); else null.",
        ),
        sa.Column(
            "speaker_country_iso3",
            sa.CHAR(3),
            nullable=True,
            comment="The speaker when a state ('China said', 'Beijing said', 'the Chinese side"
            " stated'); else null. A person's state is participants.country_iso3.",
        ),
        sa.Column(
            "speaker_surface",
            sa.Text(),
            nullable=False,
            comment="The speaker as printed: 'Wang Yi', 'the Secretary', 'he', 'Beijing'.",
        ),
        sa.Column(
            "mode",
            sa.Text(),
            nullable=False,
            comment="direct (the whole content inside quotation marks, a transcript turn or a"
            " reproduced text) or reported.",
        ),
        sa.Column(
            "cue",
            sa.Text(),
            nullable=False,
            comment="The word or phrase of saying as printed: said, called for, according to.",
        ),
        sa.Column(
            "stated_on",
            sa.Date(),
            nullable=True,
            comment="When it was said, as the text gives it directly or through its occasion;"
            " the first day of the month or year at those precisions; null when not given.",
        ),
        sa.Column(
            "stated_precision",
            sa.Text(),
            nullable=True,
            comment="Precision of stated_on: day, month or year (null with it).",
        ),
        sa.Column(
            "event_report_id",
            sa.BigInteger(),
            nullable=True,
            comment="The document's report of the occasion (a call, a meeting, a press"
            " conference) the text ties the words to; event_id follows it.",
        ),
        sa.Column(
            "event_id",
            sa.BigInteger(),
            nullable=True,
            comment="The occasion as an event (events.id); null when the text names none or"
            " until the end of the run that wrote it places its report.",
        ),
        sa.CheckConstraint(
            "char_start >= 0 AND char_end > char_start", name=op.f("ck_statements_span")
        ),
        sa.CheckConstraint("mode IN ('direct', 'reported')", name=op.f("ck_statements_mode")),
        sa.CheckConstraint(
            "stated_precision IN ('day', 'month', 'year')"
            " AND (stated_on IS NULL) = (stated_precision IS NULL)",
            name=op.f("ck_statements_stated_precision"),
        ),
        sa.CheckConstraint(
            "num_nonnulls(speaker_participant_id, speaker_country_iso3) = 1",
            name=op.f("ck_statements_one_speaker"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "sentence_seq"],
            ["document_sentences.document_id", "document_sentences.seq"],
            name=op.f("fk_statements_document_id_document_sentences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_statements_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_participant_id"],
            ["participants.id"],
            name=op.f("fk_statements_speaker_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_country_iso3"],
            ["countries.iso3"],
            name=op.f("fk_statements_speaker_country_iso3_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["event_report_id"],
            ["event_reports.id"],
            name=op.f("fk_statements_event_report_id_event_reports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_statements_event_id_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
        comment="What named speakers said, one row per reporting act: one speaker, one cue of"
        " saying, one content (GUIDELINES.md, statements).",
    )
    op.create_index(
        op.f("ix_statements_document_id"), "statements", ["document_id", "char_start"]
    )
    for column in ("speaker_participant_id", "speaker_country_iso3", "event_report_id", "event_id"):
        op.create_index(op.f(f"ix_statements_{column}"), "statements", [column])
    op.create_index(
        "ix_statements_content_fts",
        "statements",
        [sa.text("to_tsvector('english', content)")],
        postgresql_using="gin",
    )

    op.create_table(
        "statement_countries",
        sa.Column("statement_id", sa.BigInteger(), nullable=False, comment="The statement."),
        sa.Column(
            "country_iso3",
            sa.CHAR(3),
            nullable=False,
            comment="A country the content names (ISO3).",
        ),
        sa.ForeignKeyConstraint(
            ["country_iso3"],
            ["countries.iso3"],
            name=op.f("fk_statement_countries_country_iso3_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_countries_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "statement_id", "country_iso3", name=op.f("pk_statement_countries")
        ),
        comment="The states a statement's content itself names.",
    )
    op.create_index(
        op.f("ix_statement_countries_country_iso3"), "statement_countries", ["country_iso3"]
    )
    op.create_table(
        "statement_initiatives",
        sa.Column("statement_id", sa.BigInteger(), nullable=False, comment="The statement."),
        sa.Column(
            "initiative_id",
            sa.BigInteger(),
            nullable=False,
            comment="An initiative the content names.",
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_statement_initiatives_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_initiatives_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "statement_id", "initiative_id", name=op.f("pk_statement_initiatives")
        ),
        comment="The initiatives a statement's content itself names.",
    )
    op.create_index(
        op.f("ix_statement_initiatives_initiative_id"), "statement_initiatives", ["initiative_id"]
    )


def downgrade() -> None:
    op.drop_table("statement_initiatives")
    op.drop_table("statement_countries")
    op.drop_table("statements")
