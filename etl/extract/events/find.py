"""The entry point, ``find_events``: each sentence's triggers and named gatherings go to their
builders, and the candidates are merged into events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate
from etl.extract.events.agreements import agreement, anniversary, issuance, launch, relations
from etl.extract.events.attach import (
    date_for,
    fronted_place,
    here_and_now,
    purpose_date,
    release_day,
    reports_in_lead,
    resolve_sentence_dates,
    scheduled_date,
)
from etl.extract.events.contacts import contact, message
from etl.extract.events.context import (
    Builder,
    Candidate,
    Context,
    Trigger,
    attribution_spans,
    document_anchor,
    entity_spans,
    is_menu_line,
    is_question,
    is_transcript,
    outside,
    paragraph_starts,
)
from etl.extract.events.gathering_names import gathering_heads, is_gathering_name, named_gathering
from etl.extract.events.gatherings import UNNAMED_HEADS, gathering_candidate, unnamed_gathering
from etl.extract.events.lexicon import match_at, norm
from etl.extract.events.merge import merge_candidates
from etl.extract.events.modality import modality
from etl.extract.events.participants import participant_countries, sentence_countries
from etl.extract.events.spoken import titled_contact
from etl.extract.events.visits import arrival, visit
from etl.extract.places import Place, find_places
from etl.facts import TYPE_FAMILY, Entity, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def find_events(
    text: str,
    nlp_doc: Doc,
    entities: Sequence[Entity],
    *,
    published_on: dt.date | None,
    published_precision: DatePrecision | None,
    dateline_date: str | None = None,
    title: str | None = None,
) -> list[Event]:
    """Every occurrence ``text`` reports, once each, with all its mentions. Relative dates
    count from the dateline's date ("BEIJING, Oct. 27 (Xinhua) --"), else the publication date."""
    anchor, anchor_precision, reference_year = document_anchor(
        text, published_on, published_precision, dateline_date
    )
    credits = attribution_spans(text)
    ctx = Context(
        text=text,
        doc=nlp_doc,
        persons=outside(entity_spans(entities, "person"), credits),
        orgs=outside(entity_spans(entities, "organization"), credits),
        countries=entity_spans(entities, "country"),
        initiatives=entity_spans(entities, "initiative"),
        places=find_places(text, nlp_doc),
        anchor=anchor,
        anchor_precision=anchor_precision,
        reference_year=reference_year,
        paragraph_starts=paragraph_starts(text),
        spoken=is_transcript(text),
        titled_contact=titled_contact(title),
    )
    candidates: list[Candidate] = []
    previous: tuple[dt.date, DatePrecision] | None = None
    last_sentence_date: tuple[int, ResolvedDate] | None = None
    last_year: ResolvedDate | None = None
    # The lead is the first sentence that reports something.
    lead_open = True
    leads: list[Candidate] = []
    other_days = False
    for sent in nlp_doc.sents:
        dates = resolve_sentence_dates(ctx, sent, previous)
        found = _sentence_candidates(ctx, sent, dates)
        paragraph = ctx.paragraph_of(sent.start_char)
        for cand in found:
            if cand.date is None:
                cand.date = _gathering_date(ctx, cand, found)
            # Coming, with no day given: undated, whatever the narrative's dates.
            undated = cand.date is None and cand.scheduled
            if cand.date is None and not undated:
                cand.date = here_and_now(ctx, cand.head, cand.start, cand.end)
            if (
                cand.date is None
                and not undated
                and cand.event_type != "other"
                and lead_open
                and not dates
                and reports_in_lead(ctx, sent)
            ):
                leads.append(cand)
            if undated:
                pass
            elif cand.date is None and last_sentence_date and last_sentence_date[0] == paragraph:
                cand.date = last_sentence_date[1]
                cand.date_inherited = True
            elif (
                cand.date is None
                and last_year is not None
                and not ctx.spoken
                and not _ahead(ctx, last_year)
            ):
                # The year an earlier paragraph set ("In 2023, ...") still holds; one that
                # lies ahead ("the anniversary in 2026") is a plan, not the narrative's year.
                cand.date = dataclasses.replace(
                    last_year,
                    date=dt.date(last_year.date.year, 1, 1),
                    precision="year",
                    end_date=None,
                )
                cand.date_inherited = True
            if cand.date is not None and not cand.date_inherited:
                previous = (cand.date.date, cand.date.precision)
            if not cand.participants or not participant_countries(cand.participants):
                cand.participants.extend(
                    p
                    for p in sentence_countries(ctx, sent, cand.participants)
                    if p.country_iso3 not in cand.topics
                )
        fronted = fronted_place(ctx, sent)
        if fronted is not None:
            for cand in found:
                if cand.location is None and _fits(cand, fronted):
                    cand.location = fronted
        candidates.extend(found)
        other_days = other_days or any(d.precision == "day" and d.date != ctx.anchor for d in dates)
        if found and sent.root.pos_ in ("VERB", "AUX"):
            # A title's noun phrase ("Secretary's Call with ...") is not the lead.
            lead_open = False
        if dates:
            last_sentence_date = (paragraph, dates[-1])
            last_year = dates[-1]
            if not found:
                previous = (dates[-1].date, dates[-1].precision)
    if not other_days:
        # An undated lead report in a text that names no other day (a readout: "The Secretary
        # spoke with ...") happened on the day it was issued. When the text names another
        # day, the occurrence may be on that one, and the lead's date stays unknown.
        for cand in leads:
            if cand.date is None:
                cand.date = release_day(ctx, cand.start, cand.end)
    return merge_candidates(ctx, _visit_programme(ctx, candidates))


