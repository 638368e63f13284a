"""Event deduplication across documents.

Every document's report of an event gets a key; reports with the same key are one event.
The key and the aggregation of reports into the event are pure functions of the reports,
so loading articles in any order gives the same events.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from etl.facts import EVENT_TYPES, TYPE_FAMILY, Event

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
_KEY_STOPWORDS = frozenset(
    "a an and at by for from in of on the to with s between".split()  # noqa: SIM905
)


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_signature(name: str) -> str:
    """The words that identify a named gathering across articles: no ordinals, years,
    months or function words ("the 16th BRICS Summit" and "BRICS Summit" agree)."""
    words = re.findall(r"[a-z0-9]+", _plain(name).replace("'s", ""))
    kept = [
        w
        for w in words
        if w not in _KEY_STOPWORDS
        and w not in _MONTHS
        and not _ORDINAL.match(w)
        and not (w.isdigit() and len(w) == 4)
    ]
    return " ".join(sorted(set(kept)))


# Leaders meet and travel many times a year, so contacts and visits are told apart by month;
# a named gathering ("16th BRICS Summit") or a signing happens once a year at most, and an
# article that dates it only by year still means the same one.
_MONTHLY_FAMILIES = frozenset({"contact", "visit"})


def event_key(event: Event) -> str:
    """Type family, year (and month for contacts and visits), and who or what: the people
    involved for contacts and visits, the name for gatherings and everything else."""
    family = TYPE_FAMILY[event.event_type]
    year = month = "-"
    if event.start_date is not None:
        year = str(event.start_date.year)
        if event.date_precision in ("day", "month") and family in _MONTHLY_FAMILIES:
            month = f"{event.start_date.month:02d}"
    people = sorted({_plain(p.name) for p in event.participants if p.kind == "person" and p.name})
    if family == "visit":
        # A trip is who travelled, whomever each article says they met there ("Xi's state visit
        # to Vietnam" with Trong in one report, with Chinh in another).
        guests = sorted(
            {
                _plain(p.name)
                for p in event.participants
                if p.kind == "person" and p.name and p.role == "guest"
            }
        )
        people = guests or people
    if family in ("contact", "visit") and people:
        who = "+".join(people)
        if family == "visit":
            # A visit is also where it went: the same leader's trips differ by destination.
            who += f"@{event.location_country_iso3 or '-'}"
    else:
        who = name_signature(event.name)
    return f"{family}|{year}-{month}|{who}"


@dataclass(frozen=True, slots=True)
class Report:
    """One document's account of an event, as stored in event_reports."""

    document_sha256: str
    event_type: str
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: str | None
    location_name: str | None
    location_country_iso3: str | None
    summary: str | None
    confidence: float
    participants: tuple[tuple[str, str | None, str | None, str | None], ...] = ()
    initiatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Canonical:
    event_type: str
    name: str
    start_date: dt.date | None
    end_date: dt.date | None
    date_precision: str | None
    location_name: str | None
    location_country_iso3: str | None
    summary: str | None
    # (role, name, kind, country_iso3)
    participants: tuple[tuple[str, str | None, str | None, str | None], ...] = field(default=())
    initiatives: tuple[str, ...] = ()


def _most_common(values: Sequence[Any], tiebreak: Any) -> Any:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], tiebreak(v)))


def aggregate(reports: Sequence[Report]) -> Canonical:
    """The event as all its reports together tell it; independent of the reports' order."""
    ordered = sorted(reports, key=lambda r: r.document_sha256)
    event_type = _most_common([r.event_type for r in ordered], EVENT_TYPES.index)
    name = _most_common([r.name for r in ordered], lambda n: (-len(n), n))
    best = max(_PRECISION_RANK[r.date_precision] for r in ordered)
    dated = [r for r in ordered if _PRECISION_RANK[r.date_precision] == best and r.start_date]
    start = precision = end = None
    if dated:
        start = _most_common([r.start_date for r in dated], lambda d: d)
        precision = dated[0].date_precision
        ends = [r.end_date for r in dated if r.start_date == start and r.end_date]
        end = max(ends) if ends else None
    places = [
        (r.location_name, r.location_country_iso3)
        for r in ordered
        if r.location_name or r.location_country_iso3
    ]
    location = _most_common(places, lambda p: (p[0] is None, str(p))) if places else (None, None)
    summary = max(ordered, key=lambda r: (r.confidence, r.summary is not None)).summary
    participants = tuple(sorted({p for r in ordered for p in r.participants}, key=str))
    initiatives = tuple(sorted({i for r in ordered for i in r.initiatives}))
    return Canonical(
        event_type=event_type,
        name=name,
        start_date=start,
        end_date=end,
        date_precision=precision,
        location_name=location[0],
        location_country_iso3=location[1],
        summary=summary,
        participants=participants,
        initiatives=initiatives,
    )


def merge_within_document(events: Sequence[Event]) -> list[Event]:
    """Events of one document with the same key become one, keeping every mention."""
    merged: dict[str, Event] = {}
    for event in events:
        key = event_key(event)
        if key not in merged:
            merged[key] = event
            continue
        first = merged[key]
        merged[key] = Event(
            event_type=first.event_type,
            name=first.name,
            start_date=first.start_date,
            # another report's range end only belongs to a range that starts on the same day
            end_date=first.end_date
            or (event.end_date if event.start_date == first.start_date else None),
            date_precision=first.date_precision,
            location_name=first.location_name or event.location_name,
            location_country_iso3=first.location_country_iso3 or event.location_country_iso3,
            participants=tuple(dict.fromkeys(first.participants + event.participants)),
            mentions=first.mentions + event.mentions,
            initiatives=tuple(dict.fromkeys(first.initiatives + event.initiatives)),
            summary=first.summary or event.summary,
            confidence=max(first.confidence, event.confidence),
        )
    return list(merged.values())
