"""The entry point, ``find_events``: each sentence's triggers and named gatherings go to their
builders, and the candidates are merged into events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate
from etl.extract.events.agreements import agreement, anniversary, launch, relations
from etl.extract.events.attach import date_for, resolve_sentence_dates
from etl.extract.events.contacts import contact, message
from etl.extract.events.context import (
    Candidate,
    Context,
    document_anchor,
    entity_spans,
    paragraph_starts,
)
from etl.extract.events.gatherings import gathering_candidate, gathering_heads, named_gathering
from etl.extract.events.lexicon import match_at, norm
from etl.extract.events.merge import merge_candidates
from etl.extract.events.participants import is_irrealis, participant_countries, sentence_countries
from etl.extract.events.visits import visit
from etl.extract.places import find_places
from etl.facts import Entity, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def find_events(
    text: str,
    nlp_doc: Doc,
    entities: Sequence[Entity],
    *,
    published_on: dt.date | None,
    published_precision: DatePrecision | None,
) -> list[Event]:
    """Every occurrence ``text`` reports, once each, with all its mentions."""
    anchor, anchor_precision, reference_year = document_anchor(
        text, published_on, published_precision
    )
    ctx = Context(
        text=text,
        doc=nlp_doc,
        persons=entity_spans(entities, "person"),
        orgs=entity_spans(entities, "organization"),
        countries=entity_spans(entities, "country"),
        initiatives=entity_spans(entities, "initiative"),
        places=find_places(text, nlp_doc),
        anchor=anchor,
        anchor_precision=anchor_precision,
        reference_year=reference_year,
        paragraph_starts=paragraph_starts(text),
    )
    candidates: list[Candidate] = []
    previous: tuple[dt.date, DatePrecision] | None = None
    last_sentence_date: tuple[int, ResolvedDate] | None = None
    last_year: ResolvedDate | None = None
    for sent in nlp_doc.sents:
        dates = resolve_sentence_dates(ctx, sent, previous)
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
            if not cand.participants or not participant_countries(cand.participants):
                cand.participants.extend(sentence_countries(ctx, sent, cand.participants))
        candidates.extend(found)
        if dates:
            last_sentence_date = (paragraph, dates[-1])
            last_year = dates[-1]
            if not found:
                previous = (dates[-1].date, dates[-1].precision)
    return merge_candidates(ctx, candidates)


def _sentence_candidates(ctx: Context, sent: Span, dates: list[ResolvedDate]) -> list[Candidate]:
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
            span = named_gathering(tok, sent, ctx.orgs)
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
        hit = match_at(norms, k, "noun")
        kind = "noun"
        if hit is None:
            hit = match_at(norms, k, "verb")
            kind = "verb"
        if hit is None:
            k += 1
            continue
        n, etype = hit
        simple.append((tokens[k].i, tokens[k + n - 1].i, etype, kind))
        trigger_starts.append(tokens[k].idx)
        k += n
    for i, j, head, etype in gatherings:
        cand = gathering_candidate(ctx, sent, i, j, head, etype, dates, trigger_starts)
        if cand is not None:
            out.append(cand)
    for first, last, etype, kind in simple:
        made = _simple(ctx, sent, first, last, etype, kind, dates, trigger_starts, out)
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
) -> Candidate | list[Candidate] | None:
    doc = sent.doc
    tok = doc[last] if kind == "noun" else doc[first]
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    if kind == "verb" and tok.pos_ not in ("VERB", "AUX"):
        return None
    if kind == "noun" and tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if is_irrealis(tok):
        return None
    low = norm(doc[first : last + 1].text)
    date = date_for(ctx, start, end, sent, dates, stops)
    builder = _BUILDERS.get(etype)
    if builder is None:
        return None
    return builder(ctx, sent, tok, low, start, end, date, gatherings)


_BUILDERS = {
    "meeting": contact,
    "call": contact,
    "visit": visit,
    "state_visit": visit,
    "signing": agreement,
    "resolution": agreement,
    "diplomatic_relations": relations,
    "launch": launch,
    "message": message,
    "anniversary": anniversary,
}
