"""What every detector reads: the document context (text, parse, entity spans, reference date,
paragraphs), the trigger a builder is handed and the candidate occurrence it fills in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from etl.article import DatePrecision
from etl.extract.dates import ResolvedDate, resolve_dates
from etl.extract.events.lexicon import words_of_kind
from etl.extract.places import Place
from etl.facts import Entity, EventParticipant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Context:
    text: str
    doc: Doc
    persons: list[tuple[int, int, Entity]]
    orgs: list[tuple[int, int, Entity]]
    countries: list[tuple[int, int, Entity]]
    initiatives: list[tuple[int, int, Entity]]
    places: list[Place]
    anchor: dt.date | None
    anchor_precision: DatePrecision | None
    reference_year: int | None
    paragraph_starts: list[int]
    # Who says "I" in the text, by offset; found on first need (participants.speaker).
    speakers: list[tuple[int, Entity]] | None = None
    # A record of speech (a briefing, an interview, remarks with questions): its speakers
    # refer to occurrences of any time, so one it does not date has no year of its own.
    spoken: bool = False
    # The contact a readout's title names ("Secretary's Meeting with X"): what an unqualified
    # "spoke with" in its text was.
    titled_contact: str | None = None

    def paragraph_of(self, offset: int) -> int:
        k = 0
        for i, s in enumerate(self.paragraph_starts):
            if s <= offset:
                k = i
        return k


def entity_spans(entities: Sequence[Entity], kind: str) -> list[tuple[int, int, Entity]]:
    return sorted(
        ((m.start, m.end, e) for e in entities if e.kind == kind for m in e.mentions),
        key=lambda x: x[0],
    )


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """The credit lines of a statement ("The below is attributable to Spokesperson Ned Price:"):
    from the attribution phrase to the end of its line or its colon. Whoever they name speaks
    for the text, and takes part in nothing it reports."""
    out = []
    for m in _attribution_pattern().finditer(text):
        stop = re.compile(r"[:\n]").search(text, m.end())
        out.append((m.start(), stop.start() if stop else len(text)))
    return out


def outside(
    items: list[tuple[int, int, Entity]], spans: list[tuple[int, int]]
) -> list[tuple[int, int, Entity]]:
    """``items`` without the mentions that lie in one of ``spans``."""
    if not spans:
        return items
    return [i for i in items if not any(a <= i[0] < b for a, b in spans)]


@functools.cache
def _attribution_pattern() -> re.Pattern[str]:
    phrases = sorted(words_of_kind("attribution"), key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")\b",
        re.IGNORECASE,
    )


def document_anchor(
    text: str,
    published_on: dt.date | None,
    precision: DatePrecision | None,
    dateline_date: str | None = None,
) -> tuple[dt.date | None, DatePrecision | None, int | None]:
    anchor, anchor_precision, year = _publication_anchor(text, published_on, precision)
    if dateline_date and anchor is not None:
        # The dateline's month and day, in the year that puts it nearest the publication date.
        found = resolve_dates(dateline_date, anchor, anchor_precision)
        if found and found[0].precision == "day":
            return found[0].date, "day", found[0].date.year
    return anchor, anchor_precision, year


def _publication_anchor(
    text: str, published_on: dt.date | None, precision: DatePrecision | None
) -> tuple[dt.date | None, DatePrecision | None, int | None]:
    """The anchor for relative dates and the year the article is about.

    A review published in the first days of January ("As the year 2024 comes to a close")
    is about the year before: its "this year" and "in March" are that year's. Without a
    publication date the most recent year the text names stands in, at year precision.
    """
    years = Counter(int(y) for y in re.findall(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d%])", text))
    if published_on is not None and precision in ("day", "month"):
        prior = published_on.year - 1
        if (
            published_on.month == 1
            and published_on.day <= 10
            and years[prior] > years[published_on.year]
        ):
            return dt.date(prior, 12, 31), "day", prior
        return published_on, precision, published_on.year
    if published_on is not None:
        return published_on, "year", published_on.year
    plausible = [y for y in years if 1900 <= y <= dt.date.today().year]
    if not plausible:
        return None, None, None
    year = max(plausible)
    return dt.date(year, 12, 31), "year", year


# A speaker's turn: "QUESTION:", "MR PRICE:", "SECRETARY BLINKEN:", "Q:".
_TURN = re.compile(r"^(?:Q|A|[A-Z][A-Z.'’ -]{2,40}):\s", re.MULTILINE)
_QUESTION_TURN = re.compile(r"^(?:Q|QUESTION|MODERATOR|PARTICIPANT):\s", re.MULTILINE)


def is_transcript(text: str) -> bool:
    """Whether ``text`` records speech turn by turn: a question turn, or three speaker
    turns ("NEW DELHI:" alone is a dateline)."""
    if _QUESTION_TURN.search(text):
        return True
    return sum(1 for _ in _TURN.finditer(text)) >= 3


def is_question(sent: Span) -> bool:
    """A sentence that asks: it reports nothing."""
    return sent.text.rstrip().rstrip("\"”’'").endswith("?")


_BULLET = re.compile(r"^\s*(?:[•·▪►▸◦*>|]|-\s)")


def is_menu_line(text: str, offset: int) -> bool:
    """Whether ``offset`` lies on a navigation or menu line of a pasted web page: a short
    bulleted line that is no sentence ("• The CPC Third Plenary Session")."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)].strip()
    if not _BULLET.match(line):
        return False
    return len(line.split()) <= 14 and not line.endswith((".", "!", "?", '"', "”"))


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n|\n", text):
        starts.append(m.end())
    return starts


