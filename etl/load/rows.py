"""Multi-row writes the load stage shares: upserts that return ids, inserts that skip rows
already there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func
from sqlalchemy.dialects.postgresql import insert


def upsert_returning(
    conn: Connection,
    model: Any,
    rows: list[dict[str, Any]],
    *,
    key: tuple[str, ...],
    fill: tuple[str, ...],
) -> dict[tuple[str, ...], int]:
    """Insert rows or find existing ones by ``key``; columns in ``fill`` are set where still
    empty, so the first document that knows a person's title or country informs all."""
    if not rows:
        return {}
    table = model.__table__
    stmt = insert(table).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key),
        set_={c: func.coalesce(table.c[c], stmt.excluded[c]) for c in fill},
    )
    result = conn.execute(stmt.returning(table.c.id, *(table.c[k] for k in key)))
    return {tuple(r[1:]): r[0] for r in result}


def insert_ignore(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    # executemany: one cached statement, which SQLAlchemy sends as batched multi-row INSERTs.
    if rows:
        conn.execute(insert(model.__table__).on_conflict_do_nothing(), rows)
