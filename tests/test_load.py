"""Loading articles into a real PostgreSQL: gold metadata, idempotent reruns, replacement,
rejections that do not stop the batch, and transactions that never leave half a document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from articles import ARTICLE
from sqlalchemy import Engine, text

from etl import pipeline
from etl.load import loader

MAX = 10 * 1024 * 1024


def _documents(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text("SELECT * FROM documents ORDER BY id"))]


def _gold_published(doc: dict[str, object]) -> str | None:
    day = doc["published_on"]
    if day is None:
        return None
    assert isinstance(day, dt.date)
    fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[str(doc["published_precision"])]
    return day.strftime(fmt)


def test_shared_corpus_matches_gold_metadata(engine: Engine, shared_corpus: Path) -> None:
    result = pipeline.load(engine, [str(shared_corpus)], max_bytes=MAX)
    assert (result.counts.loaded, result.counts.rejected) == (5, 0)
    docs = {Path(str(d["source_path"])).name: d for d in _documents(engine)}
    assert len(docs) == 5
    gold_dir = shared_corpus.parent / "eval" / "gold"
    for name, doc in docs.items():
        gold = json.loads((gold_dir / name.replace(".txt", ".json")).read_text())["metadata"]
        got = {
            "title": doc["title"],
            "published": _gold_published(doc),
            "outlet": doc["outlet"],
            "author": doc["author"],
        }
        for field in ("title", "published", "outlet", "author"):
            if gold[field] is not None:
                assert got[field] == gold[field], (name, field)
        body = str(doc["body"])
        for boilerplate in ("7 Min Read", "Updated 2024/01/21", "Home Business", "By Guo Jiping"):
            assert boilerplate not in body, (name, boilerplate)


def test_second_load_of_the_same_corpus_changes_nothing(
    engine: Engine, shared_corpus: Path
) -> None:
    pipeline.load(engine, [str(shared_corpus)], max_bytes=MAX)
    before = _documents(engine)
    again = pipeline.load(engine, [str(shared_corpus)], max_bytes=MAX)
    assert (again.counts.loaded, again.counts.unchanged, again.counts.replaced) == (0, 5, 0)
    assert _documents(engine) == before


def test_sentence_offsets_lie_inside_the_body(engine: Engine, shared_corpus: Path) -> None:
    pipeline.load(engine, [str(shared_corpus)], max_bytes=MAX)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.body, s.char_start, s.char_end FROM document_sentences s"
                " JOIN documents d ON d.id = s.document_id"
            )
        ).all()
    assert len(rows) > 50
    for body, start, end in rows:
        assert 0 <= start < end <= len(body)
        sentence = body[start:end]
        assert sentence == sentence.strip() and sentence


def test_changed_file_replaces_its_document(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)
    first = pipeline.load(engine, [str(path)], max_bytes=MAX)
    assert first.counts.loaded == 1
    path.write_text(ARTICLE.replace("Tuesday", "Wednesday"))
    second = pipeline.load(engine, [str(path)], max_bytes=MAX)
    assert (second.counts.loaded, second.counts.replaced) == (0, 1)
    docs = _documents(engine)
    assert len(docs) == 1 and "Wednesday" in str(docs[0]["body"])
    with engine.connect() as conn:
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM document_sentences s"
                " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)"
            )
        ).scalar_one()
        sentences = conn.execute(text("SELECT count(*) FROM document_sentences")).scalar_one()
    assert orphans == 0 and sentences >= 4


def test_same_content_at_two_paths_is_one_document(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=MAX)
    assert (result.counts.loaded, result.counts.unchanged) == (1, 1)


def test_bad_inputs_are_recorded_and_the_batch_goes_on(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "french.txt").write_text(
        "Les ministres des affaires étrangères se sont réunis mardi à Paris pour discuter de la "
        "coopération commerciale. Les deux pays ont convenu de poursuivre les discussions dans "
        "les prochains mois et de publier une déclaration commune sur la sécurité maritime."
    )
    (tmp_path / "big.txt").write_text(ARTICLE * 200)
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("Tuesday", "Monday"), "outlet": "Feed Agency"})
        + "\n{not json\n"
    )
    result = pipeline.load(engine, [str(tmp_path)], max_bytes=20_000)
    assert result.status == "partial"
    assert result.counts.loaded == 2
    reasons = {Path(r.source).name: r.reason for r in result.counts.rejections}
    assert set(reasons) == {
        "empty.txt",
        "image.txt",
        "french.txt",
        "big.txt",
        "feed.jsonl#L2",
    }
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "English" in reasons["french.txt"]
    assert "too large" in reasons["big.txt"]
    assert "line 2" in reasons["feed.jsonl#L2"]
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT count(*) FROM ops.rejected_inputs WHERE run_id = :r"), {"r": result.run_id}
        ).scalar_one()
        run = conn.execute(
            text("SELECT status, loaded, rejected, files_seen FROM ops.etl_runs WHERE id = :r"),
            {"r": result.run_id},
        ).one()
        outlet = conn.execute(
            text(
                "SELECT outlet FROM documents"
                " WHERE source_path LIKE '%/feed.jsonl' AND source_record LIKE 'sha256=%'"
            )
        ).scalar_one()
    assert stored == 5
    assert tuple(run) == ("partial", 2, 5, 7)
    assert outlet == "Feed Agency"


def test_a_crash_inside_a_document_leaves_no_trace(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)

    def explode(*args: object) -> None:
        raise RuntimeError("simulated crash after the document row was written")

    monkeypatch.setattr(loader, "_copy_segments", explode)
    with pytest.raises(RuntimeError):
        pipeline.load(engine, [str(path)], max_bytes=MAX)
    assert _documents(engine) == []

    monkeypatch.undo()
    result = pipeline.load(engine, [str(path)], max_bytes=MAX)
    assert result.counts.loaded == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM document_sentences")).scalar_one() >= 4
