"""What every command shares: the global options' state, the two consoles, the error handling
that turns a domain error into one ``Error:`` line and an exit code, and the filters that
`diplo events` and `diplo report` both take."""

from __future__ import annotations

import datetime as dt
import functools
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from sqlalchemy import Engine

from etl.errors import ConfigError, DiploError
from etl.facts import EVENT_TYPES
from etl.load import schema
from etl.load.database import make_engine, resolve_url
from etl.outputs import reports
from etl.settings import Settings

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_RUN_FAILED, EXIT_INTERNAL = 0, 1, 2, 3, 70
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

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


def print_fields(*fields: str) -> None:
    """One tab-separated line on stdout, for scripts: the tabs kept (rich's print expands
    them to spaces, which a `cut -f` or a split on tabs cannot read)."""
    out.file.write("\t".join(fields) + "\n")


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


def warn_unknown(count: int) -> None:
    if count:
        err.print(
            f"{count} documents kept: their source cannot be judged from here (a relative path"
            " stored by an older diplo, or a file that cannot be looked at); load their files"
            " again to record absolute paths",
            markup=False,
        )


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


def event_filters(
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


def require_schema(engine: Engine, hint: str = "run `diplo load PATH` first") -> None:
    """A usage error, not a database error, when the database was never loaded."""
    if schema.current_revision(engine) is None:
        raise ConfigError(f"the database has no schema yet: {hint}")


def country_filter(engine: Engine, country: str | None) -> str | None:
    """The ISO3 code a --country option names (ISO3, name or adjective); None without one.
    The schema is required either way: the filters read stored rows."""
    require_schema(engine)
    if not country:
        return None
    iso3 = reports.resolve_country(engine, country)
    if iso3 is None:
        raise ConfigError(f"unknown country {country!r}")
    return iso3
