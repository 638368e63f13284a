"""The run log: every load leaves an etl_runs row, and every rejected input a rejected_inputs row;
and what every run (load, reextract) does at its start and when it fails.

Each write commits on its own, so the log survives a run that fails halfway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError, PendingRollbackError

from etl.article import Rejection
from etl.errors import RunFailed
from etl.load import schema, seeds
from etl.load.database import error_reason
from etl.load.locks import LOAD_LOCK_KEY
from models import EtlRun, RejectedInputRow

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunCounts:
    files_seen: int = 0
    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # Kept out of etl_runs: moved documents count as unchanged there, and inputs rejected by
    # an earlier run are neither rejected nor recorded again.
    moved: int = 0
    known_rejects: int = 0

    @property
    def rejected(self) -> int:
        return len(self.rejections)


DIED = "did not finish: the process ended before the run did"

# A run that died could not write its last counts. The documents it inserted say how many it
# loaded: those first loaded after it started and before the next run did (runs take turns
# under the load lock, and a reextract or a later load never changes loaded_at).
_CLOSE_DEAD_RUNS = """
    UPDATE ops.etl_runs r
    SET status = 'failed', finished_at = now(), error = :error,
        loaded = CASE WHEN r.command = 'load' THEN GREATEST(r.loaded, (
            SELECT count(*) FROM public.documents d
            WHERE d.loaded_at >= r.started_at
              AND d.loaded_at < COALESCE(
                  (SELECT min(n.started_at) FROM ops.etl_runs n WHERE n.id > r.id), 'infinity')
        )) ELSE r.loaded END
    WHERE r.status = 'running'
"""
# No session of this database holds the load lock. Checked in the statement itself: a run
# that is visible as running while nobody holds the lock has ended, and one that finishes
# meanwhile is re-checked by PostgreSQL on its new row (no longer running) and left alone.
_NO_LOCK_HOLDER = """
    AND NOT EXISTS (
        SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((l.classid::bigint << 32) | l.objid::bigint) = :key
    )
