"""Statements in the analytics schema: one row per statement, a monthly view, person counts

Revision ID: 0011
Revises: 0010
Create Date: 2027-01-15 10:00:00

Why: analysts and BI tools read ``analytics``, not the public tables, and the statements of
0010 were not there. This adds:

* ``analytics.statements``: one row per statement with its speaker (name, kind, state),
  the date at each grain it is known to (``stated_day``, ``stated_month``, ``stated_year``,
  the rule of 0006), mode, cue, content, the countries and initiatives it names as
  "; "-separated text, and its document's title, address and publication grains;
* ``analytics.statements_monthly``: statements per month, speaker state and country spoken
  about. A statement naming n countries is in n rows, so its ``statements`` measure is one
  of each row (like a pair's in ``bilateral_engagements``) and ``statement_share`` splits
  the statement over its rows, so that it adds up over any rows;
* ``analytics.person_activity`` gains, at its end, the statements a person made and the
  documents reporting them.

The recreated ``person_activity`` and the new views are granted to every role that may read
the other analytics views: the read-only role's default privileges (etl/outputs/roles.py)
cover only views made by the role that ran ``grant-readonly``, not those a migration run by
another role makes, and a recreated view loses its grants.

downgrade() restores 0009's ``person_activity`` and drops the two views.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _module(filename: str, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


M0006 = _module("0006_bi_time_precision_and_ops_schema.py", "diplo_migration_0006")
M0009 = _module("0009_event_identity_over_blocks.py", "diplo_migration_0009")
_day, _month, _year, _quote = M0006._day, M0006._month, M0006._year, M0006._quote
SEP, LIST = M0006.SEP, M0006.LIST

# person_activity as 0009 left it: its SQL, 0006's comment and columns with 0009's dates.
_OLD_PA_COMMENT, _, _OLD_PA_COLUMNS = M0006.VIEWS["person_activity"]
OLD_PERSON_ACTIVITY: tuple[str, str, dict[str, str]] = (
    _OLD_PA_COMMENT,
    M0009.PERSON_ACTIVITY,
    {
        **_OLD_PA_COLUMNS,
        "first_event_date": M0009.FIRST_EVENT,
        "last_event_date": M0009.LAST_EVENT,
    },
)

# The speaker's state: the state itself when a state speaks, else the person's nationality
# or the organization's seat (as `diplo statements --country` reads it).
SPEAKER_STATE = "coalesce(s.speaker_country_iso3, p.country_iso3)"


def _named(table: str, join: str, value: str) -> str:
    return f"""(SELECT string_agg({value}, '{SEP}' ORDER BY {value})
                  FROM {table} x {join} WHERE x.statement_id = s.id)"""


STATEMENTS_SQL = f"""
        SELECT s.id AS statement_id,
               {_day("s.stated_on", "s.stated_precision")} AS stated_day,
               {_month("s.stated_on", "s.stated_precision")} AS stated_month,
               {_year("s.stated_on")} AS stated_year,
               s.stated_on,
               s.stated_precision,
               coalesce(p.name, sc.name) AS speaker,
               coalesce(p.kind, 'country') AS speaker_kind,
               s.speaker_participant_id,
               {SPEAKER_STATE} AS speaker_country_iso3,
               st.name AS speaker_country,
               s.speaker_surface,
               s.mode,
               s.cue,
               s.content,
               {_named("statement_countries", "JOIN countries c ON c.iso3 = x.country_iso3", "c.name")} AS countries,
               {_named("statement_countries", "", "x.country_iso3")} AS country_codes,
               {_named("statement_initiatives", "JOIN initiatives i ON i.id = x.initiative_id", "i.name")} AS initiatives,
               s.event_id,
               e.event_type,
               e.name AS event_name,
               s.document_id,
               d.title AS document_title,
               d.url AS document_url,
               {_day("d.published_on", "d.published_precision")} AS published_day,
               {_month("d.published_on", "d.published_precision")} AS published_month,
               {_year("d.published_on")} AS published_year
          FROM statements s
          JOIN documents d ON d.id = s.document_id
          LEFT JOIN participants p ON p.id = s.speaker_participant_id
          LEFT JOIN countries sc ON sc.iso3 = s.speaker_country_iso3
          LEFT JOIN countries st ON st.iso3 = {SPEAKER_STATE}
          LEFT JOIN events e ON e.id = s.event_id
