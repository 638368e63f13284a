"""Which events and which countries a document yields, loaded through the real pipeline into a
real database: an anniversary of a signing is no signing, and an acronym the text defines
names the country the text says, not the one a gazetteer reads into it.

The articles are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, text

from etl import pipeline

ANNIVERSARY = (
    "2023-05-04",
    "This year marks the 40th anniversary of the signing of the Treaty of Friendship between "
    "Norway and Chile, the two ministers said.",
)
SIGNING = ("2023-05-04", "Norway and Chile signed the Treaty of Friendship on May 2.")
DEFINED_ACRONYM = (
    "2023-05-04",
    "The Republic of Cyprus (ROC) signed a shipping agreement with Greece on May 2. The ROC "
    "delegation was led by its transport minister.",
)


def _load(engine: Engine, folder: Path, *articles: tuple[str, str]) -> None:
    paths = []
    for n, (published, body) in enumerate(articles):
        path = folder / f"r{n}.jsonl"
        record = {"title": f"Report {n}", "published": published, "text": body}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(str(path))
    pipeline.load(engine, paths)


def _event_types(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT event_type FROM events ORDER BY 1")))


def _countries(engine: Engine) -> dict[str, list[str]]:
    """ISO3 of each country mention to the words that mention it."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT country_iso3, surface FROM entity_mentions"
                " WHERE entity_kind = 'country' ORDER BY 1, 2"
            )
        ).all()
    found: dict[str, list[str]] = {}
    for iso3, words in rows:
        found.setdefault(iso3, []).append(words)
    return found


def test_an_anniversary_of_a_signing_is_no_signing(engine: Engine, tmp_path: Path) -> None:
    _load(engine, tmp_path, ANNIVERSARY)
    assert "signing" not in _event_types(engine)


def test_a_signing_is_still_a_signing(engine: Engine, tmp_path: Path) -> None:
    _load(engine, tmp_path, SIGNING)
    assert _event_types(engine) == ["signing"]


def test_an_acronym_the_text_defines_wins(engine: Engine, tmp_path: Path) -> None:
    _load(engine, tmp_path, DEFINED_ACRONYM)
    countries = _countries(engine)
    assert "TWN" not in countries
    assert sorted(countries["CYP"]) == ["ROC", "ROC", "Republic of Cyprus"]
