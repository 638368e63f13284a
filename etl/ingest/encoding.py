"""Bytes to text: byte-order marks, UTF-16 and UTF-32 without them, 8-bit encodings guessed
from the bytes, and binary files recognised before they are read as text.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

# Importing ftfy.bad_codecs registers the "sloppy-windows-1252" codec used below.
import ftfy.bad_codecs  # noqa: F401

from etl.errors import RejectedInput

log = logging.getLogger(__name__)


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


_MAX_CONTROL_RATIO = 0.05


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
