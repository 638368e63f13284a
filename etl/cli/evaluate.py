"""`diplo evaluate`: the stored documents scored against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from etl.cli.shared import err, handles_errors, out, require_schema, state
from etl.errors import ConfigError
from etl.outputs import evaluate as evaluation


@handles_errors
def evaluate(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            exists=True,
            file_okay=False,
            help="Directory of gold JSON files (format: seeds/sample_gold/README.md).",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the stored documents against gold annotations: precision, recall, F1 per field.

    Documents are matched to gold files by file name; load the articles first. Scores are
    micro-averaged over documents. seeds/sample_gold annotates the sample articles.
    """
    engine = state.engine()
    require_schema(engine, "load the gold articles first")
    scores, missing = evaluation.evaluate(engine, gold)
    if not scores:
        raise ConfigError(f"no gold files (*.json) in {gold}")
    for name in missing:
        err.print(f"warning: {name} is not loaded; scored as all misses", markup=False)
    if as_json:
        payload = {
            name: {
                "p": round(s.precision, 4),
                "r": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in scores.items()
        }
        out.print_json(json.dumps(payload))
        return
    table = Table("field", "P", "R", "F1", "tp", "fp", "fn", title=f"{gold}")
    for name, s in scores.items():
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp),
            str(s.fp),
            str(s.fn),
        )
    out.print(table)