def _sentence_candidates(ctx: Context, sent: Span, dates: list[ResolvedDate]) -> list[Candidate]:
    if is_menu_line(ctx.text, sent.start_char) or is_question(sent):
        return []
    tokens = list(sent)
    norms = [norm(t.text) for t in tokens]
    out: list[Candidate] = []
    heads = gathering_heads()
    used: set[int] = set()
    # Named gatherings first: their words are not triggers of their own.
    gatherings: list[tuple[int, int, Token, str]] = []
    for tok in tokens:
        low = norm(tok.text)
        if low in heads and tok.i not in used:
            if low == "meet" and not _meet_as_noun(tok):
                continue
            span = named_gathering(tok, sent, ctx.orgs)
            if span is None:
                continue
            i, j = span
            if not is_gathering_name(ctx, sent.doc, i, j, tok):
                continue
            gatherings.append((i, j, tok, heads[low]))
            used.update(range(i, j))
            if j < sent.end and sent.doc[j].lower_ in ("meeting", "meetings", "talks"):
                # "the Japan-U.S. summit meeting": one occurrence, not a summit and a meeting.
                used.add(j)
    trigger_starts = [sent.doc[i].idx for i, _j, _t, _e in gatherings]
    # A gathering without a name still ends the reach of the trigger before it ("attended the
    # conference to prepare the summit that starts on Wednesday").
    trigger_starts += [t.idx for t in tokens if t.i not in used and t.text in UNNAMED_HEADS]
    simple: list[tuple[int, int, str, str]] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.i in used:
            k += 1
            continue
        hit = match_at(norms, k, "noun")
        kind = "noun"
        if hit is not None and tokens[k + hit[0] - 1].pos_ == "VERB":
            hit = None  # "will visit", "to meet": the verb reading of a noun trigger
        if hit is None:
            hit = match_at(norms, k, "verb")
            kind = "verb"
        if hit is None:
            hit = match_at(norms, k, "speech")
            kind = "speech"
        if hit is None:
            hit = match_at(norms, k, "receive")
            kind = "receive"
        if hit is None:
            k += 1
            continue
        n, etype = hit
        simple.append((tokens[k].i, tokens[k + n - 1].i, etype, kind))
        if etype != "issuance":
            # "a spokesperson issued the following statement today": issuing a text is rarely
            # the occurrence; it must not cut the date off the one before it.
            trigger_starts.append(tokens[k].idx)
        k += n
    for i, j, head, etype in gatherings:
        cand = gathering_candidate(ctx, sent, i, j, head, etype, dates, trigger_starts)
        if cand is not None:
            out.append(cand)
    for tok in tokens:
        if tok.i not in used and tok.text in UNNAMED_HEADS:
            cand = unnamed_gathering(ctx, sent, tok, dates, trigger_starts)
            if cand is not None:
                out.append(cand)
    arrivals = tuple(sent.doc[f].idx for f, _l, etype, _k in simple if etype == "arrival")
    for first, last, etype, kind in simple:
        made = _simple(ctx, sent, first, last, etype, kind, dates, trigger_starts, out, arrivals)
        if isinstance(made, list):
            out.extend(made)
        elif made is not None:
            out.append(made)
    return out


