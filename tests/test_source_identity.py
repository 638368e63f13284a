"""A document and its file: paths stored absolute (so prune judges them from any directory),
never pruned when its file cannot be judged, kept (same id) when its file moves, kept by the
original when the file is copied, and re-read from the file by `load --force` or when the
parser that made it is older than the current one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from typer.testing import CliRunner

from etl import pipeline
from etl.cli import app
from etl.ingest.parse import PARSER_VERSION

OTHER = ARTICLE.replace("Jakarta", "Surabaya").replace("Tuesday", "Wednesday")


def _cli(url: URL, *args: str):  # type: ignore[no-untyped-def]
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    return CliRunner().invoke(app, list(args), env=env)


def _documents(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT id, source_path FROM documents ORDER BY id")).all())


def _row(engine: Engine, document_id: int) -> dict[str, object]:
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT title, body, parser_version,"
                " (SELECT count(*) FROM document_sentences s WHERE s.document_id = d.id) AS sentences,"
                " (SELECT count(*) FROM entity_mentions m WHERE m.document_id = d.id) AS mentions"
                " FROM documents d WHERE id = :i"
            ),
            {"i": document_id},
        ).one()
    return dict(row._mapping)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two articles in tmp/work/corpus; the current directory is tmp/work."""
    work = tmp_path / "work"
    (work / "corpus").mkdir(parents=True)
    (work / "corpus" / "a.txt").write_text(ARTICLE)
    (work / "corpus" / "b.txt").write_text(OTHER)
    monkeypatch.chdir(work)
    return work / "corpus"


def test_paths_are_stored_absolute_and_prune_works_from_any_directory(
    engine: Engine, db_url: URL, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.load(engine, ["corpus"])  # relative, as a user types it
    assert sorted(_documents(engine).values()) == [str(corpus / "a.txt"), str(corpus / "b.txt")]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    dry = _cli(db_url, "prune", "--dry-run")
    assert dry.exit_code == 0 and "0 documents to prune" in dry.stdout, dry.output

    (corpus / "a.txt").unlink()
    pruned = _cli(db_url, "prune")
    assert pruned.exit_code == 0 and "1 documents pruned" in pruned.stdout, pruned.output
    assert list(_documents(engine).values()) == [str(corpus / "b.txt")]


def test_paths_are_shown_short_below_the_current_directory(
    engine: Engine, db_url: URL, corpus: Path
) -> None:
    pipeline.load(engine, [str(corpus)])
    (corpus / "a.txt").unlink()
    listed = _cli(db_url, "status", "--missing")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.split()[1] == os.path.join("corpus", "a.txt")


def test_prune_prints_absolute_paths_from_any_directory(
    engine: Engine, db_url: URL, corpus: Path
) -> None:
    """What prune deletes (or would) is named absolute, also from the directory above the
    files: a list to act on or to keep must not depend on where it was made."""
    pipeline.load(engine, [str(corpus)])
    (corpus / "a.txt").unlink()
    for args in (("prune", "--dry-run"), ("prune",)):
        result = _cli(db_url, *args)
        assert result.exit_code == 0, result.output
        listed = [
            line.split()[-1]
            for line in result.stdout.splitlines()
            if line.startswith(("would delete", "deleted"))
        ]
        assert listed == [str(corpus / "a.txt")], result.stdout


def test_documents_whose_file_cannot_be_judged_are_never_pruned(
    engine: Engine, db_url: URL, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline.load(engine, [str(corpus)])
    # As an older diplo stored them: relative to a directory nobody remembers.
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE documents SET source_path = 'corpus/' || split_part(source_path, '/corpus/', 2)"
            )
        )
    ids = _documents(engine)
    monkeypatch.chdir(tmp_path)  # no corpus/ here
    assert pipeline.missing_documents(engine) == []
    pruned = _cli(db_url, "prune")
    assert pruned.exit_code == 0 and "0 documents pruned" in pruned.stdout
    assert "2 documents kept" in pruned.stderr
    assert _documents(engine) == ids

    # Loading the files again records their absolute paths, on the same documents.
    result = pipeline.load(engine, [str(corpus)])
    assert (result.counts.loaded, result.counts.unchanged) == (0, 2)
    assert _documents(engine) == {i: str(corpus / Path(p).name) for i, p in ids.items()}


