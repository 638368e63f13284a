"""Where a document body may name a person: candidate spans, each with what its context says.

Three sources of candidate names, merged where they overlap:

* the known-people gazetteer (seeds/people.csv): gives the canonical name, country and title,
  so that the same person has the same row whatever spelling an article uses;
* the statistical model's PERSON entities, cleaned of titles, possessives and trailing words;
* rules around titles (seeds/titles.csv): "[Nationality] [Title] Name", "Name, [the]
  [Nationality] [title]", "his [Nationality] counterpart Name". A title makes a name a person
  even when the small model misses it, and gives the nationality and office.

Names that are really places, organizations, initiatives, shouted headings or photo credits
are filtered out. Which person each candidate is, is :mod:`etl.extract.people`'s question.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.extract import reference
from etl.extract.gazetteer import Gazetteer, Match, tokenize
from etl.extract.person_lexicon import (
    COUNTERPART,
    CREDIT,
    FACILITY_AFTER,
    MAX_NAME_TOKENS,
    PARTICLES,
    PLACE_BEFORE,
    REGION_WORDS,
    ROMAN,
    STOP,
    abbreviations,
    country_gazetteer,
    fold,
    initiative_gazetteer,
    national_org_country,
    not_person_names,
    organization_gazetteer,
    seed_gazetteer,
    title_gazetteer,
    title_last_words,
    titles,
    tokens,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


# --- one document --------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    start: int  # token index
    end: int  # token index, exclusive
    seed: str | None = None
    ner: bool = False
    titled: bool = False  # a title, counterpart or apposition says this is a person
    title: str | None = None
    country: str | None = None
    acts_for: str | None = None  # an international organization named in the title


class Document:
    """Token-level view of one body with every gazetteer's matches indexed by token."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.tokens = tokens(body)
        self.by_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.by_end = {t.end: i for i, t in enumerate(self.tokens)}
        self.titles = self._index(title_gazetteer())
        self.countries = self._index(country_gazetteer())
        self.orgs = self._index(organization_gazetteer())
        self.initiatives = self._index(initiative_gazetteer())
        self.seeds = self._index(seed_gazetteer())
        self.country_end = {self.by_end[m.end]: m for m in self.countries.values()}
        self.org_end = {self.by_end[m.end]: m for m in self.orgs.values()}

    def _index(self, gaz: Gazetteer) -> dict[int, Match]:
        """Matches keyed by the index of their first token."""
        return {self.by_start[m.start]: m for m in gaz.find(self.body, self.tokens)}

    def end_index(self, match: Match) -> int:
        return self.by_end[match.end] + 1

    def text(self, i: int, j: int) -> str:
        return self.body[self.tokens[i].start : self.tokens[j - 1].end]

    def adjacent(self, i: int) -> bool:
        """Token i follows token i-1 on the same line with at most one space between."""
        gap = self.body[self.tokens[i - 1].end : self.tokens[i].start]
        return gap in ("", " ", "\u00a0")

    def glued(self, i: int) -> bool:
        return self.tokens[i - 1].end == self.tokens[i].start

    def is_name_word(self, i: int) -> bool:
        text = self.tokens[i].text
        if not text[:1].isupper() or not text.replace("'", "").isalpha():
            return False
        if self.tokens[i].norm in STOP or text in abbreviations():
            return False
        if i in self.titles and i not in self.seeds:
            return False
        country = self.countries.get(i)
        return country is None or self.end_index(country) != i + 1 or _ambiguous(country)

    def is_title_word(self, i: int) -> bool:
        """A capitalized word that is a title's last word ("Councilor" of "State Councilor")."""
        return self.tokens[i].norm in title_last_words()

    def is_initial(self, i: int) -> bool:
        text = self.tokens[i].text
        if text in abbreviations():  # "U.S." is a country, not "J." in a name
            return False
        return (len(text) == 1 and text.isupper()) or bool(re.fullmatch(r"(?:[A-Z]\.){1,2}", text))

    def scan_name(self, i: int) -> int:
        """End (exclusive) of the name starting at token i, or i when there is none."""
        tokens, n = self.tokens, len(self.tokens)
        j, words = i, 0
        while j < n and j - i < MAX_NAME_TOKENS:
            if j > i and not self.adjacent(j):
                break
            norm = tokens[j].norm
            dotted = j + 1 < n and tokens[j + 1].text == "." and self.glued(j + 1)
            if self.is_name_word(j) and not (dotted and self.is_initial(j)):
                j, words = j + 1, words + 1
            elif self.is_initial(j):
                j += 1
                if j < n and tokens[j].text == "." and self.glued(j):
                    j += 1
            elif (
                norm == "'"
                and j > i
                and j + 1 < n
                and self.glued(j)
                and self.glued(j + 1)
                and self.is_name_word(j + 1)
            ):
                j += 1  # "O'Neill", "D'Alema": the apostrophe joins two capitalized parts
            elif norm == "-" and j > i and j + 1 < n and self.glued(j) and self.glued(j + 1):
                if not (self.is_name_word(j + 1) or tokens[j + 1].norm in PARTICLES):
                    break
                j += 1
            elif norm in PARTICLES and j + 1 < n and tokens[j].text.islower():
                nxt = j + 2 if tokens[j + 1].norm == "-" and j + 2 < n else j + 1
                if not self.is_name_word(nxt):
                    break
                j = nxt
            elif words and tokens[j].text in ROMAN:
                j += 1
                break
            elif words and titles().get(_title_key(self, j)) == "royal":
                # A patronymic regnal name: "Sultan Ibrahim Sultan Iskandar".
                after = self.end_index(self.titles[j])
                if after < n and self.adjacent(after) and self.is_name_word(after):
                    j = after
                else:
                    break
            else:
                break
        while j > i and (tokens[j - 1].norm in PARTICLES or tokens[j - 1].norm == "-"):
            j -= 1
        return j if words else i


