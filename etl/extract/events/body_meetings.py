"""Meetings of bodies: the members of one institution meeting ("an informal meeting of the
members of the European Council", "We, the Leaders of the G7, met"), a gathering named for
the institution."""

from __future__ import annotations

from etl.extract.events.context import Candidate, Context, Trigger, in_tokens
from etl.extract.events.participants import content_key
from etl.facts import EventParticipant


def meeting_of_body(
    ctx: Context, trigger: Trigger, parts: list[EventParticipant]
) -> Candidate | None:
    """ "an informal meeting of the members of the European Council": a meeting of an
    institution's members is a gathering named by its phrase, its parties the institution."""
    tok = trigger.token
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        words = list(prep.subtree)
        bodies = in_tokens(ctx.orgs, words)
        if not bodies:
            continue
        left = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")]
        first = min((t.idx for c in left for t in c.subtree), default=tok.idx)
        last = words[-1].idx + len(words[-1])
        name = " ".join(ctx.text[first:last].split())
        name = name[:1].upper() + name[1:]
        people = [p for p in parts if p.kind == "person"]
        return trigger.candidate(
            "meeting",
            "g:" + " ".join(sorted(content_key(name))),
            name,
            [
                *people,
                *(EventParticipant("attendee", b.name, "organization", None) for b in bodies),
            ],
            confidence=0.5,
            named=True,
        )
    return None


def body_met(
    ctx: Context, trigger: Trigger, etype: str, parts: list[EventParticipant]
) -> Candidate | None:
    """ "We, the Leaders of the G7, met virtually on December 6": the members of one
    institution met; the meeting is the institution's."""
    tok = trigger.token
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [t for c in tok.children if c.dep_ == "nsubj" for t in c.subtree]
    bodies = in_tokens(ctx.orgs, subjects)
    if len(bodies) != 1:
        return None
    words = {t.lower_ for t in subjects}
    who = "leaders'" if "leaders" in words else "ministers'" if "ministers" in words else ""
    kind = "call" if etype == "call" else "meeting"
    name = " ".join(filter(None, (bodies[0].short_name or bodies[0].name, who, kind)))
    if any(t.lower_ in ("virtually", "virtual", "online") for t in tok.subtree):
        name = name.replace(f" {kind}", f" virtual {kind}")
    return trigger.candidate(
        etype,
        "g:" + " ".join(sorted(content_key(name))),
        name,
        parts
        if any(p.name == bodies[0].name for p in parts)
        else [*parts, EventParticipant("attendee", bodies[0].name, "organization", None)],
        confidence=0.5,
        named=True,
    )
