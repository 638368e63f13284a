"""Announcements that open with who invited: "At the invitation of Premier X, Chancellor Y of Z
will pay an official visit to ...". The inviter hosts; the one invited is the subject, though
the parser often hangs the whole name list on "invitation of" and leaves the verb without one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.events.context import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

    from etl.facts import Entity

_POSSESSIVE = re.compile(r"^['’]s?\b")


def inviter_tokens(tokens: list[Token]) -> set[int]:
    """The tokens of an "at the invitation of X" (or "upon/on the invitation of") phrase: who
    invited, as the host of the occurrence, not its subject."""
    out: set[int] = set()
    for t in tokens:
        if t.lower_ != "invitation" or t.head.lower_ not in ("at", "upon", "on", "by"):
            continue
        for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"):
            out.update(x.i for x in prep.subtree)
    return out


def invited(ctx: Context, token: Token, invited_by: set[int]) -> list[tuple[int, int, Entity]]:
    """The people invited, when the parse put them inside the inviter phrase: the person
    named last before the clause's verb ("..., Minister X of Y will visit"), with anyone joined
    to them by "and" without a comma ("Prime Minister A of B and Prime Minister C of D will
    pay visits"). Never the first person after "invitation of" when nothing but titles stands
    between (that one invited), nor an owner ("President X's Special Envoy Y": Y travels)."""
    if not invited_by:
        return []
    doc = token.doc
    first = doc[min(invited_by)]
    verb = _announced_verb(first)
    if verb is None or verb.i <= first.i:
        return []
    lo, hi = first.idx + len(first), verb.idx
    names = [
        (s, e, ent)
        for s, e, ent in ctx.persons
        if lo <= s
        and e <= hi
        and not _POSSESSIVE.match(ctx.text[e : e + 2])
        and not _office_holder(ctx, s)
    ]
    if names and "," not in ctx.text[lo : names[0][0]]:
        names = names[1:]  # the inviter
    if not names:
        return []
    out = [names[-1]]
    for prev in reversed(names[:-1]):
        gap = ctx.text[prev[1] : out[0][0]]
        if "," in gap or not re.search(r"\band\b", gap):
            break
        out.insert(0, prev)
    return out


_OF_TITLE = re.compile(r"\bof\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,4}$")


def _office_holder(ctx: Context, start: int) -> bool:
    """A person named in another's title ("Special Envoy of President X"), not a country's
    ("Minister of Foreign Affairs of Laos Y", whose words after "of" are a country)."""
    m = _OF_TITLE.search(ctx.text, max(0, start - 60), start)
    if m is None:
        return False
    return not any(m.start() <= s < start for s, _e, _c in ctx.countries)


def _announced_verb(of_token: Token) -> Token | None:
    """The verb the "At the invitation of" phrase modifies."""
    node = of_token
    for _ in range(4):
        node = node.head
        if node.lower_ in ("at", "upon", "on", "by") and node.head.pos_ in ("VERB", "AUX"):
            return node.head
    return None


# "visit these three countries", "the afore-mentioned two countries": the places of the hosts.
_THOSE_COUNTRIES = re.compile(
    r"\b(?:these|those|the|both)\s+(?:(?:afore|above)[- ]?mentioned\s+)?(?:\w+\s+)?countries\b",
    re.IGNORECASE,
)


def inviters_countries(ctx: Context, trigger: Token, lo: int, hi: int, visitor: str) -> list[str]:
    """The destinations of a visit to "these three countries" (the text ``lo``..``hi``): the
    states of those who invited, in the order named ("At the invitation of the government of
    A, the President of B and C's Prime Minister X, ..."), up to the visitor's name. Empty when
    the phrase is another."""
    if not _THOSE_COUNTRIES.search(ctx.text, lo, hi):
        return []
    sent = trigger.sent
    opening = [t for t in sent if t.lower_ == "invitation" and t.i + 1 < sent.end]
    if not opening:
        return []
    start = opening[0].idx
    end = min(
        (s for s, _e, ent in ctx.persons if ent.name == visitor and s > start),
        default=trigger.idx,
    )
    named = [(s, ent.name) for s, _e, ent in ctx.countries if start <= s < end]
    named += [(s, ent.country_iso3) for s, _e, ent in ctx.persons if start <= s < end]
    out: list[str] = []
    for _s, iso3 in sorted((s, c) for s, c in named if c):
        if iso3 not in out:
            out.append(iso3)
    return out
