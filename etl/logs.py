"""Where log records and library warnings go: one stderr stream, at levels the CLI chooses.

Libraries speak through both ``logging`` (trafilatura's "discarding data: None") and
``warnings`` (dateutil's UnknownTimezoneWarning). Warnings are routed into logging so that one
setting silences both: diplo's own messages show at WARNING, libraries' only with ``-v``, and
``--quiet`` leaves nothing but errors. Worker processes apply the same levels.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

FORMAT = "%(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True, slots=True)
class LogLevels:
    own: int  # the etl.* loggers
    libraries: int  # everything else, warnings included (logger "py.warnings")


def levels(verbose: int = 0, quiet: bool = False) -> LogLevels:
    if quiet:
        return LogLevels(logging.ERROR, logging.ERROR)
    if verbose <= 0:
        return LogLevels(logging.WARNING, logging.ERROR)
    if verbose == 1:
        return LogLevels(logging.INFO, logging.WARNING)
    return LogLevels(logging.DEBUG, logging.DEBUG)


def configure(chosen: LogLevels) -> None:
    """Apply ``chosen`` to this process (idempotent; later calls change the levels)."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(chosen.libraries)
    logging.getLogger("etl").setLevel(chosen.own)
    # psycopg gives its logger a level of its own (WARNING), so the root's does not reach it.
    logging.getLogger("psycopg").setLevel(chosen.libraries)
    # When the server goes away mid-statement, the pool logs a traceback as it fails to reset
    # the dead connection; the run itself reports the outage in one line, so the pool's
    # account is only for -v.
    pool = logging.getLogger("sqlalchemy.pool")
    pool.setLevel(logging.CRITICAL if chosen.libraries >= logging.ERROR else logging.NOTSET)


def current() -> LogLevels:
    """The levels in force here, to hand to worker processes."""
    return LogLevels(
        logging.getLogger("etl").getEffectiveLevel(), logging.getLogger().getEffectiveLevel()
    )
