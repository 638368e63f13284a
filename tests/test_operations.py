"""Running diplo unattended: one load at a time, kills that leave only whole documents,
incremental options, pruning on request, and the scheduler."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.cli import app
from etl.errors import ConfigError, LoadLocked
from etl.load.locks import load_lock
from etl.outputs import schedule


def _write_corpus(directory: Path, count: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"article_{i:03d}.txt").write_text(
            ARTICLE.replace("Tuesday", f"Tuesday, session {i},")
        )


def _env(url: URL) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url.render_as_string(hide_password=False)}


def test_a_second_load_does_not_run_while_one_holds_the_lock(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    _write_corpus(tmp_path, 1)
    with load_lock(engine):
        with pytest.raises(LoadLocked):
            pipeline.load(engine, [str(tmp_path)])
        result = CliRunner().invoke(
            app, ["load", str(tmp_path)], env={"DATABASE_URL": _env(db_url)["DATABASE_URL"]}
        )
        assert result.exit_code == 75
        assert "another diplo load is running" in result.stderr

        finished: list[int] = []

        def waiting_load() -> None:
            finished.append(pipeline.load(engine, [str(tmp_path)], wait=True).counts.loaded)

        waiter = threading.Thread(target=waiting_load)
        waiter.start()
        time.sleep(1.0)
        assert finished == []  # still queued behind the lock
    waiter.join(timeout=60)
    assert finished == [1]


def _table_dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    queries = {
        "documents": "SELECT source_path, content_sha256, title, published_on, body, word_count FROM documents ORDER BY 1",
        "sentences": "SELECT d.source_path, s.seq, s.char_start, s.char_end FROM document_sentences s JOIN documents d ON d.id = s.document_id ORDER BY 1, 2",
        "countries": "SELECT d.source_path, c.country_iso3, c.mentions FROM document_countries c JOIN documents d ON d.id = c.document_id ORDER BY 1, 2",
        "mentions": "SELECT d.source_path, m.entity_kind, m.char_start, m.char_end, m.surface FROM entity_mentions m JOIN documents d ON d.id = m.document_id ORDER BY 1, 3, 2",
        "events": "SELECT event_key, event_type, name, start_date, date_precision FROM events ORDER BY 1",
    }
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(q))] for name, q in queries.items()}


def test_sigkill_mid_load_leaves_whole_documents_and_a_rerun_converges(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 120)
    loader = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "--workers", "1", str(corpus)],
        env=_env(db_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    loaded = 0
    with engine.connect() as conn:
        while loaded < 5 and time.monotonic() < deadline and loader.poll() is None:
            loaded = (
                conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
                if _has_schema(conn)
                else 0
            )
            conn.commit()
            time.sleep(0.02)
    assert loader.poll() is None, "the load finished before it could be killed"
    loader.send_signal(signal.SIGKILL)
    loader.wait()

    with engine.connect() as conn:
        documents = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
        without_sentences = conn.execute(
            text(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                " (SELECT 1 FROM document_sentences s WHERE s.document_id = d.id)"
                " OR NOT EXISTS (SELECT 1 FROM document_countries c WHERE c.document_id = d.id)"
            )
        ).scalar_one()
    assert 5 <= documents < 120
    assert without_sentences == 0

    # `diplo runs` shows the killed run as failed at once (not running until the next load),
    # with the documents it committed counted.
    runs = CliRunner().invoke(app, ["runs"], env={"DATABASE_URL": _env(db_url)["DATABASE_URL"]})
    assert runs.exit_code == 0, runs.output
    header, killed = (line.split("\t") for line in runs.stdout.splitlines())
    killed_run = dict(zip(header, killed, strict=True))
    assert killed_run["status"] == "failed" and "did not finish" in killed_run["error"]
    assert int(killed_run["loaded"]) == documents, (killed_run, documents)

    rerun = pipeline.load(engine, [str(corpus)])
    assert rerun.counts.loaded == 120 - documents and rerun.counts.unchanged == documents
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM ops.etl_runs ORDER BY id")).scalars().all()
    assert statuses == ["failed", "succeeded"]  # the killed run is recorded as failed

    clean = _table_dump(engine)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE documents, events CASCADE"))
    pipeline.load(engine, [str(corpus)])
    assert _table_dump(engine) == clean


def _has_schema(conn) -> bool:  # type: ignore[no-untyped-def]
    return conn.execute(text("SELECT to_regclass('public.documents') IS NOT NULL")).scalar_one()


def test_since_skips_files_not_modified_since(engine: Engine, tmp_path: Path) -> None:
    _write_corpus(tmp_path, 3)
    old = time.time() - 86400 * 10
    for path in sorted(tmp_path.iterdir())[:2]:
        os.utime(path, (old, old))
    result = pipeline.load(engine, [str(tmp_path)], since=dt.datetime.now() - dt.timedelta(days=1))
    assert (result.counts.files_seen, result.counts.loaded) == (1, 1)


def test_missing_sources_are_listed_and_pruned_only_on_request(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    _write_corpus(tmp_path, 2)
    gone = tmp_path / "article_000.txt"
    gone.write_text(
        gone.read_text()
        + "\nIndonesian Foreign Minister Retno Marsudi said the talks were useful.\n"
    )
    pipeline.load(engine, [str(tmp_path)])
    with engine.connect() as conn:
        named = text("SELECT count(*) FROM participants WHERE name = 'Retno Marsudi'")
        assert conn.execute(named).scalar_one() == 1
    gone.unlink()
    again = pipeline.load(engine, [str(tmp_path)])
    assert again.counts.unchanged == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 2

    env = {"DATABASE_URL": _env(db_url)["DATABASE_URL"]}
    listed = CliRunner().invoke(app, ["status", "--missing"], env=env)
    assert listed.exit_code == 0 and str(gone) in listed.stdout
    dry = CliRunner().invoke(app, ["prune", "--dry-run"], env=env)
    assert "would delete" in dry.stdout
    pruned = CliRunner().invoke(app, ["prune"], env=env)
    assert pruned.exit_code == 0 and "1 documents pruned" in pruned.stdout
    with engine.connect() as conn:
        remaining = conn.execute(text("SELECT source_path FROM documents")).scalars().all()
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_reports r WHERE r.event_id = e.id)"
            )
        ).scalar_one()
        # People only the pruned document named are gone too.
        orphans += conn.execute(
            text(
                "SELECT count(*) FROM participants p WHERE NOT EXISTS"
                " (SELECT 1 FROM document_participants d WHERE d.participant_id = p.id)"
                " AND NOT EXISTS (SELECT 1 FROM event_participants e WHERE e.participant_id = p.id)"
            )
        ).scalar_one()
    assert remaining == [str(tmp_path / "article_001.txt")]
    assert orphans == 0
    with engine.connect() as conn:
        assert conn.execute(named).scalar_one() == 0


def test_schedule_runs_on_interval_without_overlap() -> None:
    clock = [dt.datetime(2025, 1, 1, 12, 0, 0)]
    runs: list[dt.datetime] = []

    def run_once() -> None:
        runs.append(clock[0])
        clock[0] += dt.timedelta(minutes=10)  # each run takes ten minutes

    def sleep(seconds: float) -> None:
        clock[0] += dt.timedelta(seconds=seconds)

    count = schedule.run_forever(
        run_once, every=schedule.parse_interval("1h"), max_runs=3, now=lambda: clock[0], sleep=sleep
    )
    assert count == 3
    assert runs == [dt.datetime(2025, 1, 1, h, 0, 0) for h in (12, 13, 14)]


def test_schedule_cron_waits_for_the_first_cron_time() -> None:
    clock = [dt.datetime(2025, 1, 1, 12, 15, 0)]
    runs: list[dt.datetime] = []
    waits: list[dt.datetime] = []

    def run_once() -> None:
        runs.append(clock[0])
        clock[0] += dt.timedelta(minutes=5)

    def sleep(seconds: float) -> None:
        clock[0] += dt.timedelta(seconds=seconds)

    count = schedule.run_forever(
        run_once,
        cron="0 * * * *",
        max_runs=2,
        now=lambda: clock[0],
        sleep=sleep,
        on_wait=waits.append,
    )
    assert count == 2
    assert runs == [dt.datetime(2025, 1, 1, 13, 0), dt.datetime(2025, 1, 1, 14, 0)]
    assert waits == runs  # "next run at ..." is announced before the first run too


def test_schedule_cron_and_interval_parsing() -> None:
    assert schedule.parse_interval("1h30m") == dt.timedelta(minutes=90)
    assert schedule.next_run(
        dt.datetime(2025, 1, 1, 12, 15), every=None, cron="0 * * * *"
    ) == dt.datetime(2025, 1, 1, 13, 0)
    with pytest.raises(ConfigError):
        schedule.parse_interval("soon")
    with pytest.raises(ConfigError):
        schedule.run_forever(lambda: None, cron="not a cron", max_runs=1)


def test_schedule_command_logs_each_run(db_url: URL, tmp_path: Path) -> None:
    _write_corpus(tmp_path, 1)
    result = CliRunner().invoke(
        app,
        ["schedule", "--every", "1s", "--max-runs", "2", str(tmp_path)],
        env={"DATABASE_URL": _env(db_url)["DATABASE_URL"]},
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if " run " in line]
    assert len(lines) == 2
    assert "1 loaded" in lines[0] and "1 unchanged" in lines[1]
