"""Which reports are one occurrence, across documents, loaded through the real pipeline into a
real database: different days are different occurrences, a report known only to the month
or the year joins the one occurrence of its period, one gathering goes by several names, and
the result depends neither on the order of loading nor on a run being killed midway.

The articles are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import create_database, drop_database
from dumps import SHARED, dump
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from etl import pipeline
from etl.load import corpus, events

CALL_ONE = (
    "2023-03-07",
    "Foreign Minister Anna Berg of Norway spoke by phone with Japanese Foreign Minister Kenji "
    "Sato on March 6. They discussed fisheries.",
)
CALL_TWO = (
    "2023-03-21",
    "Foreign Minister Anna Berg held a call with Foreign Minister Kenji Sato of Japan on "
    "March 20 to discuss shipping lanes.",
)
CALLS_IN_MARCH = (
    "2023-04-02",
    "In March, Anna Berg and Kenji Sato spoke by phone about fisheries.",
)
MEETING_DAY = (
    "2022-11-20",
    "President Omar Haddad of Tunisia met President Selim Arslan of Turkey in Lisbon on "
    "November 18 to discuss trade.",
)
MEETING_MONTH = (
    "2022-12-05",
    "Omar Haddad met Selim Arslan in Lisbon in November, officials said. It was the first "
    "time that the two leaders had talked about the trade agreement which their "
    "governments are now preparing.",
)
MEETING_YEAR = (
    "2023-02-10",
    "Omar Haddad met Selim Arslan in Lisbon in 2022, officials said. It was the first "
    "time that the two leaders had talked about the trade agreement which their "
    "governments are now preparing.",
)
MEETING_JUNE = (
    "2022-06-06",
    "President Omar Haddad of Tunisia met President Selim Arslan of Turkey in Tunis on June 3.",
)
SUMMIT_LONG = (
    "2024-05-16",
    "Leaders of twelve states attended the Coral Sea Ocean Summit in Suva on May 14.",
)
SUMMIT_SHORT = (
    "2024-05-17",
    "The Ocean Summit in Suva on May 14 ended with a joint declaration on fisheries.",
)
SUMMIT_AB = ("2024-05-20", "Leaders gathered for the Kenya-Peru Summit in Nairobi on May 18.")
SUMMIT_BA = ("2024-05-21", "The Peru-Kenya summit was held in Nairobi on May 18, 2024.")
BLOC = ("2024-09-07", "Leaders met at the ASEAN Summit in Vientiane on September 6.")
BLOC_AND_ONE = ("2024-09-08", "The ASEAN-Japan Summit took place in Vientiane on September 6.")


_MORE = "It was the first time that the two had talked about the treaty which is now ready."


def _write(folder: Path, name: str, article: tuple[str, str]) -> Path:
    published, body = article
    path = folder / f"{name}.jsonl"
    record = {"title": f"Report {name}", "published": published, "text": body}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def _load(engine: Engine, paths: list[Path]) -> pipeline.LoadResult:
    return pipeline.load(engine, [str(p) for p in paths])


def _events(engine: Engine, *people: str) -> list[tuple[object, ...]]:
    """(type, start, precision, reports) of the events in which all ``people`` take part."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT e.event_type, e.start_date, e.date_precision,"
                " (SELECT count(*) FROM event_reports r WHERE r.event_id = e.id) AS reports"
                " FROM events e WHERE (SELECT count(DISTINCT p.name) FROM event_participants ep"
                "   JOIN participants p ON p.id = ep.participant_id"
                "   WHERE ep.event_id = e.id AND p.name = ANY(:people)) = :n"
                " ORDER BY e.start_date, e.date_precision"
            ),
            {"people": list(people), "n": len(people)},
        ).all()
    return [tuple(r) for r in rows]


def _gatherings(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT e.start_date, (SELECT array_agg(r.name ORDER BY r.name) FROM event_reports r"
                " WHERE r.event_id = e.id) FROM events e"
                " WHERE e.event_type IN ('summit', 'forum', 'conference') ORDER BY 1, 2"
            )
        ).all()
    return [tuple(r) for r in rows]


