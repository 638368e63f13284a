"""Event classes that sentence-level triggers used to miss or invent (issue 12): scheduled
occurrences, enumerated counterparts, arrivals, quantified and conditional clauses. Every
sentence here is invented for the test."""

from __future__ import annotations

import datetime as dt

import pytest
from event_text import countries, find, people

from etl.facts import Event

PUBLISHED = dt.date(2023, 6, 16)  # a Friday


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return find(text, published)


# Scheduled occurrences -------------------------------------------------------------------


def test_a_visit_scheduled_to_the_day_is_an_event_dated_forward() -> None:
    (e,) = events("Kenyan Foreign Minister Alfred Mutua will visit Brazil on Tuesday.")
    assert e.event_type == "visit"
    assert {"KEN", "BRA"} <= countries(e)
    # A coming weekday is the next one after the publication date, not the last one.
    assert (e.start_date, e.date_precision) == (dt.date(2023, 6, 20), "day")


def test_a_scheduled_month_day_before_the_anchor_moves_to_next_year() -> None:
    (e,) = events("Emmanuel Macron is scheduled to visit Japan on March 3.")
    assert e.start_date == dt.date(2024, 3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Macron will visit Japan soon.",
        "Emmanuel Macron would visit Japan on Tuesday if invited.",
        "If Emmanuel Macron meets Xi Jinping on Tuesday, they will discuss trade.",
        "Emmanuel Macron hopes to visit Japan on March 3.",
    ],
)
def test_future_without_a_day_modal_or_conditional_is_not_an_event(text: str) -> None:
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it would block the adoption of any resolution on the matter.",
        "No agreement was signed between Chile and Peru.",
    ],
)
def test_quantified_away_occurrences_are_not_events(text: str) -> None:
    assert events(text) == []


# Enumerated counterparts ------------------------------------------------------------------


def test_phone_conversations_with_a_list_of_people_are_one_call_each() -> None:
    found = events(
        "On Thursday, Spanish Foreign Minister Jose Manuel Albares held phone conversations "
        "with Brazilian Foreign Minister Mauro Vieira, Chilean Foreign Minister Alberto van "
        "Klaveren and Mexican Foreign Secretary Alicia Barcena."
    )
    calls = [e for e in found if e.event_type == "call"]
    assert len(calls) == 3
    assert all("José Manuel Albares" in people(e) for e in calls)  # canonical name
    assert {frozenset(countries(e)) for e in calls} == {
        frozenset({"ESP", "BRA"}),
        frozenset({"ESP", "CHL"}),
        frozenset({"ESP", "MEX"}),
    }
    assert all(e.start_date == dt.date(2023, 6, 15) for e in calls)


def test_calls_with_the_leaders_of_listed_countries_merge_with_later_mentions() -> None:
    text = (
        "Indian Prime Minister Narendra Modi highlighted trade in his phone conversations with "
        "the leaders of Kenya, Ghana and Norway on Monday. In his phone conversation with "
        "Kenyan President William Ruto, Modi praised the partnership."
    )
    calls = [e for e in events(text) if e.event_type == "call"]
    assert sorted(sorted(countries(e)) for e in calls) == [
        ["GHA", "IND"],
        ["IND", "KEN"],
        ["IND", "NOR"],
    ]
    kenya = next(e for e in calls if "KEN" in countries(e))
    assert people(kenya) == {"Narendra Modi", "William Ruto"}
    assert len(kenya.mentions) == 2


def test_a_single_meeting_with_two_people_stays_one_meeting() -> None:
    found = events(
        "On Monday, Xi Jinping held a meeting with Emmanuel Macron and Ursula von der Leyen."
    )
    meetings = [e for e in found if e.event_type == "meeting"]
    assert len(meetings) == 1
    assert people(meetings[0]) == {"Xi Jinping", "Emmanuel Macron", "Ursula von der Leyen"}


# Arrivals ---------------------------------------------------------------------------------


def test_arrival_to_pay_a_state_visit_is_a_state_visit_to_the_citys_country() -> None:
    (e,) = events("Chinese President Xi Jinping arrived in Hanoi on Tuesday to pay a state visit.")
    assert e.event_type == "state_visit"
    assert (e.location_name, e.location_country_iso3) == ("Hanoi", "VNM")
    assert countries(e) == {"CHN", "VNM"}
    assert e.start_date == dt.date(2023, 6, 13)


def test_arrival_here_is_a_visit_to_the_dateline_place() -> None:
    text = "NAIROBI: Indonesian President Joko Widodo arrived here today for an official visit."
    (e,) = events(text)
    assert e.event_type == "visit"
    assert e.location_country_iso3 == "KEN"
    assert people(e) == {"Joko Widodo"}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese Premier Li Qiang arrived back in Beijing on Friday.",
        "Indonesian President Joko Widodo arrived in Nairobi on Friday.",
    ],
)
def test_coming_home_or_bare_travel_is_not_a_visit(text: str) -> None:
    assert [e for e in events(text) if e.event_type in ("visit", "state_visit")] == []


