"""The diplo command line: thin wrappers that validate options and call the pipeline.

One module per command group (``load``, ``inspect``, ``report``, ``evaluate``, ``export``,
``db``); this one builds the app from them, with the global options. Expected errors (bad
path, unreachable database, bad revision) become one ``Error:`` line on stderr and an exit
code (``shared.handles_errors``); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from etl import logs
from etl.cli import db, evaluate, export, inspect, load, report
from etl.cli.shared import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_RUN_FAILED,
    EXIT_USAGE,
    state,
)

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_REJECTED",
    "EXIT_RUN_FAILED",
    "EXIT_USAGE",
    "app",
    "main",
]


def _show_flags_bare() -> None:
    """Typer's rich help prints a type after every option, so flags read ``--debug <bool>`` as
    if they took a value (its plain help does not). Flags and counters take none: no type."""
    from typer.core import TyperOption

    shown = getattr(TyperOption, "display_type_rich", None)
    if shown is None or getattr(shown, "bare_flags", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if self.is_flag or self.count:
            return None
        return shown(self, ctx)

    display_type_rich.bare_flags = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_show_flags_bare()

app = typer.Typer(
    help="diplo: turn news articles about diplomacy into a PostgreSQL database of facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit(EXIT_OK)


def version_line() -> str:
    """diplo's version, with what decides whether stored data is current: the extractor
    (a change re-extracts) and the newest schema revision."""
    from importlib.metadata import PackageNotFoundError, version

    from etl.extract.extractor import EXTRACTOR_VERSION
    from etl.load import schema

    try:
        package = version("diplo")
    except PackageNotFoundError:  # run from a checkout that was never installed
        package = "unknown"
    return f"diplo {package} (extractor {EXTRACTOR_VERSION}, schema {schema.head_revision()})"


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Print the version and exit."
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True, help="Log what happens per file (-vv: more)."),
    ] = 0,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="DATABASE_URL",
            show_envvar=True,
            show_default=False,
            help="PostgreSQL URL. Without it diplo runs its embedded server under DIPLO_HOME.",
        ),
    ] = None,
) -> None:
    state.debug = debug
    state.database_url = database_url
    state._engine = None
    # Library warnings (psycopg on a dead connection, trafilatura, dateutil) only with -v:
    # the error line says what a user needs.
    logs.configure(logs.levels(verbose))


# Help lists the commands in the order they are added, which crosses the modules: so they are
# added here, each with the example its help ends with, rather than where they are defined.
app.command(
    epilog="Example: diplo load articles/ 'wires/**/*.html' feed.jsonl   (or: cat a.txt | diplo load -)"
)(load.load)
app.command(epilog="Example: diplo reextract   |   diplo reextract --all")(load.reextract)
app.command(
    epilog="Example: diplo load seeds/sample_articles && diplo evaluate --gold seeds/sample_gold"
)(evaluate.evaluate)
app.command(
    epilog="Example: diplo events --country Kazakhstan --since 2024-01-01   |   "
    "diplo events --person Modi --type meeting"
)(inspect.events)
app.command(
    epilog='Example: diplo statements --search "peaceful development"   |   '
    "diplo statements --country China --about Philippines --since 2023"
)(inspect.statements)
app.command(
    epilog="Example: diplo report --out report.html   |   "
    "diplo report --out china.html --country China --since 2024"
)(report.report)
app.command(epilog="Example: diplo status   |   diplo status --missing")(inspect.status)
app.command(epilog="Example: diplo runs --limit 5   |   diplo runs --rejected")(inspect.runs)
app.command(
    epilog="Example: diplo schedule --every 1h /data/articles   |   "
    'diplo schedule --cron "0 * * * *" /data/articles'
)(load.schedule)
app.command(
    "export",
    epilog="Example: diplo export --format parquet --out exports/   |   "
    "diplo export --format csv --out exports/ --table documents --table event_timeline",
)(export.export_cmd)
app.command(
    epilog="Example: diplo prune --dry-run   then   diplo prune   |   "
    "diplo prune seeds/sample_articles   (remove the samples)"
)(load.prune)
app.add_typer(db.app, name="db")


def main() -> None:
    app()
