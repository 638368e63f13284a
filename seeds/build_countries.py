"""Build ``seeds/countries.csv`` from pycountry (ISO 3166-1) and country_converter.

Run once by a maintainer when ISO 3166-1 changes; the CSV is committed data that users
read and may edit by hand, so the script is not part of the pipeline and its output is
reviewed like any other change::

    pip install pycountry country_converter
    python seeds/build_countries.py            # writes seeds/countries.csv
    python seeds/build_countries.py --check    # exit 1 if the file would change

Sources and choices:

* The rows are exactly the ISO 3166-1 entries in pycountry (249 at the time of writing),
  including PSE and TWN as ISO lists them, and nothing else (no Kosovo, no EU).
* ``name`` is the short English name news uses ("Russia", "Iran", "South Korea"):
  country_converter's ``name_short``, corrected by :data:`NAME_OVERRIDES` where that is an
  abbreviation ("St. Lucia") or not the usual English form.
* ``official_name`` is pycountry's ``official_name`` (so TWN keeps ISO's "Taiwan, Province
  of China"), else the ISO short name, except that ISO's inverted short forms ("Congo, The
  Democratic Republic of the") are replaced by country_converter's ``name_official``.
* ``common_name`` is another short name in common use (pycountry's ``common_name``, the
  ISO short name, or an override such as "Türkiye"), blank when it adds nothing.
* ``region``/``subregion`` follow UN M49: the subregion is country_converter's
  ``UNregion`` (M49 intermediate region where one exists, e.g. "Caribbean", "South
  America"), the region is derived from it. Antarctica, which M49 leaves without a region,
  gets "Antarctica".

country_converter's data table is read directly (its TSV) rather than through
``CountryConverter()``, whose constructor breaks with some pandas versions.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from importlib import resources
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).with_name("countries.csv")
COLUMNS = (
    "iso3",
    "iso2",
    "numeric",
    "name",
    "official_name",
    "common_name",
    "region",
    "subregion",
)

#: iso3 -> name, where country_converter's short name is abbreviated or unusual.
NAME_OVERRIDES: dict[str, str] = {
    "BES": "Bonaire, Sint Eustatius and Saba",
    "BLM": "Saint Barthélemy",
    "BRN": "Brunei",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "HMD": "Heard Island and McDonald Islands",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "MAF": "Saint Martin",
    "SGS": "South Georgia and the South Sandwich Islands",
    "SHN": "Saint Helena",
    "SJM": "Svalbard and Jan Mayen",
    "SPM": "Saint Pierre and Miquelon",
    "TUR": "Turkey",
    "VAT": "Vatican City",
    "VCT": "Saint Vincent and the Grenadines",
    "WLF": "Wallis and Futuna",
}

#: iso3 -> common_name, where neither pycountry nor the ISO name gives a useful one.
COMMON_NAME_OVERRIDES: dict[str, str] = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Congo-Brazzaville",
    "CZE": "Czech Republic",
    "MMR": "Burma",
    "SWZ": "Swaziland",
    "TUR": "Türkiye",
    "VAT": "Holy See",
    "CIV": "Ivory Coast",
    "CPV": "Cape Verde",
    "TLS": "East Timor",
    "MKD": "Macedonia",
}

#: UN M49 region of each subregion (intermediate regions of the Americas included).
REGION_OF_SUBREGION: dict[str, str] = {
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Northern Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}

#: iso3 -> subregion where country_converter has none.
SUBREGION_OVERRIDES: dict[str, str] = {"TWN": "Eastern Asia"}


def _coco_table() -> dict[str, dict[str, str]]:
    """country_converter's data, keyed by ISO3 (read as text: "NA" is Namibia, not NaN)."""
    tsv = resources.files("country_converter").joinpath("country_data.tsv")
    with tsv.open(encoding="utf-8") as fh:
        return {row["ISO3"]: row for row in csv.DictReader(fh, delimiter="\t")}


def build_rows() -> list[dict[str, str]]:
    """One dict per ISO 3166-1 country, sorted by iso3."""
    coco = _coco_table()
    rows: list[dict[str, str]] = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        extra = coco.get(iso3, {})
        iso_name: str = country.name
        py_common: str | None = getattr(country, "common_name", None)
        name = NAME_OVERRIDES.get(iso3) or extra.get("name_short") or py_common or iso_name
        official = getattr(country, "official_name", None)
        if not official:
            official = iso_name
            if ", " in official and extra.get("name_official"):
                official = extra["name_official"]  # ISO's inverted short form reads badly
        official = official.removeprefix("the ")  # "the State of Palestine"
        common = COMMON_NAME_OVERRIDES.get(iso3) or ""
        if not common:
            for alternative in (py_common, iso_name):
                if alternative and ", " not in alternative and alternative not in (name, official):
                    common = alternative
                    break
        if common in (name, official):
            common = ""
        subregion = SUBREGION_OVERRIDES.get(iso3) or extra.get("UNregion", "")
        if subregion not in REGION_OF_SUBREGION:
            raise SystemExit(f"{iso3}: no UN M49 subregion known ({subregion!r}); add an override")
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,
                "numeric": country.numeric,
                "name": name,
                "official_name": official,
                "common_name": common,
                "region": REGION_OF_SUBREGION[subregion],
                "subregion": subregion,
            }
        )
    rows.sort(key=lambda r: r["iso3"])
    _validate(rows)
    return rows


def _validate(rows: list[dict[str, str]]) -> None:
    """Fail loudly rather than commit a broken seed file."""
    for column in ("iso3", "iso2", "numeric", "name"):
        values = [r[column] for r in rows]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise SystemExit(f"duplicate {column}: {duplicates}")
    for r in rows:
        if not (len(r["iso3"]) == 3 and r["iso3"].isascii() and r["iso3"].isupper()):
            raise SystemExit(f"bad iso3: {r['iso3']!r}")
        if not (len(r["iso2"]) == 2 and r["iso2"].isascii() and r["iso2"].isupper()):
            raise SystemExit(f"bad iso2: {r['iso2']!r}")
        if not (len(r["numeric"]) == 3 and r["numeric"].isdigit()):
            raise SystemExit(f"bad numeric code: {r['numeric']!r}")
    for required in ("PSE", "TWN"):
        if required not in {r["iso3"] for r in rows}:
            raise SystemExit(f"{required} missing")


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        return 0 if current == text else 1
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
