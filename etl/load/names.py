"""Names as identity sees them: case- and accent-free forms, the signature of a name, and
what a gathering's name says about which gathering it is, whatever words each article
wraps around it: "the Extraordinary NATO Summit" and "the NATO summit", "the DPRK-US summit"
and "the United States-North Korea summit", "the First Negev Summit" and "the Negev Summit".

The *core* of a name is its identifying words, with every state and organization it names
read as that party's code; what is left out says only what kind of gathering or which
edition it is (summit, meeting, leaders', extraordinary, first, 16th, 2021), which the date
tells apart anyway.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from etl.extract import reference

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
_STOPWORDS = frozenset(
    "a an and at by for from in of on the to with s between".split()  # noqa: SIM905
)


def plain(text: str) -> str:
    """Case- and accent-free, and without the event key's separator."""
    text = unicodedata.normalize("NFKD", text).replace("|", "/")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_words(name: str) -> set[str]:
    """The words of a name without ordinals, years, months or function words."""
    words = re.findall(r"[a-z0-9]+", plain(name).replace("'s", ""))
    return {
        w
        for w in words
        if w not in _STOPWORDS
        and w not in _MONTHS
        and not _ORDINAL.match(w)
        and not (w.isdigit() and len(w) == 4)
    }


def name_signature(name: str) -> str:
    """The words that identify a named event across articles ("the 16th BRICS Summit" and
    "BRICS Summit" agree)."""
    return " ".join(sorted(name_words(name)))


# Words that say what kind of gathering, or which edition, and nothing about which one.
_KIND_WORDS = frozenset(
    """summit summits meeting meetings conference conferences forum dialogue session sessions
    seminar talks gathering annual extraordinary special leaders leader high level inaugural
    virtual joint our new first second third fourth fifth sixth seventh eighth ninth tenth
    eleventh twelfth ii iii iv v vi vii viii ix x xi xii""".split()  # noqa: SIM905
)
# Words that name who meets at which level: a name that adds one of these to another is a
# different gathering ("G20 Summit" and "G20 Foreign Ministers' Meeting").
FORMAT_WORDS = frozenset(
    """foreign minister ministers ministerial senior officials official deputy vice defense
    defence finance economic trade business ceo ceos youth civil society parliamentary
    parliament working group experts expert technical committee steering ambassadors envoys
    military chiefs heads governors mayors""".split()  # noqa: SIM905
)

# Words that describe a format rather than name a gathering: a name of these alone ("the
# Ministerial Meeting", "the Strategic Dialogue") says which gathering only in its document.
_DESCRIPTIVE = frozenset(
    """strategic trilateral bilateral multilateral regional international consultative
    consultation consultations plenary general ordinary""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Core:
    words: frozenset[str]  # identifying words, parties among them as codes
    parties: frozenset[str]  # the states (ISO3) and organizations the name names

    @property
    def key(self) -> str:
        return " ".join(sorted(self.words))


@functools.cache
def _parties() -> tuple[re.Pattern[str], dict[str, str]]:
    codes: dict[str, str] = {}
    for a in reference.country_aliases():
        alias = plain(a.alias)
        if not a.ambiguous and len(alias) > 1:
            codes.setdefault(alias, a.iso3.casefold())
    for o in reference.organizations():
        code = plain(o.short_name or o.name).replace(" ", "_")
        for alias in (o.name, o.short_name, *o.aliases):
            if alias and len(alias) > 1:
                codes.setdefault(plain(alias), f"org_{code}")
    alternatives = "|".join(re.escape(a) for a in sorted(codes, key=lambda a: (-len(a), a)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)"), codes


@functools.cache
def core(name: str) -> Core:
    pattern, codes = _parties()
    found: set[str] = set()

    def party(m: re.Match[str]) -> str:
        found.add(codes[m.group(0)])
        return " "

    rest = pattern.sub(party, plain(name))
    words = {w for w in name_words(rest) if w not in _KIND_WORDS and not w.isdigit()}
    if not found and words <= FORMAT_WORDS | _DESCRIPTIVE:
        return Core(frozenset(), frozenset())
    return Core(frozenset(words | found), frozenset(found))


_SPELLED = {
    w: i + 1
    for i, w in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
        thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth
        twentieth""".split()  # noqa: SIM905
    )
}
_ROMAN = {r: i + 2 for i, r in enumerate("ii iii iv v vi vii viii ix x xi xii".split())}  # noqa: SIM905
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())  # noqa: SIM905
_NUMBERED = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@functools.cache
def edition(name: str) -> int | None:
    """Which edition of a recurring gathering a name says it is ("the 16th BRICS Summit",
    "the Ninth Summit of the Americas", "Berlin II"), or None: two editions are two
    gatherings, while a name without one may be either."""
    found = set()
    words = re.findall(r"[a-z0-9]+", plain(name))
    if _TENS & set(words):
        return None  # "Fifty-First": read no edition rather than the wrong one
    for w in words:
        numbered = _NUMBERED.match(w)
        if numbered:
            found.add(int(numbered.group(1)))
        elif w in _SPELLED:
            found.add(_SPELLED[w])
        elif w in _ROMAN:
            found.add(_ROMAN[w])
    return found.pop() if len(found) == 1 else None


def says_less(small: Core, big: Core) -> bool:
    """Whether ``small`` names the same gathering as ``big`` with fewer words: its words are
    among the other's, and the other adds neither a level ("Foreign Ministers") nor, when
    ``small`` names parties, another party ("ASEAN Summit" is not "ASEAN-US Summit")."""
    if not small.words < big.words:
        return False
    extra = big.words - small.words
    if extra & FORMAT_WORDS:
        return False
    return not (small.parties and big.parties - small.parties)
