"""Event detection on invented sentences: each type, participants and roles, irrealis
clauses skipped, repeated mentions merged."""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import countries, find, people

from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return find(text, published)


def only(text: str, published: dt.date | None = PUBLISHED) -> Event:
    found = events(text, published)
    assert len(found) == 1, [e.name for e in found]
    return found[0]


def test_meeting_between_two_leaders() -> None:
    e = only(
        "On Tuesday, Chinese President Xi Jinping met with French President Emmanuel Macron in Paris."
    )
    assert e.event_type == "meeting"
    assert people(e) == {"Xi Jinping", "Emmanuel Macron"}
    assert {"CHN", "FRA"} <= countries(e)
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 13), "day")
    assert (e.location_name, e.location_country_iso3) == ("Paris", "FRA")
    assert all(p.role == "counterpart" for p in e.participants if p.kind == "person")


def test_phone_call() -> None:
    e = only("On Wednesday, Wang Yi had a phone call with U.S. Secretary of State Antony Blinken.")
    assert e.event_type == "call"
    assert e.name == "Wang Yi-Antony Blinken phone call"
    assert e.start_date == dt.date(2023, 6, 14)


def test_state_visits_one_per_destination() -> None:
    found = events("In April, Xi Jinping paid state visits to Laos and Cambodia.")
    assert sorted((e.event_type, e.location_country_iso3) for e in found) == [
        ("state_visit", "KHM"),
        ("state_visit", "LAO"),
    ]
    assert all(e.date_precision == "month" and e.start_date == dt.date(2023, 4, 1) for e in found)
    roles = {(p.role, p.country_iso3) for p in found[0].participants if p.name is None}
    assert ("host", found[0].location_country_iso3) in roles


def test_visit_by_verb() -> None:
    e = only("Kenyan President William Ruto visited China last month.")
    assert e.event_type == "visit"
    assert e.location_country_iso3 == "CHN"
    assert (e.start_date, e.date_precision) == (dt.date(2023, 5, 1), "month")
    assert {(p.role, p.name) for p in e.participants if p.kind} == {("guest", "William Ruto")}


def test_named_summit_with_ordinal_and_city() -> None:
    e = only("In March, Narendra Modi attended the 12th BRICS Summit in Kazan.")
    assert e.event_type == "summit"
    assert e.name == "12th BRICS Summit"
    assert (e.location_name, e.location_country_iso3) == ("Kazan", "RUS")
    assert people(e) == {"Narendra Modi"}
    assert e.participants[0].role == "attendee"


def test_forum_and_conference() -> None:
    found = events(
        "Premier Li Qiang attended the China-Arab States Cooperation Forum in May. "
        "In February, the leaders addressed the Conference Marking the 60th Anniversary of the Bandung Conference."
    )
    assert [e.event_type for e in found] == ["forum", "conference"]


def test_signing_and_resolution() -> None:
    found = events(
        "In January, China and Kenya signed three cooperation agreements. "
        "In March, the UN General Assembly adopted a resolution on ocean protection."
    )
    assert [e.event_type for e in found] == ["signing", "resolution"]
    assert {"CHN", "KEN"} <= countries(found[0])
    assert found[0].participants[0].role == "signatory"


def test_diplomatic_relations_restored() -> None:
    e = only("In January, Nicaragua agreed to restore diplomatic relations with China.")
    assert e.event_type == "diplomatic_relations"
    assert e.name.startswith("Restoration of diplomatic relations between")
    assert countries(e) == {"NIC", "CHN"}


def test_launch_of_an_initiative() -> None:
    e = only("In March 2021, Xi Jinping proposed the Global Development Initiative.")
    assert e.event_type == "launch"
    assert e.initiatives == ("Global Development Initiative",)
    assert (e.start_date, e.date_precision) == (dt.date(2021, 3, 1), "month")


def test_congratulatory_message_roles() -> None:
    e = only("On Monday, Xi Jinping sent a congratulatory message to President Lula da Silva.")
    assert e.event_type == "message"
    roles = {p.name: p.role for p in e.participants if p.kind == "person"}
    assert roles["Xi Jinping"] == "sender"
    assert "recipient" in roles.values()


def test_anniversary_celebrated() -> None:
    e = only(
        "Last year China and Thailand celebrated the 45th anniversary of diplomatic relations."
    )
    assert e.event_type == "anniversary"
    assert countries(e) == {"CHN", "THA"}
    assert (e.start_date, e.date_precision) == (dt.date(2022, 1, 1), "year")


def test_counted_meetings_are_one_other_event() -> None:
    e = only("Xi Jinping and Vladimir Putin met four times this year.")
    assert e.event_type == "other"
    assert people(e) == {"Xi Jinping", "Vladimir Putin"}


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jinping will visit Brazil next month.",
        "Wang Yi plans to meet Antony Blinken in July.",
        "The two sides should sign more agreements.",
        "Modi is expected to attend the 12th BRICS Summit.",
        "Xi Jinping did not meet Joe Biden.",
    ],
)
def test_future_modal_and_negated_clauses_are_not_events(text: str) -> None:
    assert events(text) == []


def test_mentions_of_one_summit_are_merged() -> None:
    text = (
        "In September, Xi Jinping attended the Nairobi Summit of the Forum on China-Africa "
        "Cooperation. At the FOCAC Nairobi Summit, leaders adopted a plan."
    )
    (e,) = [e for e in events(text) if e.event_type == "summit"]
    assert len(e.mentions) == 2
    assert all(text[m.start : m.end] == m.text for m in e.mentions)
    assert e.start_date == dt.date(2022, 9, 1)


def test_anaphoric_visit_joins_the_earlier_one() -> None:
    text = "In May, Fiji's Prime Minister Sitiveni Rabuka visited China. During the visit, he met Xi Jinping."
    found = events(text)
    visits = [e for e in found if e.event_type == "visit"]
    assert len(visits) == 1 and len(visits[0].mentions) == 2


def test_unknown_publication_date_uses_the_articles_year() -> None:
    e = only("Throughout 2022, ties grew. In June, Wang Yi met Sergey Lavrov.", published=None)
    assert (e.start_date, e.date_precision) == (dt.date(2022, 6, 1), "month")


def test_an_international_official_does_not_make_their_country_a_party() -> None:
    found = only(
        "Japanese Prime Minister Kenji Arakawa met Charles Michel, President of the European "
        "Council, in Brussels, Belgium, on Thursday."
    )
    assert people(found) == {"Kenji Arakawa", "Charles Michel"}
    # Michel is Belgian, and the meeting was in Belgium: neither makes Belgium take part.
    assert countries(found) == {"JPN"}


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Rui Tavares met today with OECD Secretary General Mathias Cormann at"
        " the 63rd OECD Ministerial Council Meeting in Paris.",
        "Foreign Minister Rui Tavares met today with Secretary General Hissein Brahim Taha on the"
        " margins of the first Portugal-OIC Strategic Dialogue in Lisbon.",
    ],
)
def test_meeting_at_a_gathering_is_not_the_gathering(text: str) -> None:
    # Two people met at (or beside) a named gathering: their meeting stands as a meeting; the
    # sentence alone does not say the gathering was just the two of them.
    meetings = [e for e in events(text) if e.event_type == "meeting"]
    assert len(meetings) == 1, [(e.event_type, e.name) for e in events(text)]
    assert {"Mathias Cormann", "Hissein Brahim Taha"} & people(meetings[0])
    assert meetings[0].start_date == PUBLISHED
