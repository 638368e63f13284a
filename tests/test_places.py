"""Place names: cities resolved to their countries, with context rules for ambiguous names."""

from __future__ import annotations

from etl.extract.places import city_country, find_places


def cities(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.country_iso3) for p in find_places(text) if p.kind == "city"]


def test_capital_and_large_city_resolve_to_their_country() -> None:
    assert cities("The ministers gathered in Nairobi after a stop in Mumbai.") == [
        ("Nairobi", "KEN"),
        ("Mumbai", "IND"),
    ]


def test_ambiguous_name_prefers_capital_and_population() -> None:
    assert city_country("Lima") == ("Lima", "PER")
    assert city_country("Kazan") == ("Kazan", "RUS")


def test_country_after_comma_decides() -> None:
    places = find_places("The envoy spoke in Victoria, Canada.")
    assert ("Victoria", "CAN") in [(p.name, p.country_iso3) for p in places]


def test_alternate_spelling_of_a_capital() -> None:
    assert cities("Talks opened in Nur-Sultan.") == [("Astana", "KAZ")]


def test_common_words_are_not_towns_without_context() -> None:
    assert cities("Mobile payments help trade in Asia.") == []


def test_countries_are_reported_with_offsets() -> None:
    text = "Delegates flew to Brussels, Belgium."
    found = find_places(text)
    assert [(p.kind, p.country_iso3) for p in found] == [("city", "BEL"), ("country", "BEL")]
    assert all(text[p.start : p.end] == p.text for p in found)


def test_a_word_of_a_buildings_name_is_not_a_town() -> None:
    from etl.extract.nlp import analyze

    text = "The leaders met at the Independence Palace in Astana."
    assert cities_in(text, analyze(text)) == [("Astana", "KAZ")]


def test_an_island_venue_outranks_a_town_of_the_same_name() -> None:
    assert cities("The finance ministers gathered in Bali.") == [("Bali", "IDN")]


def cities_in(text: str, doc: object) -> list[tuple[str, str]]:
    return [(p.name, p.country_iso3) for p in find_places(text, doc) if p.kind == "city"]  # type: ignore[arg-type]


def test_an_organizations_name_is_not_a_town_it_translates() -> None:
    # "White House" is also a translation of Casablanca.
    assert cities("The envoy spoke at the White House on Monday.") == []
    assert cities("The ministers met in Casablanca.") == [("Casablanca", "MAR")]
