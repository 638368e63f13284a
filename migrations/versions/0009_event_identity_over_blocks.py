"""Event identity decided over all reports of a block, at the end of each run

Revision ID: 0009
Revises: 0008
Create Date: 2027-01-10 10:00:00

Why: an exact key per report (type family, year-month, people) split one occurrence (a
summit reported to the day, the month and the year) and merged several (two calls of one
pair in one month). Which reports are one occurrence now depends on the other reports of
its block (etl/load/identity.py), so it is decided after the documents are written:

* ``event_reports`` gets its own id (a document may report two occurrences that end up one
  event, or one block twice), a ``block`` and a nullable ``event_id`` (null: not placed yet);
* ``event_mentions`` point at their report (``report_id``); ``event_id`` follows the report;
* ``ops.event_blocks_dirty`` lists blocks whose events must be recomputed. A trigger marks the
  block of every deleted report (a replaced, pruned or re-extracted document, also through
  ON DELETE CASCADE) and both blocks of a report whose block changes, in the transaction
  that changes it, so a killed run leaves its work listed for the next one;
* ``analytics.person_activity`` dates a month- or year-precision event inside its own period.

Existing reports get a null block: the next run computes their blocks and recomputes their
events (new event keys; the old rows go).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
# 0007 and 0008 changed other views and tables: person_activity is still 0006's.
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_KEY = (
    "Identity of the occurrence: its block (type family and who took part, or the gathering's"
    " name) and its date as far as known (YYYY-MM-DD, YYYY-MM, YYYY or -)."
)
OLD_EVENT_KEY = "Deduplication key: type family, year and month, and who or what the event is."
REPORT_EVENT = (
    "The event (occurrence) this report is of; null until the end of the run that wrote it"
    " places it."
)
BLOCK = (
    "The reports that may be one occurrence with this one: type family and who took part, or"
    " the name (all gatherings are one block)."
)
MENTION_EVENT = "The event; null until the end of the run that wrote it places its report."
MENTION_REPORT = "The document's report of the event that this mention belongs to."
DIRTY = (
    "Blocks of event reports changed since their events were last computed; the end of each"
    " run recomputes them (a killed run's blocks wait here for the next)."
)

TRIGGERS = """
CREATE FUNCTION ops.mark_deleted_event_blocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ops.event_blocks_dirty (block)
    SELECT DISTINCT block FROM gone WHERE block IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER event_reports_deleted AFTER DELETE ON event_reports
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
    EXECUTE FUNCTION ops.mark_deleted_event_blocks();
CREATE FUNCTION ops.mark_moved_event_block() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ops.event_blocks_dirty (block)
    SELECT b FROM (VALUES (OLD.block), (NEW.block)) v(b) WHERE b IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER event_reports_moved AFTER UPDATE OF block ON event_reports
    FOR EACH ROW WHEN (OLD.block IS DISTINCT FROM NEW.block)
    EXECUTE FUNCTION ops.mark_moved_event_block();
