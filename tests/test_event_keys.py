"""Cross-document keys of visits: a trip is its traveller and destination, whoever each
report says the traveller met there."""

from __future__ import annotations

import datetime as dt

from etl.facts import Event, EventParticipant, Mention
from etl.load.dedupe import event_key


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


def test_one_trip_met_different_hosts_in_different_reports() -> None:
    assert event_key(_visit(("Ana Lima",), "BRA", 4)) == event_key(_visit(("Rui Costa",), "BRA", 6))


def test_trips_to_different_destinations_stay_apart() -> None:
    assert event_key(_visit(("Ana Lima",), "BRA", 4)) != event_key(_visit(("Ana Lima",), "ARG", 4))
