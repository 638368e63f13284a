"""Organization extraction on hand-written sentences (not from the evaluation corpus)."""

from __future__ import annotations

import pytest

from etl.extract.nlp import analyze
from etl.extract.organizations import find_organizations, looks_like_institution
from etl.facts import Entity


def _orgs(text: str) -> dict[str, Entity]:
    found = find_organizations(text, analyze(text))
    for e in found:
        assert e.kind == "organization"
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return {e.name: e for e in found}


def _texts(e: Entity) -> list[str]:
    return [m.text for m in e.mentions]


def test_seed_surface_forms_share_one_canonical_name() -> None:
    text = (
        "The UNGA opened its debate on Monday. Delegates told the UN General Assembly that "
        "reform was overdue, and the General Assembly later adopted the text."
    )
    orgs = _orgs(text)
    unga = orgs["United Nations General Assembly"]
    assert _texts(unga) == ["UNGA", "UN General Assembly", "General Assembly"]
    assert unga.short_name == "UNGA"


def test_sub_body_resolves_to_known_org_but_seeded_sub_body_stays() -> None:
    text = (
        "Leaders gathered for the annual Council of Heads of Government of the Shanghai "
        "Cooperation Organisation in Minsk, while the UN Security Council met in New York."
    )
    orgs = _orgs(text)
    assert "Shanghai Cooperation Organisation" in orgs
    assert "United Nations Security Council" in orgs
    assert not any(name.startswith("Council of Heads") for name in orgs)


def test_acronym_in_parentheses_links_unseen_org() -> None:
    text = (
        "Ministers of the Pacific Fisheries Cooperation Council (PFCC) met in Suva. "
        "The PFCC said catches had fallen."
    )
    org = _orgs(text)["Pacific Fisheries Cooperation Council"]
    assert org.short_name == "PFCC"
    assert _texts(org) == ["Pacific Fisheries Cooperation Council", "PFCC", "PFCC"]


def test_acronym_in_parentheses_links_known_org() -> None:
    text = "Envoys of the Forum on China-Africa Cooperation (FOCAC) met, and FOCAC agreed a plan."
    org = _orgs(text)["Forum on China-Africa Cooperation"]
    assert _texts(org) == ["Forum on China-Africa Cooperation", "FOCAC", "FOCAC"]


def test_event_names_an_org_but_is_not_one() -> None:
    text = "At the 17th BRICS Summit in Rio, leaders praised the New Development Bank."
    orgs = _orgs(text)
    assert set(orgs) == {"BRICS", "New Development Bank"}
    assert _texts(orgs["BRICS"]) == ["BRICS"]


def test_numbered_session_of_a_forum_is_an_event() -> None:
    text = "The fourth Belt and Road Forum for International Cooperation will open next year."
    assert "Belt and Road Forum for International Cooperation" not in _orgs(text)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Supreme National Security Council", True),
        ("Andean Parliament", True),
        ("Pacific Islands Development Forum", False),  # a forum without "Cooperation"
        ("China-Pacific Islands Cooperation Forum", True),
        ("China-Singapore", False),  # fragment, no head noun
        ("Central Committee", False),  # nothing distinctive
        ("Kazan Summit", False),  # event
        ("16th National Congress", False),  # numbered session
        ("Sergey Lavrov", False),
    ],
)
def test_institution_filter(name: str, expected: bool) -> None:
    assert looks_like_institution(name) is expected


def test_ner_candidates_filtered_for_institutions() -> None:
    text = (
        "Officials from Iran's Supreme National Security Council travelled to Muscat, where "
        "they attended the Gulf Energy Summit with the China-Singapore delegation."
    )
    orgs = _orgs(text)
    assert "Supreme National Security Council" in orgs
    assert orgs["Supreme National Security Council"].country_iso3 == "IRN"
    assert "United Nations Security Council" not in orgs
    assert not any("Summit" in n or "Singapore" in n for n in orgs)


def test_news_agency_only_as_actor() -> None:
    acting = _orgs("Kyodo News reported on Friday that talks would resume.")
    assert "Kyodo News" in acting
    credit = _orgs("Ministers signed the accord. Kyodo News photographer / Photo")
    assert "Kyodo News" not in credit


def test_party_organ_is_filed_under_the_party() -> None:
    text = (
        "Li, a member of the Political Bureau of the Communist Party of China Central "
        "Committee, said the Party would stay the course."
    )
    orgs = _orgs(text)
    assert list(orgs) == ["Communist Party of China"]
    assert _texts(orgs["Communist Party of China"])[-1] == "Party"


def test_quoted_group_name_matches() -> None:
    text = "Twelve countries set up the “Friends for Peace” group at the UN."
    orgs = _orgs(text)
    assert "Group of Friends for Peace" in orgs
    assert "United Nations" in orgs


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("The talks ended late, according to the official Kuwait News Agency.", "KUNA"),
        ("The premier spoke through China Media Group on New Year's Eve.", "China Media Group"),
        ("The envoy said so, according to the state-run Saudi Press Agency.", "Saudi Press Agency"),
    ],
)
def test_news_agency_as_source_or_channel(text: str, agency: str) -> None:
    orgs = _orgs(text)
    assert any(agency in (name, e.short_name) for name, e in orgs.items()), orgs


def test_a_page_describing_itself_does_not_name_its_outlet_as_actor() -> None:
    own = _orgs("date 2024-05-01 CGTN published an article on the ministers' talks in Lima.")
    assert "China Global Television Network" not in own
    cited = _orgs("The talks went well. Later CGTN published an article on the talks.")
    assert "China Global Television Network" in cited


def test_acronym_of_a_forum_session_is_the_session() -> None:
    text = (
        "Envoys praised the third Belt and Road Forum for International Cooperation (BRF) "
        "held in Beijing, and said the third BRF had borne fruit."
    )
    assert "Belt and Road Forum for International Cooperation" not in _orgs(text)


def test_armed_services_are_institutions() -> None:
    text = (
        "Officers of the Armed Forces of Malaysia trained with the Maritime Self-Defense Force "
        "and the U.S. Marine Corps off Okinawa."
    )
    orgs = _orgs(text)
    assert "Armed Forces of Malaysia" in orgs
    assert "Japan Maritime Self-Defense Force" in orgs
    assert "United States Marine Corps" in orgs
