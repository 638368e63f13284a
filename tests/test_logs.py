"""Library warnings go through logging: shown with -v, silent by default and under --quiet,
in worker processes too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from sqlalchemy.engine import URL

# A page whose date carries a time-zone name dateutil does not know (UnknownTimezoneWarning)
# and one with no text at all (trafilatura logs "discarding data: None").
TZ_PAGE = (
    "<html><head><title>Ministers meet in Geneva</title>"
    '<meta name="date" content="2025-02-20 10:00 EST"></head><body><article>'
    "<h1>Ministers meet in Geneva</h1><p>Ministers from Switzerland and Ghana met in Geneva on "
    "Thursday to discuss the financing of development goals, officials said after the meeting "
    "at the Palais des Nations.</p><p>The two countries agreed to work together on debt relief "
    "and climate finance, and to meet again next year in Accra to review their commitments.</p>"
    "</article></body></html>"
)
EMPTY_PAGE = "<html><head><title>Empty page</title></head><body><div></div></body></html>"
NOISE = ("discarding data", "UnknownTimezoneWarning")


def _load(
    url: URL, folder: Path, *options: str, verbose: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}
    command = [sys.executable, "-m", "etl", *(["-v"] if verbose else []), "load"]
    return subprocess.run(
        [*command, "--workers", "1", *options, str(folder)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("quiet", [True, False])
def test_library_warnings_only_with_verbose(db_url: URL, tmp_path: Path, quiet: bool) -> None:
    pytest.importorskip("trafilatura", reason="the HTML extractor is not importable here")
    (tmp_path / "tz.html").write_text(TZ_PAGE)
    (tmp_path / "empty.html").write_text(EMPTY_PAGE)
    first = _load(db_url, tmp_path, *(["--quiet"] if quiet else []))
    assert first.returncode == 1, first.stderr  # empty.html is rejected
    lines = first.stderr.strip().splitlines()
    assert lines == [f"rejected {tmp_path / 'empty.html'}: no article text found"], lines
    assert ("loaded" in first.stdout) is not quiet

    (tmp_path / "tz.html").write_text(TZ_PAGE.replace("Geneva on", "Geneva again on"))
    # --retry-rejected: otherwise the second run skips empty.html, rejected by the first.
    verbose = _load(db_url, tmp_path, "--retry-rejected", verbose=True)
    for noise in NOISE:
        assert noise in verbose.stderr, verbose.stderr  # the inputs do make the noise


def test_worker_processes_apply_the_same_levels() -> None:
    script = (
        "import functools, warnings\n"
        "from etl import logs\n"
        "from etl.load.executors import LocalProcesses\n"
        "logs.configure(logs.levels(quiet=True))\n"
        "pool = LocalProcesses(2)\n"
        "warn = functools.partial(warnings.warn, 'library noise', RuntimeWarning)\n"
        "list(pool.imap(warn, range(6)))\n"
        "pool.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "library noise" not in result.stderr, result.stderr
    loud = subprocess.run(
        [sys.executable, "-c", script.replace("quiet=True", "verbose=1")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "library noise" in loud.stderr, loud.stderr


def _stderr_at(verbose: int, lines: str) -> str:
    """What a process that configures logging at ``verbose`` and runs ``lines`` prints."""
    code = f"from etl import logs\nlogs.configure(logs.levels(verbose={verbose}))\n{lines}"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_warnings_are_routed_to_logging() -> None:
    lines = "import warnings\nwarnings.warn('routed', RuntimeWarning)\n"
    assert "WARNING py.warnings:" in _stderr_at(1, lines) and "routed" in _stderr_at(1, lines)
    assert _stderr_at(0, lines) == ""


@pytest.mark.parametrize(
    "lines",
    [
        # The pool logs an ERROR with a traceback when it cannot reset a connection the
        # server dropped.
        "import logging\n"
        "logging.getLogger('sqlalchemy.pool.impl.QueuePool').error('Exception during reset')\n",
        # psycopg warns as it abandons a pipeline on a dead connection, through a logger it
        # gives a level of its own.
        "import logging, psycopg\n"
        "logging.getLogger('psycopg').warning('Exception during reset: error ignored')\n",
    ],
)
def test_drivers_accounts_of_a_dead_connection_show_only_with_verbose(lines: str) -> None:
    # The run reports the outage in one line of its own.
    assert _stderr_at(0, lines) == ""
    assert "Exception during reset" in _stderr_at(1, lines)
