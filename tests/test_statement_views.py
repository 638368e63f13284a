"""Statements in the analytics schema (migration 0011): one row per statement with its date at
each grain it is known to, a monthly view whose shares add up, person_activity's statement
counts; the migration keeps data, keeps the read-only role reading, and its downgrade restores
0010's views exactly. The articles are our own."""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool
from test_migration_data import _insert, _read, _tables

from etl.article import DecodedArticle
from etl.extract.extractor import extract
from etl.ingest.parse import parse
from etl.load import corpus, loader, schema
from etl.outputs import export, roles

# A call dated in its text, a state speaking, a quotation; statements with no date of their
# own in a dated document; a document with no date at all.
DOCS = {
    "reef.txt": (
        "Reef talks by phone\n\n"
        "JAKARTA, March 6, 2024 -- Indonesian Foreign Minister Amina Rahman held phone talks with"
        " Malaysian Foreign Minister Daniel Tan on March 5, 2024. During the talks, Rahman said"
        " Indonesia wants closer fisheries cooperation with Malaysia under the Belt and Road"
        " Initiative.\n\n"
        "Beijing said it opposes any move that raises tension in the South China Sea.\n\n"
        '"Our fishermen deserve safe seas," Tan told reporters.\n'
    ),
    "patrols.txt": (
        "Joint patrols planned\n\n"
        "KUALA LUMPUR, April 2, 2024 -- Malaysian Foreign Minister Daniel Tan said Malaysia and"
        " Indonesia will hold joint patrols near the reef. Tan said the patrols target no third"
        " country, and that Vietnam and the Philippines were told in advance.\n"
    ),
    "border.txt": (
        "A long border\n\n"
        "Indonesian Foreign Minister Amina Rahman said Indonesia and Malaysia share a long border"
        " and a long friendship.\n"
    ),
}
MARCH, APRIL = dt.date(2024, 3, 1), dt.date(2024, 4, 1)


@pytest.fixture
def spoken(engine: Engine) -> Engine:
    for i, (name, body) in enumerate(DOCS.items()):
        article = DecodedArticle(name, str(i) * 64, body)
        assert loader.write_document(engine, extract(parse(article)), "test") == "loaded"
    corpus.finish(engine)
    return engine