def test_two_calls_of_one_pair_in_one_month_stay_two(engine: Engine, tmp_path: Path) -> None:
    _load(engine, [_write(tmp_path, "a", CALL_ONE), _write(tmp_path, "b", CALL_TWO)])
    assert _events(engine, "Anna Berg", "Kenji Sato") == [
        ("call", dt.date(2023, 3, 6), "day", 1),
        ("call", dt.date(2023, 3, 20), "day", 1),
    ]
    # "In March" could be either call: it stays apart, and the two stay two.
    _load(engine, [_write(tmp_path, "c", CALLS_IN_MARCH)])
    assert _events(engine, "Anna Berg", "Kenji Sato") == [
        ("call", dt.date(2023, 3, 1), "month", 1),
        ("call", dt.date(2023, 3, 6), "day", 1),
        ("call", dt.date(2023, 3, 20), "day", 1),
    ]


def test_a_month_report_and_a_year_report_of_one_meeting_are_one(
    engine: Engine, tmp_path: Path
) -> None:
    _load(engine, [_write(tmp_path, "m", MEETING_MONTH), _write(tmp_path, "y", MEETING_YEAR)])
    assert _events(engine, "Omar Haddad", "Selim Arslan") == [
        ("meeting", dt.date(2022, 11, 1), "month", 2)
    ]
    # The report that gives the day dates the one occurrence to the day.
    _load(engine, [_write(tmp_path, "d", MEETING_DAY)])
    assert _events(engine, "Omar Haddad", "Selim Arslan") == [
        ("meeting", dt.date(2022, 11, 18), "day", 3)
    ]
    # With a second meeting that year, "in 2022" could be either: it stays apart; "in
    # November" is still the November one.
    _load(engine, [_write(tmp_path, "j", MEETING_JUNE)])
    assert _events(engine, "Omar Haddad", "Selim Arslan") == [
        ("meeting", dt.date(2022, 1, 1), "year", 1),
        ("meeting", dt.date(2022, 6, 3), "day", 1),
        ("meeting", dt.date(2022, 11, 18), "day", 2),
    ]


def test_a_named_summit_under_two_names_is_one(engine: Engine, tmp_path: Path) -> None:
    articles = {
        "long": SUMMIT_LONG,
        "short": SUMMIT_SHORT,
        "ab": SUMMIT_AB,
        "ba": SUMMIT_BA,
        "bloc": BLOC,
        "bloc1": BLOC_AND_ONE,
    }
    _load(engine, [_write(tmp_path, name, a) for name, a in articles.items()])
    assert _gatherings(engine) == [
        (dt.date(2024, 5, 14), ["Coral Sea Ocean Summit", "Ocean Summit"]),
        (dt.date(2024, 5, 18), ["Kenya-Peru Summit", "Peru-Kenya summit"]),
        # A name that adds a party names another gathering, on the same day and place.
        (dt.date(2024, 9, 6), ["ASEAN Summit"]),
        (dt.date(2024, 9, 6), ["ASEAN-Japan Summit"]),
    ]


def test_person_activity_dates_lie_inside_their_events_periods(
    engine: Engine, tmp_path: Path
) -> None:
    # A month report first published weeks after its month, and a year report months after.
    _load(
        engine,
        [
            _write(tmp_path, "m", MEETING_MONTH),
            _write(tmp_path, "c", CALLS_IN_MARCH),
            _write(
                tmp_path, "y", ("2023-02-10", f"Anna Berg met Kenji Sato in Oslo in 2022. {_MORE}")
            ),
        ],
    )
    with engine.connect() as conn:
        outside = conn.execute(
            text(
                "SELECT a.name, a.first_event_date, a.last_event_date FROM analytics.person_activity a"
                " WHERE a.events > 0 AND (a.first_event_date IS NULL OR EXISTS ("
                "   SELECT 1 FROM unnest(ARRAY[a.first_event_date, a.last_event_date]) d"
                "   WHERE NOT EXISTS (SELECT 1 FROM events e"
                "     JOIN event_participants ep ON ep.event_id = e.id"
                "     WHERE ep.participant_id = a.participant_id AND d BETWEEN e.start_date"
                "       AND (date_trunc(coalesce(e.date_precision, 'day'), e.start_date)"
                "            + ('1 ' || coalesce(e.date_precision, 'day'))::interval"
                "            - interval '1 day')::date)))"
            )
        ).all()
        dated = conn.execute(
            text(
                "SELECT count(*) FROM analytics.person_activity WHERE first_event_date IS NOT NULL"
            )
        ).scalar_one()
    assert dated >= 4 and outside == []


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    articles = [
        CALL_ONE,
        CALL_TWO,
        CALLS_IN_MARCH,
        MEETING_DAY,
        MEETING_MONTH,
        MEETING_YEAR,
        SUMMIT_LONG,
        SUMMIT_SHORT,
        SUMMIT_AB,
        SUMMIT_BA,
    ]
    return [_write(folder, f"{i:02d}", a) for i, a in enumerate(articles)]


