"""Synthetic diplomacy news articles for benchmarks: deterministic, fast and seed-driven.

The articles are made up. Names of leaders, countries, organisations and initiatives come
from the project's ``seeds/*.csv`` so that the extraction stages have something to find; the
capitals, outlets, reporters, sentence templates and vocabulary are this module's own. Each
article has a headline and, at random, a byline, a date line, share widgets, a photo caption
and an agency dateline, then 4-9 paragraphs (250-700 words in all) about one event: a summit,
a state visit, a phone call, a round of talks, the signing of a memorandum, a resolution, an
anniversary or a forum. Events are drawn from a pool shared by all articles of a seed, so
several articles report the same event, and the background paragraphs cite earlier ones.

As a module::

    from bench.synth import generate, write_corpus

    for name, text in generate(100, seed=7):
        ...
    paths = write_corpus(Path("/tmp/synth"), 2000, seed=0)

As a script::

    python bench/synth.py OUT_DIR --count 2000 --seed 0

Output depends only on ``seed`` and the article's index: the same seed gives byte-identical
files, and ``generate(10, s)`` is a prefix of ``generate(20, s)``. Nothing is held in memory
beyond the seed vocabulary and the event pool, so any count streams in constant memory.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

MIN_WORDS = 250
MAX_WORDS = 700
MIN_PARAGRAPHS = 4
MAX_PARAGRAPHS = 9
POOL_SIZE = 240
FIRST_DAY = dt.date(2016, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)

# --------------------------------------------------------------------------------------------
# Reference data from the seeds


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str  # as in a headline: "United States"
    ref: str  # in running text: "the United States"
    adjective: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    iso3: str
    title: str
    short: str  # second-mention form: "Xi", "Araghchi"


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    short: str
    kind: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    countries: dict[str, Country]
    people: tuple[Person, ...]
    people_by_country: dict[str, tuple[Person, ...]]
    person_countries: tuple[str, ...]  # countries with at least one person
    hosts: tuple[str, ...]  # countries with people and a capital in CAPITALS
    orgs: dict[str, tuple[Org, ...]]
    initiatives: tuple[str, ...]  # noun phrases, article included: "the Belt and Road Initiative"
    think_tanks: tuple[str, ...]


# Capitals and other diplomatic cities (written for this module), keyed by country.
CAPITALS: dict[str, str] = {
    "ARE": "Abu Dhabi",
    "ARG": "Buenos Aires",
    "AUS": "Canberra",
    "AUT": "Vienna",
    "BGD": "Dhaka",
    "BRA": "Brasilia",
    "CAN": "Ottawa",
    "CHE": "Bern",
    "CHL": "Santiago",
    "CHN": "Beijing",
    "COL": "Bogota",
    "CUB": "Havana",
    "DEU": "Berlin",
    "EGY": "Cairo",
    "ESP": "Madrid",
    "ETH": "Addis Ababa",
    "FRA": "Paris",
    "GBR": "London",
    "GRC": "Athens",
    "HUN": "Budapest",
    "IDN": "Jakarta",
    "IND": "New Delhi",
    "IRN": "Tehran",
    "ITA": "Rome",
    "JPN": "Tokyo",
    "KAZ": "Astana",
    "KEN": "Nairobi",
    "KHM": "Phnom Penh",
    "KOR": "Seoul",
    "LAO": "Vientiane",
    "LKA": "Colombo",
    "MEX": "Mexico City",
    "MYS": "Kuala Lumpur",
    "NGA": "Abuja",
    "NZL": "Wellington",
    "PAK": "Islamabad",
    "PER": "Lima",
    "PHL": "Manila",
    "POL": "Warsaw",
    "QAT": "Doha",
    "RUS": "Moscow",
    "SAU": "Riyadh",
    "SGP": "Singapore",
    "SRB": "Belgrade",
    "THA": "Bangkok",
    "TUR": "Ankara",
    "UKR": "Kyiv",
    "USA": "Washington",
    "UZB": "Tashkent",
    "VNM": "Hanoi",
    "ZAF": "Pretoria",
}
# Cities where multilateral meetings are held, besides capitals.
VENUES = ("Geneva", "New York", "Brussels", "Vienna", "Nairobi", "Jakarta", "Addis Ababa")

_ARTICLE_HEADS = frozenset(
    """
    Initiative Agreement Treaty Convention Conventions Accords Declaration Agenda Framework
    Corridor Road Process Plan Policy Partnership Network Fund Compact Protocol Consensus
    Doctrine Goals Area Pledge Formula Mechanism Express Gateway Outlook Charter Arrangement
    Multilateralisation Principles Spirit Workshop Future Act Memorandum Relief
    Prosperity Investment Action Region Deal agreements agenda Fulcrum Indo-Pacific
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_THINK_TANK_WORDS = ("Institute", "Institution", "Endowment", "Council", "Center", "House")


def _word_list(text: str) -> tuple[str, ...]:
    """Word lists read best as prose."""
    return tuple(text.split())


