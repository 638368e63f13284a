"""Read-only summaries of the database for `diplo status` and `diplo runs`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, extract, func, select

from models import Country, Document, DocumentCaption, DocumentSentence, EtlRun, RejectedInputRow


def counts(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        docs = conn.scalar(select(func.count()).select_from(Document)) or 0
        sentences = conn.scalar(select(func.count()).select_from(DocumentSentence)) or 0
        captions = conn.scalar(select(func.count()).select_from(DocumentCaption)) or 0
        countries = conn.scalar(select(func.count()).select_from(Country)) or 0
        first, last = conn.execute(
            select(func.min(Document.published_on), func.max(Document.published_on))
        ).one()
    span = f", published {first} .. {last}" if first else ""
    return {
        "Documents": f"{docs} ({sentences} sentences, {captions} captions{span})",
        "Countries": str(countries),
    }


def recent_runs(engine: Engine, limit: int) -> list[tuple[Any, ...]]:
    seconds = func.round(extract("epoch", EtlRun.finished_at - EtlRun.started_at), 1)
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                EtlRun.id,
                func.to_char(EtlRun.started_at, "YYYY-MM-DD HH24:MI:SS"),
                seconds,
                EtlRun.status,
                EtlRun.files_seen,
                EtlRun.loaded,
                EtlRun.replaced,
                EtlRun.unchanged,
                EtlRun.rejected,
                EtlRun.error,
            )
            .order_by(EtlRun.id.desc())
            .limit(limit)
        ).all()
    return [tuple(r) for r in rows]


def last_run_line(engine: Engine) -> str | None:
    rows = recent_runs(engine, 1)
    if not rows:
        return None
    run_id, started, _, status, seen, loaded, replaced, unchanged, rejected, error = rows[0]
    line = (
        f"#{run_id} {status} at {started}: {seen} seen, {loaded} loaded, {replaced} replaced, "
        f"{unchanged} unchanged, {rejected} rejected"
    )
    return f"{line} ({error})" if error else line


def rejections(engine: Engine, run_ids: Sequence[int]) -> list[tuple[int, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(RejectedInputRow.run_id, RejectedInputRow.source, RejectedInputRow.reason)
            .where(RejectedInputRow.run_id.in_(run_ids))
            .order_by(RejectedInputRow.run_id.desc(), RejectedInputRow.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]
