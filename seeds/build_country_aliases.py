"""Build ``seeds/country_aliases.csv``: every English surface form of every ISO 3166-1 country.

Run by a maintainer; the CSV is committed data that users read and may edit by hand (add a
row, or fix one here and rebuild), so the script is not part of the pipeline::

    pip install pycountry
    python seeds/build_country_aliases.py            # writes seeds/country_aliases.csv
    python seeds/build_country_aliases.py --check    # exit 1 if the file would change

Columns: ``iso3,alias,kind,ambiguous``.

* ``kind`` is ``name`` (short, official and common names, old names still in use),
  ``abbreviation`` (only unambiguous ones: "U.S.", "DPRK", "UAE"; no bare ISO alpha-2 codes
  except the established "US" and "UK"), ``adjective`` (the national adjective, which is also
  the singular demonym when identical: "Chinese", "Kazakh"), ``demonym`` (people nouns:
  plurals such as "Americans", "Kazakhs", "Britons", and singulars that differ from the
  adjective, "Briton", "Dane", "New Zealander") or ``prefix`` (combining forms used only in
  compounds, "Sino-" for China; a matcher should require the hyphen).
* ``ambiguous`` is 1 when the word often means something other than the country in English
  news and needs context before it counts ("Georgia", "Jordan", "Chad", "Turkey", "Niger",
  "Indian", "Korea"...). Words that are substrings of longer country names ("Guinea" in
  "Papua New Guinea") are listed too: a matcher should take the longest match.
* Each alias belongs to exactly one country (checked), so an alias -> iso3 map is well
  defined: "Korea"/"Korean" go to KOR, "Congo" to COG (ISO's short name), "Congolese" and
  "Dominican" to the country news usually means (COD, DOM), all flagged ambiguous.

Sources: names come from pycountry (ISO short name unless it is an inverted "X, Y of" form,
official name without a leading "the", common name) plus the hand-curated :data:`CURATED`
table (news names, abbreviations, adjectives, demonyms). ASCII-folded spellings of names with
diacritics ("Turkiye", "Cote d'Ivoire"), "St."/"St" forms of "Saint ..." names and
typographic-apostrophe spellings of names are derived automatically. Capitals, cities and
regions (Europe, Central Asia, the Gulf) are deliberately absent; so are Kosovo (not in ISO
3166-1) and the UK's constituent countries. Three sub-national names are listed, flagged
ambiguous, under the country they belong to only so that a longest-match tagger does not
misread them: "Northern Ireland" (GBR, not Ireland), "Inner Mongolia" (CHN, not Mongolia),
"New Mexico" (USA, not Mexico).

In ``CURATED`` a comma inside a value is written ``\\,`` ("Hong Kong\\, China").
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).with_name("country_aliases.csv")
COLUMNS = ("iso3", "alias", "kind", "ambiguous")
KINDS = ("name", "abbreviation", "adjective", "demonym", "prefix")

#: pycountry names that are not used as names in news.
SKIP_PYCOUNTRY_NAMES = {"Taiwan, Province of China"}

#: One line per country: ``ISO3 | names | abbreviations | adjectives | demonyms | prefixes``.
#: Fields hold comma-separated values; a trailing ``*`` marks an ambiguous alias. Names from
#: pycountry need not be repeated here (a trailing ``*`` on one marks it ambiguous).
CURATED = r"""
ABW | | | Aruban | Arubans |
AFG | Islamic Emirate of Afghanistan | | Afghan | Afghans |
AGO | | | Angolan | Angolans |
AIA | | | Anguillan | Anguillans |
ALA | Åland | | Ålander | Ålanders |
ALB | | | Albanian | Albanians |
AND | | | Andorran | Andorrans |
ARE | Emirates*, United Arab Emirates | UAE, U.A.E. | Emirati | Emiratis |
ARG | Argentine Republic | | Argentine, Argentinian | Argentines, Argentinians |
ARM | | | Armenian | Armenians |
ASM | American Samoa | | American Samoan | American Samoans |
ATA | Antarctica | | | |
ATF | French Southern and Antarctic Lands, French Southern Territories | TAAF | | |
ATG | Antigua and Barbuda, Antigua & Barbuda, Antigua* | | Antiguan, Barbudan | Antiguans |
AUS | Australia, Commonwealth of Australia | | Australian | Australians, Aussie*, Aussies* |
AUT | | | Austrian | Austrians |
AZE | | | Azerbaijani, Azeri | Azerbaijanis, Azeris |
BDI | | | Burundian | Burundians |
BEL | | | Belgian | Belgians |
BEN | | | Beninese | |
BES | Caribbean Netherlands, Bonaire, Sint Eustatius, Saba* | | | |
BFA | | | Burkinabe, Burkinabè | |
BGD | | | Bangladeshi | Bangladeshis |
BGR | | | Bulgarian | Bulgarians |
BHR | | | Bahraini | Bahrainis |
BHS | The Bahamas | | Bahamian | Bahamians |
BIH | Bosnia, Bosnia-Herzegovina, Bosnia & Herzegovina | BiH | Bosnian | Bosnians |
BLM | St. Barts, St Barts, St. Barths, St Barths | | | |
BLR | | | Belarusian, Belarussian, Belorussian | Belarusians |
BLZ | | | Belizean | Belizeans |
BMU | | | Bermudian | Bermudians |
BOL | | | Bolivian | Bolivians |
BRA | | | Brazilian | Brazilians |
BRB | | | Barbadian, Bajan | Barbadians, Bajans |
BRN | Brunei, Nation of Brunei | | Bruneian | Bruneians |
BTN | | | Bhutanese | |
BVT | | | | |
BWA | | | Botswanan | Batswana, Motswana |
CAF | | CAR* | Central African* | Central Africans* |
CAN | | | Canadian | Canadians |
CCK | Cocos Islands, Keeling Islands | | | |
CHE | | | Swiss | |
CHL | | | Chilean | Chileans |
CHN | mainland China, Chinese mainland, Mainland China, PR China, P.R. China, Inner Mongolia* | PRC, P.R.C. | Chinese | | Sino-
CIV | Ivory Coast | | Ivorian | Ivorians |
CMR | | | Cameroonian | Cameroonians |
COD | Democratic Republic of the Congo, Democratic Republic of Congo, DR Congo, D.R. Congo, DR of Congo, Congo-Kinshasa, Congo Kinshasa | DRC | Congolese* | |
COG | Congo*, Republic of Congo, Congo Republic, Congo-Brazzaville, Congo Brazzaville | | | |
COK | | | Cook Islander | Cook Islanders |
COL | | | Colombian | Colombians |
COM | | | Comorian | Comorians |
CPV | Cape Verde | | Cabo Verdean, Cape Verdean | Cabo Verdeans, Cape Verdeans |
CRI | | | Costa Rican | Costa Ricans |
CUB | | | Cuban | Cubans |
CUW | | | Curaçaoan | Curaçaoans |
CXR | | | | |
CYM | | | Caymanian | Caymanians |
CYP | | | Cypriot | Cypriots |
CZE | Czech Republic | | Czech | Czechs |
DEU | | | German | Germans |
DJI | | | Djiboutian | Djiboutians |
DMA | Dominica* | | | |
DNK | | | Danish | Dane, Danes |
DOM | | | Dominican* | Dominicans* |
DZA | | | Algerian | Algerians |
ECU | | | Ecuadorian, Ecuadorean | Ecuadorians, Ecuadoreans |
EGY | | | Egyptian | Egyptians |
ERI | | | Eritrean | Eritreans |
ESH | Sahrawi Arab Democratic Republic, Sahrawi Republic | SADR* | Sahrawi, Saharawi | Sahrawis, Saharawis |
ESP | | | Spanish | Spaniard, Spaniards |
EST | | | Estonian | Estonians |
ETH | | | Ethiopian | Ethiopians |
FIN | | | Finnish | Finn*, Finns |
FJI | | | Fijian | Fijians |
FLK | Falklands, Malvinas, Malvinas Islands, Islas Malvinas | | Falkland Islander | Falkland Islanders |
FRA | | | French | Frenchman, Frenchmen, Frenchwoman | Franco-
FRO | Faroes, Faeroe Islands, Faeroes | | Faroese | |
FSM | Micronesia* | FSM* | Micronesian* | Micronesians* |
GAB | | | Gabonese | |
GBR | Britain, Great Britain, Northern Ireland* | UK, U.K. | British | Briton, Britons, Brit, Brits |
GEO | Georgia* | | Georgian* | Georgians* |
GGY | Guernsey* | | | |
GHA | | | Ghanaian | Ghanaians |
GIB | | | Gibraltarian | Gibraltarians |
GIN | Guinea*, Guinea-Conakry, Guinea Conakry | | Guinean* | Guineans* |
GLP | | | Guadeloupean | Guadeloupeans |
GMB | The Gambia | | Gambian | Gambians |
GNB | Guinea Bissau | | Bissau-Guinean | Bissau-Guineans |
GNQ | | | Equatorial Guinean, Equatoguinean | Equatorial Guineans, Equatoguineans |
GRC | Hellenic Republic | | Greek | Greeks |
GRD | | | Grenadian | Grenadians |
GRL | | | Greenlandic | Greenlander, Greenlanders |
GTM | | | Guatemalan | Guatemalans |
GUF | | | French Guianese | |
GUM | | | Guamanian | Guamanians |
GUY | | | Guyanese | |
HKG | Hong Kong SAR, Hong Kong Special Administrative Region, Hongkong, Hong Kong\, China | HKSAR, HK* | | Hongkonger, Hongkongers, Hong Konger, Hong Kongers |
HMD | Heard and McDonald Islands | | | |
HND | | | Honduran | Hondurans |
HRV | | | Croatian | Croatians, Croat, Croats |
HTI | | | Haitian | Haitians |
HUN | | | Hungarian | Hungarians |
IDN | | | Indonesian | Indonesians |
IMN | | | Manx | |
IND | Bharat | | Indian* | Indians* |
IOT | Chagos Archipelago, Chagos Islands | BIOT | Chagossian | Chagossians |
IRL | Republic of Ireland, Éire | | Irish | |
IRN | | | Iranian | Iranians |
IRQ | | | Iraqi | Iraqis |
ISL | | | Icelandic | Icelander, Icelanders |
ISR | | | Israeli | Israelis |
ITA | | | Italian | Italians |
JAM | | | Jamaican | Jamaicans |
JEY | Jersey* | | | |
JOR | Jordan*, Hashemite Kingdom of Jordan | | Jordanian | Jordanians |
JPN | | | Japanese | |
KAZ | Kazakstan | | Kazakh, Kazakhstani, Kazak | Kazakhs, Kazakhstanis |
KEN | | | Kenyan | Kenyans |
KGZ | Kyrgyz Republic, Kirghizia | | Kyrgyz, Kyrgyzstani, Kirghiz | Kyrgyzstanis |
KHM | | | Cambodian, Khmer* | Cambodians |
KIR | | | I-Kiribati | |
KNA | Saint Christopher and Nevis, St Kitts & Nevis | | Kittitian, Nevisian | Kittitians |
KOR | Republic of Korea, Korea*, S. Korea, S.Korea | ROK, R.O.K. | South Korean, Korean* | South Koreans, Koreans* |
KWT | | | Kuwaiti | Kuwaitis |
LAO | Lao PDR | | Lao, Laotian | Laotians |
LBN | | | Lebanese | |
LBR | | | Liberian | Liberians |
LBY | State of Libya | | Libyan | Libyans |
LCA | | | Saint Lucian, St. Lucian | Saint Lucians, St. Lucians |
LIE | | | Liechtensteiner | Liechtensteiners |
LKA | | | Sri Lankan | Sri Lankans |
LSO | | | Basotho | Mosotho |
LTU | | | Lithuanian | Lithuanians |
LUX | | | Luxembourgish | Luxembourger, Luxembourgers |
LVA | | | Latvian | Latvians |
MAC | Macau, Macao\, China, Macau\, China, Macao SAR, Macau SAR, Macao Special Administrative Region, Macau Special Administrative Region | MSAR | Macanese | |
MAF | Saint Martin*, St. Martin*, St Martin* | | | |
MAR | | | Moroccan | Moroccans |
MCO | | | Monegasque, Monacan | Monegasques |
MDA | | | Moldovan | Moldovans |
MDG | | | Malagasy, Madagascan | |
MDV | | | Maldivian | Maldivians |
MEX | | | Mexican | Mexicans |
MHL | | | Marshallese | |
MKD | Macedonia*, Former Yugoslav Republic of Macedonia | FYROM | North Macedonian, Macedonian* | North Macedonians, Macedonians* |
MLI | Mali* | | Malian | Malians |
MLT | | | Maltese | |
MMR | Burma, Republic of the Union of Myanmar | | Burmese | |
MNE | | | Montenegrin | Montenegrins |
MNG | | | Mongolian | Mongolians |
MNP | Northern Marianas | CNMI | | |
MOZ | | | Mozambican | Mozambicans |
MRT | | | Mauritanian | Mauritanians |
MSR | | | Montserratian | Montserratians |
MTQ | | | Martinican | Martinicans |
MUS | | | Mauritian | Mauritians |
MWI | | | Malawian | Malawians |
MYS | | | Malaysian | Malaysians |
MYT | | | Mahoran | Mahorans |
NAM | | | Namibian | Namibians |
NCL | | | New Caledonian | New Caledonians |
NER | Niger*, Republic of Niger | | Nigerien | Nigeriens |
NFK | | | Norfolk Islander | Norfolk Islanders |
NGA | | | Nigerian | Nigerians |
NIC | | | Nicaraguan | Nicaraguans |
NIU | | | Niuean | Niueans |
NLD | Holland* | | Dutch | Dutchman, Dutchmen, Netherlanders |
NOR | | | Norwegian | Norwegians |
NPL | | | Nepali, Nepalese | Nepalis |
NRU | | | Nauruan | Nauruans |
NZL | Aotearoa | NZ | | New Zealander, New Zealanders, Kiwi*, Kiwis* |
OMN | | | Omani | Omanis |
PAK | | | Pakistani | Pakistanis |
PAN | | | Panamanian | Panamanians |
PCN | Pitcairn Islands | | Pitcairn Islander | Pitcairn Islanders |
PER | | | Peruvian | Peruvians |
PHL | | PH* | Philippine, Filipino, Filipina | Filipinos, Filipinas |
PLW | | | Palauan | Palauans |
PNG | | PNG | Papua New Guinean | Papua New Guineans |
POL | | | Polish | Pole*, Poles* |
PRI | | | Puerto Rican | Puerto Ricans |
PRK | North Korea, N. Korea, N.Korea, DPR Korea | DPRK, D.P.R.K. | North Korean | North Koreans |
PRT | | | Portuguese | |
PRY | | | Paraguayan | Paraguayans |
PSE | Palestine, State of Palestine, Occupied Palestinian Territory, Occupied Palestinian Territories, Palestinian Territories, Palestinian territories | | Palestinian | Palestinians |
PYF | | | French Polynesian | French Polynesians |
QAT | | | Qatari | Qataris |
REU | Reunion*, La Réunion | | Réunionese | |
ROU | | | Romanian | Romanians |
RUS | Russia | | Russian | Russians | Russo-
RWA | Republic of Rwanda | | Rwandan | Rwandans |
SAU | | KSA | Saudi | Saudis |
SDN | Republic of Sudan | | Sudanese | |
SEN | | | Senegalese | |
SGP | | | Singaporean | Singaporeans |
SGS | South Georgia* | | | |
SHN | Saint Helena, Ascension Island, Tristan da Cunha | | Saint Helenian | Saint Helenians |
SJM | Svalbard | | | |
SLB | Solomons | | Solomon Islander | Solomon Islanders |
SLE | | | Sierra Leonean | Sierra Leoneans |
SLV | | | Salvadoran, Salvadorean | Salvadorans, Salvadoreans |
SMR | | | Sammarinese | |
SOM | | | Somali, Somalian | Somalis, Somalians |
SPM | | | | |
SRB | | | Serbian, Serb | Serbs, Serbians |
SSD | | | South Sudanese | |
STP | São Tomé and Príncipe, São Tomé and Principe, Sao Tome & Principe | | Santomean, São Toméan | Santomeans |
SUR | | | Surinamese | |
SVK | | | Slovak, Slovakian | Slovaks, Slovakians |
SVN | | | Slovenian, Slovene | Slovenians, Slovenes |
SWE | | | Swedish | Swede, Swedes |
SWZ | Swaziland, Kingdom of Swaziland | | Swazi, Emaswati | Swazis |
SXM | | | Sint Maartener | Sint Maarteners |
SYC | | | Seychellois | |
SYR | | | Syrian | Syrians |
TCA | Turks and Caicos | TCI | | |
TCD | Chad* | | Chadian | Chadians |
TGO | Togo* | | Togolese | |
THA | | | Thai | Thais |
TJK | | | Tajik, Tajikistani, Tadjik | Tajiks, Tajikistanis |
TKL | | | Tokelauan | Tokelauans |
TKM | | | Turkmen, Turkmenistani | Turkmens, Turkmenistanis |
TLS | East Timor, Timor Leste | | Timorese, East Timorese | |
TON | | | Tongan | Tongans |
TTO | Trinidad & Tobago, Trinidad* | | Trinidadian, Tobagonian, Trinbagonian | Trinidadians, Tobagonians, Trinbagonians |
TUN | | | Tunisian | Tunisians |
TUR | Turkey*, Republic of Turkey | | Turkish | Turk*, Turks* |
TUV | | | Tuvaluan | Tuvaluans |
TWN | Chinese Taipei, Taiwan region, Taiwan\, China, Republic of China* | ROC* | Taiwanese | |
TZA | | | Tanzanian | Tanzanians |
UGA | | | Ugandan | Ugandans |
UKR | | | Ukrainian | Ukrainians |
UMI | US Minor Outlying Islands, U.S. Minor Outlying Islands | | | |
URY | Oriental Republic of Uruguay | | Uruguayan | Uruguayans |
USA | America*, United States, New Mexico* | US, U.S., USA, U.S.A. | American | Americans |
UZB | | | Uzbek, Uzbekistani | Uzbeks, Uzbekistanis |
VAT | Vatican, Vatican City, Holy See, Vatican City State | | | |
VCT | Saint Vincent*, St Vincent & the Grenadines | | Vincentian | Vincentians |
VEN | | | Venezuelan | Venezuelans |
VGB | | BVI | | |
VIR | US Virgin Islands, U.S. Virgin Islands, United States Virgin Islands | USVI | | |
VNM | Vietnam, Socialist Republic of Vietnam | | Vietnamese | |
VUT | | | Ni-Vanuatu | |
WLF | Wallis & Futuna | | Wallisian, Futunan | |
WSM | Samoa*, Western Samoa | | Samoan* | Samoans* |
YEM | | | Yemeni | Yemenis |
ZAF | | RSA* | South African | South Africans |
ZMB | | | Zambian | Zambians |
ZWE | | | Zimbabwean | Zimbabweans |
"""

_APOSTROPHE = "'"
_TYPOGRAPHIC_APOSTROPHE = "\u2019"


def _fold(text: str) -> str:
    """ASCII-fold Latin diacritics: "Türkiye" -> "Turkiye", "Åland" -> "Aland"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _pycountry_names(country) -> list[str]:
    """The usable names pycountry has for a country (no inverted "X, Republic of" forms)."""
    names: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if not value or value in SKIP_PYCOUNTRY_NAMES:
            continue
        value = value.removeprefix("the ")
        value = re.sub(r"\s*\((Dutch|French) part\)", "", value)
        value = re.sub(r"\s*\((Malvinas|Vatican City State)\)", "", value)
        if ", " in value and value != getattr(country, "official_name", None):
            continue  # "Korea, Republic of": ISO's inverted sort form, never seen in prose
        names.append(value)
    return names


