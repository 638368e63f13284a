"""Engines and transactions: the one place that knows how to reach PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from etl.errors import DatabaseUnavailable
from etl.load import embedded
from etl.settings import Settings, redact


def resolve_url(settings: Settings) -> URL:
    """``DATABASE_URL`` when set, else the embedded server (started on demand)."""
    if settings.database_url is not None:
        return settings.database_url
    return embedded.start(settings.home, port=settings.embedded_port)


def make_engine(url: URL) -> Engine:
    """An engine that has been proven to connect; errors name the URL without its password."""
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _no_commit_wait(dbapi_connection: Any, _record: Any) -> None:
        # Every write diplo makes can be redone by the next run, and a transaction is still
        # all or nothing; so commits need not wait for the disk. A crash can lose the last
        # few documents (the next load brings them back), never half of one.
        with dbapi_connection.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
        dbapi_connection.commit()

    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot connect to {redact(url)}: {error_reason(exc)}") from exc
    return engine


def error_reason(exc: DBAPIError) -> str:
    """The first line of the driver's message: what a user needs, without SQL or parameters."""
    text_ = str(exc.orig if exc.orig is not None else exc).strip()
    return text_.splitlines()[0] if text_ else type(exc).__name__
