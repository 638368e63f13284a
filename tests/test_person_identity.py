"""The same person or organization gets the same name in every document: a surname alone
after an office is the one known person who fits; an organization's name is the same
whichever form of its country it uses.

The sentences are written for these tests. Names not in seeds/people.csv are invented.
"""

from __future__ import annotations

from etl.extract.nlp import analyze
from etl.extract.organizations import canonical_name, country_normal_form, find_organizations
from etl.extract.people import find_people
from etl.extract.person_lexicon import offices_agree, seed_by_surname
from etl.facts import Entity


def persons(text: str) -> dict[str, Entity]:
    return {p.name: p for p in find_people(text, analyze(text))}


def test_surname_after_matching_office_is_the_known_person() -> None:
    found = persons("Deputy Secretary Sherman met Vice Foreign Minister Takeo Mori on Tuesday.")
    assert "Wendy Sherman" in found
    assert "Sherman" not in found
    assert found["Wendy Sherman"].country_iso3 == "USA"


def test_surname_resolution_needs_the_office_to_fit() -> None:
    # Wendy Sherman is not a Prime Minister: the lone surname stays as written.
    found = persons("Prime Minister Sherman addressed the parliament on Tuesday.")
    assert "Wendy Sherman" not in found
    assert "Sherman" in found


def test_full_name_in_the_document_wins_over_the_known_person() -> None:
    found = persons(
        "Trade Minister Dalia Sherman opened the fair. Later, Minister Sherman left for Rome."
    )
    assert set(found) == {"Dalia Sherman"}


def test_common_surname_is_never_guessed() -> None:
    found = persons("President Kim received the delegation on Tuesday.")
    assert not any(" " in name for name in found)


def test_near_spelling_with_matching_office_is_the_known_person() -> None:
    found = persons(
        "Xi Jinping held a video meeting with the President of the European Council Michelle."
    )
    assert "Charles Michel" in found
    assert "Michelle" not in found


def test_offices_agree() -> None:
    assert offices_agree("Deputy Secretary", "Deputy Secretary of State")
    assert offices_agree("President", "President of the European Council")
    assert not offices_agree("Foreign Minister", "Prime Minister")
    assert seed_by_surname("Sherman", None) is None


def test_country_forms_in_organization_names() -> None:
    assert country_normal_form("Ministry of Commerce of the People's Republic of China") == (
        "Ministry of Commerce of China"
    )
    assert country_normal_form("Ministry of Commerce The People's Republic of China") == (
        "Ministry of Commerce of China"
    )
    assert country_normal_form("Embassy of the Russian Federation in Oslo") == (
        "Embassy of Russia in Oslo"
    )
    assert country_normal_form("Embassy of the United States of America") == (
        "Embassy of the United States"
    )
    assert country_normal_form("Chinese Ministry of Commerce") == "Chinese Ministry of Commerce"
    assert country_normal_form("Bank of China") == "Bank of China"


def test_known_organization_under_another_country_form() -> None:
    assert canonical_name("Ministry of Foreign Affairs The People's Republic of China") == (
        "Ministry of Foreign Affairs of China"
    )


def test_found_organization_takes_its_country_normal_name() -> None:
    text = (
        "The Ministry of Ecology and Environment of the People's Republic of China issued a "
        "notice on Monday."
    )
    names = {o.name for o in find_organizations(text, analyze(text))}
    assert "Ministry of Ecology and Environment of China" in names


def test_malay_honorifics_are_not_part_of_the_name() -> None:
    found = persons(
        "Transport Minister Datuk Seri Hamzah Rahim and the Premier of Sabah Tan Sri Idris "
        "Lajim met Johor Menteri Besar Datuk Faizal Osman on Monday."
    )
    assert {"Hamzah Rahim", "Idris Lajim", "Faizal Osman"} <= set(found)
    assert not any(n.startswith(("Datuk", "Tan Sri", "Menteri")) for n in found)


def test_hyphenated_surname_after_office_is_the_known_person() -> None:
    found = persons("Ambassador Thomas-Greenfield addressed the Council on Monday.")
    assert set(found) == {"Linda Thomas-Greenfield"}


def test_accented_surname_after_office_is_the_known_person() -> None:
    found = persons("President Moise spoke to reporters in Port-au-Prince.")
    assert "Jovenel Moïse" in found


def test_transcript_interjections_are_not_people() -> None:
    found = persons("QUESTION: What about the talks?\nMR PRICE: Well, I think so. So, yes.")
    assert not ({"Well", "So", "Yes"} & set(found))


def test_name_of_a_building_is_not_a_person() -> None:
    found = persons(
        "The talks took place at the King Faisal Bin Omar Convention Centre. Later he landed "
        "at Jomo Kenyatta International Airport and met President Uhuru Kenyatta."
    )
    assert set(found) == {"Uhuru Kenyatta"}
    assert [m.text for m in found["Uhuru Kenyatta"].mentions] == ["Uhuru Kenyatta"]


def test_meeting_words_after_a_title_are_not_a_name() -> None:
    found = persons(
        "I will meet my counterpart for Foreign Minister Consultations.\n\nOpening Remarks\n\n"
        "Foreign Minister Lela Tamari spoke first."
    )
    assert set(found) == {"Lela Tamari"}


def test_given_name_after_an_honorific_stays_in_the_name() -> None:
    found = persons(
        "Also present were Foreign Ministry secretary-general Datuk Seri Amran Mohamed Zin and "
        "Datuk Dr Azfar Mohamad Mustafar."
    )
    assert "Amran Mohamed Zin" in found
