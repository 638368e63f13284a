"""Where a document came from: the source path stored with it, and what can be said about
that file later, from wherever diplo runs then.

Paths are stored absolute, so that `diplo prune` or the next load can judge them from any
working directory; users still see them short (relative to where they stand) when possible.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from etl.ingest.discover import STDIN_SOURCE

FileState = Literal["present", "missing", "unknown"]

_RECORD_SUFFIX = re.compile(r"#L?\d+$")


def _split(source: str) -> tuple[str, str]:
    """``(file part, record suffix)``: JSON Lines records are stored as ``path#L<line>``."""
    match = _RECORD_SUFFIX.search(source)
    return (source[: match.start()], match.group()) if match else (source, "")


def stored_source(source: str) -> str:
    """The source to store for an input given as ``source`` (relative to the current
    directory): its absolute path, record suffix kept. Standard input stays ``<stdin>``."""
    if source.startswith("<"):
        return source
    path, suffix = _split(source)
    return os.path.abspath(path) + suffix


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