def _read(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _short_name(name: str, aliases: str) -> str:
    """The shortest one-word alias that is part of the full name ("Xi"), else the name."""
    parts = set(name.split())
    options = [a.strip() for a in aliases.split("|") if a.strip() in parts and len(a.strip()) > 1]
    return min(options, key=len) if options else name


_THE_COUNTRIES = frozenset(
    ("Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines")
)
_THE_ENDINGS = ("Republic", "Islands", "Emirates", "Territories", "Territory")


def _country_ref(name: str) -> str:
    """ "the United States", "the Philippines", "the Dominican Republic"; otherwise the name."""
    if name in _THE_COUNTRIES or name.startswith(("United ", "Republic ")):
        return f"the {name}"
    return f"the {name}" if name.endswith(_THE_ENDINGS) else name


def _initiative_phrase(name: str) -> str:
    """ "the Belt and Road Initiative", "the Code of Conduct ..."; "Agenda 2063", "America First"."""
    last = name.split()[-1]
    if last.isdigit():
        return name
    if last in _ARTICLE_HEADS or any(
        f" {w} " in name for w in ("of", "on", "for", "with", "to", "between", "beyond")
    ):
        return f"the {name}"
    return name


@cache
def vocabulary() -> Vocabulary:
    """The seed names this generator draws on (read once per process)."""
    countries_rows = _read("countries.csv")
    adjectives: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for row in _read("country_aliases.csv"):
        if row["kind"] == "adjective":
            chosen = adjectives if row["ambiguous"] == "0" else fallback
            chosen.setdefault(row["iso3"], row["alias"])
    adjectives = fallback | adjectives
    countries = {
        row["iso3"]: Country(
            row["iso3"],
            row["name"],
            _country_ref(row["name"]),
            adjectives.get(row["iso3"], row["name"]),
        )
        for row in countries_rows
    }
    people: list[Person] = []
    for row in _read("people.csv"):
        iso3, title = row["country_iso3"].strip(), row["title"].strip()
        if iso3 in countries and title:
            people.append(
                Person(row["name"], iso3, title, _short_name(row["name"], row["aliases"]))
            )
    by_country: dict[str, list[Person]] = {}
    for person in people:
        by_country.setdefault(person.iso3, []).append(person)
    orgs: dict[str, list[Org]] = {}
    for row in _read("organizations.csv"):
        name = row["name"].strip()
        if name and name[0].isupper() and not name.endswith("."):
            org = Org(name, row["short_name"].strip() or name, row["kind"])
            orgs.setdefault(row["kind"], []).append(org)
    initiatives = tuple(
        _initiative_phrase(row["name"])
        for row in _read("initiatives.csv")
        if row["name"][:1].isupper() and "'s " not in row["name"] and row["kind"] != "principle"
    )
    think_tanks = tuple(
        f"the {org.name}" if not org.name.endswith("House") else org.name
        for org in orgs.get("ngo", [])
        if any(word in org.name for word in _THINK_TANK_WORDS)
    )
    person_countries = tuple(sorted(by_country))
    return Vocabulary(
        countries=countries,
        people=tuple(people),
        people_by_country={k: tuple(v) for k, v in by_country.items()},
        person_countries=person_countries,
        hosts=tuple(c for c in person_countries if c in CAPITALS),
        orgs={k: tuple(v) for k, v in orgs.items()},
        initiatives=initiatives,
        think_tanks=think_tanks or ("the Institute of Global Affairs",),
    )


# --------------------------------------------------------------------------------------------
# Words written for this generator

OUTLETS = (
    "Diplo Wire",
    "Meridian Daily",
    "Continental Observer",
    "Harbourline Times",
    "Atlas Review",
    "Pacific Monitor",
    "Northgate Herald",
    "Eastern Chronicle",
    "Global Ledger Journal",
)
FIRST_NAMES = _word_list(
    "Anna Tomas Mei Rafael Ines Kwame Leila Dmitri Sofia Arjun Hana Mateo Nadia Oskar Priya "
    "Elif Jonah Amara Viktor Lucia Kenji Farah Marco Zainab Pavel Clara Idris Yuna Emeka Greta"
    ""
)
LAST_NAMES = _word_list(
    "Whitfield Okafor Lindqvist Moravec Castellano Haddad Ivanova Brenner Nakamura Adeyemi "
    "Sorensen Varga Qureshi Delacroix Mbeki Hartmann Rojas Kowalski Tanaka Osei Ferreira "
    "Demir Halloran Novak Achterberg Suleiman Petrov Vidal Okonjo Lund"
    ""
)

TOPICS = (
    "maritime cooperation",
    "food security",
    "the green energy transition",
    "the digital economy",
    "counterterrorism",
    "public health",
    "nuclear non-proliferation",
    "climate finance",
    "trade facilitation",
    "infrastructure connectivity",
    "people-to-people exchanges",
    "disaster relief",
    "cybersecurity",
    "critical minerals",
    "water resources management",
    "tourism",
    "scientific research",
    "customs cooperation",
    "agricultural technology",
    "humanitarian access",
    "peacekeeping",
    "arms control",
    "debt relief",
    "space cooperation",
    "vocational training",
    "fisheries management",
    "port development",
    "renewable power grids",
    "artificial intelligence governance",
    "migration and border management",
)
ISSUES = (
    "the situation on the Korean Peninsula",
    "the war in Ukraine",
    "the crisis in Gaza",
    "tensions in the South China Sea",
    "the Iranian nuclear programme",
    "instability in the Sahel",
    "the humanitarian situation in Sudan",
    "reform of the United Nations Security Council",
    "the future of the multilateral trading system",
    "volatility in global energy markets",
    "the conflict in eastern Congo",
    "security in the Red Sea",
)
SECTORS = (
    "energy",
    "agriculture",
    "manufacturing",
    "telecommunications",
    "mining",
    "pharmaceuticals",
    "logistics",
    "electric vehicles",
    "textiles",
    "financial services",
)
TONES = (
    "candid and constructive",
    "friendly and productive",
    "frank but cordial",
    "substantive",
    "positive and forward-looking",
    "businesslike",
    "warm",
)
STRESSED = ("stressed", "underlined", "emphasised", "highlighted")
SAID = ("said", "stressed", "noted", "underlined", "reiterated", "pointed out", "emphasised")
AGREED = ("agreed", "pledged", "vowed", "committed themselves", "resolved")
DEEPEN = ("deepen", "expand", "step up", "strengthen", "broaden", "upgrade")
COOP = ("cooperation", "coordination", "practical collaboration", "dialogue", "joint work")
PRINCIPLES = (
    "respect for sovereignty and territorial integrity",
    "non-interference in internal affairs",
    "the peaceful settlement of disputes",
    "open and rules-based trade",
    "equality among nations large and small",
    "the central role of the United Nations",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NUMBER_WORDS = _word_list("zero one two three four five six seven eight nine ten eleven twelve")
SMALL_WORDS = frozenset(_word_list("a an and as at by for in of on or the to with from"))

QUOTES = (
    "We are ready to open a new chapter in our relations",
    "Our cooperation in {topic} has delivered real benefits to both peoples",
    "Dialogue is always better than confrontation",
    "This agreement shows what patient diplomacy can achieve",
    "We will not accept any attempt to undermine stability in our region",
    "The door to negotiations remains open",
    "Our partnership rests on mutual respect and equality",
    "{A} stands ready to work with all partners on {topic}",
    "We have agreed on a clear timetable, and we intend to keep to it",
    "No country can tackle {topic} on its own",
    "There is still a lot of work to do, but the direction is right",
    "The international community must act together, and it must act now",
    "We expect concrete results, not just declarations",
    "Today we have taken an important step forward",
    "Trust is built step by step, and today was one of those steps",
    "Our friendship has stood the test of time and of changing circumstances",
    "We discussed difficult issues openly, as good partners should",
    "The people of {A} want peace, development and a fair share of the opportunities ahead",
    "We will continue to support {B} on its path of development",
    "Both our economies stand to gain from closer links in {topic}",
    "I am confident that this visit will give new momentum to our ties",
    "Unilateral measures only make the problems harder to solve",
)
INDIRECT = (
    "the two countries shared a common interest in {topic}",
    "{A} would keep its commitments under {init}",
    "relations with {B} had entered a new stage",
    "the talks had been {tone}",
    "further progress on {topic} was expected before the end of the year",
    "{A} opposed any move that could escalate tensions",
    "the agreements signed would be implemented without delay",
    "more needed to be done to protect civilians caught up in conflicts",
)
FILLERS = (
    "The two sides {agreed} to {deepen} {coop} in {topic} and {topic2}.",
    "They also exchanged views on {issue} and other international and regional issues of common concern.",
    "According to a readout released by the {Aadj} foreign ministry, the discussions covered {topic}, {topic2} and {topic3}.",
    "{A} is among {Bposs} ten largest trading partners, and two-way trade reached {money} last year, up {pct} percent from a year earlier.",
    "Officials said a joint working group on {topic} would meet {future} to draw up a detailed road map.",
    "The {Aadj} side {said} it was ready to work with {B} to {goal}.",
    "{Badj} officials said they welcomed the growing interest of {Aadj} companies in {sector}.",
    "Both sides {stressed} the importance of {principle}.",
    "The ministers reviewed progress on {project} and agreed to speed up its implementation.",
    "Diplomats familiar with the discussions said {issue} remained a sensitive point, although neither side raised it in public.",
    "{A} and {B} {agreed} to keep communication channels open and to coordinate closely at {venue}.",
    "The {org} has identified {topic} as one of its priorities for {next_year}.",
    "Several agreements are expected to be finalised {future}, including one on {topic}.",
    "Trade between {A} and {B} has grown {steadily} over the past decade, driven largely by {sector} and {sector2}.",
    "Analysts say {A} is seeking to diversify its partnerships at a time of {uncertainty}.",
    "On {issue}, the {Aadj} side reiterated that {stance}.",
    "The joint statement issued afterwards called for {call}.",
    "{Badj} state media described the talks as {tone}.",
    "Neither side disclosed the financial terms of the arrangements.",
    "The meeting was held behind closed doors and lasted {duration}, officials said.",
    "Both delegations included ministers responsible for {topic} and {sector}.",
    "{A} has pledged {money} in {fin_kind} for projects in {topic} by {future_year}.",
    "Observers noted that the {tone_adj} tone marked a shift from {period}, when relations were {strained}.",
    "Business leaders from both countries met on the sidelines, where {n} deals worth {money} were announced.",
    "{init_cap} featured prominently in the discussions.",
    "{Aadj} officials have repeatedly said that {init} is open to all countries that wish to take part.",
    "The {org} welcomed the outcome in a brief statement, calling it {tone}.",
    "A follow-up meeting of senior officials is scheduled for {month} in {city2}.",
    "Humanitarian groups urged the governments involved to {humanitarian}.",
    "The two sides pledged to support each other's candidacies in international organisations.",
    "Security issues, including {security}, were also on the agenda.",
    "The {Badj} parliament is expected to ratify the new arrangements {future}.",
    "Student exchanges and more direct flights between {city} and {city2} were also discussed.",
    "Both sides agreed that dialogue and consultation were the only viable way to resolve {dispute}.",
    "Economists in {city} said closer ties could lift bilateral trade by as much as {pct} percent within {years} years.",
    "Visa procedures for business travellers will be simplified under the new arrangements, officials added.",
    "{A} and {B} will also set up a joint fund of {money} to finance projects in {topic}.",
    "Critics at home, however, questioned whether the {Aadj} government had secured enough in return.",
    "Officials from the {org} attended part of the meeting as observers.",
    "{A} was represented by a delegation of more than {big_n} officials and executives.",
    "The {Aadj} embassy in {city2} said preparations for the meeting had taken {months_word} months.",
    "Foreign direct investment from {A} into {B} rose to {money} in {past_year}, official figures show.",
    "Opposition lawmakers in {A} have called for a parliamentary debate on the deals.",
    "Talks on a free trade agreement, stalled since {past_year}, could resume {future}, one official said.",
    "The two sides also agreed to cooperate more closely on {security} and {security2}.",
    "Both governments {said} their support for {init}.",
    "Much of the discussion centred on how to finance {topic} without adding to debt burdens.",
    "The {n}-point action plan adopted at the meeting sets out targets for {topic} and {topic2}.",
    "{Badj} exporters of {product} are expected to be among the first to benefit.",
    "Relations between the two countries have not always been smooth, and {dispute_plain} still cast a shadow over ties.",
    "It was the {visit_ord} meeting between officials of the two countries at this level {this_year}.",
    "Working-level consultations on {topic} have been held every {interval} since {past_year}.",
    "The {Aadj} leadership has made {topic} a central plank of its foreign policy.",
    "Speaking to reporters later, officials played down expectations of a quick breakthrough on {issue}.",
)
PRODUCTS = (
    "coffee",
    "rice",
    "copper",
    "palm oil",
    "beef",
    "seafood",
    "cut flowers",
    "wine",
    "cotton",
)
GOALS = (
    "make the relationship more resilient",
    "deliver tangible results for both peoples",
    "keep supply chains open and stable",
    "promote peace and development in the region",
    "bring the partnership to a higher level",
    "translate political consensus into practical outcomes",
)
STANCES = (
    "the dispute should be settled through negotiation",
    "sanctions imposed without a mandate from the United Nations were counterproductive",
    "an immediate ceasefire was the first priority",
    "all parties should exercise restraint",
    "humanitarian aid must be allowed to reach those in need",
)
CALLS = (
    "an early resumption of peace talks",
    "more funding for climate adaptation in developing countries",
    "fairer representation of the Global South in international institutions",
    "the protection of civilians and critical infrastructure",
    "an end to protectionist measures that disrupt trade",
    "the swift implementation of earlier commitments",
)
SECURITY = (
    "cross-border crime",
    "the fight against drug trafficking",
    "the safety of shipping lanes",
    "terrorist financing",
    "the protection of undersea cables",
)
DISPUTES = (
    "their differences over fishing rights",
    "outstanding border questions",
    "the trade frictions of recent years",
    "differences over visa rules",
    "the dispute over water sharing",
)
HUMANITARIAN = (
    "guarantee safe passage for aid convoys",
    "protect hospitals and schools",
    "increase funding for refugee camps",
    "allow independent monitors into the affected areas",
)


# --------------------------------------------------------------------------------------------
# Small helpers


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def long_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def title_case(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        if word and word[0].islower() and (i == 0 or word not in SMALL_WORDS):
            word = word[0].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------------------------
# Events


EVENT_KINDS = (
    "summit",
    "visit",
    "call",
    "talks",
    "memorandum",
    "resolution",
    "anniversary",
    "forum",
)
_KIND_WEIGHTS = (3, 4, 3, 3, 3, 2, 1, 2)
_FORUM_WORDS = ("Forum", "Summit", "Meeting", "Expo", "Dialogue", "Conference")
_RESOLUTION_WORDS = ("Council", "Assembly", "Commission", "Conference", "Committee", "Organization")


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    date: dt.date
    a: str  # iso3 of the first (guest or initiating) country
    b: str  # iso3 of the second (host) country
    person_a: Person
    person_b: Person
    city: str
    org: Org | None
    number: int  # ordinal of the summit, round or anniversary; vote count for resolutions
    topic: str


def _random_day(rng: random.Random) -> dt.date:
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=rng.randrange(span))


def _leader(rng: random.Random, vocab: Vocabulary, iso3: str) -> Person:
    return rng.choice(vocab.people_by_country[iso3])


def make_event(rng: random.Random, vocab: Vocabulary) -> Event:
    """One event with its participants, place and date (all drawn from ``rng``)."""
    kind = rng.choices(EVENT_KINDS, _KIND_WEIGHTS)[0]
    b = rng.choice(vocab.hosts)
    a = rng.choice(vocab.person_countries)
    while a == b:
        a = rng.choice(vocab.person_countries)
    org: Org | None = None
    city = CAPITALS[b]
    number = 0
    if kind == "summit":
        org = rng.choice(vocab.orgs["bloc"])
        number = rng.randint(2, 45)
    elif kind == "forum":
        org = rng.choice(vocab.orgs["forum"])
        number = rng.randint(2, 30)
    elif kind == "resolution":
        bodies = [
            o
            for kind_ in ("un_body", "igo", "bloc")
            for o in vocab.orgs.get(kind_, ())
            if any(w in o.name for w in _RESOLUTION_WORDS)
        ]
        org = rng.choice(bodies)
        city = rng.choice(VENUES)
        number = rng.randint(90, 160)
    elif kind == "talks":
        number = rng.randint(2, 20)
    elif kind == "anniversary":
        number = rng.choice((10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75))
    if kind in ("summit", "forum") and rng.random() < 0.3:
        city = rng.choice(VENUES)
    return Event(
        kind=kind,
        date=_random_day(rng),
        a=a,
        b=b,
        person_a=_leader(rng, vocab, a),
        person_b=_leader(rng, vocab, b),
        city=city,
        org=org,
        number=number,
        topic=rng.choice(TOPICS),
    )


def event_pool(seed: int, vocab: Vocabulary, size: int = POOL_SIZE) -> tuple[Event, ...]:
    """The events the articles of one seed share, oldest first."""
    rng = random.Random(f"synth-pool:{seed}")
    return tuple(sorted((make_event(rng, vocab) for _ in range(size)), key=lambda e: e.date))


# --------------------------------------------------------------------------------------------
# Dates in text


def when(day: dt.date, published: dt.date, rng: random.Random) -> str:
    """How an article published on ``published`` refers to ``day`` (on or before it)."""
    gap = (published - day).days
    if 0 <= gap <= 6 and rng.random() < 0.75:
        return f"on {WEEKDAYS[day.weekday()]}"
    if day.year == published.year:
        if rng.random() < 0.3 and gap > 20:
            return f"in {MONTHS[day.month - 1]}"
        return f"on {MONTHS[day.month - 1]} {day.day}"
    if day.year == published.year - 1 and rng.random() < 0.4:
        return "last year"
    roll = rng.random()
    if roll < 0.4:
        return f"in {day.year}"
    if roll < 0.7:
        return f"in {MONTHS[day.month - 1]} {day.year}"
    return f"on {long_date(day)}"


def date_line(day: dt.date, rng: random.Random) -> str:
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    ampm = rng.choice(("AM", "PM"))
    month = MONTHS[day.month - 1]
    forms = (
        long_date(day),
        f"Updated {day:%Y/%m/%d} at {hour}:{minute:02d} {ampm}",
        f"Published: {day.day:02d} {month[:3]} {day.year} {hour + 8:02d}:{minute:02d}",
        f"{day.isoformat()} {hour:02d}:{minute:02d}",
        f"Last updated: {day.day} {month} {day.year}, {hour + 8}:{minute:02d}",
        f"{month[:3]} {day.day}, {day.year} {hour:02d}:{minute:02d} GMT",
        f"Posted on {WEEKDAYS[day.weekday()]}, {long_date(day)}",
    )
    return rng.choice(forms)


# --------------------------------------------------------------------------------------------
# One article


class _Slots(dict[str, str]):
    """Template slots filled on first use, so a sentence pays only for the slots it names."""

    def __init__(self, fill: Callable[[str, dict[str, str]], str]) -> None:
        super().__init__()
        self._fill = fill

    def __missing__(self, key: str) -> str:
        value = self._fill(key, self)
        self[key] = value
        return value


def _other(rng: random.Random, options: Sequence[str], *taken: str | None) -> str:
    """A random option different from those already used in the sentence."""
    choice = rng.choice(options)
    while choice in taken:
        choice = rng.choice(options)
    return choice


class _Writer:
    """Writes one article about ``event``; every choice comes from ``rng``."""

    def __init__(
        self,
        rng: random.Random,
        vocab: Vocabulary,
        event: Event,
        published: dt.date,
        background: Sequence[Event],
    ) -> None:
        self.rng = rng
        self.vocab = vocab
        self.event = event
        self.published = published
        self.background = list(background)  # earlier events, cited at most once each
        rng.shuffle(self.background)
        self.country_a = vocab.countries[event.a]
        self.country_b = vocab.countries[event.b]
        self.initiative = rng.choice(vocab.initiatives)
        self.org = event.org or rng.choice(
            vocab.orgs[rng.choice(("bloc", "igo", "un_body", "forum"))]
        )
        self.mentioned: set[str] = set()
        self.decks: dict[str, list[str]] = {}  # templates not used yet in this article
        self.slots = self._slot_table()

    # -- people --------------------------------------------------------------------------

    def full(self, person: Person) -> str:
        """First mention: "Chinese President Xi Jinping"; later mentions: "Xi"."""
        if person.name in self.mentioned:
            return person.short
        self.mentioned.add(person.name)
        title = person.title
        adjective = self.vocab.countries[person.iso3].adjective
        if person.name.startswith(f"{title.split()[0]} "):  # "King Felipe VI"
            return f"{adjective} {person.name}"
        if " of " in title or title.startswith(("UN ", "U.N.")):
            return f"{title} {person.name}"
        return f"{adjective} {title} {person.name}"

    def reporter(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    # -- slots ---------------------------------------------------------------------------

    def _slot_table(self) -> dict[str, Callable[[dict[str, str]], str]]:
        rng, a, b, ev, year = (
            self.rng,
            self.country_a,
            self.country_b,
            self.event,
            self.published.year,
        )
        choice = rng.choice
        return {
            "A": lambda s: a.ref,
            "B": lambda s: b.ref,
            "Aadj": lambda s: a.adjective,
            "Badj": lambda s: b.adjective,
            "Aposs": lambda s: possessive(a.ref),
            "Bposs": lambda s: possessive(b.ref),
            "topic": lambda s: ev.topic if rng.random() < 0.5 else choice(TOPICS),
            "topic2": lambda s: _other(rng, TOPICS, s["topic"]),
            "topic3": lambda s: _other(rng, TOPICS, s["topic"], s["topic2"]),
            "issue": lambda s: choice(ISSUES),
            "sector": lambda s: choice(SECTORS),
            "sector2": lambda s: _other(rng, SECTORS, s["sector"]),
            "product": lambda s: choice(PRODUCTS),
            "tone": lambda s: choice(TONES),
            "tone_adj": lambda s: choice(("conciliatory", "upbeat", "measured", "cordial")),
            "said": lambda s: choice(SAID),
            "stressed": lambda s: choice(STRESSED),
            "agreed": lambda s: choice(AGREED),
            "deepen": lambda s: choice(DEEPEN),
            "coop": lambda s: choice(COOP),
            "principle": lambda s: choice(PRINCIPLES),
            "goal": lambda s: choice(GOALS),
            "stance": lambda s: choice(STANCES),
            "call": lambda s: choice(CALLS),
            "security": lambda s: choice(SECURITY),
            "security2": lambda s: _other(rng, SECURITY, s["security"]),
            "dispute": lambda s: choice(DISPUTES),
            "dispute_plain": lambda s: choice(DISPUTES).removeprefix("their "),
            "humanitarian": lambda s: choice(HUMANITARIAN),
            "money": lambda s: (
                f"${rng.randint(20, 950)} million"
                if rng.random() < 0.5
                else f"${rng.randint(1, 40)}.{rng.randint(1, 9)} billion"
            ),
            "pct": lambda s: str(rng.randint(3, 38)),
            "n": lambda s: number_word(rng.randint(3, 12)),
            "big_n": lambda s: str(rng.randrange(40, 400, 10)),
            "years": lambda s: number_word(rng.randint(2, 10)),
            "months_word": lambda s: number_word(rng.randint(2, 9)),
            "visit_ord": lambda s: choice(("second", "third", "fourth", "fifth")),
            "interval": lambda s: choice(("six months", "year", "two years", "quarter")),
            "this_year": lambda s: choice(
                ("this year", "in less than a year", f"since {year - 2}")
            ),
            "future": lambda s: choice(
                ("next month", "later this year", "by the end of the year", "early next year")
            ),
            "future_year": lambda s: str(year + rng.randint(2, 8)),
            "past_year": lambda s: str(year - rng.randint(2, 12)),
            "next_year": lambda s: str(year + 1),
            "month": lambda s: MONTHS[(self.published.month + rng.randint(0, 4)) % 12],
            "city": lambda s: ev.city,
            "city2": lambda s: _other(rng, _CITIES, ev.city),
            "venue": lambda s: choice(
                ("the United Nations", "the G20", "regional forums", f"the {self.org.name}")
            ),
            "org": lambda s: self.org.name,
            "init": lambda s: self.initiative,
            "init_cap": lambda s: capitalise(self.initiative),
            "project": lambda s: choice(
                (
                    f"a planned {choice(('rail link', 'deep-water port', 'power line', 'highway'))}",
                    f"the joint industrial zone for {choice(SECTORS)}",
                    f"projects under {self.initiative}",
                )
            ),
            "steadily": lambda s: choice(("steadily", "rapidly", "unevenly", "sharply")),
            "uncertainty": lambda s: choice(
                ("great-power rivalry", "economic uncertainty", "shifting alliances")
            ),
            "duration": lambda s: choice(
                ("about two hours", "more than three hours", "90 minutes")
            ),
            "fin_kind": lambda s: choice(("loans and grants", "concessional loans", "investment")),
            "period": lambda s: choice(
                ("a few years ago", "the pandemic years", "the last decade")
            ),
            "strained": lambda s: choice(("strained", "frosty", "at a low ebb", "tense")),
        }

    def render(self, template: str, *, capital: bool = True, speaker: str | None = None) -> str:
        """Fill ``template``; with ``speaker`` (iso3), {A} is the speaker's own country."""
        swap = speaker == self.event.b

        def fill(key: str, slots: dict[str, str]) -> str:
            return self.slots[_SWAP.get(key, key) if swap else key](slots)

        text = template.format_map(_Slots(fill))
        return capitalise(text) if capital else text

    def draw(self, name: str, options: Sequence[str]) -> str:
        """The next of ``options`` from a shuffled deck, so an article does not repeat itself."""
        deck = self.decks.get(name)
        if not deck:
            deck = self.decks[name] = list(options)
            self.rng.shuffle(deck)
        return deck.pop()

    # -- sentences -----------------------------------------------------------------------

    def event_phrase(self, ev: Event, published: dt.date) -> str:
        """A noun phrase naming an earlier event, with its date."""
        c = self.vocab.countries
        time = when(ev.date, published, self.rng)
        a, b = c[ev.a], c[ev.b]
        org_short = ev.org.short if ev.org else ""
        if ev.kind == "summit":
            return f"the {ordinal(ev.number)} {org_short} Summit in {ev.city} {time}"
        if ev.kind == "visit":
            return f"{possessive(ev.person_a.name)} state visit to {b.ref} {time}"
        if ev.kind == "call":
            return f"a phone call between {ev.person_a.name} and {ev.person_b.name} {time}"
        if ev.kind == "talks":
            return (
                f"the {ordinal(ev.number)} round of {a.adjective}-{b.adjective} strategic dialogue "
                f"{time}"
            )
        if ev.kind == "memorandum":
            return (
                f"the signing of a memorandum of understanding on {ev.topic} between {a.ref} and "
                f"{b.ref} {time}"
            )
        if ev.kind == "resolution":
            org = ev.org.name if ev.org else "United Nations"
            return f"the adoption of a resolution on {ev.topic} by the {org} {time}"
        if ev.kind == "anniversary":
            return (
                f"celebrations marking the {ordinal(ev.number)} anniversary of diplomatic "
                f"relations between {a.ref} and {b.ref} {time}"
            )
        return f"the {ordinal(ev.number)} {self.forum_name(ev)} in {ev.city} {time}"

    @staticmethod
    def forum_name(ev: Event) -> str:
        name = ev.org.name if ev.org else "Forum"
        if any(w in name for w in _FORUM_WORDS):
            return name
        return f"meeting of the {name}"

    def headline(self) -> str:
        ev, rng = self.event, self.rng
        a, b = self.country_a, self.country_b
        pa, pb = ev.person_a, ev.person_b
        org_short = ev.org.short if ev.org else ""
        nth = ordinal(ev.number)
        options: dict[str, tuple[str, ...]] = {
            "summit": (
                f"{org_short} leaders gather in {ev.city} for {nth} summit",
                f"{a.adjective} leader calls for unity at {org_short} summit",
                f"{nth} {org_short} summit opens with focus on {ev.topic}",
                f"{pa.short} urges {org_short} partners to act on {ev.topic}",
            ),
            "visit": (
                f"{pa.name} begins state visit to {b.name}",
                f"{a.adjective} {pa.title} arrives in {ev.city} for talks",
                f"{a.name}, {b.name} vow closer ties during {pa.short} visit",
                f"{pa.short} and {pb.short} hold talks in {ev.city}",
            ),
            "call": (
                f"{pa.short}, {pb.short} hold phone talks on {ev.topic}",
                f"{a.adjective} and {b.adjective} leaders discuss {ev.topic} by phone",
                f"{pa.short} speaks with {b.adjective} counterpart {pb.short}",
            ),
            "talks": (
                f"{a.name} and {b.name} hold {nth} round of strategic dialogue",
                f"{a.adjective}-{b.adjective} talks in {ev.city} focus on {ev.topic}",
            ),
            "memorandum": (
                f"{a.name}, {b.name} sign memorandum on {ev.topic}",
                f"{a.name} and {b.name} ink deal to boost {ev.topic}",
                f"{b.adjective}, {a.adjective} officials seal {ev.topic} pact in {ev.city}",
            ),
            "resolution": (
                f"{org_short} adopts resolution on {ev.topic}",
                f"Resolution on {ev.topic} passes with broad support at {org_short}",
            ),
            "anniversary": (
                f"{a.name} and {b.name} mark {ev.number} years of diplomatic ties",
                f"{nth} anniversary of {a.adjective}-{b.adjective} relations celebrated in "
                f"{ev.city}",
            ),
            "forum": (
                f"{nth} {self.forum_name(ev)} opens in {ev.city}",
                f"Delegates in {ev.city} debate {ev.topic} at {self.forum_name(ev)}",
            ),
        }
        text = capitalise(rng.choice(options[ev.kind]))
        return title_case(text) if rng.random() < 0.5 else text

    def lead(self) -> list[str]:
        ev, rng = self.event, self.rng
        a, b = self.country_a, self.country_b
        time = when(ev.date, self.published, rng)
        topic2 = _other(rng, TOPICS, ev.topic)
        org_name = ev.org.name if ev.org else ""
        org_short = ev.org.short if ev.org else ""
        nth = ordinal(ev.number)
        pick = rng.randrange(2)
        if ev.kind == "summit" and pick:
            first = (
                f"Leaders of the {org_name} member states opened the {nth} {org_short} Summit "
                f"in {ev.city} {time}, with {ev.topic} and {topic2} high on the agenda."
            )
        elif ev.kind == "summit":
            first = (
                f"{self.full(ev.person_a)} called for stronger solidarity among members of the "
                f"{org_name} as the bloc's {nth} summit got under way in {ev.city} {time}."
            )
        elif ev.kind == "visit":
            days = number_word(rng.randint(2, 5))
            fa, fb = self.full(ev.person_a), self.full(ev.person_b)
            first = (
                f"{fa} arrived in {ev.city} {time} for a {days}-day state visit to {b.ref} at "
                f"the invitation of {fb}."
                if pick
                else f"{fa} held talks with {fb} in {ev.city} {time}, the centrepiece of a "
                f"{days}-day visit aimed at boosting {ev.topic}."
            )
        elif ev.kind == "call":
            fa, fb = self.full(ev.person_a), self.full(ev.person_b)
            first = (
                f"{fa} held a phone call with {fb} {time}, during which the two sides discussed "
                f"{ev.topic} and {rng.choice(ISSUES)}."
                if pick
                else f"{fa} and {fb} spoke by telephone {time} and agreed to step up cooperation "
                f"on {ev.topic}, officials in {CAPITALS.get(ev.a, ev.city)} said."
            )
        elif ev.kind == "talks":
            first = (
                f"Senior diplomats from {a.ref} and {b.ref} held the {nth} round of their "
                f"strategic dialogue in {ev.city} {time}, focusing on {ev.topic} and {topic2}."
            )
        elif ev.kind == "memorandum" and pick:
            first = (
                f"{a.ref} and {b.ref} signed a memorandum of understanding on {ev.topic} in "
                f"{ev.city} {time}, following talks between {self.full(ev.person_a)} and "
                f"{self.full(ev.person_b)}."
            )
        elif ev.kind == "memorandum":
            first = (
                f"{self.full(ev.person_a)} and {self.full(ev.person_b)} witnessed the signing of "
                f"a memorandum of understanding on {ev.topic} in {ev.city} {time}."
            )
        elif ev.kind == "resolution":
            first = (
                f"The {org_name} adopted a resolution on {ev.topic} {time}, with {ev.number} "
                f"members voting in favour, {rng.randint(2, 15)} against and "
                f"{rng.randint(0, 30)} abstaining."
            )
        elif ev.kind == "anniversary":
            first = (
                f"{a.ref} and {b.ref} marked the {nth} anniversary of the establishment of "
                f"diplomatic relations {time} with a reception in {ev.city} attended by "
                f"{self.full(ev.person_a)}."
            )
        else:
            first = (
                f"The {nth} {self.forum_name(ev)} opened in {ev.city} {time}, bringing together "
                f"officials, business leaders and scholars to discuss {ev.topic} and {topic2}."
            )
        first = capitalise(first)
        if rng.random() < 0.4:
            return [first]
        second = self.render(
            rng.choice(
                (
                    "The {Aadj} and {Badj} sides described the exchanges as {tone}.",
                    "Officials said the two sides {agreed} to {deepen} {coop} in {topic} and {topic2}.",
                    "The meeting comes as both governments look to {goal}.",
                    "It was the first such meeting since {past_year}.",
                )
            )
        )
        return [first, second]

    def filler(self) -> str:
        return self.render(self.draw("filler", FILLERS))

    def quote(self) -> str:
        rng, ev = self.rng, self.event
        person = rng.choice((ev.person_a, ev.person_b))
        said = self.render(self.draw("quote", QUOTES), speaker=person.iso3)
        form = rng.randrange(5)
        if form == 0:
            ministry = f"the {self.vocab.countries[person.iso3].adjective} foreign ministry"
            return f"In a statement, {ministry} said: “{said}.”"
        if form == 1:
            clause = self.render(
                self.draw("indirect", INDIRECT), capital=False, speaker=person.iso3
            )
            return capitalise(f"{self.full(person)} said that {clause}.")
        first_mention = person.name not in self.mentioned
        speaker = self.full(person)
        if form == 2:
            return f"“{said},” {speaker} said."
        if form == 3:
            place = rng.choice(("at a joint press conference", "in a speech", "after the meeting"))
            return f"“{said},” {speaker} said {place}."
        if first_mention:
            return f"“{said},” said {speaker}."
        more = self.render(self.draw("quote", QUOTES), speaker=person.iso3)
        return f"“{said},” {speaker} told reporters. “{more}.”"

    def analyst(self) -> str:
        rng = self.rng
        name = self.reporter()
        where = rng.choice(self.vocab.think_tanks)
        text = self.render(
            rng.choice(
                (
                    "The real test will be whether the commitments on {topic} are funded",
                    "{A} wants to show that it has options, and {B} is happy to provide them",
                    "This is less about any single deal than about signalling to third countries",
                    "Neither side wants the relationship to be defined by {issue}",
                    "Expectations were modest, and on that measure the meeting delivered",
                )
            )
        )
        return rng.choice(
            (
                f"“{text},” said {name}, a senior fellow at {where}.",
                f"{name}, a researcher at {where}, said the meeting reflected "
                f"{self.render('{uncertainty}')} as much as bilateral interests.",
                f"“{text},” {name} of {where} said.",
            )
        )

    def background_sentence(self) -> str:
        rng = self.rng
        if self.background and rng.random() < 0.75:
            earlier = self.background.pop()
            phrase = self.event_phrase(earlier, self.published)
            template = self.draw(
                "background",
                (
                    "The meeting follows {}.",
                    "It comes after {}.",
                    "Many of the same issues were raised during {}.",
                    "Officials referred several times to {}.",
                    "The two sides last took stock of their ties during {}.",
                ),
            )
            return capitalise(template.format(phrase))
        year = self.published.year - rng.randint(20, 70)
        return self.render(
            rng.choice(
                (
                    f"{{A}} and {{B}} established diplomatic relations in {year}.",
                    f"The two countries have maintained diplomatic relations since {year}.",
                    "The visit is the latest in a series of high-level exchanges between the two countries.",
                )
            )
        )

    def outlook(self) -> str:
        return self.render(
            self.rng.choice(
                (
                    "The two sides agreed to hold the next round of talks in {city2} {future}.",
                    "Further meetings between officials of both countries are planned for {month}.",
                    "{A} is expected to host a follow-up meeting {future}.",
                    "The {org} said it would review progress on {topic} at its next session.",
                    "The next round of consultations will take place in {city2} {future}.",
                )
            )
        )

    # -- paragraphs ----------------------------------------------------------------------

    def paragraphs(self) -> list[list[str]]:
        rng = self.rng
        count = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        budget = rng.randint(MIN_WORDS + 10, MAX_WORDS - 90) / count
        makers: dict[str, Callable[[], str]] = {
            "filler": self.filler,
            "quote": self.quote,
            "analyst": self.analyst,
            "background": self.background_sentence,
        }
        middle = rng.choices(tuple(makers), (6, 3, 1, 2), k=count - 2)
        if "quote" not in middle:
            middle[rng.randrange(len(middle))] = "quote"
        result: list[list[str]] = [self.lead()]
        for kind in [*middle, "outlook"]:
            sentences = [makers[kind]()] if kind != "outlook" else []
            limit = budget * rng.uniform(0.6, 1.4)
            quotes = 1
            while words(" ".join(sentences)) < limit and len(sentences) < 6:
                if kind == "quote" and quotes < 2 and rng.random() < 0.4:
                    quotes += 1
                    sentences.append(self.quote())
                else:
                    sentences.append(self.filler())
            if kind == "outlook":
                sentences.append(self.outlook())
            result.append(sentences)
        if not self.mentioned:  # every article names at least one of its officials
            quoted = next(i for i, kind in enumerate(middle, start=1) if kind == "quote")
            person = rng.choice((self.event.person_a, self.event.person_b))
            text = self.render(self.draw("quote", QUOTES), speaker=person.iso3)
            result[quoted].insert(0, f"“{text},” {self.full(person)} said.")
        return result


_CITIES = tuple(sorted(set(CAPITALS.values())))
_SWAP = {"A": "B", "B": "A", "Aadj": "Badj", "Badj": "Aadj", "Aposs": "Bposs", "Bposs": "Aposs"}


def _body_words(paragraphs: list[list[str]]) -> int:
    return sum(words(s) for p in paragraphs for s in p)


def _fit(writer: _Writer, paragraphs: list[list[str]], header_words: int) -> None:
    """Add or drop sentences until the body has MIN_WORDS and the whole article MAX_WORDS."""
    rng = writer.rng
    total = _body_words(paragraphs)
    while total < MIN_WORDS:
        sentence = writer.filler()
        paragraphs[rng.randrange(1, len(paragraphs) - 1)].append(sentence)
        total += words(sentence)
    while header_words + total > MAX_WORDS:
        longest = max(range(1, len(paragraphs)), key=lambda i: len(paragraphs[i]))
        if len(paragraphs[longest]) < 2:
            break
        total -= words(paragraphs[longest].pop(-2 if longest == len(paragraphs) - 1 else -1))


def write_article(
    rng: random.Random,
    vocab: Vocabulary,
    pool: Sequence[Event],
    by_country: dict[str, list[Event]],
) -> str:
    """The text of one article."""
    if rng.random() < 0.7:
        event = pool[int(len(pool) * rng.random() ** 1.5)]  # some events are big news
    else:
        event = make_event(rng, vocab)
    published = event.date + dt.timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3, 5, 9, 30)))
    related = [
        e
        for e in by_country.get(event.a, [])[:40] + by_country.get(event.b, [])[:40]
        if e.date < event.date
    ] or [e for e in pool[:30] if e.date < event.date]
    writer = _Writer(rng, vocab, event, published, related)

    header = [writer.headline()]
    outlet = rng.choice(OUTLETS)
    if rng.random() < 0.45:
        authors = writer.reporter()
        if rng.random() < 0.2:
            authors = f"{authors} and {writer.reporter()}"
        sep = ", " if rng.random() < 0.8 else " | "
        header.append(f"By {authors}{sep}{outlet}")
    if rng.random() < 0.55:
        header.append(date_line(published, rng))
    if rng.random() < 0.15:
        header.append(
            rng.choice(("Share this article", "Share", "Facebook Twitter WhatsApp Email"))
        )
    if rng.random() < 0.15:
        header.append(f"{rng.randint(2, 7)} Min Read")
    if rng.random() < 0.2:
        header.append(caption(writer, outlet))

    paragraphs = writer.paragraphs()
    dateline = ""
    roll = rng.random()
    if roll < 0.25:
        day = published if rng.random() < 0.8 else event.date
        dateline = f"{event.city.upper()}, {MONTHS[day.month - 1]} {day.day} ({outlet}) -- "
    elif roll < 0.45:
        dateline = f"{event.city.upper()} {rng.choice(('–', '—', '--'))} "
    _fit(writer, paragraphs, sum(map(words, header)) + words(dateline))
    lines = [" ".join(p) for p in paragraphs]
    lines[0] = dateline + lines[0]
    return "\n\n".join([*header, *lines]) + "\n"


