"""The BI surface: analytics views answer their questions with the right numbers, everything
has a comment, the read-only role cannot write, and exports round-trip."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from etl.article import DecodedArticle
from etl.errors import ConfigError
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity, Event, EventParticipant, Mention
from etl.ingest.parse import parse
from etl.load import loader
from etl.outputs import export, roles

XI = ("person", "Xi Jinping", "CHN", "Xi")
TOKAYEV = ("person", "Kassym-Jomart Tokayev", "KAZ", "Tokayev")


def _mentions(body: str, word: str) -> tuple[Mention, ...]:
    return tuple(
        Mention(m.start(), m.end(), word) for m in re.finditer(rf"\b{re.escape(word)}\b", body)
    )


def _document(
    source: str, body: str, published: dt.date, facts: dict[str, list[str]], events: list[Event]
) -> Extraction:
    parsed = parse(DecodedArticle(source, uuid.uuid5(uuid.NAMESPACE_URL, body).hex * 2, body))
    parsed = dataclasses.replace(parsed, published_on=published, published_precision="day")
    entities = []
    for iso3, word in facts.get("countries", []):
        entities.append(Entity("country", iso3, _mentions(body, word)))
    for kind, name, iso3, word in facts.get("people", []):
        entities.append(Entity(kind, name, _mentions(body, word), country_iso3=iso3))
    for name, word in facts.get("initiatives", []):
        entities.append(Entity("initiative", name, _mentions(body, word)))
    return Extraction(parsed, Facts(tuple(entities), tuple(events)))


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
            "CHN;KAZ",
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
            "CHN;RUS",
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
    assert len(views) == 6 and all(comment for _, comment in views)
    missing = _query(
        engine,
        "SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'analytics' JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 WHERE col_description(c.oid, a.attnum) IS NULL",
    )
    assert missing == []


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
            "DELETE FROM etl_runs",
            "CREATE TABLE public.intruder (x int)",
            "CREATE TABLE analytics.intruder (x int)",
            "CREATE TEMP TABLE intruder (x int)",
            "CREATE SCHEMA intruder",
            "CREATE VIEW analytics.v AS SELECT 1",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_exports_round_trip(bi: Engine, tmp_path: Path, fmt: str) -> None:
    written = export.export(bi, tmp_path, fmt)  # type: ignore[arg-type]
    assert {w.relation for w in written} >= {"public.documents", "analytics.event_timeline"}
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
    rows = _query(bi, _readme_query("-- 3. China's most frequent partners"))
    years = [r[0] for r in rows]
    assert None in years and years[0] is not None, years
    assert years.index(None) > max(i for i, y in enumerate(years) if y is not None)