def _variants(name: str) -> list[str]:
    """Spelling variants derived from a name: ASCII folding, "St." forms, curly apostrophes."""
    out = [name]
    if name.startswith("Saint "):
        out += ["St. " + name[6:], "St " + name[6:]]
    out += [_fold(v) for v in out]
    out += [v.replace(_APOSTROPHE, _TYPOGRAPHIC_APOSTROPHE) for v in out if _APOSTROPHE in v]
    return list(dict.fromkeys(out))


def _parse_curated() -> dict[str, dict[str, list[tuple[str, bool]]]]:
    table: dict[str, dict[str, list[tuple[str, bool]]]] = {}
    for line in CURATED.strip().splitlines():
        fields = [f.strip() for f in line.split("|")]
        if len(fields) != 6:
            raise SystemExit(f"bad curated line (need 6 fields): {line!r}")
        iso3, *values = fields
        if iso3 in table:
            raise SystemExit(f"{iso3} listed twice in CURATED")
        entry: dict[str, list[tuple[str, bool]]] = {}
        for kind, field in zip(KINDS, values, strict=True):
            items = [v.strip().replace("\\,", ",") for v in re.split(r"(?<!\\),", field)]
            items = [v for v in items if v]
            entry[kind] = [(v.rstrip("*"), v.endswith("*")) for v in items]
        table[iso3] = entry
    return table


