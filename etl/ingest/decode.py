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

import codecs
import functools
import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from html.parser import HTMLParser
from types import ModuleType
from typing import Any

import ftfy

# Importing ftfy.bad_codecs registers the "sloppy-windows-1252" codec used below.
import ftfy.bad_codecs

from etl.article import DecodedArticle, RawInput, SourceMeta
from etl.errors import ExtractorUnavailable, RejectedInput
from etl.ingest.discover import STDIN_SOURCE

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- binary

#: (magic prefix, offset, description). Only formats whose signature cannot plausibly
#: start an English text; ASCII-looking ones carry enough bytes to be unambiguous.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"WEBP", 8, "WebP image"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"PK\x03\x04", 0, "ZIP archive"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"PK\x07\x08", 0, "ZIP archive"),
    (b"%PDF-", 0, "PDF document"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", 0, "Zstandard archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "MS Office document"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"\xca\xfe\xba\xbe", 0, "Java class or Mach-O binary"),
    (b"\x00asm", 0, "WebAssembly module"),
    (b"ftyp", 4, "MP4/QuickTime media"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"\x1aE\xdf\xa3", 0, "Matroska/WebM media"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_ID3 = re.compile(rb"ID3[\x02-\x04]\x00")

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte encodings of Latin script that charset-normalizer confuses on short
#: inputs (it calls most Western text "cp1250", turning "è" into "č"). For an English
#: news corpus Windows-1252 is by far the likeliest of them, so it is used instead.
_LATIN_FAMILY = frozenset(
    {
        "ascii",
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",
        "cp437",
        "cp850",
        "cp858",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_latin2",
        "mac_roman",
        "mac_iceland",
        "mac_turkish",
    }
)

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

_MAX_CONTROL_RATIO = 0.05

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
        body, meta = clean_text(text), SourceMeta()
        if raw.source.lower().endswith(".md"):
            body = markdown_to_text(body)
    if not body.strip():
        raise RejectedInput("empty input" if kind == "text" else "no article text found")
    return DecodedArticle(raw.source, raw.content_sha256, body, meta)


# -------------------------------------------------------------------------- bytes


def bytes_to_text(data: bytes, *, html: bool = False) -> str:
    """Decode bytes to ``str``, or raise RejectedInput for binary/undecodable content.

    ``html`` lets a ``<meta charset>`` declaration choose the legacy codec when the bytes
    are not UTF-8 (browsers do the same; guessing is worse than an explicit label).
    """
    what = _binary_kind(data)
    if what:
        raise RejectedInput(f"binary content ({what}), not text")
    text = _decode_with_bom(data)
    if text is None:
        text = _decode_utf16_32_without_bom(data)
    if text is None:
        if b"\x00" in data:
            raise RejectedInput("binary content (contains NUL bytes), not text")
        text = _decode_8bit(data, html=html)
    if not text.strip():
        raise RejectedInput("empty input")
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    if controls > _MAX_CONTROL_RATIO * len(sample):
        raise RejectedInput("binary content (mostly non-printable characters), not text")
    return text


def _binary_kind(data: bytes) -> str | None:
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return what
    if _BZIP2.match(data):
        return "bzip2 archive"
    if _ID3.match(data):
        return "MP3 audio"
    return None


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput(
                    f"undecodable text: has a {encoding.upper()} byte-order mark "
                    f"but is not valid {encoding.upper()} ({exc.reason})"
                ) from None
    return None


def _decode_utf16_32_without_bom(data: bytes) -> str | None:
    """Recognise UTF-16/32 of mostly-ASCII text by its NULs at regular positions.

    Text in Latin script encoded as UTF-16 has a NUL in every other byte, on the odd
    positions for little-endian and the even ones for big-endian; UTF-32 has three in
    four. Binary files have NULs too, but not with that regularity, and the strict
    decode that follows catches most false positives.
    """
    sample = data[:8192]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    n4 = len(sample) // 4
    if n4 and len(data) % 4 == 0:
        cols = [sample[i : n4 * 4 : 4].count(0) for i in range(4)]
        if cols[1] == cols[2] == cols[3] == n4 and cols[0] < n4 * 0.1:
            return _try_decode(data, "utf-32-le")
        if cols[0] == cols[1] == cols[2] == n4 and cols[3] < n4 * 0.1:
            return _try_decode(data, "utf-32-be")
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.4 * pairs and even == 0:
        return _try_decode(data[: len(data) // 2 * 2], "utf-16-le")
    if even >= 0.4 * pairs and odd == 0:
        return _try_decode(data[: len(data) // 2 * 2], "utf-16-be")
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # A lucky decode of binary gives unassigned/private characters; real text does not.
    odd = sum(1 for ch in text[:4096] if unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return text if odd <= 0.01 * min(len(text), 4096) else None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_8bit(data: bytes, *, html: bool) -> str:
    """Strict UTF-8, else a declared HTML charset, else a guess (Windows-1252 for Latin)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            encoding = declared.group(1).decode("ascii", "replace")
            try:
                if codecs.lookup(encoding).name not in ("utf-8", "utf-16", "utf-32"):
                    return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    # Text that is mostly ASCII with a few high bytes is Latin script with accents or
    # smart quotes; detectors guess wildly there (cp1251 for "\x93yes\x94"), so only
    # mostly-non-ASCII input (Cyrillic, Greek, CJK...) is left to the detector.
    high = sum(1 for b in data[:65536] if b >= 0x80)
    guess = _guess_encoding(data) if high > 0.3 * min(len(data), 65536) else None
    if guess and guess not in _LATIN_FAMILY:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    # Lenient Windows-1252: the five undefined bytes map to C1 controls, which ftfy
    # repairs or the clean-up step drops; it never fails, so binary is judged later.
    return data.decode("sloppy-windows-1252")


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector bug must not lose the document
        log.debug("charset detection failed", exc_info=True)
        return None
    if best is None:
        return None
    try:
        return codecs.lookup(best.encoding).name.replace("-", "_")
    except LookupError:
        return None


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
_URL_KEYS = ("url", "link", "canonical_url", "uri")
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
    outlet = _clean_field(scan.meta_first("og:site_name", "application-name") or ex.get("sitename"))
    title = _headline(scan, ex.get("title"), outlet)
    meta = SourceMeta(
        title=title,
        url=_clean_field(
            scan.canonical or scan.meta_first("og:url", "twitter:url") or ex.get("url")
        ),
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
            or ex.get("date")
        ),
        outlet=outlet,
        author=_clean_field(_author(scan) or ex.get("author")),
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


def _headline(scan: _HtmlScan, extracted_title: str | None, outlet: str | None) -> str | None:
    """The article headline: og:title, else the extractor's title, else <h1>/<title>.

    A "Headline - Site name" or "Headline | Site" suffix is cut when it names the outlet,
    or when the <h1> is exactly the part before the separator.
    """
    h1 = _clean_field(scan.h1)
    for candidate in (
        scan.meta_first("og:title", "twitter:title", "headline"),
        extracted_title,
        h1,
        scan.title,
    ):
        title = _clean_field(candidate)
        if title:
            return _strip_site_suffix(title, outlet, h1)
    return None


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")


def _strip_site_suffix(title: str, outlet: str | None, h1: str | None) -> str:
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        if (outlet and _same(tail, outlet)) or (h1 and _same(head, h1)):
            return head.strip()
    return title


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
        self.time_datetime: str | None = None
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
        if tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"]
            return
        if tag == "time" and self.time_datetime is None and a.get("datetime"):
            self.time_datetime = a["datetime"]
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
