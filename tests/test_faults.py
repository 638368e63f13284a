"""Faults during a load: the database goes away mid-run, the loader is SIGKILLed at random
points. Whatever was committed must be whole documents, and the next run must converge to
exactly what a clean load of the same corpus gives (compared by content, not ids).

The clean reference load and the corpus (60 synthetic articles from bench/synth.py) are
built once per module; each scenario gets its own database from the migrated template.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from conftest import REPO, create_database, drop_database
from dumps import PER_DOCUMENT, Dump, dump, for_documents, integrity_problems
from psycopg import sql
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl import pipeline
from etl.errors import RunFailed

ARTICLES = 60
BATCH = pipeline.BATCH_SIZE


def _code_fingerprint() -> str:
    """A digest of the extractor's code and seeds as they are on disk now."""
    digest = hashlib.sha256()
    for path in sorted([*(REPO / "etl").rglob("*.py"), *(REPO / "seeds").glob("*.csv")]):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# The reference and interrupted loads run in fresh subprocesses, which read the code on disk;
# the rerun runs in this process, on the code imported when the suite started. If the checkout
# moves in between (a branch landed into it), the two sides extract with different code and the
# tables differ for that reason alone.
_CODE_AT_IMPORT = _code_fingerprint()


def _assert_code_unchanged() -> None:
    if _code_fingerprint() != _CODE_AT_IMPORT:
        pytest.fail(
            "etl/ or seeds/ changed on disk during the test run: subprocess loads and this "
            "process ran different code, so their databases cannot be compared"
        )


def _synth() -> object:
    spec = importlib.util.spec_from_file_location("bench_synth", REPO / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("faults") / "corpus"
    _synth().write_corpus(directory, ARTICLES, seed=11)  # type: ignore[attr-defined]
    return directory


@pytest.fixture(scope="module")
def clean_loader(
    server_url: URL, template_name: str, corpus: Path
) -> Iterator[tuple[URL, subprocess.Popen[str]]]:
    """The reference: the corpus loaded in one uninterrupted run. It runs in the background
    (a subprocess, on the other core) while the first scenario runs; ``clean`` waits for it."""
    name = f"diplo_faults_clean_{os.getpid()}"
    url = create_database(server_url, name, template=template_name)
    loader = _start_load(url, corpus)
    try:
        yield url, loader
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
        drop_database(server_url, name)


@pytest.fixture(scope="module")
def clean(clean_loader: tuple[URL, subprocess.Popen[str]]) -> Dump:
    url, loader = clean_loader
    _, stderr = loader.communicate(timeout=300)
    assert loader.returncode == 0, stderr
    engine = create_engine(url, poolclass=NullPool)
    try:
        assert _documents(engine) == ARTICLES
        return dump(engine)
    finally:
        engine.dispose()


def _admin(url: URL) -> psycopg.Connection:
    admin = url.set(drivername="postgresql", database="postgres")
    return psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True)


