"""Events in the database: one row per occurrence across documents, independent of load order,
recomputed when a reporting document changes."""

from __future__ import annotations

import datetime as dt
import itertools
import os

from sqlalchemy import Engine, text

from etl.article import DecodedArticle
from etl.extract.extractor import Extraction, Facts
from etl.facts import Entity, Event, EventParticipant, Mention
from etl.ingest.parse import parse
from etl.load import corpus, loader
from etl.load.aggregate import Report, aggregate
from etl.load.identity import clusters
from etl.load.names import name_signature

DOC_A = (
    "Leaders gathered in Kazan in October 2024 for the 16th BRICS Summit. "
    "Chinese President Xi Jinping attended the summit."
)
DOC_B = "Xi Jinping travelled to Kazan, Russia, for the BRICS Summit on October 23, 2024."
DOC_C = "The 16th BRICS Summit in Kazan drew leaders from many countries in October 2024."


def _span(body: str, words: str) -> Mention:
    start = body.index(words)
    return Mention(start, start + len(words), words)


def _summit(body: str, words: str, name: str, date: dt.date, precision: str, xi: bool) -> Event:
    people = (EventParticipant("attendee", "Xi Jinping", "person", "CHN"),) if xi else ()
    return Event(
        event_type="summit",
        name=name,
        start_date=date,
        end_date=None,
        date_precision=precision,  # type: ignore[arg-type]
        location_name="Kazan",
        location_country_iso3="RUS",
        participants=(*people, EventParticipant("host", country_iso3="RUS")),
        mentions=(_span(body, words),),
        summary=body.split(". ")[0],
        confidence=0.8,
    )


def _extraction(source: str, body: str, events: list[Event], xi: bool) -> Extraction:
    doc = parse(DecodedArticle(source, f"{abs(hash(body)):064d}"[-64:], body))
    entities = ()
    if xi:
        entities = (
            Entity("person", "Xi Jinping", (_span(body, "Xi Jinping"),), country_iso3="CHN"),
        )
    return Extraction(doc, Facts(entities, tuple(events)))


def _docs() -> list[Extraction]:
    return [
        _extraction(
            "a.txt",
            DOC_A,
            [
                _summit(
                    DOC_A,
                    "16th BRICS Summit",
                    "16th BRICS Summit",
                    dt.date(2024, 10, 1),
                    "month",
                    True,
                )
            ],
            True,
        ),
        _extraction(
            "b.txt",
            DOC_B,
            [_summit(DOC_B, "BRICS Summit", "BRICS Summit", dt.date(2024, 10, 23), "day", True)],
            True,
        ),
        _extraction(
            "c.txt",
            DOC_C,
            [
                _summit(
                    DOC_C,
                    "16th BRICS Summit",
                    "16th BRICS Summit",
                    dt.date(2024, 10, 1),
                    "month",
                    False,
                )
            ],
            False,
        ),
    ]


def _event_table(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        events = conn.execute(
            text(
                "SELECT e.event_key, e.event_type, e.name, e.start_date, e.date_precision,"
                " e.location_name, e.location_country_iso3, e.summary,"
                " (SELECT array_agg(coalesce(p.name, '') || '/' || coalesce(ep.country_iso3, '') || '/' || ep.role"
                "   ORDER BY 1) FROM event_participants ep LEFT JOIN participants p ON p.id = ep.participant_id"
                "   WHERE ep.event_id = e.id) AS who,"
                " (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) AS mentions"
                " FROM events e ORDER BY e.event_key"
            )
        ).all()
    return [tuple(r) for r in events]


def test_one_summit_reported_by_three_documents_is_one_event(engine: Engine) -> None:
    for extraction in _docs():
        loader.write_document(engine, extraction, "test")
    corpus.finish(engine)
    rows = _event_table(engine)
    assert len(rows) == 1
    _key, etype, name, start, precision, place, country, _, who, mentions = rows[0]
    assert (etype, name, start, precision, place, country) == (
        "summit",
        "16th BRICS Summit",
        dt.date(2024, 10, 23),
        "day",
        "Kazan",
        "RUS",
    )
    assert sorted(who) == ["/RUS/host", "Xi Jinping/CHN/attendee"]
    assert mentions == 3


def test_load_order_does_not_change_the_events(server_url, template_name) -> None:  # type: ignore[no-untyped-def]
    from conftest import create_database, drop_database
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    results = []
    for i, order in enumerate(itertools.islice(itertools.permutations(_docs()), 0, 6, 5)):
        name = f"diplo_test_order_{i}_{os.getpid()}"
        url = create_database(server_url, name, template=template_name)
        eng = create_engine(url, poolclass=NullPool)
        try:
            for extraction in order:
                loader.write_document(eng, extraction, "test")
            corpus.finish(eng)
            results.append(_event_table(eng))
        finally:
            eng.dispose()
            drop_database(server_url, name)
    assert results[0] == results[1]


def test_event_goes_when_its_only_report_is_replaced(engine: Engine) -> None:
    a = _docs()[0]
    loader.write_document(engine, a, "test")
    corpus.finish(engine)
    assert len(_event_table(engine)) == 1
    changed = _extraction("a.txt", DOC_A + " More text.", [], True)
    loader.write_document(engine, changed, "test")
    # Gone with the report, in the document's own transaction.
    assert _event_table(engine) == []
    corpus.finish(engine)
    assert _event_table(engine) == []


def test_keys_and_aggregation_are_order_independent() -> None:
    assert name_signature("the 16th BRICS Summit") == name_signature("BRICS Summit 2024")
    a = _docs()[0].events[0]
    b = _docs()[1].events[0]
    reports = [
        Report(
            str(i),
            e.event_type,
            e.name,
            e.start_date,
            None,
            e.date_precision,
            "Kazan",
            "RUS",
            None,
            0.5,
            id=i,
        )
        for i, e in enumerate([a, b])
    ]
    # The month report of the 16th joins the one BRICS Summit of its month, dated to the day
    # (BRICS read as the organization; the edition it names becomes the occurrence's).
    assert (
        clusters("gathering", reports)
        == clusters("gathering", reports[::-1])
        == {"gathering|org_brics|2024-10-23#16": [reports[1], reports[0]]}
    )
    assert aggregate(reports) == aggregate(list(reversed(reports)))
    assert aggregate(reports).date_precision == "day"
