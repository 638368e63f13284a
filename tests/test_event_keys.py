"""Cross-document blocks of visits: a trip is its traveller and destination, whoever each
report says the traveller met there."""

from __future__ import annotations

import datetime as dt

from etl.facts import Event, EventParticipant, Mention
from etl.load.identity import block_of


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
