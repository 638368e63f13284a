"""Decode stage: raw bytes -> Unicode article text plus the metadata the container states.

Steps, in this order because each one relies on the previous:

1. reject empty input and known binary formats (by magic number);
2. find the encoding: byte-order marks, UTF-16/32 without BOM (NULs at alternate
   positions, checked before "a NUL means binary"), strict UTF-8, then a guess;
3. repair mojibake with ftfy, configured to stay faithful (curly quotes, ligatures and
   full-width characters are left alone: they are what the author wrote);
4. normalise line endings to ``\\n`` and drop control characters other than ``\\n``/``\\t``;
5. per kind: HTML is reduced to its main text (trafilatura, with a plain fallback) and its
   ``<meta>`` data; a JSON record gives ``text`` and metadata fields; plain text stays.

Everything that makes an input unusable raises :class:`RejectedInput` with a one-line
reason; no other exception is meant to escape (a property test checks this on random
bytes).
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from types import ModuleType
from typing import Any

import ftfy

from etl.article import DecodedArticle, RawInput, SourceMeta
from etl.errors import ExtractorUnavailable, RejectedInput
from etl.ingest.dates import format_date, parse_date
from etl.ingest.discover import STDIN_SOURCE
from etl.ingest.encoding import bytes_to_text
from etl.ingest.outlets import known_outlet, linked_outlet, outlet_for_domain, outlet_for_url
from etl.ingest.published import extractor_date
from etl.ingest.records import URL_KEYS
from etl.ingest.sidecar import sidecar_fields, split_front_matter, stated_meta
from etl.ingest.titles import strip_site_suffix, title_record_date

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------- text repair

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" in a plain-text article is what the file says
    uncurl_quotes=False,  # keep typographic quotes: faithful text, and quotes carry meaning
    fix_latin_ligatures=False,
    fix_character_width=False,  # full-width CJK punctuation is legitimate
    normalization="NFC",
    explain=False,
)
_FTFY_CONFIG_JSON = _FTFY_CONFIG._replace(unescape_html="auto")  # scraped JSON often has &amp;

# Control characters other than \t and \n: vertical tab and form feed become line
# breaks (page breaks in old text files), the rest is dropped.
_CONTROL_TABLE: dict[int, str | None] = {
    c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A)
}
_CONTROL_TABLE.update({0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x85: "\n", 0x2028: "\n"})
_CONTROL_TABLE.update({0x2029: "\n\n", 0xFEFF: None})


# ------------------------------------------------------------------------ entry point


def decode(raw: RawInput) -> DecodedArticle:
    """Decode one raw input into article text and stated metadata.

    Raises:
        RejectedInput: empty, binary, undecodable, or (JSON) not an article record.
    """
    data = raw.data
    if not data.strip():
        raise RejectedInput("empty input")
    kind = raw.kind
    text = bytes_to_text(data, html=kind == "html")
    if kind == "text" and raw.source == STDIN_SOURCE:
        kind = _sniff(text)
    if kind == "html":
        body, meta = _decode_html(text)
    elif kind == "json":
        body, meta = _decode_json(text)
    else:
        front, text = split_front_matter(text.lstrip("\ufeff"))
        body, meta = clean_text(text), stated_meta(front, SourceMeta())
        if raw.source.lower().endswith(".md"):
            body = markdown_to_text(body)
    if raw.sidecar is not None:
        meta = stated_meta(sidecar_fields(raw.sidecar), meta)
    if not body.strip():
        raise RejectedInput("empty input" if kind == "text" else "no article text found")
    return DecodedArticle(raw.source, raw.content_sha256, body, meta, record=raw.record)


# -------------------------------------------------------------------------- bytes


# --------------------------------------------------------------------------- clean


def clean_text(text: str, *, json_field: bool = False) -> str:
    """Repair mojibake, normalise line breaks, drop control characters, trim the ends."""
    text = text.replace("\r\n", "\n")
    try:
        text = ftfy.fix_text(text, _FTFY_CONFIG_JSON if json_field else _FTFY_CONFIG)
    except Exception:  # ftfy bug on odd input: keep the unrepaired text rather than reject
        log.debug("ftfy failed", exc_info=True)
    return text.translate(_CONTROL_TABLE).strip()


def _clean_field(value: str | None) -> str | None:
    """A one-line metadata value: repaired, whitespace collapsed, empty -> None."""
    if value is None:
        return None
    value = " ".join(clean_text(value, json_field=True).split())
    return value or None


# ------------------------------------------------------------------------ Markdown

_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*$\n?", re.M), ""),  # code fences (their content stays)
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^ {0,3}(?:> ?)+", re.M), ""),  # blockquote markers
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), ""),  # images
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # inline links -> their text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),  # _em_
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)


def markdown_to_text(text: str) -> str:
    """Remove the Markdown markup that would disturb sentence and dateline detection.

    Conservative on purpose: headings lose their ``#``, emphasis and links keep their
    words, images and rules go; list markers and everything else stay as written.
    """
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --------------------------------------------------------------------------- sniff

_HTML_HINT = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|title|meta|br|span|table)\b",
    re.I,
)


def _sniff(text: str) -> str:
    """Kind of an unlabelled input (stdin): "html", "json" or "text"."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<") and _HTML_HINT.search(head[:4096]):
        return "html"
    if head[:1] in ("{", "["):
        try:
            json.loads(head)
        except (ValueError, RecursionError):
            return "text"
        return "json"
    return "text"


