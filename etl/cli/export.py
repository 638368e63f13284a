"""`diplo export`: the tables and analytics views written to files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.cli.shared import handles_errors, print_fields, require_schema, state
from etl.errors import ConfigError
from etl.outputs import export as exporting


@handles_errors
def export_cmd(
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, help="Directory to write to.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, parquet or jsonl.")] = "csv",
    tables: Annotated[
        list[str] | None,
        typer.Option(
            "--table",
            "-t",
            help="A table or view (repeatable; default: all). A bare name is the table"
            " (documents); name the schema for a view of the same name (analytics.documents).",
        ),
    ] = None,
) -> None:
    """Write the tables and analytics views to files, one per table, for pandas, R or DuckDB."""
    if fmt not in exporting.FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of: {', '.join(exporting.FORMATS)}")
    engine = state.engine()
    require_schema(engine)
    for item in exporting.export(engine, out_dir, fmt, tables or []):  # type: ignore[arg-type]
        print_fields(item.relation, f"{item.rows} rows", str(item.path))