# Gatherings without a name ----------------------------------------------------------------


def test_an_attended_symposium_without_a_name_is_a_conference() -> None:
    (e,) = events("On Tuesday, Wang Yi attended a symposium on maritime cooperation in Manila.")
    assert e.event_type == "conference"
    assert e.name.startswith("Symposium on maritime cooperation")
    assert e.start_date == dt.date(2023, 6, 13)
    assert "Wang Yi" in people(e)


def test_a_summit_held_on_a_weekday_is_a_summit() -> None:
    found = events("Egypt and Jordan convened a high-profile summit held on a Wednesday in Cairo.")
    (e,) = [e for e in found if e.event_type == "summit"]
    assert e.start_date == dt.date(2023, 6, 14)
    assert e.location_country_iso3 == "EGY"
    assert {"EGY", "JOR"} <= countries(e)


def test_the_summit_points_back_at_the_named_one() -> None:
    text = (
        "In May, Xi Jinping attended the 3rd Pacific Islands Leaders Summit in Suva. "
        "At the summit, Xi Jinping held talks with leaders of the region."
    )
    summits = [e for e in events(text) if e.event_type == "summit"]
    assert len(summits) == 1 and len(summits[0].mentions) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Spokesperson Mao Ning held a press conference on Tuesday.",
        "Both sides said a summit could be useful.",
        "The ministers discussed the forum and its future.",
    ],
)
def test_press_conferences_and_talk_about_gatherings_are_not_events(text: str) -> None:
    assert [e for e in events(text) if e.event_type in ("summit", "conference", "forum")] == []


# Nominal occurrences and false gatherings -------------------------------------------------


def test_a_named_visitors_visit_without_destination_stands_for_itself() -> None:
    (e,) = events("Narendra Modi's state visit last week deepened the partnership.")
    assert e.event_type == "state_visit"
    assert people(e) == {"Narendra Modi"}


def test_a_persons_meeting_is_a_meeting_not_a_named_gathering() -> None:
    (e,) = events(
        "Prime Minister Anthony Albanese's meeting with Prime Minister Chris Hipkins in "
        "Wellington on Monday was warm."
    )
    assert e.event_type == "meeting"
    assert people(e) == {"Anthony Albanese", "Chris Hipkins"}


def test_an_institution_of_the_catalogue_is_not_a_gathering() -> None:
    found = events(
        "On Monday, the UN Conference on Trade and Development published a report on "
        "shipping costs."
    )
    assert [e for e in found if e.event_type in ("summit", "conference", "forum")] == []


def test_a_gathering_name_alone_on_a_menu_line_is_not_an_event() -> None:
    text = "Home\nFifth Plenary Session\nNews\n\nThe ministry published a price list on Monday."
    assert events(text) == []


# Places -----------------------------------------------------------------------------------


def test_a_fronted_place_locates_the_sentences_gathering() -> None:
    (e,) = events("In Nairobi, Xi Jinping chaired the China-East Africa Summit on Monday.")
    assert (e.location_name, e.location_country_iso3) == ("Nairobi", "KEN")


def test_a_fronted_place_is_not_the_place_of_a_visit_elsewhere() -> None:
    found = events("In Nairobi, officials said Xi Jinping visited Brazil on Monday.")
    (visit,) = [e for e in found if e.event_type == "visit"]
    assert visit.location_country_iso3 == "BRA" and visit.location_name is None


# Contacts named from one side -------------------------------------------------------------


def test_a_meeting_with_one_named_person_is_a_meeting_and_joins_the_full_mention() -> None:
    text = (
        "The agreement reached at the meeting with Kenyan Foreign Minister Musalia Mudavadi "
        "on June 12 was welcomed. Indian Foreign Minister Subrahmanyam Jaishankar met "
        "Musalia Mudavadi on June 12 in Nairobi."
    )
    (e,) = [e for e in events(text) if e.event_type == "meeting"]
    assert people(e) == {"Musalia Mudavadi", "Subrahmanyam Jaishankar"}
    assert len(e.mentions) == 2
    assert e.start_date == dt.date(2023, 6, 12)


def test_discussions_with_a_semicolon_list_are_one_meeting_each() -> None:
    text = (
        "On Tuesday, the envoy arrived. He held discussions with Aleksandar Vucic, President "
        "of Serbia; Jakov Milatovic, President of Montenegro; and Edi Rama, Prime Minister "
        "of Albania."
    )
    meetings = [e for e in events(text) if e.event_type == "meeting"]
    assert len(meetings) == 3
    # "He" is not resolved here: each meeting carries its named counterpart.
    assert sorted(sorted(countries(e)) for e in meetings) == [["ALB"], ["MNE"], ["SRB"]]


