"""Names of gatherings: where one stands in a sentence ("the 16th BRICS Summit", "the
Conference Marking the 70th Anniversary of ...") and whether the words name a gathering at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.catalogue import organization_catalogue
from etl.extract.events.context import Context
from etl.extract.events.lexicon import (
    DATE_WORDS,
    NAME_CONNECTORS,
    ORDINAL,
    ORDINAL_WORDS,
    SENTENCE_OPENERS,
    by_kind,
    norm,
)
from etl.facts import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


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
    # A date before the name dates it and is no part of it ("the March 24 Extraordinary
    # NATO Summit"); "their April 24 meeting" has no name at all.
    while (
        i + 1 < tok.i
        and norm(sent.doc[i].text) in DATE_WORDS
        and sent.doc[i + 1].text.isdigit()
        and len(sent.doc[i + 1].text) <= 2
    ):
        i += 2
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
    has_name = any(
        _is_cap(sent.doc[x]) and x != tok.i and norm(sent.doc[x].text) not in DATE_WORDS
        for x in range(i, j)
    )
    if not has_name and not _is_cap(tok):
        return None
    if not has_name:
        return None
    return i, j


def is_gathering_name(ctx: Context, doc: Doc, i: int, j: int, head: Token) -> bool:
    """Whether the capitalised words [i, j) ending in a gathering head name a gathering:
    not a person's possession ("Jacinda Ardern's meeting with ..."), not an institution of
    the organization catalogue ("UN Conference on Trade and Development", unless numbered:
    "the 15th Conference ..."), not a menu or navigation line ("Third Plenary Session" alone
    on its line)."""
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    if any(start <= s < head.idx for s, _e, _p in ctx.persons):
        return False
    if (
        head.text == head.lower_
        and head.i + 1 < j
        and doc[head.i + 1].lower_ in ("on", "about", "regarding")
        and not any(doc[k].text[:1].isupper() or doc[k].is_digit for k in range(i, head.i))
    ):
        # "the conference on Gaza": a capitalised topic does not name the gathering.
        return False
    ordinal = bool(ORDINAL.match(doc[i].text) or doc[i].lower_ in ORDINAL_WORDS)
    _gaz, known = organization_catalogue()
    for s, e, org in ctx.orgs:
        if s <= head.idx < e and s <= start + 4:
            entry = known.get(org.name)
            if entry is not None and entry.kind != "forum" and not ordinal:
                return False
    line_start = ctx.text.rfind("\n", 0, start) + 1
    line_end = ctx.text.find("\n", end)
    line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
    return len(re.sub(r"[\W_]+", "", line)) > len(re.sub(r"[\W_]+", "", ctx.text[start:end])) + 3
