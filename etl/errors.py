"""Domain errors. The CLI turns each into one stderr line and an exit code."""

from __future__ import annotations


class DiploError(Exception):
    """Base class for expected errors: shown without a traceback unless --debug."""

    exit_code = 2


class ConfigError(DiploError):
    """Bad options, settings or paths given by the user."""


class DatabaseUnavailable(DiploError):
    """The database could not be reached or started."""


class ExtractorUnavailable(DiploError):
    """A library the extraction needs cannot be loaded: the installation is broken, and
    loading on would store worse documents, so the run stops."""


class RejectedInput(DiploError):
    """One input cannot become a document. Recorded in rejected_inputs; the batch goes on."""

    exit_code = 1

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RunFailed(DiploError):
    """A run stopped partway (database lost, interrupted); what was committed stays whole."""

    exit_code = 3


class LoadLocked(DiploError):
    """Another load holds the database's load lock (use --wait to queue behind it)."""

    # EX_TEMPFAIL: cron wrappers and schedulers read it as "try again later".
    exit_code = 75
