"""documents.source_record: a JSON Lines record is known by its identity, not its line

Revision ID: 0008
Revises: 0007
Create Date: 2027-01-12 10:00:00

Why: records were stored as ``path#L<line>``, so a record added at the top of a file took
over the document of the record below it, and reruns never settled. ``source_path`` now
holds the file alone and ``source_record`` the record's identity (``id=...``, ``url=...``
or ``sha256=...``, see etl/ingest/records.py).

Rows of earlier versions keep their position as the record (``L12``, or ``3`` for an array
element); the next load finds each by its content in the same file and re-keys it, so
nothing is loaded twice or lost. Downgrading folds the record back into the path: positions
as they were, identities as ``#L0``, a line no load writes, so an older diplo neither
replaces those documents nor takes them for missing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCE_COMMENT = (
    "Absolute path of the source file, or <stdin>. Rows loaded by earlier versions may hold"
    " the relative path given at load time."
)
OLD_SOURCE_COMMENT = (
    "Absolute path of the source file, or <stdin> (JSON Lines records: path#L<line>)."
    " Rows loaded by earlier versions may hold the relative path given at load time."
)
RECORD_COMMENT = (
    "For a record of a JSON Lines file or JSON array: its identity within the file"
    " (id=..., url=..., or sha256=... of its content), never its line. Null for a file that"
    " is one document."
)


def upgrade() -> None:
    op.add_column("documents", sa.Column("source_record", sa.Text(), comment=RECORD_COMMENT))
    op.execute(
        "UPDATE documents SET source_record = substring(source_path from '#(L?[0-9]+)$'),"
        " source_path = regexp_replace(source_path, '#L?[0-9]+$', '')"
        " WHERE source_path ~ '#L?[0-9]+$'"
    )
    op.alter_column(
        "documents",
        "source_path",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=SOURCE_COMMENT,
        existing_comment=OLD_SOURCE_COMMENT,
    )
    op.drop_index("ix_documents_source_path", table_name="documents")
    op.create_index("ix_documents_source", "documents", ["source_path", "source_record"])


def downgrade() -> None:
    op.drop_index("ix_documents_source", table_name="documents")
    op.create_index("ix_documents_source_path", "documents", ["source_path"])
    op.execute(
        "UPDATE documents SET source_path = source_path || '#' ||"
        " CASE WHEN source_record ~ '^L?[0-9]+$' THEN source_record ELSE 'L0' END"
        " WHERE source_record IS NOT NULL"
    )
    op.alter_column(
        "documents",
        "source_path",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=OLD_SOURCE_COMMENT,
        existing_comment=SOURCE_COMMENT,
    )
    op.drop_column("documents", "source_record")
