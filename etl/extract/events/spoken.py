"""Contacts told by a verb of speaking ("spoke with", "talked to", "telephoned", "called on"):
whether someone is spoken with, and whether it was a call or a meeting. A readout's title
("X's Meeting with Y") says which when the text does not."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from etl.extract.events.context import Context, in_tokens
from etl.extract.events.counterparts import spoken_with

if TYPE_CHECKING:
    from spacy.tokens import Token

# What makes a contact remote ("spoke by phone", "held a video call") or face to face
# ("spoke on the sidelines of", "in person").
REMOTE = frozenset(
    ["phone", "telephone", "telephonically", "video", "videoconference", "virtually", "call"]
)
VOICE = frozenset(["phone", "telephone", "telephonically"])
_IN_PERSON = frozenset(["sidelines", "margins", "person", "face-to-face"])


def has_partner(ctx: Context, tokens: list[Token]) -> bool:
    """A person or country named among ``tokens``: someone to speak with."""
    spans = [(t.idx, t.idx + len(t)) for t in tokens]
    return any(
        a <= s < b
        for items in (ctx.persons, ctx.countries)
        for s, _e, _n in items
        for a, b in spans
    )


def speech_contact(ctx: Context, verb: Token) -> str | None:
    """ "spoke today with X", "talked by telephone to X", "phoned X": a call, or a meeting when
    the clause puts the two in one place; None when nobody is spoken with ("spoke to reporters",
    "called for restraint")."""
    if verb.lower_ in ("called", "calls", "call", "calling"):
        paid = _called_on(ctx, verb)
        if paid is not None:
            return paid
    partner = spoken_with(verb)
    if verb.lower_ in ("called", "phoned", "telephoned"):
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "npadvmod", "appos"):
                partner.extend(child.subtree)
    if not partner or not has_partner(ctx, partner):
        return None
    # How they spoke: the words between the verb and its partner ("spoke today by phone
    # with") and the verb's own adverbials ("on the sidelines of", "virtually"), not a clause
    # after it ("to follow up on their meeting").
    first = min(t.i for t in partner)
    words = {t.lower_ for t in verb.doc[verb.i : first]}
    for child in verb.children:
        if child.dep_ in ("prep", "advmod") and child.i not in {t.i for t in partner}:
            words.update(t.lower_ for t in child.subtree)
    if words & REMOTE or verb.lower_ in ("phoned", "telephoned"):
        return "call"
    if words & _IN_PERSON:
        return "meeting"
    return ctx.titled_contact or SPOKEN


def _called_on(ctx: Context, verb: Token) -> str | None:
    """ "called on President X" (South Asian and Commonwealth usage) is a courtesy meeting;
    "called on X to release ..." or "called on X for restraint" is an appeal: no contact.
    None when the verb has no "on"/"upon" phrase (then it may be a call: "called X")."""
    on = next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i == verb.i + 1
        ),
        None,
    )
    if on is None:
        return None  # "called X on Monday"
    words = list(on.subtree)
    after = words[-1].i + 1
    nxt = verb.doc[after] if after < len(verb.doc) else None
    appeal = nxt is not None and (nxt.tag_ == "TO" or nxt.lower_ in ("for", "to"))
    appeal = appeal or any(
        c.dep_ in ("xcomp", "ccomp", "advcl") and any(a.tag_ == "TO" for a in c.children)
        for c in verb.children
        if c.i > on.i
    )
    if appeal or not in_tokens(ctx.persons, words[1:]):
        return ""
    return "meeting"


# What speech_contact says of "spoke with X" when nothing tells a call from a meeting.
SPOKEN = "spoken"


# A readout's title: "Secretary Blinken's Meeting with ...", "Deputy Secretary's Call with ...",
# "Readout of the President's Meetings with ...", "X Meets With Y".
_TITLED_CONTACT = re.compile(
    r"\b(?:(?P<call>(?:phone |telephone |video )?calls?)|(?P<meeting>meetings?|meets))"
    r"\s+with\b",
    re.IGNORECASE,
)


def titled_contact(title: str | None) -> str | None:
    """The contact a readout's title names, if it names one: its text's "spoke with" is that
    contact. A release's "spoke with" is read as a call unless the clause places the two
    together, but a title that reads "Meeting with" says they met."""
    found = _TITLED_CONTACT.search(title or "")
    if found is None:
        return None
    return "call" if found.group("call") else "meeting"