def _start_load(url: URL, corpus: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "--workers", "1", "--quiet", str(corpus)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _documents(engine: Engine) -> int:
    with engine.connect() as conn:
        if not conn.execute(text("SELECT to_regclass('public.documents') IS NOT NULL")).scalar():
            return 0
        return conn.execute(text("SELECT count(*) FROM documents")).scalar_one()


def _wait_for_documents(engine: Engine, loader: subprocess.Popen[str], count: int) -> None:
    deadline = time.monotonic() + 120
    while _documents(engine) < count:
        assert loader.poll() is None, "the load ended before it could be interrupted"
        assert time.monotonic() < deadline, "no documents appeared"
        time.sleep(0.05)


def _sources(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT source_path FROM documents")).scalars())


def _assert_whole_documents(engine: Engine, clean: Dump) -> set[str]:
    """Every stored document is whole: it and everything derived from it equal the clean
    load's rows for the same source (so no document lacks sentences or entity rows)."""
    present = _sources(engine)
    assert all(v == 0 for v in integrity_problems(engine).values()), integrity_problems(engine)
    got = dump(engine, PER_DOCUMENT)
    assert got == for_documents(clean, present)
    return present


@dataclass
class Outage:
    """What happened when the database went away under a running load."""

    returncode: int
    stderr: str
    documents_before_rerun: int
    statuses_after_rerun: list[tuple[str, str | None]]
    runs_before_rerun: list[dict[str, str]]  # `diplo runs`, piped, once the database is back
    rerun_loaded: int
    rerun_unchanged: int
    problems: dict[str, int]
    after_outage: Dump  # the per-document tables as the outage left them
    final: Dump


@pytest.fixture(scope="module")
def outage(
    server_url: URL,
    template_name: str,
    corpus: Path,
    clean_loader: tuple[URL, subprocess.Popen[str]],
) -> Iterator[Outage]:
    """Run a load, let some documents commit, then take the database away: refuse new
    connections and terminate every backend of the load (from a separate admin connection).
    Then bring it back and rerun."""
    name = f"diplo_faults_outage_{os.getpid()}"
    url = create_database(server_url, name, template=template_name)
    engine = create_engine(url, poolclass=NullPool)
    loader = _start_load(url, corpus)
    try:
        _wait_for_documents(engine, loader, 5)
        with _admin(url) as admin:
            admin.execute(
                sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
            )
            try:
                terminated = admin.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                    " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    (name,),
                ).fetchone()
                assert terminated and terminated[0] >= 1
                _, stderr = loader.communicate(timeout=60)
            finally:
                admin.execute(
                    sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name))
                )
        before = _documents(engine)
        runs_before_rerun = _runs(url)
        problems = integrity_problems(engine)
        after_outage = dump(engine, PER_DOCUMENT)
        rerun = pipeline.load(engine, [str(corpus)])
        with engine.connect() as conn:
            statuses = [
                (s, e)
                for s, e in conn.execute(text("SELECT status, error FROM ops.etl_runs ORDER BY id"))
            ]
        yield Outage(
            returncode=loader.returncode,
            stderr=stderr,
            documents_before_rerun=before,
            statuses_after_rerun=statuses,
            runs_before_rerun=runs_before_rerun,
            rerun_loaded=rerun.counts.loaded,
            rerun_unchanged=rerun.counts.unchanged,
            problems=problems,
            after_outage=after_outage,
            final=dump(engine),
        )
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
        engine.dispose()
        drop_database(server_url, name)


def test_after_the_database_goes_away_the_next_run_completes_exactly(
    outage: Outage, clean: Dump
) -> None:
    assert outage.returncode != 0
    assert 5 <= outage.documents_before_rerun < ARTICLES
    assert all(v == 0 for v in outage.problems.values()), outage.problems
    # Only whole documents were committed: each equals the clean load's, derived rows and all.
    present = {row[0] for row in outage.after_outage["documents"]}
    assert len(present) == outage.documents_before_rerun
    assert outage.after_outage == for_documents(clean, present)
    assert outage.rerun_unchanged == outage.documents_before_rerun
    assert outage.rerun_loaded == ARTICLES - outage.documents_before_rerun
    # The interrupted run could not be recorded while the database was away; the next run
    # marks it failed, and itself succeeds.
    (first_status, first_error), (second_status, _) = outage.statuses_after_rerun
    assert first_status == "failed" and first_error
    assert second_status == "succeeded"
    _assert_code_unchanged()
    assert outage.final == clean


def test_the_cut_off_run_shows_failed_with_what_it_committed(outage: Outage) -> None:
    """It could not record its end while the database was away: once it is back, `diplo
    runs` says it failed (not running) and counts the documents it committed."""
    (run,) = outage.runs_before_rerun
    assert run["status"] == "failed", run
    assert int(run["loaded"]) == outage.documents_before_rerun, run


