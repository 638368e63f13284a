"""The entry point, ``find_statements``: transcript turns and reproduced texts first, then each
sentence's cues with their speakers and contents, nested attribution resolved to the innermost
speaker, uncued quotations that go on with the last speaker, and the dates and named countries
and initiatives of each."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.events.context import document_anchor
from etl.extract.statements.clauses import Claim, claim, find_hits
from etl.extract.statements.context import Context, build_context
from etl.extract.statements.dating import Calendar, Dated
from etl.extract.statements.quotes import TRAILING, Quote
from etl.extract.statements.speakers import Memory, Speaker, note_subjects, resolve
from etl.extract.statements.transcripts import (
    Turn,
    find_turns,
    following_text,
    speech_start,
    title_person,
)
from etl.facts import Entity, Event, Statement, StatementMode

if TYPE_CHECKING:
    from spacy.tokens import Span

# Lines that point elsewhere: what they say is another page's headline.
_POINTER = re.compile(r"^\s*(?:also read|read more|read also|read|related|see also)\b", re.I)
_HEADLINE_WORDS = 25
_SENTENCE_END = tuple('.!?"”’:;…)')


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    speaker: Speaker
    mode: StatementMode
    cue: str
    cue_at: int
    sentence: tuple[int, int]
    whole_text: bool = False  # a turn, a reproduced text or a quotation over sentences
    dated: Dated | None = None


def find_statements(
    text: str,
    nlp_doc: object,
    entities: Sequence[Entity],
    events: Sequence[Event],
    *,
    body_end: int | None = None,
    title: str | None = None,
    published_on: dt.date | None = None,
    published_precision: DatePrecision | None = None,
    dateline_date: str | None = None,
) -> tuple[list[Statement], list[Entity]]:
    """The statements of ``text[:body_end]`` (analysed as ``nlp_doc``), and the speakers named
    only in the title (new entities without mentions), so every speaker is an entity."""
    body_end = len(text) if body_end is None else body_end
    ctx = build_context(text, nlp_doc, entities, body_end, title)  # type: ignore[arg-type]
    anchor, anchor_precision, _year = document_anchor(
        text, published_on, published_precision, dateline_date
    )
    calendar = Calendar.of(text, body_end, events, anchor, anchor_precision)
    titled = title_person(ctx)
    extra = [titled[1]] if titled is not None and titled[1] is not None else []
    turns = find_turns(ctx, titled[0] if titled else None)
    drafts = _turn_drafts(ctx, turns)
    if published_on is not None and turns:
        day = Dated(published_on, published_precision or "day")
        for d in drafts:
            d.dated = day
    questions = [(t.label_start, t.end) for t in turns if t.kind == "question"]
    drafts += _sentence_drafts(ctx, questions)
    if not turns:
        drafts += _speech_draft(ctx, drafts, titled[0] if titled else None)
    drafts += _continued_quotes(ctx, drafts)
    drafts = _without_inner(drafts)
    drafts = [d for d in drafts if not _on_pointer_or_headline(ctx, d)]
    used = {s.name for s in extra}
    statements = []
    seen: set[tuple[str, str]] = set()
    for d in sorted(drafts, key=lambda d: d.start):
        content = text[d.start : d.end]
        key = (d.speaker.name, " ".join(content.split()))
        if key in seen or not content.strip():
            continue
        seen.add(key)
        dated = calendar.date_of(d.speaker.name, d.sentence, (d.start, d.end), d.cue_at, d.dated)
        statements.append(_statement(ctx, d, content, dated))
        used.add(d.speaker.name)
    return statements, [e for e in extra if e.name in used]


def _statement(ctx: Context, d: Draft, content: str, dated: Dated) -> Statement:
    countries = dict.fromkeys(n.name for n in ctx.named_in(d.start, d.end, ("country",)))
    initiatives = dict.fromkeys(n.name for n in ctx.named_in(d.start, d.end, ("initiative",)))
    return Statement(
        start=d.start,
        end=d.end,
        content=content,
        speaker_kind=d.speaker.kind,
        speaker=d.speaker.name,
        speaker_surface=d.speaker.surface,
        mode=d.mode,
        cue=d.cue,
        stated_on=dated.on,
        stated_precision=dated.precision if dated.on else None,
        countries=tuple(countries),
        initiatives=tuple(initiatives),
        occasion=dated.occasion,
    )


def _turn_drafts(ctx: Context, turns: list[Turn]) -> list[Draft]:
    out = []
    for t in turns:
        if t.kind == "question" or t.speaker is None or t.end <= t.start:
            continue
        out.append(
            Draft(t.start, t.end, t.speaker, "direct", t.cue, t.label_start, (t.start, t.end), True)
        )
    return out


def _in_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _sentence_drafts(ctx: Context, questions: list[tuple[int, int]]) -> list[Draft]:
    memory = Memory()
    out: list[Draft] = []
    for sent in ctx.sentences():
        tokens = list(sent)
        if _in_any(sent.start_char, questions):
            continue
        hits = find_hits(sent)
        heads = {h.head.i for h in hits}
        claims = [c for c in (claim(h, heads) for h in hits) if c is not None]
        speakers: dict[int, Speaker | None] = {}
        for c in sorted(claims, key=lambda c: c.hit.first.i):
            who = resolve(ctx, memory, c.subject) if c.subject is not None else None
            speakers[c.hit.first.i] = who
            if who is not None and c.subject is not None:
                if who.kind == "person":
                    memory.note_person(c.subject.idx, who.name)
                else:
                    memory.note_body(c.subject.idx, who)
        for c in _innermost(claims, speakers):
            who = speakers[c.hit.first.i]
            if who is None:
                continue
            draft = _draft(ctx, sent, c, who)
            if draft is not None:
                out.append(draft)
        note_subjects(ctx, memory, tokens)
        for tok in tokens:
            if tok.dep_ == "nsubj" and tok.lower_ in ("resolution", "resolutions"):
                who = resolve(ctx, memory, tok)
                if who is not None:
                    memory.note_body(tok.idx, who)
    return out


def _same(a: Speaker | None, b: Speaker | None) -> bool:
    return a is not None and b is not None and (a.kind, a.name) == (b.kind, b.name)


def _innermost(claims: list[Claim], speakers: dict[int, Speaker | None]) -> list[Claim]:
    """Nested attribution: a cue that heads another cue's content ("the ministry said Blinken
    offered ...", "X said ..., according to Y") relays its words, and only the innermost
    named speaker counts. A cue elsewhere inside what was said is part of it, unless it goes
    on with the same speaker's acts ("stated that A, and strongly condemned B", "said A,
    noting that B"): then what was said stops before it, and it is a statement of its own."""
    dropped: set[int] = set()
    cut: dict[int, int] = {}
    for a in claims:
        for b in claims:
            if a is b or not a.first <= b.hit.head.i <= a.last:
                continue
            relay = a.hit.cue.kind == "source" or (a.root is not None and a.root.i == b.hit.head.i)
            if relay:
                if speakers[b.hit.first.i] is not None:
                    dropped.add(id(a))
                continue
            if b.hit.cue.kind == "noun":
                continue  # "thanked X for his call for ...": another speaker's act, both count
            head = b.hit.head
            own_subject = any(c.dep_ == "nsubj" for c in head.children)
            participle = (
                head.dep_ == "advcl"
                and head.tag_ == "VBG"
                and head.left_edge.i > 0
                and head.doc[head.left_edge.i - 1].text == ","
            )
            goes_on = not own_subject and (
                participle or (head.dep_ == "conj" and _same(speakers[a.hit.first.i], speakers[b.hit.first.i]))
            )
            if goes_on and speakers[a.hit.first.i] is not None:
                speakers[b.hit.first.i] = speakers[a.hit.first.i]
                cut[id(a)] = min(cut.get(id(a), a.last), head.left_edge.i - 1)
            else:
                dropped.add(id(b))
    return [
        dataclasses.replace(c, last=cut[id(c)]) if id(c) in cut else c
        for c in claims
        if id(c) not in dropped
    ]


