"""The commands that look at what is stored: `status`, `runs`, `events` and `statements`."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.table import Table

from etl import pipeline
from etl.cli.shared import (
    CountryOption,
    PersonOption,
    SinceOption,
    TypeOption,
    UntilOption,
    country_filter,
    err,
    event_filters,
    handles_errors,
    one_line,
    out,
    print_fields,
    require_schema,
    state,
    warn_unknown,
)
from etl.errors import ConfigError
from etl.extract.extractor import EXTRACTOR_VERSION
from etl.ingest.sources import short_path
from etl.load import embedded, schema
from etl.load.runs import reap_dead_runs
from etl.outputs import reports
from etl.outputs import statements as said
from etl.settings import display_url


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
        require_schema(engine)
        check = pipeline.check_sources(engine)
        for document_id, source in check.missing:
            print_fields(str(document_id), one_line(source))
        err.print(
            f"{len(check.missing)} documents whose source is missing"
            " (remove them with `diplo prune`)"
        )
        warn_unknown(check.unknown)
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
    reap_dead_runs(engine)
    last = reports.last_run_line(engine)
    if last:
        out.print(f"Last run   {last}")


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
    require_schema(engine)
    reap_dead_runs(engine)  # a killed run shows as failed at once, not at the next load
    rows = reports.recent_runs(engine, limit)
    cells = [_run_cells(r) for r in rows]
    if out.is_terminal:
        # To the minute on screen (the seconds are in the piped output), without the command
        # and the re-extracted count (said under the table): it fits 80 columns.
        shown = [i for i, name in enumerate(RUN_COLUMNS) if name in TERMINAL_COLUMNS]
        table_cells = [[row[i] for i in shown] for row in cells]
        for row in table_cells:
            row[1] = row[1][:16]
        out.print(runs_table(TERMINAL_COLUMNS, table_cells))
        for row in cells:
            run_id, command, reextracted, error = row[0], row[1], row[-2], row[-1]
            if command != "load":
                out.print(f"run {run_id} {command}: {reextracted} documents re-extracted")
            if error:
                out.print(f"run {run_id} error: {one_line(error)}", markup=False)
    else:
        # Piped or redirected: tab-separated, one run per line, for scripts and grep.
        for row in [list(RUN_COLUMNS), *cells]:
            print_fields(*row)
    if rejected:
        listed = reports.rejections(engine, [r[0] for r in rows], EXTRACTOR_VERSION)
        for run_id, source, reason in listed:
            out.print(
                f"run {run_id}  {one_line(short_path(source))}: {one_line(reason)}", markup=False
            )


RUN_COLUMNS = (
    "run",
    "command",
    "started",
    "seconds",
    "status",
    "seen",
    "loaded",
    "replaced",
    "unchanged",
    "rejected",
    "reextracted",
    "error",
)
TERMINAL_COLUMNS = (
    "run",
    "started",
    "seconds",
    "status",
    "seen",
    "loaded",
    "replaced",
    "unchanged",
    "rejected",
)


def _run_cells(row: Sequence[object]) -> list[str]:
    """A run's cells, as ``RUN_COLUMNS``. A reextract reads stored documents and loads,
    replaces or skips none: its documents are re-extracted, never shown as "replaced"."""
    run_id, started, seconds, status, seen, loaded, replaced, unchanged, rejected = row[:9]
    error, command = row[9], row[10]
    counts: list[object] = [seen, loaded, replaced, unchanged, rejected, None]
    if command != "load":
        counts = [seen, None, None, None, None, replaced]
    values = [run_id, command, started, seconds, status, *counts, error]
    return [str(v) if v is not None else "" for v in values]


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
    first, last = event_filters(event_type, since, until)
    engine = state.engine()
    iso3 = country_filter(engine, country)
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
            print_fields(*line)


MODES = ("direct", "reported")


@handles_errors
def statements(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", "-s", help="The speaker: a name or alias, or a state."),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", "-c", help="The speaker's state (ISO3, name or adjective)."),
    ] = None,
    about: Annotated[
        str | None,
        typer.Option("--about", "-a", help="A country or initiative the content names."),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-q", help="Words of the content (full text, best first)."),
    ] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="direct or reported.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="At most this many statements.")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Print what speakers said: date, speaker, content and source, newest first (best match
    first with --search). A statement without a date of its own goes by its document's."""
    if mode and mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; use direct or reported")
    first, last = event_filters(None, since, until)
    engine = state.engine()
    iso3 = country_filter(engine, country)
    rows = said.list_statements(
        engine,
        speaker=speaker,
        country=iso3,
        about=about,
        search=search,
        mode=mode,
        since=first,
        until=last,
        limit=limit,
    )
    if as_json:
        for r in rows:
            out.print(json.dumps(r.as_json(), ensure_ascii=False), markup=False, soft_wrap=True)
        return
    if not rows:
        err.print("No statements match.")
        return
    width = max(40, min(out.width, 100) - 4)
    for r in rows:
        speaker_line = r.speaker + (
            f" ({r.speaker_state})" if r.speaker_state and r.speaker_kind != "country" else ""
        )
        out.print(
            f"{reports.format_date(r.stated_on, r.stated_precision)}  {speaker_line}  [{r.mode}, {r.cue}]",
            markup=False,
        )
        for line in textwrap.wrap(one_line(r.content), width):
            out.print(f"    {line}", markup=False)
        source = r.url or short_path(r.source)
        title = f"{one_line(r.title)} — " if r.title else ""
        out.print(f"    {title}{one_line(source)}", markup=False, style="dim")
        out.print("")
