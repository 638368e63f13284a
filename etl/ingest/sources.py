"""Where a document came from: the file stored with it (and, for a record of a JSON Lines
file, the record's identity within it), and what can be said about them later, from
wherever diplo runs then.

Paths are stored absolute, so that `diplo prune` or the next load can judge them from any
working directory; users still see them short (relative to where they stand) when possible.
A record is judged by reading its file: it is still there when the file holds a record of
that identity, or of that content.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from etl.article import RawInput
from etl.ingest.discover import STDIN_SOURCE, Candidate, kind_for
from etl.ingest.read import read
from etl.ingest.records import is_position
from etl.settings import DEFAULT_MAX_BYTES

FileState = Literal["present", "missing", "unknown"]

_RECORD_SUFFIX = re.compile(r"#L?\d+$")


def _split(source: str) -> tuple[str, str]:
    """``(file part, record suffix)``: JSON Lines records are stored as ``path#L<line>``."""
    match = _RECORD_SUFFIX.search(source)
    return (source[: match.start()], match.group()) if match else (source, "")


def stored_source(source: str) -> str:
    """The source to record for an input given as ``source`` (relative to the current
    directory): its absolute path, line suffix kept (rejections name the line). Standard
    input stays ``<stdin>``."""
    if source.startswith("<"):
        return source
    path, suffix = _split(source)
    return os.path.abspath(path) + suffix


def stored_file(source: str) -> str:
    """The ``documents.source_path`` of an input given as ``source``: the absolute path of
    its file, without the line of a record (``<stdin>`` for standard input)."""
    return _split(stored_source(source))[0]


def position(source: str) -> str | None:
    """Where a record of a file sits now, from its source (``L12``, or ``3`` in an array)."""
    suffix = _split(source)[1]
    return suffix[1:] or None


def display(source_path: str, record: str | None, *, short: bool = True) -> str:
    """A stored document's source as users see it: ``feed.jsonl#id=42`` for a record."""
    where = short_path(source_path) if short else source_path
    return f"{where}#{record}" if record else where


def source_file(source_path: str) -> Path | None:
    """The file a stored document came from; None for standard input."""
    if source_path.startswith("<") or source_path == STDIN_SOURCE:
        return None
    return Path(_split(source_path)[0])


def file_state(source_path: str) -> FileState:
    """Whether a stored document's file is still there, judged from here.

    "unknown" when it cannot be judged: standard input, a relative path stored by an older
    diplo (relative to a directory nobody remembers), or a file that cannot be looked at
    (permissions, I/O errors). Only "missing" may ever lead to deleting a document.
    """
    path = source_file(source_path)
    if path is None or not path.is_absolute():
        return "unknown"
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError:
        return "unknown"
    return "present"


def short_path(source_path: str) -> str:
    """A stored source as users see it: relative to the current directory when the file
    lies below it, absolute otherwise."""
    path, suffix = _split(source_path)
    if not os.path.isabs(path):
        return source_path
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return source_path
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return source_path
    return relative + suffix


@dataclass(frozen=True, slots=True)
class FileRecords:
    """The records a JSON file holds now: their identities, and their content hashes with
    where each first sits (``L12``)."""

    keys: frozenset[str]
    positions: dict[str, str]

    def holds(self, record: str, content_sha256: str) -> bool:
        return content_sha256 in self.positions or (not is_position(record) and record in self.keys)


def file_records(path: Path) -> FileRecords | None:
    """Read a JSON file's records as a load would; None when the file cannot be read."""
    keys: set[str] = set()
    positions: dict[str, str] = {}
    candidate = Candidate(str(path), path, kind_for(path) or "json")
    for item in read(candidate, max_bytes=DEFAULT_MAX_BYTES):
        if isinstance(item, RawInput):
            if item.record is not None:
                keys.add(item.record)
            positions.setdefault(item.content_sha256, position(item.source) or "")
        elif _split(item.source)[1] == "":
            return None  # the file itself failed (unreadable, too large), not one record
    return FileRecords(frozenset(keys), positions)


class SourceJudge:
    """Judges stored sources from here, reading each JSON file at most once."""

    def __init__(self) -> None:
        self._files: dict[Path, FileRecords | None] = {}

    def records(self, path: Path) -> FileRecords | None:
        if path not in self._files:
            self._files[path] = file_records(path)
        return self._files[path]

    def state(self, source_path: str, record: str | None, content_sha256: str) -> FileState:
        """``file_state`` of a stored document; for a record, whether its file still holds
        it (by identity or by content)."""
        state = file_state(source_path)
        path = source_file(source_path)
        if record is None or state != "present" or path is None:
            return state
        records = self.records(path)
        if records is None:
            return "unknown"
        return "present" if records.holds(record, content_sha256) else "missing"
