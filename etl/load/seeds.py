"""Reference data from the CSV files in seeds/ into the database, upserted so that a user's
edits take effect on the next load and reruns write nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, or_
from sqlalchemy.dialects.postgresql import insert

from etl.extract import reference
from models import Country, CountryAlias


def upsert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> int:
    """Insert or update ``rows`` by ``key``; returns how many rows were written."""
    return sum(
        _upsert_batch(conn, table, rows[i : i + 1000], key) for i in range(0, len(rows), 1000)
    )


def _upsert_batch(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: Sequence[str]
) -> int:
    # Batches keep each statement well under PostgreSQL's 65,535 bind parameters.
    if not rows:
        return 0
    stmt = insert(table).values(list(rows))
    columns = [c.name for c in table.columns if c.name not in key]
    if columns:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(key),
            set_={c: stmt.excluded[c] for c in columns},
            # Only touch rows whose data changed, so a rerun writes nothing.
            where=or_(*(table.c[c].is_distinct_from(stmt.excluded[c]) for c in columns)),
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    return len(conn.execute(stmt.returning(*(table.c[k] for k in key))).all())


# The seed files written to database tables; the other seeds/*.csv files (people,
# organizations, initiatives, titles, outlets, event triggers ...) are read by the extractor
# itself and reach the database through the documents that mention them.
TABLE_FILES = {"countries": "countries.csv", "country_aliases": "country_aliases.csv"}


@dataclass(frozen=True, slots=True)
class SeedFile:
    name: str  # file in seeds/
    rows: int  # data rows in it
    table: str | None  # the table it is written to, None when the extractor reads it
    written: int = 0  # rows inserted or changed by this seed


def report(written: dict[str, int]) -> list[SeedFile]:
    """Every seed file: what ``seed`` wrote from it, or that the extractor reads it."""
    tables = {file: table for table, file in TABLE_FILES.items()}
    return [
        SeedFile(name, rows, tables.get(name), written.get(tables.get(name, ""), 0))
        for name, rows in reference.seed_files().items()
    ]


def seed(conn: Connection) -> dict[str, int]:
    """Upsert every seed table; returns rows inserted or changed per table."""
    countries = [dataclasses.asdict(c) for c in reference.countries()]
    aliases = {
        (a.iso3, a.alias): {"country_iso3": a.iso3, "alias": a.alias, "kind": a.kind}
        for a in reference.country_aliases()
    }
    return {
        "countries": upsert(conn, Country.__table__, countries, ["iso3"]),
        "country_aliases": upsert(
            conn, CountryAlias.__table__, list(aliases.values()), ["country_iso3", "alias"]
        ),
    }
