"""Named gatherings ("the 16th BRICS Summit") and the people attending them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.dates import ResolvedDate
from etl.extract.events.attach import date_for, place_for
from etl.extract.events.context import Candidate, Context
from etl.extract.events.lexicon import (
    DATE_WORDS,
    INSTITUTION_HEADS,
    NAME_CONNECTORS,
    ORDINAL,
    ORDINAL_WORDS,
    SENTENCE_OPENERS,
    by_kind,
    norm,
    words_of_kind,
)
from etl.extract.events.participants import clause_participants, content_key, is_irrealis
from etl.facts import Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def gathering_heads() -> dict[str, str]:
    return {" ".join(p): t for p, t in by_kind("gathering").items()}


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text.startswith('"')


def named_gathering(
    tok: Token, sent: Span, org_spans: list[tuple[int, int, Entity]]
) -> tuple[int, int] | None:
    """The token range [i, j) of a gathering name headed by ``tok``, or None."""
    i = tok.i
    k = tok.i - 1
    while k >= sent.start:
        t = sent.doc[k]
        low = norm(t.text)
        if _is_cap(t) and not (k == sent.start and low in SENTENCE_OPENERS):
            if low in SENTENCE_OPENERS and low not in ("the",):
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
        elif ORDINAL.match(t.text) or low in ORDINAL_WORDS:
            i = k
            k -= 1
            break
        else:
            break
        k -= 1
    # Drop leading connectors and a possessive month ("October's").
    while i < tok.i and (norm(sent.doc[i].text) in NAME_CONNECTORS or sent.doc[i].is_punct):
        i += 1
    j = tok.i + 1
    # Right tail: "of the Forum on China-Africa Cooperation", "Marking the 70th Anniversary of".
    m = j
    tail_ok = j
    while m < sent.end:
        t = sent.doc[m]
        low = norm(t.text)
        if low in ("in", "with") or low in DATE_WORDS:
            break  # "in Astana", "on Tuesday", "with Zhao Leji" follow the name
        if low in NAME_CONNECTORS or t.text in ("-", "–") or low == "anniversary":
            m += 1
            continue
        if _is_cap(t) and not t.is_punct:
            m += 1
            tail_ok = m
            continue
        break
    if tail_ok > j and norm(sent.doc[j].text) in ("of", "on", "for", "marking"):
        j = tail_ok
    has_name = any(_is_cap(sent.doc[x]) and x != tok.i for x in range(i, j))
    if not has_name and not _is_cap(tok):
        return None
    if not has_name:
        return None
    return i, j


def _attending(tok: Token) -> tuple[Token | None, bool]:
    """The attendance word governing a gathering name, and whether an event verb governs it."""
    attend = words_of_kind("attend")
    node = tok
    for _ in range(6):
        if norm(node.text) in attend:
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
    if is_irrealis(head):
        return None
    ordinal = bool(ORDINAL.match(doc[i].text) or doc[i].lower_ in ORDINAL_WORDS)
    governor, governed = _attending(head)
    date = date_for(ctx, start, end, sent, dates, stops)
    low_head = head.lower_
    in_list = any(t.lower_ == "such" for t in doc[max(sent.start, i - 4) : i])
    if in_list and not governed:
        return None
    # An institution's name ("Forum on China-Africa Cooperation") is only an occurrence when
    # something happens at it: attended, held, dated or numbered.
    if low_head in INSTITUTION_HEADS and not (governed or ordinal or date):
        return None
    if not (governed or ordinal or date or head.dep_ in ("nsubj", "nsubjpass")):
        return None
    etype = _gathering_type(surface, etype)
    anchor_tok = governor if governor is not None and governor.pos_ in ("VERB", "AUX") else head
    parts = clause_participants(ctx, anchor_tok, "attendee", "attendee")
    if anchor_tok is head:
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
    )


def _gathering_type(surface: str, etype: str) -> str:
    low = norm(surface)
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
    return content_key(text)