def _query(engine: Engine, sql: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_one_row_per_statement_with_speaker_grains_and_what_it_names(spoken: Engine) -> None:
    rows = _query(
        spoken,
        "SELECT speaker, speaker_kind, speaker_country_iso3, mode, cue, stated_day,"
        " stated_month, stated_year, countries, country_codes, initiatives, event_type,"
        " document_title, published_day, published_month FROM analytics.statements"
        " ORDER BY document_id, statement_id",
    )
    reef = ("Reef talks by phone", dt.date(2024, 3, 6), MARCH)
    patrols = ("Joint patrols planned", dt.date(2024, 4, 2), APRIL)
    year = dt.date(2024, 1, 1)
    assert rows == [
        # Said during the call of March 5: dated at every grain, the call its occasion.
        ("Amina Rahman", "person", "IDN", "reported", "said", dt.date(2024, 3, 5), MARCH, year,
         "Indonesia; Malaysia", "IDN; MYS", "Belt and Road Initiative", "call", *reef),
        # A state speaking; the text says not when: no grain, only its document's.
        ("China", "country", "CHN", "reported", "said", None, None, None,
         None, None, None, None, *reef),
        ("Daniel Tan", "person", "MYS", "direct", "told", dt.date(2024, 3, 5), MARCH, year,
         None, None, None, "call", *reef),
        ("Daniel Tan", "person", "MYS", "reported", "said", None, None, None,
         "Indonesia; Malaysia", "IDN; MYS", None, None, *patrols),
        ("Daniel Tan", "person", "MYS", "reported", "said", None, None, None,
         "Philippines; Vietnam", "PHL; VNM", None, None, *patrols),
        ("Amina Rahman", "person", "IDN", "reported", "said", None, None, None,
         "Indonesia; Malaysia", "IDN; MYS", None, None, "A long border", None, None),
    ]  # fmt: skip
    # The words are the statements table's, verbatim.
    assert _query(
        spoken,
        "SELECT count(*) FROM analytics.statements a JOIN statements s ON s.id = a.statement_id"
        " WHERE a.content = s.content AND a.speaker_surface = s.speaker_surface",
    ) == [(6,)]


def test_monthly_statements_by_speaker_state_and_country_spoken_about(spoken: Engine) -> None:
    rows = _query(
        spoken,
        "SELECT month, dated_by, speaker_country_iso3, about_country_iso3, statements,"
        " statement_share FROM analytics.statements_monthly ORDER BY 1, 2, 3, 4 NULLS FIRST",
    )
    assert rows == [
        # Beijing's words, undated in the text, are placed by their document's month.
        (MARCH, "published", "CHN", None, 1, 1.0),
        # Rahman names two countries: one statement in each row, half of it in each share.
        (MARCH, "stated", "IDN", "IDN", 1, 0.5),
        (MARCH, "stated", "IDN", "MYS", 1, 0.5),
        (MARCH, "stated", "MYS", None, 1, 1.0),
        (APRIL, "published", "MYS", "IDN", 1, 0.5),
        (APRIL, "published", "MYS", "MYS", 1, 0.5),
        (APRIL, "published", "MYS", "PHL", 1, 0.5),
        (APRIL, "published", "MYS", "VNM", 1, 0.5),
    ]
    # Shares add up to the statements known to a month, whatever the grouping; the statement
    # of the undated document is in no month.
    assert _query(spoken, "SELECT sum(statement_share) FROM analytics.statements_monthly") == [
        (5.0,)
    ]
    by_state = _query(
        spoken,
        "SELECT month, speaker_country_iso3, sum(statement_share), sum(statements)"
        " FROM analytics.statements_monthly GROUP BY 1, 2 ORDER BY 1, 2",
    )
    statements = _query(
        spoken,
        "SELECT m, speaker_country_iso3, count(*)::float8 FROM (SELECT speaker_country_iso3,"
        " CASE WHEN stated_on IS NULL THEN published_month ELSE stated_month END AS m"
        " FROM analytics.statements) s WHERE m IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
    )
    assert [r[:3] for r in by_state] == statements
    # Summing `statements` over the countries spoken about counts Tan's two April
    # statements four times: the reason statement_share exists.
    assert by_state[-1] == (APRIL, "MYS", 2.0, 4)


def test_person_activity_gains_statement_counts_after_its_columns(spoken: Engine) -> None:
    with spoken.connect() as conn:
        columns = list(conn.execute(text("SELECT * FROM analytics.person_activity")).keys())
    assert columns == [
        "participant_id", "name", "title", "country_iso3", "country_name", "documents",
        "mentions", "events", "first_event_date", "last_event_date", "first_mentioned_on",
        "last_mentioned_on", "statements", "direct_statements", "statement_documents",
    ]  # fmt: skip
    assert _query(
        spoken,
        "SELECT name, statements, direct_statements, statement_documents"
        " FROM analytics.person_activity WHERE statements > 0 ORDER BY 1",
    ) == [("Amina Rahman", 2, 0, 2), ("Daniel Tan", 3, 1, 2)]


# --- the migration ------------------------------------------------------------------------------


@pytest.fixture
def empty_engine(empty_db_url: URL) -> Iterator[Engine]:
    eng = create_engine(empty_db_url, poolclass=NullPool)
    yield eng
    eng.dispose()


def _dsn(url: URL, role: str | None = None) -> str:
    if role:
        url = url.set(username=role, password="ro-pass")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _analytics(engine: Engine) -> dict[str, object]:
    """Every analytics view's definition and comments, as the server holds them."""
    rows = _query(
        engine,
        "SELECT c.relname, pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class'),"
        " (SELECT array_agg(a.attname || ': ' || coalesce(col_description(c.oid, a.attnum), '')"
        "  ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0)"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'analytics' AND c.relkind = 'v'",
    )
    return {r[0]: r[1:] for r in rows}


@pytest.fixture
def readonly_at_0010(empty_engine: Engine, empty_db_url: URL) -> Iterator[str]:
    """A read-only role granted at 0010 whose default privileges do not cover the views a
    migration makes (as when another role runs `diplo db upgrade`)."""
    schema.upgrade(empty_engine, "0010")
    role = f"diplo_ro_{uuid.uuid4().hex[:8]}"
    roles.grant_readonly(empty_engine, role, "ro-pass")
    with psycopg.connect(_dsn(empty_db_url), autocommit=True) as conn:
        conn.execute(
            f'ALTER DEFAULT PRIVILEGES IN SCHEMA analytics REVOKE SELECT ON TABLES FROM "{role}"'
        )
    yield role
    with psycopg.connect(_dsn(empty_db_url), autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE "{role}"')


def test_0011_reads_data_written_before_and_its_downgrade_restores_0010(
    empty_engine: Engine, empty_db_url: URL, readonly_at_0010: str
) -> None:
    written = _insert(empty_engine, _tables(empty_engine))
    before = _analytics(empty_engine)

    schema.upgrade(empty_engine, "0011")
    assert _query(
        empty_engine,
        "SELECT statement_id, speaker, speaker_kind, speaker_country_iso3, stated_day, countries,"
        " initiatives, event_type, document_title FROM analytics.statements ORDER BY 1",
    ) == [
        (1, "Amina Rahman", "person", "IDN", dt.date(2024, 3, 3), None,
         "Maritime Corridor Initiative", "meeting", "Ministers meet in Jakarta"),
        (2, "Malaysia", "country", "MYS", None, "Indonesia", None, None,
         "Ministers meet in Jakarta"),
    ]  # fmt: skip
    assert _query(
        empty_engine,
        "SELECT month, dated_by, speaker_country_iso3, about_country_iso3, statements,"
        " statement_share FROM analytics.statements_monthly ORDER BY 3",
    ) == [(MARCH, "stated", "IDN", None, 1, 1.0), (MARCH, "published", "MYS", "IDN", 1, 1.0)]
    assert _query(
        empty_engine,
        "SELECT name, documents, statements, statement_documents FROM analytics.person_activity",
    ) == [("Amina Rahman", 1, 1, 1)]
    with psycopg.connect(_dsn(empty_db_url, readonly_at_0010)) as conn:
        for view in ("statements", "statements_monthly", "person_activity"):
            assert conn.execute(f"SELECT count(*) FROM analytics.{view}").fetchone()[0] > 0  # type: ignore[index]

    schema.downgrade(empty_engine, "0010")
    assert _analytics(empty_engine) == before
    assert _read(empty_engine, _tables(empty_engine)) == written
    with psycopg.connect(_dsn(empty_db_url, readonly_at_0010)) as conn:
        assert conn.execute("SELECT count(*) FROM analytics.person_activity").fetchone() == (1,)


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_table_and_view_exports_after_a_real_load(
    spoken: Engine, tmp_path: Path, fmt: str
) -> None:
    written = {w.relation: w for w in export.export(spoken, tmp_path, fmt)}  # type: ignore[arg-type]
    catalog = _query(
        spoken,
        "SELECT table_schema || '.' || table_name FROM information_schema.tables"
        " WHERE table_schema IN ('public', 'ops', 'analytics')"
        " AND table_name <> 'alembic_version'",
    )
    assert set(written) == {name for (name,) in catalog}
    for relation in (
        "public.statements",
        "public.statement_countries",
        "public.statement_initiatives",
        "analytics.statements",
        "analytics.statements_monthly",
        "analytics.person_activity",
    ):
        assert written[relation].rows > 0, relation
    for relation, item in written.items():
        assert item.rows == _query(spoken, f"SELECT count(*) FROM {relation}")[0][0], relation
        if fmt == "jsonl":
            lines = item.path.read_text(encoding="utf-8").splitlines()
            assert len([json.loads(line) for line in lines]) == item.rows, relation
        elif fmt == "csv":
            with item.path.open(newline="", encoding="utf-8") as fh:
                assert sum(1 for _ in csv.reader(fh)) - 1 == item.rows, relation
        else:
            import pyarrow.parquet as pq

            assert pq.read_table(item.path).num_rows == item.rows, relation
    if fmt == "jsonl":
        path = written["analytics.statements"].path
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        first = min(records, key=lambda r: r["statement_id"])
        assert (first["speaker"], first["stated_day"]) == ("Amina Rahman", "2024-03-05")