def _simple(
    ctx: Context,
    sent: Span,
    first: int,
    last: int,
    etype: str,
    kind: str,
    dates: list[ResolvedDate],
    stops: list[int],
    gatherings: list[Candidate],
    arrivals: tuple[int, ...] = (),
) -> Candidate | list[Candidate] | None:
    doc = sent.doc
    tok = doc[last] if kind == "noun" else doc[first]
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if kind in ("verb", "speech", "receive") and tok.pos_ not in ("VERB", "AUX"):
        return None
    if kind == "noun" and tok.pos_ not in ("NOUN", "PROPN"):
        return None
    mood = modality(tok)
    if mood == "irrealis":
        return None
    low = norm(doc[first : last + 1].text)
    # A visit shares the date of the arrival that begins it.
    shared = frozenset(arrivals) if etype in ("visit", "state_visit") else frozenset()
    date = date_for(ctx, start, end, sent, dates, stops, shared)
    if date is None and tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        # "will visit Fiji on Friday, and in Suva will meet ...": a coordinated predicate
        # happens when the one it joins does, unless it says otherwise.
        head = tok.head
        date = date_for(ctx, head.idx, head.idx + len(head), sent, dates, stops)
    if date is None and etype in ("visit", "state_visit") and tok.pos_ == "VERB":
        date = purpose_date(tok, dates)
    itinerary = False
    if mood == "future":
        date = scheduled_date(ctx, date)
        if date is None:
            if etype not in _PROGRAMME:
                return None
            itinerary = True  # kept only if a reported visit dates it (_visit_programme)
    builder = _BUILDERS.get(etype)
    if builder is None:
        return None
    made = builder(ctx, Trigger(sent, tok, low, start, end, date), gatherings)
    if mood == "future":
        for cand in made if isinstance(made, list) else [made] if made else []:
            cand.scheduled = True
            cand.itinerary = itinerary
    return made


# What a visit's programme holds: "He will call on the President, hold talks with the Prime
# Minister and witness the signing of three agreements."
_PROGRAMME = frozenset({"meeting", "call", "signing"})


def _visit_programme(ctx: Context, candidates: list[Candidate]) -> list[Candidate]:
    """Coming contacts and signings with no day of their own, dated by the visit the text
    reports before them (at month precision: a programme spans the visit's days); without
    such a visit, or in a transcript (a speaker's "we will talk about it"), they are plans,
    not events."""
    out: list[Candidate] = []
    visit: Candidate | None = None
    for cand in sorted(candidates, key=lambda c: c.start):
        if (
            cand.event_type in ("visit", "state_visit")
            and cand.date is not None
            and cand.date.precision == "day"
            and not cand.itinerary
        ):
            visit = cand
        if not cand.itinerary or cand.date is not None:
            out.append(cand)
            continue
        if visit is None or ctx.spoken:
            continue
        day = visit.date.date  # type: ignore[union-attr]
        cand.date = ResolvedDate(
            dt.date(day.year, day.month, 1), "month", cand.start, cand.end, relative=True
        )
        cand.date_inherited = True
        out.append(cand)
    return out


# "met X on the sidelines of the summit", "talks at the forum": where a contact took place.
_AT_GATHERING = re.compile(
    r"\b(?:on\s+the\s+(?:sidelines?|margins?)\s+of|at|during|ahead\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _gathering_date(ctx: Context, cand: Candidate, found: list[Candidate]) -> ResolvedDate | None:
    """The date of the gathering a contact took place at, when the contact has none of its
    own ("Xi met Ishiba on the sidelines of the APEC meeting in November")."""
    if TYPE_FAMILY[cand.event_type] != "contact":
        return None
    for g in found:
        if not g.named or g.date is None or g.start < cand.end or g.start - cand.end > 160:
            continue
        if _AT_GATHERING.search(ctx.text[max(cand.end, g.start - 40) : g.start]):
            return g.date
    return None


def _meet_as_noun(tok: Token) -> bool:
    """ "the G20 Foreign Ministers Meet" (South Asian usage) names a gathering; a headline's
    "Leaders Meet in Lima" is the verb."""
    return (
        tok.text == "Meet"
        and tok.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "appos", "conj")
        and any(c.dep_ == "det" for c in tok.children)
    )


def _ahead(ctx: Context, date: ResolvedDate) -> bool:
    """Whether ``date`` lies after the reference date (a plan or a prospect)."""
    if ctx.anchor is None:
        return False
    if ctx.anchor_precision == "year":
        return date.date.year > ctx.anchor.year
    return date.date > ctx.anchor


def _fits(cand: Candidate, place: Place) -> bool:
    """A visit takes place in its host country; other occurrences wherever the text puts
    them."""
    if cand.event_type in ("visit", "state_visit"):
        hosts = {p.country_iso3 for p in cand.participants if p.role == "host"}
        return place.country_iso3 in hosts
    return True


_BUILDERS: dict[str, Builder] = {
    "meeting": contact,
    "call": contact,
    "visit": visit,
    "arrival": arrival,
    "state_visit": visit,
    "signing": agreement,
    "issuance": issuance,
    "resolution": agreement,
    "diplomatic_relations": relations,
    "launch": launch,
    "message": message,
    "anniversary": anniversary,
}
