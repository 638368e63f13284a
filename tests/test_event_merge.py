"""One event per occurrence within a document: a meeting of a summit's own people is the
summit, a press conference "on the Summit" is the summit, one gathering reported on two
adjacent days is one, and a visit and a state visit of the same trip are one.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

from etl.extract.entities import find_entities
from etl.extract.events import find_events
from etl.extract.nlp import analyze
from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str) -> list[Event]:
    doc = analyze(text)
    return find_events(
        text, doc, find_entities(text, doc), published_on=PUBLISHED, published_precision="day"
    )


def people(event: Event) -> set[str]:
    return {p.name for p in event.participants if p.kind == "person" and p.name}


def test_meeting_of_the_summit_leaders_is_the_summit() -> None:
    found = events(
        "On Tuesday, Canadian Prime Minister Justin Trudeau held the Canada-EU Summit with "
        "European Council President Charles Michel in Ottawa.\n\n"
        "Trudeau met with Charles Michel for the summit on Tuesday."
    )
    assert [(e.event_type, e.name) for e in found] == [("summit", "Canada-EU Summit")]
    assert people(found[0]) == {"Justin Trudeau", "Charles Michel"}
    assert found[0].start_date == dt.date(2023, 6, 13)


def test_sideline_meeting_at_a_summit_stays_its_own_event() -> None:
    found = events(
        "Chinese President Xi Jinping and Indian Prime Minister Narendra Modi attended the "
        "16th BRICS Summit on Tuesday.\n\n"
        "On the sidelines of the summit on Tuesday, Xi met with Modi."
    )
    assert sorted(e.event_type for e in found) == ["meeting", "summit"]


def test_press_conference_on_the_summit_is_the_summit() -> None:
    found = events(
        "On Tuesday, Canadian Prime Minister Justin Trudeau held the Canada-EU Summit in "
        "Ottawa.\n\n"
        "The following are his remarks at the Joint Press Conference on the Summit in Ottawa."
    )
    assert [e.name for e in found] == ["Canada-EU Summit"]
    assert len(found[0].mentions) == 2


def test_gathering_reported_on_two_adjacent_days_is_one() -> None:
    found = events(
        "The 5th Lancang-Mekong Cooperation Ministerial Meeting opened in Bagan on June 12.\n\n"
        "Ministers adopted a joint statement at the 5th Lancang-Mekong Cooperation Ministerial "
        "Meeting on June 13."
    )
    gatherings = [e for e in found if "Lancang" in e.name]
    assert len(gatherings) == 1
    assert gatherings[0].start_date == dt.date(2023, 6, 12)  # dated by its first day


def test_gatherings_a_week_apart_stay_two() -> None:
    found = events(
        "The 5th Lancang-Mekong Cooperation Ministerial Meeting opened in Bagan on June 5.\n\n"
        "Ministers adopted a joint statement at the 5th Lancang-Mekong Cooperation Ministerial "
        "Meeting on June 13."
    )
    assert len([e for e in found if "Lancang" in e.name]) == 2


def test_visit_and_state_visit_of_one_trip_are_one() -> None:
    found = events(
        "Kenyan President William Ruto began a state visit to Japan on Monday.\n\n"
        "On Wednesday, during his visit to Japan, Ruto toured a factory in Osaka."
    )
    visits = [e for e in found if e.event_type in ("visit", "state_visit")]
    assert len(visits) == 1
    assert visits[0].event_type == "state_visit"
    assert visits[0].start_date == dt.date(2023, 6, 12)


def test_merged_reports_never_end_before_they_start() -> None:
    from etl.load.aggregate import Report, aggregate

    def meeting(i: int, start: dt.date, end: dt.date | None) -> Report:
        return Report(str(i), "meeting", "Anna Berg-Kenji Sato meeting", start, end, "day",
                      None, None, None, 0.5, id=i)  # fmt: skip

    day, ranged = (
        meeting(1, dt.date(2021, 7, 22), None),
        meeting(2, dt.date(2021, 7, 17), dt.date(2021, 7, 18)),
    )
    for merged in (aggregate([day, ranged]), aggregate([ranged, day])):
        assert merged.end_date is None or merged.end_date >= merged.start_date


def test_one_gathering_called_summit_and_meeting_is_one() -> None:
    found = events(
        "Leaders gathered for the Mekong-Ganga Summit in Bagan on Monday.\n\n"
        "On Monday, the Mekong-Ganga Meeting was held in a new hall."
    )
    assert len([e for e in found if "Mekong-Ganga" in e.name]) == 1


def test_ministers_meeting_and_leaders_summit_stay_two() -> None:
    found = events(
        "Leaders gathered for the Mekong-Ganga Summit in Bagan on Monday.\n\n"
        "On Monday, the Mekong-Ganga Foreign Ministers' Meeting was held in a new hall."
    )
    assert len([e for e in found if "Mekong-Ganga" in e.name]) == 2


def test_people_who_briefed_the_meeting_attend_the_gathering() -> None:
    found = events(
        "Ministers attended the 4th Ministerial Conference of the Mekong-Ganga Forum in Bagan "
        "on Monday.\n\n"
        "Trade Minister Lela Tamari and Aid Minister Joon Park briefed the meeting on trade."
    )
    assert len(found) == 1
    assert {"Lela Tamari", "Joon Park"} <= people(found[0])