"""

PERSON_ACTIVITY = """
        WITH event_dates AS (
            -- The day an event is known by: its own day when the text gives it; for a month
            -- or a year, the day its first report was published, kept inside that period
            -- (an event of March 2022 first reported in 2025 is known by 31 March 2022).
            SELECT e.id AS event_id,
                   CASE WHEN e.date_precision = 'day' THEN e.start_date
                        WHEN e.date_precision IN ('month', 'year') THEN
                             least(greatest(coalesce(f.first_on, p.last_day), e.start_date),
                                   p.last_day)
                   END AS known_on
              FROM events e
             CROSS JOIN LATERAL (
                   SELECT (date_trunc(e.date_precision, e.start_date)
                           + ('1 ' || e.date_precision)::interval - interval '1 day')::date
                          AS last_day) p
              LEFT JOIN LATERAL (
                   SELECT min(d.published_on) AS first_on FROM event_reports r
                     JOIN documents d ON d.id = r.document_id
                    WHERE r.event_id = e.id AND d.published_precision = 'day') f ON true
        )
        SELECT p.id AS participant_id,
               p.name,
               p.title,
               p.country_iso3,
               c.name AS country_name,
               (SELECT count(*) FROM document_participants dp
                 WHERE dp.participant_id = p.id)::integer AS documents,
               (SELECT coalesce(sum(dp.mentions), 0) FROM document_participants dp
                 WHERE dp.participant_id = p.id)::integer AS mentions,
               (SELECT count(DISTINCT ep.event_id) FROM event_participants ep
                 WHERE ep.participant_id = p.id)::integer AS events,
               (SELECT min(ed.known_on) FROM event_dates ed
                  JOIN event_participants ep ON ep.event_id = ed.event_id
                 WHERE ep.participant_id = p.id) AS first_event_date,
               (SELECT max(ed.known_on) FROM event_dates ed
                  JOIN event_participants ep ON ep.event_id = ed.event_id
                 WHERE ep.participant_id = p.id) AS last_event_date,
               (SELECT min(d.published_on) FROM documents d
                  JOIN document_participants dp ON dp.document_id = d.id
                 WHERE dp.participant_id = p.id AND d.published_precision = 'day')
                 AS first_mentioned_on,
               (SELECT max(d.published_on) FROM documents d
                  JOIN document_participants dp ON dp.document_id = d.id
                 WHERE dp.participant_id = p.id AND d.published_precision = 'day')
                 AS last_mentioned_on
          FROM participants p
          LEFT JOIN countries c ON c.iso3 = p.country_iso3
         WHERE p.kind = 'person'
