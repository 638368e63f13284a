"""BI that cannot mislead: grain columns first, a pair label, a database closed to PUBLIC

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 11:00:00

Why, item by item:

* Superset makes the first temporal column of a new dataset its default time column, and
  a chart made by hand groups by it (at a day grain unless told otherwise). In
  ``event_timeline``, ``event_participation`` and ``documents`` that was the raw
  ``start_date`` / ``published_on``, where a year-only event sits on 1 January. The grain
  columns now come first, the day column first of all: at every grain it places only what
  is known to the day, so it never invents a date.
* ``bilateral_engagements`` measures a pair. A document naming 26 countries is in 325
  pairs, so a chart summing a measure over pairs shows 325 documents. The view gains
  ``pair`` (one label per pair, for a series or row per pair) and says so in its comments.
* PostgreSQL grants every role (PUBLIC) CONNECT and TEMPORARY on each new database, and
  EXECUTE on the functions that create and write large objects. A read-only role of one
  diplo database could thus connect to every other one and create temporary tables there,
  and write large objects anywhere once it switched read-only transactions off. Each diplo
  database now takes these back from PUBLIC: only its owner, superusers and the roles
  granted CONNECT (``diplo db grant-readonly`` does) get in. Revoking EXECUTE on
  PostgreSQL's own functions needs a superuser; run by another role it is a warning and a
  no-op, and ``grant-readonly`` says what stays open.

downgrade() restores 0006's views and PostgreSQL's default grants to PUBLIC.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _module(filename: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PREVIOUS = _module("0006_bi_time_precision_and_ops_schema.py", "diplo_migration_0006")
_day, _names, LIST, SEP = PREVIOUS._day, PREVIOUS._names, PREVIOUS.LIST, PREVIOUS.SEP
DOC_MONTH, DOC_YEAR = PREVIOUS._DOC_MONTH, PREVIOUS._DOC_YEAR
EVENT_TIME = PREVIOUS._event_time("e")
OLD = PREVIOUS.VIEWS

DAY_FIRST = " The first date column, so Superset makes it a new dataset's default time column: it places only events known to the day, at any grain."
PAIR_MEASURE = " A measure of this pair: one {what} with n countries counts in each of its n(n-1)/2 pairs, so never sum it over pairs; group by pair."


def _columns(view: str, order: list[str], **changed: str) -> dict[str, str]:
    old = OLD[view][2]
    return {column: changed[column] if column in changed else old[column] for column in order}


VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "event_timeline": (
        OLD["event_timeline"][0],
        f"""
        SELECT e.id AS event_id,
               {EVENT_TIME},
               e.start_date,
               e.end_date,
               e.date_precision,
               e.event_type,
               e.name AS event_name,
               e.location_name,
               e.location_country_iso3,
               lc.name AS location_country,
               {_names("person")} AS people,
               {_names("organization")} AS organizations,
               (SELECT string_agg(DISTINCT c.name, '{SEP}' ORDER BY c.name)
                  FROM event_participants ep JOIN countries c ON c.iso3 = ep.country_iso3
                 WHERE ep.event_id = e.id) AS countries,
               (SELECT string_agg(DISTINCT ep.country_iso3, '{SEP}' ORDER BY ep.country_iso3)
                  FROM event_participants ep WHERE ep.event_id = e.id) AS country_codes,
               (SELECT count(DISTINCT m.document_id) FROM event_mentions m
                 WHERE m.event_id = e.id)::integer AS documents,
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id)::integer AS mentions,
               e.summary
          FROM events e
          LEFT JOIN countries lc ON lc.iso3 = e.location_country_iso3
        """,
        _columns(
            "event_timeline",
            ["event_id", "event_day", "event_month", "event_year", "start_date", "end_date",
             "date_precision", "event_type", "event_name", "location_name",
             "location_country_iso3", "location_country", "people", "organizations",
             "countries", "country_codes", "documents", "mentions", "summary"],
            event_day=OLD["event_timeline"][2]["event_day"] + DAY_FIRST,
        ),  # fmt: skip
    ),
    "event_participation": (
        OLD["event_participation"][0],
        f"""
        SELECT ep.event_id,
               {EVENT_TIME},
               e.name AS event_name,
               e.event_type,
               e.start_date,
               e.date_precision,
               ep.role,
               ep.participant_id,
               p.name AS participant_name,
               p.kind AS participant_kind,
               p.title AS participant_title,
               ep.country_iso3,
               c.name AS country_name,
               p.country_iso3 AS participant_country_iso3
          FROM event_participants ep
          JOIN events e ON e.id = ep.event_id
          LEFT JOIN participants p ON p.id = ep.participant_id
          LEFT JOIN countries c ON c.iso3 = ep.country_iso3
        """,
        _columns(
            "event_participation",
            ["event_id", "event_day", "event_month", "event_year", "event_name", "event_type",
             "start_date", "date_precision", "role", "participant_id", "participant_name",
             "participant_kind", "participant_title", "country_iso3", "country_name",
             "participant_country_iso3"],
            event_day=OLD["event_participation"][2]["event_day"] + DAY_FIRST,
        ),  # fmt: skip
    ),
    "documents": (
        OLD["documents"][0],
        f"""
        SELECT d.id AS document_id,
               {_day("d.published_on", "d.published_precision")} AS published_day,
               {DOC_MONTH} AS published_month,
               {DOC_YEAR} AS published_year,
               d.title,
               d.outlet,
               d.url,
               d.source_path,
               d.published_on,
               d.published_precision,
               d.word_count,
               d.loaded_at
          FROM documents d
        """,
        _columns(
            "documents",
            ["document_id", "published_day", "published_month", "published_year", "title",
             "outlet", "url", "source_path", "published_on", "published_precision",
             "word_count", "loaded_at"],
            published_day="Publication day, only when the day is known (null otherwise): use for daily charts. The first date column, so Superset makes it a new dataset's default time column.",
        ),  # fmt: skip
    ),
    "bilateral_engagements": (
        "Country pairs by year: events both states took part in, and documents mentioning both; every event and document counts (undated ones under a null year). Its measures are per pair: group by pair, never sum them over pairs.",
        """
        WITH event_countries AS (
            -- A state takes part when named as a participant or represented by someone who
            -- acts for it; a person's nationality alone is not participation.
            SELECT DISTINCT event_id, country_iso3 FROM event_participants
             WHERE country_iso3 IS NOT NULL
        ), event_pairs AS (
            -- Undated rows pair up under 'infinity' (a FULL JOIN needs an equality).
            SELECT coalesce(date_trunc('year', e.start_date)::date, 'infinity') AS y,
                   a.country_iso3 AS country_a, b.country_iso3 AS country_b,
                   count(DISTINCT e.id) AS events
              FROM events e
              JOIN event_countries a ON a.event_id = e.id
              JOIN event_countries b ON b.event_id = e.id AND a.country_iso3 < b.country_iso3
             GROUP BY 1, 2, 3
        ), document_pairs AS (
            SELECT coalesce(date_trunc('year', d.published_on)::date, 'infinity') AS y,
                   a.country_iso3 AS country_a, b.country_iso3 AS country_b,
                   count(DISTINCT d.id) AS documents
              FROM documents d
              JOIN document_countries a ON a.document_id = d.id
              JOIN document_countries b ON b.document_id = d.id AND a.country_iso3 < b.country_iso3
             GROUP BY 1, 2, 3
        )
        SELECT nullif(coalesce(ep.y, dp.y), 'infinity') AS event_year,
               extract(year FROM nullif(coalesce(ep.y, dp.y), 'infinity'))::integer AS year,
               ca.name || ' – ' || cb.name AS pair,
               coalesce(ep.country_a, dp.country_a) AS country_a,
               ca.name AS country_a_name,
               coalesce(ep.country_b, dp.country_b) AS country_b,
               cb.name AS country_b_name,
               coalesce(ep.events, 0)::integer AS events_together,
               coalesce(dp.documents, 0)::integer AS documents_mentioning_both
          FROM event_pairs ep
          FULL JOIN document_pairs dp
            ON dp.y = ep.y AND dp.country_a = ep.country_a AND dp.country_b = ep.country_b
          JOIN countries ca ON ca.iso3 = coalesce(ep.country_a, dp.country_a)
          JOIN countries cb ON cb.iso3 = coalesce(ep.country_b, dp.country_b)
        """,
        _columns(
            "bilateral_engagements",
            ["event_year", "year", "pair", "country_a", "country_a_name", "country_b",
             "country_b_name", "events_together", "documents_mentioning_both"],
            pair="The two countries as one label (\"China – Kazakhstan\", alphabetical by ISO3 code): group by it for one series or row per pair.",
            events_together=OLD["bilateral_engagements"][2]["events_together"] + PAIR_MEASURE.format(what="event"),
            documents_mentioning_both=OLD["bilateral_engagements"][2]["documents_mentioning_both"] + PAIR_MEASURE.format(what="document"),
        ),  # fmt: skip
    ),
}

# What PostgreSQL lets every role do in a new database, and that writes.
DATABASE_DEFAULTS = "CONNECT, TEMPORARY"
LARGE_OBJECT_WRITERS = (
    "pg_catalog.lo_creat(integer), pg_catalog.lo_create(oid),"
    " pg_catalog.lo_from_bytea(oid, bytea), pg_catalog.lowrite(integer, bytea),"
    " pg_catalog.lo_put(oid, bigint, bytea), pg_catalog.lo_truncate(integer, integer),"
    " pg_catalog.lo_truncate64(integer, bigint), pg_catalog.lo_unlink(oid)"
)


def _database_privileges(verb: str, direction: str) -> None:
    """GRANT or REVOKE the defaults of PUBLIC on this database (its name is only known here)."""
    op.execute(
        "DO $$ BEGIN EXECUTE format('" + verb + " " + DATABASE_DEFAULTS + " ON DATABASE %I "
        + direction + " PUBLIC', current_database()); END $$"
    )


def _replace(views: dict[str, tuple[str, str, dict[str, str]]]) -> None:
    for name in views:
        op.execute(f"DROP VIEW analytics.{name}")
    PREVIOUS._create(views)


def upgrade() -> None:
    _replace(VIEWS)
    _database_privileges("REVOKE", "FROM")
    op.execute("REVOKE EXECUTE ON FUNCTION " + LARGE_OBJECT_WRITERS + " FROM PUBLIC")


def downgrade() -> None:
    op.execute("GRANT EXECUTE ON FUNCTION " + LARGE_OBJECT_WRITERS + " TO PUBLIC")
    _database_privileges("GRANT", "TO")
    for name in VIEWS:
        op.execute(f"DROP VIEW analytics.{name}")
    PREVIOUS._create({name: OLD[name] for name in VIEWS})
