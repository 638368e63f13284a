"""The entry point, ``find_statements``: transcript turns and reproduced texts first, then each
sentence's cues with their speakers and contents, nested attribution resolved to the innermost
speaker, uncued quotations that go on with the last speaker, and the dates and named countries
and initiatives of each."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from etl.article import DatePrecision
from etl.extract.events.context import document_anchor
from etl.extract.speech_cues import cues_at, norm
from etl.extract.statements.clauses import Claim, claim, find_hits, is_list_participle
from etl.extract.statements.context import Context, build_context
from etl.extract.statements.dating import Calendar, Dated
from etl.extract.statements.drafts import Draft, drafts_of
from etl.extract.statements.nesting import innermost
from etl.extract.statements.speakers import Memory, Speaker, named_speaker, note_subjects, resolve
from etl.extract.statements.transcripts import Turn, find_turns, speech_start, title_person
from etl.facts import Entity, Event, Statement

if TYPE_CHECKING:
    from spacy.tokens import Span

# Lines that point elsewhere: what they say is another page's headline.
_POINTER = re.compile(r"^\s*(?:also read|read more|read also|read|related|see also)\b", re.I)
_HEADLINE_WORDS = 25
_SENTENCE_END = tuple('.!?"”’:;…)')


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
    calendar = Calendar.of(text, events, anchor, anchor_precision)
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
    drafts += _glued_quotes(ctx, drafts, questions)
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
        hits = [h for h in find_hits(sent) if not is_list_participle(h.head)]
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

        for c in innermost(claims, speakers, ctx.quotes, _gives_words(ctx, sent, speakers)):
            who = speakers[c.hit.first.i]
            if who is None:
                continue
            out.extend(drafts_of(ctx, sent, c, who))
        note_subjects(ctx, memory, tokens)
        for tok in tokens:
            if tok.dep_ == "nsubj" and tok.lower_ in ("resolution", "resolutions"):
                who = resolve(ctx, memory, tok)
                if who is not None:
                    memory.note_body(tok.idx, who)
    return out


def _gives_words(
    ctx: Context, sent: Span, speakers: dict[int, Speaker | None]
) -> Callable[[Claim], bool]:
    """Whether a claim gives a statement: a launch or an empty cue relays nothing."""

    def gives(c: Claim) -> bool:
        who = speakers[c.hit.first.i]
        return who is not None and bool(drafts_of(ctx, sent, c, who))

    return gives


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


_GLUED_CUE = re.compile(r"(?P<cue>[^\W\d_]+)[,:]?$")


def _glued_quotes(
    ctx: Context, drafts: list[Draft], questions: list[tuple[int, int]]
) -> list[Draft]:
    """ "Modi said,“History has been made ...”": a quotation glued to its cue, which the
    tokenizer then reads as one word with the quotation's first word, so the parse has no
    verb of saying; the name right before the cue speaks."""
    out = []
    for q in ctx.quotes.items:
        qs, qe = q.inner(ctx.text)
        if qe - qs < 20 or any(d.start <= qs < d.end or qs <= d.start < qe for d in drafts):
            continue
        if _in_any(q.open, questions):
            continue
        m = _GLUED_CUE.search(ctx.text, max(0, q.open - 20), q.open)
        if m is None or not _one_word_cue(m["cue"]):
            continue
        before = ctx.text[: m.start()]
        name_end = len(before.rstrip(" \t"))
        if name_end == len(before):
            continue
        named = [n for n in ctx.named_in(max(0, name_end - 80), name_end) if n.end == name_end]
        who = named_speaker(named[-1], ctx.text[named[-1].start : name_end]) if named else None
        if who is None:
            continue
        line = ctx.line_span(q.open)
        out.append(Draft(qs, qe, who, "direct", m["cue"], m.start(), line, qe > line[1]))
    return out


def _one_word_cue(word: str) -> bool:
    return any(c.kind == "clause" and len(c.words) == 1 for c in cues_at([norm(word)], 0))


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