def _draft(ctx: Context, sent: Span, c: Claim, who: Speaker) -> Draft | None:
    hit = c.hit
    cue_at = hit.first.idx
    bounds = (sent.start_char, sent.end_char)
    if hit.cue.kind == "reproduced":
        span = following_text(ctx, hit.last.idx + len(hit.last.text), sent.end_char)
        if span is None:
            return None
        return Draft(span[0], span[1], who, "direct", hit.text, cue_at, bounds, True)
    cue_end = hit.last.idx + len(hit.last.text)
    after = ctx.quotes.starting_near(cue_end, ctx.text, reach=4)
    if after is not None and (c.first > c.last or c.side != "after"):
        # A quotation right after the cue ("made a plea: “...”", "said: “...”").
        start, end = after.inner(ctx.text)
        return Draft(start, end, who, "direct", hit.text, cue_at, bounds, True)
    if c.first > c.last:
        # "“...,” ⏎ Xi said.": the quotation closing just before the cue's sentence.
        before = ctx.quotes.closing_near(sent.start_char, ctx.text)
        if before is None or hit.first.i - sent.start > 8:
            return None
        start, end = before.inner(ctx.text)
        return Draft(start, end, who, "direct", hit.text, cue_at, bounds, True)
    doc = sent.doc
    start = doc[c.first].idx
    end = doc[c.last].idx + len(doc[c.last].text)
    start, end = _trim(ctx.text, start, end)
    if end <= start or _not_speech(ctx, hit.cue.lemma, start, end):
        return None
    q = _whole_quote(ctx, start, end)
    if q is not None:
        qs, qe = q.inner(ctx.text)
        spans_sentences = qs < bounds[0] or qe > bounds[1]
        return Draft(qs, qe, who, "direct", hit.text, cue_at, bounds, spans_sentences)
    return Draft(start, end, who, "reported", hit.text, cue_at, bounds)


