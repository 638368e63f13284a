"""The diplo command line: thin wrappers that validate options and call the pipeline.

Expected errors (bad path, unreachable database, bad revision) become one ``Error:`` line on
stderr and an exit code; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from etl import logs, pipeline
from etl.errors import ConfigError, DiploError, LoadLocked, RunFailed
from etl.extract.extractor import EXTRACTOR_VERSION
from etl.facts import EVENT_TYPES
from etl.ingest.sources import short_path
from etl.load import embedded, schema, seeds
from etl.load.database import make_engine, resolve_url
from etl.outputs import evaluate as evaluation
from etl.outputs import export as exporting
from etl.outputs import report as html_report
from etl.outputs import reports, roles
from etl.outputs import schedule as sched
from etl.outputs.report.data import ReportFilters
from etl.settings import Settings, display_url

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_RUN_FAILED, EXIT_INTERNAL = 0, 1, 2, 3, 70
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


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
db_app = typer.Typer(help="Manage the database schema and reference data.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass(slots=True)
class State:
    debug: bool = False
    database_url: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        return Settings.from_env(self.database_url)

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(resolve_url(self.settings()))
        return self._engine


state = State()

F = TypeVar("F", bound=Callable[..., Any])


def one_line(text: str) -> str:
    """``text`` safe to print on one line: control characters (a newline in a file name)
    shown as escapes, so input can never forge extra lines of output."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def handles_errors(fn: F) -> F:
    """Turn domain errors into one stderr line and an exit code (a traceback with --debug)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except DiploError as exc:
            if state.debug:
                # The traceback, but the documented exit code all the same.
                traceback.print_exc()
            err.print(f"Error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("Interrupted.")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if state.debug:
                traceback.print_exc()
                raise typer.Exit(EXIT_INTERNAL) from None
            err.print(
                f"Error: unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                markup=False,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
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


@app.command(
    epilog="Example: diplo load articles/ 'wires/**/*.html' feed.jsonl   (or: cat a.txt | diplo load -)"
)
@handles_errors
def load(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (recursive), glob patterns, or - for stdin."),
    ],
    max_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-bytes",
            min=1,
            help="Reject inputs larger than this (default 10 MB, or DIPLO_MAX_BYTES).",
        ),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"],
            help="Only files modified at or after this time.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Extraction processes (default: one per core)."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run extraction on a Dask cluster, e.g. tcp://host:8786."),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option("--wait", help="If another load is running, wait for it instead of exiting."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run summary as JSON on stdout.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Re-read and re-parse the files even if their content is stored."
        ),
    ] = False,
    retry_rejected: Annotated[
        bool,
        typer.Option(
            "--retry-rejected", help="Try again the inputs an earlier run rejected (skipped)."
        ),
    ] = False,
) -> None:
    """Load articles into the database: new ones are added, changed ones replaced, unchanged skipped.

    Creates the schema on first use. Exit code 0 when every input loaded or was unchanged,
    1 when some were rejected (reasons on stderr and in `diplo runs --rejected`), 75 when
    another load is running (see --wait).
    """
    if quiet:
        logs.configure(logs.levels(quiet=True))
    settings = state.settings()
    limit = max_bytes or settings.max_bytes
    engine = state.engine()
    started = time.monotonic()
    show_progress = not quiet and not as_json and err.is_terminal
    with _progress(show_progress) as (on_start, on_item):
        options = pipeline.LoadOptions(
            max_bytes=limit,
            since=since,
            workers=workers,
            scheduler=scheduler,
            wait=wait,
            strict=state.debug,
            force=force,
            retry_rejected=retry_rejected,
        )
        result = pipeline.load(engine, paths, options, on_start=on_start, on_item=on_item)
    elapsed = time.monotonic() - started
    c = result.counts
    if as_json:
        payload = {
            "run_id": result.run_id,
            "status": result.status,
            "seen": c.files_seen,
            "loaded": c.loaded,
            "replaced": c.replaced,
            "unchanged": c.unchanged,
            "rejected": c.rejected,
            "rejections": [{"source": r.source, "reason": r.reason} for r in c.rejections],
            "moved": c.moved,
            "known_rejects_skipped": c.known_rejects,
            "seconds": round(elapsed, 3),
        }
        out.print_json(json.dumps(payload))
    else:
        for r in c.rejections:
            err.print(f"rejected {one_line(r.source)}: {one_line(r.reason)}", markup=False)
        if not quiet:
            out.print(
                f"Run {result.run_id}: {c.files_seen} seen, {c.loaded} loaded, {c.replaced} replaced, "
                f"{c.unchanged} unchanged{f' ({c.moved} moved)' if c.moved else ''}, "
                f"{c.rejected} rejected{_known_rejects(c.known_rejects)} ({elapsed:.1f} s)"
            )
    if c.rejections:
        raise typer.Exit(EXIT_REJECTED)


def _known_rejects(count: int) -> str:
    if not count:
        return ""
    return f", {count} rejected before and skipped (diplo runs --rejected; --retry-rejected)"


class _progress:
    """A rich progress bar on stderr when it is a terminal; no-op callbacks otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> tuple[Callable[[int], None] | None, Callable[[str, str], None] | None]:
        if not self.enabled:
            return None, None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err
        )
        self.bar.start()
        task = self.bar.add_task("loading", total=None)

        def on_start(total: int) -> None:
            self.bar.update(task, total=total)

        def on_item(source: str, outcome: str) -> None:
            # JSON Lines records share one file; advance per file, not per record.
            if "#" not in source or source.endswith("#L1") or source.endswith("#0"):
                self.bar.advance(task)
            self.bar.update(task, description=f"{outcome:>9}")

        return on_start, on_item

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command(epilog="Example: diplo reextract   |   diplo reextract --all")
@handles_errors
def reextract(
    everything: Annotated[
        bool, typer.Option("--all", help="Every document, not only those of older extractors.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If a load is running, wait for it instead of exiting.")
    ] = False,
) -> None:
    """Rebuild the entities of stored documents with the current extractor, without the files.

    Run it after upgrading diplo or editing a gazetteer in seeds/: documents extracted by
    another extractor version (or, with --all, every document) are re-extracted.
    """
    engine = state.engine()
    started = time.monotonic()
    with _progress(err.is_terminal) as (on_start, on_item):
        result = pipeline.reextract(
            engine, everything=everything, wait=wait, on_start=on_start, on_item=on_item
        )
    out.print(
        f"Run {result.run_id}: {result.counts.replaced} documents re-extracted "
        f"({time.monotonic() - started:.1f} s)"
    )


