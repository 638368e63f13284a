"""Initiatives named in a document body: policy initiatives, programmes, doctrines and
declarations of principle (GUIDELINES "initiatives").

1. The seed catalogue (``seeds/initiatives.csv``) through the token gazetteer. Lower-case
   concept names ("community with a shared future for mankind") match in any case; their
   bilateral and regional variants ("an all-weather China-Africa community with a shared
   future for the new era") are mentions of the one entry, with the modifiers kept in the
   mention. Other translations of the same concept ("community of common destiny",
   "community of human destiny") are caught by one pattern.
2. Discovery of unseen names by pattern, with the head words in ``seeds/initiative_patterns.csv``:
   a capitalised name ending in a head noun ("the Global Clean Oceans Initiative", "the Kazan
   Declaration"), optionally continued by "on/for/of ..." ("Declaration on ..."), and a quoted
   name followed by a programme noun ('the “50,000 in Five Years” initiative'). Numbered
   national plans ("the 14th Five-Year Plan"), generic phrases ("the initiative", "three major
   global initiatives") and organization names ending in a head word ("Bay of Bengal
   Initiative for ...", an organization) are rejected. Partnership labels are never matched:
   neither the catalogue nor the patterns contain them.
3. An acronym in parentheses after an initiative ("(GCOI)") becomes its code and a mention.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.extract.catalogue import known_matches, match_tokens
from etl.extract.gazetteer import Gazetteer
from etl.extract.reference import SEEDS_DIR, KnownInitiative, initiatives
from etl.facts import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

COMMUNITY = "community with a shared future for mankind"
# Translations of the one concept (人类命运共同体) that the catalogue does not spell out.
_COMMUNITY_VARIANT = re.compile(
    r"\b[Cc]ommunity (?:with|of) (?:a |an )?(?:(?:shared|common|human) )?(?:[Ff]uture|[Dd]estiny)"
    r"(?: (?:for|of) (?:mankind|humanity))?\b"
)
# Left modifiers of a concept name: hyphenated compounds ("all-weather", "China-Africa",
# "high-level China-South Africa") and the capitalised words inside them.
_MODIFIER = re.compile(r"(?:[\w’'.]+-[\w’'.\-]+|[A-Z][a-z]+)\s+$")
_ERA_TAIL = re.compile(r"\s+(?:for|in) the new era\b")
_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|\d{1,2})$",
    re.IGNORECASE,
)
# Words that start a capitalised run without naming anything ("The", "This", "Our").
_NON_NAME = frozenset(
    {
        "The",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "Our",
        "Its",
        "Their",
        "His",
        "Her",
        "Such",
        "Each",
        "Every",
        "Any",
        "New",
        "Both",
        "Under",
        "In",
        "On",
        "At",
        "By",
        "With",
    }
)
_WORD = re.compile(r"[^\W_](?:[\w’'&+\-]|\.(?=\w))*|[^\w\s]")
_ACRONYM_PARENS = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&+\-]{1,11})\s*\)")
_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,80}?)[”\"]\s+([a-z]+)\b")


@dataclass(slots=True)
class _Found:
    name: str
    code: str | None = None
    sponsor: str | None = None
    year: int | None = None
    mentions: dict[int, Mention] = field(default_factory=dict)

    def add(self, body: str, start: int, end: int) -> None:
        if start not in self.mentions or self.mentions[start].end < end:
            self.mentions[start] = Mention(start, end, body[start:end])


@functools.cache
def _patterns() -> dict[str, frozenset[str]]:
    """Role -> words from ``seeds/initiative_patterns.csv`` (``head``: capitalised name head;
    ``quoted``: programme noun after a quoted name)."""
    roles: dict[str, set[str]] = {}
    with (SEEDS_DIR / "initiative_patterns.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            roles.setdefault(row["role"].strip(), set()).add(row["word"].strip())
    return {role: frozenset(words) for role, words in roles.items()}


@functools.cache
def _catalogue() -> tuple[Gazetteer, dict[str, KnownInitiative]]:
    by_name = {i.name: i for i in initiatives()}
    gaz = Gazetteer()
    for ini in initiatives():
        for alias in {ini.name, *ini.aliases}:
            gaz.add(alias, ini.name)
    return gaz, by_name


@functools.lru_cache(maxsize=16)
def _catalogue_hits(body: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, canonical name) of catalogue and concept-variant matches, mentions
    widened over their variant modifiers; shared with the organization finder, which must not
    read an initiative as an organization."""
    gaz, by_name = _catalogue()
    hits: list[tuple[int, int, str]] = []
    for m in gaz.find(body, match_tokens(body)):
        start, end = m.start, m.end
        if by_name[m.key].name[:1].islower():
            start, end = _widen(body, start, end)
        hits.append((start, end, m.key))
    if COMMUNITY in by_name:
        for cm in _COMMUNITY_VARIANT.finditer(body):
            if not any(s < cm.end() and cm.start() < e for s, e, _ in hits):
                start, end = _widen(body, cm.start(), cm.end())
                hits.append((start, end, COMMUNITY))
    return tuple(sorted(hits))