def test_a_moved_file_keeps_its_document(engine: Engine, db_url: URL, corpus: Path) -> None:
    pipeline.load(engine, [str(corpus)])
    before = _documents(engine)
    (corpus / "2024").mkdir()
    (corpus / "a.txt").rename(corpus / "2024" / "a-renamed.txt")

    result = pipeline.load(engine, [str(corpus)])
    assert (result.counts.loaded, result.counts.unchanged, result.counts.moved) == (0, 2, 1)
    after = _documents(engine)
    assert after.keys() == before.keys()
    assert sorted(after.values()) == [
        str(corpus / "2024" / "a-renamed.txt"),
        str(corpus / "b.txt"),
    ]
    assert pipeline.missing_documents(engine) == []


def test_a_copy_leaves_the_document_with_the_original(engine: Engine, corpus: Path) -> None:
    pipeline.load(engine, [str(corpus)])
    before = _documents(engine)
    shutil.copy(corpus / "a.txt", corpus / "a-copy.txt")
    result = pipeline.load(engine, [str(corpus)])
    assert (result.counts.loaded, result.counts.unchanged, result.counts.moved) == (0, 3, 0)
    assert _documents(engine) == before

    # Once the original is gone, the copy is where the document lives.
    (corpus / "a.txt").unlink()
    result = pipeline.load(engine, [str(corpus)])
    assert result.counts.moved == 1
    after = _documents(engine)
    assert after.keys() == before.keys()
    assert str(corpus / "a-copy.txt") in after.values()


def _spoil(engine: Engine, **values: str) -> None:
    """A document as a broken parser left it."""
    sets = ", ".join(f"{k} = :{k}" for k in values)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE documents SET {sets} WHERE source_path LIKE '%/a.txt'"), values)


def test_load_force_re_parses_a_stored_document_in_place(
    engine: Engine, db_url: URL, corpus: Path
) -> None:
    pipeline.load(engine, [str(corpus)])
    (document_id,) = [i for i, p in _documents(engine).items() if p.endswith("/a.txt")]
    good = _row(engine, document_id)
    _spoil(engine, title="Home | World | Menu", body="Home World Menu Subscribe")

    unchanged = pipeline.load(engine, [str(corpus)])
    assert unchanged.counts.unchanged == 2
    assert _row(engine, document_id)["title"] == "Home | World | Menu"

    forced = _cli(db_url, "load", "--force", "--workers", "1", str(corpus / "a.txt"))
    assert forced.exit_code == 0, forced.output
    assert "1 replaced" in forced.stdout
    assert _row(engine, document_id) == good  # same id, body, sentences and mentions
    assert list(_documents(engine)) == sorted(_documents(engine))  # no new ids


def test_documents_of_an_older_parser_are_re_parsed_by_the_next_load(
    engine: Engine, corpus: Path
) -> None:
    pipeline.load(engine, [str(corpus)])
    ids = _documents(engine)
    (document_id,) = [i for i, p in ids.items() if p.endswith("/a.txt")]
    good = _row(engine, document_id)
    _spoil(engine, body="Home World Menu Subscribe", parser_version="parse-0")

    result = pipeline.load(engine, [str(corpus)])
    assert (result.counts.replaced, result.counts.unchanged) == (1, 1)
    assert _row(engine, document_id) == good
    assert good["parser_version"] == PARSER_VERSION
    assert _documents(engine) == ids
    assert pipeline.load(engine, [str(corpus)]).counts.unchanged == 2