"""

_REAP_DEAD_RUNS = _CLOSE_DEAD_RUNS + _NO_LOCK_HOLDER  # constants only: no input in the SQL


def close_dead_runs(conn: Connection) -> int:
    """Mark failed the runs still marked running; called under the load lock, when no run
    can be alive. Returns how many there were."""
    return conn.execute(text(_CLOSE_DEAD_RUNS), {"error": DIED}).rowcount


def reap_dead_runs(engine: Engine) -> int:
    """``close_dead_runs`` when no load, reextract or prune holds the load lock, without
    taking it (a `diplo runs` must never make a cron load fail as locked): a killed run must
    not show as running until the next load. Nothing when the log cannot be written (a
    read-only role)."""
    try:
        with engine.begin() as conn:
            return conn.execute(
                text(_REAP_DEAD_RUNS), {"error": DIED, "key": LOAD_LOCK_KEY}
            ).rowcount
    except DBAPIError:
        return 0


def record_progress(engine: Engine, run_id: int, counts: RunCounts) -> None:
    """The counts so far, for a run that may yet die: what it committed is then counted."""
    with engine.begin() as conn:
        conn.execute(
            update(EtlRun)
            .where(EtlRun.id == run_id)
            .values(
                files_seen=counts.files_seen,
                loaded=counts.loaded,
                replaced=counts.replaced,
                unchanged=counts.unchanged,
                rejected=counts.rejected,
            )
        )


def start_run(engine: Engine, command: str, extractor_version: str) -> int:
    """Record a new run. Called under the load lock, so any run still marked running has died
    (killed, machine restarted) and is marked failed."""
    with engine.begin() as conn:
        close_dead_runs(conn)
        return conn.execute(
            insert(EtlRun)
            .values(
                command=command,
                status="running",
                files_seen=0,
                loaded=0,
                replaced=0,
                unchanged=0,
                rejected=0,
                extractor_version=extractor_version,
            )
            .returning(EtlRun.id)
        ).scalar_one()


def record_rejection(
    engine: Engine, run_id: int, rejection: Rejection, source: str | None = None
) -> None:
    """Log a rejection; ``source`` is the path to store (default: as the input was named)."""
    with engine.begin() as conn:
        conn.execute(
            insert(RejectedInputRow).values(
                run_id=run_id,
                source=source or rejection.source,
                reason=rejection.reason,
                content_sha256=rejection.content_sha256,
            )
        )


def finish_run(
    engine: Engine, run_id: int, counts: RunCounts, status: str, error: str | None = None
) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(EtlRun)
            .where(EtlRun.id == run_id)
            .values(
                status=status,
                finished_at=func.now(),
                files_seen=counts.files_seen,
                loaded=counts.loaded,
                replaced=counts.replaced,
                unchanged=counts.unchanged,
                rejected=counts.rejected,
                error=error,
            )
        )


@dataclass(frozen=True, slots=True)
class RememberedRejections:
    """Inputs an earlier run of the same extractor version rejected: by content hash, or
    by source and reason when the bytes were never read (too large, unreadable). A scheduled
    run skips them quietly, so a file that is broken for good fails one run, not every run."""

    hashes: frozenset[str] = frozenset()
    unread: frozenset[tuple[str, str]] = frozenset()

    def covers_content(self, content_sha256: str) -> bool:
        return content_sha256 in self.hashes

    def covers(self, rejection: Rejection, stored_source: str) -> bool:
        if not rejection.remember:
            return False
        if rejection.content_sha256 is not None:
            return rejection.content_sha256 in self.hashes
        return (stored_source, rejection.reason) in self.unread


def remembered_rejections(engine: Engine, extractor_version: str) -> RememberedRejections:
    """What earlier runs with this extractor version rejected (a new version retries all)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                RejectedInputRow.content_sha256, RejectedInputRow.source, RejectedInputRow.reason
            )
            .join(EtlRun, EtlRun.id == RejectedInputRow.run_id)
            .where(EtlRun.extractor_version == extractor_version)
        ).all()
    return RememberedRejections(
        hashes=frozenset(sha for sha, _, _ in rows if sha is not None),
        unread=frozenset((source, reason) for sha, source, reason in rows if sha is None),
    )


@dataclass(frozen=True, slots=True)
class LoadResult:
    run_id: int
    counts: RunCounts
    status: str


def prepare_database(engine: Engine) -> None:
    """Bring the schema to head and the reference data up to date; cheap when already done."""
    if not schema.is_current(engine):
        schema.upgrade(engine)
    with engine.begin() as conn:
        seeds.seed(conn)


def fail_run(
    engine: Engine, run_id: int, counts: RunCounts, command: str, exc: BaseException
) -> None:
    """Record why a run stopped, then raise: a database error as RunFailed (one line for the
    user), anything else as it was."""
    if isinstance(exc, DBAPIError | PendingRollbackError):
        # PendingRollbackError: a statement on a connection that had already died.
        reason = error_reason(exc) if isinstance(exc, DBAPIError) else "connection lost"
        _finish_quietly(engine, run_id, counts, "failed", f"database error: {reason}")
        raise RunFailed(f"{command} stopped, database error: {reason}") from exc
    if isinstance(exc, RunFailed):
        error = str(exc)
    elif isinstance(exc, KeyboardInterrupt):
        error = "interrupted"
    else:
        error = f"{type(exc).__name__}: {exc}"
    _finish_quietly(engine, run_id, counts, "failed", error)
    raise exc


def _finish_quietly(
    engine: Engine, run_id: int, counts: RunCounts, status: str, error: str
) -> None:
    """Record the failure if the database still answers; the original error matters more."""
    try:
        finish_run(engine, run_id, counts, status, error)
    except Exception:
        log.debug("could not record the failed run", exc_info=True)