@app.command(
    epilog="Example: diplo load seeds/sample_articles && diplo evaluate --gold seeds/sample_gold"
)
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
    if schema.current_revision(engine) is None:
        raise ConfigError("the database has no schema yet: load the gold articles first")
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


# The filters `diplo events` and `diplo report` share, so both read them alike.
CountryOption = Annotated[
    str | None,
    typer.Option("--country", "-c", help="Taking part or hosting: ISO3, name or adjective."),
]
PersonOption = Annotated[
    str | None, typer.Option("--person", "-p", help="A participant's name or alias.")
]
TypeOption = Annotated[
    str | None, typer.Option("--type", "-t", help=f"One of: {', '.join(EVENT_TYPES)}.")
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", help="From this date; a year (2024) or month (2024-11) from its first day."
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", help="Up to this date; a year or month up to its last day, inclusive."),
]


def _event_filters(
    event_type: str | None, since: str | None, until: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The checked type and the first and last day the --since/--until periods cover."""
    if event_type and event_type not in EVENT_TYPES:
        raise ConfigError(
            f"unknown event type {event_type!r}; use one of: {', '.join(EVENT_TYPES)}"
        )
    first = reports.period(since)[0] if since else None
    last = reports.period(until)[1] if until else None
    if first and last and first > last:
        raise ConfigError("--since is after --until")
    return first, last


@app.command(
    epilog="Example: diplo events --country Kazakhstan --since 2024-01-01   |   "
    "diplo events --person Modi --type meeting"
)
@handles_errors
def events(
    country: CountryOption = None,
    person: PersonOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many events.")
    ] = 100,
) -> None:
    """Print a timeline of events, oldest first, filtered by country, person, type and dates."""
    first, last = _event_filters(event_type, since, until)
    engine = state.engine()
    if schema.current_revision(engine) is None:
        raise ConfigError("the database has no schema yet: run `diplo load PATH` first")
    iso3 = None
    if country:
        iso3 = reports.resolve_country(engine, country)
        if iso3 is None:
            raise ConfigError(f"unknown country {country!r}")
    rows = reports.event_timeline(
        engine,
        country=iso3,
        person=person,
        event_type=event_type,
        since=first,
        until=last,
        limit=limit,
    )
    if not rows:
        err.print("No events match.")
        return
    table = Table("date", "type", "event", "where", "who", "docs")
    for r in rows:
        who = ", ".join([*r.people, *r.countries])
        table.add_row(
            reports.format_date(r.start_date, r.date_precision),
            r.event_type,
            r.name,
            r.location or "",
            who,
            str(r.documents),
        )
    if out.is_terminal:
        out.print(table)
    else:
        for r in rows:
            who = ", ".join([*r.people, *r.countries])
            line = [
                reports.format_date(r.start_date, r.date_precision),
                r.event_type,
                r.name,
                r.location or "",
                who,
                str(r.documents),
            ]
            out.print("\t".join(line), markup=False)


@app.command(
    epilog="Example: diplo report --out report.html   |   "
    "diplo report --out china.html --country China --since 2024"
)
@handles_errors
def report(
    out_path: Annotated[
        Path, typer.Option("--out", "-o", dir_okay=False, help="The HTML file to write.")
    ],
    country: CountryOption = None,
    person: PersonOption = None,
    event_type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    network_people: Annotated[
        bool,
        typer.Option("--network-people", help="Draw people, not only countries, in the network."),
    ] = False,
) -> None:
    """Write a self-contained HTML report (charts and tables, no network needed to open it).

    Filters work as in `diplo events`: events match all of them; documents match the
    country, person and publication dates.
    """
    first, last = _event_filters(event_type, since, until)
    if not out_path.parent.is_dir():
        raise ConfigError(f"no such directory: {out_path.parent}")
    engine = state.engine()
    iso3 = None
    if country:
        if schema.current_revision(engine) is None:
            raise ConfigError("the database has no schema yet: run `diplo load PATH` first")
        iso3 = reports.resolve_country(engine, country)
        if iso3 is None:
            raise ConfigError(f"unknown country {country!r}")
    labels = {
        name: value
        for name, value in (
            ("country", f"{country} ({iso3})" if country else None),
            ("person", person),
            ("type", event_type),
            ("since", first.isoformat() if first else None),
            ("until", last.isoformat() if last else None),
        )
        if value
    }
    filters = ReportFilters(
        country=iso3,
        person=person,
        event_type=event_type,
        since=first,
        until=last,
    )
    result = html_report.build(
        engine,
        out_path,
        filters,
        filter_labels=labels,
        network_people=network_people,
        source=engine.url.database or "",
    )
    out.print(
        f"Wrote {result.path} ({result.size_bytes / 1e6:.1f} MB, {result.documents:,} documents, "
        f"{result.events:,} events, {result.charts} charts) in {result.seconds:.1f} s",
        markup=False,
    )


@app.command(epilog="Example: diplo status   |   diplo status --missing")
@handles_errors
def status(
    missing: Annotated[
        bool,
        typer.Option("--missing", help="List documents whose source file no longer exists."),
    ] = False,
) -> None:
    """Show the database in use, its schema revision, what it holds and the last run."""
    settings = state.settings()
    engine = state.engine()
    if missing:
        if schema.current_revision(engine) is None:
            raise ConfigError("the database has no schema yet: run `diplo load PATH` first")
        check = pipeline.check_sources(engine)
        for document_id, source in check.missing:
            out.print(f"{document_id}\t{one_line(short_path(source))}", markup=False)
        err.print(
            f"{len(check.missing)} documents whose source is missing"
            " (remove them with `diplo prune`)"
        )
        _warn_unknown(check.unknown)
        return
    where = "DATABASE_URL" if settings.database_url else f"embedded, {settings.home / 'pgdata'}"
    hidden = ", password not shown" if engine.url.password else ""
    out.print(f"Database   {display_url(engine.url)} ({where}{hidden})", markup=False)
    if settings.database_url is None and settings.embedded_port:
        tcp = embedded.tcp_url(settings.home, settings.embedded_port)
        out.print(
            f"TCP        {display_url(tcp)} (for BI tools; password in "
            f"{embedded.password_file(settings.home)})",
            markup=False,
        )
    current, head = schema.current_revision(engine), schema.head_revision()
    if current is None:
        out.print("Schema     empty: run `diplo load PATH` or `diplo db upgrade`")
        return
    out.print(f"Schema     {current}" + (" (head)" if current == head else f" (head is {head})"))
    for label, value in reports.counts(engine).items():
        out.print(f"{label:<10} {value}")
    last = reports.last_run_line(engine)
    if last:
        out.print(f"Last run   {last}")


@app.command(epilog="Example: diplo runs --limit 5   |   diplo runs --rejected")
@handles_errors
def runs(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs.")] = 10,
    rejected: Annotated[
        bool,
        typer.Option(
            "--rejected",
            help="List the rejected inputs of these runs and those later loads skip.",
        ),
    ] = False,
) -> None:
    """Show recent load runs: when, how long, status and counts (newest first)."""
    engine = state.engine()
    if schema.current_revision(engine) is None:
        raise ConfigError("the database has no schema yet: run `diplo load PATH` first")
    rows = reports.recent_runs(engine, limit)
    header = (
        "run",
        "started",
        "seconds",
        "status",
        "seen",
        "loaded",
        "replaced",
        "unchanged",
        "rejected",
        "error",
    )
    cells = [[str(v) if v is not None else "" for v in r] for r in rows]
    if out.is_terminal:
        # To the minute on screen (the seconds are in the piped output): it fits 80 columns.
        out.print(runs_table(header[:-1], [[r[0], r[1][:16], *r[2:-1]] for r in cells]))
        for row in cells:
            if row[-1]:
                out.print(f"run {row[0]} error: {one_line(row[-1])}", markup=False)
    else:
        # Piped or redirected: tab-separated, one run per line, for scripts and grep.
        for row in [list(header), *cells]:
            out.print("\t".join(row), markup=False)
    if rejected:
        listed = reports.rejections(engine, [r[0] for r in rows], EXTRACTOR_VERSION)
        for run_id, source, reason in listed:
            out.print(
                f"run {run_id}  {one_line(short_path(source))}: {one_line(reason)}", markup=False
            )


def runs_table(header: Sequence[str], cells: Sequence[Sequence[str]]) -> Table:
    """Runs for an 80-column terminal: one space between columns, whole header words (the
    start time wraps first), errors printed under the table rather than in a column."""
    table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, header_style="bold")
    for name in header:
        if name == "started":
            table.add_column(name, overflow="fold")
        else:
            numeric = name not in ("status",)
            table.add_column(
                name, no_wrap=True, min_width=len(name), justify="right" if numeric else "left"
            )
    for row in cells:
        table.add_row(*row)
    return table


@app.command(
    epilog="Example: diplo schedule --every 1h /data/articles   |   "
    'diplo schedule --cron "0 * * * *" /data/articles'
)
@handles_errors
def schedule(
    paths: Annotated[
        list[str], typer.Argument(help="What to load each time, as for `diplo load`.")
    ],
    every: Annotated[
        str | None, typer.Option("--every", help="Interval between runs: 30m, 1h, 1d ...")
    ] = None,
    cron: Annotated[
        str | None, typer.Option("--cron", help='A cron expression, e.g. "0 * * * *".')
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Extraction processes per run.")
    ] = None,
    max_runs: Annotated[
        int | None, typer.Option("--max-runs", min=1, help="Stop after this many runs.")
    ] = None,
) -> None:
    """Run `diplo load` on a schedule in the foreground, logging each run (Ctrl-C stops).

    For users without cron or systemd timers. A run that finds another load in progress is
    skipped and logged; the next one tries again.
    """
    interval = sched.parse_interval(every) if every else None
    settings = state.settings()
    engine = state.engine()

    def run_once() -> None:
        stamp = datetime.now().isoformat(timespec="seconds")
        options = pipeline.LoadOptions(max_bytes=settings.max_bytes, workers=workers)
        try:
            result = pipeline.load(engine, paths, options)
        except LoadLocked as exc:
            err.print(f"{stamp} skipped: {exc}", markup=False)
            return
        except RunFailed as exc:
            err.print(f"{stamp} failed: {exc}", markup=False)
            return
        c = result.counts
        out.print(
            f"{stamp} run {result.run_id} {result.status}: {c.files_seen} seen, {c.loaded} loaded, "
            f"{c.replaced} replaced, {c.unchanged} unchanged, {c.rejected} rejected",
            markup=False,
        )

    def on_wait(due: datetime) -> None:
        err.print(f"next run at {due.isoformat(timespec='seconds')}", markup=False)

    sched.run_forever(run_once, every=interval, cron=cron, max_runs=max_runs, on_wait=on_wait)


@app.command(
    "export",
    epilog="Example: diplo export --format parquet --out exports/   |   "
    "diplo export --format csv --out exports/ --table documents --table event_timeline",
)
@handles_errors
def export_cmd(
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, help="Directory to write to.")
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, parquet or jsonl.")] = "csv",
    tables: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help="A table or analytics view (repeatable; default: all)."),
    ] = None,
) -> None:
    """Write the tables and analytics views to files, one per table, for pandas, R or DuckDB."""
    if fmt not in exporting.FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of: {', '.join(exporting.FORMATS)}")
    engine = state.engine()
    if schema.current_revision(engine) is None:
        raise ConfigError("the database has no schema yet: run `diplo load PATH` first")
    for item in exporting.export(engine, out_dir, fmt, tables or []):  # type: ignore[arg-type]
        out.print(f"{item.relation}\t{item.rows} rows\t{item.path}", markup=False)


@app.command(epilog="Example: diplo prune --dry-run   then   diplo prune")
@handles_errors
def prune(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Only list what would be deleted.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If a load is running, wait for it instead of exiting.")
    ] = False,
) -> None:
    """Delete documents whose source file disappeared, with everything derived from them.

    Source paths are stored absolute, so it works from any directory; a document whose file
    cannot be judged (a relative path stored by an older diplo, an unreadable directory) is
    never deleted. Nothing is ever pruned by a load: only by this command.
    """
    engine = state.engine()
    if schema.current_revision(engine) is None:
        raise ConfigError("the database has no schema yet: nothing to prune")
    check = pipeline.check_sources(engine)
    gone = check.missing if dry_run else pipeline.prune(engine, wait=wait)
    for document_id, source in gone:
        out.print(
            f"{'would delete' if dry_run else 'deleted'} {document_id}\t"
            f"{one_line(short_path(source))}",
            markup=False,
        )
    out.print(f"{len(gone)} documents {'to prune' if dry_run else 'pruned'}")
    _warn_unknown(check.unknown)


def _warn_unknown(count: int) -> None:
    if count:
        err.print(
            f"{count} documents kept: their source cannot be judged from here (a relative path"
            " stored by an older diplo, or a file that cannot be looked at); load their files"
            " again to record absolute paths",
            markup=False,
        )


@db_app.command("upgrade", epilog="Example: diplo db upgrade   |   diplo db upgrade 0001")
@handles_errors
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Upgrade the schema to a revision (default: the latest) and load the reference data."""
    engine = state.engine()
    schema.upgrade(engine, revision)
    if schema.is_current(engine):
        with engine.begin() as conn:
            seeds.seed(conn)
    out.print(f"Schema at {schema.current_revision(engine)}")


@db_app.command("downgrade", epilog="Example: diplo db downgrade base   (drops every table)")
@handles_errors
def db_downgrade(
    revision: Annotated[
        str, typer.Argument(help="Target revision, or 'base' for an empty database.")
    ],
) -> None:
    """Downgrade the schema to a revision. Data in dropped tables is lost."""
    engine = state.engine()
    schema.downgrade(engine, revision)
    out.print(f"Schema at {schema.current_revision(engine) or 'base (empty)'}")


@db_app.command("current", epilog="Example: diplo db current")
@handles_errors
def db_current() -> None:
    """Print the schema revision of the database and the latest one diplo knows."""
    engine = state.engine()
    current, head = schema.current_revision(engine), schema.head_revision()
    out.print(f"current {current or 'base (empty)'}; head {head}")


@db_app.command("seed", epilog="Example: diplo db seed   (after editing seeds/countries.csv)")
@handles_errors
def db_seed() -> None:
    """Upsert the reference tables from seeds/ (countries, aliases) and check every other seed
    file the extractor reads; reruns write nothing."""
    engine = state.engine()
    if not schema.is_current(engine):
        schema.upgrade(engine)
    with engine.begin() as conn:
        changed = seeds.seed(conn)
    files = seeds.report(changed)
    for f in files:
        if f.table:
            out.print(f"{f.table}: {f.written} rows written ({f.rows} in seeds/{f.name})")
    read = ", ".join(f"{f.name} ({f.rows})" for f in files if not f.table)
    out.print(
        f"read by the extractor: {read}; after editing them run `diplo reextract --all`",
        markup=False,
    )


@db_app.command(
    "grant-readonly", epilog="Example: DIPLO_READONLY_PASSWORD=... diplo db grant-readonly metabase"
)
@handles_errors
def db_grant_readonly(
    role: Annotated[str, typer.Argument(help="Name of the role to create or update.")],
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            envvar="DIPLO_READONLY_PASSWORD",
            show_envvar=True,
            show_default=False,
            help="Login password for the role (better given through the environment).",
        ),
    ] = None,
    with_ops: Annotated[
        bool,
        typer.Option(
            "--with-ops", help="Also read the run log (schema ops); without it, ops is revoked."
        ),
    ] = False,
) -> None:
    """Create or update a login role that can read the public and analytics schemas and
    nothing else: for Metabase, Superset, Tableau or psql users."""
    settings = state.settings()
    # Only the embedded server without a TCP port is out of reach of the network.
    tcp = settings.database_url is not None or settings.embedded_port is not None
    engine = state.engine()
    if not schema.is_current(engine):
        schema.upgrade(engine)
    created = roles.grant_readonly(engine, role, password, require_password=tcp, with_ops=with_ops)
    schemas = ", ".join(roles.READ_SCHEMAS + ((roles.OPS_SCHEMA,) if with_ops else ()))
    out.print(f"Role {role} {'created' if created else 'updated'}: read-only on {schemas}")


@db_app.command("stop", epilog="Example: diplo db stop")
@handles_errors
def db_stop() -> None:
    """Stop the embedded PostgreSQL server (it keeps running between commands otherwise)."""
    settings = state.settings()
    if settings.database_url is not None:
        raise ConfigError("DATABASE_URL is set: diplo only stops its own embedded server")
    stopped = embedded.stop(settings.home)
    out.print("Embedded server stopped." if stopped else "Embedded server was not running.")


def main() -> None:
    app()
