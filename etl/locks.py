"""A PostgreSQL advisory lock that lets one load run at a time against a database, whichever
machine or cron job starts it. It is held by a dedicated connection, so it goes away with the
process if that dies."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from etl.errors import LoadLocked

# Any fixed 64-bit number works; this one spells "diplo" in ASCII.
LOAD_LOCK_KEY = 0x6469706C6F


@contextmanager
def load_lock(engine: Engine, *, wait: bool = False) -> Iterator[None]:
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
        yield
    finally:
        try:
            conn.execute(text("SELECT pg_advisory_unlock_all()"))
            conn.commit()
        finally:
            conn.close()