"""
FIRST_EVENT = (
    "Earliest of their events: each dated by its own day when the text gives it; an event"
    " known to the month or year by the day its first report was published, kept inside that"
    " month or year (never a day outside the event's own period); undated events are left out."
)
LAST_EVENT = "Latest of their events, dated the same way as first_event_date."


def _previous() -> ModuleType:
    """The 0006 migration module, whose person_activity downgrade() restores."""
    path = Path(__file__).with_name("0006_bi_time_precision_and_ops_schema.py")
    spec = importlib.util.spec_from_file_location("diplo_migration_0006", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _person_activity(sql: str, comment: str, columns: dict[str, str]) -> None:
    op.execute("DROP VIEW analytics.person_activity")
    op.execute(f"CREATE VIEW analytics.person_activity AS {sql}")
    op.execute(f"COMMENT ON VIEW analytics.person_activity IS {_quote(comment)}")
    for column, text in columns.items():
        op.execute(f"COMMENT ON COLUMN analytics.person_activity.{column} IS {_quote(text)}")


def upgrade() -> None:
    op.execute("ALTER TABLE event_reports DROP CONSTRAINT pk_event_reports")
    op.execute("ALTER TABLE event_reports ADD COLUMN id BIGSERIAL")
    op.execute("ALTER TABLE event_reports ADD CONSTRAINT pk_event_reports PRIMARY KEY (id)")
    op.execute("COMMENT ON COLUMN event_reports.id IS 'Report id.'")
    op.drop_constraint("fk_event_reports_event_id_events", "event_reports", type_="foreignkey")
    op.create_foreign_key(
        "fk_event_reports_event_id_events",
        "event_reports",
        "events",
        ["event_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.alter_column(
        "event_reports",
        "event_id",
        existing_type=sa.BigInteger(),
        nullable=True,
        comment=REPORT_EVENT,
        existing_comment="The event.",
    )
    op.add_column("event_reports", sa.Column("block", sa.Text(), nullable=True, comment=BLOCK))
    op.create_index("ix_event_reports_event_id", "event_reports", ["event_id"])
    op.create_index("ix_event_reports_block", "event_reports", ["block"])

    op.add_column(
        "event_mentions",
        sa.Column("report_id", sa.BigInteger(), nullable=True, comment=MENTION_REPORT),
    )
    op.execute(
        "UPDATE event_mentions m SET report_id = r.id FROM event_reports r"
        " WHERE r.event_id = m.event_id AND r.document_id = m.document_id"
    )
    op.execute("DELETE FROM event_mentions WHERE report_id IS NULL")
    op.alter_column("event_mentions", "report_id", existing_type=sa.BigInteger(), nullable=False)
    op.create_foreign_key(
        "fk_event_mentions_report_id_event_reports",
        "event_mentions",
        "event_reports",
        ["report_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index("ix_event_mentions_report_id", "event_mentions", ["report_id"])
    op.drop_constraint("fk_event_mentions_event_id_events", "event_mentions", type_="foreignkey")
    op.create_foreign_key(
        "fk_event_mentions_event_id_events",
        "event_mentions",
        "events",
        ["event_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.alter_column(
        "event_mentions",
        "event_id",
        existing_type=sa.BigInteger(),
        nullable=True,
        comment=MENTION_EVENT,
        existing_comment="The event.",
    )
    op.alter_column(
        "events",
        "event_key",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=EVENT_KEY,
        existing_comment=OLD_EVENT_KEY,
    )

    op.create_table(
        "event_blocks_dirty",
        sa.Column("block", sa.Text(), nullable=False, comment="event_reports.block."),
        sa.Column(
            "marked_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When it was first marked.",
        ),
        sa.PrimaryKeyConstraint("block", name=op.f("pk_event_blocks_dirty")),
        schema="ops",
        comment=DIRTY,
    )
    op.execute(TRIGGERS)

    previous = _previous().VIEWS["person_activity"]
    columns = {**previous[2], "first_event_date": FIRST_EVENT, "last_event_date": LAST_EVENT}
    _person_activity(PERSON_ACTIVITY, previous[0], columns)


def downgrade() -> None:
    comment, sql, columns = _previous().VIEWS["person_activity"]
    _person_activity(sql, comment, columns)
    op.execute("DROP TRIGGER event_reports_moved ON event_reports")
    op.execute("DROP TRIGGER event_reports_deleted ON event_reports")
    op.execute("DROP FUNCTION ops.mark_moved_event_block()")
    op.execute("DROP FUNCTION ops.mark_deleted_event_blocks()")
    op.drop_table("event_blocks_dirty", schema="ops")

    # The old schema holds one report per (event, document) and every report placed: the
    # reports not placed yet and a document's second report of one event go.
    op.execute("DELETE FROM event_reports WHERE event_id IS NULL")
    op.execute(
        "DELETE FROM event_reports r USING event_reports s"
        " WHERE s.event_id = r.event_id AND s.document_id = r.document_id AND s.id < r.id"
    )
    op.execute("DELETE FROM event_mentions WHERE event_id IS NULL")
    op.execute(
        "DELETE FROM events e WHERE NOT EXISTS"
        " (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)"
    )
    op.alter_column(
        "events",
        "event_key",
        existing_type=sa.Text(),
        existing_nullable=False,
        comment=OLD_EVENT_KEY,
        existing_comment=EVENT_KEY,
    )
    op.drop_constraint("fk_event_mentions_event_id_events", "event_mentions", type_="foreignkey")
    op.alter_column(
        "event_mentions",
        "event_id",
        existing_type=sa.BigInteger(),
        nullable=False,
        comment="The event.",
        existing_comment=MENTION_EVENT,
    )
    op.create_foreign_key(
        "fk_event_mentions_event_id_events",
        "event_mentions",
        "events",
        ["event_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.drop_index("ix_event_mentions_report_id", table_name="event_mentions")
    op.drop_constraint(
        "fk_event_mentions_report_id_event_reports", "event_mentions", type_="foreignkey"
    )
    op.drop_column("event_mentions", "report_id")

    op.drop_index("ix_event_reports_block", table_name="event_reports")
    op.drop_index("ix_event_reports_event_id", table_name="event_reports")
    op.drop_column("event_reports", "block")
    op.drop_constraint("fk_event_reports_event_id_events", "event_reports", type_="foreignkey")
    op.alter_column(
        "event_reports",
        "event_id",
        existing_type=sa.BigInteger(),
        nullable=False,
        comment="The event.",
        existing_comment=REPORT_EVENT,
    )
    op.create_foreign_key(
        "fk_event_reports_event_id_events",
        "event_reports",
        "events",
        ["event_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.execute("ALTER TABLE event_reports DROP CONSTRAINT pk_event_reports")
    op.drop_column("event_reports", "id")
    op.execute(
        "ALTER TABLE event_reports ADD CONSTRAINT pk_event_reports"
        " PRIMARY KEY (event_id, document_id)"
    )
