"""An event as all its reports together tell it: a pure function of the reports, so the
order in which documents were loaded never shows in the events table."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from etl.facts import EVENT_TYPES

PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}

# (role, name, kind, country_iso3)
ParticipantRow = tuple[str, str | None, str | None, str | None]


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
    participants: tuple[ParticipantRow, ...] = ()
    initiatives: tuple[str, ...] = ()
    id: int = 0  # event_reports.id; orders reports of one document


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
    participants: tuple[ParticipantRow, ...] = field(default=())
    initiatives: tuple[str, ...] = ()


def _most_common(values: Sequence[Any], tiebreak: Any) -> Any:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], tiebreak(v)))


def aggregate(reports: Sequence[Report]) -> Canonical:
    """The event as all its reports together tell it; independent of the reports' order."""
    ordered = sorted(reports, key=lambda r: (r.document_sha256, r.id))
    # Between types told equally often, the one of the best-dated reports: an undated
    # "conversations with" does not make the readout's call a meeting.
    precision_of: dict[str, int] = {}
    for r in ordered:
        rank = PRECISION_RANK[r.date_precision]
        precision_of[r.event_type] = max(precision_of.get(r.event_type, 0), rank)
    event_type = _most_common(
        [r.event_type for r in ordered], lambda t: (-precision_of[t], EVENT_TYPES.index(t))
    )
    name = _most_common([r.name for r in ordered], lambda n: (-len(n), n))
    best = max(PRECISION_RANK[r.date_precision] for r in ordered)
    dated = [r for r in ordered if PRECISION_RANK[r.date_precision] == best and r.start_date]
    start = precision = end = None
    if dated:
        start = _most_common([r.start_date for r in dated], lambda d: d)
        precision = dated[0].date_precision
        ends = [r.end_date for r in dated if r.start_date == start and r.end_date]
        end = max(ends) if ends else None
        if end is not None and end < start:
            end = None
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
