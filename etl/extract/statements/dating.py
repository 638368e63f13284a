"""When a statement was made (GUIDELINES.md: "the day the text says it was said, directly or
through its occasion"), and the occasion itself:

1. a date in the reporting clause, outside the content ("said on Friday", "told a press
   conference Tuesday");
2. an event this document reports, named in the same sentence outside the content ("During
   phone talks with ..., Qin said"): its date, and its mention as the occasion;
3. a transcript's turns: the day of the press conference (the publication date);
4. the speaker's previous statement in the document, whose occasion it goes on with;
5. the one dated event of the document the speaker takes part in (a readout's call);
6. else none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate, resolve_dates
from etl.facts import Event, Mention


@dataclass(frozen=True, slots=True)
class Dated:
    on: dt.date | None = None
    precision: DatePrecision | None = None
    occasion: Mention | None = None


NONE = Dated()
_NEAR = 80  # characters around the cue in which a date belongs to the reporting clause


@dataclass(slots=True)
class Calendar:
    """The dates and events of one document, and what each speaker said last."""

    text: str
    events: Sequence[Event]
    anchor: dt.date | None
    anchor_precision: DatePrecision | None
    last_by_speaker: dict[str, Dated] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        text: str,
        events: Sequence[Event],
        anchor: dt.date | None,
        anchor_precision: DatePrecision | None,
    ) -> Calendar:
        return cls(text, events, anchor, anchor_precision)

    def _reporting_dates(
        self, s0: int, s1: int, c0: int, c1: int, cue_at: int
    ) -> list[ResolvedDate]:
        """Dates of the reporting clause: the sentence outside the content, near the cue,
        resolved on their own so that the content's tense ("will ...") does not move them."""
        lo, hi = max(s0, cue_at - _NEAR), min(s1, cue_at + _NEAR)
        out = []
        for a, b in ((lo, min(hi, c0)), (max(lo, c1), hi)):
            if b - a < 3:
                continue
            for d in resolve_dates(self.text[a:b], self.anchor, self.anchor_precision):
                if d.precision != "year":
                    out.append(dataclasses.replace(d, start=d.start + a, end=d.end + a))
        return out

    def date_of(
        self,
        speaker: str,
        sentence: tuple[int, int],
        content: tuple[int, int],
        cue_at: int,
        fallback: Dated | None = None,
    ) -> Dated:
        s0, s1 = sentence
        c0, c1 = content
        # The reporting clause's own date ("said on Friday", "told a press conference
        # Tuesday"), not one of a later clause.
        own = self._reporting_dates(s0, s1, c0, c1, cue_at)
        found = NONE
        if own:
            best = min(own, key=lambda d: abs(d.start - cue_at))
            found = Dated(best.date, _month_if_range(best))
        occasion = self._occasion_in(s0, s1, c0, c1)
        if found is NONE and occasion is not None:
            found = occasion
        elif occasion is not None:
            found = Dated(found.on, found.precision, occasion.occasion)
        if found is NONE and fallback is not None:
            found = fallback
        if found is NONE:
            found = self.last_by_speaker.get(speaker, NONE)
        if found is NONE:
            found = self._main_event_of(speaker)
        if found is not NONE:
            self.last_by_speaker[speaker] = found
        return found

    def _occasion_in(self, s0: int, s1: int, c0: int, c1: int) -> Dated | None:
        for event in self.events:
            for m in event.mentions:
                if s0 <= m.start and m.end <= s1 and (m.end <= c0 or m.start >= c1):
                    return Dated(event.start_date, _event_precision(event), m)
        return None

    def _main_event_of(self, speaker: str) -> Dated:
        dated = [
            e
            for e in self.events
            if e.start_date is not None
            and e.mentions
            and any(p.name == speaker or p.country_iso3 == speaker for p in e.participants)
        ]
        if len({(e.start_date, e.end_date) for e in dated}) != 1:
            return NONE
        event = min(dated, key=lambda e: e.mentions[0].start)
        return Dated(event.start_date, _event_precision(event), event.mentions[0])


def _month_if_range(d: ResolvedDate) -> DatePrecision:
    if d.end_date is not None and d.end_date != d.date:
        return "month"
    return d.precision


def _event_precision(event: Event) -> DatePrecision | None:
    if event.start_date is None:
        return None
    if event.end_date is not None and event.end_date != event.start_date:
        return "month"
    return event.date_precision or "day"
