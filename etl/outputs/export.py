"""Export tables and analytics views to files for pandas, R or DuckDB users.

Rows stream from a server-side cursor in batches, so exporting a large database does not
hold it in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from psycopg import sql
from sqlalchemy import Engine, inspect

from etl.errors import ConfigError

Format = Literal["csv", "parquet", "jsonl"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "jsonl")
BATCH = 5_000


@dataclass(frozen=True, slots=True)
class Exported:
    relation: str  # schema-qualified name
    path: Path
    rows: int


def exportable(engine: Engine) -> list[str]:
    """Every table in public (but Alembic's bookkeeping), the run log in ops, and every view
    in analytics."""
    insp = inspect(engine)
    tables = [f"public.{t}" for t in sorted(insp.get_table_names()) if t != "alembic_version"]
    ops = [f"ops.{t}" for t in sorted(insp.get_table_names(schema="ops"))]
    views = [f"analytics.{v}" for v in sorted(insp.get_view_names(schema="analytics"))]
    return tables + ops + views


def _resolve(available: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The relations named: ``schema.name`` is that one; a bare name is one relation too,
    the first of public, ops and analytics that has it (as PostgreSQL's search path would
    read it), so ``documents`` is the table and ``analytics.documents`` the view."""
    if not wanted:
        return list(available)
    chosen = []
    for name in wanted:
        matches = [a for a in available if a == name] or [
            a for a in available if a.split(".", 1)[1] == name
        ]
        if not matches:
            raise ConfigError(f"no table or view named {name!r} (try: {', '.join(available)})")
        if matches[0] not in chosen:
            chosen.append(matches[0])
    return chosen


def export(
    engine: Engine, out_dir: Path, fmt: Format, tables: Sequence[str] = ()
) -> list[Exported]:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for relation in _resolve(exportable(engine), tables):
        schema, name = relation.split(".", 1)
        stem = name if schema == "public" else f"{schema}.{name}"
        path = out_dir / f"{stem}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".partial")
        # Written under a temporary name and renamed: a reader never sees half a file.
        rows = _WRITERS[fmt](engine, schema, name, tmp)
        tmp.replace(path)
        results.append(Exported(relation, path, rows))
    return results


def _batches(
    engine: Engine, schema: str, name: str
) -> Iterator[tuple[list[str], list[int], list[tuple[Any, ...]]]]:
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection  # type: ignore[attr-defined]
        with conn.transaction(), conn.cursor(name=f"export_{name}") as cur:
            cur.itersize = BATCH
            cur.execute(
                sql.SQL("SELECT * FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(name))
            )
            columns: list[str] | None = None
            types: list[int] = []
            while True:
                batch = cur.fetchmany(BATCH)
                if columns is None:
                    columns = [d.name for d in cur.description]
                    types = [d.type_code for d in cur.description]
                yield columns, types, batch
                if len(batch) < BATCH:
                    break
    finally:
        raw.close()


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


def _write_csv(engine: Engine, schema: str, name: str, path: Path) -> int:
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for i, (columns, _, batch) in enumerate(_batches(engine, schema, name)):
            if i == 0:
                writer.writerow(columns)
            for row in batch:
                writer.writerow(
                    [json.dumps(v) if isinstance(v, (list, dict)) else _plain(v) for v in row]
                )
            rows += len(batch)
    return rows


def _write_jsonl(engine: Engine, schema: str, name: str, path: Path) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as fh:
        for columns, _, batch in _batches(engine, schema, name):
            for row in batch:
                record = {c: _plain(v) for c, v in zip(columns, row, strict=True)}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            rows += len(batch)
    return rows


def _arrow_type(type_code: int) -> Any:
    import pyarrow as pa
    from psycopg.postgres import types

    name = types.get(type_code).name if types.get(type_code) else ""
    return {
        "int2": pa.int16(),
        "int4": pa.int32(),
        "int8": pa.int64(),
        "float4": pa.float32(),
        "float8": pa.float64(),
        "numeric": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "timestamptz": pa.timestamp("us", tz="UTC"),
        "timestamp": pa.timestamp("us"),
    }.get(name, pa.string())


def _write_parquet(engine: Engine, schema: str, name: str, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ConfigError("parquet export needs pyarrow: pip install pyarrow") from exc
    rows = 0
    writer = None
    try:
        for columns, types, batch in _batches(engine, schema, name):
            if writer is None:
                arrow_schema = pa.schema(
                    [(c, _arrow_type(t)) for c, t in zip(columns, types, strict=True)]
                )
                writer = pq.ParquetWriter(path, arrow_schema)
            data = {
                c: [
                    v
                    if arrow_schema.field(c).type != pa.string() or v is None or isinstance(v, str)
                    else (json.dumps(v) if isinstance(v, (list, dict)) else str(v))
                    for v in (row[i] for row in batch)
                ]
                for i, c in enumerate(columns)
            }
            writer.write_table(pa.table(data, schema=arrow_schema))
            rows += len(batch)
    finally:
        if writer is not None:
            writer.close()
    return rows


_WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}
