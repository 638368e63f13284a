"""The extract stage for events: the diplomatic occurrences a document reports, each with its
type, date, place, participants and every mention of it in the document.

Detection is rule-based over the spaCy parse that the entity stage already made:

* trigger words and phrases are data (seeds/event_triggers.csv): nouns ("talks", "phone
  call", "state visit"), verbs ("met", "signed", "launched"), attendance words that attach
  people to a gathering ("attended", "at", "on the sidelines of"), blockers that make a
  clause irrealis ("will", "plans", "expected") and verbs after which an infinitive still
  happened ("agreed to restore");
* named gatherings ("the 16th BRICS Summit", "the Conference Marking the 70th Anniversary of
  ...") are found as capitalised names ending in a gathering head noun;
* participants are the people, organizations and countries in the trigger's clause (the
  subtree of its verb, plus the subject a coordinated verb shares);
* dates come from etl.dates.resolve_dates, nearest to the trigger first, then the paragraph
  and the document's reference year;
* mentions of one occurrence are merged (same gathering name, same pair of people, same
  visitor and destination), so each event is reported once with all its spans.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.dates import ResolvedDate, resolve_dates
from etl.entities import Entity, Mention
from etl.event_types import TYPE_FAMILY, Event, EventParticipant, Role
from etl.people import acting_for
from etl.places import Place, find_places
from etl.reference import SEEDS_DIR, country_names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TRIGGERS_CSV = SEEDS_DIR / "event_triggers.csv"

# Words joining the capitalised parts of a gathering's name ("Forum on China-Africa
# Cooperation", "Conference Marking the 70th Anniversary of the Five Principles").
_NAME_CONNECTORS = frozenset(
    ["of", "on", "for", "the", "and", "in", "with", "&", "-", "–", "'", "’", "'s", "’s", "marking"]
)
_SENTENCE_OPENERS = frozenset(
    [
        "in",
        "at",
        "on",
        "during",
        "from",
        "after",
        "before",
        "when",
        "while",
        "as",
        "the",
        "a",
        "an",
        "this",
        "last",
        "since",
        "by",
        "to",
        "with",
        "he",
        "she",
        "it",
        "they",
        "we",
        "his",
        "her",
        "its",
        "their",
    ]
)
_ORDINAL_WORDS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ]
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_COUNT_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "many",
        "multiple",
        "numerous",
        "dozens",
        "over",
        "more",
        "hundreds",
    ]
)
_PRONOUNS = frozenset(["he", "she", "his", "her", "him", "they", "their", "them"])
# Heads that are gatherings whenever they name one; "Forum" also names institutions.
_INSTITUTION_HEADS = frozenset({"forum"})
_DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_STOP_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "the",
        "to",
        "with",
        "s",
    ]
)


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[str, ...]
    event_type: str
    kind: str  # gathering | noun | verb | attend | blocker | realizer


@functools.cache
def triggers() -> tuple[Trigger, ...]:
    """The trigger table (seeds/event_triggers.csv), read once."""
    with TRIGGERS_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Trigger(tuple(r["pattern"].split()), r["event_type"], r["kind"])
            for r in csv.DictReader(fh)
            if r["pattern"].strip()
        )


@functools.cache
def _by_kind(kind: str) -> dict[tuple[str, ...], str]:
    return {t.pattern: t.event_type for t in triggers() if t.kind == kind}


@functools.cache
def _words_of_kind(kind: str) -> frozenset[str]:
    return frozenset(" ".join(t.pattern) for t in triggers() if t.kind == kind)


def _norm(text: str) -> str:
    return text.replace("’", "'").casefold()


# ---------------------------------------------------------------------------------------------
# Document context


@dataclass(slots=True)
class _Context:
    text: str
    doc: Doc
    persons: list[tuple[int, int, Entity]]
    orgs: list[tuple[int, int, Entity]]
    countries: list[tuple[int, int, Entity]]
    initiatives: list[tuple[int, int, Entity]]
    places: list[Place]
    anchor: dt.date | None
    anchor_precision: DatePrecision | None
    reference_year: int | None
    paragraph_starts: list[int]

    def paragraph_of(self, offset: int) -> int:
        k = 0
        for i, s in enumerate(self.paragraph_starts):
            if s <= offset:
                k = i
        return k


def _spans(entities: Sequence[Entity], kind: str) -> list[tuple[int, int, Entity]]:
    return sorted(
        ((m.start, m.end, e) for e in entities if e.kind == kind for m in e.mentions),
        key=lambda x: x[0],
    )


def _reference(
    text: str, published_on: dt.date | None, precision: DatePrecision | None
) -> tuple[dt.date | None, DatePrecision | None, int | None]:
    """The anchor for relative dates and the year the article is about.

    A review published in the first days of January ("As the year 2024 comes to a close")
    is about the year before: its "this year" and "in March" are that year's. Without a
    publication date the most recent year the text names stands in, at year precision.
    """
    years = Counter(int(y) for y in re.findall(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d%])", text))
    if published_on is not None and precision in ("day", "month"):
        prior = published_on.year - 1
        if (
            published_on.month == 1
            and published_on.day <= 10
            and years[prior] > years[published_on.year]
        ):
            return dt.date(prior, 12, 31), "day", prior
        return published_on, precision, published_on.year
    if published_on is not None:
        return published_on, "year", published_on.year
    plausible = [y for y in years if 1900 <= y <= dt.date.today().year]
    if not plausible:
        return None, None, None
    year = max(plausible)
    return dt.date(year, 12, 31), "year", year


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n|\n", text):
        starts.append(m.end())
    return starts


# ---------------------------------------------------------------------------------------------
# Candidate occurrences


@dataclass(slots=True)
class _Candidate:
    event_type: str
    start: int  # the mention's span in the text
    end: int
    sentence: Span
    head: Token
    key: str  # what identifies the occurrence in this document (merge key)
    name: str
    participants: list[EventParticipant] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    date: ResolvedDate | None = None
    date_inherited: bool = False
    location: Place | None = None
    confidence: float = 0.6
    named: bool = False  # a named gathering


def _is_irrealis(token: Token) -> bool:
    """Future, modal, planned or negated: the clause does not report an occurrence."""
    blockers = _words_of_kind("blocker")
    realizers = _words_of_kind("realizer")
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in blockers:
            return True
    node = token
    for _ in range(12):
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in blockers:
                return True
            if child.dep_ == "neg":
                return True
            if child.dep_ == "aux" and child.tag_ == "TO":
                head = node.head
                if head.lower_ not in realizers and node.dep_ in ("xcomp", "acl", "advcl"):
                    return True
        if node.lower_ in blockers and node.pos_ in ("VERB", "NOUN", "ADJ", "AUX"):
            return True
        if node.head is node:
            break
        node = node.head
    return False


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(10):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _scope(token: Token) -> tuple[int, int, list[Token]]:
    """The character range of the trigger's clause and the subject(s) it shares."""
    verb = _clause_verb(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    node = verb
    for _ in range(3):
        # "agreed to restore ...", "..., holding talks": the subject is the governing verb's.
        if subjects or node.dep_ not in ("conj", "xcomp", "advcl", "acl", "pcomp"):
            break
        node = node.head
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.pos_ in ("NOUN", "PROPN") and token is not verb:
        subtree = list(token.subtree)
        verb_tokens = [verb, *subjects]
    else:
        subtree = list(verb.subtree)
        verb_tokens = subjects
    start = min(t.idx for t in subtree)
    end = max(t.idx + len(t) for t in subtree)
    return start, end, [t for s in verb_tokens for t in s.subtree]


def _within(items: list[tuple[int, int, Entity]], start: int, end: int) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for s, e, ent in items:
        if start <= s and e <= end:
            seen.setdefault(ent.name, ent)
    return list(seen.values())


def _in_tokens(items: list[tuple[int, int, Entity]], toks: list[Token]) -> list[Entity]:
    seen: dict[str, Entity] = {}
    spans = [(t.idx, t.idx + len(t)) for t in toks]
    for s, _e, ent in items:
        if any(a <= s < b for a, b in spans):
            seen.setdefault(ent.name, ent)
    return list(seen.values())


def _acts_for(person: Entity) -> str | None:
    """The state a person takes part for: never the nationality of an international
    organization's official (see people.acting_for)."""
    return acting_for(person.title, person.country_iso3)


def _participants(
    ctx: _Context, token: Token, role_subject: Role, role_other: Role
) -> list[EventParticipant]:
    start, end, subject_tokens = _scope(token)
    subj_people = _in_tokens(ctx.persons, subject_tokens)
    subj_countries = _in_tokens(ctx.countries, subject_tokens)
    subj_orgs = _in_tokens(ctx.orgs, subject_tokens)
    people = subj_people + [p for p in _within(ctx.persons, start, end) if p not in subj_people]
    countries = subj_countries + [
        c
        for c in _within(ctx.countries, start, end)
        if c not in subj_countries and not _only_an_address(ctx, c, start, end)
    ]
    orgs = subj_orgs + [o for o in _within(ctx.orgs, start, end) if o not in subj_orgs]
    if not people and any(t.lower_ in _PRONOUNS for t in subject_tokens):
        people = _previous_subject(ctx, token)
    out: list[EventParticipant] = []
    for p in people:
        role = role_subject if p in subj_people or not subj_people else role_other
        out.append(EventParticipant(role, p.name, "person", _acts_for(p)))
    for o in orgs:
        role = role_subject if o in subj_orgs else role_other
        out.append(EventParticipant(role, o.name, "organization", None))
    covered = {p.country_iso3 for p in out if p.country_iso3}
    for c in countries:
        if c.name not in covered:
            role = role_subject if c in subj_countries else role_other
            out.append(EventParticipant(role, None, None, c.name))
    return out


# "in Brussels, Belgium": the country locates a city; it is not a party to the event.
_ADDRESS = re.compile(r"\b(?:in|at)\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*,\s*$")


def _only_an_address(ctx: _Context, country: Entity, start: int, end: int) -> bool:
    spans = [(s, e) for s, e, ent in ctx.countries if ent is country and start <= s and e <= end]
    return bool(spans) and all(_ADDRESS.search(ctx.text[max(0, s - 60) : s]) for s, _ in spans)


def _previous_subject(ctx: _Context, token: Token) -> list[Entity]:
    """The person a pronoun subject ("He also attended ...") most likely refers to: the last
    person named before this sentence."""
    before = [ent for s, _e, ent in ctx.persons if s < token.sent.start_char]
    return before[-1:] if before else []


# ---------------------------------------------------------------------------------------------
# Named gatherings


def _gathering_heads() -> dict[str, str]:
    return {" ".join(p): t for p, t in _by_kind("gathering").items()}


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text.startswith('"')


def _named_gathering(
    tok: Token, sent: Span, org_spans: list[tuple[int, int, Entity]]
) -> tuple[int, int] | None:
    """The token range [i, j) of a gathering name headed by ``tok``, or None."""
    i = tok.i
    k = tok.i - 1
    while k >= sent.start:
        t = sent.doc[k]
        low = _norm(t.text)
        if _is_cap(t) and not (k == sent.start and low in _SENTENCE_OPENERS):
            if low in _SENTENCE_OPENERS and low not in ("the",):
                break
            i = k
        elif (
            low in ("-", "–", "'s", "’s", "'", "’", "&", '"', "“", "”")
            or t.is_quote
            or (
                low in ("and", "of", "in", "with", "on")
                and k - 1 >= sent.start
                and (_is_cap(sent.doc[k - 1]))
            )
        ):
            pass
        elif low == "leaders" or low == "leaders'" or low == "ministerial" or low == "economic":
            i = k
        elif _ORDINAL.match(t.text) or low in _ORDINAL_WORDS:
            i = k
            k -= 1
            break
        else:
            break
        k -= 1
    # Drop leading connectors and a possessive month ("October's").
    while i < tok.i and (_norm(sent.doc[i].text) in _NAME_CONNECTORS or sent.doc[i].is_punct):
        i += 1
    j = tok.i + 1
    # Right tail: "of the Forum on China-Africa Cooperation", "Marking the 70th Anniversary of".
    m = j
    tail_ok = j
    while m < sent.end:
        t = sent.doc[m]
        low = _norm(t.text)
        if low in ("in", "with") or low in _DATE_WORDS:
            break  # "in Astana", "on Tuesday", "with Zhao Leji" follow the name
        if low in _NAME_CONNECTORS or t.text in ("-", "–") or low == "anniversary":
            m += 1
            continue
        if _is_cap(t) and not t.is_punct:
            m += 1
            tail_ok = m
            continue
        break
    if tail_ok > j and _norm(sent.doc[j].text) in ("of", "on", "for", "marking"):
        j = tail_ok
    has_name = any(_is_cap(sent.doc[x]) and x != tok.i for x in range(i, j))
    if not has_name and not _is_cap(tok):
        return None
    if not has_name:
        return None
    return i, j


# ---------------------------------------------------------------------------------------------
# Naming


def _names(parts: Iterable[EventParticipant], kind: str) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p.kind == kind and p.name and p.name not in out:
            out.append(p.name)
    return out


def _country_label(iso3: str) -> str:
    return country_names().get(iso3, iso3)


def _countries(parts: Iterable[EventParticipant]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if p.country_iso3 and p.country_iso3 not in out:
            out.append(p.country_iso3)
    return out


def _content_key(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", _norm(text))
    return frozenset(
        w
        for w in words
        if w not in _STOP_NAME_WORDS and not _ORDINAL.match(w) and w not in _ORDINAL_WORDS
    )


# ---------------------------------------------------------------------------------------------
# Detection


def _date_for(
    ctx: _Context, start: int, end: int, sent: Span, dates: list[ResolvedDate], stops: list[int]
) -> ResolvedDate | None:
    """The date expression of a trigger at [start, end): one inside its words ("October's
    BRICS Summit"), else one right before it ("the June meeting"), else the first one after
    it before the next trigger, else the nearest before it in the sentence."""
    inside = [d for d in dates if d.start >= start and d.end <= end]
    if inside:
        return inside[0]
    adjacent = [d for d in dates if 0 <= start - d.end <= 2 and d.precision != "year"]
    if adjacent:
        return adjacent[-1]
    nxt = min((s for s in stops if s > start), default=sent.end_char)
    after = [d for d in dates if d.start >= end and d.start < nxt]
    if after:
        return after[0]
    before = [d for d in dates if d.end <= start]
    if before:
        return before[-1]
    return None


def _resolve_sentence_dates(
    ctx: _Context, sent: Span, previous: tuple[dt.date, DatePrecision] | None
) -> list[ResolvedDate]:
    anchor, precision = ctx.anchor, ctx.anchor_precision
    own_years = {int(y) for y in re.findall(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d%])", sent.text)}
    if len(own_years) == 1 and (anchor is None or next(iter(own_years)) < anchor.year):
        # "The 2020 ... Fair was held from September 4 to 9": the sentence's own year
        # dates its day-less expressions, not the publication year.
        anchor, precision = dt.date(next(iter(own_years)), 12, 31), "year"
    found = resolve_dates(sent.text, anchor, precision, previous=previous)
    base = sent.start_char
    out = []
    for d in found:
        if d.precision == "year" and ctx.reference_year and d.date.year > ctx.reference_year + 1:
            continue  # "the 2030 Agenda", plans for years ahead
        out.append(dataclasses.replace(d, start=d.start + base, end=d.end + base))
    return out


def _location(ctx: _Context, start: int, end: int, limit: int) -> Place | None:
    """A city or country introduced by "in"/"at" right after the trigger's span."""
    for p in ctx.places:
        if p.start < start or p.start > limit:
            continue
        before = ctx.text[max(0, p.start - 8) : p.start].casefold()
        if re.search(r"\b(in|at)\s+(the\s+)?$", before):
            return p
    return None


def _anniversary_subject(ctx: _Context, tok: Token) -> str:
    ordinal = ""
    for child in tok.children:
        if _ORDINAL.match(child.text) or child.lower_ in _ORDINAL_WORDS:
            ordinal = child.text + " "
    tail = ""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            sub = list(child.subtree)
            tail = ctx.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
    return f"{ordinal}anniversary {tail}".strip()


def _phrase(tok: Token) -> str:
    sub = [t for t in tok.subtree if not t.is_punct or t.text in ("-", "'", "’")]
    if not sub:
        return tok.text
    text = tok.doc.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
    text = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())[:120]


@functools.cache
def _first_word_index(kind: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Patterns of a kind by their first word, longest first: a lookup per token, not a scan."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for pattern, etype in _by_kind(kind).items():
        index.setdefault(pattern[0], []).append((pattern, etype))
    for patterns in index.values():
        patterns.sort(key=lambda p: -len(p[0]))
    return index


def _match_at(norms: Sequence[str], i: int, kind: str) -> tuple[int, str] | None:
    """Longest pattern of ``kind`` starting at word ``i`` of ``norms`` (normalized token
    texts): (length, event type)."""
    for pattern, etype in _first_word_index(kind).get(norms[i], ()):
        n = len(pattern)
        if tuple(norms[i : i + n]) == pattern:
            return n, etype
    return None


def find_events(
    text: str,
    nlp_doc: Doc,
    entities: Sequence[Entity],
    *,
    published_on: dt.date | None,
    published_precision: DatePrecision | None,
) -> list[Event]:
    """Every occurrence ``text`` reports, once each, with all its mentions."""
    anchor, anchor_precision, reference_year = _reference(text, published_on, published_precision)
    ctx = _Context(
        text=text,
        doc=nlp_doc,
        persons=_spans(entities, "person"),
        orgs=_spans(entities, "organization"),
        countries=_spans(entities, "country"),
        initiatives=_spans(entities, "initiative"),
        places=find_places(text, nlp_doc),
        anchor=anchor,
        anchor_precision=anchor_precision,
        reference_year=reference_year,
        paragraph_starts=_paragraph_starts(text),
    )
    candidates: list[_Candidate] = []
    previous: tuple[dt.date, DatePrecision] | None = None
    last_sentence_date: tuple[int, ResolvedDate] | None = None
    last_year: ResolvedDate | None = None
    for sent in nlp_doc.sents:
        dates = _resolve_sentence_dates(ctx, sent, previous)
        found = _sentence_candidates(ctx, sent, dates)
        paragraph = ctx.paragraph_of(sent.start_char)
        for cand in found:
            if cand.date is None and last_sentence_date and last_sentence_date[0] == paragraph:
                cand.date = last_sentence_date[1]
                cand.date_inherited = True
            elif cand.date is None and last_year is not None:
                # The year an earlier paragraph set ("In 2023, ...") still holds.
                cand.date = dataclasses.replace(
                    last_year,
                    date=dt.date(last_year.date.year, 1, 1),
                    precision="year",
                    end_date=None,
                )
                cand.date_inherited = True
            if cand.date is not None and not cand.date_inherited:
                previous = (cand.date.date, cand.date.precision)
            if not cand.participants or not _countries(cand.participants):
                cand.participants.extend(_sentence_countries(ctx, sent, cand.participants))
        candidates.extend(found)
        if dates:
            last_sentence_date = (paragraph, dates[-1])
            last_year = dates[-1]
            if not found:
                previous = (dates[-1].date, dates[-1].precision)
    return _merge(ctx, candidates)


def _sentence_countries(
    ctx: _Context, sent: Span, parts: list[EventParticipant]
) -> list[EventParticipant]:
    """Countries of an occurrence whose actors are not named ("The countries renewed ..."):
    those of its sentence, else of the sentence before it in the paragraph."""
    have = {p.country_iso3 for p in parts}
    found = _within(ctx.countries, sent.start_char, sent.end_char)
    if not found:
        paragraph = ctx.paragraph_of(sent.start_char)
        start = ctx.paragraph_starts[paragraph]
        found = _within(ctx.countries, start, sent.start_char)
    return [
        EventParticipant("participant", None, None, c.name) for c in found if c.name not in have
    ]


def _sentence_candidates(ctx: _Context, sent: Span, dates: list[ResolvedDate]) -> list[_Candidate]:
    tokens = list(sent)
    norms = [_norm(t.text) for t in tokens]
    out: list[_Candidate] = []
    heads = _gathering_heads()
    used: set[int] = set()
    # Named gatherings first: their words are not triggers of their own.
    gatherings: list[tuple[int, int, Token, str]] = []
    for tok in tokens:
        low = _norm(tok.text)
        if low in heads and tok.i not in used:
            span = _named_gathering(tok, sent, ctx.orgs)
            if span is None:
                continue
            i, j = span
            gatherings.append((i, j, tok, heads[low]))
            used.update(range(i, j))
    trigger_starts = [sent.doc[i].idx for i, _j, _t, _e in gatherings]
    simple: list[tuple[int, int, str, str]] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.i in used:
            k += 1
            continue
        hit = _match_at(norms, k, "noun")
        kind = "noun"
        if hit is None:
            hit = _match_at(norms, k, "verb")
            kind = "verb"
        if hit is None:
            k += 1
            continue
        n, etype = hit
        simple.append((tokens[k].i, tokens[k + n - 1].i, etype, kind))
        trigger_starts.append(tokens[k].idx)
        k += n
    for i, j, head, etype in gatherings:
        cand = _gathering(ctx, sent, i, j, head, etype, dates, trigger_starts)
        if cand is not None:
            out.append(cand)
    for first, last, etype, kind in simple:
        made = _simple(ctx, sent, first, last, etype, kind, dates, trigger_starts, out)
        if isinstance(made, list):
            out.extend(made)
        elif made is not None:
            out.append(made)
    return out


def _attending(tok: Token) -> tuple[Token | None, bool]:
    """The attendance word governing a gathering name, and whether an event verb governs it."""
    attend = _words_of_kind("attend")
    node = tok
    for _ in range(6):
        if _norm(node.text) in attend:
            return node, True
        if node.lower_ in ("held", "hosted", "convened", "opened", "ran", "concluded", "ended"):
            return node, True
        if node.head is node:
            break
        node = node.head
    for child in tok.children:
        if child.lower_ in ("held", "hosted", "ran", "opened", "concluded"):
            return child, True
    return None, False


def _gathering(
    ctx: _Context,
    sent: Span,
    i: int,
    j: int,
    head: Token,
    etype: str,
    dates: list[ResolvedDate],
    stops: list[int],
) -> _Candidate | None:
    doc = sent.doc
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    surface = ctx.text[start:end]
    if _is_irrealis(head):
        return None
    ordinal = bool(_ORDINAL.match(doc[i].text) or doc[i].lower_ in _ORDINAL_WORDS)
    governor, governed = _attending(head)
    date = _date_for(ctx, start, end, sent, dates, stops)
    low_head = head.lower_
    in_list = any(t.lower_ == "such" for t in doc[max(sent.start, i - 4) : i])
    if in_list and not governed:
        return None
    # An institution's name ("Forum on China-Africa Cooperation") is only an occurrence when
    # something happens at it: attended, held, dated or numbered.
    if low_head in _INSTITUTION_HEADS and not (governed or ordinal or date):
        return None
    if not (governed or ordinal or date or head.dep_ in ("nsubj", "nsubjpass")):
        return None
    etype = _gathering_type(surface, etype)
    anchor_tok = governor if governor is not None and governor.pos_ in ("VERB", "AUX") else head
    parts = _participants(ctx, anchor_tok, "attendee", "attendee")
    if anchor_tok is head:
        parts = [p for p in parts if p.kind != "organization"]
    limit = min((s for s in stops if s > start), default=sent.end_char)
    location = _location(ctx, end, end, min(limit, end + 40))
    name = _gathering_name(ctx, surface, start)
    return _Candidate(
        event_type=etype,
        start=start,
        end=end,
        sentence=sent,
        head=head,
        key="g:" + " ".join(sorted(_canonical_words(ctx, start, end))),
        name=name,
        participants=parts,
        date=date,
        location=location,
        confidence=0.8 if governed or ordinal else 0.6,
        named=True,
    )


def _gathering_type(surface: str, etype: str) -> str:
    low = _norm(surface)
    for word, kind in (
        ("summit", "summit"),
        ("leaders' meeting", "summit"),
        ("forum", "forum"),
        ("conference", "conference"),
        ("symposium", "conference"),
        ("session", "conference"),
        ("dialogue", "summit"),
    ):
        if word in low:
            return kind
    return etype


def _gathering_name(ctx: _Context, surface: str, start: int) -> str:
    name = surface.replace("’", "'").strip('"“” ')
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^[A-Z][a-z]+'s\s+", "", name)  # "October's BRICS Summit"
    name = name.replace('"', "").replace("“", "").replace("”", "")
    return name[:1].upper() + name[1:]


def _canonical_words(ctx: _Context, start: int, end: int) -> frozenset[str]:
    """Content words of a name with organization aliases replaced by canonical names, so
    "FOCAC Beijing Summit" and "Beijing Summit of the Forum on China-Africa Cooperation" agree."""
    pieces: list[str] = []
    pos = start
    for s, e, ent in ctx.orgs:
        if s >= start and e <= end:
            pieces.append(ctx.text[pos:s])
            pieces.append(" " + ent.name + " ")
            pos = e
    pieces.append(ctx.text[pos:end])
    text = "".join(pieces)
    text = re.sub(r"\b[A-Z][a-z]+(?:'s|’s)\s", " ", text)  # a month's possessive
    return _content_key(text)


def _simple(
    ctx: _Context,
    sent: Span,
    first: int,
    last: int,
    etype: str,
    kind: str,
    dates: list[ResolvedDate],
    stops: list[int],
    gatherings: list[_Candidate],
) -> _Candidate | list[_Candidate] | None:
    doc = sent.doc
    tok = doc[last] if kind == "noun" else doc[first]
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if kind == "verb" and tok.pos_ not in ("VERB", "AUX"):
        return None
    if kind == "noun" and tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if _is_irrealis(tok):
        return None
    low = _norm(doc[first : last + 1].text)
    date = _date_for(ctx, start, end, sent, dates, stops)
    builder = _BUILDERS.get(etype)
    if builder is None:
        return None
    return builder(ctx, sent, tok, low, start, end, date, gatherings)


# Each builder decides whether a trigger reports an occurrence and fills it in; one trigger
# may report several ("state visits to Laos and Cambodia").
_Built = _Candidate | list[_Candidate] | None


def _count_of(tok: Token) -> bool:
    """ "three meetings", "met three times", "over 130 talks": a count, not one occurrence."""
    for child in tok.children:
        if child.dep_ == "nummod" or child.lower_ in _COUNT_WORDS:
            return True
        if child.lower_ == "times" or (child.dep_ == "npadvmod" and "times" in child.text):
            return True
        if child.dep_ in ("npadvmod", "advmod") and any(g.lower_ == "times" for g in child.subtree):
            return True
    return False


def _contact(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    etype: str = "call" if any(w in low for w in ("phone", "telephon", "call")) else "meeting"
    if etype == "meeting" and tok.pos_ in ("NOUN", "PROPN"):
        words = {t.lower_ for t in tok.subtree}
        if {"video", "virtual"} & words:
            etype = "meeting"
        if (
            low in ("meeting", "meetings")
            and tok.head.lower_ in ("of", "at")
            and any(c.text[:1].isupper() for c in tok.children)
        ):
            return None
        if {"phone", "telephone"} & words:
            etype = "call"
    parts = _participants(ctx, tok, "counterpart", "counterpart")
    people = _names(parts, "person")
    if _count_of(tok):
        etype = "other"
    elif len(people) < 2 and len(_countries(parts)) < 2:
        # "the meeting" alone refers back to an occurrence already reported.
        return _Candidate(etype, start, end, sent, tok, "anaphor:contact", "", parts, date=date)
    if etype == "other":
        label = " and ".join(people) or " and ".join(_country_label(c) for c in _countries(parts))
        if not label:
            return None
        name = f"Meetings between {label}"
    else:
        label = (
            "-".join(people[:2])
            if len(people) >= 2
            else "-".join(_country_label(c) for c in _countries(parts)[:2])
        )
        name = f"{label} {'phone call' if etype == 'call' else 'meeting'}"
    key = f"c:{etype == 'other'}:" + "|".join(sorted(people or _countries(parts)))
    limit = min(sent.end_char, end + 120)
    subjects = [p for p in parts if p.kind == "person" and p.role == "counterpart"]
    if (
        etype != "other"
        and len(people) >= 3
        and any(t.lower_ in ("respectively", "separately") for t in sent)
    ):
        # "X met respectively with A, B and C": one meeting per counterpart.
        host = next(p for p in parts if p.kind == "person")
        split = []
        for other in (p for p in subjects if p.name != host.name):
            pair = [host, other]
            pair += [
                EventParticipant("counterpart", None, None, c)
                for c in {host.country_iso3, other.country_iso3} - {None}
            ]
            split.append(
                _Candidate(
                    etype,
                    start,
                    end,
                    sent,
                    tok,
                    f"c:False:{host.name}|{other.name}",
                    f"{host.name}-{other.name} meeting",
                    pair,
                    date=date,
                    confidence=0.6,
                )
            )
        return split
    return _Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        key,
        name,
        parts,
        date=date,
        location=_location(ctx, start, end, limit),
        confidence=0.7,
    )


_REGION_WORDS = re.compile(
    r"\b(?:to|in)\s+(?P<r>Europe|Asia|Africa|Latin America|Central Asia|Southeast Asia|the Middle East"
    r"|South America|North America|the Pacific|the Caribbean|Oceania|the Gulf)\b"
)


def _visit(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    etype: str = "state_visit" if low.startswith("state visit") else "visit"
    if _count_of(tok) and not low.startswith("state"):
        return None
    parts = _participants(ctx, tok, "guest", "host")
    # Destinations: "visit(ed) X", "visit(s) to X and Y", "to Europe in May".
    dest_countries: list[str] = []
    dest_regions: list[tuple[int, str]] = []
    node_tokens = (
        list(tok.subtree)
        if tok.pos_ != "VERB"
        else [t for c in tok.children if c.dep_ in ("dobj", "prep") for t in c.subtree]
    )
    span_start = min((t.idx for t in node_tokens), default=end)
    span_end = max((t.idx + len(t) for t in node_tokens), default=end)
    for s, e, ent in ctx.countries:
        if span_start <= s and e <= span_end and s >= start:
            before = ctx.text[max(0, s - 6) : s].casefold()
            listed = tok.pos_ == "VERB" or "to " in before or "and " in before or ", " in before
            if listed and ent.name not in dest_countries:
                dest_countries.append(ent.name)
    for m in _REGION_WORDS.finditer(ctx.text, start, max(span_end, end)):
        dest_regions.append((m.start("r"), m.group("r")))
    subj_people = [p for p in parts if p.kind == "person" and p.role == "guest"]
    visitor = subj_people[0].name if subj_people else None
    visitor_country = subj_people[0].country_iso3 if subj_people else None
    if visitor is None:
        guest_countries = [p.country_iso3 for p in parts if p.role == "guest" and p.country_iso3]
        visitor_country = guest_countries[0] if guest_countries else None
        possessive = [t for t in tok.children if t.dep_ == "poss"]
        if possessive and visitor is None:
            owner = _in_tokens(ctx.persons, list(possessive[0].subtree))
            if owner:
                visitor, visitor_country = owner[0].name, _acts_for(owner[0])
                parts.append(EventParticipant("guest", owner[0].name, "person", visitor_country))
            elif possessive[0].lower_ in _PRONOUNS:
                prev = _previous_subject(ctx, tok)
                if prev:
                    visitor, visitor_country = prev[0].name, _acts_for(prev[0])
                    parts.append(EventParticipant("guest", prev[0].name, "person", visitor_country))
    dest_countries = [c for c in dest_countries if c != visitor_country]
    if not dest_countries and not dest_regions:
        if tok.pos_ == "VERB":
            return None
        return _Candidate(etype, start, end, sent, tok, "anaphor:visit", "", parts, date=date)
    who = visitor or (_country_label(visitor_country) + "'s leaders" if visitor_country else "")
    if not who:
        return None
    out_parts = [p for p in parts if p.country_iso3 in (visitor_country, *dest_countries) or p.kind]
    kind_label = "state visit" if etype == "state_visit" else "visit"
    if dest_countries:
        dest = dest_countries[0]
        extra = [
            _Candidate(
                etype,
                start,
                end,
                sent,
                tok,
                f"v:{who}:{c}",
                f"{who}'s {kind_label} to {_country_label(c)}",
                [*_visit_parts(out_parts, visitor_country, c)],
                date=date,
                confidence=0.7,
            )
            for c in dest_countries[1:]
        ]
        cand = _Candidate(
            etype,
            start,
            end,
            sent,
            tok,
            f"v:{who}:{dest}",
            f"{who}'s {kind_label} to {_country_label(dest)}",
            _visit_parts(out_parts, visitor_country, dest),
            date=date,
            confidence=0.7,
        )
        cand.location = None
        return [cand, *extra]
    _region_start, region = dest_regions[0]
    cand = _Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        f"v:{who}:{region}",
        f"{who}'s {kind_label} to {region}",
        [p for p in out_parts if p.role == "guest"] or out_parts,
        date=date,
        confidence=0.6,
    )
    extra = []
    for r_start, r in dest_regions[1:]:
        extra.append(
            _Candidate(
                etype,
                r_start,
                r_start + len(r),
                sent,
                tok,
                f"v:{who}:{r}",
                f"{who}'s {kind_label} to {r}",
                list(cand.participants),
                confidence=0.6,
            )
        )
    return [cand, *extra]


def _visit_parts(
    parts: list[EventParticipant], visitor: str | None, dest: str
) -> list[EventParticipant]:
    out = [p for p in parts if p.kind is not None and p.role == "guest"]
    if visitor and not any(p.country_iso3 == visitor for p in out):
        out.append(EventParticipant("guest", None, None, visitor))
    out.append(EventParticipant("host", None, None, dest))
    return out


def _object_text(tok: Token) -> tuple[Token | None, str]:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            return child, _phrase(child)
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g, _phrase(g)
    return None, ""


def _agreement(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    obj, phrase = _object_text(tok)
    if obj is None:
        return None
    words = {t.lower_ for t in obj.subtree}
    if (tok.pos_ == "NOUN" and low == "adoption") or low in ("adopted", "passed"):
        if "resolution" in words or "resolutions" in words:
            etype = "resolution"
        elif words & {"declaration", "statement", "charter", "agreement", "communique"}:
            etype = "signing"
        else:
            return None
        label = "Adoption of " + phrase
    else:
        if not words & {
            "agreement",
            "agreements",
            "memorandum",
            "memorandums",
            "memoranda",
            "declaration",
            "deal",
            "treaty",
            "accord",
            "statement",
            "resolutions",
            "resolution",
            "mou",
            "mous",
            "documents",
            "contracts",
            "protocol",
            "understanding",
            "understandings",
        }:
            return None
        etype = "resolution" if words & {"resolution", "resolutions"} else "signing"
        label = "Signing of " + phrase
    parts = _participants(ctx, tok, "signatory", "signatory")
    return _Candidate(
        etype,
        start,
        end,
        sent,
        tok,
        "s:" + " ".join(sorted(_content_key(phrase))),
        label,
        parts,
        date=date,
        confidence=0.6,
        location=_location(ctx, start, end, min(sent.end_char, end + 150)),
    )


def _relations(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    verb = tok.head if tok.pos_ == "NOUN" else tok
    node = tok
    for _ in range(3):
        if node.lower_ == "anniversary":
            return None
        node = node.head
    vl = verb.lower_
    if not re.match(r"(re-?)?(establish|restor|resum|normali[sz]|agree|forg|set|open)", vl):
        return None
    restore = bool(re.match(r"(restor|resum|re-?establish|normali)", vl))
    if vl.startswith("agree"):
        restore = False
    scope_tok = verb
    parts = _participants(ctx, scope_tok, "signatory", "signatory")
    countries = _countries(parts)
    # "agreed to restore diplomatic relations": the verb under "agreed" decides.
    for t in sent:
        if (t.head is verb or t is verb) and re.match(r"(restor|resum|re-?establish)", t.lower_):
            restore = True
    if len(countries) < 2 and not _names(parts, "person"):
        return None
    label = " and ".join(_country_label(c) for c in countries[:2])
    what = "Restoration" if restore else "Establishment"
    return _Candidate(
        "diplomatic_relations",
        start,
        end,
        sent,
        tok,
        "d:" + "|".join(sorted(countries)),
        f"{what} of diplomatic relations between {label}",
        parts,
        date=date,
        confidence=0.7,
        location=_location(ctx, sent.start_char, end, sent.end_char),
    )


def _launch(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    if low == "launch" and tok.pos_ == "NOUN":
        scope_start, scope_end = start, max(t.idx + len(t) for t in tok.subtree)
    else:
        obj, _ = _object_text(tok)
        if obj is None:
            return None
        scope_start = min(t.idx for t in obj.subtree)
        scope_end = max(t.idx + len(t) for t in obj.subtree)
    inits = _within(ctx.initiatives, scope_start, scope_end)
    groups = [
        o
        for o in _within(ctx.orgs, scope_start, scope_end)
        if re.search(r"\b(Group|Friends)\b", o.name)
    ]
    quoted = re.search(
        r"[“\"]([^”\"]{3,60})[”\"]\s+(group|initiative)", ctx.text[scope_start:scope_end]
    )
    if not inits and not groups and not quoted:
        return None
    if inits:
        what = inits[0].name
        surface = ctx.text[scope_start:scope_end]
        for s, e, ent in ctx.initiatives:
            if ent is inits[0] and scope_start <= s and e <= scope_end:
                surface = ctx.text[s:e]
                break
        label = surface if "community" in what else what
    elif groups:
        what = label = groups[0].name
    else:
        assert quoted is not None
        what = label = f"{quoted.group(1)} {quoted.group(2)}"
    parts = _participants(ctx, tok, "participant", "participant")
    return _Candidate(
        "launch",
        start,
        end,
        sent,
        tok,
        "l:" + " ".join(sorted(_content_key(label))),
        f"Launch of the {label}" if not label.lower().startswith("the ") else f"Launch of {label}",
        parts,
        initiatives=[i.name for i in inits],
        date=date,
        confidence=0.6,
    )


def _message(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    verb = tok if tok.pos_ == "VERB" else tok.head
    if tok.pos_ == "NOUN" and not re.match(
        r"(sent|send|extend|convey|deliver|offer|express)", verb.lower_
    ):
        return None
    parts = _participants(ctx, verb, "sender", "recipient")
    people = _names(parts, "person")
    if not people:
        return None
    kind = "condolences" if "condolence" in low else "congratulatory message"
    name = f"{people[0]}'s {kind}" + (f" to {people[1]}" if len(people) > 1 else "")
    return _Candidate(
        "message",
        start,
        end,
        sent,
        tok,
        "m:" + "|".join(sorted(people)),
        name,
        parts,
        date=date,
        confidence=0.6,
    )


def _anniversary(
    ctx: _Context,
    sent: Span,
    tok: Token,
    low: str,
    start: int,
    end: int,
    date: ResolvedDate | None,
    gatherings: list[_Candidate],
) -> _Built:
    if tok.pos_ == "NOUN":
        verb = tok.head
        if not re.match(r"(celebrat|mark|commemorat|observ)", verb.lower_) or verb.pos_ != "VERB":
            return None
        if any(g.start <= start < g.end + 60 for g in gatherings):
            return None  # "the conference marking the 70th anniversary" is the conference
        anniversary = tok
    else:
        anniversary = next((c for c in tok.children if c.lower_ == "anniversary"), None)
        obj, _ = _object_text(tok)
        anniversary = anniversary or obj
        if anniversary is None or "anniversary" not in _norm(_phrase(anniversary)):
            return None
        verb = tok
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not (
        _in_tokens(ctx.countries, list(subjects[0].subtree))
        or _in_tokens(ctx.persons, list(subjects[0].subtree))
        or _in_tokens(ctx.orgs, list(subjects[0].subtree))
    ):
        return None
    parts = _participants(ctx, verb, "participant", "participant")
    label = _anniversary_subject(ctx, anniversary)
    countries = _countries(parts)
    if "relations" in label and len(countries) >= 2:
        label = f"{label.split(' of ')[0]} of {_country_label(countries[0])}-{_country_label(countries[1])} diplomatic relations"
    return _Candidate(
        "anniversary",
        start,
        end,
        sent,
        tok,
        "a:" + " ".join(sorted(_content_key(label))),
        label[:1].upper() + label[1:],
        parts,
        date=date,
        confidence=0.6,
    )


_BUILDERS = {
    "meeting": _contact,
    "call": _contact,
    "visit": _visit,
    "state_visit": _visit,
    "signing": _agreement,
    "resolution": _agreement,
    "diplomatic_relations": _relations,
    "launch": _launch,
    "message": _message,
    "anniversary": _anniversary,
}


# ---------------------------------------------------------------------------------------------
# Merging and output


def _dates_compatible(a: ResolvedDate | None, b: ResolvedDate | None) -> bool:
    if a is None or b is None:
        return True
    order = {"year": 0, "month": 1, "day": 2}
    p = min(order[a.precision], order[b.precision])
    if a.date.year != b.date.year:
        return False
    if p >= 1 and a.date.month != b.date.month:
        return False
    return not (p == 2 and a.date.day != b.date.day)


def _better_date(a: ResolvedDate | None, b: ResolvedDate | None) -> ResolvedDate | None:
    if a is None:
        return b
    if b is None:
        return a
    order = {"year": 0, "month": 1, "day": 2}
    return b if order[b.precision] > order[a.precision] else a


@dataclass(slots=True)
class _Group:
    first: _Candidate
    members: list[_Candidate]


def _same(a: _Candidate, b: _Candidate) -> bool:
    if TYPE_FAMILY[a.event_type] != TYPE_FAMILY[b.event_type] and not (a.named and b.named):
        return False
    if not _dates_compatible(a.date, b.date) and not (a.date_inherited or b.date_inherited):
        return False
    if a.named and b.named:
        ka, kb = set(a.key[2:].split()), set(b.key[2:].split())
        return bool(ka and kb) and (ka <= kb or kb <= ka)
    return a.key == b.key


def _merge(ctx: _Context, candidates: list[_Candidate]) -> list[Event]:
    candidates = sorted(candidates, key=lambda c: c.start)
    groups: list[_Group] = []
    for cand in candidates:
        if cand.key.startswith("anaphor:"):
            family = "contact" if cand.key == "anaphor:contact" else "visit"
            target = next(
                (g for g in reversed(groups) if TYPE_FAMILY[g.first.event_type] == family), None
            )
            if target is not None and cand.start - target.members[-1].start < 1500:
                target.members.append(cand)
            continue
        group = next((g for g in groups if any(_same(m, cand) for m in g.members)), None)
        if group is None:
            groups.append(_Group(cand, [cand]))
        else:
            group.members.append(cand)
    return [_event(ctx, g) for g in groups]


def _event(ctx: _Context, group: _Group) -> Event:
    members = group.members
    real = [m for m in members if m.name]
    best = max(
        real, key=lambda m: (m.named and bool(_ORDINAL.match(m.name.split()[0])), len(m.name))
    )
    date: ResolvedDate | None = None
    inherited = True
    for m in real:
        if m.date is not None and (date is None or (inherited and not m.date_inherited)):
            date, inherited = m.date, m.date_inherited
        elif m.date is not None and not m.date_inherited:
            date = _better_date(date, m.date)
    start_date, end_date, precision = _event_date(ctx, date, inherited)
    location = next((m.location for m in real if m.location is not None), None)
    participants: list[EventParticipant] = []
    seen: set[tuple[str | None, str | None]] = set()
    for m in members:
        for p in m.participants:
            key = (p.name, p.country_iso3 if p.name is None else None)
            if key not in seen:
                seen.add(key)
                participants.append(p)
    if location is not None and location.kind == "city":
        loc_name, loc_country = location.name.replace("’", "'"), location.country_iso3
    elif location is not None:
        loc_name, loc_country = None, location.country_iso3
    else:
        loc_name, loc_country = None, None
    if loc_country is None and best.event_type in ("visit", "state_visit"):
        hosts = [p.country_iso3 for p in participants if p.role == "host" and p.country_iso3]
        loc_country = hosts[0] if hosts else None
    mentions = tuple(
        Mention(m.start, m.end, ctx.text[m.start : m.end])
        for m in sorted(members, key=lambda m: m.start)
    )
    initiatives = tuple(dict.fromkeys(i for m in members for i in m.initiatives))
    confidence = min(0.95, best.confidence + 0.05 * (len(members) - 1))
    if precision is None:
        confidence -= 0.1
    return Event(
        event_type=best.event_type,  # type: ignore[arg-type]
        name=best.name,
        start_date=start_date,
        end_date=end_date,
        date_precision=precision,
        location_name=loc_name,
        location_country_iso3=loc_country,
        participants=tuple(participants),
        mentions=mentions,
        initiatives=initiatives,
        summary=" ".join(best.sentence.text.split()),
        confidence=round(max(0.05, confidence), 2),
    )


def _event_date(
    ctx: _Context, date: ResolvedDate | None, inherited: bool
) -> tuple[dt.date | None, dt.date | None, DatePrecision | None]:
    if date is not None:
        return date.date, date.end_date, date.precision
    if ctx.reference_year is not None:
        # The article's own year: reported occurrences without a date happened in it.
        return dt.date(ctx.reference_year, 1, 1), None, "year"
    return None, None, None
