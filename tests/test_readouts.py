"""Readouts of calls and meetings on invented sentences: the ways a ministry says two people
spoke, the day it happened (against the release date or the dateline's date), and the credit
line naming the spokesperson, who takes part in nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import find, people

from etl.facts import Event

RELEASED = dt.date(2022, 3, 23)  # a Wednesday


def events(
    text: str, published: dt.date | None = RELEASED, dateline: str | None = None
) -> list[Event]:
    return find(text, published, dateline)


def only(text: str, **kw: object) -> Event:
    found = events(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(e.event_type, e.name) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Foreign Minister Maria Lopez spoke today with Canadian Foreign Minister Paul Henley.",
            23,
        ),
        ("Prime Minister Ravi Menon spoke by phone yesterday with Chancellor Klaus Werner.", 22),
        ("President Omar Haddad talked by telephone on Monday with President Selim Arslan.", 21),
        ("Foreign Minister Anna Berg held a call with Foreign Minister Kenji Sato on Tuesday.", 22),
        ("Minister Anna Berg had a phone conversation today with Minister Kenji Sato.", 23),
        ("Minister Anna Berg phoned her counterpart Kenji Sato yesterday.", 22),
    ],
)
def test_ways_of_reporting_a_call(text: str, day: int) -> None:
    e = only(text)
    assert e.event_type == "call"
    assert len(people(e)) == 2
    assert (e.start_date, e.date_precision) == (dt.date(2022, 3, day), "day")


def test_spoke_with_in_one_place_is_a_meeting() -> None:
    found = events(
        "President Omar Haddad spoke with President Selim Arslan on the sidelines of the "
        "summit today."
    )
    e = next(e for e in found if "Omar Haddad" in people(e))
    assert e.event_type == "meeting"
    assert people(e) == {"Omar Haddad", "Selim Arslan"}


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Anna Berg spoke to reporters in Oslo on Tuesday.",
        "Minister Kenji Sato repeated the call for restraint made by Anna Berg.",
        "Minister Kenji Sato called for calm after speaking at the forum.",
    ],
)
def test_speaking_without_a_counterpart_is_no_contact(text: str) -> None:
    assert not [e for e in events(text) if e.event_type in ("call", "meeting")]


def test_calls_listed_respectively_are_one_call_each() -> None:
    found = events(
        "Foreign Minister Anna Berg on Monday held phone conversations with Japanese Foreign "
        "Minister Kenji Sato, Chilean Foreign Minister Maria Lopez and Kenyan Foreign Minister "
        "David Otieno respectively."
    )
    calls = [e for e in found if e.event_type == "call"]
    assert {frozenset(people(e)) for e in calls} == {
        frozenset({"Anna Berg", "Kenji Sato"}),
        frozenset({"Anna Berg", "Maria Lopez"}),
        frozenset({"Anna Berg", "David Otieno"}),
    }
    assert all(e.start_date == dt.date(2022, 3, 21) for e in calls)
    assert all(e.name.endswith("phone call") for e in calls)


def test_the_call_between_two_leaders() -> None:
    found = events(
        "Minister Anna Berg met Minister Kenji Sato today to follow up on the March 2 call "
        "between President Omar Haddad and President Selim Arslan."
    )
    call = next(e for e in found if e.event_type == "call")
    assert people(call) == {"Omar Haddad", "Selim Arslan"}
    assert (call.start_date, call.date_precision) == (dt.date(2022, 3, 2), "day")


def test_attribution_line_names_no_participant() -> None:
    text = (
        "The following is attributable to Spokesperson Tom Reed:\n\n"
        "Secretary of State Lisa Grant met today with Indian Foreign Minister Arjun Rao. "
        "They discussed trade and the summit."
    )
    found = events(text)
    assert found
    assert all("Tom Reed" not in people(e) for e in found)
    meeting = next(e for e in found if e.event_type == "meeting")
    assert people(meeting) == {"Lisa Grant", "Arjun Rao"}


def test_dateline_date_anchors_weekdays() -> None:
    # Published the next day; the dateline says when "on Tuesday" was written.
    e = only(
        "Foreign Minister Anna Berg on Tuesday held talks with Foreign Minister Kenji Sato.",
        published=dt.date(2022, 10, 28),
        dateline="Oct. 26",
    )
    assert (e.start_date, e.date_precision) == (dt.date(2022, 10, 25), "day")


def test_dateline_in_the_previous_year() -> None:
    e = only(
        "Foreign Minister Anna Berg met Foreign Minister Kenji Sato today.",
        published=dt.date(2023, 1, 1),
        dateline="Dec. 31",
    )
    assert e.start_date == dt.date(2022, 12, 31)


def test_month_day_takes_the_nearest_year() -> None:
    # In a release of March 23, 2022, "the March 24 summit" is the next day, not 2021.
    found = events(
        "Secretary Lisa Grant traveled to Brussels for the March 24 Extraordinary NATO Summit."
    )
    summit = next(e for e in found if e.event_type == "summit")
    assert summit.start_date == dt.date(2022, 3, 24)


def test_welcoming_a_minister_is_a_meeting() -> None:
    e = only(
        "Secretary of State Lisa Grant welcomed Indian Foreign Minister Arjun Rao to the "
        "foreign ministry on Monday."
    )
    assert e.event_type == "meeting"
    assert people(e) == {"Lisa Grant", "Arjun Rao"}
    assert not events("Minister Kenji Sato welcomed the decision by the council.")


def test_exchanging_views_is_a_meeting_and_by_phone_a_call() -> None:
    met = only("Minister Anna Berg and Minister Kenji Sato exchanged views on trade on Monday.")
    assert (met.event_type, people(met)) == ("meeting", {"Anna Berg", "Kenji Sato"})
    called = only("President Omar Haddad held talks by phone with President Selim Arslan.")
    assert called.event_type == "call"
    assert only("The leaders met virtually with Minister Kenji Sato and Minister Anna Berg.")


def test_meeting_one_named_person_and_a_foreign_state() -> None:
    e = only("Deputy Secretary Wendy Sherman met with the Gabonese Minister of Defense today.")
    assert e.event_type == "meeting"
    assert {p.country_iso3 for p in e.participants} >= {"GAB"}


def test_later_mention_of_one_of_several_calls_joins_it() -> None:
    found = events(
        "Foreign Minister Anna Berg on Monday held phone conversations with Japanese Foreign "
        "Minister Kenji Sato and Chilean Foreign Minister Maria Lopez respectively. "
        "During phone talks with her Japanese counterpart, Berg said trade had grown. "
        "When talking with Lopez, Berg said ties were strong."
    )
    calls = [e for e in found if e.event_type == "call"]
    assert len(calls) == 2
    by_pair = {frozenset(people(e)): e for e in calls}
    assert len(by_pair[frozenset({"Anna Berg", "Kenji Sato"})].mentions) >= 2
    assert len(by_pair[frozenset({"Anna Berg", "Maria Lopez"})].mentions) >= 2


def test_credit_line_is_its_own_sentence() -> None:
    text = (
        "The below is attributable to Spokesperson Tom Reed:\n\n"
        "Secretary of State Lisa Grant met today with Kenyan Foreign Minister David Otieno in "
        "Nairobi to affirm the partnership."
    )
    meeting = only(text)
    assert people(meeting) == {"Lisa Grant", "David Otieno"}
    assert meeting.start_date == RELEASED


def test_partner_after_a_long_title_in_brackets() -> None:
    e = only(
        "Secretary of State Lisa Grant met today with United Nations High Commissioner for "
        "Refugees (UNHCR) Paolo Ferri in Geneva."
    )
    assert {"Lisa Grant", "Paolo Ferri"} <= people(e)


def test_the_occurrence_the_text_speaks_from_is_on_the_reference_day() -> None:
    joined = only("Thank you for joining this meeting with Minister Kenji Sato and Anna Berg.")
    assert (joined.start_date, joined.date_precision) == (RELEASED, "day")
    headline = only("Minister Anna Berg meets Minister Kenji Sato in Oslo.")
    assert (headline.start_date, headline.date_precision) == (RELEASED, "day")
    reported = only("Minister Anna Berg met Minister Kenji Sato in Oslo.")
    # A lead reporting it in the past tense, undated: a readout of the release's day.
    assert (reported.start_date, reported.date_precision) == (RELEASED, "day")


@pytest.mark.parametrize(
    "text",
    [
        "Office of the Spokesperson\n\nForeign Minister Maria Lopez spoke with Canadian Foreign "
        "Minister Paul Henley. They discussed fisheries and Arctic security.",
        "Minister Tomas Varga's Meeting with Foreign Minister Ines Albu\n\nMinister Tomas Varga "
        "met with Foreign Minister Ines Albu of Moldova. The ministers reviewed energy links.",
    ],
)
def test_an_undated_lead_report_happened_on_the_release_day(text: str) -> None:
    dated = [e for e in events(text) if e.event_type in ("call", "meeting")]
    assert dated, text
    assert all((e.start_date, e.date_precision) == (RELEASED, "day") for e in dated)


def test_an_undated_report_past_the_lead_is_not_given_the_release_day() -> None:
    text = (
        "Good afternoon, everyone.\n\nThank you for coming.\n\nI have a few points on fisheries."
        "\n\nThe quotas are new.\n\nMinister Tomas Varga met with Foreign Minister Ines Albu "
        "of Moldova."
    )
    meetings = [e for e in events(text) if e.event_type == "meeting"]
    assert meetings
    assert all(e.date_precision != "day" for e in meetings)


def test_an_undated_lead_without_a_day_precise_release_keeps_no_day() -> None:
    text = "Minister Tomas Varga met with Foreign Minister Ines Albu of Moldova."
    found = events(text, published=None)
    assert all(e.date_precision != "day" for e in found)


def test_an_undated_lead_in_a_text_naming_another_day_is_not_put_on_the_release_day() -> None:
    text = (
        "Office of the Spokesperson\n\nMinister Tomas Varga met with Foreign Minister Ines Albu "
        "of Moldova.\n\nThe two ministers held their talks in Chisinau on March 20."
    )
    found = events(text)
    assert found
    assert all(e.start_date != RELEASED for e in found)
