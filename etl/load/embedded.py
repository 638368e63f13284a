"""The embedded PostgreSQL server: a real server from the ``pgserver`` wheel, no setup needed.

It lives in ``$DIPLO_HOME/pgdata`` (readable by its owner alone) and keeps running after the
CLI exits, so the next command reuses it. By default it listens on a Unix socket only; with
``DIPLO_EMBEDDED_PORT`` it also listens on that port of 127.0.0.1 (loopback, never another
interface) so that BI tools such as Metabase can connect.
"""

from __future__ import annotations

import logging
import os
import signal
import time
import warnings
from pathlib import Path

from sqlalchemy.engine import URL

from etl.errors import DatabaseUnavailable

DATABASE_NAME = "diplo"
LOOPBACK = "127.0.0.1"


def start(home: Path, database: str = DATABASE_NAME, port: int | None = None) -> URL:
    """Start (or reuse) the embedded server under ``home`` and return a URL to ``database``."""
    pgdata = home / "pgdata"
    try:
        home.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # platformdirs warns about a missing XDG_RUNTIME_DIR under cron; the fallback is fine.
            warnings.simplefilter("ignore")
            import pgserver

            logging.getLogger("pgserver").setLevel(logging.CRITICAL)
            server = pgserver.get_server(pgdata, cleanup_mode=None)
        if port is not None:
            _listen_on_loopback(pgdata, port, server.system_user)
        url = _url(pgdata, database)
        _ensure_database(url)
    except DatabaseUnavailable:
        raise
    except Exception as exc:  # pgserver raises bare Exceptions and subprocess errors alike
        raise DatabaseUnavailable(
            f"could not start the embedded PostgreSQL in {pgdata}: {exc}"
        ) from exc
    return url


def _postmaster(pgdata: Path) -> list[str]:
    """postmaster.pid: pid, data dir, start time, port, socket dir, listen address, ..."""
    return (pgdata / "postmaster.pid").read_text().splitlines()


def _url(pgdata: Path, database: str) -> URL:
    lines = _postmaster(pgdata)
    # Trust auth on a private socket: no password, so none appears in the URL.
    return URL.create(
        "postgresql+psycopg",
        username="postgres",
        database=database,
        query={"host": lines[4], "port": lines[3]},
    )


def _listen_on_loopback(pgdata: Path, port: int, user: str | None) -> None:
    lines = _postmaster(pgdata)
    if lines[3] == str(port) and lines[5].strip() == LOOPBACK:
        return
    from pgserver._commands import pg_ctl

    socket_dir = lines[4]
    # The server was started for the socket only; restart it on the loopback port too.
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    try:
        pg_ctl(
            [
                "-w",
                "-o",
                f"-h {LOOPBACK}",
                "-o",
                f"-p {port}",
                "-o",
                f"-k {socket_dir}",
                "-l",
                str(pgdata / "log"),
                "start",
            ],
            pgdata=pgdata,
            user=user,
            timeout=60,
        )
    except Exception as exc:
        raise DatabaseUnavailable(
            f"the embedded PostgreSQL could not listen on {LOOPBACK}:{port} (port in use?); "
            f"see {pgdata / 'log'}"
        ) from exc


def _ensure_database(url: URL) -> None:
    import psycopg
    from psycopg import sql

    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url.database)))


def stop(home: Path, timeout: float = 30.0) -> bool:
    """Stop the embedded server under ``home`` (fast shutdown). False if it was not running."""
    try:
        pid = int(_postmaster(home / "pgdata")[0])
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
