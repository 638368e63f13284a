"""analytics schema: views named for the questions analysts ask

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 18:30:00

Every view and column carries a comment, which BI tools (Metabase, Superset) show as its
description. Views are plain SQL over the public tables, so they are always current.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _names(kind: str) -> str:
    return f"""(SELECT string_agg(DISTINCT p.name, '; ' ORDER BY p.name)
        FROM event_participants ep JOIN participants p ON p.id = ep.participant_id
        WHERE ep.event_id = e.id AND p.kind = '{kind}')"""


VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "event_timeline": (
        "One row per event with its date, type, place, and participants and countries flattened into text.",
        f"""
        SELECT e.id AS event_id,
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
               (SELECT string_agg(DISTINCT c.name, '; ' ORDER BY c.name)
                  FROM event_participants ep JOIN countries c ON c.iso3 = ep.country_iso3
                 WHERE ep.event_id = e.id) AS countries,
               (SELECT string_agg(DISTINCT ep.country_iso3, ';' ORDER BY ep.country_iso3)
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
            "start_date": "When it started; first day of the month/year if less precise.",
            "end_date": "When it ended, if it lasted days.",
            "date_precision": "Precision of the dates: day, month or year.",
            "event_type": "summit, forum, conference, state_visit, visit, meeting, call, signing, resolution, diplomatic_relations, launch, message, anniversary or other.",
            "event_name": "Readable name of the event.",
            "location_name": "City or place where it took place.",
            "location_country_iso3": "ISO3 code of the country where it took place.",
            "location_country": "Name of the country where it took place.",
            "people": "People who took part, separated by semicolons.",
            "organizations": "Organizations that took part, separated by semicolons.",
            "countries": "Countries that took part, separated by semicolons.",
            "country_codes": "ISO3 codes of the countries that took part, separated by semicolons.",
            "documents": "Number of documents that report the event.",
            "mentions": "Number of mentions of the event across documents.",
            "summary": "A sentence that states the event.",
        },
    ),
    "event_participation": (
        "One row per event and participant (person, organization or country), with roles.",
        """
        SELECT ep.event_id,
               e.name AS event_name,
               e.event_type,
               e.start_date,
               e.date_precision,
               ep.role,
               ep.participant_id,
               p.name AS participant_name,
               p.kind AS participant_kind,
               p.title AS participant_title,
               coalesce(ep.country_iso3, p.country_iso3) AS country_iso3,
               c.name AS country_name
          FROM event_participants ep
          JOIN events e ON e.id = ep.event_id
          LEFT JOIN participants p ON p.id = ep.participant_id
          LEFT JOIN countries c ON c.iso3 = coalesce(ep.country_iso3, p.country_iso3)
        """,
        {
            "event_id": "The event (events.id).",
            "event_name": "Readable name of the event.",
            "event_type": "Type of the event.",
            "start_date": "When the event started.",
            "date_precision": "Precision of start_date: day, month or year.",
            "role": "host, guest, attendee, signatory, counterpart, sender, recipient or participant.",
            "participant_id": "The person or organization (participants.id); null for a country alone.",
            "participant_name": "Canonical name of the person or organization.",
            "participant_kind": "person or organization.",
            "participant_title": "Office or role of the person, where known.",
            "country_iso3": "Country taking part, or the participant's country.",
            "country_name": "Name of that country.",
        },
    ),
    "country_mentions_monthly": (
        "Per month of publication and country: documents mentioning the country and total mentions.",
        """
        SELECT date_trunc('month', d.published_on)::date AS month,
               dc.country_iso3,
               c.name AS country_name,
               count(*)::integer AS documents,
               sum(dc.mentions)::integer AS mentions
          FROM document_countries dc
          JOIN documents d ON d.id = dc.document_id
          JOIN countries c ON c.iso3 = dc.country_iso3
         GROUP BY 1, 2, 3
        """,
        {
            "month": "First day of the month of publication (null for undated documents).",
            "country_iso3": "The country (ISO3).",
            "country_name": "Name of the country.",
            "documents": "Documents published that month that mention the country.",
            "mentions": "Total mentions of the country in those documents.",
        },
    ),
    "initiative_mentions_monthly": (
        "Per month of publication and initiative: documents naming it and total mentions.",
        """
        SELECT date_trunc('month', d.published_on)::date AS month,
               di.initiative_id,
               i.name AS initiative_name,
               count(*)::integer AS documents,
               sum(di.mentions)::integer AS mentions
          FROM document_initiatives di
          JOIN documents d ON d.id = di.document_id
          JOIN initiatives i ON i.id = di.initiative_id
         GROUP BY 1, 2, 3
        """,
        {
            "month": "First day of the month of publication (null for undated documents).",
            "initiative_id": "The initiative (initiatives.id).",
            "initiative_name": "Canonical name of the initiative.",
            "documents": "Documents published that month that name the initiative.",
            "mentions": "Total mentions of the initiative in those documents.",
        },
    ),
    "bilateral_engagements": (
        "Country pairs by year: events both took part in, and documents mentioning both.",
        """
        WITH event_countries AS (
            SELECT DISTINCT event_id, country_iso3 FROM event_participants
             WHERE country_iso3 IS NOT NULL
        ), event_pairs AS (
            SELECT coalesce(extract(year FROM e.start_date)::integer, 0) AS y,
                   a.country_iso3 AS country_a, b.country_iso3 AS country_b,
                   count(DISTINCT e.id) AS events
              FROM events e
              JOIN event_countries a ON a.event_id = e.id
              JOIN event_countries b ON b.event_id = e.id AND a.country_iso3 < b.country_iso3
             GROUP BY 1, 2, 3
        ), document_pairs AS (
            SELECT coalesce(extract(year FROM d.published_on)::integer, 0) AS y,
                   a.country_iso3 AS country_a, b.country_iso3 AS country_b,
                   count(DISTINCT d.id) AS documents
              FROM documents d
              JOIN document_countries a ON a.document_id = d.id
              JOIN document_countries b ON b.document_id = d.id AND a.country_iso3 < b.country_iso3
             GROUP BY 1, 2, 3
        )
        SELECT nullif(coalesce(ep.y, dp.y), 0) AS year,
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
            "year": "Year of the events (their start date) and of the documents (publication); null when undated.",
            "country_a": "First country of the pair (ISO3, alphabetically first).",
            "country_a_name": "Name of the first country.",
            "country_b": "Second country of the pair (ISO3).",
            "country_b_name": "Name of the second country.",
            "events_together": "Events that year in which both countries took part.",
            "documents_mentioning_both": "Documents published that year that mention both countries.",
        },
    ),
    "person_activity": (
        "One row per person: how often they are named, in how many events, and when.",
        """
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
               (SELECT min(e.start_date) FROM events e JOIN event_participants ep ON ep.event_id = e.id
                 WHERE ep.participant_id = p.id) AS first_event_date,
               (SELECT max(e.start_date) FROM events e JOIN event_participants ep ON ep.event_id = e.id
                 WHERE ep.participant_id = p.id) AS last_event_date,
               (SELECT min(d.published_on) FROM documents d
                  JOIN document_participants dp ON dp.document_id = d.id
                 WHERE dp.participant_id = p.id) AS first_mentioned_on,
               (SELECT max(d.published_on) FROM documents d
                  JOIN document_participants dp ON dp.document_id = d.id
                 WHERE dp.participant_id = p.id) AS last_mentioned_on
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
            "first_event_date": "Start date of their earliest event.",
            "last_event_date": "Start date of their latest event.",
            "first_mentioned_on": "Publication date of the earliest document naming them.",
            "last_mentioned_on": "Publication date of the latest document naming them.",
        },
    ),
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.execute("CREATE SCHEMA analytics")
    op.execute(
        "COMMENT ON SCHEMA analytics IS "
        + _quote("Views for analysis and BI tools, named for the questions they answer.")
    )
    for name, (comment, sql, columns) in VIEWS.items():
        op.execute(f"CREATE VIEW analytics.{name} AS {sql}")
        op.execute(f"COMMENT ON VIEW analytics.{name} IS {_quote(comment)}")
        for column, text in columns.items():
            op.execute(f"COMMENT ON COLUMN analytics.{name}.{column} IS {_quote(text)}")


def downgrade() -> None:
    op.execute("DROP SCHEMA analytics CASCADE")
