"""The embedded PostgreSQL server: a real server from the ``pgserver`` wheel, no setup needed.

It lives in ``$DIPLO_HOME/pgdata``, listens on a Unix socket only (no TCP port), and keeps
running after the CLI exits so the next command (or a BI tool) reuses it.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from etl.errors import DatabaseUnavailable

DATABASE_NAME = "diplo"


def start(home: Path, database: str = DATABASE_NAME) -> URL:
    """Start (or reuse) the embedded server under ``home`` and return a URL to ``database``."""
    pgdata = home / "pgdata"
    try:
        home.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns about a missing XDG_RUNTIME_DIR under cron; the fallback is fine.
            warnings.simplefilter("ignore")
            import pgserver

            logging.getLogger("pgserver").setLevel(logging.WARNING)
            server = pgserver.get_server(pgdata, cleanup_mode=None)
        uri = make_url(server.get_uri(database))
        _ensure_database(server, database)
    except Exception as exc:  # pgserver raises bare Exceptions and subprocess errors alike
        raise DatabaseUnavailable(
            f"could not start the embedded PostgreSQL in {pgdata}: {exc}"
        ) from exc
    # Trust auth on a private socket: no password, so none appears in the URL.
    return URL.create(
        "postgresql+psycopg", username=uri.username, database=uri.database, query=uri.query
    )


def _ensure_database(server: object, database: str) -> None:
    import psycopg

    admin = make_url(server.get_uri("postgres"))  # type: ignore[attr-defined]
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
        ).fetchone()
        if not exists:
            from psycopg import sql

            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def stop(home: Path, timeout: float = 30.0) -> bool:
    """Stop the embedded server under ``home`` (fast shutdown). False if it was not running."""
    import os
    import signal
    import time

    pid_file = home / "pgdata" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown: roll back, then exit cleanly
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    raise DatabaseUnavailable(
        f"the embedded server (pid {pid}) did not stop within {timeout:.0f} s"
    )