# Cues that launch what they name: proposing an initiative known only by its name is a launch
# event, not a statement (GUIDELINES.md).
LAUNCH_CUES = frozenset({"propose", "put forward", "announce the launch of"})
_DETERMINERS = re.compile(
    r"^(?:(?:the|a|an|its|his|her|their|our|this|major|new|landmark)\s+)*"
    r"(?:(?:establishment|creation|launch|founding|setting[- ]up)\s+of\s+(?:the\s+|an?\s+)?)?",
    re.I,
)


def _not_speech(ctx: Context, lemma: str, start: int, end: int) -> bool:
    """Acts a cue word also names that are not speech: proposing an initiative by name
    ("proposed the Global Civilization Initiative"), welcoming a visitor ("welcomed him")."""
    content = ctx.text[start:end]
    if lemma in LAUNCH_CUES:
        rest = start + _DETERMINERS.match(content).end()  # type: ignore[union-attr]
        named = ctx.named_in(rest, end, ("initiative",))
        initiative = bool(named) and named[0].start == rest
        if initiative or ctx.text[rest:end].lower().startswith("initiative"):
            return True
        if ctx.text[rest : rest + 1].isupper() and rest > start:
            return True  # "the establishment of the International Day for ..."
    if lemma == "welcome":
        first = content.split(maxsplit=1)[0].lower() if content.split() else ""
        people = ctx.named_in(start, end, ("person",))
        return first in ("him", "her", "them") or bool(people and people[0].start == start)
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """No leading "that" or punctuation, no trailing comma or full stop (a closing quotation
    mark stays, with the punctuation before it)."""
    while True:
        while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
            start += 1
        if text[start:end].lower().startswith("that ") and start < end:
            start += 5
            continue
        break
    while True:
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-("):
            end -= 1
        tail = text[max(start, end - 6) : end].lower()
        for word in (" and", " while", " but", " or"):
            if tail.endswith(word):
                end -= len(word)
                break
        else:
            return start, end


def _whole_quote(ctx: Context, start: int, end: int) -> Quote | None:
    """The quotation that holds the whole content when the content is all quoted words: it
    opens the content (and may run on over later sentences), or it closes the content and
    began before it ("“A. B,” X said", where the sentence begins inside the quotation)."""
    q = ctx.quotes.covering(start, end)
    if q is None:
        return None
    if ctx.text[q.open : start].strip(' \t\n“”"«„') == "":
        return q
    at_close = ctx.text[end : q.close].strip(TRAILING + '”"»') == ""
    return q if at_close and start >= q.start else None


def _speech_draft(ctx: Context, drafts: list[Draft], titled: Speaker | None) -> list[Draft]:
    """A speech printed in the body: the title's person, else the last person before it."""
    start = speech_start(ctx)
    if start is None:
        return []
    speaker = titled
    if speaker is None:
        before = [d for d in drafts if d.start < start and d.speaker.kind == "person"]
        speaker = before[-1].speaker if before else None
    if speaker is None:
        return []
    end = ctx.body_end
    while end > start and ctx.text[end - 1].isspace():
        end -= 1
    return [Draft(start, end, speaker, "direct", "statement", start, (start, end), True)]


def _continued_quotes(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """A quotation printed as sentences of its own with no cue, right after a statement in the
    same paragraph: it goes on with that speaker ("He said ... . “It is high time ...”")."""
    out = []
    ordered = sorted(drafts, key=lambda d: d.start)
    for q in ctx.quotes.items:
        qs, qe = q.inner(ctx.text)
        if len(ctx.text[qs:qe].split()) < 4 or any(
            d.start <= qs < d.end or qs <= d.start < qe for d in drafts
        ):
            continue
        line_start, _line_end = ctx.line_span(q.open)
        before = ctx.text[line_start : q.open].rstrip()
        if before and not before.endswith((".", "!", "?")):
            continue  # inside a sentence: a phrase, or a quotation its own cue governs
        if not (q.end >= ctx.body_end or ctx.text[qs : q.end].rstrip().endswith(_SENTENCE_END)):
            continue
        after = ctx.text[q.close : ctx.line_span(q.close)[1]].strip()
        if after and not after.startswith(("“", '"')):
            continue  # the sentence goes on after the quotation: it has a cue of its own
        previous = [
            d for d in ordered if d.end <= q.open and ctx.line_of(d.cue_at) == ctx.line_of(q.open)
        ]
        if not previous:
            continue
        last = previous[-1]
        out.append(
            Draft(qs, qe, last.speaker, "direct", last.cue, last.cue_at, (q.open, q.close), True)
        )
    return out


def _without_inner(drafts: list[Draft]) -> list[Draft]:
    """A cue inside a turn, a reproduced text or a quotation is part of what was said."""
    wholes = [d for d in drafts if d.whole_text]
    keep = []
    for d in drafts:
        if d.whole_text:
            size = d.end - d.start
            inside = any(
                w is not d and w.start <= d.start and d.end <= w.end and w.end - w.start > size
                for w in wholes
            )
        else:
            inside = any(w.start <= d.cue_at < w.end for w in wholes)
        if not inside:
            keep.append(d)
    return keep


def _on_pointer_or_headline(ctx: Context, d: Draft) -> bool:
    """Headlines, teasers and "Also read:" lines are not statements."""
    line_start, line_end = ctx.line_span(d.cue_at)
    line = ctx.text[line_start:line_end].strip()
    if _POINTER.match(line):
        return True
    if d.whole_text or line_end >= ctx.body_end - 1:
        return False
    return len(line.split()) <= _HEADLINE_WORDS and not line.endswith(_SENTENCE_END)
