"""Announcements of coming visits and attendances, as transcripts and briefings open with them
(issue 22 class 1): the one invited is the visitor whatever the parse made of the name list,
"these three countries" are the inviters' states, a journey to attend a ceremony is a visit
dated by it, and the ceremony is an occurrence of its own.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

from event_text import countries, find, of_type, people

_ISSUED = dt.date(2019, 5, 10)


def _visits(text: str) -> list[tuple[str, frozenset[str], dt.date | None]]:
    return sorted(
        (v.name, frozenset(people(v)), v.start_date)
        for v in of_type(find(text, _ISSUED), "visit", "state_visit")
    )


def test_the_one_invited_after_the_inviters_title_is_the_visitor() -> None:
    # The parse joins the visitor to the inviter ("X of the State Council, Y"): no subject.
    (v,) = of_type(
        find(
            "At the invitation of Premier Wen Hao of the State Council, Chancellor Greta "
            "Lindqvist of the Kingdom of Sweden will pay an official visit to China from May 24 "
            "to 25.",
            _ISSUED,
        ),
        "visit",
    )
    assert people(v) == {"Greta Lindqvist"}
    assert countries(v) == {"SWE", "CHN"}
    assert (v.start_date, v.end_date) == (dt.date(2019, 5, 24), dt.date(2019, 5, 25))


def test_a_visitor_named_before_an_apposition_of_office() -> None:
    (v,) = of_type(
        find(
            "At the invitation of State Councilor and Foreign Minister Wang Yi, Tomas Berglund, "
            "Minister for Foreign Affairs of the Republic of Finland, will pay an official visit "
            "to China from June 6 to 10.",
            _ISSUED,
        ),
        "visit",
    )
    assert people(v) == {"Tomas Berglund"}
    assert v.start_date == dt.date(2019, 6, 6)


def test_two_visitors_joined_by_and_both_visit() -> None:
    (v,) = of_type(
        find(
            "At the invitation of Premier Li Keqiang, Prime Minister Omar Haddad of the Republic "
            "of Tunisia and Prime Minister Karel Novak of the Czech Republic will pay official "
            "visits to China from June 2 to 7.",
            _ISSUED,
        ),
        "visit",
    )
    assert people(v) == {"Omar Haddad", "Karel Novak"}
    assert "Li Keqiang" not in people(v)


def test_the_last_inviter_is_not_the_visitor() -> None:
    found = _visits(
        "At the invitation of the Speaker of the Senate of Gabon Paul Mba, the government of "
        "Uganda, and Speaker of the National Assembly of Kenya Joseph Kamau, Chairman Wang "
        "Yang of the Chinese People's Political Consultative Conference will pay official "
        "visits to the afore-mentioned three countries from June 11 to 20."
    )
    assert [(name, who) for name, who, _d in found] == [
        ("Wang Yang's visit to Gabon", {"Wang Yang"}),
        ("Wang Yang's visit to Kenya", {"Wang Yang"}),
        ("Wang Yang's visit to Uganda", {"Wang Yang"}),
    ]


def test_a_person_in_the_visitors_title_is_not_the_visitor() -> None:
    (v,) = of_type(
        find(
            "At the invitation of President Ana Lopes of Angola, Wang Dongming, Special Envoy "
            "of President Xi Jinping and Vice Chairman of the NPC Standing Committee, will visit "
            "Angola on June 1.",
            _ISSUED,
        ),
        "visit",
    )
    assert "Wang Dongming" in people(v)
    assert "Xi Jinping" not in people(v)
    assert "Ana Lopes" not in people(v)


def test_these_countries_are_the_states_of_the_inviters() -> None:
    found = _visits(
        "At the invitation of President Lena Moro of Italy, President Hugo Brandt of Austria "
        "and President Claire Dubois of France, President Xi Jinping will pay state visits to "
        "these three countries from June 21 to 26."
    )
    assert [name for name, _who, _d in found] == [
        "Xi Jinping's state visit to Austria",
        "Xi Jinping's state visit to France",
        "Xi Jinping's state visit to Italy",
    ]
    assert {d for _n, _w, d in found} == {dt.date(2019, 6, 21)}
    two = _visits(
        "At the invitation of the government of Portugal and the government of Ghana, Vice "
        "Premier Hu Chunhua will visit the aforementioned two countries from July 8 to 13."
    )
    assert [name for name, _who, _d in two] == [
        "Hu Chunhua's visit to Ghana",
        "Hu Chunhua's visit to Portugal",
    ]


def test_travelling_to_attend_a_ceremony_is_a_visit_and_the_ceremony() -> None:
    found = find(
        "At the invitation of the government of Peru, Vice Premier Hu Chunhua will travel to "
        "Lima to attend the inauguration ceremony of President Ana Quispe on July 28.",
        _ISSUED,
    )
    (v,) = of_type(found, "visit")
    assert (v.name, v.start_date) == ("Hu Chunhua's visit to Peru", dt.date(2019, 7, 28))
    (c,) = of_type(found, "other")
    assert c.name.startswith("Inauguration ceremony")
    assert "Hu Chunhua" in people(c)
    assert c.start_date == dt.date(2019, 7, 28)


def test_an_attended_swearing_in_is_an_occurrence_but_not_a_time_reference() -> None:
    (c,) = of_type(
        find(
            "Foreign Minister Ana Lopes attended the swearing-in ceremony of President Tomas "
            "Varga in Budapest on Sunday.",
            _ISSUED,
        ),
        "other",
    )
    assert "Ana Lopes" in people(c)
    assert c.start_date == dt.date(2019, 5, 5)
    assert not of_type(
        find("After the inauguration ceremony on Sunday, the talks resumed.", _ISSUED), "other"
    )
    assert not of_type(
        find("Ministers attended the opening ceremony of the fair on Sunday.", _ISSUED), "other"
    )


def test_a_plan_to_travel_to_attend_is_no_event() -> None:
    found = find(
        "The minister plans to travel to Lima to attend the inauguration ceremony on July 28.",
        _ISSUED,
    )
    assert not of_type(found, "visit", "other")