def _runs(url: URL) -> list[dict[str, str]]:
    from typer.testing import CliRunner

    from etl.cli import app

    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    result = CliRunner().invoke(app, ["runs"], env=env)
    assert result.exit_code == 0, result.output
    header, *rows = (line.split("\t") for line in result.stdout.splitlines())
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_interrupted_run_exits_3_with_one_line_on_stderr(outage: Outage) -> None:
    lines = outage.stderr.strip().splitlines()
    assert "Traceback" not in outage.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: load stopped, database error:"), lines
    assert outage.returncode == RunFailed.exit_code


def test_losing_the_lock_connection_mid_run_does_not_end_in_a_raw_database_error(
    engine: Engine, db_url: URL, corpus: Path
) -> None:
    """The database is back at once (plain pg_terminate_backend of every backend): the load
    may finish or stop with RunFailed, but must not end in an unexpected error."""
    small = sorted(corpus.iterdir())[:3]
    terminated: list[int] = []

    def on_item(source: str, outcome: str) -> None:
        if terminated:
            return
        with _admin(db_url) as admin:
            terminated.append(
                admin.execute(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                    " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    (db_url.database,),
                ).fetchone()[0]  # type: ignore[index]
            )

    try:
        result = pipeline.load(engine, [str(p) for p in small], on_item=on_item)
    except RunFailed:
        return
    assert terminated and terminated[0] >= 1
    assert result.counts.loaded == 3


def test_sigkill_at_random_points_leaves_whole_documents_and_a_rerun_converges(
    engine: Engine, db_url: URL, corpus: Path, clean: Dump
) -> None:
    rng = random.Random(20240303)
    kills: list[tuple[float, int]] = []
    for _ in range(3):
        loader = _start_load(db_url, corpus)
        # Start-up (imports, model) takes a few seconds: some kills land before the first
        # document, some in the middle of the stream.
        delay = rng.uniform(1.5, 5.0)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and loader.poll() is None:
            time.sleep(0.02)
        assert loader.poll() is None, "the load finished before it could be killed"
        loader.send_signal(signal.SIGKILL)
        loader.communicate()
        present = _assert_whole_documents(engine, clean)
        kills.append((round(delay, 2), len(present)))
    assert kills[-1][1] < ARTICLES, kills

    rerun = pipeline.load(engine, [str(corpus)])
    assert rerun.counts.loaded + rerun.counts.unchanged == ARTICLES
    assert rerun.counts.unchanged == kills[-1][1]
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM ops.etl_runs ORDER BY id")).scalars().all()
    assert statuses[-1] == "succeeded" and set(statuses[:-1]) <= {"failed"}
    _assert_code_unchanged()
    assert dump(engine) == clean, kills


def _terminate_lock_holder(url: URL) -> int:
    with _admin(url) as admin:
        row = admin.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid)) FROM pg_locks l"
            " JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = %s",
            (url.database,),
        ).fetchone()
    return row[0]  # type: ignore[index]


def test_a_lost_lock_connection_stops_the_run_as_a_database_error(
    engine: Engine, db_url: URL, corpus: Path
) -> None:
    """Deterministic: only the connection holding the load lock dies, after the first
    document. The next lock check must end the run with RunFailed (exit 3 at the CLI), and
    releasing the dead lock must not turn that into PendingRollbackError (exit 70)."""
    small = sorted(corpus.iterdir())[: BATCH + 1]
    killed: list[int] = []

    def on_item(source: str, outcome: str) -> None:
        if not killed:
            killed.append(_terminate_lock_holder(db_url))

    with pytest.raises(RunFailed, match=r"^load stopped, database error: .*load lock"):
        pipeline.load(engine, [str(p) for p in small], on_item=on_item)
    assert killed == [1]
    with engine.connect() as conn:
        status, error = conn.execute(
            text("SELECT status, error FROM ops.etl_runs ORDER BY id DESC LIMIT 1")
        ).one()
    assert status == "failed" and "load lock" in error