"""  # noqa: E501

STATEMENTS_COLUMNS = {
    "statement_id": "The statement (statements.id).",
    "stated_day": "Day it was said, only when the text gives the day (null otherwise): use for daily charts. The first date column, so Superset makes it a new dataset's default time column: it places only statements known to the day, at any grain.",
    "stated_month": "First day of the month it was said, only when known to the month or day (null when only the year is known): use for monthly charts.",
    "stated_year": "1 January of the year it was said, whenever the text gives the year: use for yearly charts.",
    "stated_on": "Raw date it was said (first day of the month or year when less precise); group by stated_day, stated_month or stated_year instead. Null when the text does not say when: see published_day.",
    "stated_precision": "Precision of stated_on: day, month or year; null when the text does not say when.",
    "speaker": "Who spoke: the person's or organization's canonical name, or the state's name.",
    "speaker_kind": "person, organization, or country (a state speaking: 'Beijing said', 'the Chinese side stated').",
    "speaker_participant_id": "The person or organization speaking (participants.id); null when a state speaks.",
    "speaker_country_iso3": "The speaker's state (ISO3): the state itself, or the person's nationality or the organization's seat, where known.",
    "speaker_country": "Name of the speaker's state.",
    "speaker_surface": "The speaker as printed: 'Wang Yi', 'the Secretary', 'he', 'Beijing'.",
    "mode": "direct (quoted, a transcript turn or a text reproduced in full) or reported.",
    "cue": "The word or phrase of saying as printed: said, called for, according to.",
    "content": "The words said, verbatim, without the cue and the speaker.",
    "countries": f"Countries the content itself names, {LIST}; null when it names none.",
    "country_codes": f"ISO3 codes of those countries, {LIST}.",
    "initiatives": f"Initiatives the content itself names, {LIST}; null when it names none.",
    "event_id": "The occasion (events.id): the call, meeting or press conference the text ties the words to; null when none.",
    "event_type": "Type of that event.",
    "event_name": "Readable name of that event.",
    "document_id": "The reporting document (documents.id, analytics.documents).",
    "document_title": "Headline of the reporting document.",
    "document_url": "Address of the reporting document, where known.",
    "published_day": "Publication day of the reporting document, only when known to the day: the statement was made on or before it.",
    "published_month": "First day of the month the reporting document was published, only when known to the month or day.",
    "published_year": "1 January of the year the reporting document was published, whenever known.",
}

# The month a statement is counted in, and by which date.
_KNOWN_MONTH = f"""CASE WHEN s.stated_on IS NOT NULL THEN {_month("s.stated_on", "s.stated_precision")}
                    ELSE {_month("d.published_on", "d.published_precision")} END"""

MONTHLY_SQL = f"""
        WITH placed AS (
            SELECT s.id,
                   {_KNOWN_MONTH} AS month,
                   CASE WHEN s.stated_on IS NOT NULL THEN 'stated' ELSE 'published' END
                     AS dated_by,
                   {SPEAKER_STATE} AS speaker_country_iso3
              FROM statements s
              JOIN documents d ON d.id = s.document_id
              LEFT JOIN participants p ON p.id = s.speaker_participant_id
        ), about AS (
            -- One row per country a statement names, or one without a country: each
            -- statement's shares add up to 1.
            SELECT pl.*, x.country_iso3 AS about_country_iso3,
                   1.0::float8 / count(*) OVER (PARTITION BY pl.id) AS share
              FROM placed pl
              LEFT JOIN statement_countries x ON x.statement_id = pl.id
             WHERE pl.month IS NOT NULL
        )
        SELECT a.month,
               a.dated_by,
               a.speaker_country_iso3,
               sc.name AS speaker_country,
               a.about_country_iso3,
               ac.name AS about_country,
               count(*)::integer AS statements,
               sum(a.share) AS statement_share
          FROM about a
          LEFT JOIN countries sc ON sc.iso3 = a.speaker_country_iso3
          LEFT JOIN countries ac ON ac.iso3 = a.about_country_iso3
         GROUP BY 1, 2, 3, 4, 5, 6
