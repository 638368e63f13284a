"""The BI surface: analytics views answer their questions with the right numbers, everything
has a comment, the read-only role cannot write, and exports round-trip."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from bi_facts import document as _document
from bi_facts import event as _event
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl.errors import ConfigError
from etl.facts import Event, EventParticipant, Mention
from etl.load import corpus, loader
from etl.outputs import export, roles

XI = ("person", "Xi Jinping", "CHN", "Xi")
TOKAYEV = ("person", "Kassym-Jomart Tokayev", "KAZ", "Tokayev")


def _meeting(body: str, date: dt.date, precision: str) -> Event:
    return Event(
        "meeting",
        "Xi Jinping-Kassym-Jomart Tokayev meeting",
        date,
        None,
        precision,  # type: ignore[arg-type]
        "Astana",
        "KAZ",
        (
            EventParticipant("counterpart", "Xi Jinping", "person", "CHN"),
            EventParticipant("counterpart", "Kassym-Jomart Tokayev", "person", "KAZ"),
            EventParticipant("host", country_iso3="KAZ"),
            EventParticipant("guest", country_iso3="CHN"),
        ),
        (Mention(0, body.index("."), body[: body.index(".")]),),
        summary=body.split(". ")[0],
    )


A = (
    "Xi met Tokayev in Astana on Monday. Chinese and Kazakh officials praised China and the Belt "
    "and Road. Xi spoke of China."
)
B = (
    "Kazakhstan and China reviewed the meeting Tokayev held with the Chinese leader in March in "
    "Kazakhstan. The Belt and Road and the Global Development Initiative came up. Belt and Road "
    "projects were listed."
)
C = "At the 16th BRICS Summit, China and Russia were represented. Xi attended."


@pytest.fixture
def bi(engine: Engine) -> Engine:
    docs = [
        _document(
            "a.txt",
            A,
            dt.date(2024, 3, 5),
            {
                "countries": [("CHN", "Chinese"), ("CHN", "China"), ("KAZ", "Kazakh")],
                "people": [XI, TOKAYEV],
                "initiatives": [("Belt and Road Initiative", "Belt")],
            },
            [_meeting(A, dt.date(2024, 3, 4), "day")],
        ),
        _document(
            "b.txt",
            B,
            dt.date(2024, 3, 20),
            {
                "countries": [("KAZ", "Kazakhstan"), ("CHN", "China")],
                "people": [TOKAYEV],
                "initiatives": [
                    ("Belt and Road Initiative", "Belt"),
                    ("Global Development Initiative", "Global Development Initiative"),
                ],
            },
            [_meeting(B, dt.date(2024, 3, 1), "month")],
        ),
        _document(
            "c.txt",
            C,
            dt.date(2024, 4, 2),
            {
                "countries": [("CHN", "China"), ("RUS", "Russia")],
                "people": [XI],
            },
            [
                Event(
                    "summit",
                    "16th BRICS Summit",
                    dt.date(2024, 10, 1),
                    None,
                    "month",
                    "Kazan",
                    "RUS",
                    (
                        EventParticipant("attendee", "Xi Jinping", "person", "CHN"),
                        EventParticipant("attendee", country_iso3="RUS"),
                    ),
                    (Mention(3, 24, C[3:24]),),
                )
            ],
        ),
    ]
    for doc in docs:
        loader.write_document(engine, doc, "test")
    corpus.finish(engine)
    return engine


def _query(engine: Engine, sql: str) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_country_and_initiative_mentions_by_month(bi: Engine) -> None:
    assert _query(
        bi,
        "SELECT month, country_iso3, documents, mentions FROM analytics.country_mentions_monthly ORDER BY 1, 2",
    ) == [
        (dt.date(2024, 3, 1), "CHN", 2, 4),
        (dt.date(2024, 3, 1), "KAZ", 2, 3),
        (dt.date(2024, 4, 1), "CHN", 1, 1),
        (dt.date(2024, 4, 1), "RUS", 1, 1),
    ]
    assert _query(
        bi,
        "SELECT month, initiative_name, documents, mentions FROM analytics.initiative_mentions_monthly ORDER BY 2",
    ) == [
        (dt.date(2024, 3, 1), "Belt and Road Initiative", 2, 3),
        (dt.date(2024, 3, 1), "Global Development Initiative", 1, 1),
    ]


def test_event_timeline_and_participation(bi: Engine) -> None:
    rows = _query(
        bi,
        "SELECT event_type, event_name, start_date, date_precision, location_name, location_country, people, countries, country_codes, documents, mentions FROM analytics.event_timeline ORDER BY start_date",
    )
    assert rows == [
        (
            "meeting",
            "Xi Jinping-Kassym-Jomart Tokayev meeting",
            dt.date(2024, 3, 4),
            "day",
            "Astana",
            "Kazakhstan",
            "Kassym-Jomart Tokayev; Xi Jinping",
            "China; Kazakhstan",
            "CHN; KAZ",
            2,
            2,
        ),
        (
            "summit",
            "16th BRICS Summit",
            dt.date(2024, 10, 1),
            "month",
            "Kazan",
            "Russia",
            "Xi Jinping",
            "China; Russia",
            "CHN; RUS",
            1,
            1,
        ),
    ]
    participation = _query(
        bi,
        "SELECT event_name, role, participant_name, country_iso3 FROM analytics.event_participation WHERE event_type = 'meeting' ORDER BY 2, 3 NULLS FIRST, 4",
    )
    assert participation == [
        ("Xi Jinping-Kassym-Jomart Tokayev meeting", "counterpart", "Kassym-Jomart Tokayev", "KAZ"),
        ("Xi Jinping-Kassym-Jomart Tokayev meeting", "counterpart", "Xi Jinping", "CHN"),
        ("Xi Jinping-Kassym-Jomart Tokayev meeting", "guest", None, "CHN"),
        ("Xi Jinping-Kassym-Jomart Tokayev meeting", "host", None, "KAZ"),
    ]


def test_bilateral_engagements_and_person_activity(bi: Engine) -> None:
    assert _query(
        bi,
        "SELECT year, country_a, country_b, events_together, documents_mentioning_both FROM analytics.bilateral_engagements ORDER BY 2, 3",
    ) == [
        (2024, "CHN", "KAZ", 1, 2),
        (2024, "CHN", "RUS", 1, 1),
    ]
    assert _query(
        bi,
        "SELECT name, country_iso3, documents, mentions, events, first_event_date, last_event_date, first_mentioned_on, last_mentioned_on FROM analytics.person_activity ORDER BY name",
    ) == [
        (
            "Kassym-Jomart Tokayev",
            "KAZ",
            2,
            2,
            1,
            dt.date(2024, 3, 4),
            dt.date(2024, 3, 4),
            dt.date(2024, 3, 5),
            dt.date(2024, 3, 20),
        ),
        (
            "Xi Jinping",
            "CHN",
            2,
            3,
            2,
            dt.date(2024, 3, 4),
            # The summit is known to October only, and announced in April: its date stays
            # inside its own month.
            dt.date(2024, 10, 1),
            dt.date(2024, 3, 5),
            dt.date(2024, 4, 2),
        ),
    ]


def test_every_analytics_view_and_column_has_a_comment(engine: Engine) -> None:
    views = _query(
        engine,
        "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'analytics' AND c.relkind = 'v'",
    )
    assert {name for name, _ in views} == {
        "event_timeline",
        "event_participation",
        "country_mentions_monthly",
        "country_mentions_yearly",
        "initiative_mentions_monthly",
        "initiative_mentions_yearly",
        "documents",
        "bilateral_engagements",
        "person_activity",
        "data_freshness",
        "statements",
        "statements_monthly",
    }
    assert all(comment for _, comment in views)
    missing = _query(
        engine,
        "SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'analytics' JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 WHERE col_description(c.oid, a.attnum) IS NULL",
    )
    assert missing == []


PUTIN = ("person", "Vladimir Putin", "RUS", "Putin")
LI = ("person", "Li Qiang", "CHN", "Li")
# An official of an international organization: her nationality is not participation.
URSULA = ("person", "Ursula Example", "DEU", "Ursula")
KENJI = ("person", "Kenji Arakawa", "JPN", "Kenji")

D1 = (
    "Putin called Xi on Thursday. Li recalled the accord Russia and China signed last year. "
    "Ursula met Kenji."
)
D2 = (
    "Officials in several capitals discussed their relations with Russia during June, and the "
    "talks were described as constructive by everyone who took part in them."
)
D3 = (
    "This undated note about Russia was found in the archive without any date at all. It "
    "mentions Russia again in its closing paragraph about the future of the relationship."
)
D4 = (
    "A yearly review of the foreign policy of Russia was published by the institute, covering "
    "trade, security and the cultural exchanges of the past twelve months."
)


@pytest.fixture
def dated(engine: Engine) -> Engine:
    """Documents and events at every precision: a day-precision call, a year-precision
    signing, a meeting of an international official; documents dated to the day, the month,
    the year, and not at all."""
    signing_at = D1.index("Li")
    meeting_at = D1.index("Ursula")
    docs = [
        _document(
            "d1.txt",
            D1,
            dt.date(2024, 5, 10),
            {
                "countries": [("RUS", "Russia"), ("CHN", "China")],
                "people": [PUTIN, XI, LI, URSULA, KENJI],
            },
            [
                _event(
                    D1,
                    "call",
                    dt.date(2024, 5, 9),
                    "day",
                    EventParticipant("sender", "Vladimir Putin", "person", "RUS"),
                    EventParticipant("recipient", "Xi Jinping", "person", "CHN"),
                ),
                dataclasses.replace(
                    _event(
                        D1[signing_at:],
                        "signing",
                        dt.date(2023, 1, 1),
                        "year",
                        EventParticipant("signatory", "Li Qiang", "person", "CHN"),
                        EventParticipant("signatory", country_iso3="RUS"),
                    ),
                    mentions=(Mention(signing_at, D1.index(".", signing_at), "Li recalled"),),
                ),
                dataclasses.replace(
                    _event(
                        D1[meeting_at:],
                        "meeting",
                        dt.date(2024, 5, 8),
                        "day",
                        EventParticipant("counterpart", "Ursula Example", "person", None),
                        EventParticipant("counterpart", "Kenji Arakawa", "person", "JPN"),
                    ),
                    mentions=(Mention(meeting_at, len(D1) - 1, "Ursula met Kenji"),),
                ),
            ],
        ),
        _document(
            "d2.txt", D2, dt.date(2024, 6, 1), {"countries": [("RUS", "Russia")]}, [], "month"
        ),
        _document("d3.txt", D3, None, {"countries": [("RUS", "Russia")]}, []),
        _document(
            "d4.txt", D4, dt.date(2022, 1, 1), {"countries": [("RUS", "Russia")]}, [], "year"
        ),
    ]
    for doc in docs:
        loader.write_document(engine, doc, "test")
    corpus.finish(engine)
    return engine


def test_event_time_columns_are_set_only_to_the_precision_known(dated: Engine) -> None:
    for view in ("event_timeline", "event_participation"):
        rows = set(
            _query(
                dated,
                f"SELECT event_type, event_day, event_month, event_year FROM analytics.{view}",
            )
        )
        assert rows == {
            # A day-precision event appears at every grain ...
            ("call", dt.date(2024, 5, 9), dt.date(2024, 5, 1), dt.date(2024, 1, 1)),
            ("meeting", dt.date(2024, 5, 8), dt.date(2024, 5, 1), dt.date(2024, 1, 1)),
            # ... a year-precision one only in years, never in a month (not January).
            ("signing", None, None, dt.date(2023, 1, 1)),
        }, view


def test_monthly_views_count_only_the_known_month_and_yearly_ones_everything(
    dated: Engine,
) -> None:
    assert _query(
        dated,
        "SELECT month, documents, mentions FROM analytics.country_mentions_monthly"
        " WHERE country_iso3 = 'RUS' ORDER BY 1",
    ) == [(dt.date(2024, 5, 1), 1, 1), (dt.date(2024, 6, 1), 1, 1)]
    yearly = _query(
        dated,
        "SELECT year, documents, mentions FROM analytics.country_mentions_yearly"
        " WHERE country_iso3 = 'RUS' ORDER BY 1 NULLS LAST",
    )
    # The undated document counts in no month, but in the totals, under a null year.
    assert yearly == [
        (dt.date(2022, 1, 1), 1, 1),
        (dt.date(2024, 1, 1), 2, 2),
        (None, 1, 2),
    ]
    totals = _query(
        dated,
        "SELECT count(*), sum(mentions) FROM document_countries WHERE country_iso3 = 'RUS'",
    )
    assert totals == [(sum(r[1] for r in yearly), sum(r[2] for r in yearly))] == [(4, 5)]
    assert _query(
        dated,
        "SELECT source_path, published_day, published_month, published_year"
        " FROM analytics.documents ORDER BY 1",
    ) == [
        ("d1.txt", dt.date(2024, 5, 10), dt.date(2024, 5, 1), dt.date(2024, 1, 1)),
        ("d2.txt", None, dt.date(2024, 6, 1), dt.date(2024, 1, 1)),
        ("d3.txt", None, None, None),
        ("d4.txt", None, None, dt.date(2022, 1, 1)),
    ]


def test_bilateral_engagements_count_states_not_nationalities(dated: Engine) -> None:
    rows = _query(
        dated,
        "SELECT event_year, year, country_a, country_b, events_together,"
        " documents_mentioning_both FROM analytics.bilateral_engagements ORDER BY 1, 3, 4",
    )
    assert rows == [
        (dt.date(2023, 1, 1), 2023, "CHN", "RUS", 1, 0),
        (dt.date(2024, 1, 1), 2024, "CHN", "RUS", 1, 1),
    ]  # no DEU-JPN: Ursula's nationality does not make Germany a party
    assert _query(
        dated,
        "SELECT participant_name, country_iso3, participant_country_iso3"
        " FROM analytics.event_participation WHERE event_type = 'meeting' ORDER BY 1",
    ) == [("Kenji Arakawa", "JPN", "JPN"), ("Ursula Example", None, "DEU")]


def test_person_activity_uses_precise_dates(dated: Engine) -> None:
    rows = _query(
        dated,
        "SELECT name, first_event_date, last_event_date, first_mentioned_on"
        " FROM analytics.person_activity WHERE name IN ('Li Qiang', 'Vladimir Putin')"
        " ORDER BY 1",
    )
    # Li's only event is known to 2023, first reported in 2024: dated inside its own year
    # (its last day, the latest it can be), not by 1 January nor by the report's day.
    assert rows == [
        ("Li Qiang", dt.date(2023, 12, 31), dt.date(2023, 12, 31), dt.date(2024, 5, 10)),
        ("Vladimir Putin", dt.date(2024, 5, 9), dt.date(2024, 5, 9), dt.date(2024, 5, 10)),
    ]


def test_time_and_list_columns_say_so_in_their_comments(engine: Engine) -> None:
    comments = dict(
        _query(
            engine,
            "SELECT c.relname || '.' || a.attname, col_description(c.oid, a.attnum)"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " AND n.nspname = 'analytics' JOIN pg_attribute a ON a.attrelid = c.oid"
            " AND a.attnum > 0",
        )
    )
    for column in ("event_day", "event_month", "event_year"):
        for view in ("event_timeline", "event_participation"):
            assert f"{view}.{column}" in comments
    assert "only when known to the month" in comments["event_timeline.event_month"]
    lists = [
        "event_timeline.people",
        "event_timeline.organizations",
        "event_timeline.countries",
        "event_timeline.country_codes",
        "statements.countries",
        "statements.country_codes",
        "statements.initiatives",
    ]
    for column in lists:
        assert 'separated by "; "' in comments[column], column
    # No other column claims to be a list with another separator.
    others = [k for k, v in comments.items() if "separated" in v and k not in lists]
    assert others == []


def test_list_columns_use_one_separator(bi: Engine) -> None:
    rows = _query(
        bi,
        "SELECT people, countries, country_codes FROM analytics.event_timeline"
        " WHERE event_type = 'meeting'",
    )
    assert rows == [("Kassym-Jomart Tokayev; Xi Jinping", "China; Kazakhstan", "CHN; KAZ")]


def test_data_freshness_reports_the_last_successful_run(bi: Engine) -> None:
    from etl.load import runs

    assert _query(bi, "SELECT last_run_id, documents_total FROM analytics.data_freshness") == [
        (None, 3)
    ]
    ok = runs.start_run(bi, "load", "test")
    runs.finish_run(bi, ok, runs.RunCounts(files_seen=4, loaded=3), "partial")
    failed = runs.start_run(bi, "load", "test")
    runs.finish_run(bi, failed, runs.RunCounts(), "failed", "database went away")
    rebuilt = runs.start_run(bi, "reextract", "test")  # brings no new data
    runs.finish_run(bi, rebuilt, runs.RunCounts(replaced=3), "succeeded")
    row = _query(
        bi,
        "SELECT last_run_id, last_run_status, documents_loaded, documents_total,"
        " newest_published_on, newest_document_age_days = current_date - date '2024-04-02',"
        " hours_since_last_run < 1 FROM analytics.data_freshness",
    )
    assert row == [(ok, "partial", 3, 3, dt.date(2024, 4, 2), True, True)]


@pytest.fixture
def readonly_role(engine: Engine, db_url: URL) -> Iterator[str]:
    role = f"diplo_ro_{uuid.uuid4().hex[:8]}"
    with pytest.raises(ConfigError, match="password is required"):
        roles.grant_readonly(engine, role)  # a server reachable over TCP: no passwordless login
    assert roles.grant_readonly(engine, role, "ro-pass") is True
    assert roles.grant_readonly(engine, role, "ro-pass") is False  # idempotent
    yield role
    with psycopg.connect(
        db_url.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as conn:
        conn.execute(f'DROP OWNED BY "{role}"')
        conn.execute(f'DROP ROLE "{role}"')


def test_readonly_role_reads_but_cannot_write_or_create(
    bi: Engine, db_url: URL, readonly_role: str
) -> None:
    url = db_url.set(drivername="postgresql", username=readonly_role, password="ro-pass")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM analytics.event_timeline").fetchone() == (2,)
        # Even with read-only transactions switched off, privileges forbid every write.
        conn.execute("SET default_transaction_read_only = off")
        for statement in (
            "INSERT INTO countries (iso3, iso2, name) VALUES ('XXX', 'XX', 'Nowhere')",
            "UPDATE documents SET title = 'changed'",
            "DELETE FROM ops.etl_runs",
            "CREATE TABLE public.intruder (x int)",
            "CREATE TABLE analytics.intruder (x int)",
            "CREATE TEMP TABLE intruder (x int)",
            "CREATE SCHEMA intruder",
            "CREATE VIEW analytics.v AS SELECT 1",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_readonly_role_sees_ops_only_when_granted(
    bi: Engine, db_url: URL, readonly_role: str
) -> None:
    from etl.load import runs

    runs.finish_run(bi, runs.start_run(bi, "load", "test"), runs.RunCounts(loaded=3), "succeeded")
    url = db_url.set(drivername="postgresql", username=readonly_role, password=None)
    dsn = url.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        for table in ("ops.etl_runs", "ops.rejected_inputs", "public.alembic_version"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")
        # The freshness view reads ops for it: a dashboard needs no grant on ops.
        assert conn.execute("SELECT documents_loaded FROM analytics.data_freshness").fetchone() == (
            3,
        )
    roles.grant_readonly(bi, readonly_role, "ro-pass", with_ops=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM ops.etl_runs").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM ops.rejected_inputs").fetchone() == (0,)
        conn.execute("SET default_transaction_read_only = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM ops.etl_runs")
    roles.grant_readonly(bi, readonly_role, "ro-pass")  # without --with-ops again: taken back
    with (
        psycopg.connect(dsn, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("SELECT count(*) FROM ops.etl_runs")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_round_trip(bi: Engine, tmp_path: Path, fmt: str) -> None:
    written = export.export(bi, tmp_path, fmt)  # type: ignore[arg-type]
    assert {w.relation for w in written} >= {
        "public.documents",
        "ops.etl_runs",
        "analytics.event_timeline",
        "analytics.data_freshness",
    }
    for item in written:
        expected = _query(bi, f"SELECT count(*) FROM {item.relation}")[0][0]
        if fmt == "csv":
            with item.path.open(newline="", encoding="utf-8") as fh:
                count = sum(1 for _ in csv.reader(fh)) - 1
        elif fmt == "jsonl":
            lines = item.path.read_text(encoding="utf-8").splitlines()
            count = len([json.loads(line) for line in lines])
        else:
            import pyarrow.parquet as pq

            count = pq.read_table(item.path).num_rows
        assert count == expected == item.rows, item.relation
    assert not list(tmp_path.glob("*.partial"))


def test_export_of_a_named_table_writes_that_relation_alone(bi: Engine, tmp_path: Path) -> None:
    """`--table documents` is the table, not also the view of the same name; the view is
    named with its schema."""
    from etl.cli import app

    env = {"DATABASE_URL": bi.url.render_as_string(hide_password=False)}
    runner = CliRunner()
    table = runner.invoke(
        app, ["export", "--out", str(tmp_path / "t"), "--table", "documents"], env=env
    )
    assert table.exit_code == 0, table.output
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == ["documents.csv"]
    assert [ln.split()[0] for ln in table.stdout.splitlines()] == ["public.documents"]

    view = runner.invoke(
        app,
        ["export", "--out", str(tmp_path / "v"), "-t", "analytics.documents", "-t", "etl_runs"],
        env=env,
    )
    assert view.exit_code == 0, view.output
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == [
        "analytics.documents.csv",
        "ops.etl_runs.csv",
    ]


def _readme_query(marker: str) -> str:
    """The SQL statement of the README that follows the comment line ``marker``."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    start = readme.index(marker)
    return readme[start : readme.index(";", start)]


def test_readme_partner_query_lists_dated_years_first(bi: Engine) -> None:
    undated = _document(
        "undated.txt",
        "Kazakhstan and China held talks on trade.",
        dt.date(2024, 1, 1),
        {"countries": [("KAZ", "Kazakhstan"), ("CHN", "China")]},
        [],
    )
    parsed = dataclasses.replace(undated.document, published_on=None, published_precision=None)
    loader.write_document(bi, dataclasses.replace(undated, document=parsed), "test")
    corpus.finish(bi)
    rows = _query(bi, _readme_query("-- 3. China's most frequent partners"))
    years = [r[0] for r in rows]
    assert None in years and years[0] is not None, years
    assert years.index(None) > max(i for i, y in enumerate(years) if y is not None)
