"""Statements in the database: written with their document's other facts, speakers resolved to
participants or states, tied to their occasion's event, replaced on reextract, gone with the
document. The article is our own."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Engine, text

from etl import pipeline
from etl.article import DecodedArticle
from etl.extract.extractor import Extraction, Facts, extract
from etl.facts import Statement
from etl.ingest.parse import parse
from etl.load import corpus, loader

BODY = (
    "Harbour talks by phone\n\n"
    "JAKARTA, March 6, 2024 -- Indonesian Foreign Minister Amina Rahman held phone talks with"
    " Malaysian Foreign Minister Daniel Tan on March 5, 2024. During the talks, Rahman said"
    " Indonesia is ready to deepen maritime cooperation with Malaysia under the Belt and Road"
    " Initiative.\n\n"
    "Beijing said it firmly opposes any unilateral move that changes the status quo in the"
    " South China Sea.\n\n"
    '"We want calm waters and open trade for everyone," Tan told reporters.\n'
)


def _extraction(body: str = BODY, source: str = "harbour.txt") -> Extraction:
    return extract(parse(DecodedArticle(source, f"{abs(hash(body)):064d}"[-64:], body)))


def _rows(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.id, s.content, d.body, s.char_start, s.char_end, s.sentence_seq,"
                " p.name AS speaker, s.speaker_country_iso3 AS state, s.speaker_surface, s.mode,"
                " s.cue, s.stated_on, s.stated_precision, s.event_id, e.event_type,"
                " (SELECT array_agg(country_iso3 ORDER BY country_iso3) FROM"
                "  statement_countries c WHERE c.statement_id = s.id) AS countries,"
                " (SELECT array_agg(i.name) FROM statement_initiatives si"
                "  JOIN initiatives i ON i.id = si.initiative_id"
                "  WHERE si.statement_id = s.id) AS initiatives,"
                " ds.char_start <= s.char_start AND s.char_start < ds.char_end AS in_sentence"
                " FROM statements s JOIN documents d ON d.id = s.document_id"
                " LEFT JOIN participants p ON p.id = s.speaker_participant_id"
                " LEFT JOIN events e ON e.id = s.event_id"
                " LEFT JOIN document_sentences ds"
                "  ON ds.document_id = s.document_id AND ds.seq = s.sentence_seq"
                " ORDER BY s.char_start"
            )
        ).mappings()
        return [dict(r) for r in rows]


def test_statements_are_stored_with_speakers_occasions_and_what_they_name(
    engine: Engine,
) -> None:
    assert loader.write_document(engine, _extraction(), "test") == "loaded"
    rows = _rows(engine)
    # Before the end of the run places the call, no statement points at an event.
    assert [r["event_id"] for r in rows] == [None, None, None]
    corpus.finish(engine)
    rows = _rows(engine)
    for r in rows:
        assert r["body"][r["char_start"] : r["char_end"]] == r["content"]  # type: ignore[index]
        assert r["in_sentence"]
    assert [(r["speaker"], r["state"], r["speaker_surface"], r["mode"]) for r in rows] == [
        ("Amina Rahman", None, "Rahman", "reported"),
        (None, "CHN", "Beijing", "reported"),
        ("Daniel Tan", None, "Tan", "direct"),
    ]
    rahman, beijing, tan = rows
    assert rahman["content"] == (
        "Indonesia is ready to deepen maritime cooperation with Malaysia under the Belt and Road"
        " Initiative"
    )
    assert rahman["countries"] == ["IDN", "MYS"]
    assert rahman["initiatives"] == ["Belt and Road Initiative"]
    assert (rahman["stated_on"], rahman["stated_precision"]) == (dt.date(2024, 3, 5), "day")
    # Said during the talks: the occasion is the call, as an event of the database.
    assert rahman["event_type"] == "call" and tan["event_type"] == "call"
    assert beijing["event_id"] is None and beijing["countries"] is None


def test_reextract_replaces_statements_and_deleting_the_document_removes_them(
    engine: Engine,
) -> None:
    loader.write_document(engine, _extraction(), "old")
    corpus.finish(engine)
    before = _rows(engine)
    result = pipeline.reextract(engine, everything=True)
    assert result.status == "succeeded"
    after = _rows(engine)
    assert len(after) == 3 and {r["id"] for r in after}.isdisjoint({r["id"] for r in before})
    strip = ("id", "event_id")
    assert [{k: v for k, v in r.items() if k not in strip} for r in after] == [
        {k: v for k, v in r.items() if k not in strip} for r in before
    ]
    assert all(r["event_id"] is not None for r in after if r["state"] is None)

    with engine.connect() as conn:
        (document_id,) = conn.execute(text("SELECT id FROM documents")).one()
    pipeline.delete_documents(engine, [document_id])
    with engine.connect() as conn:
        left = conn.execute(
            text(
                "SELECT (SELECT count(*) FROM statements), (SELECT count(*) FROM"
                " statement_countries), (SELECT count(*) FROM statement_initiatives)"
            )
        ).one()
    assert tuple(left) == (0, 0, 0)


def test_a_speaker_the_entities_miss_still_gets_a_participant_and_keeps_it(
    engine: Engine,
) -> None:
    extraction = _extraction()
    tan = next(s for s in extraction.statements if s.speaker == "Daniel Tan")
    extra = dataclasses.replace(tan, speaker="Harbour Council", speaker_kind="organization")
    facts = Facts(extraction.entities, extraction.events, (extra,))
    loader.write_document(engine, Extraction(extraction.document, facts), "test")
    corpus.finish(engine)
    with engine.begin() as conn:
        loader.delete_orphans(conn)
        kind = conn.execute(
            text(
                "SELECT p.kind FROM statements s"
                " JOIN participants p ON p.id = s.speaker_participant_id"
            )
        ).scalar_one()
    assert kind == "organization"


def test_a_statement_of_an_unknown_state_is_left_out_not_the_document(engine: Engine) -> None:
    extraction = _extraction()
    beijing = next(s for s in extraction.statements if s.speaker_kind == "country")
    bad: Statement = dataclasses.replace(beijing, speaker="XXX")
    facts = Facts(extraction.entities, extraction.events, (bad, *extraction.statements))
    assert loader.write_document(engine, Extraction(extraction.document, facts), "test") == "loaded"
    assert len(_rows(engine)) == 3


def test_evaluate_scores_the_statements_the_database_holds(engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from etl.outputs.evaluate import evaluate

    loader.write_document(engine, _extraction(), "test")
    gold = {
        "document": "harbour.txt",
        "metadata": {},
        "countries": [],
        "persons": [{"name": "Amina Rahman", "aliases": ["Rahman", "Amina Rahman"]}],
        "organizations": [],
        "initiatives": [],
        "events": [],
        "statements": [
            {
                "speaker": "Amina Rahman",
                "speaker_kind": "person",
                "mode": "reported",
                "cue": "said",
                "content": "Indonesia is ready to deepen maritime cooperation with Malaysia",
            },
            {
                "speaker": "CHN",
                "speaker_kind": "country",
                "content": "it firmly opposes any unilateral move that changes the status quo",
            },
        ],
    }
    (tmp_path / "harbour.json").write_text(json.dumps(gold))
    scores, missing = evaluate(engine, tmp_path)
    assert missing == []
    # Rahman's and Beijing's found with their speakers; Tan's quotation is not in this gold.
    assert (scores["statements"].tp, scores["statements"].fp, scores["statements"].fn) == (2, 1, 0)
    assert scores["speaker right"].tp == 2


def test_a_surname_speaker_merged_into_the_full_name_keeps_its_statements(
    engine: Engine,
) -> None:
    from etl.facts import Entity, Mention

    full = (
        "Foreign Minister Amina Rahman of Indonesia arrived in Kuala Lumpur on Monday for talks"
        " with her Malaysian counterpart about trade, fisheries and the shipping lanes."
    )
    short = (
        "Rahman said the harbour will open next year. The minister spoke to reporters in"
        " Jakarta after a meeting with shipping companies and the port's officials."
    )
    words = "the harbour will open next year"
    first = parse(DecodedArticle("full.txt", "1" * 64, full))
    second = parse(DecodedArticle("short.txt", "2" * 64, short))
    amina = Entity(
        "person",
        "Amina Rahman",
        (Mention(17, 29, "Amina Rahman"),),
        country_iso3="IDN",
        title="Foreign Minister",
    )
    rahman = Entity("person", "Rahman", (Mention(0, 6, "Rahman"),), country_iso3="IDN")
    said = Statement(
        start=short.index(words),
        end=short.index(words) + len(words),
        content=words,
        speaker_kind="person",
        speaker="Rahman",
        speaker_surface="Rahman",
        mode="reported",
        cue="said",
    )
    loader.write_document(engine, Extraction(first, Facts((amina,), ())), "test")
    loader.write_document(engine, Extraction(second, Facts((rahman,), (), (said,))), "test")
    corpus.finish(engine)
    assert [(r["speaker"], r["content"]) for r in _rows(engine)] == [
        ("Amina Rahman", "the harbour will open next year")
    ]