@functools.cache
def _ambiguous_country_aliases() -> frozenset[str]:
    return frozenset(a.alias for a in reference.country_aliases() if a.ambiguous)


def _ambiguous(match: Match) -> bool:
    return match.alias in _ambiguous_country_aliases()


def _title_key(doc: Document, i: int) -> str | None:
    match = doc.titles.get(i)
    return match.key if match else None


def find_candidates(doc: Document, nlp_doc: Doc) -> list[Candidate]:
    """One candidate per overlapping group of the three sources' spans, without the noise."""
    cands = _merge(_seed_candidates(doc) + _ner_candidates(doc, nlp_doc) + _title_candidates(doc))
    return [c for c in cands if not _names_a_facility(doc, c) and (c.seed or not _is_noise(doc, c))]


# --- titles: the office, its country and the body it serves --------------------------------


def _nationality_before(doc: Document, i: int) -> str | None:
    """Country written just before token i: "Chinese", "U.S.", "Nauru's", "Honduras'"."""
    k = i - 1
    if k >= 0 and doc.tokens[k].norm == "s" and k - 1 >= 0 and doc.tokens[k - 1].norm == "'":
        k -= 2
    elif k >= 0 and doc.tokens[k].norm == "'":
        k -= 1
    match = doc.country_end.get(k)
    return match.key if match else None


def _complement(doc: Document, i: int) -> tuple[int, str | None, str | None]:
    """Skip "of the European Council", "to China", "for Foreign Affairs" after a title.

    Returns the token after the complement, the country and the organization the holder acts
    for, or ``i`` unchanged when what follows is not a recognizable complement. Only "of"
    (and "at"/"in" an organization) says whom the office serves: an ambassador "to China" or
    an envoy "for Yemen" acts for someone else.
    """
    tokens, n = doc.tokens, len(doc.tokens)
    j, country, org = i, None, None
    while j < n and tokens[j].norm in ("of", "to", "for", "at", "in") and j + 1 < n:
        serves = tokens[j].norm != "to" and tokens[j].norm != "for"
        k = j + 1
        if tokens[k].norm == "the" and k + 1 < n:
            k += 1
        if k in doc.orgs:
            if serves:
                org = org or doc.orgs[k].key
                country = country or national_org_country().get(doc.orgs[k].key)
            j = doc.end_index(doc.orgs[k])
        elif k in doc.countries:
            if tokens[j].norm == "of":
                country = country or doc.countries[k].key
            j = doc.end_index(doc.countries[k])
        elif tokens[k].norm in REGION_WORDS or k in doc.titles:
            j = k + 1 if k not in doc.titles else doc.end_index(doc.titles[k])
        else:
            return i, None, None
    return j, country, org


