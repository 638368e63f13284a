"""The typed objects that flow through the pipeline: read -> decode -> parse -> load.

Each stage takes the previous stage's object and returns the next one; none of them
knows about the database or the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

InputKind = Literal["text", "html", "json"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one would-be document, as found by the reader and not yet decoded.

    ``source`` is the path or URI given at load time; a record of a JSON Lines file is
    ``path#L<line>`` (where users find it now). ``record`` is what identifies a record within
    its file wherever it sits (``etl.ingest.records``); None for a file that is one document.
    ``content_sha256`` is the hex digest of ``data`` and identifies the document: an input
    whose hash is already stored is skipped before it is decoded.
    """

    source: str
    data: bytes
    content_sha256: str
    kind: InputKind
    record: str | None = None
    sidecar: bytes | None = None  # the file's ``.meta.json`` (etl.ingest.sidecar), if any


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """Metadata the container states explicitly (JSON fields, HTML <meta> tags).

    It wins over what the parser infers from the text. ``published`` is kept as given;
    the date resolver interprets it.
    """

    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    # The known outlet most of a saved page's own links point to: a fallback after the text's
    # own credit, for pages whose markup names no site or address (a ministry's saved page).
    linked_outlet: str | None = None
    language: str | None = None  # as stated by the user (sidecar, front matter)


@dataclass(frozen=True, slots=True)
class DecodedArticle:
    """Unicode text of one article (encoding detected, mojibake repaired, HTML reduced to text)."""

    source: str
    content_sha256: str
    text: str
    meta: SourceMeta = field(default_factory=SourceMeta)
    record: str | None = None  # as in RawInput


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) in a document body."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index into ParsedDocument.paragraphs


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A clean document: metadata, boilerplate-free body, and its segmentation.

    ``body[s.start:s.end]`` is the text of sentence ``s``; later stages attach evidence
    to these offsets, so they must always lie inside the body.
    """

    source: str
    content_sha256: str
    title: str | None
    published_on: dt.date | None
    published_precision: DatePrecision | None
    outlet: str | None
    author: str | None
    dateline: str | None
    language: str
    body: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    captions: tuple[str, ...] = ()
    url: str | None = None
    # The date the dateline prints ("Oct. 27" in "BEIJING, Oct. 27 (Xinhua) --"): the day the
    # story's "today" and "on Tuesday" count from, which may precede the publication date.
    dateline_date: str | None = None
    record: str | None = None  # the record's identity within its file, as in RawInput

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that cannot become a document, with a one-line reason for the user."""

    source: str
    reason: str
    content_sha256: str | None = None
    # False for an argument that named nothing to load (a glob that matched nothing, an empty
    # directory): that is the state of the disk, not a broken input, so every run says so
    # (a cron line whose pattern stopped matching must not turn silent after one run).
    remember: bool = field(default=True, compare=False)
