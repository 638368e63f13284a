"""BI that tells the truth: precision-aware time columns, one list separator, ops schema

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 15:45:00

Why: a BI tool groups by whatever DATE column it is given. An event known only to its year
has start_date = 1 January, so "events per month" showed January spikes; undated documents
formed a null month larger than any real one. Every view that places something in time now
exposes one column per grain, set only when the data is known to that grain:
``*_day`` (precision day), ``*_month`` (precision day or month) and ``*_year`` (year known).
Monthly views count only what is known to the month; yearly views count everything (the
undated in a null year), so their sums equal the totals.

Also: every list column uses "; " as separator; participation of a state comes from
``event_participants.country_iso3`` alone (the state named, or the state a person acts for),
never from a person's nationality; the run log moves to schema ``ops`` so BI users do not
see it unless granted; ``analytics.data_freshness`` tells a dashboard how stale the data is.

``alembic_version`` stays in public: Alembic writes it after a migration runs, older diplo
versions look for it there, and moving it would make every existing database look empty to
them. The read-only role is refused SELECT on it instead (etl/outputs/roles.py).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0006"
# Written in parallel with 0005 (documents.parser_version), which changes no view: so
# downgrade() restores the analytics views of 0004.
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEP = "; "
LIST = 'separated by "; " (semicolon and space), in alphabetical order'


def _day(date: str, precision: str) -> str:
    return f"CASE WHEN {precision} = 'day' THEN {date} END"


def _month(date: str, precision: str) -> str:
    return f"CASE WHEN {precision} IN ('day', 'month') THEN date_trunc('month', {date})::date END"


def _year(date: str) -> str:
    return f"date_trunc('year', {date})::date"


def _event_time(alias: str) -> str:
    d, p = f"{alias}.start_date", f"{alias}.date_precision"
    return f"""{_day(d, p)} AS event_day,
               {_month(d, p)} AS event_month,
               {_year(d)} AS event_year"""


EVENT_TIME_COMMENTS = {
    "event_day": "Day the event started, only when the text gives the day (null otherwise): use for daily charts.",
    "event_month": "First day of the month it started, only when known to the month or day (null when only the year is known): use for monthly charts.",
    "event_year": "1 January of the year it started, whenever the year is known: use for yearly charts, which then count every dated event.",
}


def _names(kind: str) -> str:
    return f"""(SELECT string_agg(DISTINCT p.name, '{SEP}' ORDER BY p.name)
        FROM event_participants ep JOIN participants p ON p.id = ep.participant_id
        WHERE ep.event_id = e.id AND p.kind = '{kind}')"""


# A month or year of publication as a monthly/yearly view groups it: only what is known.
_DOC_MONTH = _month("d.published_on", "d.published_precision")
_DOC_YEAR = _year("d.published_on")


def _mentions_by(period: str, grain: str, link: str, key: str, table: str, named: str) -> str:
    """Documents and mentions of a country or initiative per month or year of publication;
    a monthly view leaves out what is not known to the month."""
    where = f"WHERE {period} IS NOT NULL" if grain == "month" else ""
    table_key = "iso3" if table == "countries" else "id"
    return f"""
        SELECT {period} AS {grain},
               x.{key},
               n.name AS {named},
               count(*)::integer AS documents,
               sum(x.mentions)::integer AS mentions
          FROM {link} x
          JOIN documents d ON d.id = x.document_id
          JOIN {table} n ON n.{table_key} = x.{key}
          {where}
         GROUP BY 1, 2, 3
        """


VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "event_timeline": (
        "One row per event with its date at each grain it is known to, type, place, and participants and countries flattened into text.",
        f"""
        SELECT e.id AS event_id,
               e.start_date,
               e.end_date,
               e.date_precision,
               {_event_time("e")},
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
        {
            "event_id": "The event (events.id).",
            "start_date": "Raw start date: the first day of the month or year when less precise, so do not group by it; use event_day, event_month or event_year.",
            "end_date": "When it ended, if it lasted days.",
            "date_precision": "Precision of the dates: day, month or year.",
            **EVENT_TIME_COMMENTS,
            "event_type": "summit, forum, conference, state_visit, visit, meeting, call, signing, resolution, diplomatic_relations, launch, message, anniversary or other.",
            "event_name": "Readable name of the event.",
            "location_name": "City or place where it took place.",
            "location_country_iso3": "ISO3 code of the country where it took place.",
            "location_country": "Name of the country where it took place.",
            "people": f"People who took part, {LIST}.",
            "organizations": f"Organizations that took part, {LIST}.",
            "countries": f"Countries that took part (named as such, or represented by someone acting for them), {LIST}.",
            "country_codes": f"ISO3 codes of the countries that took part, {LIST}.",
            "documents": "Number of documents that report the event.",
            "mentions": "Number of mentions of the event across documents.",
            "summary": "A sentence that states the event.",
        },
    ),
    "event_participation": (
        "One row per event and participant (person, organization or country), with roles.",
        f"""
        SELECT ep.event_id,
               e.name AS event_name,
               e.event_type,
               e.start_date,
               e.date_precision,
               {_event_time("e")},
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
        {
            "event_id": "The event (events.id).",
            "event_name": "Readable name of the event.",
            "event_type": "Type of the event.",
            "start_date": "Raw start date (first day of the month or year when less precise); group by event_day, event_month or event_year instead.",
            "date_precision": "Precision of start_date: day, month or year.",
            **EVENT_TIME_COMMENTS,
            "role": "host, guest, attendee, signatory, counterpart, sender, recipient or participant.",
            "participant_id": "The person or organization (participants.id); null for a country alone.",
            "participant_name": "Canonical name of the person or organization.",
            "participant_kind": "person or organization.",
            "participant_title": "Office or role of the person, where known.",
            "country_iso3": "State taking part: the country named as a participant, or the one this person acts for; null for officials of international organizations.",
            "country_name": "Name of that state.",
            "participant_country_iso3": "Nationality of the person or seat of the organization (not by itself participation of that state).",
        },
    ),
    "country_mentions_monthly": (
        "Per month of publication and country: documents mentioning the country and total mentions; only documents whose publication month is known.",
        _mentions_by(
            _DOC_MONTH, "month", "document_countries", "country_iso3", "countries", "country_name"
        ),
        {
            "month": "First day of the month of publication; documents without a known month are not counted here (see country_mentions_yearly).",
            "country_iso3": "The country (ISO3).",
            "country_name": "Name of the country.",
            "documents": "Documents published that month that mention the country.",
            "mentions": "Total mentions of the country in those documents.",
        },
    ),
    "country_mentions_yearly": (
        "Per year of publication and country: documents mentioning the country and total mentions; every document counts (undated ones under a null year).",
        _mentions_by(
            _DOC_YEAR, "year", "document_countries", "country_iso3", "countries", "country_name"
        ),
        {
            "year": "1 January of the year of publication; null for documents with no known date, so the rows add up to the totals.",
            "country_iso3": "The country (ISO3).",
            "country_name": "Name of the country.",
            "documents": "Documents published that year that mention the country.",
            "mentions": "Total mentions of the country in those documents.",
        },
    ),
    "initiative_mentions_monthly": (
        "Per month of publication and initiative: documents naming it and total mentions; only documents whose publication month is known.",
        _mentions_by(
            _DOC_MONTH,
            "month",
            "document_initiatives",
            "initiative_id",
            "initiatives",
            "initiative_name",
        ),
        {
            "month": "First day of the month of publication; documents without a known month are not counted here (see initiative_mentions_yearly).",
            "initiative_id": "The initiative (initiatives.id).",
            "initiative_name": "Canonical name of the initiative.",
            "documents": "Documents published that month that name the initiative.",
            "mentions": "Total mentions of the initiative in those documents.",
        },
    ),
    "initiative_mentions_yearly": (
        "Per year of publication and initiative: documents naming it and total mentions; every document counts (undated ones under a null year).",
        _mentions_by(
            _DOC_YEAR,
            "year",
            "document_initiatives",
            "initiative_id",
            "initiatives",
            "initiative_name",
        ),
        {
            "year": "1 January of the year of publication; null for documents with no known date, so the rows add up to the totals.",
            "initiative_id": "The initiative (initiatives.id).",
            "initiative_name": "Canonical name of the initiative.",
            "documents": "Documents published that year that name the initiative.",
            "mentions": "Total mentions of the initiative in those documents.",
        },
    ),
    "documents": (
        "One row per document with its publication date at each grain it is known to.",
        f"""
        SELECT d.id AS document_id,
               d.title,
               d.outlet,
               d.url,
               d.source_path,
               d.published_on,
               d.published_precision,
               {_day("d.published_on", "d.published_precision")} AS published_day,
               {_DOC_MONTH} AS published_month,
               {_DOC_YEAR} AS published_year,
               d.word_count,
               d.loaded_at
          FROM documents d
        """,
        {
            "document_id": "The document (documents.id).",
            "title": "Headline.",
            "outlet": "Publisher or news agency, where known.",
            "url": "Address of the article, where known.",
            "source_path": "File or URI it was loaded from.",
            "published_on": "Raw publication date (first day of the month or year when less precise); group by published_day, published_month or published_year instead.",
            "published_precision": "Precision of published_on: day, month or year; null when undated.",
            "published_day": "Publication day, only when the day is known (null otherwise): use for daily charts.",
            "published_month": "First day of the month of publication, only when known to the month or day: use for monthly charts.",
            "published_year": "1 January of the year of publication, whenever the year is known: use for yearly charts.",
            "word_count": "Words in the body.",
            "loaded_at": "When diplo first loaded it.",
        },
    ),
    "bilateral_engagements": (
        "Country pairs by year: events both states took part in, and documents mentioning both; every event and document counts (undated ones under a null year).",
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
        SELECT extract(year FROM nullif(coalesce(ep.y, dp.y), 'infinity'))::integer AS year,
               nullif(coalesce(ep.y, dp.y), 'infinity') AS event_year,
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
        {
            "year": "Year as a number (of the events' start, of the documents' publication); null when undated.",
            "event_year": "1 January of that year, as a date for BI time filters and grains; null when undated, so the rows add up to the totals.",
            "country_a": "First country of the pair (ISO3, alphabetically first).",
            "country_a_name": "Name of the first country.",
            "country_b": "Second country of the pair (ISO3).",
            "country_b_name": "Name of the second country.",
            "events_together": "Events that year in which both states took part (named as participants or represented by someone acting for them; nationality alone does not count).",
            "documents_mentioning_both": "Documents published that year that mention both countries.",
        },
    ),
    "person_activity": (
        "One row per person: how often they are named, in how many events, and when (dates known to the day only).",
        """
        WITH event_dates AS (
            -- The day an event is known by: its own date when the text gives the day,
            -- otherwise the day the first report of it was published.
            SELECT e.id AS event_id,
                   CASE WHEN e.date_precision = 'day' THEN e.start_date
                        ELSE (SELECT min(d.published_on) FROM event_reports r
                                JOIN documents d ON d.id = r.document_id
                               WHERE r.event_id = e.id AND d.published_precision = 'day')
                   END AS known_on
              FROM events e
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
        """,
        {
            "participant_id": "The person (participants.id).",
            "name": "Canonical name.",
            "title": "Office or role, where known.",
            "country_iso3": "Nationality (ISO3), where known.",
            "country_name": "Name of that country.",
            "documents": "Documents that name the person.",
            "mentions": "Total mentions across documents.",
            "events": "Events the person took part in.",
            "first_event_date": "Earliest of their events, each dated by its own day when the text gives it, otherwise by the day its first report was published (never a 1 January standing for a whole year).",
            "last_event_date": "Latest of their events, dated the same way as first_event_date.",
            "first_mentioned_on": "Publication day of the earliest document naming them (documents dated to the day only).",
            "last_mentioned_on": "Publication day of the latest document naming them (documents dated to the day only).",
        },
    ),
    "data_freshness": (
        "One row: the last successful load, what it did, and how old the newest document is, so a dashboard can show whether the data is stale.",
        """
        SELECT r.id AS last_run_id,
               r.command AS last_run_command,
               r.status AS last_run_status,
               r.started_at AS last_run_started_at,
               r.finished_at AS last_run_finished_at,
               (extract(epoch FROM now() - r.finished_at) / 3600)::numeric(10, 1)
                 AS hours_since_last_run,
               r.loaded AS documents_loaded,
               r.replaced AS documents_replaced,
               r.rejected AS documents_rejected,
               (SELECT count(*) FROM documents)::integer AS documents_total,
               (SELECT max(published_on) FROM documents WHERE published_precision = 'day')
                 AS newest_published_on,
               current_date - (SELECT max(published_on) FROM documents
                                WHERE published_precision = 'day') AS newest_document_age_days,
               (SELECT max(loaded_at) FROM documents) AS newest_loaded_at
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (
                SELECT * FROM ops.etl_runs
                 WHERE command = 'load' AND status IN ('succeeded', 'partial')
                   AND finished_at IS NOT NULL
                 ORDER BY finished_at DESC, id DESC LIMIT 1
          ) r ON true
        """,
        {
            "last_run_id": "The last load that finished successfully (ops.etl_runs.id): succeeded, or partial with some inputs rejected; null if none yet.",
            "last_run_command": "What that run was: always load (a reextract brings no new data).",
            "last_run_status": "succeeded, or partial when some inputs were rejected.",
            "last_run_started_at": "When that run started.",
            "last_run_finished_at": "When that run finished.",
            "hours_since_last_run": "Hours from then to now.",
            "documents_loaded": "New documents that run wrote.",
            "documents_replaced": "Documents that run rewrote because their file changed.",
            "documents_rejected": "Inputs that run rejected.",
            "documents_total": "Documents in the database now.",
            "newest_published_on": "Publication day of the newest document dated to the day.",
            "newest_document_age_days": "Days from that publication day to today.",
            "newest_loaded_at": "When the most recently loaded document was loaded.",
        },
    ),
}

def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create(views: dict[str, tuple[str, str, dict[str, str]]]) -> None:
    for name, (comment, sql, columns) in views.items():
        op.execute(f"CREATE VIEW analytics.{name} AS {sql}")
        op.execute(f"COMMENT ON VIEW analytics.{name} IS {_quote(comment)}")
        for column, text in columns.items():
            op.execute(f"COMMENT ON COLUMN analytics.{name}.{column} IS {_quote(text)}")


def _previous_views() -> ModuleType:
    """The 0004 migration module, whose views downgrade() restores."""
    path = Path(__file__).with_name("0004_analytics_views.py")
    spec = importlib.util.spec_from_file_location("diplo_migration_0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    op.execute("CREATE SCHEMA ops")
    op.execute(
        "COMMENT ON SCHEMA ops IS "
        + _quote("Operational bookkeeping of diplo (run log, rejected inputs); not for analysis.")
    )
    op.execute("ALTER TABLE public.etl_runs SET SCHEMA ops")
    op.execute("ALTER TABLE public.rejected_inputs SET SCHEMA ops")
    # The naming convention labels indexes by schema-qualified column (models/base.py).
    op.execute("ALTER INDEX ops.ix_rejected_inputs_run_id RENAME TO ix_ops_rejected_inputs_run_id")
    for name in _previous_views().VIEWS:
        op.execute(f"DROP VIEW analytics.{name}")
    _create(VIEWS)


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW analytics.{name}")
    _create(_previous_views().VIEWS)
    op.execute("ALTER INDEX ops.ix_ops_rejected_inputs_run_id RENAME TO ix_rejected_inputs_run_id")
    op.execute("ALTER TABLE ops.rejected_inputs SET SCHEMA public")
    op.execute("ALTER TABLE ops.etl_runs SET SCHEMA public")
    op.execute("DROP SCHEMA ops")