def _title_chain(doc: Document, i: int) -> tuple[int, str | None, str | None, str | None]:
    """Titles starting at token i ("H.E. Mr.", "State Councilor and Foreign Minister",
    "President of Kenya"): the token after them, the office, the country and the
    international organization the holder acts for."""
    tokens, n = doc.tokens, len(doc.tokens)
    j, office, country, acts_for = i, None, None, None
    while j in doc.titles:
        match = doc.titles[j]
        j = doc.end_index(match)
        if titles().get(match.key) != "honorific" and office is None:
            office = match.key
        abbreviated = titles().get(match.key) == "honorific"  # "Mr.", "Dr." but not "minister."
        if abbreviated and j < n and tokens[j].text == "." and doc.glued(j):
            j += 1
        after, place, org = _complement(doc, j)
        if after != j:
            if org and office:
                office = f"{office} of {'the ' if org[:1].isupper() else ''}{org}"
            if org and org not in national_org_country():
                acts_for = acts_for or org
            country = country or place
            j = after
        # "State Councilor and Foreign Minister", "Comoros President, Mr Azali Assouman".
        joiner = tokens[j].norm if j + 1 < n and j + 1 in doc.titles else None
        if joiner == "and" or (
            joiner == "," and titles().get(doc.titles[j + 1].key) == "honorific"
        ):
            j += 1
    return j, office, country, acts_for


def _title_candidates(doc: Document) -> list[Candidate]:
    """Names introduced by a title or "counterpart", and names followed by an apposition."""
    found: list[Candidate] = []
    tokens = doc.tokens
    starts = sorted(set(doc.titles) | {i for i, t in enumerate(tokens) if t.norm in COUNTERPART})
    chained_until = -1
    for i in starts:
        if i < chained_until:
            continue
        if i in doc.titles:
            j, office, country, acts_for = _title_chain(doc, i)
        else:
            j, office, country, acts_for = i + 1, None, None, None
        chained_until = j
        if j + 1 < len(tokens) and tokens[j].norm == "'" and doc.glued(j):
            continue  # "the Secretary-General's envoy": the office is someone else's
        before = doc.org_end.get(i - 1)
        if before is not None and acts_for is None and country is None and doc.adjacent(i):
            # "Pacific Islands Forum Secretary-General X", "State Department Spokesperson X".
            country = national_org_country().get(before.key)
            acts_for = None if country else before.key
        if acts_for is None:
            # "the German President of the European Commission" acts for the Commission.
            country = country or _nationality_before(doc, i)
        if j < len(tokens) and j > 0 and doc.adjacent(j):
            end = doc.scan_name(j)
            if end > j:
                # "President Miloš Zeman of the Czech Republic": the office's country follows
                # the name. Only "of": "President Biden in China" is not China's president.
                of = end < len(tokens) and tokens[end].norm == "of"
                if country is None and acts_for is None and office is not None and of:
                    _after, country, org = _complement(doc, end)
                    acts_for = org if org and country is None else None
                found.append(
                    Candidate(j, end, titled=True, title=office, country=country, acts_for=acts_for)
                )
                continue
        apposition = _apposition(doc, i, office, country)
        if apposition is not None:
            apposition.acts_for = acts_for
            found.append(apposition)
    return found


def _title_end(doc: Document) -> dict[int, Match]:
    """Title matches keyed by the index of their last token."""
    return {doc.end_index(m) - 1: m for m in doc.titles.values()}


