"""Migrations keep data: for every revision, rows written at that revision survive the
upgrade to head; downgrading the latest revision keeps the earlier tables' rows; and
downgrade to base followed by upgrade to head works on a database that held data.

The revision list comes from Alembic's script directory, so a new migration is covered
as soon as it exists (give it representative rows in ``ROWS`` if it adds tables).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl.load import schema

REVISIONS = [
    s.revision
    for s in reversed(list(ScriptDirectory.from_config(schema.alembic_config()).walk_revisions()))
]

# Representative rows per table, in insertion order; a table is filled from the first
# revision that has it. Ids are fixed so that references need no lookups.
ROWS: dict[str, list[dict[str, object]]] = {
    "countries": [
        {"iso3": "IDN", "iso2": "ID", "name": "Indonesia", "region": "Asia"},
        {"iso3": "MYS", "iso2": "MY", "name": "Malaysia", "region": "Asia"},
    ],
    "documents": [
        {
            "id": 1,
            "source_path": "wires/jakarta 'talks'.txt",
            "content_sha256": "a" * 64,
            "title": "Ministers meet in Jakarta",
            "published_on": "2024-03-03",
            "published_precision": "day",
            "language": "en",
            "body": "Indonesia and Malaysia met. Talks go on.",
            "word_count": 7,
            "extractor_version": "parse-1+facts-1",
            # Added by 0005, which fills it from extractor_version for older rows.
            "parser_version": "parse-1",
        }
    ],
    "document_sentences": [
        {"document_id": 1, "seq": 0, "paragraph": 0, "char_start": 0, "char_end": 27},
        {"document_id": 1, "seq": 1, "paragraph": 0, "char_start": 28, "char_end": 41},
    ],
    "document_captions": [{"document_id": 1, "seq": 0, "text": "Photo: ministers [Xinhua]"}],
    "etl_runs": [
        {
            "id": 1,
            "command": "load",
            "status": "partial",
            "files_seen": 2,
            "loaded": 1,
            "replaced": 0,
            "unchanged": 0,
            "rejected": 1,
            "extractor_version": "test",
        }
    ],
    "event_blocks_dirty": [{"block": "contact|IDN+MYS"}],
    "rejected_inputs": [{"run_id": 1, "source": "empty.txt", "reason": "empty input"}],
    "country_aliases": [{"country_iso3": "IDN", "alias": "Indonesian", "kind": "adjective"}],
    "participants": [
        {"id": 1, "kind": "person", "name": "Amina Rahman", "country_iso3": "IDN"},
        {"id": 2, "kind": "organization", "name": "ASEAN", "short_name": "ASEAN"},
    ],
    "participant_aliases": [{"participant_id": 1, "alias": "Rahman"}],
    "initiatives": [{"id": 1, "name": "Maritime Corridor Initiative", "sponsor_iso3": "IDN"}],
    "initiative_aliases": [{"initiative_id": 1, "alias": "MCI"}],
    "document_countries": [{"document_id": 1, "country_iso3": "IDN", "mentions": 1}],
    "document_participants": [{"document_id": 1, "participant_id": 1, "mentions": 1}],
    "document_initiatives": [{"document_id": 1, "initiative_id": 1, "mentions": 1}],
    "entity_mentions": [
        {
            "document_id": 1,
            "entity_kind": "country",
            "country_iso3": "IDN",
            "char_start": 0,
            "char_end": 9,
            "sentence_seq": 0,
            "surface": "Indonesia",
        }
    ],
    "events": [
        {
            "id": 1,
            "event_key": "meeting|2024-03|IDN+MYS",
            "event_type": "meeting",
            "name": "Indonesia – Malaysia meeting",
            "start_date": "2024-03-03",
            "date_precision": "day",
            "location_country_iso3": "IDN",
        }
    ],
    "event_participants": [
        {"event_id": 1, "country_iso3": "IDN", "role": "host"},
        {"event_id": 1, "participant_id": 1, "role": "attendee"},
    ],
    "event_initiatives": [{"event_id": 1, "initiative_id": 1}],
    "event_reports": [
        {
            # id, block: added by 0009.
            "id": 1,
            "block": "contact|IDN+MYS",
            "event_id": 1,
            "document_id": 1,
            "event_type": "meeting",
            "name": "Indonesia – Malaysia meeting",
            "confidence": 0.8,
            "participants": '[{"role": "host", "country_iso3": "IDN"}]',
            "initiatives": "[]",
        }
    ],
    "event_mentions": [
        {
            # Added by 0009, which fills it from the report of the same event and document.
            "report_id": 1,
            "event_id": 1,
            "document_id": 1,
            "char_start": 0,
            "char_end": 27,
            "sentence_seq": 0,
            "sentence": "Indonesia and Malaysia met.",
            "confidence": 0.8,
        }
    ],
    "statements": [
        {
            "id": 1,
            "document_id": 1,
            "sentence_seq": 1,
            "char_start": 28,
            "char_end": 40,
            "content": "Talks go on.",
            "speaker_participant_id": 1,
            "speaker_surface": "Rahman",
            "mode": "reported",
            "cue": "said",
            "stated_on": "2024-03-03",
            "stated_precision": "day",
            "event_report_id": 1,
            "event_id": 1,
        },
        {
            "id": 2,
            "document_id": 1,
            "char_start": 0,
            "char_end": 9,
            "content": "Indonesia",
            "speaker_country_iso3": "MYS",
            "speaker_surface": "Kuala Lumpur",
            "mode": "direct",
            "cue": "stated",
        },
    ],
    "statement_countries": [{"statement_id": 2, "country_iso3": "IDN"}],
    "statement_initiatives": [{"statement_id": 1, "initiative_id": 1}],
}


# Tables of public and ops by bare name: the run log moved from public to ops (0006), and
# the rows written before must be found after.
SEARCH_PATH = "SET LOCAL search_path TO public, ops"


def _tables(engine: Engine) -> set[str]:
    insp = inspect(engine)
    names = set(insp.get_table_names())
    if "ops" in insp.get_schema_names():
        names |= set(insp.get_table_names(schema="ops"))
    return names - {"alembic_version"}


Data = dict[str, list[dict[str, str]]]


def _insert(engine: Engine, tables: set[str]) -> Data:
    """Insert the rows of every table in ``tables`` (the columns that exist at this
    revision); returns them as they read back."""
    with engine.begin() as conn:
        conn.execute(text(SEARCH_PATH))
        for table, rows in ROWS.items():
            if table not in tables:
                continue
            existing = _columns(engine, table)
            for row in rows:
                row = {c: v for c, v in row.items() if c in existing}
                columns = ", ".join(row)
                params = ", ".join(f":{c}" for c in row)
                conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), row)
    return _read(engine, tables)


def _columns(engine: Engine, table: str) -> set[str]:
    insp = inspect(engine)
    in_ops = "ops" in insp.get_schema_names() and table in insp.get_table_names(schema="ops")
    return {c["name"] for c in insp.get_columns(table, schema="ops" if in_ops else None)}


def _read(engine: Engine, tables: set[str]) -> Data:
    out = {}
    with engine.begin() as conn:
        conn.execute(text(SEARCH_PATH))
        for table in sorted(tables & set(ROWS)):
            columns = sorted({c for row in ROWS[table] for c in row} & _columns(engine, table))
            query = f"SELECT {', '.join(columns)} FROM {table}"
            rows = [dict(zip(columns, map(str, r), strict=True)) for r in conn.execute(text(query))]
            out[table] = sorted(rows, key=lambda r: sorted(r.items()))
    return out


def _like(data: Data, reference: Data) -> Data:
    """``data`` restricted to the tables and columns of ``reference``."""
    out = {}
    for table, ref_rows in reference.items():
        columns = set(ref_rows[0]) if ref_rows else set()
        rows = [{c: v for c, v in row.items() if c in columns} for row in data.get(table, [])]
        out[table] = sorted(rows, key=lambda r: sorted(r.items()))
    return out


@pytest.fixture
def empty_engine(empty_db_url: URL) -> Iterator[Engine]:
    eng = create_engine(empty_db_url, poolclass=NullPool)
    yield eng
    eng.dispose()


def test_every_revision_is_covered() -> None:
    assert len(REVISIONS) >= 4 and REVISIONS[-1] == schema.head_revision()
    with_rows = set(ROWS)
    # Every table of the head schema has representative rows (so new tables are noticed).
    from models import Base

    names = {t.name for t in Base.metadata.tables.values()}
    assert names <= with_rows, names - with_rows


@pytest.mark.parametrize("revision", REVISIONS)
def test_data_written_at_a_revision_survives_upgrade_to_head(
    empty_engine: Engine, revision: str
) -> None:
    schema.upgrade(empty_engine, revision)
    assert schema.current_revision(empty_engine) == revision
    tables = _tables(empty_engine)
    written = _insert(empty_engine, tables)
    assert all(written[t] for t in written), written

    schema.upgrade(empty_engine)
    assert schema.is_current(empty_engine)
    assert _like(_read(empty_engine, tables), written) == written
    if revision == REVISIONS[-1]:
        with empty_engine.connect() as conn:
            # The analytics views read the data written before them.
            timeline = (
                conn.execute(text("SELECT event_name FROM analytics.event_timeline"))
                .scalars()
                .all()
            )
            # Statements written before are found by the full-text search on their content.
            found = (
                conn.execute(
                    text(
                        "SELECT id FROM statements WHERE to_tsvector('english', content)"
                        " @@ plainto_tsquery('english', 'talk')"
                    )
                )
                .scalars()
                .all()
            )
        assert timeline == ["Indonesia – Malaysia meeting"]
        assert found == [1]


def test_downgrades_keep_earlier_tables_and_upgrade_again(empty_engine: Engine) -> None:
    schema.upgrade(empty_engine)
    written = _insert(empty_engine, _tables(empty_engine))

    # Down one revision at a time: each step drops only its own tables; the rest keep rows.
    for revision in reversed(REVISIONS[:-1]):
        schema.downgrade(empty_engine, revision)
        assert schema.current_revision(empty_engine) == revision
        remaining = _tables(empty_engine)
        now = _read(empty_engine, remaining)
        assert now == _like(written, now)

    schema.downgrade(empty_engine, "base")
    assert schema.current_revision(empty_engine) is None and _tables(empty_engine) == set()
    schema.upgrade(empty_engine)
    assert schema.is_current(empty_engine)
    # A head schema rebuilt after base takes the same data again.
    assert _insert(empty_engine, _tables(empty_engine)) == written


def test_0005_gives_older_documents_the_parser_version_that_made_them(
    empty_engine: Engine,
) -> None:
    schema.upgrade(empty_engine, "0004")
    _insert(empty_engine, _tables(empty_engine))
    schema.upgrade(empty_engine, "0005")
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT parser_version FROM documents")).scalars().all() == [
            "parse-1"
        ]
    schema.downgrade(empty_engine, "0004")
    assert "parser_version" not in _columns(empty_engine, "documents")