# ---------------------------------------------------------------------------- JSON

_TEXT_KEYS = ("text", "body")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = URL_KEYS  # what names a record's address also identifies it
_PUBLISHED_KEYS = (
    "published",
    "published_at",
    "publish_date",
    "published_date",
    "publication_date",
    "datePublished",
    "pubdate",
    "date",
)
_OUTLET_KEYS = ("outlet", "source", "site", "site_name", "sitename", "publisher")
_AUTHOR_KEYS = ("author", "byline", "authors", "creator")


def _decode_json(text: str) -> tuple[str, SourceMeta]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RejectedInput(f"invalid JSON: {exc.msg} (line {exc.lineno})") from None
    except RecursionError:
        raise RejectedInput("invalid JSON: nested too deeply") from None
    if isinstance(record, list) and len(record) == 1:
        record = record[0]
    if not isinstance(record, dict):
        raise RejectedInput(f"JSON record is not an object (got {_json_type(record)})")
    body = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body is None or not body.strip():
        raise RejectedInput("JSON record has no 'text' field")
    body = clean_text(body, json_field=True)
    if not body:
        raise RejectedInput("JSON record has no 'text' field")
    meta = SourceMeta(
        title=_clean_field(_pick(record, _TITLE_KEYS)),
        url=_clean_field(_pick(record, _URL_KEYS)),
        published=_clean_field(_pick(record, _PUBLISHED_KEYS)),
        outlet=_clean_field(_pick(record, _OUTLET_KEYS)),
        author=_clean_field(_pick(record, _AUTHOR_KEYS)),
    )
    return body, meta


def _pick(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """First usable string among synonyms; ``{"name": ...}`` objects and lists of names too.

    Numbers are ignored on purpose: an epoch timestamp read as a date string would mislead
    the date resolver more than a missing date does.
    """
    for key in keys:
        value = _as_name(record.get(key))
        if value:
            return value
    return None


def _as_name(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, Mapping):
        return _as_name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_as_name(v) for v in value if not isinstance(v, list)) if n]
        return ", ".join(names) if names else None
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


# ---------------------------------------------------------------------------- HTML


