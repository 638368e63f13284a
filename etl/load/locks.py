"""A PostgreSQL advisory lock that lets one load run at a time against a database, whichever
machine or cron job starts it. It is held by a dedicated connection, so it goes away with the
process if that dies."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from etl.errors import LoadLocked, RunFailed
from etl.load.database import error_reason

# Any fixed 64-bit number works; this one spells "diplo" in ASCII.
LOAD_LOCK_KEY = 0x6469706C6F


class HeldLock:
    """The connection that holds the lock. If it is lost, so is the lock (the server drops
    advisory locks with their session), and another load may start: ``check`` says so."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def check(self) -> None:
        try:
            self._conn.execute(text("SELECT 1"))
            self._conn.commit()
        except DBAPIError as exc:
            # The session is gone and the lock with it; never reuse this connection (a later
            # statement on it would fail with PendingRollbackError instead of saying why).
            self._conn.invalidate()
            raise RunFailed(
                "load stopped, database error: lost the connection that held the load lock"
                f" ({error_reason(exc)})"
            ) from exc


@contextmanager
def load_lock(engine: Engine, *, wait: bool = False) -> Iterator[HeldLock]:
    """Hold the load lock for the duration of the block; LoadLocked if busy and not ``wait``."""
    conn = engine.connect()
    try:
        if wait:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOAD_LOCK_KEY})
        elif not conn.execute(
            text("SELECT pg_try_advisory_lock(:k)"), {"k": LOAD_LOCK_KEY}
        ).scalar():
            holder = conn.execute(
                text(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
                    " AND ((classid::bigint << 32) | objid::bigint) = :k AND granted LIMIT 1"
                ),
                {"k": LOAD_LOCK_KEY},
            ).scalar()
            where = f" (server process {holder})" if holder else ""
            raise LoadLocked(
                f"another diplo load is running on this database{where}; "
                "try again later or pass --wait to queue behind it"
            )
        conn.commit()
        yield HeldLock(conn)
    finally:
        _release(conn)


def _release(conn: Connection) -> None:
    """Unlock, unless the connection is already gone (then the server has dropped the lock);
    a failure here must never hide the error that ended the run."""
    try:
        if not conn.invalidated:
            conn.execute(text("SELECT pg_advisory_unlock_all()"))
            conn.commit()
    except SQLAlchemyError:
        # DBAPIError when the server is gone, PendingRollbackError when a statement on this
        # connection already failed: either way the session (and its lock) is lost.
        conn.invalidate()
    finally:
        conn.close()