@dataclass(slots=True)
class Candidate:
    event_type: str
    start: int  # the mention's span in the text
    end: int
    sentence: Span
    head: Token
    key: str  # what identifies the occurrence in this document (merge key)
    name: str
    participants: list[EventParticipant] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    date: ResolvedDate | None = None
    date_inherited: bool = False
    location: Place | None = None
    confidence: float = 0.6
    named: bool = False  # a named gathering
    scheduled: bool = False  # announced as coming (with a day of its own, or undated)
    # A coming contact or signing with no day: a visit's programme item, or nothing.
    itinerary: bool = False
    topics: tuple[str, ...] = ()  # countries the occurrence was about, not parties to it
    # A call only because nothing says how they spoke ("talked with X"): a meeting of the
    # same pair reported elsewhere in the text is what it was.
    assumed: bool = False


def within(items: list[tuple[int, int, Entity]], start: int, end: int) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for s, e, ent in items:
        if start <= s and e <= end:
            seen.setdefault(ent.name, ent)
    return list(seen.values())


def in_tokens(items: list[tuple[int, int, Entity]], toks: list[Token]) -> list[Entity]:
    """Entities (``items`` sorted by start) whose mention starts inside one of ``toks``."""
    seen: dict[str, Entity] = {}
    if not toks:
        return []
    spans = sorted((t.idx, t.idx + len(t)) for t in toks)
    starts = [a for a, _b in spans]
    lo = bisect.bisect_left(items, spans[0][0], key=lambda x: x[0])
    for s, _e, ent in items[lo:]:
        if s >= spans[-1][1]:
            break
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and s < spans[k][1]:
            seen.setdefault(ent.name, ent)
    return list(seen.values())


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word or phrase ("met", "state visit") where a sentence uses it, with the date
    the sentence gives it."""

    sentence: Span
    token: Token  # a noun phrase's last word ("visit" of "state visit"), else the verb
    low: str  # the phrase as norm() writes it: "state visit", "met"
    start: int  # the phrase's span in the text
    end: int
    date: ResolvedDate | None

    def candidate(
        self,
        event_type: str,
        key: str,
        name: str,
        participants: list[EventParticipant],
        **fields: Any,
    ) -> Candidate:
        """An occurrence reported at this trigger, on its date; ``fields`` are the
        candidate's other fields (confidence, location ...)."""
        return Candidate(
            event_type,
            self.start,
            self.end,
            self.sentence,
            self.token,
            key,
            name,
            participants,
            date=self.date,
            **fields,
        )


# Each builder decides whether a trigger reports an occurrence and fills it in; one trigger
# may report several ("state visits to Laos and Cambodia"). It also reads what its sentence
# reported before it, gatherings first ("the conference marking the 70th anniversary" is no
# anniversary).
Built = Candidate | list[Candidate] | None
Builder = Callable[[Context, Trigger, list[Candidate]], Built]
