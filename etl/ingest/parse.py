"""The parse stage: DecodedArticle -> ParsedDocument.

It composes the small pieces: lines (``etl.ingest.segment``), header fields (``etl.ingest.metadata``),
boilerplate removal (``etl.ingest.boilerplate``), language check (``etl.ingest.language``) and segmentation.
Metadata the container states explicitly (JSON fields, HTML <meta>) wins over what the text
implies, because it was written by the publisher for exactly that purpose.
"""

from __future__ import annotations

import os

from etl.article import DecodedArticle, ParsedDocument, SourceMeta
from etl.errors import RejectedInput
from etl.ingest.boilerplate import classify_line, is_list_heading, is_list_label
from etl.ingest.bylines import clean_author
from etl.ingest.dates import parse_date
from etl.ingest.language import UNDETERMINED, detect_language
from etl.ingest.metadata import Header, split_header
from etl.ingest.outlets import canonical_outlet, outlet_for_url
from etl.ingest.segment import normalise_line, segment, text_lines
from etl.ingest.titles import title_record_date

# Stored on every document as parser_version. Bump it when decoding or parsing changes what
# a file becomes (body, metadata, sentences): the next load re-reads documents of older ones.
PARSER_VERSION = "parse-3"  # 3: outlets from addresses, front matter and sidecars (issue 19)

# Longer than any news article (about 25,000 words), short enough that the model's time and
# memory stay bounded; DIPLO_MAX_CHARS raises it for unusual corpora.
MAX_BODY_CHARS = int(os.environ.get("DIPLO_MAX_CHARS") or 150_000)

PARAGRAPH_SEPARATOR = "\n\n"


def split_body(lines: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs and photo captions among ``lines``; other boilerplate is dropped."""
    body: list[str] = []
    captions: list[str] = []
    in_list = False  # under a heading of other stories, until a line of prose
    for line in lines:
        if is_list_heading(line):
            in_list = True
        elif in_list and is_list_label(line):
            continue
        else:
            in_list = False
        kind = classify_line(line)
        if kind == "body":
            body.append(line)
        elif kind == "caption":
            captions.append(line)
    return body, captions


def _merge_meta(header: Header, meta: SourceMeta) -> Header:
    """Container metadata overrides the header read from the text, field by field."""

    def given(value: str | None) -> str | None:
        cleaned = normalise_line(value) if value else ""
        return cleaned or None

    published = header.published
    if meta.published:
        published = parse_date(meta.published.strip()) or published
    title = given(meta.title) or header.title
    if published is None and title:
        # An undated transcript or briefing dated by its title: "... Press Conference on <date>".
        published = title_record_date(title)
    given_outlet = given(meta.outlet)
    outlet = canonical_outlet(given_outlet) if given_outlet else header.outlet
    if outlet is None:
        # A record's address names its publisher (state.gov); a credit in the text still wins,
        # since a ministry's site reposts agency copy.
        outlet = (outlet_for_url(meta.url) if meta.url else None) or meta.linked_outlet
    return Header(
        title=title,
        published=published,
        outlet=outlet,
        author=clean_author(given(meta.author), outlet) or clean_author(header.author, outlet),
        dateline=header.dateline,
        dateline_date=header.dateline_date,
    )


def parse(article: DecodedArticle) -> ParsedDocument:
    """Clean, describe and segment one article, or raise RejectedInput saying why it cannot be.

    Raises RejectedInput when no body text is left after removing the header and boilerplate,
    and when the body is not English.
    """
    header, rest = split_header(text_lines(article.text))
    paragraphs_text, captions = split_body(rest)
    body = PARAGRAPH_SEPARATOR.join(paragraphs_text)
    if not body.strip():
        # The boilerplate rules read English lines: a page in another language loses every
        # line to them, and its language is the reason a user can act on.
        language = detect_language(article.text)
        if language not in ("en", UNDETERMINED) and article.meta.language is None:
            raise RejectedInput(f"not English (detected: {language})")
        raise RejectedInput("no article text after removing boilerplate")
    if len(body) > MAX_BODY_CHARS:
        raise RejectedInput(
            f"article too long to extract: {len(body):,} characters (limit {MAX_BODY_CHARS:,},"
            " set DIPLO_MAX_CHARS to raise it)"
        )
    stated = (article.meta.language or "").strip().lower() or None
    if stated is not None and stated.split("-")[0] not in ("en", "eng", "english"):
        raise RejectedInput(f"not English (stated: {stated})")
    # A language the user states is taken as said: short or formulaic texts fool detection.
    language = "en" if stated else detect_language(body)
    if language != "en":
        raise RejectedInput(f"not English (detected: {language})")

    header = _merge_meta(header, article.meta)
    paragraphs, sentences = segment(body)
    published_on, precision = header.published or (None, None)
    return ParsedDocument(
        source=article.source,
        content_sha256=article.content_sha256,
        title=header.title,
        published_on=published_on,
        published_precision=precision,
        outlet=header.outlet,
        author=header.author,
        dateline=header.dateline,
        dateline_date=header.dateline_date,
        language=language,
        body=body,
        paragraphs=paragraphs,
        sentences=sentences,
        captions=tuple(captions),
        url=(article.meta.url or "").strip() or None,
        record=article.record,
    )