@pytest.fixture
def second(server_url: URL, template_name: str) -> Iterator[Engine]:
    name = f"diplo_test_identity_second_{os.getpid()}"
    url = create_database(server_url, name, template=template_name)
    eng = create_engine(url, poolclass=NullPool)
    yield eng
    eng.dispose()
    drop_database(server_url, name)


def _shared(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    return dump(engine, ["event_placement", *(t for t in SHARED if t.startswith("event"))])


def test_load_order_does_not_change_the_events(
    engine: Engine, second: Engine, tmp_path: Path
) -> None:
    paths = _corpus(tmp_path / "corpus")
    _load(engine, paths)
    # The other way round, in three runs.
    _load(second, paths[7:][::-1])
    _load(second, paths[3:7][::-1])
    _load(second, paths[:3][::-1])
    first = _shared(engine)
    assert first["events"] and first == _shared(second)


def test_reload_prune_reextract_and_force_keep_the_events_right(
    engine: Engine, second: Engine, tmp_path: Path
) -> None:
    paths = _corpus(tmp_path / "corpus")
    _load(engine, paths)
    before = _shared(engine)
    with engine.connect() as conn:
        ids = conn.execute(text("SELECT id, event_key FROM events ORDER BY id")).all()
    assert _load(engine, paths).counts.unchanged == len(paths)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, event_key FROM events ORDER BY id")).all() == ids
    pipeline.reextract(engine, everything=True)
    assert _shared(engine) == before
    pipeline.load(engine, [str(p) for p in paths], force=True)
    assert _shared(engine) == before
    # Without the report that gives the day, the meeting is known to the month again; the
    # database equals one that never held that report.
    day = paths[3]
    day.unlink()
    pipeline.prune(engine)
    _load(second, [p for p in paths if p != day])
    assert _shared(engine) == _shared(second)
    assert _events(engine, "Omar Haddad", "Selim Arslan") == [
        ("meeting", dt.date(2022, 11, 1), "month", 2)
    ]


def test_a_run_killed_in_the_corpus_pass_is_completed_by_the_next(
    engine: Engine, second: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _corpus(tmp_path / "corpus")
    _load(second, paths)
    clean = _shared(second)

    place = events._place_blocks
    calls: list[int] = []

    def dies_on_the_second_chunk(conn, blocks):  # type: ignore[no-untyped-def]
        calls.append(len(blocks))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return place(conn, blocks)

    monkeypatch.setattr(events, "CHUNK", 1)
    monkeypatch.setattr(events, "_place_blocks", dies_on_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        _load(engine, paths)
    with engine.connect() as conn:
        # The documents are whole, the first block placed, the rest waiting.
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar_one() == len(paths)
        unplaced = conn.execute(
            text("SELECT count(*) FROM event_reports WHERE event_id IS NULL")
        ).scalar_one()
        placed = conn.execute(
            text("SELECT count(*) FROM event_reports WHERE event_id IS NOT NULL")
        ).scalar_one()
    assert unplaced and placed
    monkeypatch.setattr(events, "_place_blocks", place)
    assert _load(engine, paths).counts.unchanged == len(paths)
    assert _shared(engine) == clean
    assert corpus.finish(engine).blocks == 0