"""

MONTHLY_COLUMNS = {
    "month": "First day of the month: the month it was said when the text gives it to the month or day, otherwise (the text gives no date at all) the month its document was published. Statements known to neither month are not counted here (see analytics.statements).",
    "dated_by": "stated (the text says when it was said) or published (placed by its document's publication month): filter on stated for the strict rule.",
    "speaker_country_iso3": "The speaker's state (ISO3): the state itself, or the person's nationality or the organization's seat; null when not known.",
    "speaker_country": "Name of the speaker's state.",
    "about_country_iso3": "A country the content names (ISO3); null for the statements that name none.",
    "about_country": "Name of that country.",
    "statements": "Statements of that month by speakers of that state that name that country. A statement naming n countries counts in each of its n rows: sum it over months or speaker states, never over countries spoken about (use statement_share).",
    "statement_share": "The row's share of statements: each statement counts 1/n in each of the n rows of the countries it names (1 in the row without a country), so sums over any rows count every statement once.",
}

STATEMENTS_COMMENT = "One row per statement: who said it (their kind and state), when at each grain known, mode, cue, the words, the countries and initiatives they name, and the reporting document."
MONTHLY_COMMENT = "Statements per month, speaker state and country spoken about, for statements whose month is known (said, or published when the text gives no date). Sum statement_share to count statements over any rows; statements counts a statement once per country it names."

PERSON_ACTIVITY_SQL = (
    M0009.PERSON_ACTIVITY.rstrip()
    .replace(
        "AS last_mentioned_on\n",
        """AS last_mentioned_on,
               (SELECT count(*) FROM statements s
                 WHERE s.speaker_participant_id = p.id)::integer AS statements,
               (SELECT count(*) FROM statements s
                 WHERE s.speaker_participant_id = p.id AND s.mode = 'direct')::integer
                 AS direct_statements,
               (SELECT count(DISTINCT s.document_id) FROM statements s
                 WHERE s.speaker_participant_id = p.id)::integer AS statement_documents
""",
        1,
    )
)
PERSON_ACTIVITY: tuple[str, str, dict[str, str]] = (
    "One row per person: how often they are named, in how many events, when (dates known to the day only), and how often they are reported speaking.",
    PERSON_ACTIVITY_SQL,
    {
        **OLD_PERSON_ACTIVITY[2],
        "statements": "Statements they made, as the documents report them (analytics.statements).",
        "direct_statements": "Those of their statements quoted or given in full (mode direct).",
        "statement_documents": "Documents reporting at least one of their statements.",
    },
)

VIEWS: dict[str, tuple[str, str, dict[str, str]]] = {
    "statements": (STATEMENTS_COMMENT, STATEMENTS_SQL, STATEMENTS_COLUMNS),
    "statements_monthly": (MONTHLY_COMMENT, MONTHLY_SQL, MONTHLY_COLUMNS),
}


def _create(name: str, view: tuple[str, str, dict[str, str]]) -> None:
    comment, sql, columns = view
    op.execute(f"CREATE VIEW analytics.{name} AS {sql}")
    op.execute(f"COMMENT ON VIEW analytics.{name} IS {_quote(comment)}")
    for column, text in columns.items():
        op.execute(f"COMMENT ON COLUMN analytics.{name}.{column} IS {_quote(text)}")


# The views made here are granted to every role, other than the owner, that may read the
# views this migration leaves alone (the read-only role of `diplo db grant-readonly`). Done by
# the server, in a DO block, so that no role name passes through Python.
_GRANT = """
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT DISTINCT a.rolname
             FROM pg_class c, aclexplode(c.relacl) g JOIN pg_roles a ON a.oid = g.grantee
            WHERE c.oid = 'analytics.event_timeline'::regclass AND g.privilege_type = 'SELECT'
              AND g.grantee <> c.relowner
  LOOP
    EXECUTE format('GRANT SELECT ON %s TO %I', '{views}', r.rolname);
  END LOOP;
END $$
"""


def _grant(views: Sequence[str]) -> None:
    op.execute(_GRANT.replace("{views}", ", ".join(f"analytics.{v}" for v in views)))


def upgrade() -> None:
    op.execute("DROP VIEW analytics.person_activity")
    _create("person_activity", PERSON_ACTIVITY)
    for name, view in VIEWS.items():
        _create(name, view)
    _grant(["person_activity", *VIEWS])


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW analytics.{name}")
    op.execute("DROP VIEW analytics.person_activity")
    _create("person_activity", OLD_PERSON_ACTIVITY)
    _grant(["person_activity"])
