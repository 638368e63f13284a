"""The commands that change what the database holds: `load`, `reextract` (the stored
documents again, with the current extractor), `prune`, and `schedule` (`load` on a timer)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import typer

from etl import logs, pipeline
from etl.cli.shared import (
    EXIT_REJECTED,
    err,
    handles_errors,
    one_line,
    out,
    print_fields,
    require_schema,
    state,
    warn_unknown,
)
from etl.errors import LoadLocked, RunFailed
from etl.outputs import schedule as sched


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

    Creates the schema on first use. Exit codes: 0 every input loaded or was unchanged;
    1 some were newly rejected (reasons on stderr and in `diplo runs --rejected`); 2 a usage
    or configuration error, or the database cannot be reached; 3 the run stopped partway
    (the database went away; what was committed is whole, the next run completes it);
    75 another load is running (see --wait); 70 an internal error; 130 interrupted (Ctrl-C).
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


@handles_errors
def reextract(
    everything: Annotated[
        bool, typer.Option("--all", help="Every document, not only those of older extractors.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If a load is running, wait for it instead of exiting.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Extraction processes (default: one per core)."
        ),
    ] = None,
) -> None:
    """Rebuild the entities of stored documents with the current extractor, without the files.

    Run it after upgrading diplo or editing a gazetteer in seeds/: documents extracted by
    another extractor version (or, with --all, every document) are re-extracted.
    """
    engine = state.engine()
    started = time.monotonic()
    with _progress(err.is_terminal) as (on_start, on_item):
        result = pipeline.reextract(
            engine,
            everything=everything,
            wait=wait,
            workers=workers,
            on_start=on_start,
            on_item=on_item,
        )
    out.print(
        f"Run {result.run_id}: {result.counts.replaced} documents re-extracted "
        f"({time.monotonic() - started:.1f} s)"
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


@handles_errors
def prune(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Remove everything loaded from these files or directories (default: the"
            " documents whose source disappeared).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Only list what would be deleted.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="If a load is running, wait for it instead of exiting.")
    ] = False,
) -> None:
    """Delete documents whose source file disappeared, or every document loaded from PATH
    (the sample articles, a feed loaded by mistake), with everything derived from them.

    Source paths are stored absolute, so it works from any directory; without PATH, a
    document whose file cannot be judged (a relative path stored by an older diplo, an
    unreadable directory) is never deleted. Nothing is ever pruned by a load: only by this
    command.
    """
    engine = state.engine()
    require_schema(engine, "nothing to prune")
    unknown = 0
    if paths:
        gone = (
            pipeline.documents_from(engine, paths)
            if dry_run
            else pipeline.prune(engine, wait=wait, paths=paths)
        )
    else:
        check = pipeline.check_sources(engine, short=False)
        gone = check.missing if dry_run else pipeline.prune(engine, wait=wait)
        unknown = check.unknown
    for document_id, source in gone:
        print_fields(f"{'would delete' if dry_run else 'deleted'} {document_id}", one_line(source))
    out.print(f"{len(gone)} documents {'to prune' if dry_run else 'pruned'}")
    warn_unknown(unknown)
