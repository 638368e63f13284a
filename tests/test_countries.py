"""find_countries on hand-written sentences covering the hard cases of the GUIDELINES."""

from __future__ import annotations

import pytest

from etl.extract.countries import find_countries, region_rows
from etl.extract.nlp import analyze
from etl.facts import Entity


def _find(text: str) -> list[Entity]:
    return find_countries(text, analyze(text))


def _codes(text: str) -> list[str]:
    return [e.name for e in _find(text)]


def _mentions(text: str) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in _find(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese and Russian diplomats met Americans in Geneva.", ["CHN", "RUS", "USA"]),
        ("Palestinian officials welcomed the move.", ["PSE"]),
        (
            "Officials discussed Kenya-Tanzania trade and Egypt-Sudan water talks.",
            ["KEN", "TZA", "EGY", "SDN"],
        ),
        ("The Sino-US dialogue resumed, and Sino-Japanese ties warmed.", ["CHN", "USA", "JPN"]),
        ("Brazil-U.S. relations and Peru's economy were on the agenda.", ["BRA", "USA", "PER"]),
        ("The UK, the DPRK and the ROK sent envoys, as did the UAE.", ["GBR", "PRK", "KOR", "ARE"]),
        ("A PRC spokesperson replied.", ["CHN"]),
        ("Mexico's exports rose.", ["MEX"]),
        ("Ministers from Spain and Portugal met in Madrid.", ["ESP", "PRT"]),
    ],
)
def test_names_adjectives_compounds(text: str, expected: list[str]) -> None:
    assert _codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Leaders from Africa, Europe and Central Asia gathered.",
        "Latin American and Caribbean economies grew faster this year.",
        "The five Central Asian countries signed a water pact.",
        "Shipping in the Indian Ocean and the South China Sea slowed.",
        "The Global South and the Middle East were the focus, with ASEAN and Arab States.",
        "The Pan-African parliament met; the Indo-Pacific strategy was debated.",
        "Trade through the Gulf of Guinea and the Taiwan Strait grew.",
        "Beijing and Lima agreed on a new flight route.",
        "Security on the Korean Peninsula was discussed in Southeast Asia.",
        "The roast turkey was served with jordan almonds.",
    ],
)
def test_regions_seas_cities_not_countries(text: str) -> None:
    assert _codes(text) == []


def test_south_african_is_a_country_not_a_region() -> None:
    assert _codes("South African and West African officials met.") == ["ZAF"]


def test_latin_american_is_not_usa_but_american_is() -> None:
    text = "Latin American leaders met American officials."
    assert _mentions(text) == {"USA": ["American"]}


def test_possessive_and_curly_apostrophe() -> None:
    assert _mentions("China's growth and China’s exports rose.") == {"CHN": ["China", "China"]}


def test_sino_prefix_needs_a_hyphen() -> None:
    assert _codes("Sinopec and the Sino Group reported results.") == []
    assert _mentions("Sino-Russian trade grew.") == {"CHN": ["Sino"], "RUS": ["Russian"]}


def test_mention_offsets_exact_and_counted() -> None:
    text = (
        "HEAD-OF-STATE DIPLOMACY: CHINA AND FRANCE\n"
        "China and France marked 60 years of ties. French President Macron thanked "
        "the Chinese side, and China-France trade grew. The U.S. watched.\n"
    )
    found = _find(text)
    for entity in found:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
        starts = [m.start for m in entity.mentions]
        assert starts == sorted(starts)
    counts = {e.name: len(e.mentions) for e in found}
    assert counts == {"CHN": 4, "FRA": 4, "USA": 1}
    assert [e.name for e in found] == ["CHN", "FRA", "USA"]
    assert all(e.kind == "country" for e in found)


def test_georgia_country_and_us_state() -> None:
    assert _codes("Georgia and Armenia held talks in Tbilisi on trade.") == ["GEO", "ARM"]
    assert _codes("The governor of Georgia spoke to voters in Atlanta.") == []
    assert _codes("She grew up in the state of Georgia.") == []


def test_jordan_country_and_person() -> None:
    assert _codes("Jordan's King Abdullah II met officials from Egypt.") == ["JOR", "EGY"]
    assert _codes("Michael Jordan visited the museum on Monday.") == []
    assert _codes("Jordan Peterson gave a lecture in Toronto.") == []
    assert _codes("Mr. Jordan declined to comment.") == []
    assert _codes("King Abdullah of Jordan received the envoy.") == ["JOR"]


def test_chad_country_and_first_name() -> None:
    assert _codes("Chad and Niger signed a border security deal.") == ["TCD", "NER"]
    assert _codes("Chad Smith said the band would tour next year.") == []


def test_turkey_country_not_bird() -> None:
    assert _codes("Turkey hosted the talks; guests ate turkey afterwards.") == ["TUR"]
    assert _codes("Türkiye and Turkish officials agreed.") == ["TUR"]


def test_outlets_and_companies_are_not_country_mentions() -> None:
    assert _codes("According to China Daily, Air China added flights.") == []
    text = "China Daily reported that China and Chile signed a deal."
    assert _mentions(text) == {"CHN": ["China"], "CHL": ["Chile"]}


def test_state_bodies_count() -> None:
    assert _codes("The Communist Party of China held a plenary session.") == ["CHN"]


def test_us_pronoun_in_capitals_headline() -> None:
    assert _codes("HELP US BUILD A BETTER FUTURE\nThe fund opened.") == []
    assert _codes("US AND CHINA AGREE ON TARIFFS\nTalks ended.") == ["USA", "CHN"]


def test_dependent_territories_are_not_sovereign_states() -> None:
    assert _codes("Officials from Puerto Rico and Greenland attended.") == []
    assert _codes("American Samoa hosted a forum.") == []


def test_taiwan_follows_the_iso_list() -> None:
    assert _codes("Taiwan held elections.") == ["TWN"]


def test_regions_csv_is_well_formed() -> None:
    rows = region_rows()
    kinds = {kind for _name, kind, _aliases in rows}
    assert kinds <= {"region", "subregion", "ocean", "grouping"}
    names = [name for name, _kind, _aliases in rows]
    assert len(names) == len(set(names))
    assert all(aliases for _name, _kind, aliases in rows)
