"""Events from the shared articles: the same occurrence reported by two articles is one row,
and reloading or loading in another order gives the same rows."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import SHARED, create_database, drop_database
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl import pipeline

EVENT_ROWS = """
SELECT e.event_key, e.event_type, e.name, e.start_date, e.end_date, e.date_precision,
       e.location_name, e.location_country_iso3, e.summary,
       (SELECT array_agg(x ORDER BY x) FROM (
          SELECT coalesce(p.name, '-') || '|' || coalesce(ep.country_iso3, '-') || '|' || ep.role AS x
          FROM event_participants ep LEFT JOIN participants p ON p.id = ep.participant_id
         WHERE ep.event_id = e.id) AS who) AS participants,
       (SELECT array_agg(x ORDER BY x) FROM (
          SELECT d.source_path || ':' || m.char_start || '-' || m.char_end AS x
          FROM event_mentions m JOIN documents d ON d.id = m.document_id
         WHERE m.event_id = e.id) AS spans) AS mentions
FROM events e ORDER BY e.event_key
"""


def _rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(EVENT_ROWS))]


@pytest.fixture
def fresh(server_url: URL, template_name: str) -> Iterator[object]:
    made: list[tuple[str, Engine]] = []

    def make(name: str) -> Engine:
        url = create_database(server_url, name, template=template_name)
        engine = create_engine(url, poolclass=NullPool)
        made.append((name, engine))
        return engine

    yield make
    for name, engine in made:
        engine.dispose()
        drop_database(server_url, name)


def test_reloading_and_reverse_order_give_the_same_events(fresh) -> None:  # type: ignore[no-untyped-def]
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    # Names of this process's own: other test runs on the same server drop theirs by name.
    forward = fresh(f"diplo_test_events_forward_{os.getpid()}")
    pipeline.load(forward, files)
    first = _rows(forward)
    assert len(first) > 30
    pipeline.load(forward, files)
    assert _rows(forward) == first

    backward = fresh(f"diplo_test_events_backward_{os.getpid()}")
    for path in reversed(files):
        pipeline.load(backward, [path])
    assert _rows(backward) == first

    # The FOCAC Beijing Summit is reported by two of the articles: one row, both articles.
    with forward.connect() as conn:
        shared_events = conn.execute(
            text(
                "SELECT e.name, count(DISTINCT m.document_id) FROM events e"
                " JOIN event_mentions m ON m.event_id = e.id"
                " WHERE e.event_type = 'summit' AND e.name ILIKE '%Beijing Summit%'"
                " GROUP BY e.id"
            )
        ).all()
    assert [docs for _, docs in shared_events] == [2]
