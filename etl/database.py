"""Engines and transactions: the one place that knows how to reach PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from etl import embedded
from etl.errors import DatabaseUnavailable
from etl.settings import Settings, redact


def resolve_url(settings: Settings) -> URL:
    """``DATABASE_URL`` when set, else the embedded server (started on demand)."""
    if settings.database_url is not None:
        return settings.database_url
    return embedded.start(settings.home, port=settings.embedded_port)


def make_engine(url: URL) -> Engine:
    """An engine that has been proven to connect; errors name the URL without its password."""
    engine = create_engine(url, pool_pre_ping=True, future=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseUnavailable(f"cannot connect to {redact(url)}: {reason}") from exc
    return engine
