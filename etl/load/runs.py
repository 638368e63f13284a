"""The run log: every load leaves an etl_runs row, and every rejected input a rejected_inputs row.

Each write commits on its own, so the log survives a run that fails halfway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, insert, update

from etl.article import Rejection
from models import EtlRun, RejectedInputRow


@dataclass(slots=True)
class RunCounts:
    files_seen: int = 0
    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)


def start_run(engine: Engine, command: str, extractor_version: str) -> int:
    """Record a new run. Called under the load lock, so any run still marked running has died
    (killed, machine restarted) and is marked failed."""
    with engine.begin() as conn:
        conn.execute(
            update(EtlRun)
            .where(EtlRun.status == "running")
            .values(
                status="failed",
                finished_at=func.now(),
                error="did not finish: the process ended before the run did",
            )
        )
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


def record_rejection(engine: Engine, run_id: int, rejection: Rejection) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(RejectedInputRow).values(
                run_id=run_id,
                source=rejection.source,
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