def catalogue_spans(body: str) -> list[tuple[int, int]]:
    """Spans of known initiatives in ``body``."""
    return [(s, e) for s, e, _ in _catalogue_hits(body)]


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    """Extend a concept mention over its variant modifiers: "China-Pakistan" + "community with
    a shared future" + " in the new era"."""
    for _ in range(4):
        m = _MODIFIER.search(body, max(0, start - 60), start)
        if m is None or m.end() != start or m.group().strip()[:1] in {"-"}:
            break
        word = m.group().strip()
        if word in _NON_NAME or word.lower() in {"a", "an", "the"}:
            break
        start = m.start()
    tail = _ERA_TAIL.match(body, end)
    if tail:
        end = tail.end()
    return start, end


def find_initiatives(body: str, nlp_doc: Doc) -> list[Entity]:
    """One Entity per initiative named in ``body``, each with its mentions in order."""
    _, by_name = _catalogue()
    found: dict[str, _Found] = {}
    taken: list[tuple[int, int]] = []

    def entity(name: str) -> _Found:
        if name not in found:
            known = by_name.get(name)
            found[name] = (
                _Found(name, known.code, known.sponsor_iso3, known.year_launched)
                if known
                else _Found(name)
            )
        return found[name]

    for start, end, name in _catalogue_hits(body):
        entity(name).add(body, start, end)
        taken.append((start, end))

    org_spans = [(m.start, m.end) for m in known_matches(body)]
    blocked = taken + org_spans

    for start, end in _quoted_programmes(body):
        if not _overlaps(blocked, start, end):
            entity(body[start:end]).add(body, start, end)
            taken.append((start, end))
            blocked.append((start, end))

    non_name = frozenset(
        t.idx for t in nlp_doc if t.pos_ in {"VERB", "AUX", "ADP", "PRON", "DET", "SCONJ"}
    )
    for start, end in _named_by_head(body, non_name):
        if _overlaps(blocked, start, end):
            continue
        name = body[start:end]
        entity(name).add(body, start, end)
        taken.append((start, end))
        blocked.append((start, end))

    _link_acronyms(body, found, taken)

    return [
        Entity(
            kind="initiative",
            name=f.name,
            mentions=tuple(sorted(f.mentions.values(), key=lambda m: m.start)),
            country_iso3=f.sponsor,
            short_name=f.code,
            year=f.year,
        )
        for f in found.values()
        if f.mentions
    ]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _quoted_programmes(body: str) -> list[tuple[int, int]]:
    """Quoted names followed by a programme noun: 'the “50,000 in Five Years” initiative'."""
    nouns = _patterns().get("quoted", frozenset())
    out = []
    for m in _QUOTED.finditer(body):
        inner = m.group(1).strip()
        if m.group(2) in nouns and (inner[:1].isupper() or inner[:1].isdigit()):
            start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            out.append((start, start + len(inner)))
    return out


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _named_by_head(body: str, non_name_starts: frozenset[int]) -> list[tuple[int, int]]:
    """Capitalised names ending in an initiative head noun, with an optional "on/for/of ..."
    continuation, as (start, end) spans. A word starting at one of ``non_name_starts`` (a verb,
    preposition or pronoun by the tagger: "Leaders Hail Global ... Initiative" in a headline)
    ends the name on the left."""
    heads = _patterns().get("head", frozenset())
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(body)]
    out: list[tuple[int, int]] = []
    for i, (_, h_end, w) in enumerate(words):
        if w not in heads:
            continue
        # Left: capitalised words, joined only by "and"/"&" ("Belt and Road Initiative");
        # "of" would pull in the group that carries the name ("Group of Friends of the ...").
        j = i
        while j > 0:
            prev = words[j - 1][2]
            if (
                _is_cap(prev)
                and prev not in _NON_NAME
                and words[j - 1][0] not in non_name_starts
                and "\n" not in body[words[j - 1][1] : words[j][0]]
            ) or (prev in {"and", "&"} and j >= 2 and _is_cap(words[j - 2][2]) and j - 1 < i):
                j -= 1
            else:
                break
        while j < i and words[j][2] in {"and", "&"}:
            j += 1
        left = [x[2] for x in words[j:i]]
        # Right: "on/for/of (the) Capitalised ..." ("Declaration on Ending Division and ...").
        end = h_end
        k = i + 1
        if k < len(words) and words[k][2] in {"on", "for", "of"}:
            k2 = k + 1 + (k + 1 < len(words) and words[k + 1][2] == "the")
            last = None
            n_cap = 0
            while k2 < len(words) and (
                words[k2][2][:1].isupper()
                or (
                    last is not None
                    and words[k2][2] in {"and", "of", "the", "for"}
                    and k2 + 1 < len(words)
                    and (words[k2 + 1][2][:1].isupper() or words[k2 + 1][2] == "the")
                    and not (words[k2][2] == "and" and words[k2 + 1][2] == "the")
                )
            ):
                if words[k2][2][:1].isupper():
                    last = k2
                    n_cap += 1
                k2 += 1
            if last is not None and (words[k][2] != "of" or n_cap >= 2):
                end = words[last][1]
        if not _acceptable(left, w, has_tail=end > h_end):
            continue
        start = words[j][0] if left else words[i][0]
        out.append((start, end))
        if end > h_end and left and _acceptable(left, w, has_tail=False):
            out.append((start, h_end))  # fallback when the continuation runs into a known name
    return out


