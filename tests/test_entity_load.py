"""Entities in the database: one row per participant or initiative across documents, counts
per document, and evidence rows that point at the exact words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from etl import pipeline
from etl.article import DecodedArticle
from etl.extract import extractor as extract_stage
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity, Mention
from etl.ingest.parse import parse
from etl.load import loader

BODY_A = "Chinese President Xi Jinping met Kenyan President William Ruto in Beijing.\n\nXi said China and Kenya would deepen Belt and Road cooperation."
BODY_B = "President Xi Jinping sent a message to the BRICS summit. Xi praised the Belt and Road Initiative."


def _mentions(body: str, *words: str) -> tuple[Mention, ...]:
    """Mentions of each word at its first whole-word occurrence after the previous one."""
    found, pos = [], 0
    for word in words:
        match = re.compile(rf"\b{re.escape(word)}\b").search(body, pos)
        assert match, word
        found.append(Mention(match.start(), match.end(), word))
        pos = match.end()
    return tuple(found)


def _doc(source: str, body: str, entities: list[Entity]) -> Extraction:
    parsed = parse(
        DecodedArticle(source=source, content_sha256=f"{hash(body) & 0xFFFF:064x}", text=body)
    )
    assert parsed.body == body
    return Extraction(document=parsed, facts=Facts(tuple(entities), ()))


def _xi(body: str, *words: str, title: str | None = None) -> Entity:
    return Entity("person", "Xi Jinping", _mentions(body, *words), country_iso3="CHN", title=title)


def test_same_person_in_two_documents_is_one_participant(engine: Engine) -> None:
    a = _doc(
        "a.txt",
        BODY_A,
        [
            _xi(BODY_A, "Xi Jinping", "Xi"),
            Entity("country", "CHN", _mentions(BODY_A, "Chinese", "China")),
            Entity("country", "KEN", _mentions(BODY_A, "Kenyan", "Kenya")),
            Entity(
                "initiative",
                "Belt and Road Initiative",
                _mentions(BODY_A, "Belt and Road"),
                short_name="BRI",
            ),
        ],
    )
    b = _doc(
        "b.txt",
        BODY_B,
        [
            _xi(BODY_B, "Xi Jinping", title="President"),
            Entity("organization", "BRICS", _mentions(BODY_B, "BRICS")),
            Entity(
                "initiative",
                "Belt and Road Initiative",
                _mentions(BODY_B, "Belt and Road Initiative"),
            ),
        ],
    )
    assert loader.write_document(engine, a, "test") == "loaded"
    assert loader.write_document(engine, b, "test") == "loaded"
    with engine.connect() as conn:
        people = conn.execute(
            text("SELECT id, name, country_iso3, title FROM participants WHERE kind = 'person'")
        ).all()
        assert [(p.name, p.country_iso3, p.title) for p in people] == [
            ("Xi Jinping", "CHN", "President")
        ]
        links = conn.execute(
            text(
                "SELECT d.source_path, dp.mentions FROM document_participants dp JOIN documents d ON d.id = dp.document_id"
                " WHERE dp.participant_id = :p ORDER BY 1"
            ),
            {"p": people[0].id},
        ).all()
        assert [tuple(r) for r in links] == [("a.txt", 2), ("b.txt", 1)]
        aliases = (
            conn.execute(text("SELECT alias FROM participant_aliases ORDER BY 1")).scalars().all()
        )
        assert "Xi" in aliases and "Xi Jinping" in aliases
        initiatives = conn.execute(text("SELECT name, short_code, kind FROM initiatives")).all()
        assert [tuple(r) for r in initiatives] == [
            ("Belt and Road Initiative", "BRI", "initiative")
        ]
        countries = conn.execute(
            text("SELECT country_iso3, mentions FROM document_countries ORDER BY 1")
        ).all()
        assert [tuple(r) for r in countries] == [("CHN", 2), ("KEN", 2)]


def test_every_mention_points_at_its_words_and_sentence(engine: Engine) -> None:
    a = _doc(
        "a.txt",
        BODY_A,
        [
            _xi(BODY_A, "Xi Jinping"),
            Entity("country", "KEN", _mentions(BODY_A, "Kenyan", "Kenya")),
        ],
    )
    loader.write_document(engine, a, "test")
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT m.surface, substr(d.body, m.char_start + 1, m.char_end - m.char_start) AS span,"
                " m.sentence_seq, s.char_start <= m.char_start AND m.char_end <= s.char_end AS inside"
                " FROM entity_mentions m JOIN documents d ON d.id = m.document_id"
                " JOIN document_sentences s ON s.document_id = m.document_id AND s.seq = m.sentence_seq"
                " ORDER BY m.char_start"
            )
        ).all()
    assert [(r.surface, r.sentence_seq) for r in rows] == [
        ("Xi Jinping", 0),
        ("Kenyan", 0),
        ("Kenya", 1),
    ]
    assert all(r.surface == r.span and r.inside for r in rows)


def test_replacing_a_document_removes_its_entity_rows(engine: Engine) -> None:
    loader.write_document(engine, _doc("a.txt", BODY_A, [_xi(BODY_A, "Xi Jinping")]), "test")
    loader.write_document(engine, _doc("a.txt", BODY_B, [_xi(BODY_B, "Xi Jinping")]), "test")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM entity_mentions")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM document_participants")).scalar_one() == 1


def test_reextract_rebuilds_entities_of_older_extractor_versions(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(BODY_A + "\n")
    pipeline.load(engine, [str(tmp_path)], max_bytes=10**6)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM entity_mentions"))
        conn.execute(text("DELETE FROM document_countries"))
        conn.execute(text("UPDATE documents SET extractor_version = 'old'"))
    result = pipeline.reextract(engine)
    assert result.counts.replaced == 1
    with engine.connect() as conn:
        version = conn.execute(text("SELECT extractor_version FROM documents")).scalar_one()
        countries = set(conn.execute(text("SELECT country_iso3 FROM document_countries")).scalars())
    assert version == extract_stage.EXTRACTOR_VERSION
    assert {"CHN", "KEN"} <= countries
    assert pipeline.reextract(engine).counts.replaced == 0
