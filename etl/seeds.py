"""Reference data from the CSV files in seeds/, upserted so that a user's edits take effect
on the next load and reruns change nothing."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, or_
from sqlalchemy.dialects.postgresql import insert

from etl.schema import PROJECT_ROOT
from models import Country

SEEDS_DIR = PROJECT_ROOT / "seeds"


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_countries(path: Path = SEEDS_DIR / "countries.csv") -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            numeric = _blank_to_none(row.get("numeric"))
            yield {
                "iso3": row["iso3"].strip(),
                "iso2": row["iso2"].strip(),
                "numeric_code": int(numeric) if numeric else None,
                "name": row["name"].strip(),
                "official_name": _blank_to_none(row.get("official_name")),
                "common_name": _blank_to_none(row.get("common_name")),
                "region": _blank_to_none(row.get("region")),
                "subregion": _blank_to_none(row.get("subregion")),
            }


def seed(conn: Connection) -> dict[str, int]:
    """Upsert every seed table; returns rows inserted or changed per table."""
    rows = list(read_countries())
    table = Country.__table__
    stmt = insert(table).values(rows)
    columns = [c.name for c in table.columns if c.name != "iso3"]
    stmt = stmt.on_conflict_do_update(
        index_elements=["iso3"],
        set_={c: stmt.excluded[c] for c in columns},
        # Only touch rows whose data changed, so a rerun writes nothing.
        where=or_(*(table.c[c].is_distinct_from(stmt.excluded[c]) for c in columns)),
    )
    written = conn.execute(stmt.returning(table.c.iso3)).all()
    return {"countries": len(written)}
