"""Initiative extraction on hand-written sentences (not from the evaluation corpus)."""

from __future__ import annotations

from etl.extract.initiatives import COMMUNITY, find_initiatives
from etl.extract.nlp import analyze
from etl.facts import Entity


def _inits(text: str) -> dict[str, Entity]:
    found = find_initiatives(text, analyze(text))
    for e in found:
        assert e.kind == "initiative"
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    return {e.name: e for e in found}


def _texts(e: Entity) -> list[str]:
    return [m.text for m in e.mentions]


def test_catalogue_entry_with_sponsor_code_and_year() -> None:
    inits = _inits("Kenya welcomed the Belt and Road Initiative and the BRI railway.")
    bri = inits["Belt and Road Initiative"]
    assert _texts(bri) == ["Belt and Road Initiative", "BRI"]
    assert (bri.short_name, bri.country_iso3, bri.year) == ("BRI", "CHN", 2013)


def test_community_variants_are_one_entry() -> None:
    text = (
        "Both sides vowed to build a China-Laos community with a shared future in the new era, "
        "part of a broader Community with a Shared Future for Mankind, and Beijing also spoke "
        "of an all-weather China-Kenya community with a shared future for the new era and of a "
        "community of common destiny with its neighbours."
    )
    inits = _inits(text)
    assert list(inits) == [COMMUNITY]
    assert _texts(inits[COMMUNITY]) == [
        "China-Laos community with a shared future in the new era",
        "Community with a Shared Future for Mankind",
        "all-weather China-Kenya community with a shared future for the new era",
        "community of common destiny",
    ]


def test_lowercase_catalogue_concepts_match_any_case() -> None:
    inits = _inits("He praised Major-Country Diplomacy with Chinese Characteristics.")
    assert "major-country diplomacy with Chinese characteristics" in inits


def test_unseen_initiative_is_discovered_with_acronym() -> None:
    text = (
        "Fiji joined the Global Clean Oceans Initiative (GCOI) last year. "
        "The GCOI funds coastal clean-ups."
    )
    inits = _inits(text)
    gcoi = inits["Global Clean Oceans Initiative"]
    assert gcoi.short_name == "GCOI"
    assert _texts(gcoi) == ["Global Clean Oceans Initiative", "GCOI", "GCOI"]


def test_named_declaration_with_continuation_is_discovered() -> None:
    text = "The ministers adopted the Suva Declaration on Ocean Resilience on Tuesday."
    assert "Suva Declaration on Ocean Resilience" in _inits(text)


def test_quoted_programme_is_discovered() -> None:
    text = "Some 3,000 students travelled under the “Bridges of Youth” programme this summer."
    assert "Bridges of Youth" in _inits(text)


def test_generic_phrases_partnerships_and_numbered_plans_rejected() -> None:
    text = (
        "The two countries upgraded ties to a comprehensive strategic partnership. "
        "The initiative, one of three major global initiatives, fits the 15th Five-Year Plan. "
        "This Initiative was welcomed."
    )
    assert _inits(text) == {}


def test_group_named_after_initiative_still_mentions_it() -> None:
    text = "Ten more states joined the Group of Friends of the Global Security Initiative."
    inits = _inits(text)
    assert list(inits) == ["Global Security Initiative"]
    assert _texts(inits["Global Security Initiative"]) == ["Global Security Initiative"]


def test_org_names_ending_in_initiative_are_not_initiatives() -> None:
    text = (
        "Thailand chairs the Bay of Bengal Initiative for Multi-Sectoral Technical and "
        "Economic Cooperation this year."
    )
    assert _inits(text) == {}