def caption(writer: _Writer, outlet: str) -> str:
    ev, rng = writer.event, writer.rng
    a, b = writer.country_a.name, writer.country_b.name
    day = long_date(ev.date)
    forms = (
        f"{ev.person_a.name} (L) shakes hands with {ev.person_b.name} in {ev.city}, {day}. "
        f"[Photo/{outlet}]",
        f"Delegates attend the opening session in {ev.city}, {day}. (Photo: {outlet})",
        f"FILE PHOTO: The national flags of {a} and {b} are seen in {ev.city}.",
        f"Photo taken on {day} shows the venue of the meeting in {ev.city}.",
        f"{ev.person_a.short} and {ev.person_b.short} attend a signing ceremony in {ev.city}. "
        f"[{outlet}/{writer.reporter()}]",
    )
    return rng.choice(forms)


# --------------------------------------------------------------------------------------------
# Public API


def generate(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``count`` (file name, article text) pairs, deterministically from ``seed``."""
    vocab = vocabulary()
    pool = event_pool(seed, vocab)
    by_country: dict[str, list[Event]] = {}
    for event in pool:
        by_country.setdefault(event.a, []).append(event)
        by_country.setdefault(event.b, []).append(event)
    for index in range(count):
        rng = random.Random(f"synth:{seed}:{index}")
        yield f"synth_{index:06d}.txt", write_article(rng, vocab, pool, by_country)


def write_corpus(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` articles as UTF-8 .txt files into ``directory`` (created if missing)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, text in generate(count, seed):
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write synthetic diplomacy news articles.")
    parser.add_argument("out_dir", type=Path, help="directory for the .txt files")
    parser.add_argument("--count", type=int, default=2000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be >= 0")
    paths = write_corpus(args.out_dir, args.count, args.seed)
    print(f"wrote {len(paths)} articles to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
