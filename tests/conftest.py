"""Every database test gets a fresh PostgreSQL database: cloned from a migrated, seeded template
on the server at TEST_DATABASE_URL, or on an embedded server started for the session."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl.load import embedded, schema, seeds
from etl.settings import normalize_url

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
_counter = itertools.count()


def _admin(url: URL) -> str:
    return url.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )


def _exec(url: URL, statement: sql.Composable) -> None:
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[URL]:
    """A URL on the test server (its database part is replaced per test)."""
    raw = os.environ.get("TEST_DATABASE_URL")
    if raw:
        yield normalize_url(raw)
        return
    home = tmp_path_factory.mktemp("diplo-home")
    url = embedded.start(home)
    yield url
    embedded.stop(home)


def create_database(server_url: URL, name: str, template: str | None = None) -> URL:
    _exec(
        server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )
    stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        stmt = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    _exec(server_url, stmt)
    return server_url.set(database=name)


def drop_database(server_url: URL, name: str) -> None:
    _exec(
        server_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    )


@pytest.fixture(scope="session")
def template_name(server_url: URL) -> Iterator[str]:
    name = f"diplo_test_template_{os.getpid()}"
    url = create_database(server_url, name)
    engine = create_engine(url, poolclass=NullPool)
    schema.upgrade(engine)
    with engine.begin() as conn:
        seeds.seed(conn)
    engine.dispose()
    yield name
    drop_database(server_url, name)


def _fresh_name() -> str:
    return f"diplo_test_{os.getpid()}_{next(_counter)}"


@pytest.fixture
def empty_db_url(server_url: URL) -> Iterator[URL]:
    """A new database with no schema at all."""
    name = _fresh_name()
    url = create_database(server_url, name)
    yield url
    drop_database(server_url, name)


@pytest.fixture
def db_url(server_url: URL, template_name: str) -> Iterator[URL]:
    """A new database at schema head with reference data loaded."""
    name = _fresh_name()
    url = create_database(server_url, name, template=template_name)
    yield url
    drop_database(server_url, name)


@pytest.fixture
def engine(db_url: URL) -> Iterator[Engine]:
    eng = create_engine(db_url, poolclass=NullPool)
    yield eng
    eng.dispose()


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus} (clone with ../shared beside the repo)")
    return corpus
