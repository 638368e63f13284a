"""Statements over a document's life, loaded through the real pipeline into a real database:
the speaker is the participant row of the person, the offsets slice documents.body to the
content, and the rows go with their document when its file changes (replaced), when it is
re-extracted, and when its file is gone (pruned).

The articles are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from etl import pipeline

RUIZ = "Foreign Minister Ana Ruiz said Spain is ready to deepen ties with Chile."
OTHER = "Foreign Minister Ana Ruiz said Spain will open a consulate in Peru."


def _write(path: Path, body: str) -> Path:
    record = {
        "title": "Madrid and Santiago",
        "published": "2024-05-02",
        "url": "https://example.org/ruiz",
        "text": body,
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _statements(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT p.name, p.kind, s.speaker_country_iso3, s.speaker_surface, s.mode,"
                    " s.cue, s.content, substr(d.body, s.char_start + 1, s.char_end - s.char_start),"
                    " s.sentence_seq,"
                    " (SELECT array_agg(country_iso3 ORDER BY country_iso3)"
                    "  FROM statement_countries c WHERE c.statement_id = s.id)"
                    " FROM statements s JOIN documents d ON d.id = s.document_id"
                    " LEFT JOIN participants p ON p.id = s.speaker_participant_id"
                    " ORDER BY s.id"
                )
            )
        ]


def test_reported_statement_is_stored_with_its_speaker_and_offsets(
    engine: Engine, tmp_path: Path
) -> None:
    path = _write(tmp_path / "ruiz.jsonl", RUIZ)
    pipeline.load(engine, [str(path)])
    rows = _statements(engine)
    assert len(rows) == 1
    name, kind, iso3, surface, mode, cue, content, sliced, seq, countries = rows[0]
    assert (name, kind, iso3, mode, cue) == ("Ana Ruiz", "person", None, "reported", "said")
    assert "Ana Ruiz" in str(surface)
    assert content == "Spain is ready to deepen ties with Chile"
    assert sliced == content
    assert seq == 0
    assert countries == ["CHL", "ESP"]


def test_statements_go_with_their_document(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "ruiz.jsonl", RUIZ)
    pipeline.load(engine, [str(path)])
    # A changed file replaces the document and its statements.
    _write(path, OTHER)
    pipeline.load(engine, [str(path)])
    assert [r[6] for r in _statements(engine)] == ["Spain will open a consulate in Peru"]
    # Re-extraction rebuilds them from the stored body, once.
    pipeline.reextract(engine, everything=True)
    assert [r[6] for r in _statements(engine)] == ["Spain will open a consulate in Peru"]
    # Pruning the document whose file is gone removes them.
    path.unlink()
    pipeline.prune(engine)
    assert _statements(engine) == []
