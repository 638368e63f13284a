"""Read stage: turn a discovered candidate into raw byte inputs (one per document).

Text and HTML files are one document each. JSON inputs hold records: a ``.json`` file is
one object or an array of objects; a JSON Lines file (``.jsonl``, ``.ndjson``, or a
``.json`` file that turns out to hold one object per line) is one record per line. Each
record carries its identity within the file (``etl.ingest.records``); its line or index
is only where it sits now, for messages.

The size limit protects memory, so it is checked with ``stat`` before a file is opened
and enforced again while reading (a file may grow, a pipe has no size). For JSON Lines the
limit applies per record rather than per file: such files are corpora of many articles and
are streamed line by line, never held whole.

Every failure becomes a :class:`Rejection` in the output stream, never an exception, so
one bad file does not stop a batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from etl.article import RawInput, Rejection
from etl.errors import RejectedInput
from etl.ingest.discover import STDIN_SOURCE, Candidate
from etl.ingest.records import record_key, shared_identities, stated_identity
from etl.ingest.sidecar import SIDECAR_SUFFIX, read_sidecar

_CHUNK = 1 << 20
_JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


def read(
    candidate: Candidate, *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[RawInput | Rejection]:
    """Yield the raw inputs of one candidate, or rejections for what cannot be read.

    ``stdin`` overrides ``sys.stdin.buffer`` (tests, embedding). Standard input is read up
    to ``max_bytes``; if it starts like JSON it is split into records like a file would be,
    otherwise it is one document of kind "text" and the decoder sniffs HTML.
    """
    if candidate.path is None:
        yield from _read_stdin(candidate.source, stdin or sys.stdin.buffer, max_bytes)
        return
    path = candidate.path
    source = candidate.source
    json_lines = candidate.kind == "json" and path.suffix.lower() in _JSON_LINES_SUFFIXES
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            yield Rejection(source, "is a directory")
            return
        if not json_lines and stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            yield Rejection(source, _too_large(st.st_size, max_bytes))
            return
        with open(path, "rb") as fh:
            if json_lines:
                yield from _json_lines_file(source, fh, max_bytes)
                return
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield Rejection(source, _os_reason(exc))
        return
    if len(data) > max_bytes:
        yield Rejection(source, f"file too large: more than {human_size(max_bytes)} (limit)")
        return
    try:
        # JSON records state their own metadata; a sidecar describes one document.
        sidecar = None if candidate.kind == "json" else read_sidecar(path, max_bytes)
    except (RejectedInput, OSError) as exc:
        yield Rejection(source, str(exc) if isinstance(exc, RejectedInput) else _os_reason(exc))
        return
    if sidecar is not None:
        # The sidecar is part of what the document is: editing it re-parses the document.
        sha = _sha256(data + b"\0" + SIDECAR_SUFFIX.encode() + b"\0" + sidecar)
        yield RawInput(source, data, sha, candidate.kind, sidecar=sidecar)
    elif candidate.kind == "json":
        yield from _json_document(source, data)
    else:
        yield RawInput(source, data, _sha256(data), candidate.kind)


def _read_stdin(source: str, stream: BinaryIO, max_bytes: int) -> Iterator[RawInput | Rejection]:
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        yield Rejection(source, _os_reason(exc))
        return
    if len(data) > max_bytes:
        yield Rejection(source, f"input too large: more than {human_size(max_bytes)} (limit)")
        return
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        yield from _json_document(source or STDIN_SOURCE, data)
    else:
        yield RawInput(source, data, _sha256(data), "text")


def _json_document(source: str, data: bytes) -> Iterator[RawInput | Rejection]:
    """A whole JSON document: one object, an array of objects, or JSON Lines after all."""
    try:
        value = _loads_lenient(data)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            # Several values one after another: treat the file as JSON Lines.
            lines = data.splitlines(keepends=True)
            yield from _json_lines(source, lambda: _plain(lines))
            return
        yield Rejection(source, f"invalid JSON: {_json_error(exc)}", _sha256(data))
        return
    except RecursionError:
        yield Rejection(source, "invalid JSON: nested too deeply", _sha256(data))
        return
    if isinstance(value, list):
        if not value:
            yield Rejection(source, "JSON array holds no records", _sha256(data))
        # Canonical form, so the same record hashes the same wherever it comes from.
        records = [
            (item, json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8"))
            for item in value
        ]
        shared = shared_identities((stated_identity(i), _sha256(r)) for i, r in records)
        for index, (item, record) in enumerate(records):
            sha = _sha256(record)
            key = record_key(stated_identity(item), sha, shared)
            yield RawInput(f"{source}#{index}", record, sha, "json", key)
        return
    # One object (or a scalar, which the decoder rejects with a clear reason).
    yield RawInput(source, data, _sha256(data), "json")


NumberedLines = Iterator[tuple[int, bytes, bool]]


def _json_lines_file(source: str, fh: BinaryIO, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """A JSON Lines file, streamed: read twice (identities first, records then) rather than
    held whole; a pipe, which cannot be read twice, is held line by line."""
    if fh.seekable():
        start = fh.tell()

        def again() -> NumberedLines:
            fh.seek(start)
            return _bounded_lines(fh, max_bytes)

        yield from _json_lines(source, again, max_bytes)
        return
    lines = list(_bounded_lines(fh, max_bytes))
    yield from _json_lines(source, lambda: iter(lines), max_bytes)


def _json_lines(
    source: str, lines: Callable[[], NumberedLines], max_bytes: int = 0
) -> Iterator[RawInput | Rejection]:
    """One record per non-blank line; a bad line is reported and the others still load.

    ``lines`` gives the numbered lines afresh on each call: a first pass finds the ids and
    URLs that records of different content share, which then identify none of them.
    """
    shared = shared_identities(
        (stated_identity(value), _sha256(line))
        for number, line, value in _json_records(source, lines(), max_bytes)
        if not isinstance(value, Rejection)
    )
    for number, line, value in _json_records(source, lines(), max_bytes):
        if isinstance(value, Rejection):
            yield value
            continue
        sha = _sha256(line)
        key = record_key(stated_identity(value), sha, shared)
        yield RawInput(f"{source}#L{number}", line, sha, "json", key)


def _json_records(
    source: str, lines: NumberedLines, max_bytes: int
) -> Iterator[tuple[int, bytes, object]]:
    """``(line number, stripped line, parsed value or Rejection)`` per non-blank line."""
    for number, line, too_long in lines:
        where = f"{source}#L{number}"
        if too_long:
            reason = f"record on line {number} too large: more than {human_size(max_bytes)}"
            yield number, b"", Rejection(where, reason)
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        line = line.strip()
        if not line:
            continue
        try:
            value = _loads_lenient(line)
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON on line {number}: {_json_error(exc)}"
            yield number, line, Rejection(where, reason, _sha256(line))
            continue
        except RecursionError:
            yield (
                number,
                line,
                Rejection(where, f"invalid JSON on line {number}: nested too deeply"),
            )
            continue
        yield number, line, value


def _loads_lenient(data: bytes) -> object:
    """Parse JSON bytes; legacy 8-bit text (not UTF-8) is accepted, the decoder repairs it.

    Raises json.JSONDecodeError (also for undecodable bytes) or RecursionError.
    """
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # never fails; JSON syntax is ASCII anyway
        return json.loads(text)


def _plain(lines: Iterable[bytes]) -> NumberedLines:
    for number, line in enumerate(lines, start=1):
        yield number, line, False


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> NumberedLines:
    """Lines of a binary file, never holding more than ``max_bytes`` of one line.

    A longer line is drained in chunks and reported as too long instead of buffered.
    """
    number = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = fh.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, b"", True
            continue
        yield number, line, False


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} (column {exc.colno})"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large: {human_size(size)} > limit {human_size(max_bytes)}"


def human_size(n: int) -> str:
    """Bytes as a person reads them: "100 bytes", "1.5 KB", "10.0 MB", "2.0 GB"."""
    if n < 1024:
        return f"{n} byte{'s' if n != 1 else ''}"
    if n < 1024**2:
        return f"{n / 1024:.1f} KB"
    if n < 1024**3:
        return f"{n / 1024**2:.1f} MB"
    return f"{n / 1024**3:.1f} GB"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