def build_rows() -> list[dict[str, str]]:
    curated = _parse_curated()
    isos = {c.alpha_3 for c in pycountry.countries}
    unknown = sorted(set(curated) - isos)
    missing = sorted(isos - set(curated))
    if unknown or missing:
        raise SystemExit(f"CURATED: unknown iso3 {unknown}, missing iso3 {missing}")
    rows: list[dict[str, str]] = []
    owner: dict[str, str] = {}  # alias -> iso3, to keep every alias unique

    def add(iso3: str, alias: str, kind: str, ambiguous: bool) -> None:
        if alias in owner:
            if owner[alias] != iso3:
                raise SystemExit(f"alias {alias!r} given to both {owner[alias]} and {iso3}")
            return  # first kind wins ("Myanmar" is a name, not also an adjective row)
        owner[alias] = iso3
        rows.append({"iso3": iso3, "alias": alias, "kind": kind, "ambiguous": str(int(ambiguous))})

    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = country.alpha_3
        entry = curated[iso3]
        flagged = {v for v, amb in entry["name"] if amb}
        names = _pycountry_names(country) + [v for v, _ in entry["name"]]
        for name in names:
            for variant in _variants(name):
                add(iso3, variant, "name", name in flagged or variant in flagged)
        for kind in KINDS[1:]:
            for value, amb in entry[kind]:
                for variant in [value] if kind == "abbreviation" else _variants(value):
                    add(iso3, variant, kind, amb)
    rows.sort(key=lambda r: (r["iso3"], KINDS.index(r["kind"]), r["alias"].casefold()))
    return rows


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} rows to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
