"""Reference data from seeds/*.csv as typed records, read once per process.

The CSV files are the user-extensible source of truth (see seeds/README.md); extractors use
these records, and the seed step writes the same data to the database.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def seed_files() -> dict[str, int]:
    """Every seeds/*.csv with its number of data rows (reading each proves it parses)."""
    return {p.name: sum(1 for _ in _rows(p.name)) for p in sorted(SEEDS_DIR.glob("*.csv"))}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@dataclass(frozen=True, slots=True)
class CountryAlias:
    iso3: str
    alias: str
    kind: str  # name | abbreviation | adjective | demonym | prefix
    ambiguous: bool


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    country_iso3: str | None  # nationality
    title: str | None
    aliases: tuple[str, ...]
    # The international organization the person acts for (UN Secretary-General: United
    # Nations); None for officials of a state, who act for their country.
    acts_for: str | None = None


@dataclass(frozen=True, slots=True)
class KnownOrganization:
    name: str
    short_name: str | None
    kind: str
    country_iso3: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KnownInitiative:
    name: str
    code: str | None
    sponsor_iso3: str | None
    year_launched: int | None
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountryRecord:
    iso3: str
    iso2: str
    numeric_code: int | None
    name: str
    official_name: str | None
    common_name: str | None
    region: str | None
    subregion: str | None


@functools.cache
def countries() -> tuple[CountryRecord, ...]:
    return tuple(
        CountryRecord(
            r["iso3"],
            r["iso2"],
            int(r["numeric"]) if r["numeric"].isdigit() else None,
            r["name"],
            r["official_name"] or None,
            r["common_name"] or None,
            r["region"] or None,
            r["subregion"] or None,
        )
        for r in _rows("countries.csv")
    )


@functools.cache
def country_names() -> dict[str, str]:
    """ISO3 -> the short English name (countries.csv)."""
    return {c.iso3: c.name for c in countries()}


@functools.cache
def country_aliases() -> tuple[CountryAlias, ...]:
    return tuple(
        CountryAlias(r["iso3"], r["alias"], r["kind"], r.get("ambiguous") == "1")
        for r in _rows("country_aliases.csv")
    )


@functools.cache
def people() -> tuple[KnownPerson, ...]:
    return tuple(
        KnownPerson(
            r["name"],
            r["country_iso3"] or None,
            r["title"] or None,
            _split(r["aliases"]),
            r.get("acts_for") or None,
        )
        for r in _rows("people.csv")
    )


@functools.cache
def organizations() -> tuple[KnownOrganization, ...]:
    return tuple(
        KnownOrganization(
            r["name"],
            r["short_name"] or None,
            r["kind"],
            r["country_iso3"] or None,
            _split(r["aliases"]),
        )
        for r in _rows("organizations.csv")
    )


@functools.cache
def initiatives() -> tuple[KnownInitiative, ...]:
    return tuple(
        KnownInitiative(
            r["name"],
            r["code"] or None,
            r["sponsor_iso3"] or None,
            int(r["year_launched"]) if r["year_launched"].isdigit() else None,
            r["kind"],
            _split(r["aliases"]),
        )
        for r in _rows("initiatives.csv")
    )
