"""Lines, paragraphs and sentences, with character offsets into the body.

Later stages attach evidence to sentence offsets, so the one invariant that matters most is
that every span lies inside the body and ``body[start:end]`` is the sentence without
surrounding whitespace. The splitter is rule-based: news prose is full of abbreviations
("U.S.", "H.E. Mr.", "Jan. 9", "E.A.M. Jaishankar") that a bare "split on period" breaks.
"""

from __future__ import annotations

import re

from etl.article import Sentence, Span

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_SENTENCE_END = ".!?…"


def normalise_line(line: str) -> str:
    """One line with its whitespace runs collapsed to single spaces and no edge spaces."""
    # str.split() treats no-break, thin and ideographic spaces as whitespace too.
    return " ".join(_INVISIBLE.sub("", line).split())


def text_lines(text: str) -> list[str]:
    """The non-empty lines of ``text``, whitespace-normalised, hard-wrapped lines re-joined.

    When a text separates paragraphs with blank lines, a line break inside a block followed by
    a lowercase word is a wrap inside a sentence, not a paragraph break; when it separates them
    with single newlines, every line is a paragraph.
    """
    raw = _NEWLINES.sub("\n", text).split("\n")
    lines = [normalise_line(line) for line in raw]
    uses_blank_lines = any(not line for line in lines) and sum(1 for ln in lines if ln) > 1
    result: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if (
            uses_blank_lines
            and not previous_blank
            and result
            and line[0].islower()
            and result[-1][-1] not in _SENTENCE_END
        ):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
        previous_blank = False
    return result


def paragraph_spans(body: str) -> list[Span]:
    """Each non-blank line of ``body`` is a paragraph; spans exclude edge whitespace."""
    spans: list[Span] = []
    for match in re.finditer(r"[^\n]+", body):
        text = match.group()
        stripped = text.strip()
        if stripped:
            start = match.start() + (len(text) - len(text.lstrip()))
            spans.append(Span(start, start + len(stripped)))
    return spans


# Titles and abbreviations after which a period never ends a sentence.
_NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs dr prof st sen rep gov gen col lt maj capt cmdr adm sgt brig amb hon rev
    pres vs v no nos art fig vol pp mt ft sr jr
    """.split()  # noqa: SIM905 - word lists read best as prose
)
# Abbreviations that can end a sentence: split after them only before a typical sentence opener.
_SOFT_FINAL = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp etc approx dept univ govt
    ave rd blvd e.g i.e
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_OPENERS = frozenset(
    """
    the a an he she it they we i you this that these those his her its their our there here
    in on at but and or so yet however meanwhile also according for if when while as after
    before during since both some many most all no one two three other such
    """.split()  # noqa: SIM905 - word lists read best as prose
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s+[\"'“‘(\[«]*[A-Z0-9\u00C0-\u024F])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[«]*([\w]+)")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Decide whether the punctuation run in ``match`` ends a sentence."""
    punct = match.group()
    if punct[0] != ".":
        return True  # ! ? … before a capital
    # A bounded look-back: searching from the start of the paragraph made long ones quadratic.
    before = _WORD_BEFORE.search(text, max(0, match.start() - 64), match.start())
    if before is None:
        return True
    token = before.group(1).lower()
    core = token.rstrip(".")
    next_match = _NEXT_WORD.match(text, match.end())
    next_word = next_match.group(1) if next_match else ""
    opener = next_word.lower() in _OPENERS
    if "." in core or _DOTTED.match(core + "."):
        # U.S., H.E., E.A.M., a.m.: an acronym, usually mid-sentence.
        return opener
    if core in _NEVER_FINAL:
        return False
    if len(core) == 1 and core.isalpha():
        return opener and core != "i"  # an initial ("Xi J. Ping"), rarely a sentence end
    if core in _SOFT_FINAL:
        return opener
    return True


def sentence_spans(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans within one paragraph ``text``, shifted by ``offset``."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _is_boundary(text, match):
            continue
        _add_span(text, start, match.end(), offset, spans)
        start = match.end()
    _add_span(text, start, len(text), offset, spans)
    return spans


def _add_span(text: str, start: int, end: int, offset: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(offset + start + lead, offset + start + lead + len(stripped)))


def segment(body: str) -> tuple[tuple[Span, ...], tuple[Sentence, ...]]:
    """Paragraph spans and sentences (with their paragraph index) of ``body``."""
    paragraphs = paragraph_spans(body)
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(paragraphs):
        for span in sentence_spans(body[paragraph.start : paragraph.end], paragraph.start):
            sentences.append(Sentence(span.start, span.end, index))
    return tuple(paragraphs), tuple(sentences)
