"""Cross-document identity on reports of our own: blocks (a trip is its traveller and
destination, whoever each report says the traveller met there), editions of gatherings,
ranges, undated reports, and independence of order."""

from __future__ import annotations

import datetime as dt

from etl.facts import Event, EventParticipant, Mention
from etl.load.aggregate import Report
from etl.load.identity import block_of, clusters


def _visit(hosts: tuple[str, ...], destination: str, day: int) -> Event:
    return Event(
        event_type="state_visit",
        name="Kenyan President's state visit",
        start_date=dt.date(2024, 3, day),
        end_date=None,
        date_precision="day",
        location_name=None,
        location_country_iso3=destination,
        participants=(
            EventParticipant("guest", "Otieno Wafula", "person", "KEN"),
            *(EventParticipant("host", h, "person", destination) for h in hosts),
        ),
        mentions=(Mention(0, 5, "visit"),),
        summary=None,
        confidence=0.7,
    )


def _block(event: Event) -> str:
    rows = [(p.role, p.name, p.kind, p.country_iso3) for p in event.participants]
    return block_of(event.event_type, event.name, rows, event.location_country_iso3)


def test_one_trip_met_different_hosts_in_different_reports() -> None:
    assert _block(_visit(("Ana Lima",), "BRA", 4)) == _block(_visit(("Rui Costa",), "BRA", 6))


def test_trips_to_different_destinations_stay_apart() -> None:
    assert _block(_visit(("Ana Lima",), "BRA", 4)) != _block(_visit(("Ana Lima",), "ARG", 4))


def _report(
    i: int, name: str, start: dt.date | None, precision: str | None, **kw: object
) -> Report:
    return Report(f"{i:064d}", kw.pop("etype", "summit"), name, start, kw.pop("end", None),  # type: ignore[arg-type]
                  precision, None, None, None, 0.5, id=i, **kw)  # type: ignore[arg-type]  # fmt: skip


def _names(found: dict[str, list[Report]]) -> list[list[str]]:
    return sorted(sorted(f"{r.name}/{r.date_precision}" for r in rs) for rs in found.values())


def test_editions_are_different_gatherings_and_an_edition_less_name_joins_only_one() -> None:
    year = [
        _report(1, "Sixth Conference of the Parties", dt.date(2024, 1, 1), "year"),
        _report(2, "Seventh Conference of the Parties", dt.date(2024, 1, 1), "year"),
    ]
    day = _report(3, "Conference of the Parties", dt.date(2024, 11, 11), "day")
    # The one dated conference of 2024 names no edition: it cannot be both the 6th and the 7th.
    assert _names(clusters("gathering", [*year, day])) == [
        ["Conference of the Parties/day"],
        ["Seventh Conference of the Parties/year"],
        ["Sixth Conference of the Parties/year"],
    ]
    assert _names(clusters("gathering", [year[0], day])) == [
        ["Conference of the Parties/day", "Sixth Conference of the Parties/year"]
    ]


def test_a_day_inside_a_visits_range_is_the_visit_but_not_inside_a_calls() -> None:
    for family, etype, together in (("visit", "visit", 1), ("contact", "call", 2)):
        block = f"{family}|ana lima@BRA"
        ranged = _report(1, "trip", dt.date(2024, 3, 4), "day", etype=etype,
                         end=dt.date(2024, 3, 7))  # fmt: skip
        inside = _report(2, "trip", dt.date(2024, 3, 6), "day", etype=etype)
        assert len(clusters(block, [ranged, inside])) == together


def test_an_undated_report_joins_the_one_occurrence_and_stays_apart_from_two() -> None:
    block = "contact|ana lima+rui costa"
    undated = _report(1, "meeting", None, None, etype="meeting")
    one = _report(2, "meeting", dt.date(2024, 3, 6), "day", etype="meeting")
    other = _report(3, "meeting", dt.date(2024, 9, 2), "day", etype="meeting")
    assert len(clusters(block, [undated, one])) == 1
    assert len(clusters(block, [undated, one, other])) == 3


def test_clusters_do_not_depend_on_the_order_of_reports() -> None:
    reports = [
        _report(1, "Ocean Summit", dt.date(2024, 5, 14), "day"),
        _report(2, "Coral Sea Ocean Summit", dt.date(2024, 5, 14), "day"),
        _report(3, "Ocean Summit", dt.date(2024, 5, 1), "month"),
        _report(4, "Ocean Summit", dt.date(2024, 1, 1), "year"),
        _report(5, "Ocean Summit", None, None),
    ]
    found = clusters("gathering", reports)
    assert len(found) == 1
    assert _names(clusters("gathering", reports[::-1])) == _names(found)
    assert set(clusters("gathering", reports[::-1])) == set(found)
