"""Date and place attachment: the date nearest a trigger and the place that fits it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate, resolve_dates
from etl.extract.events.context import Context, Trigger
from etl.extract.events.lexicon import norm
from etl.extract.places import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def date_for(
    ctx: Context,
    start: int,
    end: int,
    sent: Span,
    dates: list[ResolvedDate],
    stops: list[int],
    shared: frozenset[int] = frozenset(),
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
    # "my third visit since being sworn in last month": a date after "since" starts a
    # period; it does not date the occurrence before it.
    after = [
        d
        for d in dates
        if d.start >= end and d.start < nxt and not _SINCE.search(ctx.text, end, d.start)
    ]
    if after:
        return after[0]
    # A date after an earlier trigger is that trigger's ("met X on the 23rd, then attended
    # the summit"); one before every trigger scopes over the sentence ("On Monday, ...").
    # Triggers in ``shared`` tell of the same occurrence ("arrived today for an official
    # visit"): their dates are this one's too.
    first = min((s for s in stops if s < start and s not in shared), default=None)
    before = [d for d in dates if d.end <= start and (first is None or d.start < first)]
    if before:
        return before[-1]
    return None


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


def scheduled_date(ctx: Context, date: ResolvedDate | None) -> ResolvedDate | None:
    """The date of an occurrence announced as coming, or None when the text does not
    schedule it to the day. Relative dates resolve backwards by default ("on Friday" in a
    report is the last Friday); a coming one is the next such day after the reference date."""
    if date is None or date.precision != "day":
        return None
    anchor = ctx.anchor if ctx.anchor_precision == "day" else None
    if anchor is None or not date.relative or date.date > anchor:
        return date
    words = norm(ctx.text[date.start : date.end])
    if any(w in words for w in _WEEKDAY_NAMES):
        shift = dt.timedelta(days=7)
        end = date.end_date + shift if date.end_date else None
        return dataclasses.replace(date, date=date.date + shift, end_date=end)
    if date.end_date is not None and date.end_date >= anchor:
        return date  # under way: "will travel from May 31 to June 6" issued on June 1
    if date.date < anchor:
        # The resolver already read a coming clause's month and day forwards; one that still
        # lies before the reference date belongs to another clause ("On July 13 the ministry
        # briefed on the upcoming visit"), and a year ahead is beyond what a text announces.
        return None
    return date


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def resolve_sentence_dates(
    ctx: Context, sent: Span, previous: tuple[dt.date, DatePrecision] | None
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


def place_for(ctx: Context, start: int, end: int, limit: int) -> Place | None:
    """A city or country introduced by "in"/"at" right after the trigger's span."""
    for p in ctx.places:
        if p.start < start or p.start > limit:
            continue
        before = ctx.text[max(0, p.start - 8) : p.start].casefold()
        if re.search(r"\b(in|at)\s+(the\s+)?$", before):
            return p
    return None


def place_after(ctx: Context, trigger: Trigger, reach: int) -> Place | None:
    """The place introduced right after a trigger, within ``reach`` characters of it and
    inside its sentence."""
    end = trigger.end
    return place_for(ctx, trigger.start, end, min(trigger.sentence.end_char, end + reach))


def fronted_place(ctx: Context, sent: Span) -> Place | None:
    """The place of a sentence that opens with it ("In Xi'an, President Xi chaired ..."):
    where the sentence's occurrences took place unless they say otherwise."""
    m = re.match(r"\s*(?:In|At)\s+(?:the\s+)?", ctx.text[sent.start_char : sent.start_char + 12])
    if m is None:
        return None
    at = sent.start_char + m.end()
    for p in ctx.places:
        if p.start == at and re.match(r"\s*(?:,|\bon\b|\blast\b)", ctx.text[p.end : p.end + 6]):
            return p
    return None


# "this meeting", "today's talks", "these consultations": the occurrence the text is part of.
_DEICTIC = frozenset(["this", "these", "today", "tonight", "today's", "tonight's"])


# Present-tense verbs of taking part in an occurrence, as a schedule or headline uses them.
_TAKING_PART = frozenset(
    [
        *("attends", "attend", "participates", "participate", "joins", "join", "holds", "hold"),
        *("hosts", "host", "chairs", "chair", "co-chairs", "leads", "lead", "delivers"),
        *("deliver", "addresses", "address", "opens", "open", "convenes", "convene"),
    ]
)


def here_and_now(ctx: Context, head: Token, start: int, end: int) -> ResolvedDate | None:
    """The reference day for an occurrence the text speaks from inside: "thank you for joining
    this meeting", "today's talks", "we are meeting", "Blinken meets Lavrov" (a headline's
    present). None when the reference date is not known to the day."""
    if ctx.anchor is None or ctx.anchor_precision != "day":
        return None
    now = any(c.dep_ in ("det", "poss") and c.lower_ in _DEICTIC for c in head.children)
    if not now and head.pos_ in ("NOUN", "PROPN"):
        # "Deputy Secretary X attends the President's meeting with ...", "Secretary X delivers
        # remarks at the Dialogue": a schedule's or a headline's present of taking part.
        gov = head.head.head if head.head.pos_ == "ADP" else head.head
        if gov != head and gov.lower_ in _TAKING_PART and gov.tag_ in ("VBZ", "VBP"):
            now = not any(c.dep_ in ("aux", "auxpass") for c in gov.children)
    if not now and head.pos_ in ("VERB", "AUX"):
        aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        progressive = head.tag_ == "VBG" and bool(aux & {"am", "is", "are", "'m", "'re", "'s"})
        now = progressive or (head.tag_ == "VBZ" and not aux)
    if not now:
        return None
    return ResolvedDate(ctx.anchor, "day", start, end, relative=True)


# How far into a text its lead can sit: past the title, the office line and the attribution
# line of a release ("The below is attributable to ..."), not into the body's later passages.
_LEAD_PARAGRAPHS = 4


def reports_in_lead(ctx: Context, sent: Span) -> bool:
    """Whether ``sent`` can be a text's lead reporting what happened, in the past tense
    ("The Secretary spoke with Foreign Minister X."), and the reference day is known."""
    if ctx.anchor is None or ctx.anchor_precision != "day":
        return False
    if ctx.paragraph_of(sent.start_char) >= _LEAD_PARAGRAPHS:
        return False
    root = sent.root
    return root.tag_ == "VBD" or any(c.dep_ == "conj" and c.tag_ == "VBD" for c in root.children)


def release_day(ctx: Context, start: int, end: int) -> ResolvedDate | None:
    """The reference day as the date of an occurrence at [start, end)."""
    if ctx.anchor is None or ctx.anchor_precision != "day":
        return None
    return ResolvedDate(ctx.anchor, "day", start, end, relative=True)


_PURPOSE_VERBS = frozenset({"attend", "participate", "join", "chair", "co-chair", "witness"})


def purpose_date(verb: Token, dates: list[ResolvedDate]) -> ResolvedDate | None:
    """ "will travel to Ankara to attend the inauguration on July 9": the journey is dated by
    the occurrence it is made to attend, whose words the date sits in."""
    for child in verb.children:
        if child.dep_ not in ("advcl", "xcomp", "conj") or child.lower_ not in _PURPOSE_VERBS:
            continue
        sub = list(child.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        inner = [d for d in dates if lo <= d.start and d.end <= hi and d.precision == "day"]
        if inner:
            return inner[0]
    return None
