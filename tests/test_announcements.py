"""Announced visits and the dates of what a text says is coming (issue 22 class 1, issue 20
item 6): who invited is the host, a yearless range takes the year nearest the reference date,
and a coming occurrence never takes a day that lies before the text, nor a later year.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from event_text import countries, find, of_type, people
from sqlalchemy import Engine, text

from etl import pipeline
from etl.extract.dates import resolve_dates


def _range(sentence: str, anchor: dt.date) -> tuple[dt.date, dt.date | None]:
    (found,) = resolve_dates(sentence, anchor, "day")
    return found.date, found.end_date


def test_a_range_across_months_takes_the_nearest_year() -> None:
    # "27-June 30" is no date of 2030, and a trip under way is not next year's.
    assert _range("The envoy will travel to Chile June 27-June 30.", dt.date(2021, 6, 25)) == (
        dt.date(2021, 6, 27),
        dt.date(2021, 6, 30),
    )
    assert _range("She will be in Lima from May 31 to June 6.", dt.date(2021, 6, 1)) == (
        dt.date(2021, 5, 31),
        dt.date(2021, 6, 6),
    )
    assert _range("He toured the region from December 28 to January 3.", dt.date(2020, 1, 5)) == (
        dt.date(2019, 12, 28),
        dt.date(2020, 1, 3),
    )


def test_the_inviter_hosts_the_announced_visit() -> None:
    found = find(
        "At the invitation of Prime Minister Lars Holm of Denmark, President Tomas Varga of "
        "Hungary will pay an official visit to Denmark, Norway and Finland from May 16 to 24.",
        dt.date(2019, 5, 10),
    )
    visits = of_type(found, "visit", "state_visit")
    assert sorted(tuple(sorted(countries(v))) for v in visits) == [
        ("DNK", "HUN"),
        ("FIN", "HUN"),
        ("HUN", "NOR"),
    ]
    for v in visits:
        assert "Lars Holm" not in {p.name for p in v.participants if p.role == "guest"}
        assert "Tomas Varga" in people(v)
        assert (v.start_date, v.end_date) == (dt.date(2019, 5, 16), dt.date(2019, 5, 24))


def test_a_visit_to_the_long_name_of_a_country_is_found() -> None:
    (v,) = of_type(
        find(
            "At the invitation of Premier Wen Hao, Prime Minister Ana Ruiz of Chile paid an "
            "official visit to the People's Republic of China from March 2 to 6, 2019.",
            dt.date(2019, 3, 7),
        ),
        "visit",
    )
    assert countries(v) == {"CHL", "CHN"}
    assert v.start_date == dt.date(2019, 3, 2)


def test_a_coming_visit_does_not_take_an_earlier_day_of_another_clause() -> None:
    found = find(
        "On July 13, the ministry held a briefing on President Omar Haddad's upcoming visit "
        "to Portugal.",
        dt.date(2018, 7, 18),
    )
    assert not [
        v for v in of_type(found, "visit") if v.start_date and v.start_date > dt.date(2018, 7, 18)
    ]


def test_a_range_in_a_release_does_not_land_in_a_later_year(engine: Engine, tmp_path: Path) -> None:
    releases = {
        "a": ("2021-06-25", "Secretary Anna Berg will travel to Chile and Peru June 27-June 30."),
        "b": ("2021-06-01", "Minister Kenji Sato will travel to Kenya from May 31 to June 6."),
    }
    paths = []
    for name, (published, body) in releases.items():
        path = tmp_path / f"{name}.jsonl"
        record = {"title": f"Travel {name}", "published": published, "text": body}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(str(path))
    pipeline.load(engine, paths)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT e.start_date, e.end_date FROM events e"
                " WHERE e.event_type = 'visit' ORDER BY 1, 2"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        (dt.date(2021, 5, 31), dt.date(2021, 6, 6)),
        (dt.date(2021, 6, 27), dt.date(2021, 6, 30)),
        (dt.date(2021, 6, 27), dt.date(2021, 6, 30)),
    ]