def _decode_html(html: str) -> tuple[str, SourceMeta]:
    scan = _scan_html(html)
    extracted = _trafilatura(html)
    body = ""
    if extracted is not None and (extracted.get("text") or "").strip():
        body = extracted["text"]
    if not body.strip():
        body = scan.fallback_text()
    ex = extracted or {}
    site = _clean_field(scan.meta_first("og:site_name", "application-name") or ex.get("sitename"))
    url = _clean_field(scan.canonical or scan.meta_first("og:url", "twitter:url") or ex.get("url"))
    title, title_date = _headline(scan, ex.get("title"), site)
    meta = SourceMeta(
        title=title,
        url=url,
        published=_clean_field(
            scan.meta_first(
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
            )
            or scan.time_datetime
            or title_date
            # The extractor's date is a guess from the page text when the markup states none;
            # a transcript's title ("... Press Conference on March 24, 2020") knows better.
            or _record_date(title)
            or extractor_date(ex.get("date"), html)
        ),
        outlet=_outlet(site, url),
        author=_clean_field(_author(scan) or ex.get("author")),
        linked_outlet=linked_outlet(scan.link_urls),
    )
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", clean_text(body))]
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    # The headline is metadata; the extractor often repeats it as the first line.
    if title and paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs), meta


@functools.cache
def html_extractor() -> ModuleType:
    """The trafilatura module, or ExtractorUnavailable: without it HTML would be reduced to a
    page dump (menus, cookie notices, edition lists), so a broken install must stop the run
    rather than quietly store worse documents."""
    try:
        import trafilatura
    except Exception as exc:  # ImportError, or lxml's own error about html_clean
        raise ExtractorUnavailable(
            f"the HTML extractor (trafilatura) cannot be loaded: {_first_line(exc)};"
            " reinstall diplo with `pip install -e .`"
        ) from exc
    return trafilatura


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _trafilatura(html: str) -> dict[str, Any] | None:
    """Main text and metadata by trafilatura, or None if it finds nothing or fails.

    Any exception while extracting (malformed markup, deep nesting -> RecursionError,
    extractor bugs) means "no extraction": the caller falls back to a plain rendering of the
    body. A trafilatura that cannot be imported is not such a case (see html_extractor).
    """
    trafilatura = html_extractor()
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            deduplicate=False,
        )
    except (Exception, RecursionError):
        log.debug("trafilatura failed", exc_info=True)
        return None
    if doc is None:
        return None
    # trafilatura 2 returns a Document (with .as_dict()); 1.x returned a dict.
    if not isinstance(doc, dict):
        doc = {
            k: getattr(doc, k, None) for k in ("text", "title", "date", "author", "sitename", "url")
        }
    return {k: v for k, v in doc.items() if isinstance(v, str)}


def _headline(
    scan: _HtmlScan, extracted_title: str | None, site: str | None
) -> tuple[str | None, str | None]:
    """The article headline (og:title, else the extractor's title, else <h1>/<title>) without
    the site's name or date after it, and that date ("... | DW | 19.01.2020")."""
    h1 = _clean_field(scan.h1)
    for candidate in (
        scan.meta_first("og:title", "twitter:title", "headline"),
        extracted_title,
        h1,
        scan.title,
    ):
        title = _clean_field(candidate)
        if title:
            headline, date = strip_site_suffix(title, site, h1)
            return headline, (format_date(*date) if date else None)
    return None, None


def _record_date(title: str | None) -> str | None:
    found = title_record_date(title) if title else None
    return format_date(*found) if found else None


def _outlet(site: str | None, url: str | None) -> str | None:
    """The outlet's name: the site name when it is a known outlet or domain ("DW.COM"), else
    the owner of the page's domain ("in.reuters.com"), else the site name as the page gives it.
    """
    if site and (known_outlet(site) or outlet_for_domain(site)):
        return known_outlet(site) or outlet_for_domain(site)
    return (outlet_for_url(url) if url else None) or site


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _author(scan: _HtmlScan) -> str | None:
    for value in scan.meta_all("author", "article:author", "byl", "dc.creator", "parsely-author"):
        # article:author is often a profile URL, which is not a name.
        if not value.lower().startswith(("http://", "https://", "www.")):
            return re.sub(r"^\s*by\s+", "", value, flags=re.I)
    return None


def _scan_html(html: str) -> _HtmlScan:
    scan = _HtmlScan()
    try:
        scan.feed(html)
        scan.close()
    except Exception:  # html.parser is forgiving, but keep whatever was collected
        log.debug("html.parser failed", exc_info=True)
    return scan


