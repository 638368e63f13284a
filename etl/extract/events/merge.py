"""Merging of mentions: candidates that describe one occurrence become one Event with all
their spans, its best date and its participants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate
from etl.extract.events.context import Candidate, Context
from etl.extract.events.lexicon import ORDINAL
from etl.facts import TYPE_FAMILY, Event, EventParticipant, Mention

if TYPE_CHECKING:
    pass


# Days apart that two day-dated mentions of one occurrence may be: a meeting reported on its
# first and its second day, a trip dated by its arrival and by its talks.
_SAME_DAYS = {"visit": 3}
_SAME_DAYS_DEFAULT = 1
# Words that name no gathering of their own: "the Conference on the Summit" (the press
# conference at it), "the Meeting on the 25th", "the Summit Meeting" refer to the one the
# document already named.
_GENERIC_GATHERING_WORDS = frozenset(
    {
        "summit",
        "meeting",
        "meetings",
        "conference",
        "press",
        "joint",
        "leaders",
        "talks",
        "gathering",
    }
)


def _dates_compatible(a: ResolvedDate | None, b: ResolvedDate | None, days: int = 0) -> bool:
    if a is None or b is None:
        return True
    for x, y in ((a, b), (b, a)):
        # A day inside a multi-day occurrence ("from October 22-24") is that occurrence.
        if x.end_date is not None and x.date <= y.date <= x.end_date:
            return True
    order = {"year": 0, "month": 1, "day": 2}
    p = min(order[a.precision], order[b.precision])
    if p == 2 and abs((a.date - b.date).days) <= days:
        return True
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
    if order[b.precision] == order[a.precision]:
        return b if b.date < a.date else a  # a multi-day occurrence is dated by its first day
    return b if order[b.precision] > order[a.precision] else a


_ANAPHOR_FAMILY = {
    "anaphor:contact": "contact",
    "anaphor:visit": "visit",
    "anaphor:gathering": "gathering",
}


@dataclass(slots=True)
class _Group:
    first: Candidate
    members: list[Candidate]


def _same(a: Candidate, b: Candidate) -> bool:
    if TYPE_FAMILY[a.event_type] != TYPE_FAMILY[b.event_type] and not (a.named and b.named):
        return False
    days = _SAME_DAYS.get(TYPE_FAMILY[a.event_type], _SAME_DAYS_DEFAULT)
    if not _dates_compatible(a.date, b.date, days) and not (a.date_inherited or b.date_inherited):
        return False
    if a.named and b.named:
        ka, kb = set(a.key[2:].split()), set(b.key[2:].split())
        if ka - _GENERIC_GATHERING_WORDS == kb - _GENERIC_GATHERING_WORDS != set():
            return True  # "the BRICS summit" and "the BRICS meeting"
        return bool(ka and kb) and (ka <= kb or kb <= ka)
    if a.event_type == b.event_type and {a.key[:2], b.key[:2]} == {"g:", "u:"}:
        # "a forum between China and CELAC" and "the China-CELAC Forum": the unnamed
        # gathering shares a word besides its head with the named one.
        ka, kb = set(a.key[2:].split()), set(b.key[2:].split())
        return bool((ka & kb) - {a.head.lower_, b.head.lower_})
    return a.key == b.key or _same_pair(a, b)


def _same_pair(a: Candidate, b: Candidate) -> bool:
    """One call or meeting named once by its two states ("his phone conversations with the
    leaders of A and B") and once by its two people: same type, the same two countries, and
    one side's people among the other's."""
    if a.event_type != b.event_type or a.event_type not in ("call", "meeting"):
        return False
    if not (a.key.startswith("c:False:") and b.key.startswith("c:False:")):
        return False
    ca = {p.country_iso3 for p in a.participants if p.country_iso3}
    cb = {p.country_iso3 for p in b.participants if p.country_iso3}
    pa = {p.name for p in a.participants if p.kind == "person"}
    pb = {p.name for p in b.participants if p.kind == "person"}
    if not (pa and pb and (pa <= pb or pb <= pa)):
        return False
    if len(ca) == 2 and ca == cb:
        return True
    # "the meeting with Lighthizer" and "Motegi met Lighthizer": one side named once.
    one_sided = min(len(pa), len(pb)) == 1 and max(len(pa), len(pb)) == 2
    return one_sided and (ca <= cb or cb <= ca)


def merge_candidates(ctx: Context, candidates: list[Candidate]) -> list[Event]:
    candidates = sorted(candidates, key=lambda c: c.start)
    groups: list[_Group] = []
    alone: list[Candidate] = []
    for cand in candidates:
        if TYPE_FAMILY[cand.event_type] == "contact" and not cand.named:
            # "During phone talks with his Pakistani counterpart": the one earlier contact
            # whose actors include all of these.
            target = _covering_contact(cand, groups)
            if target is not None:
                target.members.append(cand)
                continue
        if cand.key.startswith("anaphor:"):
            family = _ANAPHOR_FAMILY[cand.key]
            # "the summit" points back at the last summit, else at the last of its family.
            target = next(
                (g for g in reversed(groups) if g.first.event_type == cand.event_type), None
            )
            if target is None and (cand.date is None or cand.date_inherited):
                # An anaphor with a date of its own ("the November summit") is no other
                # kind of gathering than its head says.
                target = next(
                    (g for g in reversed(groups) if TYPE_FAMILY[g.first.event_type] == family),
                    None,
                )
            if target is not None and cand.start - target.members[-1].start < 1500:
                target.members.append(cand)
            elif cand.name and target is None:
                alone.append(cand)
            continue
        if _addresses_a_gathering(cand):
            # The gathering mentioned last before it; in a text that also has a summit, one
            # that is not the summit (that would be "the summit").
            named = [g for g in groups if g.first.named]
            named = [g for g in named if g.first.event_type != "summit"] or named
            target = max(named, key=lambda g: max(m.start for m in g.members), default=None)
            if target is not None:
                target.members.append(cand)
                continue
        group = next((g for g in groups if any(_same(m, cand) for m in g.members)), None)
        if group is None and _generic_gathering(cand):
            group = next((g for g in reversed(groups) if _names_gathering(g, cand)), None)
        if group is None:
            groups.append(_Group(cand, [cand]))
        else:
            group.members.append(cand)
    for cand in alone:
        # Nothing earlier to point at ("Modi's state visit last week", the text's only
        # gathering): it joins the nearest occurrence of its family, else stands for itself.
        family = _ANAPHOR_FAMILY[cand.key]
        near = [g for g in groups if TYPE_FAMILY[g.first.event_type] == family]
        if cand.date is not None and not cand.date_inherited:
            # One with a date of its own joins only its own kind ("the November summit").
            near = [g for g in near if g.first.event_type == cand.event_type]
        if near:
            min(near, key=lambda g: abs(g.first.start - cand.start)).members.append(cand)
        else:
            cand.key = f"{cand.key}:{cand.name}"
            groups.append(_Group(cand, [cand]))
    return [_event(ctx, g) for g in _fold_meetings_into_summits(groups)]


# Verbs whose object "the meeting" is a gathering someone spoke at or ran, not a meeting
# between the subjects: "X and Y briefed the meeting", "Z chaired the meeting".
_AT_GATHERING_VERBS = frozenset(
    f"{stem}{ending}"
    for stem in ("brief", "address", "chair", "attend", "open")
    for ending in ("", "s", "ed", "ing")
) | {"presided", "closed", "closes", "closing", "close", "preside", "presides"}


def _addresses_a_gathering(cand: Candidate) -> bool:
    head = cand.head
    return (
        cand.event_type == "meeting"
        and not cand.named
        and head.lower_ == "meeting"
        and head.dep_ == "dobj"
        and head.head.lower_ in _AT_GATHERING_VERBS
        and any(c.lower_ == "the" for c in head.children)
    )


def _generic_gathering(cand: Candidate) -> bool:
    words = set(cand.key[2:].split())
    return cand.named and words <= _GENERIC_GATHERING_WORDS


def _names_gathering(group: _Group, cand: Candidate) -> bool:
    """Whether ``group`` is a gathering with a name of its own that ``cand`` can refer to."""
    first = group.first
    return (
        first.named
        and not _generic_gathering(first)
        and _dates_compatible(first.date, cand.date, _SAME_DAYS_DEFAULT)
    )


# "met on the sidelines of the summit", "on the margins of the dialogue": beside it, not it.
_SIDELINE_WORDS = ("sideline", "margins")


def _people(group: _Group, besides: frozenset[int] = frozenset()) -> frozenset[str]:
    """The people of ``group`` in sentences other than those starting at ``besides``."""
    return frozenset(
        p.name
        for m in group.members
        if m.sentence.start not in besides
        for p in m.participants
        if p.kind == "person" and p.name
    )


def _fold_meetings_into_summits(groups: list[_Group]) -> list[_Group]:
    """A meeting between exactly the people who held a named summit is that summit ("Kishida
    held the Japan-EU Summit with Michel and von der Leyen" / "Kishida met Michel and von der
    Leyen"). A meeting on the sidelines of a gathering, or of only some of its people, is not.
    Who held the summit is read from its other sentences: the meeting's own sentence ("met X
    at the OECD Council Meeting", "before the High-Level Dialogue") puts its two people at the
    gathering, which says nothing about whether they were all of it.
    """
    summits = [g for g in groups if g.first.named and g.first.event_type == "summit"]
    kept: list[_Group] = []
    for group in groups:
        first = group.first
        target = None
        if first.event_type == "meeting" and not first.named:
            people = _people(group)
            sideline = any(
                w in m.sentence.text.lower() for m in group.members for w in _SIDELINE_WORDS
            )
            own = frozenset(m.sentence.start for m in group.members)
            matches = [
                s
                for s in summits
                if len(people) >= 2
                and _people(s, besides=own) == people
                and _dates_compatible(s.first.date, first.date, _SAME_DAYS_DEFAULT)
            ]
            target = matches[0] if len(matches) == 1 and not sideline else None
        if target is None:
            kept.append(group)
        else:
            target.members.extend(group.members)
    return kept


def _actors(parts: list[EventParticipant]) -> tuple[set[str], set[str]]:
    people = {p.name for p in parts if p.kind == "person" and p.name}
    states = {p.country_iso3 for p in parts if p.country_iso3}
    return people, states


def _covering_contact(cand: Candidate, groups: list[_Group]) -> _Group | None:
    """For a contact naming fewer than two people, the single earlier contact (not a count of
    meetings) that has every person and state it names, among at least two people."""
    people, states = _actors(cand.participants)
    if len(people) >= 2 or not (people or states) or cand.key.startswith("c:True"):
        return None
    found = []
    for g in groups:
        if TYPE_FAMILY[g.first.event_type] != "contact" or g.first.key.startswith("c:True"):
            continue
        if not all(_dates_compatible(m.date, cand.date) or m.date_inherited for m in g.members):
            continue
        have_people, have_states = _actors([p for m in g.members for p in m.participants])
        if len(have_people) >= 2 and people <= have_people and states <= have_states:
            found.append(g)
    return found[0] if len(found) == 1 else None


def _event(ctx: Context, group: _Group) -> Event:
    members = group.members
    real = [m for m in members if m.name]
    # "met X" and "talked with X" of one pair: the meeting, not a call by default.
    best = max(
        [m for m in real if not m.assumed] or real,
        key=lambda m: (
            m.named and not _generic_gathering(m),
            m.named and bool(ORDINAL.match(m.name.split()[0])),
            len(m.name),
        ),
    )
    date: ResolvedDate | None = None
    inherited = True
    for m in real:
        if m.date is not None and (date is None or (inherited and not m.date_inherited)):
            date, inherited = m.date, m.date_inherited
        elif m.date is not None and not m.date_inherited:
            date = _better_date(date, m.date)
    if date is None and all(m.scheduled for m in real):
        start_date, end_date, precision = None, None, None  # coming, no day given
    else:
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
    ctx: Context, date: ResolvedDate | None, inherited: bool
) -> tuple[dt.date | None, dt.date | None, DatePrecision | None]:
    if date is not None:
        return date.date, date.end_date, date.precision
    if ctx.reference_year is not None and not ctx.spoken:
        # The article's own year: reported occurrences without a date happened in it.
        return dt.date(ctx.reference_year, 1, 1), None, "year"
    return None, None, None
