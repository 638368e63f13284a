"""Classic wire phrasing of contacts (issue 22 class 2): "called on the President" is a courtesy
meeting but "called on X to ..." an appeal, "telephoned" is a call, "hosted X" is a meeting and
X's visit, "gave a warm welcome to" is a meeting, and a meeting reported elsewhere in the text
is not turned into a call by an unqualified "talked with".

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import countries, find, of_type, people

_ISSUED = dt.date(2019, 5, 10)
_MONDAY = dt.date(2019, 5, 6)


def _contacts(text: str) -> list[tuple[str, frozenset[str], dt.date | None]]:
    return [
        (e.event_type, frozenset(people(e)), e.start_date)
        for e in of_type(find(text, _ISSUED), "meeting", "call")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Arjun Rao called on President Sita Koirala at her office on Monday.",
        "Prime Minister Arjun Rao called on President Sita Koirala on Monday and discussed trade.",
        "Prime Minister Arjun Rao paid a courtesy call on President Sita Koirala on Monday.",
    ],
)
def test_calling_on_someone_is_a_courtesy_meeting(text: str) -> None:
    assert _contacts(text) == [("meeting", frozenset({"Arjun Rao", "Sita Koirala"}), _MONDAY)]


@pytest.mark.parametrize(
    "text",
    [
        "President Tomas Varga called on Prime Minister Lars Holm to release the detainees on "
        "Monday.",
        "President Tomas Varga on Monday called on Prime Minister Lars Holm for restraint.",
        "The ministers called on all parties to return to the table on Monday.",
    ],
)
def test_calling_on_someone_to_act_is_an_appeal(text: str) -> None:
    assert _contacts(text) == []


def test_telephoned_is_a_call() -> None:
    assert _contacts(
        "Prime Minister Arjun Rao telephoned his Nepali counterpart Sita Koirala on Monday."
    ) == [("call", frozenset({"Arjun Rao", "Sita Koirala"}), _MONDAY)]
    assert _contacts(
        "Prime Minister Lars Holm telephoned President Tomas Varga on Monday to discuss the crisis."
    ) == [("call", frozenset({"Lars Holm", "Tomas Varga"}), _MONDAY)]


def test_hosting_a_foreign_leader_is_a_meeting_and_the_guests_visit() -> None:
    found = find(
        "President Tomas Varga of Hungary hosted Prime Minister Lars Holm of Denmark in Budapest "
        "on Monday.",
        _ISSUED,
    )
    (m,) = of_type(found, "meeting")
    assert people(m) == {"Tomas Varga", "Lars Holm"}
    (v,) = of_type(found, "visit")
    assert v.name == "Lars Holm's visit to Hungary"
    assert countries(v) == {"DNK", "HUN"}
    assert v.start_date == _MONDAY
    # One's own minister is hosted, not visiting; a hosted gathering is that gathering.
    assert not of_type(
        find(
            "President Tomas Varga of Hungary hosted his Interior Minister Pal Kiss of Hungary on "
            "Monday.",
            _ISSUED,
        ),
        "visit",
    )
    assert not of_type(
        find("Prime Minister Narendra Modi hosted the G20 summit in New Delhi on Monday.", _ISSUED),
        "visit",
        "meeting",
    )


def test_a_warm_welcome_to_someone_is_a_meeting() -> None:
    assert _contacts(
        "President Tomas Varga gave a warm welcome to Chancellor Greta Lindqvist in Budapest on "
        "Monday."
    ) == [("meeting", frozenset({"Tomas Varga", "Greta Lindqvist"}), _MONDAY)]
    assert _contacts("The crowd gave a warm welcome to the decision on Monday.") == []


def test_talking_with_the_host_met_in_a_visit_report_stays_a_meeting() -> None:
    found = _contacts(
        "Kenyan President meets Senate Chairman\n\n"
        "ISLAMABAD, May 7 -- Kenyan President Daniel Otieno, who is on a three-day state visit "
        "to Pakistan, meets Senate Chairman Rana Aziz.\n\n"
        "Otieno talked with Aziz about trade and parliamentary exchanges."
    )
    assert [(t, who) for t, who, _d in found] == [
        ("meeting", frozenset({"Daniel Otieno", "Rana Aziz"}))
    ]
    # Alone, an unqualified "talked with" stays what a release means by it: a call.
    alone = _contacts(
        "President Daniel Otieno talked with Senate Chairman Rana Aziz about trade on Monday."
    )
    assert [t for t, _w, _d in alone] == ["call"]


def test_talks_held_in_a_capital_and_talks_one_returns_for() -> None:
    assert _contacts(
        "Foreign Minister Ana Lopes held talks in Lisbon on Monday with her Spanish counterpart "
        "Pablo Ortiz."
    ) == [("meeting", frozenset({"Ana Lopes", "Pablo Ortiz"}), _MONDAY)]
    found = find(
        "The envoy Hans Moller returned to Geneva for talks with the Syrian delegation on Monday.",
        _ISSUED,
    )
    (m,) = of_type(found, "meeting")
    assert "Hans Moller" in people(m) and "SYR" in countries(m)
