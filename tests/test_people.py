"""find_people: titles, nationality, appositions, short forms, seeds, and what is not a person.

The sentences are written for these tests; names that are not in seeds/people.csv are
deliberately obscure or invented, so that the rules (not the seed list) must find them.
"""

from __future__ import annotations

import pytest

from etl.extract.nlp import analyze
from etl.extract.people import find_people
from etl.extract.person_lexicon import titles
from etl.facts import Entity


def people(text: str) -> dict[str, Entity]:
    found = find_people(text, analyze(text))
    for person in found:
        for m in person.mentions:
            assert text[m.start : m.end] == m.text
    return {p.name: p for p in found}


def surfaces(person: Entity) -> list[str]:
    return [m.text for m in person.mentions]


def test_titles_seed_has_generic_offices() -> None:
    table = titles()
    assert len(table) >= 80
    assert table["Foreign Minister"] == "minister"
    assert table["Sultan"] == "royal"
    assert set(table.values()) <= {
        "head_of_state",
        "head_of_government",
        "minister",
        "diplomat",
        "official",
        "royal",
        "honorific",
    }


@pytest.mark.parametrize(
    ("text", "name", "country", "title"),
    [
        (
            "Tuvaluan Prime Minister Feleti Teo arrived in Suva on Tuesday.",
            "Feleti Teo",
            "TUV",
            "Prime Minister",
        ),
        (
            "Talks were chaired by Paraguayan Foreign Minister Rubén Ramírez Lezcano.",
            "Rubén Ramírez Lezcano",
            "PRY",
            "Foreign Minister",
        ),
        (
            "Later, Kiribati's Vice President Teuea Toatu opened the new wharf.",
            "Teuea Toatu",
            "KIR",
            "Vice President",
        ),
        (
            "The ceremony was attended by U.S. Deputy Secretary of State Kurt Campbell.",
            "Kurt Campbell",
            "USA",
            "Deputy Secretary of State",
        ),
        (
            "A letter was handed to H.E. Mr. Tomasi Naivalu, who thanked the hosts.",
            "Tomasi Naivalu",
            None,
            None,
        ),
    ],
)
def test_title_introduces_person(
    text: str, name: str, country: str | None, title: str | None
) -> None:
    found = people(text)
    assert name in found, found
    assert found[name].country_iso3 == country
    assert found[name].title == title
    assert surfaces(found[name]) == [name]


def test_surname_first_capitals_are_normalized() -> None:
    found = people("Prime Minister SATO Kenji welcomed the delegation. Sato said ties were good.")
    assert "Kenji Sato" in found
    assert surfaces(found["Kenji Sato"]) == ["SATO Kenji", "Sato"]


def test_seed_person_in_surname_first_capitals() -> None:
    found = people("Prime Minister KISHIDA Fumio spoke first. Then Fumio Kishida left for Tokyo.")
    assert list(found) == ["Fumio Kishida"]
    assert surfaces(found["Fumio Kishida"]) == ["KISHIDA Fumio", "Fumio Kishida"]
    assert found["Fumio Kishida"].country_iso3 == "JPN"


def test_apposition_gives_title_and_country() -> None:
    text = (
        "Ahmed Moalim Fiqi, Somalia's foreign minister, met reporters. "
        "Elsewhere, Maria Teodora Vasquez, the Chilean ambassador, signed the accord."
    )
    found = people(text)
    assert found["Ahmed Moalim Fiqi"].country_iso3 == "SOM"
    assert found["Ahmed Moalim Fiqi"].title == "Foreign Minister"
    assert found["Maria Teodora Vasquez"].country_iso3 == "CHL"
    assert found["Maria Teodora Vasquez"].title == "Ambassador"


def test_apposition_with_organization_complement() -> None:
    text = "Mr. Dale Harlow, spokesperson of the State Department, declined to comment."
    found = people(text)
    assert found["Dale Harlow"].country_iso3 == "USA"


def test_counterpart() -> None:
    text = "The premier held talks with his Latvian counterpart Evika Silina in Riga."
    found = people(text)
    assert found["Evika Silina"].country_iso3 == "LVA"


def test_short_forms_resolve_to_full_name() -> None:
    text = (
        "Foreign Minister Wang Yi met the envoy on Friday. Wang said cooperation would grow. "
        "Minister Budi Santoso joined them, and Budi later thanked Wang for the invitation."
    )
    found = people(text)
    assert surfaces(found["Wang Yi"]) == ["Wang Yi", "Wang", "Wang"]
    assert surfaces(found["Budi Santoso"]) == ["Budi Santoso", "Budi"]


def test_short_form_may_precede_full_name() -> None:
    text = "Tavake said the port would open soon. Minister Sione Tavake signed the contract."
    found = people(text)
    assert surfaces(found["Sione Tavake"]) == ["Tavake", "Sione Tavake"]


def test_ambiguous_surname_is_not_merged() -> None:
    text = (
        "Foreign Minister Wang Yi and spokesperson Wang Wenbin attended. "
        "Wang said the meeting was productive."
    )
    found = people(text)
    assert surfaces(found["Wang Yi"]) == ["Wang Yi"]
    assert surfaces(found["Wang Wenbin"]) == ["Wang Wenbin"]


