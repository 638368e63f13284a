"""Cron hygiene: an input rejected once is remembered (by content hash, or by path and reason
when it was never read) and skipped quietly by later runs of the same extractor version, so a
scheduled run exits 0 when nothing new failed; `--retry-rejected` tries them again, and
`diplo runs --rejected` still lists them. A named path that does not exist is a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.cli import app

BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _load(url: URL, *args: str):  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    return CliRunner().invoke(app, ["load", "--workers", "1", *args], env=env)


def _runs(url: URL, *args: str):  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    return CliRunner().invoke(app, ["runs", *args], env=env)


def _rejected_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM ops.rejected_inputs")).scalar_one()


def test_a_file_broken_for_good_fails_one_run_not_every_run(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "image.txt").write_bytes(BINARY)
    first = _load(db_url, str(tmp_path))
    assert first.exit_code == 1 and "image.txt" in first.stderr

    second = _load(db_url, "--quiet", str(tmp_path))
    assert second.exit_code == 0, second.output
    assert second.stderr == "" and second.stdout == ""
    assert _rejected_rows(engine) == 1

    listed = _runs(db_url, "--limit", "1", "--rejected")  # only the second run is shown
    assert "image.txt" in listed.stdout and "binary" in listed.stdout

    retried = _load(db_url, "--retry-rejected", str(tmp_path))
    assert retried.exit_code == 1 and "image.txt" in retried.stderr
    assert _rejected_rows(engine) == 2


def test_a_repaired_file_loads(engine: Engine, db_url: URL, tmp_path: Path) -> None:
    broken = tmp_path / "a.txt"
    broken.write_bytes(BINARY)
    assert _load(db_url, str(tmp_path)).exit_code == 1
    broken.write_text(ARTICLE)
    result = pipeline.load(engine, [str(tmp_path)])
    assert (result.counts.loaded, result.counts.rejected) == (1, 0)


def test_an_unread_input_is_remembered_by_path_and_reason(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    (tmp_path / "big.txt").write_text(ARTICLE * 6000)  # about 3 MB
    assert _load(db_url, "--max-bytes", "1000000", str(tmp_path)).exit_code == 1
    assert _load(db_url, "--max-bytes", "1000000", str(tmp_path)).exit_code == 0
    # A different limit is a different reason: not the rejection that was seen.
    assert _load(db_url, "--max-bytes", "2000000", str(tmp_path)).exit_code == 1


def test_a_new_extractor_version_retries_what_an_older_one_rejected(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "image.txt").write_bytes(BINARY)
    assert pipeline.load(engine, [str(tmp_path)]).counts.rejected == 1
    assert pipeline.load(engine, [str(tmp_path)]).counts.known_rejects == 1
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "parse-1+facts-99")
    assert pipeline.load(engine, [str(tmp_path)]).counts.rejected == 1


def test_a_path_that_does_not_exist_is_a_usage_error(
    engine: Engine, db_url: URL, tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    result = _load(db_url, str(tmp_path), str(tmp_path / "nope.txt"))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file or directory" in lines[0] and "nope.txt" in lines[0]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 0


@pytest.mark.parametrize("kind", ["pattern", "pattern of other files", "empty directory"])
def test_an_argument_that_names_nothing_to_load_fails_every_run(
    db_url: URL, tmp_path: Path, kind: str
) -> None:
    """A glob that matches nothing (or an empty directory) is the state of the disk, not a
    broken input: a cron line whose pattern stopped matching must keep saying so."""
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "empty").mkdir()
    arg = {
        "pattern": str(tmp_path / "wires" / "*.html"),
        "pattern of other files": str(tmp_path / "*.csv"),
        "empty directory": str(tmp_path / "empty"),
    }[kind]
    for _ in range(3):
        result = _load(db_url, str(tmp_path / "good.txt"), arg)
        assert result.exit_code == 1, result.output
        assert arg in result.stderr and (
            "matched no" in result.stderr or "holds no" in result.stderr
        )