def test_a_meeting_of_an_institutions_members_is_named_by_its_phrase() -> None:
    (e,) = events(
        "On Monday, EU leaders took part in an informal meeting of the members of the European "
        "Council on the latest developments related to Serbia and Kosovo."
    )
    assert e.event_type == "meeting"
    assert e.name == "Informal meeting of the members of the European Council"


def test_a_topic_is_not_a_party_to_talks() -> None:
    found = events("On Monday, the ministers held talks on the situation in Sudan and Chad.")
    assert not any({"SDN", "TCD"} <= countries(e) for e in found)


def test_a_bulleted_menu_line_reports_nothing() -> None:
    text = "• The 7th Plenary Session\n• Xi meets Putin\n\nThe site was updated on Monday."
    assert events(text) == []


def test_a_bodys_session_acting_is_not_a_gathering() -> None:
    found = events(
        "On Friday, the 79th session of the UN General Assembly adopted a resolution on "
        "ocean cooperation."
    )
    assert [e.event_type for e in found] == ["resolution"]


# Texts issued together --------------------------------------------------------------------


def test_a_joint_statement_issued_by_both_sides_is_a_signing() -> None:
    (e,) = events("On Tuesday, Kenya and Japan issued a joint statement on maritime security.")
    assert e.event_type == "signing"
    assert {"KEN", "JPN"} <= countries(e)
    assert e.start_date == dt.date(2023, 6, 13)


def test_a_named_statement_issued_in_a_year_is_a_signing_of_that_year() -> None:
    found = events("The leaders recalled the Kenya-Japan Vision Statement issued in 2019.")
    (e,) = [e for e in found if e.event_type == "signing"]
    assert e.name == "Kenya-Japan Vision Statement"
    assert (e.start_date, e.date_precision) == (dt.date(2019, 1, 1), "year")


def test_the_signing_ceremony_for_a_text_is_its_signing() -> None:
    found = events(
        "On Monday, the ministers attended the signing ceremony for the Joint Declaration."
    )
    assert [e.event_type for e in found] == ["signing"]


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, the Foreign Ministry issued a statement condemning the attack.",
        "On Tuesday, the two ministers had an exchange of views on trade.",
    ],
)
def test_one_sides_statement_or_an_exchange_of_views_is_not_a_signing(text: str) -> None:
    assert [e for e in events(text) if e.event_type == "signing"] == []


def test_exchanging_cooperation_documents_is_a_signing() -> None:
    found = events(
        "On Monday, President Ferdinand Marcos and President Vo Van Thuong witnessed the "
        "exchange of cooperation documents."
    )
    assert "signing" in [e.event_type for e in found]


def test_being_somewhere_to_attend_a_gathering_is_attending_it() -> None:
    found = events("Wang Yi is in Jakarta to attend the ASEAN Foreign Ministers' Meeting.")
    (e,) = [e for e in found if e.event_type == "conference"]
    assert "Wang Yi" in people(e)


def test_travelling_to_a_city_is_a_visit_to_its_country() -> None:
    (e,) = events("On Monday, Sushma Swaraj travelled to Islamabad for talks.")
    assert e.event_type == "visit"
    assert (e.location_name, e.location_country_iso3) == ("Islamabad", "PAK")


def test_an_institutions_members_meeting_is_the_institutions_meeting() -> None:
    (e,) = events("We, the Leaders of the Group of Seven (G7), met virtually on December 6, 2022.")
    assert e.event_type == "meeting"
    assert e.name == "G7 leaders' virtual meeting"
    assert e.start_date == dt.date(2022, 12, 6)


def test_a_capitalised_topic_does_not_name_a_gathering() -> None:
    text = (
        "On Monday, Kenya hosted the 2nd Nairobi Peace Conference. Later, the conference on "
        "Sudan was taking place at the convention centre."
    )
    gatherings = [e for e in events(text) if e.event_type == "conference"]
    assert len(gatherings) == 1 and len(gatherings[0].mentions) == 2


def test_a_day_inside_a_multi_day_gathering_is_that_gathering() -> None:
    text = (
        "The 3rd Kenya-Japan Summit was held in Nairobi from June 12 to 14. "
        "On Tuesday, the 3rd Kenya-Japan Summit was attended by Fumio Kishida."
    )
    summits = [e for e in events(text) if e.event_type == "summit"]
    assert len(summits) == 1
    assert (summits[0].start_date, summits[0].end_date) == (
        dt.date(2023, 6, 12),
        dt.date(2023, 6, 14),
    )
