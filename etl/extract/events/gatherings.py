"""Gatherings as occurrences: named ones ("the 16th BRICS Summit", whose names
``gathering_names`` finds) and unnamed ones ("a symposium on ..."), with the people attending
them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import date_for, place_for, scheduled_date
from etl.extract.events.context import Candidate, Context
from etl.extract.events.lexicon import (
    INSTITUTION_HEADS,
    ORDINAL,
    ORDINAL_WORDS,
    norm,
    words_of_kind,
)
from etl.extract.events.modality import modality
from etl.extract.events.participants import (
    clause_participants,
    content_key,
    country_label,
    participant_countries,
)
from etl.extract.places import Place
from etl.facts import EventParticipant
from etl.ingest.dates import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _attending(tok: Token) -> tuple[Token | None, bool]:
    """The attendance word governing a gathering name, and whether an event verb governs it."""
    attend = words_of_kind("attend")
    node = tok
    for _ in range(6):
        if norm(node.text) in attend:
            return node, True
        if node.lower_ in ("held", "hosted", "convened", "opened", "ran", "concluded", "ended"):
            return node, True
        if node.head == node:
            break
        node = node.head
    for child in tok.children:
        if child.lower_ in ("held", "hosted", "ran", "opened", "concluded"):
            return child, True
    return None, False


_COMING = frozenset(["upcoming", "forthcoming", "coming", "next"])


def gathering_candidate(
    ctx: Context,
    sent: Span,
    i: int,
    j: int,
    head: Token,
    etype: str,
    dates: list[ResolvedDate],
    stops: list[int],
) -> Candidate | None:
    doc = sent.doc
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    surface = ctx.text[start:end]
    mood = modality(head)
    if mood == "irrealis":
        return None
    ordinal = bool(ORDINAL.match(doc[i].text) or doc[i].lower_ in ORDINAL_WORDS)
    governor, governed = _attending(head)
    date = date_for(ctx, start, end, sent, dates, stops)
    if mood == "future":
        date = scheduled_date(ctx, date)
        # A named gathering the text itself calls coming is an event even when it gives no
        # day for it ("the upcoming East Asia Summit"): undated, never the article's year.
        # One only in a clause about the future ("will build on the East Asia Summit") is not.
        if date is None and not any(c.lower_ in _COMING for c in head.children):
            return None
    low_head = head.lower_
    in_list = any(t.lower_ == "such" for t in doc[max(sent.start, i - 4) : i])
    if in_list and not governed:
        return None
    # An institution's name ("Forum on China-Africa Cooperation") is only an occurrence when
    # something happens at it: attended, held, dated or numbered.
    if low_head in INSTITUTION_HEADS and not (governed or ordinal or date):
        return None
    if low_head == "session" and not governed and head.dep_ in ("nsubj", "nsubjpass"):
        # "The 78th session of the UN General Assembly adopted ...": a body's year of work
        # acting, not a gathering someone attended or held.
        return None
    if not (governed or ordinal or date or mood == "future" or head.dep_ in ("nsubj", "nsubjpass")):
        return None
    etype = _gathering_type(surface, etype)
    anchor_tok = governor if governor is not None and governor.pos_ in ("VERB", "AUX") else head
    parts = clause_participants(ctx, anchor_tok, "attendee", "attendee")
    if anchor_tok == head:
        parts = [p for p in parts if p.kind != "organization"]
    limit = min((s for s in stops if s > start), default=sent.end_char)
    location = place_for(ctx, end, end, min(limit, end + 40))
    name = _gathering_name(ctx, surface, start)
    return Candidate(
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
        scheduled=mood == "future",
    )


def _gathering_type(surface: str, etype: str) -> str:
    low = norm(surface)
    for word, kind in (
        ("summit", "summit"),
        ("ministers' meeting", "conference"),
        ("ministers meeting", "conference"),
        ("ministers' meet", "conference"),
        ("ministers meet", "conference"),
        ("ministerial meeting", "conference"),
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


def _gathering_name(ctx: Context, surface: str, start: int) -> str:
    name = surface.replace("’", "'").strip('"“” ')
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^[A-Z][a-z]+'s\s+", "", name)  # "October's BRICS Summit"
    name = name.replace('"', "").replace("“", "").replace("”", "")
    return name[:1].upper() + name[1:]


def _canonical_words(ctx: Context, start: int, end: int) -> frozenset[str]:
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
    text = _MONTH_WORD.sub(" ", text)  # "the June gathering": a date, not a name
    return content_key(text)


# The month names of the date reader, written out and capitalised ("May", not "may").
_MONTH_WORD = re.compile(
    r"\b(?:" + "|".join(sorted({m.capitalize() for m in MONTHS if len(m) > 3} | {"May"})) + r")\b"
)


# Lowercase heads that report a gathering without a name ("a symposium on ...", "a
# high-profile summit held on Wednesday").
UNNAMED_HEADS = frozenset(
    {"summit", "symposium", "seminar", "conference", "forum", "conclave", "ceremony"}
)
# The ceremonies that are occurrences of their own, attended by delegations ("attend the
# inauguration ceremony of President X"); an opening or signing ceremony is part of another.
_OWN_CEREMONIES = frozenset(
    {"inauguration", "inaugural", "swearing", "investiture", "handover", "coronation"}
    | {"enthronement", "oath", "oath-taking", "funeral", "memorial"}
)
# Compounds that are not diplomatic gatherings ("press conference", "conference call").
_NOT_GATHERING_BEFORE = frozenset({"press", "news", "video", "media", "teleconference"})
_NOT_GATHERING_AFTER = frozenset({"call", "calls", "room", "hall", "centre", "center", "table"})
_HAPPENED = frozenset(
    {"held", "hosted", "convened", "opened", "concluded", "ended", "took", "chaired", "staged"}
)


_POSSESSIVE_PRONOUNS = frozenset(["their", "its", "his", "her", "our"])


def unnamed_gathering(
    ctx: Context, sent: Span, head: Token, dates: list[ResolvedDate], stops: list[int]
) -> Candidate | None:
    """A gathering reported without a proper name. Definite ones ("the summit") usually
    point back at a named one: they join the last gathering of the document and stand alone
    only when there is none. Either needs the text to say it took place: attended, held,
    dated, or chaired."""
    if head.pos_ != "NOUN" or head.text != head.lower_:
        return None
    left = [c for c in head.children if c.i < head.i]
    if any(c.lower_ in _NOT_GATHERING_BEFORE for c in left):
        return None
    if head.i + 1 < sent.end and sent.doc[head.i + 1].lower_ in _NOT_GATHERING_AFTER:
        return None
    if head.dep_ == "compound":
        return None
    ceremony = head.lower_ == "ceremony"
    if ceremony and not any(
        t.lower_ in _OWN_CEREMONIES for c in left if c.dep_ != "poss" for t in c.subtree
    ):
        return None
    mood = modality(head)
    if mood == "irrealis":
        return None
    start = min(t.idx for t in head.subtree)
    end = head.idx + len(head)
    stops = [s for s in stops if s != head.idx]
    # "a symposium on China's foreign relations in 2023": the topic's year is not the date.
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "about")):
        sub = list(prep.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        # The parse often hangs the topic's closing "in 2023" on the head instead: a bare year
        # right after the topic belongs to it too.
        dates = [
            d
            for d in dates
            if not (lo <= d.start and d.end <= hi)
            and not (
                d.precision == "year" and re.fullmatch(r"\s*(?:in\s+)?", ctx.text[hi : d.start])
            )
        ]
    date = date_for(ctx, start, end, sent, dates, stops)
    own_date = date is not None and start - 3 <= date.start <= max(t.idx for t in head.subtree)
    if mood == "future":
        date = scheduled_date(ctx, date)
        if date is None:
            return None
    governor, governed = _attending(head)
    held = any(c.lower_ in _HAPPENED for c in head.children) or (
        head.head.lower_ in _HAPPENED and head.dep_ in ("dobj", "nsubjpass")
    )
    evidence = governed or held or own_date or mood == "future"
    # "their summit", "its conference": a possessive pronoun points back as "the" does.
    definite = any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or (c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS)
        for c in left
    )
    if not evidence and not definite:
        return None
    if ceremony and not governed:
        return None  # "after the inauguration ceremony": a time, not a reported occurrence
    anchor_tok = governor if governor is not None and governor.pos_ in ("VERB", "AUX") else head
    parts = clause_participants(ctx, anchor_tok, "attendee", "attendee")
    limit = min((s for s in stops if s > end), default=sent.end_char)
    location = place_for(ctx, end, end, min(limit, end + 60))
    name = _unnamed_name(ctx, head, parts, location)
    return Candidate(
        event_type="other" if ceremony else _gathering_type(head.lower_, "conference"),
        start=start,
        end=end,
        sentence=sent,
        head=head,
        key="anaphor:gathering" if definite else "u:" + " ".join(sorted(content_key(name))),
        # Without evidence that it took place, "the summit" can only point back.
        name=name if evidence else "",
        participants=parts,
        date=date,
        location=location,
        confidence=0.5,
        scheduled=mood == "future",
    )


def _unnamed_name(
    ctx: Context,
    head: Token,
    parts: list[EventParticipant],
    location: Place | None,
) -> str:
    """ "Symposium on the international landscape", "High-profile summit in Cairo",
    "Egypt-Jordan summit": the head with its modifiers and topic, else its states or place."""
    mods = [c for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound", "nmod")]
    first = min((t.idx for c in mods for t in c.subtree), default=head.idx)
    text = ctx.text[first : head.idx + len(head)]
    topic = [c for c in head.children if c.dep_ == "prep" and c.i > head.i]
    if topic and topic[0].lower_ in ("on", "of", "between", "among", "for"):
        sub = list(topic[0].subtree)
        cut = next((k for k, t in enumerate(sub) if t.is_punct and t.text != "-"), len(sub))
        if cut:
            text += " " + ctx.text[sub[0].idx : sub[cut - 1].idx + len(sub[cut - 1])]
    else:
        countries = participant_countries(parts)
        if len(countries) >= 2:
            text = "-".join(country_label(c) for c in countries[:2]) + " " + text
        elif location is not None:
            where = location.name if location.kind == "city" else country_label(location.name)
            text += f" in {where}"
    text = " ".join(text.split())[:120]
    return text[:1].upper() + text[1:]