_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "nav",
        "footer",
        "header",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "object",
        "figure",
    }
)
#: Never text, even as a last resort (head holds the <title>, collected separately).
_HARD_SKIP_TAGS = frozenset({"script", "style", "head", "template", "noscript", "svg"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "dd",
        "dt",
        "hr",
        "body",
        "html",
    }
)
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _HtmlScan(HTMLParser):
    """One flat pass over the markup: <meta> data, <title>, first <h1>, and body text.

    html.parser keeps no tree and never recurses, so malformed or absurdly nested
    markup costs time linear in its size. The body text is the fallback for pages where
    the extractor finds no main text (small hand-written files, broken pages).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.link_urls: list[str] = []
        self.time_datetime: str | None = None
        self._time_parts: list[str] = []  # inside a <time> whose own value did not parse
        self.title: str | None = None
        self.h1: str | None = None
        self._skip_stack: list[str] = []
        self._in_title = False
        self._in_h1 = False
        self._title_parts: list[str] = []
        self._h1_parts: list[str] = []
        self._parts: list[str] = []
        # Everything outside script/style/head: used when skipping boilerplate tags
        # (perhaps never closed in broken markup) leaves nothing.
        self._lenient_parts: list[str] = []
        self._hard_skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, []).append(a["content"])
            return
        if tag == "a" and a.get("href", "").strip().lower().startswith(("http://", "https://")):
            self.link_urls.append(a["href"].strip())
        if tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"]
            return
        # A later "updated" stamp is not the publication; a broken machine-readable value
        # ("2014-00-29") leaves the date printed inside the element.
        stamp = {"updated", "modified"} & set(a.get("class", "").lower().split())
        if tag == "time" and self.time_datetime is None and not self._time_parts and not stamp:
            if parse_date(a.get("datetime", "").strip()):
                self.time_datetime = a["datetime"]
            else:
                self._time_parts = [""]
        if tag == "title" and self.title is None:
            self._in_title = True
        elif tag == "h1" and self.h1 is None:
            self._in_h1 = True
        if tag == "body":
            # <body> implicitly ends <head>, which broken pages often never close.
            self._skip_stack = [t for t in self._skip_stack if t != "head"]
            self._hard_skip = sum(1 for t in self._skip_stack if t in _HARD_SKIP_TAGS)
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._newline()
            return
        if tag in _SKIP_TAGS:
            self._skip_stack.append(tag)
            if tag in _HARD_SKIP_TAGS:
                self._hard_skip += 1
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "time" and self._time_parts and self.time_datetime is None:
            text = " ".join("".join(self._time_parts).split())
            self.time_datetime = text if parse_date(text) else None
            self._time_parts = []
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1 = " ".join("".join(self._h1_parts).split()) or None
        if tag in self._skip_stack:
            # Pop up to the matching opener; unclosed inner skip tags close with it.
            while self._skip_stack and self._skip_stack.pop() != tag:
                pass
            self._hard_skip = sum(1 for t in self._skip_stack if t in _HARD_SKIP_TAGS)
        elif tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._time_parts:
            self._time_parts.append(data)
        if self._in_title:
            self._title_parts.append(data)
        if self._in_h1:
            self._h1_parts.append(data)
        if not self._skip_stack:
            self._parts.append(data)
        if not self._hard_skip:
            self._lenient_parts.append(data)

    def _newline(self) -> None:
        self._parts.append("\n")
        self._lenient_parts.append("\n")

    def meta_all(self, *keys: str) -> list[str]:
        return [v.strip() for k in keys for v in self.meta.get(k, []) if v.strip()]

    def meta_first(self, *keys: str) -> str | None:
        values = self.meta_all(*keys)
        return values[0] if values else None

    def fallback_text(self) -> str:
        """Body text with one paragraph per block element, boilerplate tags skipped if possible."""
        for parts in (self._parts, self._lenient_parts):
            lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
            text = "\n".join(line for line in lines if line)
            if text:
                return text
        return ""
