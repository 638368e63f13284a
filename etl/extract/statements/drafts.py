"""A claim made into a draft statement: its content's character span trimmed ("that" and
trailing punctuation dropped), its mode (``direct`` when the whole content is quoted words,
taken whole even where the quotation runs over several sentences), and the cue words that
name acts other than speech (proposing an initiative by name, welcoming a visitor)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.extract.statements.clauses import Claim
from etl.extract.statements.context import Context
from etl.extract.statements.dating import Dated
from etl.extract.statements.quotes import TRAILING, Quote
from etl.extract.statements.speakers import Speaker
from etl.extract.statements.transcripts import following_text
from etl.facts import StatementMode

if TYPE_CHECKING:
    from spacy.tokens import Span


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


def drafts_of(ctx: Context, sent: Span, c: Claim, who: Speaker) -> list[Draft]:
    """The statements a claim makes: its content, or the quotation its cue introduces or
    closes; a quotation split around its cue ("“A,” X said, “B.”") gives both parts, since a
    content is one verbatim span without the cue."""
    hit = c.hit
    cue_at = hit.first.idx
    bounds = (sent.start_char, sent.end_char)
    cue_end = hit.last.idx + len(hit.last.text)

    def quoted(q: Quote, whole: bool = True) -> Draft:
        start, end = q.inner(ctx.text)
        return Draft(start, end, who, "direct", hit.text, cue_at, bounds, whole)

    if hit.cue.kind == "reproduced":
        span = following_text(ctx, cue_end, sent.end_char)
        if span is None:
            return []
        return [Draft(span[0], span[1], who, "direct", hit.text, cue_at, bounds, True)]
    doc = sent.doc
    after = ctx.quotes.starting_near(cue_end, ctx.text, reach=4)
    colon = ctx.text.find(":", cue_end, min(bounds[1], cue_end + 40))
    content_start = doc[c.first].idx if c.first <= c.last else bounds[1]
    if after is None and colon >= 0 and c.side == "after" and content_start > colon:
        # "saying after the vote: “...”"
        after = ctx.quotes.starting_near(colon + 1, ctx.text, reach=3)
        if after is not None:
            return [quoted(after)]
    if c.first > c.last:
        if after is not None:  # "made a plea: “...”", "said: “...”"
            return [quoted(after)]
        # "“...,” ⏎ Xi said.": the quotation closing just before the cue's sentence.
        before = ctx.quotes.closing_near(sent.start_char, ctx.text)
        if before is None or hit.first.i - sent.start > 8:
            return []
        return [quoted(before)]
    main = _from_content(ctx, c, who, doc[c.first].idx, doc[c.last].idx + len(doc[c.last].text))
    if c.also is not None and main is not None and main.mode == "direct":
        a, b = c.also
        first = _from_content(ctx, c, who, doc[a].idx, doc[b].idx + len(doc[b].text))
        if first is not None and first.mode == "direct":
            return [first, main]
    if after is not None and c.side != "after":
        follow = quoted(after)
        if main is not None and main.mode == "direct":
            return [main, follow]
        return [follow]
    return [main] if main is not None else []


def _from_content(ctx: Context, c: Claim, who: Speaker, start: int, end: int) -> Draft | None:
    hit = c.hit
    sent = hit.first.sent
    bounds = (sent.start_char, sent.end_char)
    start, end = _trim(ctx.text, start, end)
    if end <= start or _not_speech(ctx, hit.cue.lemma, start, end):
        return None
    q = _whole_quote(ctx, start, end)
    if q is not None:
        qs, qe = q.inner(ctx.text)
        spans_sentences = qs < bounds[0] or qe > bounds[1]
        return Draft(qs, qe, who, "direct", hit.text, hit.first.idx, bounds, spans_sentences)
    return Draft(start, end, who, "reported", hit.text, hit.first.idx, bounds)


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