def _acceptable(left: list[str], head: str, *, has_tail: bool) -> bool:
    """Whether the words before a head noun make a proper name, not a generic or numbered
    phrase ("the Initiative", "the 14th Five-Year Plan")."""
    content = [w for w in left if w not in {"and", "&"}]
    if not content and not has_tail:
        return False
    if any(_ORDINAL.match(w) or "Five-Year" in w for w in content):
        return False
    if any(c.isdigit() for c in "".join(content)) and head in {"Plan", "Programme", "Program"}:
        return False
    return not (
        len(content) < 2 and head in {"Plan", "Strategy", "Vision", "Agenda"} and not has_tail
    )


def _link_acronyms(body: str, found: dict[str, _Found], taken: list[tuple[int, int]]) -> None:
    """An acronym in parentheses right after an initiative mention is its code; later uses of
    the acronym are mentions."""
    ends = {m.end: f for f in found.values() for m in f.mentions.values()}
    for am in _ACRONYM_PARENS.finditer(body):
        f = ends.get(am.start())
        if f is None:
            continue
        acro = am.group(1)
        if f.code is None:
            f.code = acro
        for om in re.finditer(rf"(?<![\w-]){re.escape(acro)}(?![\w-])", body):
            if not _overlaps(taken, om.start(), om.end()):
                f.add(body, om.start(), om.end())
                taken.append((om.start(), om.end()))