def test_seed_canonical_name_across_spellings() -> None:
    first = people("Turkish President Recep Tayyip Erdoğan hosted the summit.")
    second = people("Erdogan told reporters that the talks went well.")
    assert list(first) == list(second) == ["Recep Tayyip Erdoğan"]
    assert second["Recep Tayyip Erdoğan"].country_iso3 == "TUR"
    assert second["Recep Tayyip Erdoğan"].title == "President"


def test_title_not_part_of_seed_mention() -> None:
    found = people("President Xi delivered a speech, and Xi's remarks were welcomed.")
    assert surfaces(found["Xi Jinping"]) == ["Xi", "Xi"]


def test_royal_patronymic_name() -> None:
    found = people("Malaysia's King Sultan Ibrahim Sultan Iskandar received the envoys.")
    assert surfaces(found["Sultan Ibrahim"]) == ["Sultan Ibrahim Sultan Iskandar"]
    assert found["Sultan Ibrahim"].country_iso3 == "MYS"


def test_unknown_person_found_by_model() -> None:
    found = people("According to Margarethe Lindqvist, the talks in Oslo went well.")
    assert "Margarethe Lindqvist" in found
    assert found["Margarethe Lindqvist"].country_iso3 is None


def test_shouted_heading_is_not_a_person() -> None:
    text = "PARTNERSHIP FOR PROSPERITY\nThe two sides agreed to expand trade and investment."
    assert people(text) == {}


def test_places_regions_and_initiatives_are_not_people() -> None:
    text = (
        "Ships from Chancay reached Shanghai. The Global South and the Belt and Road Initiative "
        "were discussed, and Europe was represented. Tourists visited Xi'an."
    )
    assert people(text) == {}


def test_lone_unresolved_word_is_dropped_but_titled_one_kept() -> None:
    text = "Fukushima was mentioned twice. Chancellor Vortmann replied in writing."
    found = people(text)
    assert list(found) == ["Vortmann"]
    assert found["Vortmann"].title == "Chancellor"


def test_photo_credit_is_not_a_person() -> None:
    text = "The leaders shook hands in the capital.\nPhoto: Li Minghao/Xinhua\nTalks followed."
    assert people(text) == {}


def test_exact_offsets_with_possessive() -> None:
    text = "Russian President Vladimir Putin’s visit ended. Putin flew home."
    found = people(text)
    person = found["Vladimir Putin"]
    assert [(m.start, m.end) for m in person.mentions] == [(18, 32), (48, 53)]
    assert surfaces(person) == ["Vladimir Putin", "Putin"]


def test_office_of_a_country_after_the_name_gives_the_country() -> None:
    text = (
        "The communique was signed by President Tomas Verhoeven of the Republic of Cyprus "
        "and Prime Minister Aldo Brunner of Switzerland."
    )
    found = people(text)
    assert found["Tomas Verhoeven"].country_iso3 == "CYP"
    assert found["Aldo Brunner"].country_iso3 == "CHE"


def test_office_after_the_name_only_with_of() -> None:
    # Where a president is, is not whose president they are.
    found = people("President Tomas Verhoeven in Switzerland met the press.")
    assert found["Tomas Verhoeven"].country_iso3 is None


@pytest.mark.parametrize(
    ("title", "office"),
    [
        ("President of Cyprus", "CYP"),
        ("Prime Minister of the Czech Republic", "CZE"),
        ("Chairman of the NPC Standing Committee", "CHN"),  # a national body
        ("President of the European Council", None),  # an international one
        ("Secretary-General of the United Nations", None),
        ("Foreign Minister", None),
        (None, None),
    ],
)
def test_office_country(title: str | None, office: str | None) -> None:
    from etl.extract.people import office_country

    assert office_country(title) == office


def test_apposition_after_an_organizations_officer_possessive() -> None:
    # The office after the possessive is the person's; the one before it is someone else's.
    found = people("The minister met with Arvo Kessler, the UN Secretary-General's Special Envoy.")
    assert found["Arvo Kessler"].title == "Special Envoy"
    found = people("The minister met with Lena van Dijk, the UN Special Envoy for Yemen, today.")
    assert found["Lena van Dijk"].title == "Special Envoy"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The tail of an office's complement that no gazetteer knows.
        (
            "Under Secretary for Security and Nonproliferation Laura Pennick visited Oslo.",
            "Laura Pennick",
        ),
        # Names are not cut at an apostrophe or an initial.
        ("Prime Minister Ciaran O'Dowell of Ireland spoke on Monday.", "Ciaran O'Dowell"),
        ("Secretary Ramiro T. Belgrano testified on Monday.", "Ramiro T. Belgrano"),
    ],
)
def test_name_keeps_its_shape(text: str, name: str) -> None:
    found = people(text)
    assert name in found, found.keys()
    assert len(found) == 1


def test_particle_surname_after_title_is_the_full_name_in_the_document() -> None:
    found = people(
        "Foreign Minister Matteo Di Castello arrived in Rome. Later, Foreign Minister "
        "Di Castello met the press."
    )
    assert set(found) == {"Matteo Di Castello"}
    assert surfaces(found["Matteo Di Castello"]) == ["Matteo Di Castello", "Di Castello"]
