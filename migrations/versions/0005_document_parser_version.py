"""documents.parser_version: which parser made each body, so a new one re-parses

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 16:00:00

Existing rows take the parser part of their extractor version ("parse-1+facts-1" ->
"parse-1"), which is what produced them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENT = (
    "Version of the reader and parser that made body and metadata from the file;"
    " a load re-parses documents of older parsers."
)
SOURCE_COMMENT = (
    "Absolute path of the source file, or <stdin> (JSON Lines records: path#L<line>)."
    " Rows loaded by earlier versions may hold the relative path given at load time."
)
OLD_SOURCE_COMMENT = "Path or URI given at load time (JSON Lines records: path#L<line>)."


def upgrade() -> None:
    op.add_column(
        "documents", sa.Column("parser_version", sa.Text(), nullable=True, comment=COMMENT)
    )
    op.execute("UPDATE documents SET parser_version = split_part(extractor_version, '+', 1)")
    op.alter_column("documents", "parser_version", nullable=False)
    op.alter_column(
        "documents",
        "source_path",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=SOURCE_COMMENT,
        existing_comment=OLD_SOURCE_COMMENT,
    )


def downgrade() -> None:
    op.alter_column(
        "documents",
        "source_path",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=OLD_SOURCE_COMMENT,
        existing_comment=SOURCE_COMMENT,
    )
    op.drop_column("documents", "parser_version")