def _apposition(doc: Document, i: int, office: str | None, country: str | None) -> Candidate | None:
    """ "Wang Yi, Chinese foreign minister" / "Charles Michel, President of the European
    Council": the name ending before the comma that precedes the title at token i."""
    tokens = doc.tokens
    k = i - 1
    if k >= 0 and doc.country_end.get(k) is not None:
        k = doc.by_start[doc.country_end[k].start] - 1
    elif (
        k >= 1 and tokens[k].norm == "s" and tokens[k - 1].norm == "'" and k - 2 in _title_end(doc)
    ):
        # "X, the UN Secretary-General's Personal Envoy": the office whose envoy X is.
        k = doc.by_start[_title_end(doc)[k - 2].start] - 1
        if k >= 0 and doc.org_end.get(k) is not None:
            k = doc.by_start[doc.org_end[k].start] - 1
    elif k >= 0 and doc.org_end.get(k) is not None:
        # "X, the UN Special Envoy": the body the office belongs to.
        k = doc.by_start[doc.org_end[k].start] - 1
    elif k >= 1 and tokens[k].norm == "s" and tokens[k - 1].norm == "'":
        match = doc.country_end.get(k - 2)
        k = doc.by_start[match.start] - 1 if match else k
    elif k >= 0 and tokens[k].norm == "'" and doc.country_end.get(k - 1) is not None:
        k = doc.by_start[doc.country_end[k - 1].start] - 1
    if k >= 0 and tokens[k].norm in ("the", "a", "an"):
        k -= 1
    if k < 1 or tokens[k].text != ",":
        return None
    end = k
    start = end
    while start > 0 and end - start < MAX_NAME_TOKENS:
        prev = start - 1
        namelike = doc.is_name_word(prev) or tokens[prev].norm in PARTICLES or doc.is_initial(prev)
        hyphen = tokens[prev].norm == "-" and doc.glued(prev) and doc.glued(start)
        if not (namelike or hyphen):
            break
        if start < end and not doc.adjacent(start):
            break
        start = prev
    while start < end and (tokens[start].norm in PARTICLES or tokens[start].norm == "-"):
        start += 1
    if start == end:
        return None
    return Candidate(start, end, titled=True, title=office, country=country)


def _ner_candidates(doc: Document, nlp_doc: Doc) -> list[Candidate]:
    """The model's PERSON spans, without leading titles and trailing non-name words."""
    found = []
    for ent in nlp_doc.ents:
        if ent.label_ != "PERSON":
            continue
        i = doc.by_start.get(ent.start_char)
        j = doc.by_end.get(ent.end_char)
        if i is None or j is None:
            continue
        j += 1
        while i < j:
            if doc.tokens[i].norm in ("the", "."):
                i += 1
                continue
            # A title at the start of the span, also the tail of a longer one ("[Foreign
            # Ministry] Spokesperson Mao Ning"), which the document index keys elsewhere.
            skip = _title_prefix_tokens(doc.text(i, j), "")
            if not skip:
                break
            i += skip
        end = doc.scan_name(i) if i < j else i
        if i + 1 < end and doc.is_title_word(i) and doc.scan_name(i + 1) == end:
            # A title's last word fused onto the name: "[State] Councilor Zhao Kezhi".
            i += 1
        if i < end and _in_office_complement(doc, i) and _name_words_in(doc, i, end) >= 3:
            # "Assistant Secretary for ... and Nonproliferation Christopher Ford": the
            # complement's last word is the office's, the name is the two words after it.
            i += 1
        if i < end:
            # The model stops at an initial or an apostrophe ("Alejandro N", "Peter O"); the
            # name goes on where the name scan does.
            cut = j < end and (doc.is_initial(j - 1) or doc.tokens[j].norm in ("'", "."))
            found.append(Candidate(i, end if cut else min(end, j), ner=True))
    return found


def _name_words_in(doc: Document, i: int, j: int) -> int:
    return sum(1 for k in range(i, j) if doc.is_name_word(k))


def _in_office_complement(doc: Document, i: int) -> bool:
    """Whether token i continues a title's "for"/"of" complement of capitalized words
    ("Assistant Secretary for International Security and ..."), which no gazetteer knows."""
    k = i - 1
    tokens = doc.tokens
    while k > 0 and (tokens[k].text[:1].isupper() or tokens[k].norm in ("and", "the", ",")):
        k -= 1
    if k <= 0 or tokens[k].norm not in ("for", "of") or k == i - 1:
        return False
    return k - 1 in _title_end(doc)


@functools.lru_cache(maxsize=8192)
def _title_prefix_tokens(alias: str, name: str) -> int:
    """How many leading tokens of a seed alias are a title that ``name`` does not carry:
    2 for "Crown Prince Mohammed bin Salman", 0 for "King Charles III"."""
    matches = title_gazetteer().find(alias)
    if not matches or matches[0].start != 0 or fold(name).startswith(fold(matches[0].alias)):
        return 0
    return len(tokenize(alias[: matches[0].end]))


