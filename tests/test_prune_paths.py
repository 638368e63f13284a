"""`diplo prune PATH`: everything loaded from a path goes (the sample articles of the quick
start, a feed loaded by mistake), whether or not its files are still there, and the database
is then what it would be had that path never been loaded."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from articles import ARTICLE
from conftest import REPO
from dumps import dump, integrity_problems
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.cli import app

SAMPLES = REPO / "seeds" / "sample_articles"


def _cli(url: URL, *args: str):  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    return CliRunner().invoke(app, list(args), env=env)


def _sources(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT source_path FROM documents ORDER BY 1")).scalars())


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own corpus, and a copy of the samples beside it (a relative path away)."""
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "jakarta.txt").write_text(ARTICLE)
    shutil.copytree(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    return corpus


def test_prune_path_removes_the_samples_and_everything_they_brought(
    engine: Engine, db_url: URL, mine: Path, tmp_path: Path
) -> None:
    pipeline.load(engine, [str(mine)])
    alone = dump(engine)
    pipeline.load(engine, ["samples"])
    assert len(_sources(engine)) > 1 + 4

    dry = _cli(db_url, "prune", "--dry-run", "samples")
    assert dry.exit_code == 0, dry.output
    listed = [ln.split()[-1] for ln in dry.stdout.splitlines() if ln.startswith("would delete")]
    assert listed and all(s.startswith(str(tmp_path / "samples") + "/") for s in listed), listed
    assert len(_sources(engine)) == 1 + len(listed)  # nothing deleted yet

    # Trailing slash and from another directory: the same stored paths.
    pruned = _cli(db_url, "prune", str(tmp_path / "samples") + "/")
    assert pruned.exit_code == 0, pruned.output
    assert f"{len(listed)} documents pruned" in pruned.stdout
    assert _sources(engine) == [str(mine / "jakarta.txt")]
    assert all(v == 0 for v in integrity_problems(engine).values())
    # As if the samples had never been loaded: their events, people and countries are gone.
    assert dump(engine) == alone

    again = _cli(db_url, "prune", "samples")
    assert again.exit_code == 0 and "0 documents pruned" in again.stdout


def test_prune_path_takes_one_file_present_or_gone_and_no_neighbour(
    engine: Engine, db_url: URL, mine: Path
) -> None:
    feed = mine / "feed.jsonl"
    records = [
        {"id": n, "title": f"Talks {n}", "text": ARTICLE.replace("Jakarta", city)}
        for n, city in enumerate(["Surabaya", "Medan"])
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    (mine / "notes").mkdir()
    (mine / "notes" / "a.txt").write_text(ARTICLE.replace("Jakarta", "Bandung"))
    (mine / "notes.txt").write_text(ARTICLE.replace("Jakarta", "Bogor"))  # a neighbour
    pipeline.load(engine, [str(mine)])
    assert len(_sources(engine)) == 5
    feed.unlink()  # loaded by mistake, and already deleted from disk

    pruned = _cli(db_url, "prune", "mine/feed.jsonl")
    assert pruned.exit_code == 0 and "2 documents pruned" in pruned.stdout, pruned.output
    assert f"{feed}#id=0" in pruned.stdout
    assert len(_sources(engine)) == 3
    pruned = _cli(db_url, "prune", "mine/notes")
    assert pruned.exit_code == 0 and "1 documents pruned" in pruned.stdout, pruned.output
    assert _sources(engine) == [str(mine / "jakarta.txt"), str(mine / "notes.txt")]


def test_prune_of_standard_input_is_a_usage_error(db_url: URL) -> None:
    result = _cli(db_url, "prune", "-")
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_the_quick_start_says_how_to_remove_the_samples_and_that_command_works(
    engine: Engine, db_url: URL, mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text()
    quick_start = readme[
        readme.index("## Quick start") : readme.index("\n## ", readme.index("## Quick start") + 1)
    ]
    commands = re.findall(r"`(diplo prune [^`]+)`", quick_start)
    assert commands, "the quick start does not say how to remove the samples"
    monkeypatch.chdir(REPO)  # where the quick start runs
    pipeline.load(engine, [str(mine), "seeds/sample_articles"])
    result = _cli(db_url, *commands[0].split()[1:])
    assert result.exit_code == 0, result.output
    assert _sources(engine) == [str(mine / "jakarta.txt")]
