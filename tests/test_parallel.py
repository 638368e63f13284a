"""Extraction in worker processes or on a Dask cluster gives exactly the database that one
process gives."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from articles import ARTICLE
from conftest import create_database, drop_database
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl import pipeline

TABLES = {
    "documents": "id, source_path, content_sha256, title, published_on, outlet, author, body, word_count",
    "document_sentences": "document_id, seq, paragraph, char_start, char_end",
    "participants": "id, kind, name, country_iso3, title",
    "initiatives": "id, name, short_code",
    "document_countries": "document_id, country_iso3, mentions",
    "entity_mentions": "id, document_id, entity_kind, country_iso3, participant_id, initiative_id, char_start, char_end",
    "events": "id, event_key, event_type, name, start_date, date_precision, location_name",
    "event_participants": "event_id, participant_id, country_iso3, role",
    "event_mentions": "id, event_id, document_id, char_start, char_end",
}
COUNTRIES = [
    "Indonesia",
    "Malaysia",
    "Kenya",
    "Brazil",
    "Vietnam",
    "Egypt",
    "Chile",
    "Peru",
    "Norway",
    "Ghana",
    "Laos",
    "Nepal",
    "Oman",
    "Qatar",
]


ARTICLES = [(i, c) for i in range(3) for c in COUNTRIES]  # 42: enough batches for a pool


def _corpus(directory: Path) -> Path:
    directory.mkdir()
    for i, country in ARTICLES:
        body = ARTICLE.replace("Malaysia", country).replace("Tuesday", f"Tuesday, round {i},")
        (directory / f"a{i}_{country}.txt").write_text(body)
    return directory


def _dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {
            t: [tuple(r) for r in conn.execute(text(f"SELECT {cols} FROM {t} ORDER BY 1, 2"))]
            for t, cols in TABLES.items()
        }


@pytest.fixture
def databases(server_url: URL, template_name: str) -> Iterator[Callable[[str], Engine]]:
    made: list[tuple[str, Engine]] = []

    def make(name: str) -> Engine:
        engine = create_engine(
            create_database(server_url, name, template=template_name), poolclass=NullPool
        )
        made.append((name, engine))
        return engine

    yield make
    for name, engine in made:
        engine.dispose()
        drop_database(server_url, name)


def test_workers_and_dask_give_the_same_database(databases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    corpus = str(_corpus(tmp_path / "corpus"))
    single = databases(f"diplo_test_workers_1_{os.getpid()}")
    assert pipeline.load(single, [corpus], workers=1).counts.loaded == len(ARTICLES)
    expected = _dump(single)
    assert len(expected["documents"]) == len(ARTICLES) and expected["entity_mentions"]

    pool = databases(f"diplo_test_workers_2_{os.getpid()}")
    assert pipeline.load(pool, [corpus], workers=2).counts.loaded == len(ARTICLES)
    assert _dump(pool) == expected

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask = databases(f"diplo_test_dask_{os.getpid()}")
        result = pipeline.load(dask, [corpus], scheduler=cluster.scheduler_address)
        assert result.counts.loaded == len(ARTICLES)
    assert _dump(dask) == expected


def test_reextract_with_workers_gives_the_same_database(
    databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`diplo reextract --workers 2` runs the model in a pool, as `load` does, and rebuilds
    exactly what one process builds."""
    from dumps import dump
    from typer.testing import CliRunner

    from etl.cli import app
    from etl.load import executors, reextract

    corpus = str(_corpus(tmp_path / "corpus"))
    engine = databases(f"diplo_test_reextract_{os.getpid()}")
    assert pipeline.load(engine, [corpus], workers=1).counts.loaded == len(ARTICLES)
    expected = dump(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET extractor_version = 'an older one'"))

    pools: list[tuple[type, bool]] = []  # each executor made, and whether processes ran

    def make_executor(workers: int | None = None, scheduler: str | None = None):  # type: ignore[no-untyped-def]
        executor = executors.make_executor(workers, scheduler)
        close = executor.close

        def closing() -> None:
            pools.append((type(executor), getattr(executor, "_pool", None) is not None))
            close()

        executor.close = closing  # type: ignore[method-assign]
        return executor

    monkeypatch.setattr(reextract, "make_executor", make_executor)
    env = {"DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    result = CliRunner().invoke(app, ["reextract", "--workers", "2"], env=env)
    assert result.exit_code == 0, result.output
    assert f"{len(ARTICLES)} documents re-extracted" in result.stdout
    assert pools == [(executors.LocalProcesses, True)]
    assert dump(engine) == expected