def _seed_candidates(doc: Document) -> list[Candidate]:
    found = []
    tokens, n = doc.tokens, len(doc.tokens)
    for i, match in doc.seeds.items():
        j = doc.end_index(match)
        # "Xi" inside "Xi'an" is a city.
        if j + 1 < n and tokens[j].norm == "'" and doc.glued(j) and tokens[j + 1].norm != "s":
            continue
        # A title in front of the alias ("President Xi") is not part of the mention, unless
        # the canonical name itself carries it ("King Charles III", "Sheikh Hasina").
        i += _title_prefix_tokens(match.alias, match.key)
        while i < j and tokens[i].norm == ".":
            i += 1
        if i >= j:
            continue
        # Extend over a patronymic ("Sultan Ibrahim" + "Sultan Iskandar").
        if j in doc.titles and titles().get(doc.titles[j].key) == "royal" and doc.adjacent(j):
            after = doc.end_index(doc.titles[j])
            if after < n and doc.adjacent(after) and doc.is_name_word(after):
                j = doc.scan_name(after)
        found.append(Candidate(i, j, seed=match.key))
    return found


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per overlapping group; the seed wins, model spans bound rule spans."""
    cands.sort(key=lambda c: (c.start, -c.end))
    groups: list[list[Candidate]] = []
    for c in cands:
        if groups and c.start < max(g.end for g in groups[-1]):
            groups[-1].append(c)
        else:
            groups.append([c])
    merged = []
    for group in groups:
        bounding = [c for c in group if c.seed or c.ner] or group
        start, end = min(c.start for c in bounding), max(c.end for c in bounding)
        if not any(c.seed for c in group):
            # The model cut a given name after a title: "Datuk Seri [Amran] Mohamed Zin".
            start = min([c.start for c in group if c.titled and c.end == end] + [start])
        merged.append(
            Candidate(
                start,
                end,
                seed=next((c.seed for c in group if c.seed), None),
                ner=any(c.ner for c in group),
                titled=any(c.titled for c in group),
                title=next((c.title for c in group if c.title), None),
                country=next((c.country for c in group if c.country), None),
                acts_for=next((c.acts_for for c in group if c.acts_for), None),
            )
        )
    return merged


def _is_noise(doc: Document, c: Candidate) -> bool:
    """A non-seed candidate that is a heading, place, organization, initiative or credit."""
    body, tokens = doc.body, doc.tokens
    start, end = tokens[c.start].start, tokens[c.end - 1].end
    text = body[start:end]
    if any(ch.isdigit() for ch in text) or not text[:1].isupper():
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if all(ch.isupper() for ch in letters):
        return True
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    if not _has_lowercase(body, line_start, line_end if line_end >= 0 else len(body)):
        return True  # a shouted heading
    if fold(text) in not_person_names():
        return True
    for index in (doc.orgs, doc.initiatives, doc.countries):
        for i in range(max(0, c.start - 6), c.end):
            match = index.get(i)
            if match and match.start <= start and match.end >= end and match.end - match.start > 0:
                return True
    if not c.titled and PLACE_BEFORE.search(body[max(0, start - 30) : start]):
        return True
    # A photo credit: "Photo: Li Ming/Xinhua", "reporter Li Ming/Photograph".
    # The look-back is bounded: a credit sits right before the name, and scanning a whole long
    # paragraph for every candidate made extraction quadratic.
    credit_zone = body[max(line_start, start - 80) : start]
    return body[end : end + 1] == "/" or CREDIT.search(credit_zone) is not None


def _names_a_facility(doc: Document, c: Candidate) -> bool:
    """ "King Hussein Bin Talal Convention Centre", "Jomo Kenyatta International Airport": the
    name is part of a building's or a prize's, even when it is a known person's."""
    end = doc.tokens[c.end - 1].end
    return FACILITY_AFTER.match(doc.body[end : end + 60]) is not None


@functools.lru_cache(maxsize=64)
def _has_lowercase(body: str, start: int, end: int) -> bool:
    """Whether a line has a lowercase letter; cached per line, since every candidate on a long
    line asks."""
    return any(ch.islower() for ch in body[start:end])
